#!/bin/sh
# Runs every bad-input case (tests/bad/NN-*.sh) against $SSG; see case.sh
# for what each must do.  BAD_ONLY=PATTERN runs the matching cases only.
set -u
here=$(cd "$(dirname "$0")" && pwd)
pass=0
fail=0
log=${TMPDIR:-/tmp}/ssg-bad.$$
for c in "$here"/[0-9]*.sh; do
	[ -e "$c" ] || continue
	name=$(basename "$c" .sh)
	case "$name" in *${BAD_ONLY:-}*) ;; *) continue ;; esac
	if sh "$here/case.sh" "$c" >"$log" 2>&1; then
		pass=$((pass + 1))
		[ -z "${BAD_VERBOSE:-}" ] || { echo "ok: $name"; sed 's/^/  | /' "$log"; }
	else
		echo "FAILED: $name"
		sed 's/^/  | /' "$log" | tail -n 30
		fail=$((fail + 1))
	fi
done
rm -f "$log"
echo "bad: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
