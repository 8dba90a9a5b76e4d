# Git: the loose object of a content file cut in half.
status=2
expect=
bad() {
	id=$(git -C "$1" rev-parse HEAD:content/01-muc-tieu.md)
	f="$1/.git/objects/$(echo "$id" | cut -c1-2)/$(echo "$id" | cut -c3-)"
	size=$(stat -c %s "$f")
	chmod u+w "$f"
	expect="ssg: error: corrupt repository: $f is truncated; \`git fsck\` shows what is damaged, and a fresh clone repairs it"
	truncate -s $((size / 2)) "$f"
}
