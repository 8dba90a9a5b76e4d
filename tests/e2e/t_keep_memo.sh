# Events keys kept from one build to the next (evmemo.h): a commit's
# page and a row's page take the key of their events from .git/ssg/events
# when the chain and what the site gives events (its site digest) are the
# earlier build's.  An event of a row the table lost is named by the
# event that removed the row, which a later commit may change without
# any other row of the table changing: the old page must show it, with
# the bytes of a cold build.
. "$(dirname "$0")/lib.sh"
R=$T/r
new_repo "$R"
mkdir -p "$R/content" "$R/data"
printf -- '---\ntitle: "Kế hoạch thử"\nyear: "2025"\n---\nGiới thiệu.\n' >"$R/content/_index.md"
xa() { printf 'ma,ten,so_ho\n06253,Xã Hưng Vũ,1200\n%b' "$1" >"$R/data/xa.csv"; }
xa '16265,Xã Vũ Lễ,1000\n'
commit "$R" "2025-03-01T09:00:00+07:00" "Danh sách xã"
xa '16265,Xã Vũ Lễ,1050\n'
commit "$R" "2025-04-01T09:00:00+07:00" "Số hộ xã Vũ Lễ"
old=$T/out/changes/$(git -C "$R" rev-parse --short=7 HEAD)/index.html
xa '16265,Xã Vũ Lễ Mới,1050\n'
commit "$R" "2025-05-01T09:00:00+07:00" "Đổi tên xã"
step=start

build() { build_stats "$SSG" "$R" "$T/out"; }

build
build
same_as_cold
has "$old" 'Xã Vũ Lễ'
hasnt "$old" 'Xã Vũ Lễ Mới'
[ -s "$R/.git/ssg/events" ] || fail "$step: no events keys kept"

step="nothing changed"
build
[ "$rendered" = 0 ] || fail "$step: $rendered pages rendered"

step="the row removed"
# As many rows as before, so that the site's shared values stay.
xa '26004,Xã Vũ Lễ Đông,500\n'
commit "$R" "2025-06-01T09:00:00+07:00" "Bỏ xã Vũ Lễ"
build
same_as_cold
has "$old" 'Xã Vũ Lễ Mới'
[ "$kept" -gt 5 ] || fail "$step: only $kept kept"

step="the row removed again under another name"
# The same rows in the end: only the event that removed the row says
# the name its old events now show.
xa '16265,Xã Vũ Lễ Cũ,1050\n'
commit "$R" "2025-07-01T09:00:00+07:00" "Xã Vũ Lễ trở lại"
xa '26004,Xã Vũ Lễ Đông,500\n'
commit "$R" "2025-08-01T09:00:00+07:00" "Bỏ lại xã Vũ Lễ"
build
same_as_cold
has "$old" 'Xã Vũ Lễ Cũ'
[ "$kept" -gt 5 ] || fail "$step: only $kept kept"

step="names that follow their rows"
# Two rows added without a name read, in their old events, with the
# names the built table gives them: the names swapped as the rows swap
# places leave the column's cells as they were, in order.
xa '26004,Xã Vũ Lễ Đông,500\n26007,,800\n26010,,900\n'
commit "$R" "2025-09-01T09:00:00+07:00" "Hai xã chưa có tên"
xa '26004,Xã Vũ Lễ Đông,500\n26007,,850\n26010,,950\n'
commit "$R" "2025-09-02T09:00:00+07:00" "Số hộ hai xã"
two=$T/out/changes/$(git -C "$R" rev-parse --short=7 HEAD)/index.html
xa '26004,Xã Vũ Lễ Đông,500\n26007,Xã Tây,850\n26010,Xã Bắc,950\n'
commit "$R" "2025-09-03T09:00:00+07:00" "Tên hai xã"
build
same_as_cold
xa '26004,Xã Vũ Lễ Đông,500\n26010,Xã Tây,950\n26007,Xã Bắc,850\n'
commit "$R" "2025-09-04T09:00:00+07:00" "Đổi tên hai xã"
build
same_as_cold
has "$two" 'Xã Bắc'
[ "$kept" -gt 5 ] || fail "$step: only $kept kept"

step="the store deleted"
# It costs time (every page's record is gone too), never a page.
rm -rf "$R/.git/ssg"
build
build
same_as_cold

echo ok
