# Markdown: a shortcode nobody defined.
status=1
expect='content/01-muc-tieu.md:9:5: error: unknown shortcode {{chart}} with 1 argument(s): use {{table NAME}}, {{tasks}}, {{indicators}} or {{value TABLE ID COLUMN}}'
bad() {
	printf '\nXem {{chart indicators}}.\n' >>"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Thêm biểu đồ"
}
