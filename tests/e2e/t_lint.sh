# `ssg check` on this repository's own plan reports the three flaws of
# the official text as warnings, nothing else, and exits 0; build too.
. "$(dirname "$0")/lib.sh"
plan_repo "$T/r"
run_ssg 0 check -C "$T/r"
cat > "$T/want" <<'W'
content/05-to-chuc-thuc-hien.md:30:150: warning: 2214/QĐ-TTg is cited with the date 28/12/2021 here but 28/2/2021 at content/01-muc-dich-yeu-cau.md:10:440: one of the two dates is wrong
data/tasks.csv:7:67: warning: '27/9/8/2022' is not a date: a date is written dd/mm/yyyy
data/tasks.csv:10:1: warning: task 10 follows task 8: task 9 is missing
W
diff "$T/want" "$T/err" || fail "check's warnings differ"
run_ssg 0 build -C "$T/r" -o "$T/site"
diff "$T/want" "$T/err" || fail "build's warnings differ"
echo ok
