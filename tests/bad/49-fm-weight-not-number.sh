# Front matter: a weight in words.
status=1
expect='content/01-muc-tieu.md:3:9: error: weight must be a whole number'
bad() {
	sed -i 's/^weight: 1$/weight: một/' "$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Sửa thứ tự"
}
