#!/bin/sh
# ssg history and ssg diff on a fixture with fixed dates: JSON Lines in
# the contract's shape, the text form, TABLE/ID filters, the reviewer's
# diff (revised targets first, word diffs) and NO_COLOR.
. "$(dirname "$0")/lib.sh"

R=$T/plan
new_repo "$R"
mkdir -p "$R/content" "$R/data"
printf 'id,name,target\n5,Tỷ lệ gia đình văn hóa,90\n6,Hộ nghèo,3\n' \
	> "$R/data/indicators.csv"
printf 'id,title\n1,Tuyên truyền\n' > "$R/data/tasks.csv"
printf '# Mục tiêu\n\nPhấn đấu đạt 90%% gia đình văn hóa.\n\nĐoạn hai.\n' \
	> "$R/content/01-muc-tieu.md"
commit "$R" "2024-03-01T09:00:00+07:00" "Kế hoạch năm 2024"
printf 'id,name,target\n5,Tỷ lệ gia đình văn hóa,88\n7,Thôn mới,1\n' \
	> "$R/data/indicators.csv"
printf '# Mục tiêu\n\nPhấn đấu đạt 88%% gia đình văn hóa.\n\nĐoạn hai.\n' \
	> "$R/content/01-muc-tieu.md"
commit "$R" "2024-07-02T09:00:00+07:00" "Giảm chỉ tiêu 5"
printf 'id,title\n1,Tuyên truyền\n2,Kiểm tra\n' > "$R/data/tasks.csv"
commit "$R" "2024-07-03T08:30:00+07:00" "Thêm nhiệm vụ"
C1=$(git -C "$R" rev-parse HEAD~2)
C2=$(git -C "$R" rev-parse HEAD~1)
C3=$(git -C "$R" rev-parse HEAD)

# --json: every line is JSON, in the contract's shape and key order.
run_ssg 0 history -C "$R" --json
python3 - "$T/out" "$C1" "$C2" "$C3" <<'PY' || fail "history --json"
import json, sys
path, c1, c2, c3 = sys.argv[1:]
a = "Phòng Văn hóa"
def ev(table, id_, change, commit, date, msg, **kw):
    o = {"table": table, "id": id_, "change": change}
    o.update(kw)
    o.update({"commit": commit, "date": date, "author": a, "message": msg})
    return o
d1, d2, d3 = ("2024-03-01T09:00:00+07:00", "2024-07-02T09:00:00+07:00",
              "2024-07-03T08:30:00+07:00")
m1, m2, m3 = "Kế hoạch năm 2024", "Giảm chỉ tiêu 5", "Thêm nhiệm vụ"
name5 = "Tỷ lệ gia đình văn hóa"
want = [
    ev("indicators", "5", "added", c1, d1, m1,
       new={"id": "5", "name": name5, "target": "90"}),
    ev("indicators", "6", "added", c1, d1, m1,
       new={"id": "6", "name": "Hộ nghèo", "target": "3"}),
    ev("tasks", "1", "added", c1, d1, m1,
       new={"id": "1", "title": "Tuyên truyền"}),
    ev("indicators", "5", "changed", c2, d2, m2,
       field="target", old="90", new="88"),
    ev("indicators", "7", "added", c2, d2, m2,
       new={"id": "7", "name": "Thôn mới", "target": "1"}),
    ev("indicators", "6", "removed", c2, d2, m2,
       old={"id": "6", "name": "Hộ nghèo", "target": "3"}),
    ev("tasks", "2", "added", c3, d3, m3,
       new={"id": "2", "title": "Kiểm tra"}),
]
lines = open(path, encoding="utf-8").read().splitlines()
got = [json.loads(l) for l in lines]
if got != want:
    sys.exit("got %r\nwant %r" % (got, want))
for g, w in zip(got, want):
    if list(g) != list(w):
        sys.exit("key order %r, want %r" % (list(g), list(w)))
PY

# TABLE/ID and TABLE filters.
run_ssg 0 history -C "$R" --json indicators/5
[ "$(wc -l < "$T/out")" -eq 2 ] || fail "indicators/5 wants 2 lines"
has "$T/out" '"field":"target","old":"90","new":"88"'
run_ssg 0 history -C "$R" --json tasks
[ "$(wc -l < "$T/out")" -eq 2 ] || fail "tasks wants 2 lines"
hasnt "$T/out" '"table":"indicators"'

# --rev: the chain of an older revision only.
run_ssg 0 history -C "$R" --rev HEAD~1 --json
[ "$(wc -l < "$T/out")" -eq 6 ] || fail "--rev HEAD~1 wants 6 lines"

# Text form: one line per event.
run_ssg 0 history -C "$R" indicators
short=$(echo "$C2" | cut -c1-7)
# Tables and columns by the titles the site shows (no datapackage.json
# here: the contract's), an empty cell as a word, a row's filled cells,
# a changed row with the name it had then, as ssg diff writes it.
has "$T/out" "2024-07-02 09:00 +07:00  $short  Các chỉ tiêu — id 5 “Tỷ lệ gia đình văn hóa”  Kế hoạch: 90 → 88  (Phòng Văn hóa) Giảm chỉ tiêu 5"
has "$T/out" "Các chỉ tiêu — id 6  removed: STT: 6, Chỉ tiêu: Hộ nghèo, Kế hoạch: 3"
hasnt "$T/out" "target"
hasnt "$T/out" '""'
LANG=vi_VN.UTF-8 run_ssg 0 history -C "$R" indicators
has "$T/out" "Các chỉ tiêu — mã 6  xóa dòng: STT: 6, Chỉ tiêu: Hộ nghèo, Kế hoạch: 3"
[ "$(wc -l < "$T/out")" -eq 5 ] || fail "text form wants 5 indicator lines"

# --key applies to history: with name as the key, every row changes key.
run_ssg 0 history -C "$R" --json --key indicators=name indicators
has "$T/out" '"id":"Tỷ lệ gia đình văn hóa","change":"changed","field":"target"'

# The reviewer's diff: revised targets first, cells, then word diffs.
run_ssg 0 diff -C "$R" HEAD~2 HEAD
[ "$(sed -n 1p "$T/out")" = "Revised targets" ] || fail "diff starts with revised targets"
[ "$(sed -n 2p "$T/out")" = "  Các chỉ tiêu — id 5 “Tỷ lệ gia đình văn hóa” Kế hoạch: 90 → 88" ] || fail "revised target line"
[ "$(sed -n 3p "$T/out")" = "    changed in $short on 2024-07-02: Giảm chỉ tiêu 5" ] || fail "revised target's reason"
has "$T/out" "Các chỉ tiêu (data/indicators.csv)"
has "$T/out" "  id 7 added: STT: 7, Chỉ tiêu: Thôn mới, Kế hoạch: 1"
has "$T/out" "  id 2 added: STT: 2, Nhiệm vụ: Kiểm tra"
has "$T/out" "content/01-muc-tieu.md"
has "$T/out" "Phấn đấu đạt [-90-]{+88+}% gia đình văn hóa."
# Piped: no escape bytes.
! grep -q "$(printf '\033')" "$T/out" || fail "escape bytes in piped diff"

# On a terminal there is colour, unless NO_COLOR is set.
if command -v script >/dev/null 2>&1; then
	script -qec "$SSG diff -C $R HEAD~2 HEAD" /dev/null > "$T/tty" 2>&1 ||
		fail "diff on a terminal"
	grep -q "$(printf '\033')\[3[12]m" "$T/tty" || fail "no colour on a terminal"
	NO_COLOR=1 script -qec "$SSG diff -C $R HEAD~2 HEAD" /dev/null > "$T/tty" 2>&1 ||
		fail "diff with NO_COLOR"
	! grep -q "$(printf '\033')" "$T/tty" || fail "colour despite NO_COLOR"
fi

# Nothing changed between a revision and itself.
run_ssg 0 diff -C "$R" HEAD HEAD
has "$T/out" "No differences"

# A past version that does not parse is a gap; the walk goes on.
printf 'id,title\n1,Tuyên truyền\n2\n' > "$R/data/tasks.csv"
commit "$R" "2024-07-04T08:00:00+07:00" "Lỗi"
printf 'id,title\n1,Tuyên truyền mới\n2,Kiểm tra\n' > "$R/data/tasks.csv"
commit "$R" "2024-07-05T08:00:00+07:00" "Sửa"
run_ssg 0 history -C "$R" --json tasks
has "$T/out" '"change":"gap","error":"data/tasks.csv:3:'
has "$T/out" '"old":"Tuyên truyền","new":"Tuyên truyền mới"'

# Usage and environment errors: exit 2.
run_ssg 2 history -C "$R" --rev nope
has "$T/err" "ssg: error: unknown revision 'nope'"
run_ssg 2 diff -C "$R" HEAD
has "$T/err" "diff wants two revisions"
run_ssg 2 history -C "$T/nowhere"
git clone -q --depth 1 "file://$R" "$T/shallow" 2>/dev/null
run_ssg 2 history -C "$T/shallow"
has "$T/err" "git fetch --unshallow"
echo ok
