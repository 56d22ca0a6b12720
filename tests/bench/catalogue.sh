#!/bin/sh
# catalogue.sh: how long `finwave check` takes.
#
# - The whole catalogue at -j 2, with the settle rule (a step is judged as
#   soon as nothing more can happen without a timer or a key) and with the
#   old rule (--settle quiet: 300 ms of quiet), on the same build, one after
#   the other: the old rule is the floor (target: new / old <= 0.5).
# - tests/bench/lessons/conns-20000.lesson, 20,000 connections (target:
#   <= 10 s), beside conns-1000, the same with 1,000: linear cost would
#   take 20 times as long (the ratio shows how far from linear it is).
#
# Each is one run: the figures are wall times, not distributions.
cd "$(dirname "$0")/../.." || exit 1
: "${FINWAVE:=build/finwave}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# timed OUT ARGS...: run finwave ARGS, output in OUT; print the wall time
# in seconds; fail (with its output) unless every lesson held.
timed() {
	out=$1
	shift
	start=$(date +%s.%N)
	"$FINWAVE" "$@" >"$out" 2>&1
	status=$?
	end=$(date +%s.%N)
	if [ "$status" -ne 0 ]; then
		cat "$out" >&2
		echo "catalogue.sh: finwave $* exited with status $status" >&2
		return 1
	fi
	awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", b - a }'
}

# row LABEL VALUE NOTE
row() { printf '%-45s%-19s%-16s%s\n' "$1" "$2" "" "$3"; }

new=$(timed "$TMP/new" check -j 2) || exit 1
old=$(timed "$TMP/old" check -j 2 --settle quiet) || exit 1
n=$(grep -c '^ok' "$TMP/new")
ratio=$(awk -v a="$new" -v b="$old" 'BEGIN { printf "%.2f", a / b }')
row "check -j 2, all $n lessons: wall" "$new s" \
    "ratio $ratio to the old settle rule, $old s (target <= 0.5)$(
    awk -v r="$ratio" 'BEGIN { if (r > 0.5) printf " MISSED" }')"
awk '/^ok/ { t = $(NF - 1); if (t > max) { max = t; slow = $2 }; sum += t }
    END { printf "%-45s%-19s%-16s%s\n", "  sum of the lessons, slowest", \
    sprintf("%.1f s", sum), "", sprintf("%s, %.1f s", slow, max) }' \
    "$TMP/new"

big=$(timed "$TMP/big" check tests/bench/lessons/conns-20000.lesson) || exit 1
small=$(timed "$TMP/small" check tests/bench/lessons/conns-1000.lesson) ||
    exit 1
ratio=$(awk -v a="$big" -v b="$small" 'BEGIN { printf "%.2f", a / (20 * b) }')
row "check conns-20000 (20,000 connections): wall" "$big s" \
    "(target <= 10 s)$(awk -v t="$big" 'BEGIN { if (t > 10) printf " MISSED" }')"
row "  against 20 x conns-1000 ($small s)" "ratio $ratio" \
    "(1.00: linear; a lab's setup counts 20 times in the floor)"
