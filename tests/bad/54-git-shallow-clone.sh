# Git: a shallow clone has no whole history to publish: said plainly.
status=2
expect='ssg: error: history needs the whole repository: this is a shallow clone; run `git fetch --unshallow`'
bad() {
	printf '\nThêm.\n' >>"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Sửa"
	git clone -q --depth 1 "file://$1" "$T/shallow"
	args="build -C $T/shallow -o $OUT"
}
