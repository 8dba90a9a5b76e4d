# Posts and sections kept by what their Markdown reads (issue 16): such a
# page is keyed before its Markdown is made, by the Markdown's bytes and
# what its shortcodes and links read (shortcode.h), and made only when
# that changed.  Each input below is changed alone; after each, OUT holds
# the bytes of a cold build of the same commit, so that a key missing an
# input (the page kept while what it shows changed) fails here.
. "$(dirname "$0")/lib.sh"
R=$T/r
new_repo "$R"
mkdir -p "$R/content/posts" "$R/data"
twin=$T/.out.ssg-prev
step=start
opts= # of every build, cold or not

printf -- '---\ntitle: "Kế hoạch thử"\nyear: "2024"\n---\nGiới thiệu.\n' >"$R/content/_index.md"
printf -- '---\ntitle: "Tin tức chọn lọc"\nweight: 1\n---\nXem [tin số](posts/tin-so.md#so), chỉ tiêu 1 đạt {{value indicators 1 result}}.\n\n{{indicators}}\n' >"$R/content/01-tin.md"
printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,"87,29",90,"88,1",01/03/2024\n2,Tỷ lệ thôn văn hóa,%%,"72,2","77,7",,\n' >"$R/data/indicators.csv"
printf 'id,title,lead,partners,timeframe,status,progress,note\n1,Tổ chức hội nghị,Phòng Văn hóa,,Quý I,planned,,\n' >"$R/data/tasks.csv"
printf 'id,name,result\n1,Xã Một,1.250\n2,Xã Hai,"12,5"\n' >"$R/data/communes.csv"
post() { # SLUG TEXT [FRONT MATTER LINE]
	printf -- '---\ntitle: "Tin %s"\ndate: "01/03/2024"\n%s---\n%s\n' "$1" "${3:+$3
}" "$2" >"$R/content/posts/$1.md"
}
post tin-so 'Xã Một đạt {{value communes 1 result}}.'
post tin-bang '{{table communes}}'
post tin-viec '{{tasks}}'
post tin-ma 'Cách trích: `{{value communes 2 result}}`, như [ở đây](tin-so.md).'
post tin-thuong 'Hội nghị triển khai kế hoạch.'
post tin-lien-ket 'Xem [tin số](tin-so.md), [mục](01-tin.md), [tin thường](tin-thuong.md) và [tin mới](tin-moi.md); chỉ tiêu 2: {{value indicators 2 result}}.'
commit "$R" "2024-03-04T09:00:00+07:00" "Kế hoạch và các tin"

# build: into OUT; $rendered from --stats.
build() { build_stats "$SSG" "$R" "$T/out" $opts; }
# same_as_cold: OUT holds what a first build into an empty place writes.
same_as_cold() {
	rm -rf "$T/cold" "$T/.cold.ssg-prev"
	"$SSG" build -C "$R" -o "$T/cold" $opts 2>/dev/null
	diff -r "$T/cold" "$T/out" >"$T/diff" ||
		fail "$step: not the bytes of a cold build: $(head -5 "$T/diff")"
}
# change MESSAGE: commits, rebuilds and compares with a cold build.
n=10
change() {
	n=$((n + 1))
	commit "$R" "2024-04-${n}T09:00:00+07:00" "$1"
	build
	same_as_cold
}
P=$T/out/posts

build
build
[ -f "$twin/index.html" ] || fail "no twin after two builds"
same_as_cold
has "$P/tin-so/index.html" '1.250'
has "$P/tin-lien-ket/index.html" 'href="../../posts/tin-so/"'
has "$P/tin-lien-ket/index.html" 'href="tin-moi.md"'

step="nothing changed"
build
[ "$rendered" = 0 ] || fail "$step: $rendered pages rendered"
same_as_cold

step="a quoted figure"
# A post quotes the figure as it stood at its own commit (shortcode.h).
sed -i 's/^1,Xã Một,1.250$/1,Xã Một,1.300/' "$R/data/communes.csv"
change "Cập nhật xã một"
has "$P/tin-so/index.html" '1.250'
hasnt "$P/tin-so/index.html" '1.300'

step="a post quoting it, written again"
post tin-so 'Xã Một nay đạt {{value communes 1 result}}.'
change "Viết lại tin số"
has "$P/tin-so/index.html" '1.300'

step="a figure a section quotes"
sed -i 's/^1,Tỷ lệ gia đình văn hóa,%,"87,29",90,"88,1",/1,Tỷ lệ gia đình văn hóa,%,"87,29",90,"88,4",/' "$R/data/indicators.csv"
change "Chỉ tiêu 1 cập nhật kết quả"
has "$T/out/tin/index.html" '88,4'

step="a row only shown in a code span"
# tin-ma's page is the same, its provenance too (a shortcode in a code
# span shows nothing); tin-bang shows the whole table.
sed -i 's/^2,Xã Hai,"12,5"$/2,Xã Hai,"14,5"/' "$R/data/communes.csv"
change "Cập nhật xã hai"

step="the quoted row's other column"
# A post's figure and provenance are its commit's: its page is the same.
sed -i 's/^1,Xã Một,/1,Xã Một mới,/' "$R/data/communes.csv"
change "Đổi tên xã một"
has "$P/tin-so/index.html" '1.300'

step="another row settles how the column writes figures"
# "1.300" was 1300 beside "14,5"; beside "14.5" it is 1,300, its row the same.
sed -i 's/^2,Xã Hai,"14,5"$/2,Xã Hai,14.5/' "$R/data/communes.csv"
change "Xã hai viết số kiểu máy"
has "$P/tin-so/index.html" '>1,300<'
hasnt "$P/tin-so/index.html" '>1.300<'


step="a quoted cell's unit"
sed -i 's/^2,Tỷ lệ thôn văn hóa,%,/2,Tỷ lệ thôn văn hóa,điểm,/; s/^\(2,.*\),,$/\1,"75,5",01\/04\/2024/' "$R/data/indicators.csv"
change "Chỉ tiêu 2 tính bằng điểm"
hasnt "$P/tin-lien-ket/index.html" '75,5'

step="a post quoting the unit's row, written again"
# With the indicators embedded: a revision copy keeps its own page of
# it (lean.h), which the steps after the tag read.
post tin-lien-ket 'Xem [tin số](tin-so.md), [mục](01-tin.md), [tin thường](tin-thuong.md) và [tin mới](tin-moi.md); chỉ tiêu 2 nay: {{value indicators 2 result}}.

{{indicators}}'
change "Viết lại tin liên kết"
has "$P/tin-lien-ket/index.html" '75,5'

step="an embedded table of indicators"
sed -i 's/^1,Tỷ lệ gia đình văn hóa,%,"87,29",90,/1,Tỷ lệ gia đình văn hóa,%,"87,29",91,/' "$R/data/indicators.csv"
change "Chỉ tiêu 1 nâng mục tiêu"

step="an embedded table of tasks"
sed -i 's/,Quý I,planned,,$/,Quý I,done,100,/' "$R/data/tasks.csv"
change "Nhiệm vụ 1 xong"

step="a post's text"
post tin-thuong 'Hội nghị triển khai kế hoạch, có 40 đại biểu.'
change "Sửa tin thường"

step="a linked post's slug"
post tin-so 'Xã Một đạt {{value communes 1 result}}.' 'slug: "tin-so-lieu"'
change "Đổi địa chỉ tin số"
has "$P/tin-lien-ket/index.html" 'href="../../posts/tin-so-lieu/"'

step="a linked file appears"
post tin-moi 'Tin mới.'
change "Thêm tin mới"
has "$P/tin-lien-ket/index.html" 'href="../../posts/tin-moi/"'

step="a section's slug"
git -C "$R" mv content/01-tin.md content/01-tin-tuc.md
sed -i 's/(01-tin.md)/(01-tin-tuc.md)/' "$R/content/posts/tin-lien-ket.md"
change "Đổi tên mục"

step="a tag"
(cd "$R" && GIT_COMMITTER_DATE="2024-04-30T10:00:00+07:00" git tag -a v1 -m "Kế hoạch số 12/KH-BCĐ")
build
same_as_cold
C=$T/out/revisions/v1/site/posts
[ -f "$C/tin-lien-ket/index.html" ] || fail "$step: the copy lacks tin-lien-ket"
has "$C/tin-lien-ket/index.html" 'href="../../../../../posts/tin-thuong/"'

step="a linked post no longer the main site's in a copy"
n=0
post tin-thuong 'Hội nghị triển khai kế hoạch, có 45 đại biểu.'
commit "$R" "2024-05-01T09:00:00+07:00" "Sửa tin thường sau phiên bản"
build
same_as_cold
has "$C/tin-lien-ket/index.html" 'href="../../posts/tin-thuong/"'

# The work tree's files, their commits the same: the Markdown's bytes and
# the tables' values themselves are in the key, not only their commits.
opts=--worktree
build
step="a post's text, not committed"
post tin-thuong 'Hội nghị triển khai kế hoạch, có 50 đại biểu.'
build
same_as_cold
has "$P/tin-thuong/index.html" '50 đại biểu'
step="a quoted figure, not committed"
sed -i 's/^1,Xã Một mới,1.300$/1,Xã Một mới,1.400/' "$R/data/communes.csv"
build
same_as_cold
# A work tree is no commit: its posts quote the figures as they stand.
has "$P/tin-so-lieu/index.html" '1.400'
step="an embedded table, not committed"
sed -i 's/^2,Xã Hai,14.5$/2,Xã Hai,15.5/' "$R/data/communes.csv"
build
same_as_cold
step="embedded indicators, not committed"
sed -i 's/^1,Tỷ lệ gia đình văn hóa,%,"87,29",91,/1,Tỷ lệ gia đình văn hóa,%,"87,29",92,/' "$R/data/indicators.csv"
build
same_as_cold
step="embedded tasks, not committed"
sed -i 's/,Quý I,done,100,$/,Quý I,cancelled,,/' "$R/data/tasks.csv"
build
same_as_cold
echo ok
