# Every lesson as a slow reader takes it: 10 s before each step, never past
# a step's deadline, all lessons at once (they sleep, they do not compute).
# tests/run.sh starts this file before the others and reads it at the end.
# No expectation is loosened for it: the lessons are the catalogue's own.
. tests/kernel/lib.sh
: "${FINWAVE_PACE:=10}"
n=$(ls lessons/*.lesson | wc -l)
fw check -j "$n" --pace "$FINWAVE_PACE" >"$TMP/out" 2>&1
status=$?
sed 's/^/    /' "$TMP/out"
sed -E 's/^(ok|FAIL|skip)( +)([a-z0-9-]+)/\1\2paced-\3/' "$TMP/out" >"$TMP/named"
report_verdicts "$TMP/named"
expect_eq "check --pace $FINWAVE_PACE exits 0 when every lesson holds" 0 \
    "$status"
expect_eq "check --pace $FINWAVE_PACE judged every lesson" \
    "$n lessons: $n held, 0 failed" "$(tail -n 1 "$TMP/out")"
