# Engine edge cases found in review, against the real kernel: fork, kill of
# a forked endpoint, a reused four-tuple, a burst of 200 connections, and
# SIGPIPE. Each lesson in tests/kernel/data judges itself; the transcript
# checks below catch what an expectation cannot see.
. tests/kernel/lib.sh
data=tests/kernel/data
"$FINWAVE" check $data/engine-fork.lesson $data/engine-reuse.lesson \
    $data/engine-burst.lesson $data/engine-sigpipe.lesson >"$TMP/out" 2>&1
sed 's/^/    /' "$TMP/out"
report_verdicts "$TMP/out"

# The client's send must wait for the worker's 300 ms sleep to end.
"$FINWAVE" play $data/engine-fork.lesson >"$TMP/fork" 2>&1
gap=$(awk '$3 == "step" && $4 == "worker-then-client" { t = $1 }
    $2 == "client" && $3 == "call" && $4 ~ /^send/ { printf "%d", ($1 - t) * 1000; exit }' \
    "$TMP/fork")
if [ "${gap:-0}" -ge 290 ]; then
	pass "an action waits for a forked endpoint's previous command"
else
	fail "an action waits for a forked endpoint's previous command" \
	    "client sent ${gap:-?} ms after the step began"
fi
worker=$(awk '$2 == "server" && $4 == "fork()" { print $6 }' "$TMP/fork")
grep -q "lab     call    kill($worker worker, SIGKILL) = 0" "$TMP/fork"
expect_eq "kill hits the forked process, by the pid fork() returned" 0 "$?"

# The second connection on the same four-tuple starts again at seq 0.
"$FINWAVE" play $data/engine-reuse.lesson >"$TMP/reuse" 2>&1
n=$(grep -c 'client>server S seq=0 ack=0 len=0 win=[0-9]*.* conn=2$' "$TMP/reuse")
expect_eq "a reused four-tuple is a new connection (conn=2, seq 0)" 1 "$n"
