# Readers see words (contract section 5, issue 14 item 3): field titles
# instead of column names, statuses and dates in words and dd/mm/yyyy,
# names beside ids, reasons beside changes, dates rather than commit ids
# as link text, the feed's summaries as sentences, tables named by their
# titles.
. "$(dirname "$0")/lib.sh"
R=$T/r
new_repo "$R"
mkdir -p "$R/content" "$R/data"
cat > "$R/content/_index.md" <<'MD'
---
title: "Kế hoạch thử"
year: "2024"
---
Giới thiệu.
MD
printf -- '---\ntitle: "Kết quả theo xã"\nweight: 1\n---\n{{table communes}}\n' > "$R/content/01-xa.md"
# package YEAR: datapackage.json whose titles name the plan's year.
package() {
	cat > "$R/data/datapackage.json" <<JSON
{"name": "thu", "resources": [
 {"name": "indicators", "path": "indicators.csv", "title": "Các chỉ tiêu năm $1",
  "schema": {"fields": [{"name": "target", "title": "Kế hoạch năm $1"}]}},
 {"name": "communes", "path": "communes.csv", "title": "Kết quả theo xã năm $1",
  "schema": {"primaryKey": "id", "fields": [{"name": "id", "title": "Mã xã", "type": "string"},
   {"name": "gia_dinh", "title": "Tỷ lệ gia đình văn hóa năm $1"}]}}]}
JSON
}
package 2024
cat > "$R/data/indicators.csv" <<'CSV'
id,name,unit,baseline,target,result,as_of,direction
1,Tỷ lệ gia đình văn hóa,%,"87,29",90,,,up
2,Tỷ lệ thôn văn hóa,%,"72,2","77,7",,,up
CSV
cat > "$R/data/tasks.csv" <<'CSV'
id,title,lead,status
1,Tổ chức hội nghị triển khai,Phòng Văn hóa,in_progress
2,Kiểm tra thôn văn hóa,UBND xã,
CSV
cat > "$R/data/communes.csv" <<'CSV'
id,name,gia_dinh
06253,Thị trấn Bắc Sơn,"87,1"
06256,Xã Long Đống,"88,1"
CSV
commit "$R" "2024-03-01T09:00:00+07:00" "Ban hành kế hoạch năm 2024"
first=$(git -C "$R" rev-parse --short=7 HEAD)
# Results as clerks type them: a date the ISO way, statuses as keys and
# as unaccented words.
sed -i 's/^1,\(.*\),90,,,up$/1,\1,90,"88,1",2024-06-15,up/' "$R/data/indicators.csv"
sed -i 's/in_progress$/done/; s/^2,\(.*\),$/2,\1,dang thuc hien/' "$R/data/tasks.csv"
sed -i 's/"87,1"/"88"/; s/"88,1"/"89"/' "$R/data/communes.csv"
commit "$R" "2024-06-20T16:00:00+07:00" "Cập nhật kết quả 6 tháng"
six=$(git -C "$R" rev-parse --short=7 HEAD)
sed -i 's/"77,7",,,up/80,,,up/' "$R/data/indicators.csv"
commit "$R" "2024-07-02T09:00:00+07:00" "Điều chỉnh chỉ tiêu 2 theo Nghị quyết số 07/NQ-HĐND"
revised=$(git -C "$R" rev-parse --short=7 HEAD)
(cd "$R" && GIT_COMMITTER_DATE="2024-07-03T10:00:00+07:00" git tag -a v1 -m "Kế hoạch số 12/KH-BCĐ")
# The next year's titles: events of 2024 keep theirs.
package 2025
sed -i 's/^1,\(.*\),90,"88,1"/1,\1,91,"88,1"/' "$R/data/indicators.csv"
sed -i '/^06256,/d' "$R/data/communes.csv" # merged away
commit "$R" "2025-01-10T09:00:00+07:00" "Kế hoạch năm 2025"
last=$(git -C "$R" rev-parse --short=7 HEAD)
run_ssg 0 build -C "$R" -o "$T/s"
S=$T/s

# Row history: field titles and values as the site writes them, no
# column names, no blank fields.
I1=$S/indicators/1/index.html
has "$I1" 'Thêm dòng: <span class="cell"><span class="muted">STT:</span> 1;</span> <span class="cell"><span class="muted">Chỉ tiêu:</span> Tỷ lệ gia đình văn hóa;</span> <span class="cell"><span class="muted">Đơn vị:</span> %;</span> <span class="cell"><span class="muted">Kết quả năm trước:</span> <data value="87.29">87,29%</data>;</span> <span class="cell"><span class="muted">Kế hoạch năm 2024:</span>'
has "$I1" '<span class="muted">Chiều hướng:</span> Càng cao càng tốt</span>'
hasnt "$I1" '<span class="muted">name</span>'
hasnt "$I1" '<span class="muted">Kết quả mới nhất:</span> </span>'
X=$S/tables/communes/06253/index.html
has "$X" '<h1>06253. Thị trấn Bắc Sơn <span class="muted">— lịch sử thay đổi</span></h1>'
has "$X" '<span class="muted">Mã xã:</span> 06253;</span> <span class="cell"><span class="muted">Tên:</span> Thị trấn Bắc Sơn;</span>'
hasnt "$X" '<span class="muted">id</span>'

# A change page: statuses in words, dates dd/mm/yyyy, each row with its
# name beside its key.
C=$S/changes/$six/index.html
has "$C" '<span class="ev-field">Trạng thái</span>: <del>Đang thực hiện</del> → <ins>Hoàn thành</ins>'
has "$C" '<span class="ev-field">Trạng thái</span>: <del>(trống)</del> → <ins>Đang thực hiện</ins>'
has "$C" '<span class="ev-field">Số liệu tính đến</span>: <del>(trống)</del> → <ins>15/06/2024</ins>'
has "$C" '<th scope="row">1<br><span class="muted">Tổ chức hội nghị triển khai</span></th>'
has "$C" '<th scope="row">06253<br><span class="muted">Thị trấn Bắc Sơn</span></th>'
# A row the table no longer has keeps its name.
has "$C" '<th scope="row">06256<br><span class="muted">Xã Long Đống</span></th>'
hasnt "$C" 'in_progress'
hasnt "$C" 'dang thuc hien'
hasnt "$C" '2024-06-15'
hasnt "$C" '(data/'
has "$C" "› Ngày 20/06/2024</nav>"

# Dates, not commit ids, are the links to a change; its reason beside.
has "$I1" "<a href=\"../../changes/$six/\"><time datetime=\"2024-06-20T16:00:00+07:00\">20/06/2024</time></a>"
has "$I1" "<td data-label=\"Lý do\">Cập nhật kết quả 6 tháng <small class=\"muted\"><code>$six</code></small></td>"
hasnt "$I1" ">$six</a>"

# A table's source is named by its title, not its file.
has "$S/xa/index.html" 'Nguồn: <a href="../data/communes.csv">bảng số liệu “Kết quả theo xã năm 2025”</a>'
hasnt "$S/xa/index.html" 'data/communes.csv</a>'
has "$S/index.html" '>bảng số liệu “Các chỉ tiêu năm 2025”</a>'

# The feed's summaries are sentences.
F=$S/feed.xml
has "$F" 'Chỉ tiêu “Tỷ lệ gia đình văn hóa”: Kết quả mới nhất là 88,1% (trước đó để trống); Số liệu tính đến là 15/06/2024 (trước đó để trống).'
has "$F" 'Nhiệm vụ “Tổ chức hội nghị triển khai”: Trạng thái từ Đang thực hiện thành Hoàn thành.'
has "$F" 'Nhiệm vụ “Kiểm tra thôn văn hóa”: Trạng thái là Đang thực hiện (trước đó để trống).'
has "$F" 'Bảng “Kết quả theo xã năm 2024”, dòng “Thị trấn Bắc Sơn”: Tỷ lệ gia đình văn hóa năm 2024 từ 87,1 thành 88. Bảng “Kết quả theo xã năm 2024”, dòng “Xã Long Đống”: Tỷ lệ gia đình văn hóa năm 2024 từ 88,1 thành 89.'
has "$F" 'Bảng “Kết quả theo xã năm 2025”: xóa dòng “Xã Long Đống”.'
has "$F" '<summary>Chỉ tiêu “Tỷ lệ thôn văn hóa”: Kế hoạch năm 2024 từ 77,7% thành 80%.</summary>'
has "$F" 'Chỉ tiêu “Tỷ lệ gia đình văn hóa”: Kế hoạch năm 2025 từ 90% thành 91%.</summary>'
hasnt "$F" 'indicators/'

# Titles of their time (contract section 3): an event shows the table's
# and the columns' titles of its commit's datapackage.json, though today's
# say 2025.
has "$C" '<h3>Kết quả theo xã năm 2024</h3>'
has "$C" '<caption>Thay đổi từng ô của bảng Các chỉ tiêu năm 2024</caption>'
has "$C" '<span class="ev-field">Tỷ lệ gia đình văn hóa năm 2024</span>'
hasnt "$C" 'năm 2025'
has "$S/changes/$revised/index.html" '<span class="ev-field">Kế hoạch năm 2024</span>'
has "$S/changes/$last/index.html" '<h3>Các chỉ tiêu năm 2025</h3>'
has "$S/changes/$last/index.html" '<span class="ev-field">Kế hoạch năm 2025</span>'
has "$I1" '<span class="ev-field">Kế hoạch năm 2025</span>: <del><data value="90">90%</data></del>'
has "$I1" '<span class="muted">Kế hoạch năm 2024:</span> <data value="90">90%</data>'
has "$S/indicators/2/index.html" '<span class="ev-field">Kế hoạch năm 2024</span>: <del><data value="77.7">77,7%</data></del>'
has "$S/tables/communes/06253/index.html" '<span class="muted">Tỷ lệ gia đình văn hóa năm 2024:</span>'
# A revision's page is in the titles of the revision's time.
has "$S/revisions/v1/index.html" '<h3>Các chỉ tiêu năm 2024 (bảng mới)</h3>'
hasnt "$S/revisions/v1/index.html" 'năm 2025'
# The same titles from the history cache the build before left.
run_ssg 0 build -C "$R" -o "$T/s2"
diff -r "$S" "$T/s2" >/dev/null || fail "a build from the history cache differs"

# ssg diff names each indicator and gives the message of the commit that
# revised it, in English and in Vietnamese; tables and columns by the
# titles of the newer revision's datapackage.json (contract section 5),
# the row's key kept.
LANG=C run_ssg 0 diff -C "$R" "$first" HEAD
has "$T/out" '  Các chỉ tiêu năm 2025 — id 2 “Tỷ lệ thôn văn hóa” Kế hoạch năm 2025: 77,7 → 80'
has "$T/out" "    changed in $revised on 2024-07-02: Điều chỉnh chỉ tiêu 2 theo Nghị quyết số 07/NQ-HĐND"
has "$T/out" '  Các chỉ tiêu năm 2025 — id 1 “Tỷ lệ gia đình văn hóa” Kế hoạch năm 2025: 90 → 91'
has "$T/out" "    changed in $last on 2025-01-10: Kế hoạch năm 2025"
has "$T/out" 'Kết quả theo xã năm 2025 (data/communes.csv)'
has "$T/out" '  id 06253 “Thị trấn Bắc Sơn” Tỷ lệ gia đình văn hóa năm 2025: 87,1 → 88'
has "$T/out" '  id 06256 removed: Mã xã: 06256, Tên: Xã Long Đống, Tỷ lệ gia đình văn hóa năm 2025: 88,1'
has "$T/out" '  id 1 “Tỷ lệ gia đình văn hóa” Kết quả mới nhất: (empty) → 88,1'
# Statuses, directions and dates as the site shows them, not as typed.
has "$T/out" '  id 2 “Kiểm tra thôn văn hóa” Trạng thái: (empty) → Đang thực hiện'
has "$T/out" '  id 1 “Tổ chức hội nghị triển khai” Trạng thái: Đang thực hiện → Hoàn thành'
has "$T/out" '  id 1 “Tỷ lệ gia đình văn hóa” Số liệu tính đến: (empty) → 15/06/2024'
hasnt "$T/out" 'dang thuc hien'
hasnt "$T/out" 'in_progress'
hasnt "$T/out" '2024-06-15'
hasnt "$T/out" " target:"
hasnt "$T/out" 'gia_dinh'
hasnt "$T/out" '""'
LANG=vi_VN.UTF-8 run_ssg 0 diff -C "$R" "$first" HEAD
has "$T/out" 'Chỉ tiêu đã điều chỉnh'
has "$T/out" '  Các chỉ tiêu năm 2025 — mã 2 “Tỷ lệ thôn văn hóa” Kế hoạch năm 2025: 77,7 → 80'
has "$T/out" "    thay đổi ở phiên bản $revised ngày 02/07/2024: Điều chỉnh chỉ tiêu 2 theo Nghị quyết số 07/NQ-HĐND"
has "$T/out" '  mã 06256 xóa dòng: Mã xã: 06256, Tên: Xã Long Đống, Tỷ lệ gia đình văn hóa năm 2025: 88,1'
has "$T/out" '  mã 1 “Tỷ lệ gia đình văn hóa” Kết quả mới nhất: (trống) → 88,1'
hasnt "$T/out" 'changed in'
hasnt "$T/out" '(empty)'
hasnt "$T/out" '""'

# ssg history in the titles of each event's time, as the site's pages.
LANG=C run_ssg 0 history -C "$R"
has "$T/out" "  $first  Kết quả theo xã năm 2024 — id 06256  added: Mã xã: 06256, Tên: Xã Long Đống, Tỷ lệ gia đình văn hóa năm 2024: 88,1  "
has "$T/out" "  $revised  Các chỉ tiêu năm 2024 — id 2 “Tỷ lệ thôn văn hóa”  Kế hoạch năm 2024: 77,7 → 80  "
has "$T/out" "  $last  Các chỉ tiêu năm 2025 — id 1 “Tỷ lệ gia đình văn hóa”  Kế hoạch năm 2025: 90 → 91  "
has "$T/out" "2024-06-20 16:00 +07:00  $six  Các chỉ tiêu năm 2024 — id 1 “Tỷ lệ gia đình văn hóa”  Kết quả mới nhất: (empty) → 88,1  "
hasnt "$T/out" '""'
hasnt "$T/out" 'gia_dinh'
has "$T/out" "  $first  Các chỉ tiêu năm 2024 — id 1  added: STT: 1, Chỉ tiêu: Tỷ lệ gia đình văn hóa, Đơn vị: %, Kết quả năm trước: 87,29, Kế hoạch năm 2024: 90, Chiều hướng: Càng cao càng tốt  "
hasnt "$T/out" ' up  '
LANG=vi_VN.UTF-8 run_ssg 0 history -C "$R"
# Its times as the site writes them: dd/mm/yyyy hh:mm.
has "$T/out" "20/06/2024 16:00  $six  Các chỉ tiêu năm 2024 — mã 1 “Tỷ lệ gia đình văn hóa”  Kết quả mới nhất: (trống) → 88,1  "
hasnt "$T/out" "2024-06-20"
hasnt "$T/out" "+07:00"
has "$T/out" "  $first  Kết quả theo xã năm 2024 — mã 06256  thêm dòng: Mã xã: 06256, Tên: Xã Long Đống, Tỷ lệ gia đình văn hóa năm 2024: 88,1  "
# --json stays the machine's: names, not titles.
run_ssg 0 history -C "$R" --json communes/06253
has "$T/out" '"field":"gia_dinh"'
hasnt "$T/out" 'Tỷ lệ gia đình văn hóa năm'
echo ok
