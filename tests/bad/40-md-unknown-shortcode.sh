# Markdown: a shortcode nobody defined.
status=1
expect='content/01-muc-tieu.md:9:5: error: unknown shortcode {{chart}} with 1 argument(s): use {{table NAME}}, {{tasks}}, {{indicators}} or {{value TABLE ID COLUMN}}'
expect_vi='content/01-muc-tieu.md:9:5: error: không có mã ngắn (shortcode) {{chart}} với 1 tham số: hãy dùng {{table TÊN}}, {{tasks}}, {{indicators}} hoặc {{value BẢNG MÃ CỘT}}'
bad() {
	printf '\nXem {{chart indicators}}.\n' >>"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Thêm biểu đồ"
}
