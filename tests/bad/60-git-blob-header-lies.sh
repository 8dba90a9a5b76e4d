# Git: a loose object whose header claims an enormous size (an overflow
# bait): refused from the header, nothing allocated.
status=2
expect=
bad() {
	id=$(git -C "$1" rev-parse HEAD:data/indicators.csv)
	f="$1/.git/objects/$(echo "$id" | cut -c1-2)/$(echo "$id" | cut -c3-)"
	chmod u+w "$f"
	expect="ssg: error: corrupt repository: $f has an invalid header; \`git fsck\` shows what is damaged, and a fresh clone repairs it"
	printf 'blob 18446744073709551615\000id,name\n' | python3 -c 'import sys,zlib; sys.stdout.buffer.write(zlib.compress(sys.stdin.buffer.read()))' >"$f"
}
