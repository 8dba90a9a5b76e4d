# Git: the loose object of a data file replaced by bytes that are not zlib.
status=2
expect=
bad() {
	id=$(git -C "$1" rev-parse HEAD:data/indicators.csv)
	f="$1/.git/objects/$(echo "$id" | cut -c1-2)/$(echo "$id" | cut -c3-)"
	chmod u+w "$f"
	expect="ssg: error: corrupt repository: $f is not valid zlib data; \`git fsck\` shows what is damaged, and a fresh clone repairs it"
	head -c 300 /dev/urandom >"$f"
}
