#!/bin/sh
# Size limits of docs/conventions.md: no source file over 800 lines, no C
# function body over 80 lines.  Prints each offender; fails if there is any.
cd "$(dirname "$0")/.." || exit 1
fail=0
for f in $(git ls-files '*.c' '*.h' '*.S' '*.py'); do
	n=$(wc -l < "$f")
	if [ "$n" -gt 800 ]; then
		echo "limits: $f has $n lines (limit 800)"
		fail=1
	fi
done
for f in $(git ls-files '*.c'); do
	awk -v file="$f" '/^\{/ { start = NR; name = prev }
		/^\}/ { if (start && NR - start + 1 > 80) { print "limits: " file ": " name " has " NR - start + 1 " lines (limit 80)"; bad = 1 } start = 0 }
		{ prev = $0 } END { exit bad }' "$f" || fail=1
done
exit $fail
