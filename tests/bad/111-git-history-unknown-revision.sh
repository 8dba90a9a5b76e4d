# Git: ssg history of a revision that does not exist says what to do, as
# ssg build does (case 56).
status=2
expect="ssg: error: unknown revision 'v9.9': \`git log --oneline\` and \`git tag\` list the revisions there are"
expect_vi="ssg: error: không có phiên bản 'v9.9': lệnh \`git log --oneline\` và \`git tag\` liệt kê các phiên bản hiện có"
bad() {
	args="history -C $1 --rev v9.9"
}
