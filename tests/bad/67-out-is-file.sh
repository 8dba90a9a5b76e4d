# Output: OUT is a file.
status=2
expect="ssg: error: output path is not a directory: $T/file"
expect_vi="ssg: error: đường dẫn thư mục xuất không phải là thư mục: $T/file"
bad() {
	echo "không phải thư mục" >"$T/file"
	args="build -C $1 -o $T/file"
}
