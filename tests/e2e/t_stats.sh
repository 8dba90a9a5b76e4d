# --stats prints each phase's time and size; without it, and off a
# terminal, a build prints nothing.  A build under a second draws no
# status line even on a terminal.
. "$(dirname "$0")/lib.sh"
mini_repo "$T/r"
printf "\n## Cập nhật\n\nMới.\n" >> "$T/r/content/01-muc-tieu.md"
commit "$T/r" "2024-04-01T09:00:00+07:00" "Cập nhật"
run_ssg 0 build -C "$T/r" -o "$T/site"
[ -s "$T/err" ] && fail "a build off a terminal printed: $(cat "$T/err")"
# A cold build: one into the same OUT would take every file from the
# first (issue 16) and write no bytes to count.
run_ssg 0 build -C "$T/r" -o "$T/site2" --stats
for phase in open plan log trees rows pages publish total; do
	grep -q "^$phase " "$T/err" || fail "--stats lacks the phase $phase"
done
has "$T/err" 'peak memory'
# the pages phase counts the files it wrote and their size
files=$(cd "$T/site2" && find . -type f ! -name .ssg-output | wc -l)
grep -Eq "^pages .* [0-9]+ files +[0-9.]+ MB$" "$T/err" ||
	fail "pages line: $(grep '^pages' "$T/err")"
n=$(awk '/^pages /{print $4}' "$T/err")
[ "$n" -eq "$files" ] || fail "pages counted $n files, the site has $files"
# In Vietnamese, the phases' names and figures are Vietnamese too: a
# decimal comma, as a clerk reads 0,25 (0.25 reads as two hundred and
# fifty there).
LANG=vi_VN.UTF-8 "$SSG" build -C "$T/r" -o "$T/site3" --stats 2>"$T/vi" ||
	fail "a Vietnamese build failed: $(cat "$T/vi")"
grep -Eq '^tổng +[0-9]+,[0-9]{3} +[0-9]+,[0-9]{3} ' "$T/vi" ||
	fail "the total in Vietnamese: $(grep '^tổng' "$T/vi")"
grep -E '^[^ ]+ +[0-9]+\.[0-9]' "$T/vi" &&
	fail "a decimal point in Vietnamese figures"
run_ssg 0 history -C "$T/r" --json --stats
grep -q '^rows ' "$T/err" || fail "history --stats lacks the rows phase"
run_ssg 2 diff -C "$T/r" --stats HEAD~1 HEAD
has "$T/err" "unknown option '--stats'"
if command -v script >/dev/null 2>&1; then
	script -qec "$SSG build -C $T/r -o $T/site" /dev/null >"$T/tty" 2>&1 ||
		fail "build on a terminal failed: $(cat "$T/tty")"
	grep -q 'ssg: ' "$T/tty" && fail "a short build drew a status line"
fi
echo ok
