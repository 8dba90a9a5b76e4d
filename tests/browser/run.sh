#!/bin/sh
# Builds a site and its offline archive from a repository with history
# (this project's plan, then results, a generic table, a post, a revised
# target, two annotated tags and the next year's plan, all at fixed dates) and checks it in
# Debian's Chromium (the archive unpacked: its search from file://):
#   SSG=build/ssg tests/browser/run.sh SITE_DIR SCREENSHOT_DIR
# Both are kept for people to look at.
. "$(dirname "$0")/../e2e/lib.sh"
SITE=${1:?usage: run.sh SITE_DIR SCREENSHOT_DIR}
SHOTS=${2:?usage: run.sh SITE_DIR SCREENSHOT_DIR}
mkdir -p "$SITE" "$SHOTS"
SITE=$(cd "$SITE" && pwd)
SHOTS=$(cd "$SHOTS" && pwd)
R=$T/plan

# tag REPO DATE NAME MESSAGE: an annotated tag at a fixed date.
tag() {
	(cd "$1" && GIT_COMMITTER_DATE="$2" git tag -a "$3" -m "$4")
}

# set_line FILE N TEXT: replaces line N of FILE.
set_line() {
	awk -v n="$2" -v t="$3" 'NR == n { print t; next } { print }' "$1" \
		> "$1.tmp" && mv "$1.tmp" "$1"
}

plan_repo "$R" # committed 01/03/2024
tag "$R" "2024-03-02T08:00:00+07:00" v2024.1 "Kế hoạch số 15/KH-BCĐ ngày 02/3/2024

Bản ban hành lần đầu."

I=$R/data/indicators.csv
set_line "$I" 6 '5,Tỷ lệ gia đình văn hóa,%,"87,29",90,"88,1",31/03/2024,up,,"Báo cáo quý I, Phòng Văn hóa và Thông tin"'
set_line "$I" 10 '9,Tỷ lệ người dân tham gia tập luyện thể dục thể thao thường xuyên,%,48,49,"47,5",31/03/2024,up,,"Báo cáo quý I"'
cat > "$R/data/communes.csv" <<'CSV'
Xã,Số hộ,Gia đình văn hóa,Tỷ lệ (%)
Thị trấn Bắc Sơn,2150,1940,"90,2"
Xã Vũ Lễ,1032,901,"87,3"
Xã Chiêu Vũ,845,744,"88,0"
Xã Tân Tri,1210,1051,"86,9"
CSV
# A post quoting no table: unchanged since v2024.2, that revision's copy
# leaves it (and its search entry) to the main site.
mkdir -p "$R/content/posts"
cat > "$R/content/posts/hoi-nghi-trien-khai.md" <<'MD'
---
title: "Hội nghị triển khai Phong trào năm 2024"
date: "28/03/2024"
---
Ngày 28/3/2024, Ban Chỉ đạo huyện tổ chức hội nghị triển khai kế hoạch
thực hiện Phong trào tới các xã, thị trấn.
MD
commit "$R" "2024-04-05T09:00:00+07:00" "Cập nhật kết quả quý I và số liệu các xã"

mkdir -p "$R/content/posts"
cat > "$R/content/posts/so-ket-6-thang.md" <<'MD'
---
title: "Sơ kết 6 tháng đầu năm 2024"
date: "14/06/2024"
summary: "Kết quả bình xét gia đình văn hóa và thôn văn hóa 6 tháng đầu năm."
---
Ngày 14/6/2024, Ban Chỉ đạo huyện sơ kết 6 tháng thực hiện Phong trào.
Tỷ lệ gia đình văn hóa đạt {{value indicators 5 result}}, tính đến
31/3/2024.

## Số liệu các xã

{{table communes}}

Xem thêm [các chỉ tiêu](02-chi-tieu.md), [nhiệm vụ](03-nhiem-vu.md) và [số liệu các xã](#so-lieu-cac-xa).
MD
K=$R/data/tasks.csv
sed -i '2s/,,,$/,in_progress,40,/; 3s/,,,$/,done,100,Đã hoàn thành/; 4s/,,,$/,planned,,/' "$K"
set_line "$I" 6 '5,Tỷ lệ gia đình văn hóa,%,"87,29",90,"89,4",31/05/2024,up,,"Báo cáo 6 tháng, Phòng Văn hóa và Thông tin"'
commit "$R" "2024-06-14T16:30:00+07:00" "Sơ kết 6 tháng, cập nhật nhiệm vụ"

set_line "$I" 10 '9,Tỷ lệ người dân tham gia tập luyện thể dục thể thao thường xuyên,%,48,"48,5","48,7",30/06/2024,up,,"Báo cáo 6 tháng"'
set_line "$R/data/communes.csv" 3 'Xã Vũ Lễ,1040,925,"88,9"'
commit "$R" "2024-07-02T09:00:00+07:00" "Điều chỉnh chỉ tiêu 9 theo Nghị quyết của HĐND huyện"
tag "$R" "2024-07-03T08:00:00+07:00" v2024.2 "Kế hoạch số 40/KH-BCĐ điều chỉnh

Điều chỉnh chỉ tiêu 9."

# 10/7/2024: two communes merged (a removed row's page, and the new row's
# naming the rows it replaces).
cat > "$R/data/communes.csv" <<'CSV'
Xã,Số hộ,Gia đình văn hóa,Tỷ lệ (%),replaces
Xã Tân Chiêu,2995,2684,"89,6",Thị trấn Bắc Sơn;Xã Chiêu Vũ
Xã Vũ Lễ,1040,925,"88,9",
Xã Tân Tri,1210,1051,"86,9",
CSV
commit "$R" "2024-07-10T09:00:00+07:00" "Sáp nhập thị trấn Bắc Sơn và xã Chiêu Vũ thành xã Tân Chiêu"

# 2025: a new plan (its year in the front matter), so that the 2024 plan
# as it ended, years/2024/, is checked like every other page.
sed -i 's/năm 2024"$/năm 2025"/; s/Bắc Sơn 2024"$/Bắc Sơn 2025"/; s/^year: "2024"$/year: "2025"/; s/tháng 3 năm 2024"$/tháng 3 năm 2025"/' \
	"$R/content/_index.md"
grep -q '^year: "2025"$' "$R/content/_index.md" || fail "the fixture's plan did not move to 2025"
set_line "$I" 6 '5,Tỷ lệ gia đình văn hóa,%,"89,4",91,,,up,,"Kế hoạch năm 2025"'
commit "$R" "2025-03-03T09:00:00+07:00" "Ban hành kế hoạch năm 2025"

rm -f "$SHOTS"/*.png
run_ssg 0 build -C "$R" -o "$SITE" --archive "$T/site.zip"
# The offline archive as a clerk unpacks it, for search from file://.
mkdir "$T/offline"
(cd "$T/offline" && unzip -q "$T/site.zip")
OFFLINE_SITE=$T/offline node "$ROOT/tests/browser/check.mjs" "$SITE" "$SHOTS"
