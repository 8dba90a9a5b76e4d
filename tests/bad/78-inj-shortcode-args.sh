# Injection: markup passed to a shortcode is an error, and the message is
# the only place it shows.
status=1
expect='content/01-muc-tieu.md:9:24: error: quoted shortcode argument is not closed: add "'
bad() {
	printf '\nSố: {{value indicators "<x-pwn>" result}}\n' >>"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Trích số liệu"
}
