# Output: a theme whose section template recurses fails while pages are
# being written: nothing of the new site is published.
status=1
expect='theme/section.mustache:1:1: error: partials nest deeper than 64: is '"'"'section'"'"' recursive?'
bad() {
	mkdir -p "$1/theme"
	printf '{{>section}}\n' >"$1/theme/section.mustache"
	commit "$1" "$D2" "Giao diện mới"
}
