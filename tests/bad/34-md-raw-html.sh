# Markdown: raw HTML (block and inline) is published as text.
status=0
bad() {
	cat >>"$1/content/01-muc-tieu.md" <<'MD'

<script>pwn()</script>

Chữ <img src=x onerror="pwn()"> và <x-pwn onclick="pwn()">nháy</x-pwn>.

<svg onload="pwn()"><x-pwn></svg>
MD
	commit "$1" "$D2" "Thêm HTML"
}
