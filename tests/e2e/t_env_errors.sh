# Usage and environment problems: "ssg: error: ...", exit status 2.
. "$(dirname "$0")/lib.sh"
mkdir "$T/plain"
run_ssg 2 build -C "$T/plain" -o "$T/o"
has "$T/err" 'ssg: error:'
mini_repo "$T/r"
run_ssg 2 build -C "$T/r" --rev no-such-rev -o "$T/o"
has "$T/err" "ssg: error: unknown revision"
echo file > "$T/file"
run_ssg 2 build -C "$T/r" -o "$T/file"
has "$T/err" 'ssg: error:'
[ "$(cat "$T/file")" = file ] || fail "OUT file was touched"
run_ssg 2 build -C "$T/r" --bogus
has "$T/err" "unknown option '--bogus'"
run_ssg 2 frobnicate
new_repo "$T/empty"
run_ssg 2 build -C "$T/empty" -o "$T/o"
has "$T/err" 'no commits'
run_ssg 0 --help
echo ok
