# Every form of --rev that git knows, for build, check and history: each
# names a commit (status 0) or is refused with one clear line (status 2),
# never a crash (under `make asan` a sanitizer report fails the status).
. "$(dirname "$0")/lib.sh"
R=$T/r
mini_repo "$R"
(cd "$R" && GIT_COMMITTER_DATE=2024-03-02T09:00:00+07:00 \
	git tag -a "kế-hoạch-1" -m "Kế hoạch số 1")
sed -i 's/"75,5"/"76"/' "$R/data/indicators.csv"
commit "$R" "2024-04-01T09:00:00+07:00" "Cập nhật kết quả quý I"
git -C "$R" tag nhe
git -C "$R" checkout -q -b nhanh
printf '\nNháp.\n' >> "$R/content/01-muc-tieu.md"
commit "$R" "2024-04-05T09:00:00+07:00" "Bản nháp"
git -C "$R" checkout -q main
sed -i 's/"76"/"77"/' "$R/data/indicators.csv"
commit "$R" "2024-05-01T09:00:00+07:00" "Cập nhật kết quả tháng 4"
git -C "$R" checkout -q --orphan moi
commit "$R" "2024-07-01T09:00:00+07:00" "Lịch sử riêng"
git -C "$R" checkout -q main

full=$(git -C "$R" rev-parse HEAD~1)
good="HEAD main refs/heads/main main~1 HEAD^ HEAD^1 HEAD~2 @ main@{0}
$full $(echo "$full" | cut -c1-7) $(echo "$full" | cut -c1-4)
kế-hoạch-1 tags/kế-hoạch-1 refs/tags/kế-hoạch-1 kế-hoạch-1^{commit}
kế-hoạch-1~0 nhe nhanh nhanh~1 moi :/Bản main^{/quý} HEAD^0"
blob=$(git -C "$R" rev-parse HEAD:data/indicators.csv)
tree=$(git -C "$R" rev-parse HEAD^{tree})
bad="khong-co HEAD~99 HEAD^3 HEAD^{tree} $tree $blob HEAD:data
main..nhanh main...nhanh HEAD@{99} -x ^HEAD :/khong-co-dau
0000000000000000000000000000000000000000"
revs_ok "$R" $good
for rev in $bad ""; do
	for cmd in build check history; do
		o=
		[ $cmd != build ] || o="-o $T/bad"
		run_ssg 2 $cmd -C "$R" --rev "$rev" $o
		[ "$(wc -l < "$T/err")" = 1 ] ||
			fail "$cmd --rev '$rev': $(cat "$T/err")"
		has "$T/err" "ssg: error: "
	done
	[ ! -e "$T/bad" ] || fail "--rev '$rev' made OUT"
done
echo "ok: $n good forms"
