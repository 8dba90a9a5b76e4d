# A cell written again the same way in other words (Excel saving "90"
# as "90,0", a status typed "done" then "Hoàn thành") is not a change of
# the plan: no revised target is flagged, on the site or in `ssg diff`,
# and the commit's page says the value did not change.  A real change
# after it is still flagged.
. "$(dirname "$0")/lib.sh"
R=$T/r
new_repo "$R"
mkdir -p "$R/content" "$R/data"
printf -- '---\ntitle: "Kế hoạch thử"\nyear: "2024"\n---\nGiới thiệu.\n' >"$R/content/_index.md"
printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,"87,29",90,,\n' >"$R/data/indicators.csv"
printf 'id,title,lead,status\n1,Tuyên truyền,Phòng Văn hóa,done\n' >"$R/data/tasks.csv"
commit "$R" "2024-03-01T09:00:00+07:00" "Dự thảo kế hoạch"
(cd "$R" && GIT_COMMITTER_DATE="2024-03-05T10:00:00+07:00" git tag -a v1 -m "Kế hoạch số 12/KH-BCĐ")
printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,"87,29","90,0","88,1",20/06/2024\n' >"$R/data/indicators.csv"
printf 'id,title,lead,status\n1,Tuyên truyền,Phòng Văn hóa,Hoàn thành\n' >"$R/data/tasks.csv"
commit "$R" "2024-06-20T16:00:00+07:00" "Cập nhật kết quả 6 tháng"
saved=$(git -C "$R" rev-parse --short=7 HEAD)
(cd "$R" && GIT_COMMITTER_DATE="2024-06-21T10:00:00+07:00" git tag -a v2 -m "Báo cáo 6 tháng")

run_ssg 0 build -C "$R" -o "$T/s"
S=$T/s
note='(giá trị không đổi, chỉ ghi lại theo cách khác)'
for p in index.html indicators/1/index.html; do
	hasnt "$S/$p" 'điều chỉnh'
done
has "$S/changes/$saved/index.html" "<ins><data value=\"90.0\">90,0%</data></ins> <span class=\"muted\">$note</span>"
has "$S/changes/$saved/index.html" "<ins>Hoàn thành</ins> <span class=\"muted\">$note</span>"
# A row's changed cells are one row of the commit's table, the row
# named once.
python3 - "$S/changes/$saved/index.html" <<'PY' || fail "a row's cells are not one row of the change page"
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
bodies = re.findall(r'<tbody>(.*?)</tbody>', page, re.S)
assert len(bodies) == 2, len(bodies)
rows = re.findall(r'<tr>(.*?)</tr>', bodies[0], re.S)
assert len(rows) == 1 and rows[0].count('class="ev-field"') == 3, rows
assert rows[0].count('Tỷ lệ gia đình văn hóa') == 1, rows[0]
PY
# The result was empty: a change, shown without the note.
has "$S/changes/$saved/index.html" '<del>(trống)</del> → <ins><data value="88.1">88,1%</data></ins>
'
# The indicator's own timeline shows the rewriting as such too, and a
# commit that changed three of its cells is one entry, not three under
# the same commit.
has "$S/indicators/1/index.html" "$note"
python3 - "$S/indicators/1/index.html" <<'PY' || fail "the timeline is not one entry a commit"
import re, sys
ol = re.search(r'<ol class="timeline" reversed>(.*?)</ol>', open(sys.argv[1], encoding="utf-8").read(), re.S).group(1)
items = re.findall(r'<li>(.*?)</li>', ol, re.S)
assert len(items) == 2, len(items)
assert items[0].count('class="ev-field"') == 3 and items[0].count('changes/') == 1, items[0]
PY
# The revision page and the reviewer's diff list no revised target.
hasnt "$S/revisions/v2/index.html" 'Chỉ tiêu đã điều chỉnh'
run_ssg 0 diff -C "$R" v1 v2
hasnt "$T/out" 'Revised targets'

# A real change of the target afterwards is a revised target.
printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,"87,29","91","88,1",20/06/2024\n' >"$R/data/indicators.csv"
commit "$R" "2024-07-02T09:00:00+07:00" "Điều chỉnh chỉ tiêu 1"
run_ssg 0 build -C "$R" -o "$T/s"
has "$S/index.html" 'Đã điều chỉnh ngày 02/07/2024: 90,0% → 91%'
has "$S/indicators/1/index.html" 'Chỉ tiêu đã điều chỉnh'
run_ssg 0 diff -C "$R" v1 HEAD
has "$T/out" 'Revised targets'
echo "ok t_rewritten"
