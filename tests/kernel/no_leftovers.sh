# However finwave ends (SIGINT, SIGTERM, SIGKILL), no endpoint process
# outlives it. Endpoints are forks of finwave, so they carry its name.
. tests/kernel/lib.sh
bin=$(readlink -f "$FINWAVE")
count() { pgrep -f -c "^$bin play" || true; }
alive() { [ "$(count)" -ge 3 ]; }
gone() { [ "$(count)" -eq 0 ]; }
# kill_and_check NAME SIG PID: send SIG and expect every process gone.
kill_and_check() {
	kill -"$2" "$3"
	wait "$3" 2>/dev/null
	if wait_for 5 gone; then
		pass "$1"
	else
		fail "$1" "$(pgrep -f -a "^$bin play")"
	fi
}

for sig in INT TERM KILL; do
	"$bin" play close-wait-leak >/dev/null 2>&1 &
	pid=$!
	if wait_for 10 alive; then
		kill_and_check "SIG$sig mid-lesson leaves no endpoint process" \
		    "$sig" "$pid"
	else
		fail "SIG$sig: endpoints started" "found $(count) processes"
		kill -KILL "$pid" 2>/dev/null
	fi
done

# A forked endpoint asleep in a long command must notice finwave is gone.
"$bin" play tests/kernel/data/engine-fork-sleep.lesson >"$TMP/t" 2>&1 &
pid=$!
asleep() { grep -q 'server  call    fork()' "$TMP/t"; }
if wait_for 10 alive && wait_for 10 asleep; then
	kill_and_check "SIGKILL while a forked endpoint sleeps leaves no process" \
	    KILL "$pid"
else
	fail "forked endpoint started" "found $(count) processes"
	kill -KILL "$pid" 2>/dev/null
fi
