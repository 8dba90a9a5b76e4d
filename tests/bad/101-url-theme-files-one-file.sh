# Addresses: two files of the theme whose names differ only in case are
# one file where the site's archive is opened (Windows, macOS): one would
# silently replace the other.  Before, check and build passed.
status=1
expect='theme/static/logo.png:1:1: error: theme/static/Logo.png and theme/static/logo.png would be written to static/Logo.png and static/logo.png, one file where letter case does not count (Windows, macOS): rename one of them'
expect_vi='theme/static/logo.png:1:1: error: theme/static/Logo.png và theme/static/logo.png sẽ được ghi vào static/Logo.png và static/logo.png, là cùng một tệp ở nơi không phân biệt chữ hoa chữ thường (Windows, macOS): hãy đổi tên một trong hai'
bad() {
	mkdir -p "$1/theme/static"
	printf 'PNG1' >"$1/theme/static/Logo.png"
	printf 'PNG2' >"$1/theme/static/logo.png"
	commit "$1" "$D2" "Biểu trưng"
}
