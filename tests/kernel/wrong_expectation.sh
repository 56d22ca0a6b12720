# A lesson that expects what the kernel does not do must fail, naming the
# lesson, the step, what it expected and what the kernel did instead.
. tests/kernel/lib.sh
sed 's/expect client state TIME_WAIT armed 50..60/expect client state CLOSED/' \
    lessons/four-way-close.lesson >"$TMP/four-way-close.lesson"
"$FINWAVE" check "$TMP/four-way-close.lesson" >"$TMP/out" 2>&1
expect_eq "check exits 1" 1 "$?"
sed 's/^/    /' "$TMP/out"
grep -q '^FAIL  four-way-close' "$TMP/out"
expect_eq "the verdict names the lesson" 0 "$?"
grep -q 'step server-closes: expected client state CLOSED; observed: TIME_WAIT (src=kernel' "$TMP/out"
expect_eq "the failure names step, expectation and observation" 0 "$?"
