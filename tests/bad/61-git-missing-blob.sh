# Git: the object of a content file is missing.
status=2
# Our words and what to do; libgit2's own words only in parentheses.
expect='ssg: error: cannot read content/01-muc-tieu.md: the repository is damaged or incomplete: `git fsck` shows what is damaged, and a fresh clone repairs it (object not found - cannot read header for (973eca808226ec1808486b1b1ebfb881bb2f05d0))'
expect_vi='ssg: error: không đọc được content/01-muc-tieu.md: kho lưu trữ bị hỏng hoặc thiếu dữ liệu: lệnh `git fsck` cho biết phần nào bị hỏng, và một bản sao (clone) mới sẽ khắc phục được (object not found - cannot read header for (973eca808226ec1808486b1b1ebfb881bb2f05d0))'
bad() {
	id=$(git -C "$1" rev-parse HEAD:content/01-muc-tieu.md)
	rm -f "$1/.git/objects/$(echo "$id" | cut -c1-2)/$(echo "$id" | cut -c3-)"
}
