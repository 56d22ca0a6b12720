#!/bin/sh
# tui.sh: what the lesson view costs. finwave runs four-way-close in a
# private tmux server at 80x24 until the client sits in TIME_WAIT with its
# countdown running; then, over 20 s of idle, the main process's CPU time
# (/proc/PID/stat), its context switches (/proc/PID/status: each wake-up
# of the loop is one, and so can be a write to the terminal) and
# the bytes it wrote (wchar, /proc/PID/io: its only write() calls are to
# the terminal; commands to endpoints go through sendmsg, which wchar does
# not count). Then the same while arrows animate (a restart at 0.25x).
# Last, key -> screen: 30 keys that change the screen but not the lab
# (Up and Down through the arrows, ? on and off, L to Chinese and back),
# timed by finwave itself (FINWAVE_KEYTIME: read to refresh done), on
# four-way-close, then on tests/bench/lessons/tw-10000.lesson with its
# 10,000 client sockets in TIME_WAIT (about 100,000 events on screen).
cd "$(dirname "$0")/../.." || exit 1
: "${FINWAVE:=build/finwave}"
: "${IDLE_SECONDS:=20}"
case $FINWAVE in
/*)	FW=$FINWAVE ;;
*)	FW=$(pwd)/$FINWAVE ;;
esac
TMP=$(mktemp -d)
SOCK="$TMP/tmux"	# in $TMP: no socket file outlives the bench
tm() { tmux -S "$SOCK" -f /dev/null "$@"; }
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

# The keys timed, each sent once the one before is on screen.
KEYS="Up Up Up Up Up Down Down Down Down Down ? ? L L Up Down ? ? L L
    Up Up Down Down ? ? L L Up Down"
KEY_TARGET_MS=50

# start LESSON: finwave on LESSON, its key times to $TMP/keys, in the
# session's pane (killing the one before: one tmux server throughout).
start() {
	rm -f "$TMP/keys"
	cmd="sh -c 'echo \$\$ >$TMP/pid; LANG=C.UTF-8 TERM=xterm FINWAVE_KEYTIME=$TMP/keys exec $FW $1'; sleep 60"
	if tm has-session -t b 2>/dev/null; then
		tm respawn-pane -k -t b "$cmd"
	else
		tm new-session -d -s b -x 80 -y 24 "$cmd"
	fi
}

# lines: how many keys finwave has timed.
lines() { if [ -f "$TMP/keys" ]; then wc -l <"$TMP/keys"; else echo 0; fi; }

# time_keys: send $KEYS, each once finwave has shown the one before and
# a tenth of a second has passed, so that no key waits behind another;
# prints "MEDIAN_MS P95_MS" of their key -> screen times.
time_keys() {
	from=$(lines)
	n=$from
	set -f	# ? is a key, not a pattern
	for k in $KEYS; do
		tm send-keys -t b "$k"
		n=$((n + 1))
		i=0
		while [ "$(lines)" -lt "$n" ]; do
			if [ "$i" -ge 200 ]; then
				echo "tui bench: key $k not shown in 10 s" >&2
				exit 1
			fi
			sleep 0.05
			i=$((i + 1))
		done
		sleep 0.1
	done
	set +f
	awk -v from="$from" 'NR > from { print ($6 - $4) / 1e6 }' "$TMP/keys" |
	    sort -n | awk '{ v[NR] = $1 } END {
		mid = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		p = int(NR * 0.95); if (p < NR * 0.95) p++
		printf "%.2f %.2f\n", mid, v[p] }'
}

# key_row LABEL "MEDIAN P95" [TARGET_MS]: a row of the table. The arrow
# in LABEL is three bytes and one column: two more bytes of padding.
key_row() {
	echo "$2" | awk -v label="$1" -v target="${3:-}" '{
		printf "%-47s%-19s%-16s%s\n", label, sprintf("%.2f ms", $1), \
		    sprintf("%.2f ms", $2), target == "" ? "" : \
		    sprintf("(target <= %s ms)%s", target, \
		    $1 > target ? " MISSED" : "")
	}'
}

XDG_STATE_HOME="$TMP/state" export XDG_STATE_HOME
start four-way-close
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
few=$(time_keys) || exit 1

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
key_row "key → screen, 4 sockets" "$few"

# The same keys with 10,000 connections closed: both steps, at 4x, to the
# end of the lesson.
start tests/bench/lessons/tw-10000.lesson
wait_screen 20 "Step 1 of 2"
tm send-keys -t b + + o
wait_screen 300 "Step 2 of 2"
tm send-keys -t b c
wait_screen 300 "Lesson complete: all 4 checks held"
many=$(time_keys) || exit 1
key_row "key → screen, 10,000 connections" "$many" "$KEY_TARGET_MS"
echo "$few $many" | awk '{
	printf "%-47s%-19s%-16s%s\n", "key → screen, 10,000 / 4 sockets", \
	    ($1 > 0 ? sprintf("%.1fx", $3 / $1) : "-"), \
	    ($2 > 0 ? sprintf("%.1fx", $4 / $2) : "-"), ""
}'
