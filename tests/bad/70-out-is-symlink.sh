# Output: OUT is a symbolic link.
status=2
expect="ssg: error: output path is a symbolic link: $T/link"
bad() {
	mkdir "$T/elsewhere"
	ln -s "$T/elsewhere" "$T/link"
	args="build -C $1 -o $T/link"
}
