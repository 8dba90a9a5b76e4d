# Markdown: invalid UTF-8 (a lone continuation byte) at its line and column.
status=1
expect='content/01-muc-tieu.md:6:5: error: invalid UTF-8'
bad() {
	printf -- '---\ntitle: "Mục tiêu"\n---\nDòng một.\n\nHai \200 ba\n' >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Sửa mục tiêu"
}
