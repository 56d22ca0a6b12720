#!/bin/sh
# catalogue.sh: how long `finwave check` takes for the whole catalogue
# (the target is under two minutes on a 2-core machine), and the slowest
# lesson, from the times check prints per lesson. One run: the figure is a
# wall time, not a distribution.
cd "$(dirname "$0")/../.." || exit 1
: "${FINWAVE:=build/finwave}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

start=$(date +%s.%N)
"$FINWAVE" check >"$TMP/out" 2>&1
status=$?
end=$(date +%s.%N)
if [ "$status" -ne 0 ]; then
	cat "$TMP/out" >&2
	exit 1
fi
awk -v start="$start" -v end="$end" -v n="$(grep -c '^ok' "$TMP/out")" '
	/^ok/ { t = $(NF - 1); if (t > max) { max = t; slow = $2 } ; sum += t }
	END {
		wall = end - start
		printf "%-45s%-19s%-16s%s\n", "check, all " n " lessons: wall time", \
		    sprintf("%.1f s", wall), "", \
		    sprintf("(target < 120 s)%s", wall >= 120 ? " MISSED" : "")
		printf "%-45s%-19s\n", "check: sum of the lessons run times", \
		    sprintf("%.1f s", sum)
		printf "%-45s%-19s%-16s%s\n", "check: slowest lesson", \
		    sprintf("%.1f s", max), "", slow
	}' "$TMP/out"
