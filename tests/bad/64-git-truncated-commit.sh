# Git: the HEAD commit object cut short.
status=2
expect=
bad() {
	id=$(git -C "$1" rev-parse HEAD)
	f="$1/.git/objects/$(echo "$id" | cut -c1-2)/$(echo "$id" | cut -c3-)"
	chmod u+w "$f"
	expect="ssg: error: corrupt repository: $f is truncated; \`git fsck\` shows what is damaged, and a fresh clone repairs it"
	truncate -s 20 "$f"
}
