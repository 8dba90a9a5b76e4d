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

echo ok
