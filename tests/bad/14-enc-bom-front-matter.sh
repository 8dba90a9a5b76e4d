# Encoding: a BOM before the front matter (Notepad writes one) is skipped,
# and lines and columns still count from the file's start.
status=1
expect='content/_index.md:3:34: error: report 1: due must be a real date written dd/mm/yyyy'
bad() {
	printf '\357\273\277---\ntitle: "Kế hoạch"\nreports: [{name: "Báo cáo", due: "31/06/2024"}]\n---\nGiới thiệu\n' >"$1/content/_index.md"
	commit "$1" "$D2" "Sửa bằng Notepad"
}
