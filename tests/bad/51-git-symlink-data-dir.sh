# Git: data/ itself a symbolic link to a directory outside.
status=1
expect='data:1:1: error: symbolic links are not allowed in content/, data/ or theme/ (they could point outside the repository)'
bad() {
	rm -rf "$1/data"
	ln -s /etc "$1/data"
	commit "$1" "$D2" "Dữ liệu ở chỗ khác"
}
