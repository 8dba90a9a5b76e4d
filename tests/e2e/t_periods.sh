# Plan periods (contract sections 1 and 3): one repository keeps the 2024
# plan and then the 2025 one.  The targets that open 2025 are a new plan,
# not revised targets; a 2025 target changed after the 2025 tag is; the
# 2025 deadlines count only 2025 commits, in the window after the
# deadline before; history and diff say when two revisions belong to
# different plans.
. "$(dirname "$0")/lib.sh"
R=$T/r
new_repo "$R"
mkdir -p "$R/content" "$R/data"
index() { year_index "$R" "$1"; } # YEAR: that year's plan
ind() { # T1 R1 T2 R2 BASE1 BASE2: data/indicators.csv
	printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,%s,%s,%s,\n2,Tỷ lệ thôn văn hóa,%%,%s,%s,%s,\n' \
		"$5" "$1" "$2" "$6" "$3" "$4" > "$R/data/indicators.csv"
}
tag() { # NAME DATE MESSAGE
	(cd "$R" && GIT_COMMITTER_DATE="$2" git tag -a "$1" -m "$3")
}
deadlines() { # FILE "DUE STATE ...": the overview's deadlines, in order
	python3 - "$1" "$2" <<'PY' || fail "$1: deadlines are not: $2"
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
st = re.findall(r'hạn <time datetime="([0-9-]+)">[^<]*</time> — <span class="status status-([a-z]+)">', page)
got = " ".join(d + " " + k for d, k in st)
assert got == sys.argv[2], got
PY
}
printf -- '---\ntitle: "Chỉ tiêu"\nweight: 1\n---\n{{table indicators}}\n' > "$R/content/01-chi-tieu.md"
index 2024
ind 90 '' '"77,7"' '' '"87,29"' '"72,2"'
commit "$R" "2024-03-01T09:00:00+07:00" "Ban hành kế hoạch năm 2024"
tag v2024 "2024-03-05T10:00:00+07:00" "Kế hoạch số 12/KH-BCĐ năm 2024"
ind 90 88 '"77,7"' 75 '"87,29"' '"72,2"'
commit "$R" "2024-06-10T16:00:00+07:00" "Kết quả 6 tháng 2024"
ind 89 88 '"77,7"' 75 '"87,29"' '"72,2"'
commit "$R" "2024-07-02T09:00:00+07:00" "Điều chỉnh chỉ tiêu 1 năm 2024"
ind 89 '"89,5"' '"77,7"' 78 '"87,29"' '"72,2"'
commit "$R" "2024-11-08T15:00:00+07:00" "Kết quả cả năm 2024"
last2024=$(git -C "$R" rev-parse --short=7 HEAD)
# 2025: new year, new targets, baselines are 2024's results.
index 2025
ind 91 '' 80 '' '"89,5"' 78
commit "$R" "2025-03-03T09:00:00+07:00" "Ban hành kế hoạch năm 2025"
open2025=$(git -C "$R" rev-parse --short=7 HEAD)
tag v2025 "2025-03-04T10:00:00+07:00" "Kế hoạch số 21/KH-BCĐ năm 2025"

# ---- the day the 2025 plan is issued ----
run_ssg 0 build -C "$R" -o "$T/a"
for p in index.html chi-tieu/index.html indicators/1/index.html indicators/2/index.html; do
	hasnt "$T/a/$p" 'Đã điều chỉnh'
	hasnt "$T/a/$p" 'Chỉ tiêu đã điều chỉnh'
done
# Both 2025 deadlines are ahead: the 2024 results count for neither.
deadlines "$T/a/index.html" "2025-06-15 upcoming 2025-11-15 upcoming"
# The 2025 publication is its own tag, and the revision page of v2025
# says it is another plan, with no revised targets.
has "$T/a/revisions/v2025/index.html" 'Phiên bản trước thuộc kế hoạch năm 2024, phiên bản này thuộc kế hoạch năm 2025: đây là hai kế hoạch khác nhau, không phải điều chỉnh.'
hasnt "$T/a/revisions/v2025/index.html" '<h2>Chỉ tiêu đã điều chỉnh</h2>'
python3 - "$T/a/revisions/index.html" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
assert page.count("Bản công bố") == 2, "each year's first tag publishes its plan"
PY
# The 2024 revision is still a revised target in the 2024 plan.
has "$T/a/revisions/v2024/site/index.html" 'Kế hoạch số 12/KH-BCĐ'

# ---- July 2025: no 2025 result yet; a 2025 target revised ----
printf -- '---\ntitle: "Tin"\nweight: 2\n---\nTin tháng 7.\n' > "$R/content/02-tin.md"
commit "$R" "2025-07-01T09:00:00+07:00" "Tin tháng 7"
ind 91 '' 82 '' '"89,5"' 78
commit "$R" "2025-08-05T09:00:00+07:00" "Điều chỉnh chỉ tiêu 2 năm 2025"
run_ssg 0 build -C "$R" -o "$T/b"
# Only the target changed after the 2025 tag is flagged, with its date
# and the publication of the 2025 plan.
has "$T/b/index.html" 'Đã điều chỉnh ngày 05/08/2025: 80% → 82%'
python3 - "$T/b/index.html" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
assert page.count("Đã điều chỉnh ngày") == 1, page.count("Đã điều chỉnh ngày")
PY
has "$T/b/indicators/2/index.html" 'Chỉ tiêu đã điều chỉnh sau khi công bố.</strong> Kế hoạch công bố ngày 04/03/2025.'
hasnt "$T/b/indicators/1/index.html" 'Chỉ tiêu đã điều chỉnh'
# The June 2025 deadline passed with no 2025 result: missing, though a
# June 2024 result exists.  The year report is not due yet.
deadlines "$T/b/index.html" "2025-06-15 missing 2025-11-15 upcoming"

# ---- a late six-month report: the annual one needs a later result ----
ind 91 '"89,7"' 82 79 '"89,5"' 78
commit "$R" "2025-09-10T09:00:00+07:00" "Kết quả 6 tháng 2025 (muộn)"
run_ssg 0 build -C "$R" -o "$T/c"
deadlines "$T/c/index.html" "2025-06-15 late 2025-11-15 upcoming"

# One chart a plan year: 2025's first, then 2024's among the years
# before (the periods events carry reach the charts).
has "$T/c/indicators/1/index.html" 'Diễn biến theo thời gian năm 2025</h2>'
has "$T/c/indicators/1/index.html" '<h3>Các năm trước</h3>'
python3 - "$T/c/indicators/1/index.html" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
assert page.count("<svg") == 2, page.count("<svg")
PY

# ---- history --json carries the period of each event ----
run_ssg 0 history -C "$R" --json
python3 - "$T/out" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
for e in ev:
    want = e["date"][:4]
    assert e.get("period") == want, e
assert list(ev[0])[-1] == "period", list(ev[0])
PY
# ... from the cache too (the walk above made it).
[ -f "$R/.git/ssg/history.cache" ] || fail "no history cache"
cp "$T/out" "$T/json1"
run_ssg 0 history -C "$R" --json
cmp "$T/out" "$T/json1" || fail "history from the cache differs"

# ---- history and diff say when two revisions are different plans ----
run_ssg 0 history -C "$R" indicators/1
has "$T/out" "$last2024 belongs to the plan for 2024, $open2025 to the plan for 2025: these are two different plans, not a revision."
python3 - "$T/out" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
at = [i for i, l in enumerate(lines) if "two different plans" in l]
assert len(at) == 1, lines
assert "2024-11-08" in lines[at[0] - 1] and "2025-03-03" in lines[at[0] + 1], lines
PY
run_ssg 0 diff -C "$R" v2024 v2025
has "$T/out" "v2024 belongs to the plan for 2024, v2025 to the plan for 2025: these are two different plans, not a revision."
hasnt "$T/out" "Revised targets"
(export LANG=vi_VN.UTF-8; run_ssg 0 diff -C "$R" v2024 v2025)
has "$T/out" "v2024 thuộc kế hoạch năm 2024, v2025 thuộc kế hoạch năm 2025: đây là hai kế hoạch khác nhau, không phải điều chỉnh."
(export LANG=vi_VN.UTF-8; run_ssg 0 history -C "$R" indicators/1)
has "$T/out" "$last2024 thuộc kế hoạch năm 2024, $open2025 thuộc kế hoạch năm 2025: đây là hai kế hoạch khác nhau, không phải điều chỉnh."
# Within one plan, a diff has revised targets and no such line.
run_ssg 0 diff -C "$R" v2024 "$last2024"
has "$T/out" "Revised targets"
hasnt "$T/out" "different plans"
echo "ok"
