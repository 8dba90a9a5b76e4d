# Communes merged and split (issue 13 item 5, contract section 2): a row
# names the keys it replaces in a `replaces` column; the new row's page
# and the change page link to the replaced rows ("Thay thế: ..."), each
# replaced row's page says by what, when and why; a removed row keeps its
# history page, marked removed; codes stay text (26001, never 26.001).
. "$(dirname "$0")/lib.sh"
R=$T/r
new_repo "$R"
mkdir -p "$R/content" "$R/data"
printf -- '---\ntitle: "Kế hoạch thử"\nyear: "2025"\n---\nGiới thiệu.\n' > "$R/content/_index.md"
printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,"87,29",90,,\n2,Tỷ lệ thôn văn hóa,%%,"72,2",80,,\n' > "$R/data/indicators.csv"
# A table keyed by its first column (the commune's code), and one keyed
# by id whose code column datapackage.json types `string`.
printf 'ma,ten,so_ho\n06253,Xã Hưng Vũ,1200\n06256,Xã Vũ Sơn,900\n06259,Xã Chiêu Vũ,850\n06262,Xã Bắc Sơn,3000\n16265,Xã Vũ Lễ,1000\n' > "$R/data/xa.csv"
printf 'id,ma_xa,ghi_chu\n1,06253,\n' > "$R/data/don_vi.csv"
cat > "$R/data/datapackage.json" <<'JSON'
{"resources": [{"name": "don_vi", "path": "don_vi.csv", "schema": {"fields": [
 {"name": "id", "type": "integer"}, {"name": "ma_xa", "type": "string"},
 {"name": "ghi_chu", "type": "string"}]}}]}
JSON
commit "$R" "2025-03-01T09:00:00+07:00" "Danh sách xã"
(cd "$R" && GIT_COMMITTER_DATE="2025-03-02T09:00:00+07:00" git tag -a v1 -m "Kế hoạch số 1/KH")
# 1/7/2025: three communes merged into 26001, Vũ Lễ split in two, and
# nothing replaces a row removed alone.
printf 'ma,ten,so_ho,replaces\n06262,Xã Bắc Sơn,3000,\n26001,Xã Hưng Vũ,2950,06253;06256;06259\n26004,Xã Vũ Lễ Đông,500,16265\n26005,Xã Vũ Lễ Tây,500,16265\n' > "$R/data/xa.csv"
printf 'id,ma_xa,ghi_chu\n1,26001,\n' > "$R/data/don_vi.csv"
commit "$R" "2025-07-01T09:00:00+07:00" "Sáp nhập xã theo Nghị quyết 1677/NQ-UBTVQH15

Hưng Vũ, Vũ Sơn và Chiêu Vũ hợp nhất thành xã Hưng Vũ (26001)."
merge=$(git -C "$R" rev-parse --short=7 HEAD)
printf 'ma,ten,so_ho,replaces\n26001,Xã Hưng Vũ,2950,06253;06256;06259\n26004,Xã Vũ Lễ Đông,500,16265\n26005,Xã Vũ Lễ Tây,500,16265\n' > "$R/data/xa.csv"
printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,"87,29",90,,\n' > "$R/data/indicators.csv"
commit "$R" "2025-08-01T09:00:00+07:00" "Bỏ xã Bắc Sơn khỏi danh sách theo dõi"
gone=$(git -C "$R" rev-parse --short=7 HEAD)
(cd "$R" && GIT_COMMITTER_DATE="2025-08-02T09:00:00+07:00" git tag -a v2 -m "Kế hoạch số 2/KH")
run_ssg 0 check -C "$R"
[ ! -s "$T/err" ] || { cat "$T/err" >&2; fail "check warns on a clean merge"; }
run_ssg 0 build -C "$R" -o "$T/s"
S=$T/s
X=$S/tables/xa

# The new row's page names what it replaces, linked, in the cell's order.
has "$X/26001/index.html" '<h1>26001. Xã Hưng Vũ <span'
has "$X/26001/index.html" '<strong>Thay thế:</strong> <a href="../../../tables/xa/06253/">Xã Hưng Vũ</a> <span class="muted">(06253)</span>, <a href="../../../tables/xa/06256/">Xã Vũ Sơn</a> <span class="muted">(06256)</span>, <a href="../../../tables/xa/06259/">Xã Chiêu Vũ</a> <span class="muted">(06259)</span>'
# ... and so does the change page, where each removed row says by what.
C=$S/changes/$merge/index.html
has "$C" '<strong>Thay thế:</strong> <a href="../../tables/xa/06253/">Xã Hưng Vũ</a>'
has "$C" '<strong>Đã được thay thế bởi:</strong> <a href="../../tables/xa/26001/">Xã Hưng Vũ</a> <span class="muted">(26001)</span>'
# Columns by their titles, though no datapackage.json titles them: the
# contract's `replaces`, a key typed `ma`; the cell the links show is
# not listed again as the codes typed.
has "$C" 'Thêm cột: <ins>Thay thế</ins>'
has "$C" '<span class="muted">Mã:</span> 26001;</span>'
hasnt "$C" '06253;06256;06259'
hasnt "$C" 'replaces'
hasnt "$X/26001/index.html" 'replaces'
# Each replaced row keeps its page: removed, when and why, and by what.
for k in 06253 06256 06259; do
	has "$X/$k/index.html" '<strong>Dòng này đã bị xóa khỏi bảng</strong> ngày <time datetime="2025-07-01T09:00:00+07:00">01/07/2025</time>. Lý do: “Sáp nhập xã theo Nghị quyết 1677/NQ-UBTVQH15'
	has "$X/$k/index.html" '<strong>Đã được thay thế bởi</strong> <a href="../../../tables/xa/26001/">Xã Hưng Vũ</a> <span class="muted">(26001)</span> từ ngày <time datetime="2025-07-01T09:00:00+07:00">01/07/2025</time>.'
	has "$X/$k/index.html" "changes/$merge/"
done
has "$X/06256/index.html" '<h1>06256. Xã Vũ Sơn <span'
# A split: the old row is replaced by both new rows.
has "$X/16265/index.html" 'tables/xa/26004/">Xã Vũ Lễ Đông</a>'
has "$X/16265/index.html" 'tables/xa/26005/">Xã Vũ Lễ Tây</a>'
# A row removed alone: its page stays, marked, with date and reason.
has "$X/06262/index.html" '<strong>Dòng này đã bị xóa khỏi bảng</strong> ngày <time datetime="2025-08-01T09:00:00+07:00">01/08/2025</time>. Lý do: “Bỏ xã Bắc Sơn khỏi danh sách theo dõi”'
has "$X/06262/index.html" "changes/$gone/"
hasnt "$X/06262/index.html" 'Đã được thay thế'
# Each page says where it comes from: the removal.
has "$X/06262/index.html" "thay đổi lần cuối ngày <a href=\"../../../changes/$gone/\">"
has "$X/06256/index.html" "thay đổi lần cuối ngày <a href=\"../../../changes/$merge/\">"
# A removed indicator too, linked from the change page that removed it.
I2=$S/tables/indicators/2/index.html
has "$I2" '<a href="../../../indicators/">Các chỉ tiêu</a> › 2</nav>'
has "$I2" '<h1>2. Tỷ lệ thôn văn hóa <span'
has "$I2" 'ngày <time datetime="2025-08-01T09:00:00+07:00">01/08/2025</time>. Lý do: “Bỏ xã Bắc Sơn'
has "$S/changes/$gone/index.html" '<th scope="row"><a href="../../tables/indicators/2/">2</a><br><span class="muted">Tỷ lệ thôn văn hóa</span></th>'
has "$S/changes/$gone/index.html" '<th scope="row"><a href="../../tables/xa/06262/">06262</a><br><span class="muted">Xã Bắc Sơn</span></th>'
# The table page lists its removed rows, linked to their pages.
has "$X/index.html" 'Các dòng đã xóa'
has "$X/index.html" '<a href="../../tables/xa/06262/">Xã Bắc Sơn</a> <span class="muted">(06262)</span>, xóa ngày <time datetime="2025-08-01T09:00:00+07:00">01/08/2025</time>'
# Codes are text everywhere: keys, `replaces`, a `string` column, their
# history; never grouped as thousands.
has "$X/index.html" '>26001<'
has "$X/index.html" '<td data-label="Thay thế">16265</td>'
has "$S/tables/don-vi/index.html" '<td data-label="ma_xa">26001</td>'
if grep -rlE '26\.00[145]|6\.2(53|56|59|62|65)|16\.265' "$S" --include='*.html' > "$T/grouped"; then
	cat "$T/grouped" >&2
	fail "a code printed as a number"
fi
# Every link of these pages reaches a file, in the main site and in the
# copy of v2 (whose removed rows have their own pages).
python3 - "$S" <<'PY' || fail "a broken link"
import os, re, sys
site = sys.argv[1]
pages = []
for d, _, fs in os.walk(site):
    for f in fs:
        if f == "index.html" and ("/tables/" in d or "/changes/" in d):
            pages.append(os.path.join(d, f))
assert any("/revisions/v2/site/tables/xa/06262" in p for p in pages), "v2's copy has no page of its removed row"
for p in pages:
    for h in re.findall(r'href="([^"#]*)', open(p, encoding="utf-8").read()):
        if h.startswith(("http", "data:")) or not h:
            continue
        t = os.path.normpath(os.path.join(os.path.dirname(p), h))
        if os.path.isdir(t):
            t = os.path.join(t, "index.html")
        assert os.path.isfile(t), f"{p}: {h}"
PY
# The site as it stood at v1 knew nothing of the merge.
V1=$S/revisions/v1/site/tables/xa
[ -f "$V1/index.html" ] || fail "no table in v1's copy"
hasnt "$V1/index.html" 'Các dòng đã xóa'
# The open history keeps the codes as text.
has "$S/data/history.jsonl" '"id":"26001","change":"added"'
