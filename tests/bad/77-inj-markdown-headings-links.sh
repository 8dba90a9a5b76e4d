# Injection: markup in headings (ids, table of contents), link titles,
# image alt text and URLs with quotes.
status=0
bad() {
	cat >>"$1/content/01-muc-tieu.md" <<'MD'

## <x-pwn> "a" onmouseover="pwn()"

## Mục `<script>pwn()</script>`

[a](https://example.org/"onmouseover="pwn() "\"><x-pwn>")
![<x-pwn>"onerror="pwn()](x.png "<script>pwn()</script>")
[b](<https://example.org/"><x-pwn>>)
MD
	commit "$1" "$D2" "Đề mục độc hại"
}
