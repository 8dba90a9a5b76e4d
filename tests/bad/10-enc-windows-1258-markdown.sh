# Encoding: a Markdown section saved as Windows-1258.
status=1
expect='content/01-muc-tieu.md:5:2: error: invalid UTF-8'
bad() {
	printf -- '---\ntitle: "Muc tieu"\n---\nDòng một.\nM\365c \360\355ch\n' >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Sửa mục tiêu"
}
