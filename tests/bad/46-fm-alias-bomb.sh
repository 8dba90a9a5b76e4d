# Front matter: YAML anchors and aliases (billion laughs) are refused.
status=1
expect='content/01-muc-tieu.md:3:4: error: YAML anchors (&a) are not allowed in front matter'
bad() {
	printf -- '---\ntitle: "Mục tiêu"\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n---\nNội dung.\n' >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Sửa mục tiêu"
}
