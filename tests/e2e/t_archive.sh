# build --archive: a zip of the whole site, the same bytes for the same
# revision, dated by the built commit, written only after a good build.
. "$(dirname "$0")/lib.sh"
mini_repo "$T/r"
run_ssg 0 build -C "$T/r" -o "$T/site" --archive "$T/a.zip"
unzip -l "$T/a.zip" > "$T/list"
has "$T/list" ' index.html'
has "$T/list" ' muc-tieu/index.html'
has "$T/list" ' data/indicators.csv'
hasnt "$T/list" '.ssg-output'
# Every file of the site, nothing else.
(cd "$T/site" && find . -type f ! -name .ssg-output | sed 's|^\./||' | sort) > "$T/want"
unzip -Z1 "$T/a.zip" > "$T/got"
cmp -s "$T/want" "$T/got" || { diff "$T/want" "$T/got" >&2; fail "zip lists other files"; }
# Dated by the commit (2024-03-01 09:00 +07:00), as its committer saw it.
unzip -Z -T "$T/a.zip" index.html | grep -q '20240301\.0900' ||
	fail "entry not dated by the commit: $(unzip -Z -T "$T/a.zip" index.html)"
# The bytes it holds are the site's.
mkdir "$T/x"
(cd "$T/x" && unzip -q "$T/a.zip")
diff -r -x .ssg-output "$T/site" "$T/x" >/dev/null || fail "unzipped site differs"

# Same revision, another time zone, umask and output directory: same zip.
(umask 077 && TZ=America/Los_Angeles "$SSG" build -C "$T/r" -o "$T/site2" \
	--archive "$T/b.zip") || fail "second build"
cmp "$T/a.zip" "$T/b.zip" || fail "two builds of one revision differ"
[ "$(stat -c %a "$T/b.zip")" = 644 ] || fail "zip mode $(stat -c %a "$T/b.zip")"

# A failed build leaves the previous archive as it was.
cp "$T/a.zip" "$T/keep.zip"
printf '3,"unclosed\n' >> "$T/r/data/indicators.csv"
commit "$T/r" "2024-04-01T09:00:00+07:00" "Sai"
run_ssg 1 build -C "$T/r" -o "$T/site" --archive "$T/a.zip"
cmp -s "$T/a.zip" "$T/keep.zip" || fail "a failed build changed the archive"
ls "$T" | grep -q '\.tmp$' && fail "a temporary archive was left"

# --archive belongs to build only.
run_ssg 2 check -C "$T/r" --archive "$T/c.zip"
has "$T/err" "unknown option '--archive'"
echo ok
