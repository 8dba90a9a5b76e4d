# Output: OUT is a folder ssg did not write: never replaced.
status=2
expect="ssg: error: refusing to replace $T/docs: it is not empty and has no .ssg-output file, so ssg did not write it"
bad() {
	mkdir "$T/docs"
	echo "tài liệu" >"$T/docs/readme.txt"
	args="build -C $1 -o $T/docs"
}
