# Git: a revision that names a file, not a commit.
status=2
expect="ssg: error: revision 'HEAD:content/_index.md' is not a commit"
bad() {
	args="build -C $1 --rev HEAD:content/_index.md -o $OUT"
}
