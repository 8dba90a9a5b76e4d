# Injection: markup in commit and tag messages and in the author's name.
status=0
bad() {
	printf '\nThêm.\n' >>"$1/content/01-muc-tieu.md"
	(cd "$1" && git add -A &&
	 GIT_AUTHOR_NAME='<x-pwn>"><script>pwn()</script>' GIT_AUTHOR_DATE="$D2" GIT_COMMITTER_DATE="$D2" \
	 git commit -qm '<script>pwn()</script> "><x-pwn onclick="pwn()">' -m '<img src=x onerror="pwn()">')
	(cd "$1" && GIT_COMMITTER_DATE="$D2" git tag -a v1 -m '<script>pwn()</script> số 32/KH-BCĐ' -m '<x-pwn>')
}
