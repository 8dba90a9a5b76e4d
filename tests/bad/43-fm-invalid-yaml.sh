# Front matter: YAML that does not parse.
status=1
expect='content/01-muc-tieu.md:4:1: error: invalid YAML while scanning a quoted scalar: found unexpected end of stream'
bad() {
	printf -- '---\ntitle: "Mục tiêu\nweight: 1\n---\nNội dung.\n' >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Sửa mục tiêu"
}
