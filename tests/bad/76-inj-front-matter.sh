# Injection: markup in front matter values (titles, headings, reports,
# signer, documents, posts).
status=0
bad() {
	cat >"$1/content/_index.md" <<'MD'
---
title: "<script>pwn()</script>"
short_title: "\"><x-pwn>"
district: "<x-pwn>"
number: "<x-pwn onclick=\"pwn()\">"
place_date: "<x-pwn>"
reports: [{name: "<script>pwn()</script>", due: "15/06/2024", description: "<x-pwn>"}]
signer: {role: "<x-pwn>", title: "<x-pwn>", name: "<script>pwn()</script>"}
recipients: ["<x-pwn>"]
documents: [{title: "<x-pwn>", number: "<x-pwn>", date: "<x-pwn>", form: "<x-pwn>", issuer: "<x-pwn>"}]
---
Giới thiệu.
MD
	printf -- '---\ntitle: "<script>pwn()</script>"\nheading: "<x-pwn>"\nnumeral: "\\"><x-pwn>"\nweight: 1\n---\nNội dung.\n' >"$1/content/01-muc-tieu.md"
	mkdir -p "$1/content/posts"
	printf -- '---\ntitle: "<script>pwn()</script>"\ndate: "20/06/2024"\nsummary: "\\"><x-pwn>"\n---\nTin.\n' >"$1/content/posts/tin.md"
	commit "$1" "$D2" "Siêu dữ liệu độc hại"
}
