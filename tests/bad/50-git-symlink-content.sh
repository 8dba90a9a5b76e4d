# Git: a symbolic link in content/ pointing outside the repository.
status=1
expect='content/02-mat-khau.md:1:1: error: symbolic links are not allowed in content/, data/ or theme/ (they could point outside the repository)'
bad() {
	ln -s /etc/passwd "$1/content/02-mat-khau.md"
	commit "$1" "$D2" "Thêm liên kết"
}
