# Search with no server: search/index.js holds every page with its text
# folded without diacritics, as a script (no JSON twin beside it);
# search/index.html lists every page as links.
. "$(dirname "$0")/lib.sh"
# json_of JS: the array search/index.js assigns, as JSON on stdout.
json_of() {
	python3 - "$1" <<'PY'
import sys
js = open(sys.argv[1], encoding="utf-8").read()
head = "window.ssgSearchIndex = "
assert js.startswith(head) and js.endswith(";\n"), js[:40]
sys.stdout.write(js[len(head):-2])
PY
}
mini_repo "$T/r"
mkdir -p "$T/r/content/posts"
cat > "$T/r/content/posts/binh-xet.md" <<'MD'
---
title: "Bình xét <Gia đình> \"văn hóa\""
date: "20/06/2024"
---
Kết quả bình xét **Gia đình văn hóa** năm 2024 ở Đồng Ý.

{{table communes}}
MD
printf 'xa,ket_qua\nXã Vũ Lễ,"12,5"\nXã Chiêu Vũ,9\n' > "$T/r/data/communes.csv"
commit "$T/r" "2024-06-20T09:00:00+07:00" "Tin và dữ liệu xã"
run_ssg 0 build -C "$T/r" -o "$T/s"
J=$T/s/search/index.js
[ -f "$J" ] || fail "no search/index.js"
[ ! -e "$T/s/search/index.json" ] || fail "a JSON twin beside search/index.js"
[ -f "$T/s/search/index.html" ] || fail "no search/index.html"
[ -f "$T/s/static/search.js" ] || fail "no static/search.js"
# Folded text: no diacritics, đ as d, lower case, Markdown marks gone.
has "$J" '"f":"binh xet gia dinh van hoa ket qua binh xet gia dinh van hoa nam 2024 o dong y'
hasnt "$J" 'Đồng Ý.'
# Titles stay as written, escaped for JSON and for HTML.
has "$J" '"t":"Bình xét \u003cGia đình\u003e \"văn hóa\""'
has "$T/s/search/index.html" '>Bình xét &lt;Gia đình&gt; &quot;văn hóa&quot;</a>'
# One entry per page kind, with its URL relative to the site root.
for u in '""' '"muc-tieu/"' '"indicators/"' '"indicators/2/"' \
	'"tables/communes/"' '"posts/binh-xet/"' '"data/"' '"disclosure/"'; do
	has "$J" "{\"u\":$u,"
done
# A table is found by the words in its cells, not by its figures.
grep -F '"u":"tables/communes/"' "$J" | grep -qF 'xa vu le' || fail "commune names not indexed"
grep -F '"u":"tables/communes/"' "$J" | grep -qvF '12 5' || fail "figures indexed"
# Indicator 1 is found without diacritics.
grep -F '"u":"indicators/1/"' "$J" | grep -qF 'ty le gia dinh van hoa' || fail "indicator name not folded"
# Without JavaScript the page is the list of every indexed page.
n=$(grep -c '^{"u":' "$J")
m=$(grep -c '^<li><a href="\.\./[^"]*">.*</a> <small>' "$T/s/search/index.html")
[ "$n" = "$m" ] || fail "index has $n pages, the list $m"
has "$T/s/search/index.html" '<a href="../posts/binh-xet/">'
has "$T/s/search/index.html" '<script src="../static/search.js" defer></script>'
# Every page links to the search page.
has "$T/s/indicators/2/index.html" 'href="../../search/"'
# The index is valid JSON.
json_of "$J" >"$T/ix.json" || fail "search/index.js does not assign the index"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j and all(set(e)=={"u","t","k","f"} for e in j)' "$T/ix.json" ||
	fail "search/index.js does not hold the documented JSON"
# A huge table adds at most 64 KiB of text to the index, cut at a word.
awk 'BEGIN { print "id,ten"; for (i = 0; i < 20000; i++) printf "%d,Thôn Nà Hin số %d\n", i, i }' > "$T/r/data/big.csv"
commit "$T/r" "2024-06-21T09:00:00+07:00" "Bảng lớn"
run_ssg 0 build -C "$T/r" -o "$T/s2"
json_of "$T/s2/search/index.js" >"$T/ix2.json" || fail "search/index.js does not assign the index"
python3 -c '
import json, sys
e = [x for x in json.load(open(sys.argv[1])) if x["u"] == "tables/big/"][0]
n = len(e["f"].encode())
assert 60000 < n <= 65536, n
assert e["f"].startswith("big ma ten thon na hin so") and not e["f"].endswith(" "), e["f"][-20:]
' "$T/ix2.json" || fail "a big table is not bounded in the index"
# search/index.js, the index as a script (a page opened from file:// may
# not fetch): the same array, escaped for JavaScript.  A title that would
# close a <script> or holds U+2028 and U+2029 (line ends to JavaScript
# before ES2019) leaves both files valid and the title as written.
printf -- '---\ntitle: "Tin </script><script>alert(1)</script> m\342\200\250n\342\200\251p"\ndate: "21/06/2024"\n---\nNội dung.\n' \
	> "$T/r/content/posts/kich-ban.md"
commit "$T/r" "2024-06-22T09:00:00+07:00" "Tin có thẻ"
run_ssg 0 build -C "$T/r" -o "$T/s3"
JS=$T/s3/search/index.js
[ -f "$JS" ] || fail "no search/index.js"
[ "$(head -c 25 "$JS")" = 'window.ssgSearchIndex = [' ] || fail "search/index.js does not assign the index: $(head -c 40 "$JS")"
[ "$(tail -c 3 "$JS")" = '];' ] || fail "search/index.js does not end the statement"
! grep -qi '</script' "$JS" || fail "search/index.js holds </script"
! grep -q '<' "$JS" || fail "search/index.js holds a raw <"
! LC_ALL=C grep -q "$(printf '\342\200[\250\251]')" "$JS" ||
	fail "search/index.js holds a raw U+2028 or U+2029"
has "$JS" '"t":"Tin \u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e m\u2028n\u2029p"'
# As JavaScript (node, when there is one) and as JSON, it is one array.
json_of "$JS" >"$T/ix3.json" || fail "search/index.js does not assign the index"
python3 - "$T/ix3.json" <<'PY' || fail "search/index.js does not hold the title as written"
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
t = [e["t"] for e in a if e["u"] == "posts/kich-ban/"]
assert t == ["Tin </script><script>alert(1)</script> m\u2028n\u2029p"], t
PY
if command -v node >/dev/null; then
	node -e '
const fs = require("fs"), vm = require("vm");
const w = {};
vm.runInNewContext(fs.readFileSync(process.argv[1], "utf8"), { window: w });
const j = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
if (JSON.stringify(w.ssgSearchIndex) !== JSON.stringify(j)) process.exit(1);
' "$JS" "$T/ix3.json" || fail "node does not read search/index.js as its JSON"
fi
# check builds nothing, and reports nothing more.
run_ssg 0 check -C "$T/r"
echo ok
