# Shared helpers for the end-to-end tests.  Each test makes a small git
# repository with fixed author and committer dates, so commit ids are the
# same on every machine, runs $SSG on it and checks the pages.
set -eu
: "${SSG:?set SSG to the ssg binary}"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/ssg-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
export GIT_AUTHOR_NAME="Phòng Văn hóa" GIT_AUTHOR_EMAIL="pvh@bacson.example"
export GIT_COMMITTER_NAME="Phòng Văn hóa" GIT_COMMITTER_EMAIL="pvh@bacson.example"
export GIT_CONFIG_NOSYSTEM=1 HOME="$T"
# ssg speaks English here whatever the environment of the run says (its
# messages follow the locale): a test that wants Vietnamese asks for it.
unset LC_ALL LC_MESSAGES LANGUAGE
export LANG=C
git config --global init.defaultBranch main
git config --global user.name "Phòng Văn hóa"
git config --global user.email "pvh@bacson.example"

fail() { echo "FAIL: $*" >&2; exit 1; }

# commit REPO DATE MESSAGE: commits everything at a fixed date.
commit() {
	(cd "$1" && git add -A &&
	 GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" git commit -qm "$3")
}

# new_repo DIR: an empty repository.
new_repo() { git init -q "$1"; }

# year_index REPO YEAR [NUMBER]: REPO/content/_index.md of that year's
# plan (the period is its year), with the two report deadlines of the
# year and, when given, the plan's number.
year_index() {
	{
		printf -- '---\ntitle: "Kế hoạch năm %s"\nyear: "%s"\n' "$2" "$2"
		[ -z "${3:-}" ] || printf 'number: "%s"\n' "$3"
		printf 'reports: [{name: "Báo cáo 6 tháng", due: "15/06/%s"}, {name: "Báo cáo năm", due: "15/11/%s"}]\n---\nKế hoạch năm %s.\n' "$2" "$2" "$2"
	} > "$1/content/_index.md"
}

# plan_repo DIR: this project's own plan (content/, data/) in a fresh
# repository, committed on 01/03/2024.
plan_repo() {
	new_repo "$1"
	cp -r "$ROOT/content" "$ROOT/data" "$1/"
	commit "$1" "2024-03-01T09:00:00+07:00" "Đăng kế hoạch năm 2024"
}

# mini_repo DIR: the smallest valid site.
mini_repo() {
	new_repo "$1"
	mkdir -p "$1/content" "$1/data"
	cat > "$1/content/_index.md" <<'MD'
---
title: "Kế hoạch thử"
year: "2024"
reports: [{name: "Báo cáo 6 tháng", due: "15/06/2024"}]
---
Giới thiệu.
MD
	cat > "$1/content/01-muc-tieu.md" <<'MD'
---
title: "Mục tiêu"
weight: 1
---
Kết quả chỉ tiêu 2 là {{value indicators 2 result}}.

{{table indicators}}
MD
	printf 'id,name,unit,baseline,target,result,as_of\n1,Tỷ lệ gia đình văn hóa,%%,"87,29",90,,\n2,Tỷ lệ thôn văn hóa,%%,"72,2","77,7","75,5",30/06/2024\n' > "$1/data/indicators.csv"
	commit "$1" "2024-03-01T09:00:00+07:00" "Kế hoạch"
}

# has FILE TEXT: FILE contains TEXT (fixed string).
has() { grep -qF -- "$2" "$1" || fail "$1 lacks: $2"; }
hasnt() { ! grep -qF -- "$2" "$1" || fail "$1 must not contain: $2"; }

# links_resolve SITE DIR: every relative link (href) of every page and
# feed under SITE/DIR, and every address of its search indexes, leads
# to a file of SITE (a directory: to its index.html), as from file://.
links_resolve() {
	python3 - "$1" "$2" <<'PY'
import json, os, re, sys
site, sub = sys.argv[1], sys.argv[2]
bad, n = [], 0
def ok(t):
    t = os.path.normpath(t)
    return os.path.isfile(t) or os.path.isfile(os.path.join(t, "index.html"))
for d, _, files in os.walk(os.path.join(site, sub)):
    for f in files:
        p = os.path.join(d, f)
        if f.endswith((".html", ".xml")):
            for href in re.findall(r'href="([^"#?]*)', open(p, encoding="utf-8").read()):
                if "://" in href or href.startswith(("mailto:", "data:")) or href == "":
                    continue
                n += 1
                if not ok(os.path.join(d, href)):
                    bad.append((p, href))
        elif f == "index.js" and os.path.basename(d) == "search":
            # addresses from the site's root, the directory above
            # A revision copy's says where the main site's is first; an
            # entry it leaves to that one is the address alone.
            js = open(p, encoding="utf-8").read()
            base = re.match(r'window\.ssgSearchBase = ("[^"]*");\n', js)
            if base:
                js = js[base.end():]
                main = os.path.join(os.path.dirname(d), json.loads(base.group(1)), "search", "index.js")
                assert os.path.isfile(os.path.normpath(main)), main
            head = "window.ssgSearchIndex = "
            assert js.startswith(head) and js.endswith(";\n"), p
            for e in json.loads(js[len(head):-2]):  # {u: address, t, k, f} or address
                u = e if isinstance(e, str) else e["u"]
                assert base or not isinstance(e, str), (p, e)
                n += 1
                if not ok(os.path.join(os.path.dirname(d), u.split("#")[0])):
                    bad.append((p, u))
assert n, "no links under " + sub
assert not bad, "%d links lead nowhere: %r" % (len(bad), bad[:5])
PY
}

# run_ssg EXPECTED_STATUS ARGS...: runs ssg, keeps stderr in $T/err.
run_ssg() {
	want=$1
	shift
	set +e
	"$SSG" "$@" >"$T/out" 2>"$T/err"
	got=$?
	set -e
	[ "$got" = "$want" ] || { cat "$T/err" >&2; fail "ssg $* exited $got, wanted $want"; }
}

# build_stats SSG REPO OUT [ARGS...]: a build with --stats (kept in
# $T/stats); $kept, $rendered and $written are then its count of pages,
# and a failure names $step.
build_stats() {
	_bin=$1 _repo=$2 _out=$3
	shift 3
	"$_bin" build -C "$_repo" -o "$_out" "$@" --stats 2>"$T/stats" ||
		fail "${step:-}: build failed: $(cat "$T/stats")"
	set -- $(sed -n 's/^pages: \([0-9]*\) kept from an earlier build, \([0-9]*\) rendered; \([0-9]*\) files written$/\1 \2 \3/p' "$T/stats")
	[ $# = 3 ] || fail "${step:-}: no count of pages in --stats: $(cat "$T/stats")"
	kept=$1 rendered=$2 written=$3
}

# same_as_cold [ARGS...]: $T/out, built from $R, holds the bytes of a
# cold build of $R (with ARGS) into $T/cold; a failure names $step.
same_as_cold() {
	rm -rf "$T/cold" "$T/.cold.ssg-prev"
	"$SSG" build -C "$R" -o "$T/cold" "$@" 2>/dev/null
	diff -r "$T/cold" "$T/out" >"$T/diff" ||
		fail "${step:-}: not the bytes of a cold build: $(head -5 "$T/diff")"
}

# revs_ok REPO REV...: each REV builds, checks and walks with status 0;
# $n is then how many.
revs_ok() {
	r=$1
	shift
	n=0
	for rev in "$@"; do
		n=$((n + 1))
		run_ssg 0 build -C "$r" --rev "$rev" -o "$T/o$n"
		run_ssg 0 check -C "$r" --rev "$rev"
		run_ssg 0 history -C "$r" --rev "$rev" --json
	done
}
