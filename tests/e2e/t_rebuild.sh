# A rebuild writes into the site kept beside OUT: through renames when that
# site has just gone out of service, in place once it has been out of
# service for two minutes (out.c).  Either way the result is the bytes of
# a cold build of the same commit.
. "$(dirname "$0")/lib.sh"
R=$T/r
plan_repo "$R"
(cd "$R" && GIT_COMMITTER_DATE="2024-03-05T10:00:00+07:00" git tag -a v1 -m "Kế hoạch số 12/KH-BCĐ")
twin=$T/.out.ssg-prev

# same_as_cold: OUT holds what a first build of HEAD writes.
same_as_cold() {
	rm -rf "$T/cold" "$T/.cold.ssg-prev"
	"$SSG" build -C "$R" -o "$T/cold" 2>/dev/null
	diff -r "$T/cold" "$T/out" || fail "$1: not the bytes of a cold build"
}

# target5 VALUE DATE: indicator 5's target revised to VALUE, committed.
target5() {
	sed -i "s/^5,\(.*\),%,\"87,29\",[0-9]*,/5,\1,%,\"87,29\",$1,/" "$R/data/indicators.csv"
	grep -q "^5,.*,\"87,29\",$1," "$R/data/indicators.csv" || fail "sed"
	commit "$R" "$2" "Điều chỉnh chỉ tiêu 5"
}

"$SSG" build -C "$R" -o "$T/out" 2>/dev/null
# Without the records of the first build's files, the second writes its
# own instead of giving the first's a second name (t_keep.sh), which no
# build overwrites in place.
rm -f "$R/.git/ssg/pages"
"$SSG" build -C "$R" -o "$T/out" 2>/dev/null
[ -f "$twin/index.html" ] || fail "no twin after two builds"
rm -f "$R/.git/ssg/pages"

# The last publication ten minutes ago: the twin's pages are overwritten
# in their own inodes.
touch -h -d '-10 minutes' "$twin/.ssg-output"
before=$(stat -c %i "$twin/index.html")
target5 91 "2024-06-01T09:00:00+07:00"
"$SSG" build -C "$R" -o "$T/out" 2>/dev/null
[ "$(stat -c %i "$T/out/index.html")" = "$before" ] ||
	fail "a quiet twin's index.html was not overwritten in place"
same_as_cold "quiet twin"
# The site that went out of service is dated now.
age=$(( $(date +%s) - $(stat -c %Y "$twin/.ssg-output") ))
[ "$age" -lt 60 ] || fail "the retired site is dated ${age}s ago"

# At once after: renames, never a change inside a file a server may
# still be sending.
before=$(stat -c %i "$twin/index.html")
target5 92 "2024-06-02T09:00:00+07:00"
"$SSG" build -C "$R" -o "$T/out" 2>/dev/null
[ "$(stat -c %i "$T/out/index.html")" != "$before" ] ||
	fail "a twin just out of service was overwritten in place"
same_as_cold "young twin"

# A page the new build no longer makes is gone from a quiet twin too.
touch -h -d '-10 minutes' "$twin/.ssg-output"
git -C "$R" rm -q content/04-kinh-phi.md
commit "$R" "2024-06-03T09:00:00+07:00" "Bỏ mục kinh phí"
"$SSG" build -C "$R" -o "$T/out" 2>/dev/null
same_as_cold "a page removed"
echo ok
