# Pages of events kept by the key of their events (issue 16 item 2): a
# commit's page and a row's history page are keyed by their events'
# keys (ssg_hview_event_key: the event, and what the site gives its
# values now) instead of the events' values, which are made only for a
# page rendered.  Each input an old page's events take from the site is
# changed alone by a later commit; after each, the old page shows it and
# OUT holds the bytes of a cold build, so that a key that misses the
# input fails here.
. "$(dirname "$0")/lib.sh"
R=$T/r
new_repo "$R"
mkdir -p "$R/content" "$R/data"
printf -- '---\ntitle: "Kế hoạch thử"\nyear: "2025"\n---\nGiới thiệu.\n' >"$R/content/_index.md"
printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,"87,29",90,,\n2,Tỷ lệ thôn văn hóa,%%,"72,2",80,,\n' >"$R/data/indicators.csv"
printf 'ma,ten,so_ho,replaces\n06253,Xã Hưng Vũ,1200,\n06256,Xã Vũ Sơn,900,\n16265,Xã Vũ Lễ,1000,\n' >"$R/data/xa.csv"
commit "$R" "2025-03-01T09:00:00+07:00" "Danh sách xã"
# The old commits whose pages the steps below change.
printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,"87,29",90,"88,5",30/06/2025\n2,Tỷ lệ thôn văn hóa,%%,"72,2",80,,\n' >"$R/data/indicators.csv"
printf 'ma,ten,so_ho,replaces\n06253,Xã Hưng Vũ,1250,\n06256,Xã Vũ Sơn,900,\n16265,Xã Vũ Lễ,1000,\n' >"$R/data/xa.csv"
commit "$R" "2025-07-01T09:00:00+07:00" "Kết quả 6 tháng"
half=$T/out/changes/$(git -C "$R" rev-parse --short=7 HEAD)/index.html
printf 'ma,ten,so_ho,replaces\n06253,Xã Hưng Vũ,1250,\n06256,Xã Vũ Sơn,900,\n' >"$R/data/xa.csv"
commit "$R" "2025-08-01T09:00:00+07:00" "Bỏ xã Vũ Lễ"
gone=$T/out/changes/$(git -C "$R" rev-parse --short=7 HEAD)/index.html
step=start

# build: into OUT; $kept, $rendered from --stats.
build() { build_stats "$SSG" "$R" "$T/out"; }

build
build
same_as_cold
has "$half" '88,5%'
has "$T/out/tables/xa/06253/index.html" '1.250'

step="nothing changed"
build
[ "$rendered" = 0 ] || fail "$step: $rendered pages rendered"

step="a removed row replaced later"
# A removed row's event says what replaces it, as the rows say now.
hasnt "$gone" 'Đã được thay thế bởi'
# As many rows as before: the site's shared values ({{site.tables}}
# counts them) stay as they were.
printf 'ma,ten,so_ho,replaces\n06253,Xã Hưng Vũ,1250,\n26004,Xã Vũ Lễ Đông,500,16265\n' >"$R/data/xa.csv"
commit "$R" "2025-09-03T09:00:00+07:00" "Xã Vũ Lễ Đông thay xã Vũ Lễ"
build
same_as_cold
has "$gone" 'Đã được thay thế bởi'
[ "$kept" -gt 5 ] || fail "$step: only $kept kept"

step="an indicator's unit"
# Old figures read with the unit the built plan gives the indicator
# (a percentage with its sign, a count of points without).
printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,điểm,"87,29",90,"88,5",30/06/2025\n2,Tỷ lệ thôn văn hóa,%%,"72,2",80,,\n' >"$R/data/indicators.csv"
commit "$R" "2025-09-01T09:00:00+07:00" "Đổi đơn vị chỉ tiêu 1"
build
same_as_cold
hasnt "$half" '88,5%'
[ "$kept" -gt 5 ] || fail "$step: only $kept kept"

step="a column's number format"
# Old figures read as their column writes them now: typed `string`, a
# count is a code, never 1.250.
cat >"$R/data/datapackage.json" <<'JSON'
{"resources": [{"name": "xa", "path": "xa.csv", "schema": {"fields": [
 {"name": "ma", "type": "string"}, {"name": "ten", "type": "string"},
 {"name": "so_ho", "type": "string"}, {"name": "replaces", "type": "string"}]}}]}
JSON
commit "$R" "2025-09-02T09:00:00+07:00" "Số hộ là chữ"
build
same_as_cold
hasnt "$T/out/tables/xa/06253/index.html" '1.250'
hasnt "$half" '1.250'
[ "$kept" -gt 5 ] || fail "$step: only $kept kept"

step="a row's name given later"
# A row added without a name reads, in its older events, with the name
# the built table gives it now.
printf 'ma,ten,so_ho,replaces\n06253,Xã Hưng Vũ,1250,\n26004,Xã Vũ Lễ Đông,500,16265\n26007,,800,\n' >"$R/data/xa.csv"
commit "$R" "2025-09-04T09:00:00+07:00" "Thêm một xã chưa có tên"
printf 'ma,ten,so_ho,replaces\n06253,Xã Hưng Vũ,1250,\n26004,Xã Vũ Lễ Đông,500,16265\n26007,,850,\n' >"$R/data/xa.csv"
commit "$R" "2025-09-05T09:00:00+07:00" "Số hộ xã mới"
count=$T/out/changes/$(git -C "$R" rev-parse --short=7 HEAD)/index.html
build
same_as_cold
hasnt "$count" 'Xã Vũ Lễ Tây'
printf 'ma,ten,so_ho,replaces\n06253,Xã Hưng Vũ,1250,\n26004,Xã Vũ Lễ Đông,500,16265\n26007,Xã Vũ Lễ Tây,850,\n' >"$R/data/xa.csv"
commit "$R" "2025-09-06T09:00:00+07:00" "Tên xã mới"
build
same_as_cold
has "$count" 'Xã Vũ Lễ Tây'
[ "$kept" -gt 5 ] || fail "$step: only $kept kept"

echo ok
