# Past years stay readable (contract section 1, issue 13 item 2): a
# repository with the 2024 plan and then the 2025 one has years/2024/,
# the whole site as it stood at the last 2024 commit (final results,
# deadlines as judged then), linked from the overview and listed in the
# disclosure directory with the day that plan was published (its tag's,
# or the commit that opened it), never the build's.
. "$(dirname "$0")/lib.sh"
R=$T/r
new_repo "$R"
mkdir -p "$R/content" "$R/data"
index() { year_index "$R" "$1" "Số $1/KH-UBND"; } # YEAR: that year's plan
ind() { # T1 R1 BASE1: data/indicators.csv
	printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,%s,%s,%s,\n' \
		"$3" "$1" "$2" > "$R/data/indicators.csv"
}
tag() { # NAME DATE MESSAGE
	(cd "$R" && GIT_COMMITTER_DATE="$2" git tag -a "$1" -m "$3")
}
row() { # FILE TEXT: the one row of FILE's disclosure directory with TEXT, into $T/row
	python3 - "$1" "$2" > "$T/row" <<'PY' || fail "$1: not one row with: $2"
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
rows = re.findall(r'<tr><th scope="row">(.*?)</tr>', page, re.S)
rows = [r for r in rows if sys.argv[2] in r]
assert len(rows) == 1, rows
print(rows[0])
PY
}
printf -- '---\ntitle: "Chỉ tiêu"\nweight: 1\n---\n{{table indicators}}\n' > "$R/content/01-chi-tieu.md"
index 2024
ind 90 '' '"87,29"'
commit "$R" "2024-03-01T09:00:00+07:00" "Ban hành kế hoạch năm 2024"
tag v2024 "2024-03-05T10:00:00+07:00" "Kế hoạch số 12/KH-BCĐ năm 2024"
ind 90 88 '"87,29"'
commit "$R" "2024-06-10T16:00:00+07:00" "Kết quả 6 tháng 2024"
ind 89 88 '"87,29"'
commit "$R" "2024-07-02T09:00:00+07:00" "Điều chỉnh chỉ tiêu 1 năm 2024"
ind 89 '"89,5"' '"87,29"'
commit "$R" "2024-11-08T15:00:00+07:00" "Kết quả cả năm 2024"

# ---- one year only: nothing past ----
run_ssg 0 build -C "$R" -o "$T/a"
[ ! -e "$T/a/years" ] || fail "years/ with one plan year"
hasnt "$T/a/index.html" 'Kế hoạch các năm trước'
# The plan is dated by its tag, 05/03/2024, not by its last change.
has "$T/a/disclosure/index.html" '<time datetime="2024-03-05">05/03/2024</time>'

# ---- 2025: a new plan, not tagged yet, then tagged ----
index 2025
ind 91 '' '"89,5"'
commit "$R" "2025-03-03T09:00:00+07:00" "Ban hành kế hoạch năm 2025"
printf -- '---\ntitle: "Tin"\nweight: 2\n---\nTin tháng 4 <b>&</b>.\n' > "$R/content/02-tin.md"
commit "$R" "2025-04-01T09:00:00+07:00" "Tin tháng 4"
run_ssg 0 build -C "$R" -o "$T/b"
# No tag yet in 2025: the plan was published by the commit opening it.
row "$T/b/disclosure/index.html" 'Kế hoạch năm 2025'
has "$T/row" 'datetime="2025-03-03"'
row "$T/b/disclosure/index.html" 'href="../years/2024/"'
has "$T/row" '>Kế hoạch năm 2024</a><br><small>Kế hoạch số 12/KH-BCĐ năm 2024</small>'
has "$T/row" '<time datetime="2024-03-05">05/03/2024</time>'
# Its number as its own front matter gave it, not the 2025 plan's.
has "$T/row" '<td data-label="Số, ký hiệu">Số 2024/KH-UBND</td>'
tag v2025 "2025-03-04T10:00:00+07:00" "Kế hoạch số 21/KH-BCĐ năm 2025"
# A later change of the front matter does not move the plan's date.
sed -i 's/^Kế hoạch năm 2025\.$/Kế hoạch năm 2025, sửa lời./' "$R/content/_index.md"
commit "$R" "2025-05-02T09:00:00+07:00" "Sửa lời giới thiệu"
run_ssg 0 build -C "$R" -o "$T/c"
row "$T/c/disclosure/index.html" 'Kế hoạch năm 2025'
has "$T/row" 'datetime="2025-03-04"'
# The overview links the past years' plans.
has "$T/c/index.html" '<h2 id="cac-nam-truoc">Kế hoạch các năm trước</h2>'
has "$T/c/index.html" '<a href="./years/2024/">Kế hoạch năm 2024</a> (Kế hoạch số 12/KH-BCĐ năm 2024), công bố ngày <time datetime="2024-03-05">05/03/2024</time>'

# ---- years/2024/: the site at the last 2024 commit ----
Y=$T/c/years/2024
[ -f "$Y/index.html" ] || fail "no years/2024/"
has "$Y/index.html" 'Bạn đang xem <strong>kế hoạch năm 2024</strong> như lúc kết thúc'
has "$Y/index.html" '<time datetime="2024-11-08T15:00:00+07:00">08/11/2024 15:00</time>'
has "$Y/index.html" '<a href="./../../">Xem kế hoạch hiện hành</a>'
has "$Y/index.html" '<h1>Kế hoạch năm 2024</h1>'
# Final results and 2024's revised target, judged within 2024.
has "$Y/indicators/1/index.html" '89,5'
has "$Y/index.html" 'Đã điều chỉnh ngày 02/07/2024: 90% → 89%'
# The 2024 deadlines as judged at that commit: both met on time.
python3 - "$Y/index.html" <<'PY'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
st = re.findall(r'hạn <time datetime="([0-9-]+)">[^<]*</time> — <span class="status status-([a-z]+)">', page)
assert st == [("2024-06-15", "ontime"), ("2024-11-15", "ontime")], st
PY
# Nothing of 2025 in it: not the news, not the 2025 plan.
[ ! -e "$Y/tin" ] || fail "years/2024/ has a 2025 page"
hasnt "$Y/index.html" 'Kế hoạch năm 2025'
hasnt "$Y/index.html" 'Kế hoạch các năm trước'
# Its links to the pages every site shares go to the main site's.
has "$Y/revisions/index.html" 'href="../../../revisions/v2024/"'
has "$Y/revisions/index.html" 'href="../../../revisions/v2024/site/"'
[ "$(ls "$Y/changes")" = index.html ] || fail "years/2024/ writes commit pages of its own"
has "$Y/changes/index.html" 'href="../../../changes/'
hasnt "$Y/changes/index.html" 'Tin tháng 4' # a 2025 commit
[ -f "$T/c/revisions/v2024/site/index.html" ] || fail "no revision copy"
# The main site's revision list links the copies from where it is.
has "$T/c/revisions/index.html" 'href="../revisions/v2024/site/"'
# Links inside the copy resolve.
links_resolve "$T/c" years

# ---- deterministic, and kept across builds like revision copies ----
run_ssg 0 build -C "$R" -o "$T/d"
diff -r "$T/c" "$T/d" >/dev/null || fail "two builds differ"
# A build writes into the twin of the tree the one before left (out.h):
# the third finds there the copies the first made.
run_ssg 0 build -C "$R" -o "$T/d"
run_ssg 0 build -C "$R" -o "$T/d" --stats
grep -q 'revision copies: 3 kept from an earlier build, 0 made' "$T/err" ||
	{ cat "$T/err"; fail "the copies were not kept"; }
diff -r "$T/c" "$T/d" >/dev/null || fail "a kept copy differs"
grep -q '^years\.2024 ' "$R/.git/ssg/copies" || fail "no record of years/2024/"
echo "ok"
