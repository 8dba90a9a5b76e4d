# Markdown: "![[]()" repeated 100000 times (quadratic in cmark 0.30.2).
status=1
expect='content/01-muc-tieu.md:4:37942: error: too many nested links and images'
bad() {
	{ printf -- '---\ntitle: "Mục tiêu"\n---\n'; awk 'BEGIN { for (i = 0; i < 100000; i++) printf "![[]()"; print "" }'; } >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Ảnh lồng"
}
