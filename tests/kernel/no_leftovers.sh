# However finwave ends (SIGINT, SIGTERM, SIGQUIT, SIGKILL), no endpoint
# process outlives it. The test's processes are found by their mark.
. tests/kernel/lib.sh
alive() { [ "$(marked_count)" -ge 3 ]; }
# kill_and_check NAME SIG PID: send SIG and expect every process gone.
kill_and_check() {
	kill -"$2" "$3"
	wait "$3" 2>/dev/null
	if wait_for 5 none_marked; then
		pass "$1"
	else
		fail "$1" "left: $(marked_pids | tr '\n' ' ')"
		kill_marked
	fi
}

for sig in INT TERM QUIT KILL; do
	env "$MARKENV" "$FINWAVE" play close-wait-leak >/dev/null 2>&1 &
	pid=$!
	if wait_for 10 alive; then
		kill_and_check "SIG$sig mid-lesson leaves no endpoint process" \
		    "$sig" "$pid"
	else
		fail "SIG$sig: endpoints started" "found $(marked_count) processes"
		kill -KILL "$pid" 2>/dev/null
	fi
done

# A forked endpoint asleep in a long command must notice finwave is gone.
env "$MARKENV" "$FINWAVE" play tests/kernel/data/engine-fork-sleep.lesson \
    >"$TMP/t" 2>&1 &
pid=$!
asleep() { grep -q 'server  call    fork()' "$TMP/t"; }
if wait_for 10 alive && wait_for 10 asleep; then
	kill_and_check "SIGKILL while a forked endpoint sleeps leaves no process" \
	    KILL "$pid"
else
	fail "forked endpoint started" "found $(marked_count) processes"
	kill -KILL "$pid" 2>/dev/null
fi

# A forked endpoint blocked in a lingering close() (SO_LINGER 100 s, on
# data its peer, a socket of its own that never reads, cannot take) is gone
# within a second of finwave's end: SIGKILL of `play`, SIGTERM of `check`.
case $(uname -m) in
aarch64) close_nr=57 ;;
*) close_nr=3 ;;
esac
in_close() {
	for p in $(marked_pids); do
		[ "$(cut -d' ' -f1 "/proc/$p/syscall" 2>/dev/null)" = "$close_nr" ] &&
		    return 0
	done
	return 1
}
for how in "play KILL" "check TERM"; do
	env "$MARKENV" "$FINWAVE" ${how% *} \
	    tests/kernel/data/engine-linger-fork.lesson >"$TMP/t" 2>&1 &
	pid=$!
	if wait_for 10 in_close; then
		kill -"${how#* }" "$pid"
		if wait_for 1 none_marked; then
			pass "SIG${how#* } of ${how% *} ends a forked endpoint in a lingering close() within 1 s"
		else
			fail "SIG${how#* } of ${how% *} ends a forked endpoint in a lingering close() within 1 s" \
			    "left: $(marked_pids | tr '\n' ' ')"
			kill_marked
		fi
	else
		fail "${how% *}: a forked endpoint lingers in close()" \
		    "$(tail -n 3 "$TMP/t")"
		kill -KILL "$pid" 2>/dev/null
	fi
	wait "$pid" 2>/dev/null || true	# its status is the signal's
done
