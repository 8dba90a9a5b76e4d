# A rebuild keeps the revision copies (revisions/<tag>/site/) the twin
# already holds as they would be made now, and makes again every copy
# whose sources changed: after each kind of change below, OUT holds the
# bytes of a cold build, and a copy is made again exactly when it should.
. "$(dirname "$0")/lib.sh"
R=$T/r
new_repo "$R"
mkdir -p "$R/content/posts" "$R/data"
printf -- '---\ntitle: "Tin hội nghị"\ndate: "01/03/2024"\n---\nHội nghị triển khai.\n' >"$R/content/posts/tin-a.md"
printf -- '---\ntitle: "Kế hoạch thử"\nyear: "2024"\n---\nGiới thiệu.\n' >"$R/content/_index.md"
printf -- '---\ntitle: "Chỉ tiêu"\n---\n{{table indicators}}\n' >"$R/content/02-chi-tieu.md"
printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,"87,29",90,,\n' >"$R/data/indicators.csv"
printf 'id,xa,ket_qua\n1,Vũ Lăng,10\n2,Tân Lập,20\n3,Hữu Vĩnh,30\n' >"$R/data/communes.csv"
commit "$R" "2024-03-01T09:00:00+07:00" "Dự thảo kế hoạch"
tag() { # NAME DATE MESSAGE [COMMIT]: an annotated tag at a fixed date
	(cd "$R" && GIT_COMMITTER_DATE="$2" git tag -a "$1" -m "$3" ${4:-HEAD})
}
tag v1 "2024-03-05T10:00:00+07:00" "Kế hoạch số 12/KH-BCĐ"
sed -i 's/^2,Tân Lập,20/2,Tân Lập,25/' "$R/data/communes.csv"
commit "$R" "2024-04-01T09:00:00+07:00" "Cập nhật kết quả xã Tân Lập"
tag v2 "2024-04-02T10:00:00+07:00" "Kế hoạch số 20/KH-BCĐ"

# build: into OUT; $made is the number of revision copies it made (not
# kept from an earlier build), from --stats.
build() {
	"$SSG" build -C "$R" -o "$T/out" --stats "$@" 2>"$T/stats" ||
		fail "build failed: $(cat "$T/stats")"
	made=$(sed -n 's/^revision copies: [0-9]* kept from an earlier build, \([0-9]*\) made$/\1/p' "$T/stats")
	[ -n "$made" ] || fail "no count of copies in --stats: $(cat "$T/stats")"
}
# same_as_cold [ARGS]: OUT holds what a first build into an empty place
# writes
copies() {
	[ "$made" = "$1" ] || fail "$step: $made copies made, want $1"
}

step="first builds"
build
copies 2
build # into the twin from here on; the first build's tree has none
copies 2

step="a new commit"
sed -i 's/^1,Vũ Lăng,10/1,Vũ Lăng,11/' "$R/data/communes.csv"
commit "$R" "2024-05-01T09:00:00+07:00" "Cập nhật kết quả xã Vũ Lăng"
build
copies 0
same_as_cold
build # the other tree, whose copies were made by the first builds
copies 0
same_as_cold

step="a new tag"
tag v3 "2024-05-02T10:00:00+07:00" "Kế hoạch số 30/KH-BCĐ"
build
copies 1
same_as_cold
build
copies 1 # the other tree had no v3 yet
same_as_cold
build
copies 0

step="a post the copies share, changed at the main site"
[ ! -e "$T/out/revisions/v1/site/posts/tin-a" ] || fail "$step: the post is not shared"
sed -i 's/triển khai/triển khai kế hoạch/' "$R/content/posts/tin-a.md"
commit "$R" "2024-05-03T09:00:00+07:00" "Sửa tin hội nghị"
build
copies 3 # each now holds its own page of the post, as it was
same_as_cold
[ -f "$T/out/revisions/v1/site/posts/tin-a/index.html" ] || fail "$step: no page of its own"
build
copies 3
same_as_cold
build
copies 0

step="the post changed back as the copies have it"
# Its file is of a later commit at the main site, which its page shows:
# each copy keeps its own, as made.
sed -i 's/triển khai kế hoạch/triển khai/' "$R/content/posts/tin-a.md"
commit "$R" "2024-05-04T09:00:00+07:00" "Sửa lại tin hội nghị"
build
copies 0
same_as_cold
[ -f "$T/out/revisions/v1/site/posts/tin-a/index.html" ] || fail "$step: the copy shares the post"
build
copies 0
same_as_cold

step="a new post at the main site"
printf -- '---\ntitle: "Tin mới"\ndate: "05/05/2024"\n---\nTin mới.\n' >"$R/content/posts/tin-b.md"
commit "$R" "2024-05-05T09:00:00+07:00" "Thêm tin"
build
copies 0
same_as_cold
build
copies 0
same_as_cold

step="a tag's message changed"
v2=$(git -C "$R" rev-parse 'v2^{commit}')
git -C "$R" tag -d v2 >/dev/null
tag v2 "2024-04-02T10:00:00+07:00" "Kế hoạch số 20/KH-BCĐ (sửa)" "$v2"
build
copies 2 # v2, and v3 which lists v2
same_as_cold
build # the other tree: made again there too
copies 2
same_as_cold

step="a tag moved"
git -C "$R" tag -d v2 >/dev/null
tag v2 "2024-04-02T10:00:00+07:00" "Kế hoạch số 20/KH-BCĐ (sửa)" "$v2~1"
build
copies 2
same_as_cold
build
copies 2
same_as_cold
build
copies 0

step="a row the main site no longer has"
sed -i '/^3,Hữu Vĩnh/d' "$R/data/communes.csv"
commit "$R" "2024-06-01T09:00:00+07:00" "Bỏ xã Hữu Vĩnh"
build
copies 3 # each now makes its own history of row 3
same_as_cold
build
copies 3
same_as_cold
build
copies 0

step="the table renamed after the revisions"
git -C "$R" mv data/communes.csv data/xa.csv
commit "$R" "2024-06-02T09:00:00+07:00" "Đổi tên bảng"
build
same_as_cold
build
same_as_cold

step="a copy's file changed by hand in the twin"
build
copies 0
echo "sửa tay" >>"$T/.out.ssg-prev/revisions/v1/site/index.html"
build
copies 1
same_as_cold

step="the records lost"
rm -rf "$R/.git/ssg"
build
copies 3
same_as_cold

step="an earlier first tag: a new publication date"
first=$(git -C "$R" rev-list --max-parents=0 HEAD)
(cd "$R" && GIT_COMMITTER_DATE="2024-03-01T10:00:00+07:00" git tag -a v0 -m "Dự thảo" "$first")
build
same_as_cold
build
same_as_cold

step="other row keys"
build --key indicators=id,name
same_as_cold --key indicators=id,name
build --key indicators=id,name
same_as_cold --key indicators=id,name
echo ok
