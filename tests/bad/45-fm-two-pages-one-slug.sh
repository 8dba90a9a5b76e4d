# Front matter: two sections claim one slug.
status=1
expect='content/01-muc-tieu.md:1:1: error: slug '"'"'muc-tieu'"'"' is already used by content/02-khac.md'
bad() {
	printf -- '---\ntitle: "Khác"\nslug: muc-tieu\n---\nNội dung.\n' >"$1/content/02-khac.md"
	commit "$1" "$D2" "Thêm mục"
}
