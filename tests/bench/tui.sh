#!/bin/sh
# tui.sh: what the lesson view costs. finwave runs four-way-close in a
# private tmux server at 80x24 until the client sits in TIME_WAIT with its
# countdown running; then, over 20 s of idle, the main process's CPU time
# (/proc/PID/stat), its context switches (/proc/PID/status: each wake-up
# of the loop is one, and so can be a write to the terminal) and
# the bytes it wrote (wchar, /proc/PID/io: its only write() calls are to
# the terminal; commands to endpoints go through sendmsg, which wchar does
# not count). Then the same while arrows animate (a restart at 0.25x).
cd "$(dirname "$0")/../.." || exit 1
: "${FINWAVE:=build/finwave}"
: "${IDLE_SECONDS:=20}"
FW=$(pwd)/$FINWAVE
TMP=$(mktemp -d)
SOCK="finwave-bench-$$"
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$TMP"' EXIT

# wait_screen SECONDS REGEX: poll the screen until it shows REGEX.
wait_screen() {
	i=0
	while [ "$i" -lt $(($1 * 20)) ]; do
		tm capture-pane -p -t b | grep -Eq -- "$2" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "tui bench: '$2' not shown in $1 s" >&2
	tm capture-pane -p -t b >&2
	exit 1
}

# sample PID: "CPU_TICKS SWITCHES WCHAR" now.
sample() {
	cpu=$(awk '{ print $14 + $15 }' "/proc/$1/stat")
	sw=$(awk '/^(non)?voluntary_ctxt_switches/ { s += $2 } END { print s }' \
	    "/proc/$1/status")
	wc=$(awk '/^wchar/ { print $2 }' "/proc/$1/io")
	echo "$cpu $sw $wc"
}

# report LABEL SECONDS BEFORE AFTER [TARGET_PERCENT]
report() {
	echo "$3 $4" | awk -v label="$1" -v secs="$2" -v hz="$(getconf CLK_TCK)" \
	    -v target="${5:-}" '{
		cpu = ($4 - $1) / hz / secs * 100
		printf "%-45s%-19s%-16s%s\n", label ": CPU", \
		    sprintf("%.2f%% of a core", cpu), "", \
		    target == "" ? "" : sprintf("(target < %s%%)%s", target, \
		    cpu >= target ? " MISSED" : "")
		printf "%-45s%-19s\n", label ": ctx switches", \
		    sprintf("%.1f /s", ($5 - $2) / secs)
		printf "%-45s%-19s\n", label ": bytes written", \
		    sprintf("%.0f B/s", ($6 - $3) / secs)
	}'
}

XDG_STATE_HOME="$TMP/state" export XDG_STATE_HOME
tm new-session -d -s b -x 80 -y 24 \
    "sh -c 'echo \$\$ >$TMP/pid; LANG=C.UTF-8 TERM=xterm exec $FW four-way-close'; sleep 60"
wait_screen 10 "ESTABLISHED +│\$"
# Each step once the one before has been shown: a key typed ahead stops at
# the next question.
tm send-keys -t b c
wait_screen 10 "Step 2 of 3"
tm send-keys -t b r
wait_screen 10 "Step 3 of 3"
tm send-keys -t b s
wait_screen 15 "Lesson complete"
wait_screen 5 "TIME_WAIT( 60 s)?: [0-9]+ s left"
pid=$(cat "$TMP/pid")	# this bench's own finwave, never another one
before=$(sample "$pid")
sleep "$IDLE_SECONDS"
after=$(sample "$pid")
report "TUI idle, countdown (${IDLE_SECONDS} s)" \
    "$IDLE_SECONDS" "$before" "$after" 0.5

# Animating: restart at a quarter of the speed; the handshake's three
# arrows then take 7.2 s to cross; measure 5 s of it.
tm send-keys -t b - - R
wait_screen 10 "Restart this lesson"
tm send-keys -t b y
wait_screen 10 "0.25x"
before=$(sample "$pid")
sleep 5
after=$(sample "$pid")
tm capture-pane -p -t b | grep -q "ESTABLISHED +│\$" &&
    echo "tui bench: the animation ended before the 5 s did" >&2
report "TUI animating 0.25x (5 s)" 5 "$before" "$after"
