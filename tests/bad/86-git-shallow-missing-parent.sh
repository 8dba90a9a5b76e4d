# Git: with --no-history a shallow clone builds, but a revision beyond
# its depth is unknown.
status=2
expect="ssg: error: unknown revision 'HEAD~1': \`git log --oneline\` and \`git tag\` list the revisions there are"
bad() {
	printf '\nThêm.\n' >>"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Sửa"
	git clone -q --depth 1 "file://$1" "$T/shallow"
	"$SSG" check --no-history -C "$T/shallow" || fail "a shallow clone must check with --no-history"
	args="build --no-history -C $T/shallow --rev HEAD~1 -o $OUT"
}
