# Deadlines against the real kernel (tests/kernel/data/engine-deadline.lesson:
# step 2 needs the client's orphaned FIN_WAIT_2). A paced reader who heeds
# the countdown holds; a step begun after the state ended is "not reached",
# saying which state ended and when, and never counts as failed.
. tests/kernel/lib.sh
lesson=tests/kernel/data/engine-deadline.lesson

fw check --pace 10 "$lesson" >"$TMP/paced" 2>&1
status=$?
sed 's/^/    /' "$TMP/paced"
expect_eq "a paced check that heeds the deadline holds" 0 "$status"
grep -q '^ok    engine-deadline .*paced 10.0 s, 1 wait cut short by a deadline$' \
    "$TMP/paced"
expect_eq "the deadline cut the 10 s wait before step 2 short" 0 "$?"

# tcp_fin_timeout 1 and a wait in the step: the orphan is always gone (or
# within the deadline's margin of its end) before the server's FIN.
sed 's/tcp_fin_timeout 4/tcp_fin_timeout 1/; s/armed 3\.\.4/armed 0..1/;
    s/do lab wait 0/do lab wait 1500/' "$lesson" >"$TMP/engine-deadline.lesson"
fw check "$TMP/engine-deadline.lesson" >"$TMP/late" 2>&1
status=$?
sed 's/^/    /' "$TMP/late"
expect_eq "a lesson with checks not reached is not a pass" 1 "$status"
grep -q '^FAIL  engine-deadline .*0 of 4 checks failed, 2 not reached' \
    "$TMP/late"
expect_eq "the checks are not reached, none failed" 0 "$?"
grep -q "expected client state TIME_WAIT; not reached: client's FIN_WAIT_2 was due to end at [0-9.]* s, under 1 s after the step began at [0-9.]* s; observed: CLOSED (src=kernel)" \
    "$TMP/late"
expect_eq "a check not reached says which state ended and when" 0 "$?"
grep -q "expected no seg client>server R; not reached: .*; observed: segments sent: R" \
    "$TMP/late"
expect_eq "the kernel's RST is still what was observed" 0 "$?"
fw play "$TMP/engine-deadline.lesson" >"$TMP/transcript" 2>/dev/null
expect_eq "the transcript marks them not-reached" 2 \
    "$(grep -c '  check   check   not-reached ' "$TMP/transcript")"
