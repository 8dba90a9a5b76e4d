# Runs one bad-input case: tests/bad/case.sh CASEFILE.
#
# A case file (tests/bad/NN-name.sh) is sourced with lib.sh's helpers and
# sets:
#   bad REPO      a function that turns the good repository REPO (already
#                 committed and built into $OUT) into the bad one
#   status        the exit status wanted: 1 (content) or 2 (usage or
#                 environment); 0 for markup-injection cases, which must
#                 build and publish the markup as text
#   expect        the exact diagnostic line wanted on stderr (may be empty
#                 for status 0), in English (lib.sh sets LANG=C)
#   expect_vi     optionally, the same line under LANG=vi_VN.UTF-8: the
#                 case is run again there, with the same status wanted
#   base          "mini" (default) or "plan" (this repository's own plan)
#   args          ssg's arguments (default: build -C "$R" -o "$OUT")
#   as_nobody     "yes" to run ssg as uid/gid 65534 (tests run as root)
# Checks: exit status, the diagnostic line, time bound ($BAD_TIMEOUT s),
# that the previous OUT is byte-identical (failures) and that no output
# file (open-data CSV aside, which is data and no markup) holds raw markup
# from the bad input: the cases mark theirs with "pwn".
. "$(dirname "$0")/../e2e/lib.sh"
CASE=$1
R=$T/r
OUT=$T/public
D1="2024-03-01T09:00:00+07:00"
D2="2024-04-01T09:00:00+07:00"
base=mini
status=
expect=
expect_vi=
args=
as_nobody=no
. "$CASE"
[ -n "$status" ] || fail "$CASE sets no status"

# tree_sum DIR: every path, type, mode and content under DIR.
tree_sum() {
	(cd "$1" && find . -printf '%p %y %m %l\n' | LC_ALL=C sort &&
	 find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum)
}

if [ "$base" = plan ]; then plan_repo "$R"; else mini_repo "$R"; fi
"$SSG" build -C "$R" -o "$OUT" >/dev/null 2>"$T/good.err" ||
	{ cat "$T/good.err" >&2; fail "the good revision does not build"; }
before=$(tree_sum "$OUT")
bad "$R"
[ "$status" = 0 ] || [ -n "$expect" ] || fail "$CASE sets no expect"
[ -n "$args" ] || args="build -C $R -o $OUT"

run=""
if [ "$as_nobody" = yes ]; then
	# The binary may sit where nobody cannot reach it (a clone under
	# /root): run a copy from $T.
	chmod 755 "$T"
	cp "$SSG" "$T/ssg"
	chmod 755 "$T/ssg"
	SSG=$T/ssg
	run="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
start=$(date +%s)
set +e
# shellcheck disable=SC2086
timeout -k 5 "${BAD_TIMEOUT:-60}" $run "$SSG" $args >"$T/stdout" 2>"$T/err"
got=$?
set -e
took=$(($(date +%s) - start))
sed 's/^/  ssg: /' "$T/err" | head -n 20
[ "$got" != 124 ] && [ "$got" != 137 ] || fail "ssg did not finish in ${BAD_TIMEOUT:-60} s"
[ "$got" = "$status" ] || fail "exit status $got, wanted $status"
if [ -n "$expect" ]; then
	grep -qxF -- "$expect" "$T/err" || fail "stderr lacks the line: $expect"
fi
# Every line is a diagnostic in one of the two forms, nothing else.
if grep -vE '^(ssg: (error|warning): |[^ :]+(:[0-9]+:[0-9]+)?: (error|warning): )' "$T/err" >"$T/odd"; then
	cat "$T/odd" >&2
	fail "stderr has lines that are no diagnostics"
fi
if [ -n "$expect_vi" ]; then
	set +e
	# shellcheck disable=SC2086
	LANG=vi_VN.UTF-8 timeout -k 5 "${BAD_TIMEOUT:-60}" $run "$SSG" $args >/dev/null 2>"$T/err.vi"
	got=$?
	set -e
	sed 's/^/  ssg (vi): /' "$T/err.vi" | head -n 5
	[ "$got" = "$status" ] || fail "exit status $got under LANG=vi_VN.UTF-8, wanted $status"
	grep -qxF -- "$expect_vi" "$T/err.vi" || fail "stderr under LANG=vi_VN.UTF-8 lacks the line: $expect_vi"
	! grep -vE '^(ssg: (error|warning): |[^ :]+(:[0-9]+:[0-9]+)?: (error|warning): )' "$T/err.vi" ||
		fail "stderr under LANG=vi_VN.UTF-8 has lines that are no diagnostics"
fi
if [ "$status" != 0 ]; then
	[ "$(tree_sum "$OUT")" = "$before" ] || fail "the previous site changed"
fi
ls -a "$(dirname "$OUT")" | grep -q 'ssg-\(new\|old\)' &&
	fail "a temporary tree was left beside OUT"
# No raw markup from the bad input anywhere in the site.
# Tags anywhere (JSON escapes < and >); event handlers and script URLs in
# the files a browser reads as markup.
tags='<(script|x-pwn|iframe|svg[^>]*pwn)|<img src=x'
# (The layout's empty favicon, href="data:,", carries nothing.)
attrs='[[:space:]]on[a-z]+=("|'"'"')?pwn|(href|src)=("|'"'"')?[[:space:]]*((javascript|vbscript):|data:[^,])'
# The theme's own search script is the one <script> a page may hold; it
# stands alone on its line.
{ grep -rnE -i --exclude='*.csv' "$tags" "$OUT" |
	grep -vE ':[0-9]+:<script src="(\.\./)*static/search\.js" defer></script>$' |
	cut -d: -f1 | sort -u
  grep -rlE -i --include='*.html' --include='*.xml' --include='*.svg' "$attrs" "$OUT"; } >"$T/leak" || :
if [ -s "$T/leak" ]; then
	cat "$T/leak" >&2
	fail "raw markup published"
fi
echo "ok (${took}s)"
