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
