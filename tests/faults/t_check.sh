# check finds what build finds, with the names a person knows: two tags
# whose slugs collide ("ban-1", "bản-1") passed check and failed build
# with "output file written twice: revisions/ban-1/index.html"; so did
# two tables whose names give one URL (thon.csv, thôn.csv).  A
# layout that includes itself is reported once (it was once per page),
# a link in theme/ names theme/ (it said "content/ or data/").  Any two
# pages on one file, whatever made them, are found by check as by build
# and named (claims.h): two theme files that are one file on Windows
# passed both; a clash the checks of names report is not reported again.
. "$(dirname "$0")/lib.sh"

# both STATUS MESSAGE: check and build of $R both exit STATUS saying
# MESSAGE, and nothing else as an error, build without its old "written
# twice" and without OUT.
both() {
	run_ssg "$1" check -C "$R"
	has "$T/err" "$2"
	[ "$(grep -c 'error: ' "$T/err")" = 1 ] ||
		fail "check: not one error: $(cat "$T/err")"
	rm -rf "$T/s"
	run_ssg "$1" build -C "$R" -o "$T/s"
	has "$T/err" "$2"
	[ "$(grep -c 'error: ' "$T/err")" = 1 ] ||
		fail "build: not one error: $(cat "$T/err")"
	hasnt "$T/err" "written twice"
	[ ! -e "$T/s" ] || fail "a failed build made OUT"
}

R=$T/r
mini_repo "$R"
(cd "$R" && GIT_COMMITTER_DATE=2024-03-02T09:00:00+07:00 \
	git tag -a ban-1 -m "Bản 1")
sed -i 's/"75,5"/"76"/' "$R/data/indicators.csv"
commit "$R" "2024-04-01T09:00:00+07:00" "Cập nhật"
(cd "$R" && GIT_COMMITTER_DATE=2024-04-02T09:00:00+07:00 \
	git tag -a "bản-1" -m "Bản 1 sửa")
both 2 "tags 'ban-1' and 'bản-1' give the same page revisions/ban-1/"

R=$T/r3
mini_repo "$R"
printf 'id,name\n1,a\n' > "$R/data/thon.csv"
printf 'id,name\n1,b\n' > "$R/data/thôn.csv"
commit "$R" "2024-03-02T09:00:00+07:00" "Hai bảng"
both 1 "data/thôn.csv:1:1: error: tables data/thon.csv and data/thôn.csv give the same page tables/thon/"

# The data files of data/Thon.csv and data/thon.csv are one file on
# Windows too: one clash, reported once.
R=$T/r4
mini_repo "$R"
printf 'id,name\n1,a\n' > "$R/data/Thon.csv"
printf 'id,name\n1,b\n' > "$R/data/thon.csv"
commit "$R" "2024-03-02T09:00:00+07:00" "Hai bảng"
both 1 "data/thon.csv:1:1: error: tables data/Thon.csv and data/thon.csv give the same page tables/thon/"

R=$T/r5
mini_repo "$R"
mkdir -p "$R/theme/static"
printf 'a' > "$R/theme/static/Logo.png"
printf 'b' > "$R/theme/static/logo.png"
commit "$R" "2024-03-02T09:00:00+07:00" "Biểu trưng"
both 1 "theme/static/logo.png:1:1: error: theme/static/Logo.png and theme/static/logo.png would be written to static/Logo.png and static/logo.png"

# A section at the address of a list of the site's (named by its slug).
R=$T/r6
mini_repo "$R"
printf -- '---\ntitle: "Tìm"\nslug: search\n---\nx\n' > "$R/content/02-tim.md"
commit "$R" "2024-03-02T09:00:00+07:00" "Mục tìm"
both 1 "content/02-tim.md:3:7: error: slug 'search' gives the address search/, which the site keeps for its own pages"

R=$T/r2
mini_repo "$R"
mkdir -p "$R/theme"
printf '{{<layout}}{{$body}}x{{/body}}{{/layout}}\n' > "$R/theme/layout.mustache"
ln -s /etc/hostname "$R/theme/style.css"
commit "$R" "2024-03-02T09:00:00+07:00" "Giao diện"
for cmd in check "build -o $T/s2"; do
	run_ssg 1 $cmd -C "$R"
	[ "$(grep -c "is 'layout' recursive" "$T/err")" = 1 ] ||
		fail "$cmd: the recursive layout is not reported once: $(cat "$T/err")"
	has "$T/err" "theme/style.css:1:1: error: symbolic links are not allowed in content/, data/ or theme/"
done
echo ok
