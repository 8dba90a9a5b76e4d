# ssg init DIR makes a plan a clerk can start from: it checks clean at
# once, every field of the front matter is there, the tables have their
# headers and datapackage.json their Vietnamese titles, the output is
# ignored, and the pre-commit hook refuses a commit with errors.
. "$(dirname "$0")/lib.sh"
R=$T/ke-hoach
run_ssg 0 init "$R"
has "$T/out" "ssg: made a new plan in $R."
[ -z "$(cat "$T/err")" ] || fail "init said: $(cat "$T/err")"
[ "$(git -C "$R" symbolic-ref HEAD)" = refs/heads/main ] || fail "branch is not main"
run_ssg 0 check -C "$R" --worktree
[ ! -s "$T/err" ] || { cat "$T/err" >&2; fail "a new plan does not check clean"; }
for f in title short_title district province year issuer number place_date \
	doc_type reports signer recipients recipients_note documents; do
	grep -q "^$f:" "$R/content/_index.md" || fail "_index.md lacks $f"
done
has "$R/data/indicators.csv" "id,name,unit,baseline,target,result,as_of,direction,note,source"
has "$R/data/tasks.csv" "id,title,lead,partners,timeframe,status,progress,note"
has "$R/data/datapackage.json" '"title": "Kết quả mới nhất"'
has "$R/data/datapackage.json" '"title": "Cơ quan chủ trì"'
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$R/data/datapackage.json" ||
	fail "datapackage.json is not JSON"
[ -x "$R/.git/hooks/pre-commit" ] || fail "no executable pre-commit hook"
# The first commit goes through the hook; the site builds without a word
# and the output is not in the repository.
commit "$R" "2024-03-01T09:00:00+07:00" "Kế hoạch năm 2024"
run_ssg 0 build -C "$R" -o "$R/public"
[ ! -s "$T/err" ] || { cat "$T/err" >&2; fail "the first build reports"; }
has "$R/public/index.html" "Tỷ lệ gia đình đạt danh hiệu"
[ -z "$(git -C "$R" status --porcelain)" ] || fail "the output is not ignored: $(git -C "$R" status --porcelain)"
# A commit with an error is refused by the hook, with the error shown.
printf '2,,%%,1,2,,,,,\n' >>"$R/data/indicators.csv"
if commit "$R" "2024-03-02T09:00:00+07:00" "Thêm chỉ tiêu" 2>"$T/hook"; then
	fail "the hook let a plan with errors be committed"
fi
has "$T/hook" "data/indicators.csv:3:1: error: indicator 2 has no name"
# A folder that is not empty is refused.
run_ssg 2 init "$R"
has "$T/err" "ssg: error: $R is not empty: ssg init makes a new plan in a new or empty folder"
echo ok
