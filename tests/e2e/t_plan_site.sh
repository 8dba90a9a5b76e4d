# The Bắc Sơn plan of this repository becomes a complete Vietnamese site.
. "$(dirname "$0")/lib.sh"
plan_repo "$T/r"
run_ssg 0 build -C "$T/r" -o "$T/site"
S=$T/site
for p in index.html muc-dich-yeu-cau/index.html chi-tieu/index.html \
	nhiem-vu/index.html kinh-phi/index.html to-chuc-thuc-hien/index.html \
	indicators/index.html tasks/index.html data/index.html \
	disclosure/index.html data/indicators.csv data/indicators.json \
	data/tasks.csv data/tasks.json static/style.css; do
	[ -f "$S/$p" ] || fail "missing page $p"
done
for i in 1 2 3 4 5 6 7 8 9; do
	[ -f "$S/indicators/$i/index.html" ] || fail "missing indicator $i"
done
has "$S/index.html" '<html lang="vi">'
# Numbers the Vietnamese way, with machine values beside them.
has "$S/index.html" '<data value="72.2">72,2%</data>'
has "$S/index.html" '<data value="99.32">99,32%</data>'
has "$S/index.html" '<data value="87.29">87,29%</data>'
has "$S/index.html" '(nâng 02 chỉ tiêu trong 9 tiêu chí)'
has "$S/index.html" 'Chưa có số liệu'
has "$S/index.html" '15/06/2024'
has "$S/index.html" '15/11/2024'
has "$S/index.html" 'Dương Thị Thép'
has "$S/index.html" 'Thực hiện Kế hoạch số 32/KH-BCĐ'
has "$S/chi-tieu/index.html" 'Tỷ lệ gia đình văn hóa'
has "$S/chi-tieu/index.html" 'Kết quả năm 2023'
# Every task with its lead agency; the plan's numbering skips 9.
has "$S/tasks/index.html" 'Trung tâm Văn hoá, Thể thao và Truyền thông huyện'
has "$S/tasks/index.html" 'Liên đoàn Lao động huyện Bắc Sơn'
has "$S/tasks/index.html" 'Quý III, năm 2024'
has "$S/tasks/index.html" 'id="nhiem-vu-10"'
hasnt "$S/tasks/index.html" 'id="nhiem-vu-9"'
has "$S/nhiem-vu/index.html" 'Ủy ban Mặt trận Tổ quốc Việt Nam huyện'
has "$S/to-chuc-thuc-hien/index.html" 'Trung tâm Y tế'
has "$S/to-chuc-thuc-hien/index.html" 'Ban Chỉ đạo các xã, thị trấn'
has "$S/kinh-phi/index.html" '<em>nếu có</em>'
# The footer names the commit the site was built from.
id=$(git -C "$T/r" rev-parse --short=7 HEAD)
has "$S/index.html" ">$id</code>"
has "$S/indicators/7/index.html" "$id"
# Open data: comma-separated, dot decimals; JSON numbers.
has "$S/data/indicators.csv" '72.2'
hasnt "$S/data/indicators.csv" '"72,2"'
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[1]["baseline"]==72.2, d[1]; assert d[6]["target"].startswith("(nâng"), d[6]' "$S/data/indicators.json"
echo ok
