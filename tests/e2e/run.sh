#!/bin/sh
# Runs every end-to-end test (tests/e2e/t_*.sh) against $SSG; each test
# builds its own small repository with fixed dates in a temporary folder.
set -u
here=$(cd "$(dirname "$0")" && pwd)
pass=0
fail=0
for t in "$here"/t_*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	if sh "$t" >"${TMPDIR:-/tmp}/ssg-e2e-$name.log" 2>&1; then
		pass=$((pass + 1))
	else
		echo "FAILED: $name"
		sed 's/^/  | /' "${TMPDIR:-/tmp}/ssg-e2e-$name.log" | tail -n 30
		fail=$((fail + 1))
	fi
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
