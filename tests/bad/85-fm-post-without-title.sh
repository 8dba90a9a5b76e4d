# Front matter: a post without a title.
status=1
expect='content/posts/tin.md:1:1: error: a post needs '"'"'title: ...'"'"' in its front matter'
bad() {
	mkdir -p "$1/content/posts"
	printf -- '---\ndate: "20/06/2024"\n---\nTin.\n' >"$1/content/posts/tin.md"
	commit "$1" "$D2" "Đăng tin"
}
