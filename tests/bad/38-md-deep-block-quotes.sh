# Markdown: block quotes nested 50000 deep: refused in bounded time.
status=1
expect='content/01-muc-tieu.md:4:1: error: block quotes or lists nest deeper than 32 levels'
bad() {
	{ printf -- '---\ntitle: "Mục tiêu"\n---\n'; head -c 50000 /dev/zero | tr '\0' '>'; printf ' a\n'; } >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Trích dẫn lồng"
}
