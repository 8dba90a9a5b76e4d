# Each page shows the newest commit that changed what it shows (contract
# section 5); the commit the site was built from is on the overview, on
# changes/ and in build.json only.  So a commit that changes one
# indicator's result changes only the pages that show it, and a commit
# that changes nothing shown changes only those three.
. "$(dirname "$0")/lib.sh"
R=$T/r
plan_repo "$R"
mkdir -p "$R/content/posts"
printf -- '---\ntitle: "Tin một"\ndate: "02/03/2024"\n---\nNội dung.\n' > "$R/content/posts/tin-mot.md"
printf 'id,name,value\nx1,Xã Một,10\nx2,Xã Hai,20\n' > "$R/data/xa.csv"
commit "$R" "2024-03-02T09:00:00+07:00" "Tin và bảng xã"
run_ssg 0 build -C "$R" -o "$T/s1"
old=$(git -C "$R" rev-parse --short=7 HEAD)
sed -i 's/^2,\(.*\),"72,2","77,7",,,/2,\1,"72,2","77,7","75,5",30\/06\/2024,/' "$R/data/indicators.csv"
git -C "$R" diff --quiet && fail "the fixture's indicator 2 did not change"
commit "$R" "2024-03-03T09:00:00+07:00" "Kết quả chỉ tiêu 2"
new=$(git -C "$R" rev-parse --short=7 HEAD)
# A cold build of the new commit, beside the old one.
run_ssg 0 build -C "$R" -o "$T/s2"
# What may differ: the pages that show indicator 2 (its page, the list,
# the overview, the section that embeds the indicators, open data and
# its page, the directory of disclosures), the new commit's page, the
# list of changes, build.json, the feed, the history and the search
# index.
allowed='build.json changes/index.html chi-tieu/index.html data/history.jsonl
data/index.html data/indicators.csv data/indicators.json disclosure/index.html
feed.xml index.html indicators/2/index.html indicators/index.html
search/index.js'
(cd "$T/s1" && find . -type f | sort) > "$T/f1"
(cd "$T/s2" && find . -type f | sort) > "$T/f2"
changed=$(cd "$T/s2" && while read -r f; do
	cmp -s "$f" "$T/s1/$f" || echo "${f#./}"
done < "$T/f2")
for f in $changed; do
	[ "$f" = "changes/$new/index.html" ] && continue
	case " $(echo $allowed) " in
	*" $f "*) ;;
	*) fail "$f changed with a commit that changed indicator 2 only" ;;
	esac
done
case " $(echo $changed) " in *" indicators/2/index.html "*) ;;
	*) fail "indicators/2/ did not change" ;; esac
# Named, to be plain about what is kept: a section without the
# indicators, another indicator, a post, a table, the tasks.
for f in muc-dich-yeu-cau/index.html indicators/1/index.html \
	posts/tin-mot/index.html tables/xa/index.html tasks/index.html; do
	[ -f "$T/s2/$f" ] || fail "no $f"
	cmp -s "$T/s1/$f" "$T/s2/$f" || fail "$f differs across the builds"
done
# Its provenance: the post's is the commit that wrote it, the
# indicator's the new one, linked to its page.
has "$T/s2/posts/tin-mot/index.html" "thay đổi lần cuối ngày <a href=\"../../changes/$old/\"><time"
has "$T/s2/indicators/2/index.html" "thay đổi lần cuối ngày <a href=\"../../changes/$new/\"><time"
has "$T/s2/indicators/2/index.html" '<time datetime="2024-03-03T09:00:00+07:00">03/03/2024 09:00</time>'
hasnt "$T/s2/indicators/2/index.html" 'Trang web được tạo từ phiên bản'
# A reader follows dates, not commit ids: no link of any page reads as
# one (issue 14 item 3); the id stays beside the date, unlinked.
python3 - "$T/s2" <<'PY' || fail "a commit id as link text"
import os, re, sys
bad = []
for d, _, fs in os.walk(sys.argv[1]):
    for f in fs:
        if f.endswith(".html"):
            t = open(os.path.join(d, f), encoding="utf-8").read()
            for a in re.findall(r"<a\b[^>]*>(.*?)</a>", t, re.S):
                text = re.sub(r"<[^>]*>", "", a).strip()
                if re.fullmatch(r"[0-9a-f]{7,40}", text) and re.search(r"[a-f]", text):
                    bad.append(f"{os.path.join(d, f)}: {text}")
assert not bad, "\n".join(bad[:5])
PY
has "$T/s2/index.html" "Trang web được tạo từ phiên bản <code title=\"$(git -C "$R" rev-parse HEAD)\">$new</code>"
has "$T/s2/changes/index.html" "Trang web được tạo từ phiên bản <code"
# A commit that changes nothing a page shows: its id is in the overview,
# changes/ and build.json alone.
echo "Ghi chú nội bộ" > "$R/GHI-CHU.txt"
commit "$R" "2024-03-04T09:00:00+07:00" "Ghi chú"
run_ssg 0 build -C "$R" -o "$T/s3"
full=$(git -C "$R" rev-parse HEAD)
short=$(git -C "$R" rev-parse --short=7 HEAD)
got=$(cd "$T/s3" && grep -rl -e "$short" . | sort | tr '\n' ' ')
[ "$got" = "./build.json ./changes/index.html ./index.html " ] ||
	fail "the build's commit is in: $got"
python3 - "$T/s3/build.json" "$full" <<'PY' || fail "build.json"
import json, sys
b = json.load(open(sys.argv[1], encoding="utf-8"))
assert b == {"commit": sys.argv[2], "date": "2024-03-04T09:00:00+07:00",
             "tag": None, "period": "2024", "worktree": False,
             "version": b["version"]}, b
assert b["version"]
PY
# ... and every page but those three is the one the build before wrote.
(cd "$T/s3" && find . -type f -name '*.html' | sort) | while read -r f; do
	case "$f" in ./index.html|./changes/index.html) continue ;; esac
	cmp -s "$T/s2/$f" "$T/s3/$f" || fail "$f changed with a commit that shows nowhere"
done
echo ok
