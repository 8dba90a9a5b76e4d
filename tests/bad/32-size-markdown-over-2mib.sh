# Size: a Markdown body over 2 MiB.
status=1
expect='content/01-muc-tieu.md:4:1: error: Markdown text is larger than 2097152 bytes'
bad() {
	{ printf -- '---\ntitle: "Mục tiêu"\n---\n'; awk 'BEGIN { for (i = 0; i < 50000; i++) print "Dòng văn bản thứ " i " của kế hoạch." }'; } >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Dán cả văn bản"
}
