# Size: a front matter with more than 4096 values.
status=1
expect='content/01-muc-tieu.md:4097:5: error: front matter has more than 4096 values'
bad() {
	{ printf -- '---\ntitle: "Mục tiêu"\nlist:\n'; awk 'BEGIN { for (i = 0; i < 5000; i++) print "  - " i }'; printf -- '---\nBody\n'; } >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Thêm danh sách"
}
