# Git: bytes in the middle of the pack file overwritten.
status=2
expect=
bad() {
	git -C "$1" gc -q
	p=$(ls "$1"/.git/objects/pack/*.pack)
	size=$(stat -c %s "$p")
	chmod u+w "$p"
	expect="ssg: error: corrupt repository: $p is damaged (its checksum does not match); \`git fsck\` shows what is damaged, and a fresh clone repairs it"
	head -c 64 /dev/zero | dd of="$p" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
}
