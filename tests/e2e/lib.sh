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
