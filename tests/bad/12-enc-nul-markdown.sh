# Encoding: a NUL byte in a Markdown body.
status=1
expect='content/01-muc-tieu.md:6:4: error: a NUL byte is not allowed'
expect_vi='content/01-muc-tieu.md:6:4: error: có byte NUL: hãy lưu tệp dạng văn bản UTF-8'
bad() {
	printf -- '---\ntitle: "Mục tiêu"\n---\nMột\n\nHai\000ba\n' >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Sửa mục tiêu"
}
