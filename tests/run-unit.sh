#!/bin/sh
# Runs each unit test binary; prints one summary line in the plain
# "N passed, N failed" form that CI reads.
pass=0
fail=0
for t in "$@"; do
	if "$t"; then
		pass=$((pass + 1))
	else
		echo "FAILED: $t"
		fail=$((fail + 1))
	fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
