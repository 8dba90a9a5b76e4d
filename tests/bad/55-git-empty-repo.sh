# Git: a repository without commits.
status=2
expect='ssg: error: repository has no commits yet'
bad() {
	new_repo "$T/empty"
	args="build -C $T/empty -o $OUT"
}
