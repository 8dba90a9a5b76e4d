# Markdown: javascript:, vbscript: and data: links and images, however
# they are spelt, lose their URL.
status=0
bad() {
	cat >>"$1/content/01-muc-tieu.md" <<'MD'

[a](javascript:pwn()) [b](JaVaScRiPt:pwn()) [c](vbscript:pwn)
[d](data:text/html,<script>pwn()</script>) ![e](javascript:pwn())
<javascript:pwn()> [f][ref] [g](&#106;avascript:pwn())
[h](java&#x09;script:pwn()) [i]( javascript:pwn() )

[ref]: javascript:pwn()
MD
	commit "$1" "$D2" "Thêm liên kết"
}
