#!/bin/sh
# However the interactive view ends, the terminal comes back and no process
# of the lab is left: Ctrl-\ (SIGQUIT) quits like Ctrl-C, and a crash
# (SIGSEGV, SIGBUS, SIGABRT) restores the terminal and kills the lab before
# the signal takes its course.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	fail "tui signals" "tmux is not installed"
	exit 0
fi
export XDG_STATE_HOME="$TMP/state"
lab_up() { shows "ESTABLISHED" && [ "$(marked_count)" -ge 3 ]; }

tmux_start 80 24 four-way-close
check "Ctrl-\\: the lab is up" 10 lab_up
tm send-keys -t fw 'C-\'
check "Ctrl-\\ quits with status 0" 5 exited_with 0
check "Ctrl-\\ gives the terminal back" 5 terminal_restored
check "Ctrl-\\ leaves no process" 5 none_marked
tmux_end

for sig in SEGV:11 BUS:7 ABRT:6; do
	status=$((128 + ${sig#*:}))
	sig=${sig%:*}
	tmux_start 80 24 four-way-close
	check "SIG$sig: the lab is up" 10 lab_up
	kill -"$sig" "$(cat "$TMP/pid")"
	# Under make asan, our handler hands a SIGSEGV or SIGBUS on to the
	# sanitizer's, which reports it and exits 1.
	if [ -n "${FINWAVE_SANITIZED:-}" ] && [ "$sig" != ABRT ]; then
		check "SIG$sig ends finwave through the sanitizer's report" 5 \
		    exited_with 1
		check "SIG$sig: the sanitizer reported it" 5 \
		    grep -q "AddressSanitizer: SEGV\|AddressSanitizer: BUS\|Sanitizer:DEADLYSIGNAL" \
		    "$TMP/stderr"
	else
		check "SIG$sig ends finwave with its signal (status $status)" 5 \
		    exited_with "$status"
	fi
	check "SIG$sig gives the terminal back" 5 terminal_restored
	check "SIG$sig leaves no process of the lab" 5 none_marked
	tmux_end
done

# A terminal that cannot place the cursor is refused with what is needed.
FW_ENV="TERM=dumb" tmux_start 80 24 four-way-close
check "TERM=dumb exits 1" 5 exited_with 1
grep -q "the terminal 'dumb' cannot move the cursor, and the interactive view needs one that can" \
    "$TMP/stderr"
expect_eq "TERM=dumb says what the view needs" 0 "$?"
check "TERM=dumb leaves no process" 5 none_marked
tmux_end
