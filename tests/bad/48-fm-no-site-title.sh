# Front matter: _index.md without the site's title.
status=1
expect='content/_index.md:1:1: error: the site needs a title: add '"'"'title: ...'"'"' to the front matter'
expect_vi='content/_index.md:1:1: error: trang web cần có tiêu đề: hãy thêm dòng '"'"'title: ...'"'"' vào phần đầu trang (front matter)'
bad() {
	printf -- '---\nyear: "2024"\n---\nGiới thiệu.\n' >"$1/content/_index.md"
	commit "$1" "$D2" "Sửa trang chủ"
}
