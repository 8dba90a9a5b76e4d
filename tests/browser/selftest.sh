#!/bin/sh
# Proves that each check of check.mjs can fail: a two-page site with one
# fault of every kind must fail exactly those checks.
#   tests/browser/selftest.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/ssg-browser-self.XXXXXX")
trap 'rm -rf "$T"' EXIT
S=$T/site
mkdir -p "$S/sec"
cat > "$S/index.html" <<'HTML'
<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Hỏng</title><link rel="icon" href="data:,"><link rel="stylesheet" href="s.css"></head>
<body><main><h1>Trang hỏng</h1>
<p style="color:#aaa">Chữ mờ quá</p>
<div style="width:500px">rộng</div>
<p><div>sai</p>
<p><span class="status"></span> <span class="progress"><span class="bar"></span></span></p>
<table><tr><td>1</td></tr></table>
<svg viewBox="0 0 640 40" width="640" height="40" style="max-width:100%;height:auto" role="img" aria-label="biểu đồ"><text x="0" y="30" font-size="18">nhỏ</text></svg>
<a href="sec/">phần</a> <a href="nowhere/">mất</a> <a href="sec/#khong-co">neo</a>
<script>console.error('lỗi')</script>
</main></body></html>
HTML
printf 'body { margin: 0 }\n' > "$S/s.css"
{
	printf '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>Nặng</title><link rel="icon" href="data:,"></head><body><main><h1>Nặng</h1>\n'
	line='Một đoạn văn dài để trang nặng hơn sáu mươi ki-lô-bai.'
	line="$line $line $line $line $line $line $line $line $line $line"
	i=0
	while [ $i -lt 100 ]; do
		printf '<p>%s %s</p>\n' "$line" "$line"
		i=$((i + 1))
	done
	printf '</main></body></html>\n'
} > "$S/sec/index.html"

set +e
node "$here/check.mjs" "$S" "$T/shots" > "$T/out" 2>&1
rc=$?
set -e
bad=0
for want in 'FAIL links:' 'nowhere/ (no file' 'no id "khong-co"' 'FAIL weight sec/index.html' \
	'FAIL vnu index.html' 'FAIL [overview] index.html: no axe-core violation at 1280 px' \
	'color-contrast' 'FAIL [overview] index.html: no sideways scroll at 320 px' \
	'FAIL [overview] index.html: no console errors' 'FAIL search: search/index.html exists' \
	"FAIL [overview] index.html: the theme's conventions hold" 'a status without words' \
	'a progress bar without its number' 'a table without a caption' 'SVG text under 12 px'; do
	grep -qF -- "$want" "$T/out" || { echo "browser self-test: no \"$want\" in the checker's report"; bad=1; }
done
for clean in 'FAIL vnu sec/' 'FAIL [section] sec/index.html: no axe' "sec/index.html: the theme's" \
	'checked to the end' 'ran to the end'; do
	! grep -qF -- "$clean" "$T/out" || { echo "browser self-test: unexpected \"$clean\""; bad=1; }
done
[ "$rc" = 1 ] || { echo "browser self-test: check.mjs exited $rc, wanted 1"; bad=1; }
if [ $bad = 1 ]; then
	sed 's/^/  | /' "$T/out"
	exit 1
fi
echo "browser self-test: every check fails on its fault"
