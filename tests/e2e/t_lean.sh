# A revision copy holds its own page of a post only where the post
# differed at its revision, and links to the main site's page where the
# two are the same (contract section 5; lean.h): a post whose file is
# unchanged since the tag is the main site's page, since a post quotes
# each figure as it stood at its own commit (shortcode.h); a post changed
# after the tag, or one embedding a table, stays in the copy as it was.
# A section quotes the figures of its site.  Every link of the copy still
# leads to a page, from file:// as from any subpath.
. "$(dirname "$0")/lib.sh"
R=$T/r
new_repo "$R"
mkdir -p "$R/content/posts" "$R/data"
printf -- '---\ntitle: "Kế hoạch thử"\nyear: "2024"\n---\nGiới thiệu.\n' >"$R/content/_index.md"
printf -- '---\ntitle: "Tin tức chọn lọc"\n---\nXem [tin cũ](posts/tin-cu.md) và [tin sửa](tin-sua.md). Hiện đạt {{value indicators 1 result}}.\n' >"$R/content/01-tin.md"
printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,"87,29",90,"88,1",01/03/2024\n' >"$R/data/indicators.csv"
post() { # SLUG DATE TEXT
	printf -- '---\ntitle: "Tin %s"\ndate: "%s"\n---\n%s\n' "$1" "$2" "$3" >"$R/content/posts/$1.md"
}
post tin-cu 01/03/2024 "Hội nghị triển khai kế hoạch. Xem [tin sửa](tin-sua.md)."
post tin-sua 02/03/2024 "Bản tin lúc ban hành."
post tin-so-lieu 03/03/2024 'Tỷ lệ đạt {{value indicators 1 result}}.'
post tin-ma 03/03/2024 'Tỷ lệ đạt &#123;&#123;value indicators 1 result}}.'
post tin-bang 28/02/2024 '{{indicators}}'
post tin-lai 28/02/2024 'Tin sẽ sửa rồi trả lại.'
commit "$R" "2024-03-04T09:00:00+07:00" "Kế hoạch và các tin"
(cd "$R" && GIT_COMMITTER_DATE="2024-03-05T10:00:00+07:00" git tag -a v1 -m "Kế hoạch số 12/KH-BCĐ")
post tin-sua 02/03/2024 "Bản tin đã sửa sau khi ban hành."
sed -i 's/"88,1",01\/03\/2024/"89,5",01\/04\/2024/' "$R/data/indicators.csv"
post tin-moi 01/04/2024 'Tin sau phiên bản: đạt {{value indicators 1 result}}.'
post tin-lai 28/02/2024 'Tin đã sửa.'
commit "$R" "2024-04-01T09:00:00+07:00" "Sửa tin, cập nhật kết quả, thêm tin"
post tin-lai 28/02/2024 'Tin sẽ sửa rồi trả lại.'
commit "$R" "2024-04-02T09:00:00+07:00" "Trả lại tin"

run_ssg 0 build -C "$R" -o "$T/o"
S=$T/o
C=$S/revisions/v1/site
[ -f "$C/index.html" ] || fail "no revision copy"

# (a) The post unchanged since the tag is the main site's page: not in
# the copy, and every link of the copy to it goes there.
[ ! -e "$C/posts/tin-cu" ] || fail "the copy holds its own page of an unchanged post"
[ -f "$S/posts/tin-cu/index.html" ] || fail "the main site lacks the post"
has "$C/posts/index.html" 'href="../../../../posts/tin-cu/"'
has "$C/index.html" 'href="./../../../posts/tin-cu/"'
has "$C/tin/index.html" 'href="../../../../posts/tin-cu/"'
has "$C/feed.xml" 'href="../../../posts/tin-cu/"'
# Its search entry is the main site's too: the copy's index gives its
# address alone, and where the main site's index is; a post of its own
# has its entry with its text.
has "$C/search/index.js" 'window.ssgSearchBase = "../../../";'
has "$C/search/index.js" ',
"../../../posts/tin-cu/"'
hasnt "$C/search/index.js" 'hoi nghi trien khai'
has "$S/search/index.js" '{"u":"posts/tin-cu/","t":"Tin tin-cu","k":"Tin tức","f":"tin tin cu hoi nghi trien khai'
has "$C/search/index.js" '"f":"tin tin sua ban tin luc ban hanh"'
has "$C/search/index.html" '<a href="../../../../posts/tin-cu/">Tin tin-cu</a>'
# (b) A post changed after the tag is the copy's own, with the tag's
# text; the main site has today's.
has "$C/posts/tin-sua/index.html" 'Bản tin lúc ban hành.'
hasnt "$C/posts/tin-sua/index.html" 'đã sửa'
has "$S/posts/tin-sua/index.html" 'Bản tin đã sửa sau khi ban hành.'
has "$C/posts/index.html" 'href="../posts/tin-sua/"'
# A post quoting a figure quotes it as it stood at the post's commit,
# at the main site too: the same page, the main site's.
[ ! -e "$C/posts/tin-so-lieu" ] || fail "the copy holds its own page of a post quoting a figure"
has "$S/posts/tin-so-lieu/index.html" '88,1'
hasnt "$S/posts/tin-so-lieu/index.html" '89,5'
has "$S/posts/tin-so-lieu/index.html" '04/03/2024'
has "$C/posts/index.html" 'href="../../../../posts/tin-so-lieu/"'
# A post written after the change quotes the new figure.
has "$S/posts/tin-moi/index.html" '89,5'
# A section quotes the figures of its site.
has "$C/tin/index.html" '88,1'
has "$S/tin/index.html" '89,5'
# One whose braces are character references (cmark reads them as
# braces, and so a shortcode) quotes the same, and keeps its own page:
# its bytes alone cannot say what it quotes.
has "$C/posts/tin-ma/index.html" '88,1'
has "$S/posts/tin-ma/index.html" '88,1'
# A post embedding a table shows the table as it stands: the copy's own.
has "$C/posts/tin-bang/index.html" '88,1'
has "$S/posts/tin-bang/index.html" '89,5'
# A post changed after the tag and changed back is of a later commit at
# the main site: the copy keeps its own.
[ -f "$C/posts/tin-lai/index.html" ] || fail "the copy shares a post changed since the tag"
has "$C/posts/tin-lai/index.html" '04/03/2024'
has "$S/posts/tin-lai/index.html" '02/04/2024'
# A post after the tag is not the revision's.
[ ! -e "$C/posts/tin-moi" ] || fail "the copy has a later post"
hasnt "$C/posts/index.html" 'tin-moi'
# The main site's own pages link their own posts.
has "$S/posts/index.html" 'href="../posts/tin-cu/"'
# (c) Every link of every page of the copy leads to a page.
links_resolve "$S" revisions/v1/site
links_resolve "$S" posts

# The post shared when the tag is the newest commit too, and the main
# site's page of it is the one a later edit changes.
(cd "$R" && GIT_COMMITTER_DATE="2024-04-03T10:00:00+07:00" git tag -a v2 -m "Kế hoạch số 20/KH-BCĐ")
run_ssg 0 build -C "$R" -o "$T/o2"
[ ! -e "$T/o2/revisions/v2/site/posts/tin-sua" ] || fail "v2's copy holds an unchanged post"
[ -f "$T/o2/revisions/v1/site/posts/tin-sua/index.html" ] || fail "v1's copy lost its own post"
links_resolve "$T/o2" revisions

# A theme changed after the tag shows every post its own way: the copy
# keeps its own pages.
mkdir -p "$R/theme"
sed 's/Ngày đăng/Đăng ngày/' "$ROOT/theme/post.mustache" >"$R/theme/post.mustache"
commit "$R" "2024-04-04T09:00:00+07:00" "Giao diện tin"
run_ssg 0 build -C "$R" -o "$T/o3"
[ -f "$T/o3/revisions/v2/site/posts/tin-cu/index.html" ] || fail "a copy shares a post shown by another theme"
has "$T/o3/revisions/v2/site/posts/tin-cu/index.html" 'Ngày đăng'
links_resolve "$T/o3" revisions
