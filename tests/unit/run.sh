#!/bin/sh
# Runs every host unit-test binary given and prints the summed
# "N passed, N failed" line; exits non-zero if any test failed.
pass=0
fail=0
for t in "$@"; do
	out=$("$t" 2>&1)
	rc=$?
	last=$(printf '%s\n' "$out" | tail -n 1)
	p=$(printf '%s\n' "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(printf '%s\n' "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	if [ -z "$p" ] || [ $rc -ne 0 ]; then
		printf '%s\n' "$out"
		echo "unit: $(basename "$t") FAILED (exit $rc)"
		[ -z "$f" ] || [ "$f" = 0 ] && f=1
	else
		echo "unit: $(basename "$t"): $last"
	fi
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${f:-0}))
done
echo "unit: $pass passed, $fail failed"
[ $fail -eq 0 ]
