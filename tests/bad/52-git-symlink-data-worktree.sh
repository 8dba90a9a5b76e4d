# Git: with --worktree, a symbolic link in data/ that is not committed.
status=1
expect='data/hosts.csv:1:1: error: symbolic links are not allowed in content/, data/ or theme/ (they could point outside the repository)'
bad() {
	ln -s ../../../../etc/hosts "$1/data/hosts.csv"
	args="build -C $1 --worktree -o $OUT"
}
