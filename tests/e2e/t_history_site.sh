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
has "$S/indicators/2/index.html" '<polyline'
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
# Revisions and the site as it stood at v1.
has "$S/revisions/index.html" 'Kế hoạch số 12/KH-BCĐ'
has "$S/revisions/v1/index.html" 'Dự thảo kế hoạch'
[ -f "$S/revisions/v1/site/index.html" ] || fail "no site of revision v1"
has "$S/revisions/v1/site/index.html" '<data value="77.7">77,7%</data>'
hasnt "$S/revisions/v1/site/index.html" 'Đã điều chỉnh'
has "$S/revisions/v1/site/index.html" 'Kế hoạch số 12/KH-BCĐ'
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
echo ok
