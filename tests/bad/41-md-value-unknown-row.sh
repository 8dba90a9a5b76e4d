# Markdown: a quoted value from a row that does not exist; the build fails
# half-way through the pages and publishes nothing.
status=1
expect='content/01-muc-tieu.md:9:10: error: table '"'"'indicators'"'"' has no row with key '"'"'99'"'"''
bad() {
	printf '\nKết quả: {{value indicators 99 result}}.\n' >>"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Trích số liệu"
}
