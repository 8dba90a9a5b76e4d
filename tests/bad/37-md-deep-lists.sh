# Markdown: lists nested 1000 deep (quadratic in cmark 0.30.2): refused
# in bounded time.
status=1
expect='content/01-muc-tieu.md:36:1: error: block quotes or lists nest deeper than 32 levels'
bad() {
	{ printf -- '---\ntitle: "Mục tiêu"\n---\n'; awk 'BEGIN { s = ""; for (i = 0; i < 1000; i++) { print s "- a"; s = s "  " } }'; } >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Danh sách lồng"
}
