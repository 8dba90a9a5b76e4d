# Git: results typed into the work tree but not committed: a build of HEAD
# leaves them out, and says which files.
status=0
expect='data/indicators.csv:1:1: warning: not committed: the site is made from the last commit, without this change; commit it to publish it, or add --worktree to preview it'
expect_vi='data/indicators.csv:1:1: warning: chưa lưu vào kho (commit): trang web được dựng từ lần lưu gần nhất, không có thay đổi này; hãy commit để công bố, hoặc thêm --worktree để xem trước'
bad() {
	printf 'id,name,unit,baseline,target,result\n1,A,%%,1,2,3\n2,B,%%,1,2,3\n' >"$1/data/indicators.csv"
	mkdir -p "$1/content/posts"
	printf -- '---\ntitle: "Tin mới"\ndate: 01/07/2024\n---\nTin.\n' >"$1/content/posts/tin.md"
}
