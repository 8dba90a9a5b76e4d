# Git: a tag made without -a is not a revision of the plan; check says so
# and how to make one, and the site still builds.
status=0
args="check -C $T/r"
expect='ssg: warning: tag '"'"'v2'"'"' is not a revision: it was made without -a; make it with git tag -a (git tag -f -a v2 -m "TITLE OF THE REVISION" v2)'
expect_vi='ssg: warning: nhãn (tag) '"'"'v2'"'"' không phải là một phiên bản: nhãn được tạo không có -a; hãy tạo lại bằng git tag -a (git tag -f -a v2 -m "TÊN PHIÊN BẢN" v2)'
bad() {
	git -C "$1" tag v2
}
