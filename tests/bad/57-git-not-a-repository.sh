# Git: -C names a plain directory.
status=2
expect="ssg: error: not a git repository: $T/plain"
expect_vi="ssg: error: không phải là kho lưu trữ git (repository): $T/plain"
bad() {
	mkdir "$T/plain"
	args="build -C $T/plain -o $OUT"
}
