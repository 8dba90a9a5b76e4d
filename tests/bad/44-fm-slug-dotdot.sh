# Front matter: a slug that climbs out of the site.
status=1
expect='content/01-muc-tieu.md:3:7: error: slug '"'"'../../etc'"'"' may hold only a-z, 0-9 and '"'"'-'"'"''
bad() {
	printf -- '---\ntitle: "Mục tiêu"\nslug: ../../etc\n---\nNội dung.\n' >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Sửa mục tiêu"
}
