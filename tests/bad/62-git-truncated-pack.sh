# Git: the pack file cut short after gc.
status=2
expect=
bad() {
	git -C "$1" gc -q
	p=$(ls "$1"/.git/objects/pack/*.pack)
	size=$(stat -c %s "$p")
	chmod u+w "$p"
	expect="ssg: error: corrupt repository: $p is damaged (its checksum does not match); \`git fsck\` shows what is damaged, and a fresh clone repairs it"
	truncate -s $((size - 200)) "$p"
}
