# A slow reader in the TUI, against the real kernel: server-closes-first,
# 10 s of reading before each step (the pace is the scenario, not a wait
# for something), each guess given, then the step's key. The lesson must
# end complete, every check held: the TIME_WAIT the restart needs lasts
# 60 s, and each step that needs it counts down to its end. It mostly
# sleeps, so tests/run.sh runs it alongside the others.
. tests/kernel/lib.sh
if ! command -v tmux >/dev/null 2>&1; then
	fail "tui slow reader" "tmux is not installed"
	exit 0
fi
export XDG_STATE_HOME="$TMP/state"
: "${FINWAVE_PACE:=10}"

# heading N: the narration's heading says step N of 6.
heading() { shows "Step $1 of 6"; }

tmux_start 80 24 server-closes-first
check "slow reader: the lesson opens" 10 heading 1
# read KEY GUESS STEP: read for the pace, guess (or not), run the step with
# KEY, and wait until the next step's heading (or the end) is shown.
read_step() {
	sleep "$FINWAVE_PACE"
	[ -n "$2" ] && tm send-keys -t fw "$2"
	tm send-keys -t fw "$1"
}
read_step s ""
check "slow reader: step 2 after $FINWAVE_PACE s on step 1" 20 heading 2
read_step c 1
check "slow reader: step 3 after reading step 2" 20 heading 3
check "slow reader: step 3 counts down to the end of the TIME_WAIT" 5 \
    shows "Run it within [0-9]+ s to see bind\(\) fail"
read_step r 2
check "slow reader: step 4 after reading step 3" 20 heading 4
read_step u 2
check "slow reader: step 5 after reading step 4" 20 heading 5
read_step n ""
check "slow reader: step 6 after reading step 5" 20 heading 6
read_step b 1
check "slow reader: the lesson is complete, every check held" 20 \
    shows "Lesson complete: all [0-9]+ checks held; 4 of 4 questions guessed right"
check "slow reader: no check was failed or not reached" 1 \
    grep -q "^server-closes-first completed=.* failed=0 not-reached=0 right=4 asked=4" \
    "$XDG_STATE_HOME/finwave/completed"
tmux_end
