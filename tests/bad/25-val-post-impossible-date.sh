# Values: a post dated 30/02/2024.
status=1
expect='content/posts/tin.md:3:7: error: a post needs '"'"'date:'"'"' as dd/mm/yyyy (a real date)'
bad() {
	mkdir -p "$1/content/posts"
	printf -- '---\ntitle: "Tin"\ndate: "30/02/2024"\n---\nTin.\n' >"$1/content/posts/tin.md"
	commit "$1" "$D2" "Đăng tin"
}
