# Long lists are cut into pages a phone can load, numbered from the
# oldest so that a full page never changes again (contract section 5):
# 450 changes are changes/ (the newest 200), changes/page/1/ (the oldest
# 200), page/2/ (the next 200) and page/3/ (the newest 50); 300 posts are
# posts/ (the newest 200), posts/page/1/ (200) and posts/page/2/ (100).
# Every item is on exactly one numbered page, in order, and the pages
# link to each other; one more commit leaves the full pages as they were.
. "$(dirname "$0")/lib.sh"
mini_repo "$T/r"
# 449 more commits and 300 posts, one fast-import stream with fixed dates.
python3 - "$T/r" <<'PY' | git -C "$T/r" fast-import --quiet
import sys
print("reset refs/heads/main\nfrom refs/heads/main^0")
t = 1709272800 + 86400
for i in range(449):
    msg = f"Cập nhật số {i + 2}"
    print(f"commit refs/heads/main\ncommitter Phòng Văn hóa <pvh@bacson.example> {t + 3600 * i} +0700")
    print(f"data {len(msg.encode())}\n{msg}")
    if i < 300:
        body = f"---\ntitle: \"Tin số {i + 1}\"\ndate: \"{1 + i % 28:02d}/05/2024\"\n---\nNội dung {i + 1}.\n"
        print(f"M 100644 inline content/posts/tin-{i + 1:03d}.md\ndata {len(body.encode())}\n{body}")
    else:
        row = (f"id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%,\"87,29\",90,{i % 90},30/06/2024\n"
               "2,Tỷ lệ thôn văn hóa,%,\"72,2\",\"77,7\",\"75,5\",30/06/2024\n")
        print(f"M 100644 inline data/indicators.csv\ndata {len(row.encode())}\n{row}")
PY
git -C "$T/r" reset -q --hard
run_ssg 0 build -C "$T/r" -o "$T/s"
S=$T/s
[ -f "$S/changes/page/3/index.html" ] || fail "no changes/page/3/"
[ ! -e "$S/changes/page/4" ] || fail "changes/page/4/ should not exist"
[ -f "$S/posts/page/2/index.html" ] || fail "no posts/page/2/"
[ ! -e "$S/posts/page/3" ] || fail "posts/page/3/ should not exist"
has "$S/changes/index.html" '<ol class="commits" reversed start="450">'
has "$S/changes/page/1/index.html" '<ol class="commits" reversed start="200">'
has "$S/changes/page/2/index.html" '<ol class="commits" reversed start="400">'
has "$S/changes/page/3/index.html" '<ol class="commits" reversed start="450">'
has "$S/changes/page/2/index.html" '<title>Các thay đổi (trang 2)'
has "$S/changes/index.html" 'rel="next" href="../changes/page/2/"'
has "$S/changes/page/2/index.html" 'rel="prev" href="../../../changes/page/3/"'
has "$S/changes/page/2/index.html" 'rel="next" href="../../../changes/page/1/"'
has "$S/changes/page/3/index.html" 'rel="prev" href="../../../changes/"'
has "$S/changes/page/2/index.html" '<span aria-current="page">2</span>'
has "$S/changes/index.html" '<span aria-current="page">Mới nhất</span>'
hasnt "$S/changes/page/1/index.html" 'rel="next"'
python3 - "$S" <<'PY' || fail "the pages do not hold every item once, in order"
import os, re, sys
s = sys.argv[1]
def items(path, pat):
    return re.findall(pat, open(os.path.join(s, path), encoding="utf-8").read())
commits = []
for p in ["changes/page/1/index.html", "changes/page/2/index.html", "changes/page/3/index.html"]:
    got = items(p, r'<li><a href="[^"]*changes/([0-9a-f]+)/">')
    commits = got + commits
assert [len(x) for x in (commits[:50], commits[50:250], commits[250:])] == [50, 200, 200], len(commits)
assert len(set(commits)) == 450
# newest first: the first is the tip's, the last the first commit's
assert items("changes/index.html", r'Cập nhật số 450')
front = items("changes/index.html", r'<li><a href="[^"]*changes/([0-9a-f]+)/">')
assert front == commits[:200], "changes/ is not the newest 200"
posts = items("posts/page/2/index.html", r'posts/(tin-\d+)/') + items("posts/page/1/index.html", r'posts/(tin-\d+)/')
assert len(posts) == 300 and len(set(posts)) == 300, len(posts)
# every link of the pagers resolves
for p in ["changes/index.html", "changes/page/1/index.html", "changes/page/2/index.html",
          "changes/page/3/index.html", "posts/index.html", "posts/page/1/index.html",
          "posts/page/2/index.html"]:
    for h in items(p, r'<nav class="pager"[^>]*>(.*?)</nav>')[0:1]:
        for u in re.findall(r'href="([^"]*)"', h):
            t = os.path.normpath(os.path.join(s, os.path.dirname(p), u, "index.html"))
            assert os.path.isfile(t), (p, u)
PY
# One more commit: the full pages are byte-identical, the newest and
# changes/ itself are not.
mkdir -p "$T/r/content/posts"
printf -- '---\ntitle: "Tin mới"\ndate: "01/06/2024"\n---\nMới.\n' > "$T/r/content/posts/tin-moi.md"
commit "$T/r" "2024-07-01T09:00:00+07:00" "Cập nhật số 451"
run_ssg 0 build -C "$T/r" -o "$T/s451"
for f in changes/page/1 changes/page/2 posts/page/1; do
	cmp -s "$S/$f/index.html" "$T/s451/$f/index.html" ||
		fail "$f/ changed with one more commit"
done
for f in changes changes/page/3 posts posts/page/2; do
	cmp -s "$S/$f/index.html" "$T/s451/$f/index.html" &&
		fail "$f/ did not change with one more commit"
done
# A revision copy at commit 450 holds its own newest pages of changes
# (changes/ and page/3/, whose pager names its newest); its full pages
# before are the main site's, the same commits shown alike, and it links
# there.
(cd "$T/r" && GIT_COMMITTER_DATE="2024-07-02T10:00:00+07:00" git tag -a v450 -m "Kế hoạch số 450" HEAD~1)
run_ssg 0 build -C "$T/r" -o "$T/st"
C=$T/st/revisions/v450/site/changes
[ -f "$C/index.html" ] && [ -f "$C/page/3/index.html" ] || fail "the copy lacks its newest pages of changes"
[ ! -e "$C/page/1" ] && [ ! -e "$C/page/2" ] || fail "the copy writes the main site's full pages"
has "$C/page/3/index.html" '<ol class="commits" reversed start="450">'
has "$C/index.html" 'href="../../../../changes/page/2/">2</a>'
has "$C/page/3/index.html" 'rel="next" href="../../../../../../changes/page/2/"'
has "$C/page/3/index.html" 'rel="prev" href="../../../changes/"'
links_resolve "$T/st" revisions
# A copy shown by another theme keeps every page of its own.
mkdir -p "$T/r/theme"
sed 's/Các thay đổi/Những thay đổi/' "$ROOT/theme/changes.mustache" >"$T/r/theme/changes.mustache"
commit "$T/r" "2024-07-03T09:00:00+07:00" "Giao diện"
run_ssg 0 build -C "$T/r" -o "$T/st2"
[ -f "$T/st2/revisions/v450/site/changes/page/1/index.html" ] || fail "a copy of another theme shares its lists"
links_resolve "$T/st2" revisions
# One commit that adds 300 pages of 2 KB: its page shows the word diffs
# that fit in its budget (384 KB) and lists the others with why.
mini_repo "$T/big"
mkdir -p "$T/big/content/posts"
for i in $(seq 1 300); do
	{ printf -- '---\ntitle: "Tin %s"\ndate: "01/05/2024"\n---\n' "$i"
	  for k in $(seq 1 40); do printf 'Câu %s của tin số %s, đủ dài.\n' "$k" "$i"; done
	} > "$T/big/content/posts/tin-$i.md"
done
commit "$T/big" "2024-05-01T09:00:00+07:00" "Ba trăm tin"
run_ssg 0 build -C "$T/big" -o "$T/sb"
P=$T/sb/changes/$(git -C "$T/big" rev-parse --short=7 HEAD)/index.html
has "$P" 'không hiện ở đây: thay đổi này gồm nhiều trang'
n=$(grep -c '<ins>' "$P")
[ "$n" -gt 100 ] && [ "$n" -lt 300 ] || fail "$n pages diffed of 300"
[ "$(grep -c '<h3>Trang mới' "$P")" -eq 300 ] || fail "not every page listed"
[ "$(wc -c < "$P")" -lt 460000 ] || fail "the commit's page is $(wc -c < "$P") bytes"
# a short list has no pager
mini_repo "$T/small"
run_ssg 0 build -C "$T/small" -o "$T/s2"
hasnt "$T/s2/changes/index.html" 'class="pager"'
has "$T/s2/changes/index.html" '<ol class="commits" reversed start="1">'
echo ok
