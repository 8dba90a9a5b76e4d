# Front matter: a title with ': ' in it, not quoted (YAML reads a new
# name), in both languages.
status=1
expect='content/01-muc-tieu.md:2:16: error: invalid YAML: a value holds '"': '"', which YAML reads as a new name: put the whole value in double quotes (title: "Kế hoạch: năm 2024")'
expect_vi='content/01-muc-tieu.md:2:16: error: YAML không hợp lệ: giá trị có dấu '"': '"', mà YAML hiểu là bắt đầu một tên mới: hãy đặt cả giá trị trong ngoặc kép (title: "Kế hoạch: năm 2024")'
bad() {
	printf -- '---\ntitle: Mục tiêu: năm 2024\n---\nNội dung.\n' >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Sửa mục tiêu"
}
