# Encoding: a NUL byte in front matter, said in both languages.
status=1
expect='content/01-muc-tieu.md:2:12: error: a NUL byte is not allowed in front matter'
expect_vi='content/01-muc-tieu.md:2:12: error: phần đầu trang (front matter) có byte NUL: hãy lưu tệp dạng văn bản UTF-8'
bad() {
	printf -- '---\ntitle: "Mục\000tiêu"\n---\nMột\n' >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Sửa mục tiêu"
}
