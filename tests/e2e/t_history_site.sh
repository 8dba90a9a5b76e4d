# History on the site: revised targets with date, values and reason;
# deadlines judged from commits; changes, revisions and their sites;
# history.jsonl and the Atom feed.
. "$(dirname "$0")/lib.sh"
R=$T/r
new_repo "$R"
mkdir -p "$R/content" "$R/data"
cat > "$R/content/_index.md" <<'MD'
---
title: "Kế hoạch thử"
year: "2024"
reports: [{name: "Báo cáo 6 tháng", due: "15/06/2024"}, {name: "Báo cáo năm", due: "15/11/2024"}]
---
Giới thiệu.
MD
printf -- '---\ntitle: "Chỉ tiêu"\nweight: 2\n---\nCác chỉ tiêu của năm.\n\n{{table indicators}}\n' > "$R/content/02-chi-tieu.md"
printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,"87,29",90,,\n2,Tỷ lệ thôn văn hóa,%%,"72,2","77,7",,\n' > "$R/data/indicators.csv"
commit "$R" "2024-03-01T09:00:00+07:00" "Dự thảo kế hoạch"
(cd "$R" && GIT_COMMITTER_DATE="2024-03-05T10:00:00+07:00" git tag -a v1 -m "Kế hoạch số 12/KH-BCĐ" -m "Bản ban hành.")
pub=$(git -C "$R" rev-parse --short=7 HEAD)
printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,"87,29",90,"88,1",20/06/2024\n2,Tỷ lệ thôn văn hóa,%%,"72,2","77,7","74",20/06/2024\n' > "$R/data/indicators.csv"
commit "$R" "2024-06-20T16:00:00+07:00" "Cập nhật kết quả 6 tháng"
printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,"87,29",90,"88,1",20/06/2024\n2,Tỷ lệ thôn văn hóa,%%,"72,2",80,"74",20/06/2024\n' > "$R/data/indicators.csv"
sed -i 's/Các chỉ tiêu của năm./Các chỉ tiêu phấn đấu của năm 2024./' "$R/content/02-chi-tieu.md"
commit "$R" "2024-07-02T09:00:00+07:00" "Điều chỉnh chỉ tiêu 2 theo Nghị quyết HĐND huyện

Nghị quyết số 07/NQ-HĐND nâng mức phấn đấu."
rev=$(git -C "$R" rev-parse HEAD)
short=$(git -C "$R" rev-parse --short=7 HEAD)
run_ssg 0 build -C "$R" -o "$T/s"
S=$T/s
# The revised target, wherever the target is shown.
has "$S/indicators/2/index.html" 'Chỉ tiêu đã điều chỉnh'
has "$S/indicators/2/index.html" '02/07/2024'
has "$S/indicators/2/index.html" '<del>77,7%</del> → <ins>80%</ins>'
has "$S/indicators/2/index.html" 'Nghị quyết số 07/NQ-HĐND nâng mức phấn đấu.'
has "$S/index.html" 'Đã điều chỉnh ngày 02/07/2024: 77,7% → 80%'
has "$S/chi-tieu/index.html" 'Đã điều chỉnh ngày 02/07/2024'
hasnt "$S/indicators/1/index.html" 'Chỉ tiêu đã điều chỉnh'
# Chart with the same numbers as a table beneath it.
has "$S/indicators/2/index.html" '<svg'
has "$S/indicators/2/index.html" '<path d="M '
has "$S/indicators/2/index.html" '<data value="74">74%</data>'
# Deadlines: the first result came on 20/06, after 15/06: late.  The
# year report is not due yet on 02/07.
has "$S/index.html" 'Muộn'
has "$S/index.html" 'Chưa đến hạn'
# Changes: the commit page with cell and word diffs.
has "$S/changes/index.html" "changes/$short/"
has "$S/changes/$short/index.html" 'Điều chỉnh chỉ tiêu 2 theo Nghị quyết HĐND huyện'
has "$S/changes/$short/index.html" "<del><data value=\"77.7\">77,7%</data></del> → <ins><data value=\"80\">80%</data></ins>"
has "$S/changes/$short/index.html" '<ins>phấn đấu </ins>của năm<ins> 2024</ins>'
# Revisions and the site as it stood at v1.  The first revision is
# compared with nothing: all of it is new; the commits before it follow.
has "$S/revisions/index.html" 'Kế hoạch số 12/KH-BCĐ'
has "$S/revisions/v1/index.html" 'Đây là phiên bản đầu tiên'
has "$S/revisions/v1/index.html" '<h3>Các chỉ tiêu (bảng mới)</h3>'
# A key is a code, text: no <data>.
has "$S/revisions/v1/index.html" 'Thêm dòng: <span class="cell"><span class="muted">STT:</span> 1;</span>'
has "$S/revisions/v1/index.html" '<h3>Trang mới: <code>content/02-chi-tieu.md</code></h3>'
hasnt "$S/revisions/v1/index.html" 'Chỉ tiêu đã điều chỉnh'
has "$S/revisions/v1/index.html" "changes/$pub/\">Dự thảo kế hoạch</a>"
[ -f "$S/revisions/v1/site/index.html" ] || fail "no site of revision v1"
has "$S/revisions/v1/site/index.html" '<data value="77.7">77,7%</data>'
hasnt "$S/revisions/v1/site/index.html" 'Đã điều chỉnh'
has "$S/revisions/v1/site/index.html" 'Kế hoạch số 12/KH-BCĐ'
# A commit's page does not depend on the revision: the revision's site
# links to the main site's instead of writing its own copy.
[ -f "$S/revisions/v1/site/changes/index.html" ] || fail "no changes list in v1's site"
[ ! -e "$S/revisions/v1/site/changes/$pub" ] || fail "v1's site copies changes/$pub/"
python3 - "$S/revisions/v1/site/changes/index.html" "$pub" <<'PY' || fail "v1's changes list does not reach changes/$pub/"
import os, re, sys
page, pub = sys.argv[1], sys.argv[2]
hrefs = [h for h in re.findall(r'href="([^"]*)"', open(page, encoding="utf-8").read())
         if h.rstrip("/").endswith("changes/" + pub)]
assert hrefs, "no link to the commit"
for h in hrefs:
    target = os.path.normpath(os.path.join(os.path.dirname(page), h, "index.html"))
    assert os.path.isfile(target), target
    assert "/revisions/" not in target, target
PY
# So is a revision's page: the copy lists the revisions and links to them.
[ ! -e "$S/revisions/v1/site/revisions/v1" ] || fail "v1's site copies revisions/v1/"
python3 - "$S/revisions/v1/site/revisions/index.html" <<'PY' || fail "v1's revisions list does not reach revisions/v1/"
import os, re, sys
page = sys.argv[1]
hrefs = [h for h in re.findall(r'href="([^"]*)"', open(page, encoding="utf-8").read())
         if h.rstrip("/").endswith("revisions/v1")]
assert hrefs, "no link to the revision"
for h in hrefs:
    target = os.path.normpath(os.path.join(os.path.dirname(page), h, "index.html"))
    assert os.path.isfile(target), target
    assert "/site/" not in target, target
PY
# Open history: the contract's JSON Lines, oldest first.
python3 - "$S/data/history.jsonl" "$rev" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
t = [l for l in lines if l["change"] == "changed" and l.get("field") == "target"]
assert len(t) == 1, t
e = t[0]
assert (e["table"], e["id"], e["old"], e["new"]) == ("indicators", "2", "77,7", "80"), e
assert e["commit"] == sys.argv[2] and e["date"] == "2024-07-02T09:00:00+07:00", e
assert e["message"].startswith("Điều chỉnh chỉ tiêu 2"), e
assert list(e)[:4] == ["table", "id", "change", "field"], list(e)
added = [l for l in lines if l["change"] == "added"]
assert len(added) == 2 and added[0]["new"]["name"] == "Tỷ lệ gia đình văn hóa", added
PY
# The feed is well-formed Atom with stable ids.
python3 - "$S/feed.xml" "$rev" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"a": "http://www.w3.org/2005/Atom"}
root = ET.parse(sys.argv[1]).getroot()
ids = [e.findtext("a:id", namespaces=ns) for e in root.findall("a:entry", ns)]
assert ids[0] == "urn:ssg:commit:" + sys.argv[2], ids
PY
# History pages are as deterministic as the rest.
(umask 077; TZ=America/New_York LC_ALL=C.UTF-8 "$SSG" build -C "$R" -o "$T/s1")
diff -r "$S" "$T/s1" || fail "history pages depend on TZ, locale or umask"
# A second revision after a target changed twice (90 → 88 → 89): its
# page shows the net change first, then cells and words, then the
# commits in between.
sed -i 's/^1,\(.*\),90,/1,\1,88,/' "$R/data/indicators.csv"
commit "$R" "2024-08-01T09:00:00+07:00" "Giảm chỉ tiêu 1"
sed -i 's/^1,\(.*\),88,/1,\1,89,/' "$R/data/indicators.csv"
commit "$R" "2024-08-02T09:00:00+07:00" "Nâng chỉ tiêu 1"
(cd "$R" && GIT_COMMITTER_DATE="2024-08-05T10:00:00+07:00" git tag -a v2 -m "Kế hoạch số 30/KH-BCĐ")
run_ssg 0 build -C "$R" -o "$T/s2"
# Each revision's copy holds the history as it stood at its tag: the
# main site's lines of the commits the tag has, in the same order (the
# copy's file starts as a copy of the main site's).
for tag in v1 v2; do
	git -C "$R" rev-list "$tag" >"$T/in-$tag"
	python3 - "$T/s2/data/history.jsonl" \
		"$T/s2/revisions/$tag/site/data/history.jsonl" "$T/in-$tag" <<'PY' ||
import json, sys
main = open(sys.argv[1], encoding="utf-8").read().splitlines(True)
copy = open(sys.argv[2], encoding="utf-8").read()
have = set(open(sys.argv[3]).read().split())
want = "".join(l for l in main if json.loads(l)["commit"] in have)
assert want and copy == want, (sys.argv[2], len(copy), len(want))
PY
		fail "the history of the copy of $tag is not the main site's up to it"
done
V2=$T/s2/revisions/v2/index.html
has "$V2" 'href="../../revisions/v1/">Kế hoạch số 12/KH-BCĐ</a>'
has "$V2" '<a href="../../indicators/1/">1</a> Tỷ lệ gia đình văn hóa'
has "$V2" '<span class="ev-field">Kế hoạch</span>: <del><data value="90">90%</data></del> → <ins><data value="89">89%</data></ins>'
has "$V2" '<del><data value="77.7">77,7%</data></del> → <ins><data value="80">80%</data></ins>'
hasnt "$V2" '<data value="88">88%</data>'
has "$V2" '<span class="ev-field">Kết quả mới nhất</span>: <del>(trống)</del> → <ins><data value="88.1">88,1%</data></ins>'
has "$V2" 'Các chỉ tiêu <ins>phấn đấu </ins>của năm<ins> 2024</ins>'
python3 - "$V2" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
heads = ["Chỉ tiêu đã điều chỉnh", "Số liệu thay đổi", "Nội dung thay đổi",
         "Các lần thay đổi ở giữa", "Cập nhật kết quả 6 tháng",
         "Điều chỉnh chỉ tiêu 2", "Giảm chỉ tiêu 1", "Nâng chỉ tiêu 1"]
at = [page.find(h) for h in heads]
assert -1 not in at and at == sorted(at), list(zip(heads, at))
# The net change is one line per revised target, not one per commit.
assert page.count('<span class="ev-field">Kế hoạch</span>') == 4, page
PY
hasnt "$T/s2/revisions/v1/index.html" 'Nâng chỉ tiêu 1'

# A shallow clone has no history to walk: say so, and build without it
# only when asked.
git clone -q --depth 1 "file://$R" "$T/shallow"
run_ssg 2 build -C "$T/shallow" -o "$T/sh"
has "$T/err" 'git fetch --unshallow'
[ ! -e "$T/sh" ] || fail "a failed build wrote output"
run_ssg 0 build -C "$T/shallow" --no-history -o "$T/sh"
[ -f "$T/sh/index.html" ] && [ ! -e "$T/sh/changes" ] || fail "--no-history site"
echo ok
