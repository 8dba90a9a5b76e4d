# Addresses: a theme's Style.css, meant to replace the site's style.css,
# is another file beside it on Linux (the pages keep the old style) and
# the same file on Windows: the message names it and the site's own file.
# Before, check and build passed.
status=1
expect='theme/static/Style.css:1:1: error: theme/static/Style.css would be written to static/Style.css, which is the site'"'"'s own static/style.css where letter case does not count (Windows, macOS): rename it'
expect_vi='theme/static/Style.css:1:1: error: theme/static/Style.css sẽ được ghi vào static/Style.css, là cùng một tệp với tệp static/style.css của chính trang web ở nơi không phân biệt chữ hoa chữ thường (Windows, macOS): hãy đổi tên nó'
bad() {
	mkdir -p "$1/theme/static"
	printf 'body { color: black }\n' >"$1/theme/static/Style.css"
	commit "$1" "$D2" "Giao diện"
}
