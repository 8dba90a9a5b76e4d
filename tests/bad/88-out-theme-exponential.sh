# Output: a theme whose sections nest twenty lists deep ({{#site.nav}}
# inside {{#site.nav}}...) would render 7^20 times: stopped by the render
# budget, in bounded time, with nothing published.
status=1
expect='theme/section.mustache:1:235: error: rendering takes more than 20000000 steps: lists in sections nest too deep, or a partial calls itself inside a section'
bad() {
	mkdir -p "$1/theme"
	awk 'BEGIN { for (i = 0; i < 20; i++) printf "{{#site.nav}}"; printf "x"; for (i = 0; i < 20; i++) printf "{{/site.nav}}"; print "" }' >"$1/theme/section.mustache"
	commit "$1" "$D2" "Giao diện mới"
}
