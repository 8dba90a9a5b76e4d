# A clerk's spreadsheet is read as the clerk meant it (contract section
# 2).  tests/e2e/clerk/ holds tables saved the ways spreadsheets save
# them: indicators-excel.csv as Excel's "CSV UTF-8" under a Vietnamese
# locale (BOM, ';', CRLF, the headers as the site shows them, ';;;;;;'
# rows left under the table); tasks-lost-letters.csv as plain "CSV" in a
# code page without Vietnamese letters (Windows-1251), every lost letter
# a '?'.
. "$(dirname "$0")/lib.sh"
C=$ROOT/tests/e2e/clerk
R=$T/r
mini_repo "$R"

# check and build with nothing to say, the site in $T/site.
quiet() {
	run_ssg 0 check -C "$R"
	[ ! -s "$T/err" ] || { cat "$T/err" >&2; fail "check: $1"; }
	run_ssg 0 build -C "$R" -o "$T/site"
	[ ! -s "$T/err" ] || { cat "$T/err" >&2; fail "build: $1"; }
}

# Headers as the site shows them, empty rows: read, and nothing to say.
cp "$C/indicators-excel.csv" "$R/data/indicators.csv"
commit "$R" "2024-07-01T09:00:00+07:00" "Nhập kết quả 6 tháng"
quiet "reports on a good Excel table"
has "$T/site/indicators/1/index.html" "89,2"
hasnt "$T/site/indicators/1/index.html" "Chưa có số liệu"
has "$T/site/index.html" "Kết quả mới nhất"
has "$T/site/data/indicators.csv" "id,name,unit,baseline,target,result,as_of"

# A header written as datapackage.json titles the field is that field.
cat >"$R/data/datapackage.json" <<'J'
{"resources": [{"name": "indicators", "path": "indicators.csv",
  "schema": {"fields": [{"name": "baseline", "title": "Kết quả năm 2023"}]}}]}
J
sed 's/Kết quả năm trước/KẾT QUẢ NĂM 2023/' "$C/indicators-excel.csv" >"$R/data/indicators.csv"
commit "$R" "2024-07-02T09:00:00+07:00" "Tiêu đề cột như datapackage.json"
quiet "reports on a datapackage title"
has "$T/site/index.html" ">Kết quả năm 2023</th>"
has "$T/site/indicators/1/index.html" "87,29"

# "1.250" in a column that writes "89,2" and "1.250.000" is 1250; the
# open data says so to machines.
has "$T/site/data/indicators.csv" ',1250000,1500000,1250,'
has "$T/site/indicators/3/index.html" '<data value="1250">1.250</data>'
# ... in its history and chart too.
hasnt "$T/site/indicators/3/index.html" '1,250'
has "$T/site/changes/index.html" 'Nhập kết quả 6 tháng'

# A table of communes: codes are text, whatever they look like; a
# column writing "0.5" settles "1.250" as 1,250, one writing
# "1.120.300" settles "12.500" as 12500.
cat >"$R/data/communes.csv" <<'CSV'
ma_xa,ten,so_dan,ty_le
26001,Xã Bắc Sơn,12.500,0.5
06253,Xã Long Đống,1.120.300,1.250
CSV
commit "$R" "2024-07-03T09:00:00+07:00" "Thêm bảng xã"
quiet "reports on the communes"
has "$T/site/tables/communes/index.html" ">26001<"
hasnt "$T/site/tables/communes/index.html" "26.001"
has "$T/site/tables/communes/index.html" ">06253<"
has "$T/site/tables/communes/index.html" '<data value="1.250">1,250</data>'
has "$T/site/tables/communes/index.html" '<data value="12500">12.500</data>'
has "$T/site/data/communes.json" '"ma_xa": "26001"'

# Tasks saved in a code page without Vietnamese letters: check stops at
# the first word that lost its letters, saying how to save the file.
cp "$C/tasks-lost-letters.csv" "$R/data/tasks.csv"
commit "$R" "2024-07-04T09:00:00+07:00" "Nhập nhiệm vụ"
run_ssg 1 check -C "$R"
has "$T/err" "data/tasks.csv:2:18: error: 'Ph?ng V?n h?a' has lost its letters"
has "$T/err" "(4 cells)"

# Uncommitted edits are named by a build of HEAD, not by --worktree or
# --rev; a lightweight tag is named by check.
git -C "$R" reset -q --hard HEAD~1
printf '\nGhi chú mới.\n' >>"$R/content/01-muc-tieu.md"
mkdir -p "$R/content/posts"
printf -- '---\ntitle: "Tin"\ndate: 01/07/2024\n---\nTin.\n' >"$R/content/posts/tin.md"
printf 'x\n' >"$R/notes.txt"
run_ssg 0 build -C "$R" -o "$T/site"
has "$T/err" "content/01-muc-tieu.md:1:1: warning: not committed:"
has "$T/err" "content/posts/tin.md:1:1: warning: not committed:"
hasnt "$T/err" "notes.txt"
run_ssg 0 check -C "$R" --worktree
hasnt "$T/err" "not committed"
run_ssg 0 check -C "$R" --rev HEAD~1
hasnt "$T/err" "not committed"
git -C "$R" tag nhap
run_ssg 0 check -C "$R" --worktree
has "$T/err" "ssg: warning: tag 'nhap' is not a revision: it was made without -a; make it with git tag -a"
# A clone never checked out is not being edited: nothing to name.
git clone -q --no-checkout "$R" "$T/nc"
run_ssg 0 check -C "$T/nc"
hasnt "$T/err" "not committed"

echo ok
