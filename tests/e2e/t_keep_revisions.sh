# A revision page kept without its review (issue 16): a build leaves
# each tag's review in .git/ssg/reviews, keyed by the two tags' commits,
# the row keys and the program, and the next build makes the page's
# values from it without reading either tag's tree.  What the page
# draws those events with is the view's as it is now (the built plan's
# names and units, the titles, the links): each is changed alone below,
# at the tip, after the tags, and the rebuilt tree must be a cold
# build's; a page made again from a kept review shows its word diffs.
. "$(dirname "$0")/lib.sh"
R=$T/r
plan_repo "$R"
(cd "$R" && GIT_COMMITTER_DATE="2024-03-05T10:00:00+07:00" git tag -a v1 -m "Kế hoạch số 12/KH-BCĐ")
sed -i 's/^5,\(.*\),%,"87,29",90,/5,\1,%,"87,29",93,/' "$R/data/indicators.csv"
grep -q '^5,.*,"87,29",93,' "$R/data/indicators.csv" || fail "sed target"
printf "\nMột đoạn về chỉ tiêu mới điều chỉnh.\n" >>"$R/content/02-chi-tieu.md"
commit "$R" "2024-04-01T09:00:00+07:00" "Điều chỉnh chỉ tiêu 5"
(cd "$R" && GIT_COMMITTER_DATE="2024-04-02T10:00:00+07:00" git tag -a v2 -m "Kế hoạch số 20/KH-BCĐ")
store=$R/.git/ssg/reviews
page=$T/out/revisions/v2/index.html
step=start

build() { build_stats "$SSG" "$R" "$T/out"; }
# same_as_cold: OUT holds what a first build of a copy of the repository
# without its store writes (the store's reviews are what is checked).
same_as_cold() {
	rm -rf "$T/cold" "$T/.cold.ssg-prev" "$T/rc"
	cp -r "$R" "$T/rc"
	rm -rf "$T/rc/.git/ssg"
	"$SSG" build -C "$T/rc" -o "$T/cold" 2>/dev/null
	diff -r "$T/cold" "$T/out" >"$T/diff" ||
		fail "$step: not the bytes of a cold build: $(head -5 "$T/diff")"
}
# at_tip SED FILE MESSAGE DATE: a change after both tags.
at_tip() {
	cp "$R/$2" "$T/before"
	sed -i "$1" "$R/$2"
	! cmp -s "$T/before" "$R/$2" || fail "$step: sed changed nothing"
	commit "$R" "$4" "$3"
}

build
build
[ -s "$store" ] || fail "no reviews left in the store"
same_as_cold
grep -q 'Một đoạn về chỉ tiêu mới điều chỉnh' "$page" ||
	fail "v2 does not show its page's new words"

step="nothing changed"
build
[ "$rendered" = 0 ] || fail "$step: $rendered pages rendered"
same_as_cold

step="an indicator's name"
# Revised targets show the built plan's name of their indicator.
at_tip 's/^5,Tỷ lệ gia đình văn hóa,/5,Tỷ lệ hộ gia đình đạt chuẩn văn hóa,/' \
	data/indicators.csv "Đổi tên chỉ tiêu 5" "2024-05-01T09:00:00+07:00"
build
same_as_cold
grep -q 'Tỷ lệ hộ gia đình đạt chuẩn văn hóa' "$page" ||
	fail "$step: v2 does not name the indicator as the plan now does"
grep -q 'Một đoạn về chỉ tiêu mới điều chỉnh' "$page" ||
	fail "$step: v2, made from a kept review, lost its word diffs"

step="an indicator's unit"
# The figures of a target are read with the unit of the built plan.
at_tip 's/^5,\(.*\),%,"87,29"/5,\1,phần trăm,"87,29"/' \
	data/indicators.csv "Đơn vị chỉ tiêu 5" "2024-05-02T09:00:00+07:00"
build
same_as_cold

step="a column's title"
at_tip 's/"title": "Chỉ tiêu",/"title": "Tên chỉ tiêu",/' \
	data/datapackage.json "Tên cột" "2024-05-03T09:00:00+07:00"
build
same_as_cold

step="the store's reviews damaged"
printf 'không phải bản ghi' >"$store"
build
same_as_cold
head -c 100 "$store" >"$T/part" && mv "$T/part" "$store"
build
same_as_cold
build
[ "$rendered" = 0 ] || fail "$step: $rendered pages rendered once mended"

step="a tag moved"
(cd "$R" && GIT_COMMITTER_DATE="2024-05-04T10:00:00+07:00" git tag -f -a v2 -m "Kế hoạch số 20/KH-BCĐ" >/dev/null)
build
same_as_cold
grep -q 'Tỷ lệ hộ gia đình đạt chuẩn văn hóa' "$page" ||
	fail "$step: v2 lacks the name its commit gives"
echo ok
