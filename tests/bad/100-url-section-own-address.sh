# Addresses: a section named as one of the site's own lists (its file
# content/02-indicators.md gives the slug 'indicators') would replace the
# list of indicators; the message names both, the file and the address
# the site keeps.  Before, it named the file only ("is used by the site
# itself").
status=1
expect='content/02-indicators.md:1:1: error: slug '"'"'indicators'"'"' gives the address indicators/, which the site keeps for its own pages: choose another slug'
expect_vi='content/02-indicators.md:1:1: error: tên đường dẫn (slug) '"'"'indicators'"'"' cho ra địa chỉ indicators/, là địa chỉ trang web dành cho các trang của chính nó: hãy chọn tên đường dẫn khác'
bad() {
	printf -- '---\ntitle: "Các chỉ tiêu"\nweight: 2\n---\nNội dung.\n' >"$1/content/02-indicators.md"
	commit "$1" "$D2" "Thêm mục"
}
