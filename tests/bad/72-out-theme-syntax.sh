# Output: a theme template that does not compile.
status=1
expect='theme/layout.mustache:1:1: error: unclosed section '"'"'site'"'"''
bad() {
	mkdir -p "$1/theme"
	printf '{{#site}}\n<html>{{title}}\n' >"$1/theme/layout.mustache"
	commit "$1" "$D2" "Giao diện mới"
}
