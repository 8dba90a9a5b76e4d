# Shortcodes, default theme without theme/, generic tables, posts.
. "$(dirname "$0")/lib.sh"
mini_repo "$T/r"
mkdir -p "$T/r/content/posts"
printf -- '---\ntitle: "Hội nghị sơ kết"\ndate: "20/06/2024"\n---\nĐã họp. Xem [mục tiêu](01-muc-tieu.md).\n' > "$T/r/content/posts/so-ket.md"
printf -- '---\ntitle: "Tin cũ"\ndate: "2024-05-02"\n---\nTin.\n' > "$T/r/content/posts/cu.md"
printf 'xa;chi_tieu;ket_qua\nBắc Sơn;gia đình văn hóa;1250000\nVũ Lễ;gia đình văn hóa;"12,5"\n' > "$T/r/data/communes.csv"
commit "$T/r" "2024-06-20T09:00:00+07:00" "Tin và dữ liệu xã"
run_ssg 0 build -C "$T/r" -o "$T/s"
has "$T/s/muc-tieu/index.html" '<data value="75.5">75,5%</data>'
has "$T/s/muc-tieu/index.html" 'Tỷ lệ thôn văn hóa'
has "$T/s/tables/communes/index.html" '1.250.000'
has "$T/s/tables/communes/index.html" '12,5'
has "$T/s/data/communes.csv" '1250000'
has "$T/s/data/communes.csv" '12.5'
has "$T/s/posts/so-ket/index.html" 'href="../../muc-tieu/"'
has "$T/s/posts/index.html" '20/06/2024'
# newest first
a=$(grep -n 'so-ket' "$T/s/posts/index.html" | head -1 | cut -d: -f1)
b=$(grep -n 'posts/cu/' "$T/s/posts/index.html" | head -1 | cut -d: -f1)
[ "$a" -lt "$b" ] || fail "posts are not newest first"
# Indicator 2 measured on 30/06 above the straight line to its target.
has "$T/s/indicators/2/index.html" 'Đúng tiến độ'
# The first result came with the plan on 01/03, before the 15/06 deadline.
has "$T/s/index.html" 'Đúng hạn'
# A shortcode naming a missing table is an error at its line.
echo '{{value nosuch 1 x}}' >> "$T/r/content/01-muc-tieu.md"
commit "$T/r" "2024-06-21T09:00:00+07:00" "Sai bảng"
run_ssg 1 check -C "$T/r"
has "$T/err" "content/01-muc-tieu.md:8:1: error"
has "$T/err" "unknown table 'nosuch'"
echo ok
