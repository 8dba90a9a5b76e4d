# Git: a crafted tree (git would never write it) with an entry named "..".
status=1
expect='content:1:1: error: invalid file name in tree: ".."'
bad() {
	blob=$(git -C "$1" rev-parse HEAD:content/01-muc-tieu.md)
	idx=$(git -C "$1" rev-parse HEAD:content/_index.md)
	data=$(git -C "$1" rev-parse HEAD:data)
	bin() { printf '%s' "$1" | sed 's/../& /g' | awk '{ for (i = 1; i <= NF; i++) printf "\\%03o", ("0x" $i) + 0 }'; }
	content=$( { printf '100644 ..\000'; printf "$(bin "$blob")"; printf '100644 _index.md\000'; printf "$(bin "$idx")"; } | git -C "$1" hash-object -t tree --literally -w --stdin)
	root=$( { printf '40000 content\000'; printf "$(bin "$content")"; printf '40000 data\000'; printf "$(bin "$data")"; } | git -C "$1" hash-object -t tree --literally -w --stdin)
	c=$(GIT_AUTHOR_DATE="$D2" GIT_COMMITTER_DATE="$D2" git -C "$1" commit-tree "$root" -p HEAD -m "Cây lạ")
	git -C "$1" update-ref refs/heads/main "$c"
}
