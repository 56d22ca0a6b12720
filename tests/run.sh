#!/bin/sh
# Run every test: the cmocka unit tests ($UNITS), then the real-kernel and
# command-line tests (tests/kernel/*.sh, each printing "PASS name" or
# "FAIL name: why" lines). The last line is "N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
: "${FINWAVE:=build/finwave}"
export FINWAVE
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for t in $UNITS; do
	"$t" >"$log" 2>&1
	status=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	p=${p:-0}
	f=${f:-0}
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	[ "$f" -ne 0 ] && cat "$log"
	echo "unit $(basename "$t"): $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
done

for t in tests/kernel/*.sh; do
	sh "$t" >"$log" 2>&1
	status=$?
	cat "$log"
	p=$(grep -c '^PASS ' "$log")
	f=$(grep -c '^FAIL ' "$log")
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $(basename "$t"): exited with status $status"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
