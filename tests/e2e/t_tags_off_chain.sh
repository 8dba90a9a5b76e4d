# Annotated tags that are not on the built history: a release tag on a
# side branch, tags after the revision built (--rev on an older commit,
# a short id, main~N, a tag, an orphan branch).  Every revision builds
# and lists as revisions exactly the tags on its own first-parent chain.
# (A tag off the chain once freed a pointer into the middle of the tag
# array: abort under glibc, a report under ASan.)
. "$(dirname "$0")/lib.sh"
R=$T/r
mini_repo "$R"
tag() { (cd "$R" && GIT_COMMITTER_DATE="$2" git tag -a "$1" -m "$3"); }
tag before "2024-03-02T09:00:00+07:00" "Kế hoạch số 1/KH"
sed -i 's/"75,5"/"76"/' "$R/data/indicators.csv"
commit "$R" "2024-04-01T09:00:00+07:00" "Cập nhật kết quả quý I"
tag at "2024-04-02T09:00:00+07:00" "Kế hoạch số 2/KH"
# A side branch with a tag of its own, never merged.
git -C "$R" checkout -q -b nhanh-phu
printf "\nNháp.\n" >> "$R/content/01-muc-tieu.md"
commit "$R" "2024-04-05T09:00:00+07:00" "Bản nháp chưa duyệt"
tag beside "2024-04-06T09:00:00+07:00" "Bản nháp"
git -C "$R" checkout -q main
sed -i 's/"76"/"77"/' "$R/data/indicators.csv"
commit "$R" "2024-05-01T09:00:00+07:00" "Cập nhật kết quả tháng 4"
sed -i 's/"77"/"77,5"/' "$R/data/indicators.csv"
commit "$R" "2024-06-01T09:00:00+07:00" "Cập nhật kết quả tháng 5"
tag after "2024-06-02T09:00:00+07:00" "Kế hoạch số 3/KH"
# An orphan branch: a history of its own that shares no commit.
git -C "$R" checkout -q --orphan moi
commit "$R" "2024-07-01T09:00:00+07:00" "Lịch sử riêng"
git -C "$R" checkout -q main

# HEAD: three revisions on the chain, the side branch's tag is none.
run_ssg 0 build -C "$R" -o "$T/s"
has "$T/s/revisions/index.html" 'Kế hoạch số 3/KH'
has "$T/s/revisions/index.html" 'Kế hoạch số 1/KH'
hasnt "$T/s/revisions/index.html" 'Bản nháp'
[ ! -e "$T/s/revisions/beside" ] || fail "side-branch tag published as a revision"

# Every commit of every branch, by full id, short id and main~N, and
# every tag and branch name.
revs="before at after beside nhanh-phu moi main~1 main~2 main~3 HEAD~1"
for c in $(git -C "$R" rev-list --all); do
	revs="$revs $c $(git -C "$R" rev-parse --short=7 "$c")"
done
revs_ok "$R" $revs
# An older revision lists only the tags up to it.
run_ssg 0 build -C "$R" --rev at -o "$T/at"
has "$T/at/revisions/index.html" 'Kế hoạch số 2/KH'
hasnt "$T/at/revisions/index.html" 'Kế hoạch số 3/KH'
run_ssg 0 build -C "$R" --rev beside -o "$T/beside"
has "$T/beside/revisions/index.html" 'Bản nháp'
hasnt "$T/beside/revisions/index.html" 'Kế hoạch số 3/KH'
run_ssg 0 build -C "$R" --rev moi -o "$T/moi"
hasnt "$T/moi/revisions/index.html" 'Kế hoạch số'
echo "ok: $n revisions built"
