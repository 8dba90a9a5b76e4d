# Front matter: YAML that does not parse (a quote never closed), said
# where the quote opens, in the clerk's words, in both languages.
status=1
expect='content/01-muc-tieu.md:2:8: error: invalid YAML: a value opened with a quote is never closed: add the closing quote at the end of the value'
expect_vi='content/01-muc-tieu.md:2:8: error: YAML không hợp lệ: giá trị mở ngoặc kép (hoặc ngoặc đơn) nhưng chưa đóng: hãy thêm dấu ngoặc đóng ở cuối giá trị'
bad() {
	printf -- '---\ntitle: "Mục tiêu\nweight: 1\n---\nNội dung.\n' >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Sửa mục tiêu"
}
