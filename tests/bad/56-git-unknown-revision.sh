# Git: a revision that does not exist.
status=2
expect="ssg: error: unknown revision 'v9.9'"
expect_vi="ssg: error: không có phiên bản 'v9.9'"
bad() {
	args="build -C $1 --rev v9.9 -o $OUT"
}
