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
<div class="scroller" style="overflow-x:auto"><table><caption>Rộng</caption><thead><tr><th scope="col">Gần</th><th scope="col">Xa</th></tr></thead>
<tbody><tr><td style="min-width:400px">gần</td><td>khuất</td></tr></tbody></table></div>
<table><caption>Thẻ</caption><thead><tr><th scope="col">Tên</th><th scope="col">Cột</th></tr></thead>
<tbody><tr style="display:block"><th scope="row" style="display:block">Một</th><td style="display:block;font-size:10px">chữ nhỏ</td></tr></tbody></table>
<table role="presentation"><tr><th>Không</th></tr><tr><td>phải bảng</td></tr></table>
<a href="sec/">phần</a> <a href="nowhere/">mất</a> <a href="sec/#khong-co">neo</a>
<script>console.error('lỗi')</script>
</main></body></html>
HTML
printf 'body { margin: 0 }\n' > "$S/s.css"
{
	printf '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>Nặng</title><link rel="icon" href="data:,">'
	# A table whose rows are cards, each cell under its column's title:
	# what the phone checks want.
	printf '<style>.c, .c tbody, .c tr, .c th, .c td { display: block } .c thead { position: absolute; clip-path: inset(50%%) }'
	printf ' .c td::before { content: attr(data-label) " "; content: attr(data-label) " " / "" }</style></head><body><main><h1>Nặng</h1>\n'
	printf '<table class="c"><caption>Thẻ</caption><thead><tr><th scope="col">Tên</th><th scope="col">Số &amp; &quot;dấu&quot;</th></tr></thead>'
	printf '<tbody><tr><th scope="row">Một</th><td data-label="Số &amp; &quot;dấu&quot;">1</td></tr></tbody></table>\n'
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
	'div.scroller: scrollWidth' 'FAIL [overview] index.html: table text at least 12 px at 320 px' '10px: ' \
	'FAIL [overview] index.html: every table cell within 320 px' '"khuất" spans' \
	"a card's cell without its column's title \"Cột\"" \
	'FAIL [overview] index.html: at 320 px every table is still a table to a screen reader' \
	"FAIL [overview] index.html: the theme's conventions hold" 'a status without words' \
	'a progress bar without its number' 'a table without a caption' 'SVG text under 12 px'; do
	grep -qF -- "$want" "$T/out" || { echo "browser self-test: no \"$want\" in the checker's report"; bad=1; }
done
for clean in 'FAIL vnu sec/' 'FAIL [section] sec/index.html: no axe' "sec/index.html: the theme's" \
	'sec/index.html: no sideways' 'sec/index.html: table text' 'sec/index.html: every table cell' \
	'sec/index.html: at 320 px' 'checked to the end' 'ran to the end'; do
	! grep -qF -- "$clean" "$T/out" || { echo "browser self-test: unexpected \"$clean\""; bad=1; }
done
[ "$rc" = 1 ] || { echo "browser self-test: check.mjs exited $rc, wanted 1"; bad=1; }
if [ $bad = 1 ]; then
	sed 's/^/  | /' "$T/out"
	exit 1
fi
echo "browser self-test: every check fails on its fault"
