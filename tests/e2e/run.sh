#!/bin/sh
# Runs every test t_*.sh of a directory (this one, or the one named:
# tests/faults) against $SSG; each test builds its own small repository
# with fixed dates in a temporary folder.
set -u
here=$(cd "${1:-$(dirname "$0")}" && pwd)
suite=$(basename "$here")
pass=0
fail=0
for t in "$here"/t_*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	if sh "$t" >"${TMPDIR:-/tmp}/ssg-$suite-$name.log" 2>&1; then
		pass=$((pass + 1))
	else
		echo "FAILED: $name"
		sed 's/^/  | /' "${TMPDIR:-/tmp}/ssg-$suite-$name.log" | tail -n 30
		fail=$((fail + 1))
	fi
done
echo "$suite: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
