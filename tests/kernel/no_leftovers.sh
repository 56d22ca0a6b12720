# However finwave ends (SIGINT, SIGTERM, SIGKILL), no endpoint process
# outlives it. Endpoints are forks of finwave, so they carry its name.
. tests/kernel/lib.sh
bin=$(readlink -f "$FINWAVE")
count() { pgrep -f -c "^$bin play" || true; }
alive() { [ "$(count)" -ge 3 ]; }
gone() { [ "$(count)" -eq 0 ]; }
for sig in INT TERM KILL; do
	"$bin" play close-wait-leak >/dev/null 2>&1 &
	pid=$!
	if ! wait_for 10 alive; then
		fail "SIG$sig: endpoints started" "found $(count) processes"
		kill -KILL "$pid" 2>/dev/null
		continue
	fi
	kill -"$sig" "$pid"
	wait "$pid" 2>/dev/null
	if wait_for 5 gone; then
		pass "SIG$sig mid-lesson leaves no endpoint process"
	else
		fail "SIG$sig mid-lesson leaves no endpoint process" \
		    "$(pgrep -f -a "^$bin play")"
	fi
done

# A forked endpoint asleep in a long command must notice finwave is gone.
"$bin" play tests/kernel/data/engine-fork-sleep.lesson >"$TMP/t" 2>&1 &
pid=$!
asleep() { grep -q 'server  call   fork()' "$TMP/t"; }
if wait_for 10 alive && wait_for 10 asleep; then
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null
	if wait_for 5 gone; then
		pass "SIGKILL while a forked endpoint sleeps leaves no process"
	else
		fail "SIGKILL while a forked endpoint sleeps leaves no process" \
		    "$(pgrep -f -a "^$bin play")"
	fi
else
	fail "forked endpoint started" "found $(count) processes"
	kill -KILL "$pid" 2>/dev/null
fi
