# Pages kept by what they show (issue 16 item 2): a rebuild takes from
# the trees an earlier build left (OUT and its twin) every file whose key
# is unchanged, and renders and writes only the others.  Each input below
# is changed alone; after each, OUT holds the bytes of a cold build of the
# same commit, and --stats says how much was kept, so that a key that
# misses an input (the page kept while what it shows changed) fails here.
. "$(dirname "$0")/lib.sh"
R=$T/r
plan_repo "$R"
(cd "$R" && GIT_COMMITTER_DATE="2024-03-05T10:00:00+07:00" git tag -a v1 -m "Kế hoạch số 12/KH-BCĐ")
twin=$T/.out.ssg-prev
step=start

# Options of every build, cold or not.
opts=
# build [SSG]: into OUT; $kept, $rendered and $written from --stats.
build() { build_stats "${1:-$SSG}" "$R" "$T/out" $opts; }
# same_as_cold: OUT holds what a first build into an empty place writes.
same_as_cold() {
	rm -rf "$T/cold" "$T/.cold.ssg-prev"
	"$SSG" build -C "$R" -o "$T/cold" $opts 2>/dev/null
	diff -r "$T/cold" "$T/out" >"$T/diff" ||
		fail "$step: not the bytes of a cold build: $(head -5 "$T/diff")"
}
# some_kept: most of the site was kept, and something was rendered.
some_kept() {
	[ "$kept" -gt 20 ] || fail "$step: only $kept kept"
	[ "$rendered" -ge 1 ] || fail "$step: nothing rendered"
}

build
build
[ -f "$twin/index.html" ] || fail "no twin after two builds"
same_as_cold

step="nothing changed"
build
[ "$rendered" = 0 ] || fail "$step: $rendered pages rendered"
[ "$written" = 0 ] || fail "$step: $written files written"
same_as_cold

step="a content page"
printf "\n## Cập nhật\n\nMột đoạn mới.\n" >>"$R/content/01-muc-dich-yeu-cau.md"
commit "$R" "2024-04-01T09:00:00+07:00" "Sửa mục đích"
build
some_kept
same_as_cold

step="a CSV row"
sed -i 's/^5,\(.*\),%,"87,29",\([0-9]*\),/5,\1,%,"87,29",93,/' "$R/data/indicators.csv"
grep -q '^5,.*,"87,29",93,' "$R/data/indicators.csv" || fail "sed"
commit "$R" "2024-04-02T09:00:00+07:00" "Điều chỉnh chỉ tiêu 5"
build
some_kept
same_as_cold

step="a template"
mkdir -p "$R/theme"
sed 's#</footer>#<p>Mẫu của tỉnh.</p></footer>#' "$ROOT/theme/layout.mustache" >"$R/theme/layout.mustache"
! cmp -s "$R/theme/layout.mustache" "$ROOT/theme/layout.mustache" || fail "sed"
commit "$R" "2024-04-03T09:00:00+07:00" "Mẫu trang riêng"
build
same_as_cold
[ "$rendered" -gt 20 ] || fail "$step: only $rendered pages rendered"
grep -q 'Mẫu của tỉnh' "$T/out/tasks/index.html" || fail "$step: template unused"

step="the theme's static files"
mkdir -p "$R/theme/static"
{ cat "$ROOT/theme/static/style.css"; echo "body{color:#111}"; } >"$R/theme/static/style.css"
commit "$R" "2024-04-04T09:00:00+07:00" "Màu chữ"
build
some_kept
same_as_cold

step="a tag"
(cd "$R" && GIT_COMMITTER_DATE="2024-04-05T10:00:00+07:00" git tag -a v2 -m "Kế hoạch số 20/KH-BCĐ")
build
some_kept
same_as_cold

step="the row keys"
# data/history.jsonl is kept by what its history was walked from: the
# commits and the row keys.
opts="--key indicators=name"
build
some_kept
same_as_cold
# Back: the twin holds every file as it was.
opts=
build
same_as_cold

step="a version the repository cannot give"
# A commit page's word diffs are keyed by the ids of the two versions;
# a version that could not be read says so, and its page is made again
# by the next build, which can read it.
f=content/01-muc-dich-yeu-cau.md
printf "\nĐoạn thứ nhất.\n" >>"$R/$f"
commit "$R" "2024-04-05T11:00:00+07:00" "Thêm đoạn một"
blob=$(git -C "$R" rev-parse "HEAD:$f")
printf "\nĐoạn thứ hai.\n" >>"$R/$f"
commit "$R" "2024-04-05T12:00:00+07:00" "Thêm đoạn hai"
obj=$R/.git/objects/$(echo "$blob" | cut -c1-2)/$(echo "$blob" | cut -c3-)
[ -f "$obj" ] || fail "$step: $blob is not a loose object"
mv "$obj" "$T/obj"
build
same_as_cold
grep -rq 'không đọc được phiên bản này' "$T/out/changes" ||
	fail "$step: no page says a version is unreadable"
mv "$T/obj" "$obj"
build
same_as_cold
some_kept
! grep -rq 'không đọc được phiên bản này' "$T/out/changes" ||
	fail "$step: a page still says a version is unreadable"

step="a tag moved"
# A revision page's word diffs are made only when it is rendered, keyed
# by its two tags' commits and the ids of each page's two versions:
# moved to a commit whose page differs, v2 shows that page's new words.
! grep -q 'Đoạn thứ hai' "$T/out/revisions/v2/index.html" ||
	fail "$step: v2 shows a paragraph written after it"
(cd "$R" && GIT_COMMITTER_DATE="2024-04-05T13:00:00+07:00" git tag -f -a v2 -m "Kế hoạch số 20/KH-BCĐ" >/dev/null)
build
some_kept
same_as_cold
grep -q 'Đoạn thứ hai' "$T/out/revisions/v2/index.html" ||
	fail "$step: v2 does not show the paragraph of its new commit"

step="the program"
# Another build of ssg (here the same one with a byte more: another
# checksum) may render anything differently: nothing is kept.
mkdir -p "$T/bin"
cp "$SSG" "$T/bin/ssg" && printf '\0' >>"$T/bin/ssg"
build "$T/bin/ssg"
[ "$kept" = 0 ] || fail "$step: $kept kept by another program"
same_as_cold

step="a file changed by hand"
# In the twin, where the next build writes: its record no longer holds.
build
page=$(cd "$twin" && ls -d tasks/index.html)
printf 'sửa tay' >"$twin/$page"
build
same_as_cold

step="records cut short"
build
head -c 3000 "$R/.git/ssg/pages" >"$T/cut" && cat "$T/cut" >"$R/.git/ssg/pages"
printf 'garbage\n' >>"$R/.git/ssg/pages"
build
same_as_cold

step="a tree without records"
rm -f "$R/.git/ssg/pages"
build
[ "$kept" = 0 ] || fail "$step: $kept kept without records"
same_as_cold

# OUT is never written through: a file it shares with the twin (a second
# name, given when the page was kept) is replaced, not overwritten, when
# the page changes; OUT's copy keeps its bytes while the build runs.
step="a file shared with OUT"
build
touch -h -d '-10 minutes' "$twin/.ssg-output"
links=$(stat -c %h "$T/out/chi-tieu/index.html")
[ "$links" -ge 2 ] || fail "$step: chi-tieu/index.html has $links names"
cp "$T/out/chi-tieu/index.html" "$T/before"
sed -i 's/^5,\(.*\),%,"87,29",\([0-9]*\),/5,\1,%,"87,29",94,/' "$R/data/indicators.csv"
commit "$R" "2024-04-06T09:00:00+07:00" "Điều chỉnh chỉ tiêu 5 lần nữa"
cp -al "$T/out" "$T/old-out"
build
same_as_cold
! cmp -s "$T/before" "$T/out/chi-tieu/index.html" ||
	fail "$step: chi-tieu/index.html did not change"
cmp -s "$T/before" "$T/old-out/chi-tieu/index.html" ||
	fail "$step: the old site's page changed under it"

# The records are looked for in REPO/.git before the repository is open
# (site.c): where that is not its git directory, in the one it has.
step="REPO/.git not the repository's"
build
mkdir -p "$R/sub/.git"
build_stats "$SSG" "$R/sub" "$T/out" $opts
[ "$kept" -gt 20 ] || fail "$step: only $kept kept"
rm -rf "$R/sub"
same_as_cold
echo ok
