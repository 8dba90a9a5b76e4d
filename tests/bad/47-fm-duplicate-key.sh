# Front matter: one key twice.
status=1
expect='content/01-muc-tieu.md:3:1: error: duplicate key '"'"'title'"'"''
bad() {
	printf -- '---\ntitle: "Mục tiêu"\ntitle: "Khác"\n---\nNội dung.\n' >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Sửa mục tiêu"
}
