# A failed build leaves the previous site exactly as it was and nothing
# beside it but the twin out.h keeps, and reports every content error as
# PATH:LINE:COL; check reports the same and writes nothing (but the
# repository's own cache, .git/ssg/).
. "$(dirname "$0")/lib.sh"
mini_repo "$T/r"
run_ssg 0 build -C "$T/r" -o "$T/site"
sums() { (cd "$T/site" && find . -type f | sort | xargs sha256sum); }
# Every tree ssg makes beside OUT, hidden ones included.
beside() { ls -A "$T" | grep 'ssg-' || true; }
# The failed build had started writing: its pages phase made files.
wrote() { grep -Eq '^pages .* [1-9][0-9]* files' "$T/err" ||
	fail "the failed build wrote nothing: it tests nothing"; }
before=$(sums)

# An error found while the pages are written: the build's new tree is
# removed.
cp "$T/r/content/01-muc-tieu.md" "$T/good.md"
printf '\n{{nothing here}}\n' >> "$T/r/content/01-muc-tieu.md"
commit "$T/r" "2024-04-01T09:00:00+07:00" "Mã lạ"
run_ssg 1 build --stats -C "$T/r" -o "$T/site"
has "$T/err" 'content/01-muc-tieu.md:9:1: error: unknown shortcode'
wrote
[ "$before" = "$(sums)" ] || fail "the previous site changed"
[ -z "$(beside)" ] || fail "left beside OUT: $(beside)"

# check reports the same and writes nothing (run_ssg keeps its stdout
# and stderr in $T/out and $T/err).
touch "$T/marker"
run_ssg 1 check -C "$T/r"
has "$T/err" 'content/01-muc-tieu.md:9:1: error: unknown shortcode'
written=$(find "$T" -newer "$T/marker" ! -path "$T/r/.git/ssg" \
	! -path "$T/r/.git/ssg/*" ! -path "$T/err" ! -path "$T/out")
[ -z "$written" ] || fail "check wrote: $written"

# Errors found as the plan loads, before anything is written.
cp "$T/good.md" "$T/r/content/01-muc-tieu.md"
printf 'id,name,unit,baseline,target\n1,A,%%,1,2\n2,B,%%,1\n3,C,%%,1,2,3\n' > "$T/r/data/indicators.csv"
printf -- '---\ntitle: [unclosed\n---\n' > "$T/r/content/02-bad.md"
commit "$T/r" "2024-04-02T09:00:00+07:00" "Sửa sai"
run_ssg 1 build -C "$T/r" -o "$T/site"
has "$T/err" 'data/indicators.csv:3:'
has "$T/err" 'data/indicators.csv:4:'
has "$T/err" 'content/02-bad.md:3:1: error: invalid YAML'
[ "$before" = "$(sums)" ] || fail "the previous site changed"
[ -z "$(beside)" ] || fail "left beside OUT: $(beside)"

# With a twin (the site before the last, hidden beside OUT), a failed
# build writes there: OUT stays, and the twin is all that is beside it.
(cd "$T/r" && git checkout -q HEAD~2 -- content data && rm content/02-bad.md)
commit "$T/r" "2024-04-03T09:00:00+07:00" "Trở lại"
run_ssg 0 build -C "$T/r" -o "$T/site"
[ "$(beside)" = ".site.ssg-prev" ] || fail "no twin beside OUT: $(beside)"
before=$(sums)
printf '\n{{nothing here}}\n' >> "$T/r/content/01-muc-tieu.md"
commit "$T/r" "2024-04-04T09:00:00+07:00" "Mã lạ lần nữa"
run_ssg 1 build --stats -C "$T/r" -o "$T/site"
wrote
[ "$before" = "$(sums)" ] || fail "the previous site changed"
[ "$(beside)" = ".site.ssg-prev" ] || fail "left beside OUT: $(beside)"
echo ok
