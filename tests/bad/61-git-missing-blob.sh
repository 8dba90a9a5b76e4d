# Git: the object of a content file is missing.
status=2
expect='ssg: error: cannot read content/01-muc-tieu.md: object not found - cannot read header for (973eca808226ec1808486b1b1ebfb881bb2f05d0)'
bad() {
	id=$(git -C "$1" rev-parse HEAD:content/01-muc-tieu.md)
	rm -f "$1/.git/objects/$(echo "$id" | cut -c1-2)/$(echo "$id" | cut -c3-)"
}
