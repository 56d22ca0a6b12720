#!/bin/sh
# Run every test: the cmocka unit tests ($UNITS), then the shell tests of
# tests/layers/, tests/kernel/, tests/fuzz/ and tests/pkg/ (each prints "PASS name", "FAIL name: why"
# or "SKIP name: why" lines). The shell tests of tests/background/ mostly
# sleep (a slow reader's pace): they start first, run alongside the rest,
# and are read at the end. Each file ends with its counts and the time it
# took; the last line is "N passed, N failed", with ", N skipped" when a
# test could not run here.
cd "$(dirname "$0")/.." || exit 1
: "${FINWAVE:=build/finwave}"
export FINWAVE
passed=0
failed=0
skipped=0
log=$(mktemp)
bg=$(mktemp -d)
home=$(mktemp -d)
# Another user a test runs finwave as (nobody) finds no config there either,
# rather than a folder it may not look into: the config and data folders
# are made open to read now, before a test's tool (chromium) makes them
# its owner's alone.
chmod 755 "$home"
mkdir -m 755 "$home/config" "$home/data"
trap 'rm -rf "$log" "$bg" "$home"' EXIT
# The tests see only what they set up: no config, no teacher's lessons and
# no installed lessons of this machine's user or system (a test that wants
# them sets these again).
export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
    XDG_STATE_HOME="$home/state" XDG_DATA_DIRS="$home/datadirs"

# now: seconds since the epoch, to the millisecond.
now() { date +%s.%3N; }
# took SINCE: seconds since SINCE, one decimal.
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# tally NAME P F S SINCE: print a file's line and add it up.
tally() {
	extra=""
	[ "$4" -ne 0 ] && extra=", $4 skipped"
	echo "$1: $2 passed, $3 failed$extra ($(took "$5") s)"
	passed=$((passed + $2))
	failed=$((failed + $3))
	skipped=$((skipped + $4))
}

# shell_test FILE LOG STATUS SINCE: count a shell test's lines.
shell_test() {
	cat "$2"
	p=$(grep -c '^PASS ' "$2")
	f=$(grep -c '^FAIL ' "$2")
	s=$(grep -c '^SKIP ' "$2")
	if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $(basename "$1"): exited with status $3"
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ]; then
		echo "FAIL $(basename "$1"): reported nothing"
		f=1
	fi
	tally "$1" "$p" "$f" "$s" "$4"
}

bg_began=$(now)
for t in tests/background/*.sh; do
	name=$(basename "$t" .sh)
	(sh "$t" >"$bg/$name.log" 2>&1; echo $? >"$bg/$name.status") &
done

for t in $UNITS; do
	began=$(now)
	"$t" >"$log" 2>&1
	status=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	p=${p:-0}
	f=${f:-0}
	s=${s:-0}
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	[ "$f" -ne 0 ] && cat "$log"
	grep '^\[  SKIPPED \] [a-z]' "$log" | sed 's/^\[  SKIPPED \] /SKIP /'
	tally "unit $(basename "$t")" "$p" "$f" "$s" "$began"
done

for t in tests/layers/*.sh tests/kernel/*.sh tests/fuzz/*.sh tests/pkg/*.sh; do
	[ "$(basename "$t")" = lib.sh ] && continue
	began=$(now)
	sh "$t" >"$log" 2>&1
	shell_test "$t" "$log" $? "$began"
done

wait
for t in tests/background/*.sh; do
	name=$(basename "$t" .sh)
	shell_test "$t" "$bg/$name.log" "$(cat "$bg/$name.status")" "$bg_began"
done

if [ "$skipped" -ne 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
