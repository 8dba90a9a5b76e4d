# Encoding: a page saved in a code page without Vietnamese letters: each
# became '?', the bytes are valid ASCII.
status=1
expect='content/01-muc-tieu.md:6:3: error: '"'"'Ph?ng'"'"' has lost its letters: the file was saved in a code page without Vietnamese letters, which turns them into '"'"'?'"'"' or �; open the original and save it again as UTF-8'
bad() {
	printf -- '---\ntitle: "Muc tieu"\nweight: 1\n---\n\nPh?ng V?n h?a: {{value indicators 2 result}}.\n\n{{table indicators}}\n' >"$1/content/01-muc-tieu.md"
	commit "$1" "$D2" "Lưu bằng Notepad"
}
