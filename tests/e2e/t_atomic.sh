# A failed build leaves the previous site exactly as it was, and reports
# every content error as PATH:LINE:COL.
. "$(dirname "$0")/lib.sh"
mini_repo "$T/r"
run_ssg 0 build -C "$T/r" -o "$T/site"
before=$(cd "$T/site" && find . -type f | sort | xargs sha256sum)
printf 'id,name,unit,baseline,target\n1,A,%%,1,2\n2,B,%%,1\n3,C,%%,1,2,3\n' > "$T/r/data/indicators.csv"
printf -- '---\ntitle: [unclosed\n---\n' > "$T/r/content/02-bad.md"
commit "$T/r" "2024-04-01T09:00:00+07:00" "Sửa sai"
run_ssg 1 build -C "$T/r" -o "$T/site"
has "$T/err" 'data/indicators.csv:3:'
has "$T/err" 'data/indicators.csv:4:'
has "$T/err" 'content/02-bad.md:3:1: error: invalid YAML'
after=$(cd "$T/site" && find . -type f | sort | xargs sha256sum)
[ "$before" = "$after" ] || fail "the previous site changed"
ls "$T" | grep -q 'ssg-new' && fail "a temporary tree was left behind"
# check reports the same and writes nothing.
run_ssg 1 check -C "$T/r"
has "$T/err" 'data/indicators.csv:3:'
echo ok
