# data/history.jsonl grows (issue 16): its lines are the events oldest
# first, so after new commits an earlier build's file is the start of
# the new one, and a rebuild takes its bytes and adds only the new
# commits' lines.  Only when the earlier build's commits begin this
# chain, with the same row keys, and no table is renamed after them
# (a rename renames the table in older events too); anything else is
# written whole.  After each step OUT holds the bytes of a cold build
# (no history cache, no earlier tree), so that a check that lets a file
# grow that should not fails here.
. "$(dirname "$0")/lib.sh"
R=$T/r
mini_repo "$R"
printf 'ma,ten,so_ho\n06253,Xã Hưng Vũ,1200\n06256,Xã Vũ Sơn,900\n' >"$R/data/xa.csv"
commit "$R" "2024-03-02T09:00:00+07:00" "Danh sách xã"
opts=
step=start
J=data/history.jsonl
n=0

# change: a new commit that changes a row of xa.
change() {
	n=$((n + 1))
	printf 'ma,ten,so_ho\n06253,Xã Hưng Vũ,%s\n06256,Xã Vũ Sơn,900\n' $((1200 + n)) >"$R/data/$1.csv"
	commit "$R" "2024-04-$(printf %02d $n)T09:00:00+07:00" "Số hộ $n"
}
build() {
	"$SSG" build -C "$R" -o "$T/out" $opts 2>"$T/err" ||
		fail "$step: build failed: $(cat "$T/err")"
}
same_as_cold() {
	rm -rf "$T/cold" "$T/.cold.ssg-prev" "$T/gitssg"
	[ ! -d "$R/.git/ssg" ] || mv "$R/.git/ssg" "$T/gitssg"
	"$SSG" build -C "$R" -o "$T/cold" $opts 2>"$T/err" ||
		fail "$step: cold build failed: $(cat "$T/err")"
	rm -rf "$R/.git/ssg"
	[ ! -d "$T/gitssg" ] || mv "$T/gitssg" "$R/.git/ssg"
	diff -r "$T/cold" "$T/out" >"$T/diff" ||
		fail "$step: not the bytes of a cold build: $(head -5 "$T/diff")"
}
lines() { wc -l <"$T/out/$J"; }

build
build
same_as_cold

step="a new commit"
before=$(lines)
change xa
build
same_as_cold
[ "$(lines)" -gt "$before" ] || fail "$step: no line added"
has "$T/out/$J" '"new":"1201"'

step="two new commits"
change xa
change xa
build
same_as_cold
has "$T/out/$J" '"new":"1203"'

step="the last commit amended"
# Same number of commits, another last one: its lines are not those of
# the file before.
printf 'ma,ten,so_ho\n06253,Xã Hưng Vũ,1299\n06256,Xã Vũ Sơn,900\n' >"$R/data/xa.csv"
(cd "$R" && git add -A && GIT_AUTHOR_DATE="2024-05-01T09:00:00+07:00" \
	GIT_COMMITTER_DATE="2024-05-01T09:00:00+07:00" git commit -q --amend -m "Sửa")
build
same_as_cold
hasnt "$T/out/$J" '"new":"1203"'
change xa
build
same_as_cold

step="reset to an older commit"
git -C "$R" reset -q --hard HEAD~2
build
same_as_cold
change xa
build
same_as_cold

step="the row keys"
opts="--key xa=ten"
change xa
build
same_as_cold
has "$T/out/$J" '"id":"Xã Hưng Vũ"'
opts=
change xa
build
same_as_cold

step="a table renamed over one removed"
# The site's tables are as they were (a table each of two rows named xa
# and yb), yet every older event of the first xa now says yb.
printf 'ma,ten,so_ho\n1,Thôn Một,10\n2,Thôn Hai,20\n' >"$R/data/yb.csv"
commit "$R" "2024-06-01T09:00:00+07:00" "Danh sách thôn"
build
git -C "$R" rm -q data/yb.csv
commit "$R" "2024-06-02T09:00:00+07:00" "Bỏ bảng thôn"
git -C "$R" mv data/xa.csv data/yb.csv
commit "$R" "2024-06-03T09:00:00+07:00" "Đổi tên bảng xã"
printf 'ma,ten,so_ho\n06253,Xã Hưng Vũ,1\n06256,Xã Vũ Sơn,2\n' >"$R/data/xa.csv"
commit "$R" "2024-06-04T09:00:00+07:00" "Bảng xã mới"
build
same_as_cold
has "$T/out/$J" '"table":"yb","id":"06253"'

step="a table renamed"
# Every older event of yb now says communes.
git -C "$R" mv data/yb.csv data/communes.csv
commit "$R" "2024-06-05T09:00:00+07:00" "Đổi tên bảng"
build
same_as_cold
hasnt "$T/out/$J" '"table":"yb"'
change communes
build
same_as_cold

step="the earlier file damaged"
# The same size, other bytes: both trees' files (the twin's may be
# OUT's own inode).
for f in "$T/out/$J" "$T/.out.ssg-prev/$J"; do
	[ -f "$f" ] || continue
	python3 - "$f" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
i = b.index(b'"change"')
b[i + 1:i + 7] = b"CHANGE"
open(p, "r+b").write(b)
PY
done
change communes
build
same_as_cold

step="the earlier file cut short"
head -c 100 "$T/out/$J" >"$T/short"
cat "$T/short" >"$T/out/$J"
rm -f "$T/.out.ssg-prev/$J"
change communes
build
same_as_cold

step="grown where it is, in a twin long out of service"
# After two builds of two commits the twin holds the file of the one
# before last in an inode of its own; ten minutes out of service, the
# next build adds the lines of two commits to it where it is rather than
# writing OUT's file again whole.
change communes
build
change communes
build
touch -h -d '-10 minutes' "$T/.out.ssg-prev/.ssg-output"
ino=$(stat -c %i "$T/.out.ssg-prev/$J")
[ "$ino" != "$(stat -c %i "$T/out/$J")" ] || fail "$step: one inode for both"
change communes
build
same_as_cold
[ "$(stat -c %i "$T/out/$J")" = "$ino" ] || fail "$step: written again whole"

step="a table renamed, in a twin long out of service"
# The twin's file names the table as it was: written whole.
change communes
build
touch -h -d '-10 minutes' "$T/.out.ssg-prev/.ssg-output"
ino=$(stat -c %i "$T/.out.ssg-prev/$J")
git -C "$R" mv data/communes.csv data/xa2.csv
commit "$R" "2024-07-01T09:00:00+07:00" "Đổi tên bảng lần nữa"
build
same_as_cold
[ "$(stat -c %i "$T/out/$J")" != "$ino" ] || fail "$step: grown where it was"
hasnt "$T/out/$J" '"table":"communes"'

echo ok
