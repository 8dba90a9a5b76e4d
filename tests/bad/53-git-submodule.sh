# Git: a submodule (gitlink) inside content/.
status=1
expect='content/ngoai:1:1: error: submodules are not supported'
bad() {
	id=$(git -C "$1" rev-parse HEAD)
	git -C "$1" update-index --add --cacheinfo "160000,$id,content/ngoai"
	(cd "$1" && GIT_AUTHOR_DATE="$D2" GIT_COMMITTER_DATE="$D2" git commit -qm "Thêm submodule")
}
