#!/bin/sh
# The TUI end to end, against the real kernel: finwave runs in a private
# tmux server; keys go in with send-keys and the screen comes back with
# capture-pane. Every wait polls the screen; nothing sleeps blindly. A
# step key waits until the step before has been shown, unless the test is
# of keys typed ahead.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	fail "tui" "tmux is not installed"
	exit 0
fi
export XDG_STATE_HOME="$TMP/state"

# The left pane is the first box of a line, the right pane the last.
left_shows() { shows "^│ +$1 +│"; }
right_shows() { shows "│ +$1 +│\$"; }
start() { tmux_start 80 24 "$@"; }
# settled: no step under way or still being shown; a key now is not typed
# ahead (one typed ahead stops at a question).
settled() { ! shows "The kernel is at work|内核正在处理"; }
# stopped_at K: keys typed ahead stopped at step K's question.
stopped_at() {
	shows "Step $1 of 3:" && shows "Stopped here: press 1-[0-9] to guess"
}
# run_key K: once the step before has been shown, press K.
run_key() {
	wait_for 10 settled
	tm send-keys -t fw "$1"
}

# The menu, then four-way-close with its keys alone.
start
check "tui: the menu lists the lessons" 10 shows "The four-way close"
check "tui: the menu opens at the first unfinished lesson" 5 \
    shows "▸ +The four-way close"
tm send-keys -t fw Enter
check "tui: ESTABLISHED in the client's pane" 10 left_shows ESTABLISHED
check "tui: ESTABLISHED in the server's pane" 10 right_shows ESTABLISHED
check "tui: the handshake's arrows" 5 shows "●─+ SYN ACK seq 0 ack 1 ─+▶|◀─+ SYN ACK seq 0 ack 1 ─+●"
run_key c
check "tui: FIN_WAIT_2 in the client's pane after c" 10 left_shows FIN_WAIT_2
check "tui: CLOSE_WAIT in the server's pane" 10 right_shows CLOSE_WAIT
check "tui: the prediction is marked with the kernel's answer" 10 \
    shows "The kernel's answer: \(1\)"
run_key r
check "tui: recv() = 0 in the server's pane" 10 shows "recv\(4\) = 0"
run_key s
check "tui: TIME_WAIT in the client's pane" 10 left_shows TIME_WAIT
check "tui: CLOSED in the server's pane" 10 right_shows CLOSED
# The pane names the timer by its meaning: TIME_WAIT's fixed 60 s.
check "tui: a TIME_WAIT countdown" 10 \
    shows "TIME_WAIT( 60 s)?: [1-5][0-9] s left"
left() {
	screen | sed -n 's/.*TIME_WAIT[ 60s]*: \([0-9]*\) s left.*/\1/p' |
	    head -n 1
}
first=$(left)
counted() {
	now=$(left)
	[ -n "$now" ] && [ "$now" -lt "$first" ]
}
check "tui: the countdown ticks down (from $first s)" 5 counted
check "tui: the lesson is complete" 5 \
    shows "Lesson complete: all [0-9]+ checks held; 0 of 2 questions guessed right\."
check "tui: progress is saved" 5 grep -q "^four-way-close completed=" \
    "$XDG_STATE_HOME/finwave/completed"

# Resize below the minimum and back: the timeline survives.
tm resize-window -t fw -x 60 -y 20
check "tui: a small terminal gets a message" 5 shows "at least 80x24"
tm resize-window -t fw -x 100 -y 30
check "tui: after resizing, TIME_WAIT is still there" 5 left_shows TIME_WAIT
check "tui: after resizing, every arrow is still there" 5 \
    shows "◀─+ FIN ACK seq 1 ack 2 ─+●"
lab=$(marked_count)
check "tui: the lab's endpoints are running ($lab finwave processes)" 1 \
    test "$lab" -ge 3

# q goes back to the menu, which marks the lesson; q again quits.
tm send-keys -t fw q
check "tui: back in the menu, the lesson is marked" 5 \
    shows "✓ The four-way close"
tm send-keys -t fw q
check "tui: q quits with status 0" 5 exited_with 0
check "tui: no finwave process is left after q" 5 none_marked
check "tui: the terminal is back from the alternate screen" 5 \
    terminal_restored

# Keys typed ahead stop at a question: three Spaces while the setup
# settles stop at step 1's; three more once it is shown run step 1, queue
# step 2 and stop at step 3's. Then a wrong guess, the end and what it
# offers: R asks first, Space opens the next lesson, whose restart step
# counts down the TIME_WAIT it needs.
start four-way-close
tm send-keys -t fw Space Space Space
check "tui: Spaces typed ahead stop at step 1's question" 10 stopped_at 1
check "tui: ... and run nothing" 1 left_shows ESTABLISHED
tm send-keys -t fw Space Space Space
check "tui: three Spaces at once stop at step 3's question" 20 stopped_at 3
check "tui: ... after step 2 ran" 1 shows "recv\(4\) = 0"
check "tui: ... and before step 3 ran" 1 right_shows CLOSE_WAIT
tm send-keys -t fw 2 Space
check "tui: a wrong guess is marked on its own line" 20 \
    shows "^ ✗ Your guess \(2\) was wrong: the kernel's answer was \(1\)"
check "tui: the end says the lesson is complete, and the questions guessed right" 10 \
    shows "Lesson complete: all [0-9]+ checks held; 0 of 2 questions guessed right\."
check "tui: the end offers the next lesson" 5 \
    shows "Space: next lesson \(The server closes first\)"
tm send-keys -t fw R
check "tui: R asks before it restarts" 5 \
    shows "Restart this lesson in a fresh lab\? y: yes, n: no"
tm send-keys -t fw n
not_asking() { ! shows "Restart this lesson"; }
check "tui: n keeps the lesson at its end" 5 not_asking
check "tui: ... which still offers the next lesson" 1 \
    shows "Space: next lesson \(The server closes first\)"
tm send-keys -t fw Space
check "tui: Space opens the next lesson" 10 \
    shows "finwave ▸ The server closes first"
check "tui: the next lesson's lab is up" 10 right_shows ESTABLISHED
run_key s
check "tui: the server closes first" 10 right_shows FIN_WAIT_2
run_key c
check "tui: the server is left in TIME_WAIT" 10 right_shows TIME_WAIT
check "tui: the restart step counts down the TIME_WAIT it needs" 10 \
    shows "^ Run it within [0-9]+ s to see bind\(\) fail on the port it holds\.\$"
first=$(screen | sed -n 's/^ Run it within \([0-9]*\) s.*/\1/p')
counted_down() {
	now=$(screen | sed -n 's/^ Run it within \([0-9]*\) s.*/\1/p')
	[ -n "$now" ] && [ "$now" -lt "$first" ]
}
check "tui: ... second by second (from $first s)" 5 counted_down
tm send-keys -t fw q
check "tui: the menu shows the completed lesson's guesses" 5 \
    shows "✓ The four-way close +0/2 "
check "tui: the score is kept in the progress file" 5 grep -q \
    "^four-way-close completed=[^ ]* held=[0-9]* failed=0 not-reached=0 right=0 asked=2\$" \
    "$XDG_STATE_HOME/finwave/completed"
tm send-keys -t fw q
check "tui: q quits after the next lesson" 5 exited_with 0
check "tui: no finwave process is left after the next lesson" 5 none_marked

# Chinese, opened directly; then SIGTERM ends it cleanly.
start --lang zh four-way-close
check "tui: finwave LESSON opens it, in Chinese" 10 shows "四次挥手"
check "tui: Chinese narration" 10 shows "两端都处于 ESTABLISHED"
run_key c
check "tui: FIN_WAIT_2 in Chinese too" 10 left_shows FIN_WAIT_2
kill -TERM "$(cat "$TMP/pid")"
check "tui: SIGTERM ends finwave" 5 test -s "$TMP/exit"
check "tui: no finwave process is left after SIGTERM" 5 none_marked

# A Traditional Chinese locale: the menu in Simplified Chinese, saying so in
# Traditional characters; L switches to English and the note goes.
FW_ENV="LANG=zh_TW.UTF-8" tmux_start 80 24
check "tui: zh_TW gets the menu in Simplified Chinese" 10 shows "四次挥手"
check "tui: zh_TW is told why, in Traditional Chinese" 10 \
    shows "尚無繁體中文版本"
tm send-keys -t fw L
check "tui: L after the note is English" 5 shows "The four-way close"
no_note() { ! shows "尚無"; }
check "tui: the note is gone with the key" 5 no_note
tm send-keys -t fw q
check "tui: q quits from the Traditional menu" 5 exited_with 0

# Slowed to 0.25x, an arrow takes 2.4 s: a sender's state changes as its
# segment leaves, the receiver's as it lands, and the heading stays on the
# step until its last arrow has landed, though the step settled long
# before (300 ms after its last event).
to_server='●─[^│]*▶ +│'
to_client='│ +◀─[^│]*●│'
# crossing ARROW REGEX: one screen with an arrow mid-lane (ARROW, a regex)
# and a line matching REGEX; kept in $TMP/crossing.
crossing() {
	screen >"$TMP/crossing"
	grep -Eq -- "$1" "$TMP/crossing" && grep -Eq -- "$2" "$TMP/crossing"
}
# crossed NAME REGEX: the screen crossing kept has a line matching REGEX.
crossed() {
	if grep -Eq -- "$2" "$TMP/crossing"; then
		pass "$1"
	else
		fail "$1" "the screen was:"
		sed 's/^/    | /' "$TMP/crossing"
	fi
}
start four-way-close
check "tui: the lesson opens to be slowed down" 10 right_shows ESTABLISHED
tm send-keys -t fw - -
check "tui: - twice slows the arrows to 0.25x" 5 shows " 0\.25x "
run_key c
check "tui: at 0.25x, FIN_WAIT_1 in the client's pane while its FIN crosses" \
    10 crossing "$to_server" "^│ +FIN_WAIT_1 +│"
crossed "tui: ... the server ESTABLISHED until the FIN lands" \
    "│ +ESTABLISHED +│\$"
check "tui: the heading still on step 1 as the FIN nears the server" 10 \
    crossing "●─+ FIN ACK seq 1 ack 1 ─*▶ +│" "Step 1 of 3: The client closes"
check "tui: CLOSE_WAIT in the server's pane while its ACK crosses back" 10 \
    crossing "$to_client" "│ +CLOSE_WAIT +│\$"
crossed "tui: ... the client in FIN_WAIT_1 until the ACK lands" \
    "^│ +FIN_WAIT_1 +│"
crossed "tui: ... the heading still on step 1" \
    "Step 1 of 3: The client closes"
check "tui: FIN_WAIT_2 once the ACK has landed" 10 left_shows FIN_WAIT_2
check "tui: ... and step 2 only then" 5 shows "Step 2 of 3"
run_key r
check "tui: step 3 at 0.25x" 10 shows "Step 3 of 3"
run_key s
check "tui: LAST_ACK in the server's pane while its FIN crosses" 10 \
    crossing "$to_client" "│ +LAST_ACK +│\$"
check "tui: TIME_WAIT in the client's pane while its last ACK crosses" 10 \
    crossing "$to_server" "^│ +TIME_WAIT +│"
crossed "tui: ... the server in LAST_ACK until that ACK lands" \
    "│ +LAST_ACK +│\$"
check "tui: CLOSED once the last ACK has landed" 10 right_shows CLOSED
tm send-keys -t fw C-c
check "tui: Ctrl-C quits the slowed lesson" 5 test -s "$TMP/exit"
check "tui: no finwave process is left after the slowed lesson" 5 none_marked

# Step by step: w, then the client's close: the FIN stops mid-lane and
# the kernel reports FIN_WAIT_1; Space delivers it.
start four-way-close
check "tui: the lesson opens for the wire" 10 right_shows ESTABLISHED
run_key w
check "tui: w turns step-by-step mode on" 5 shows "the wire: step by step, 0 held"
tm send-keys -t fw c
check "tui: the held FIN stops mid-lane" 10 shows "●─+│ held: FIN"
check "tui: FIN_WAIT_1 in the client's pane while the FIN is held" 5 \
    left_shows FIN_WAIT_1
check "tui: ... reported by the kernel" 5 shows "│ src: kernel +│.*│ +│"
check "tui: the server has not seen it" 5 right_shows ESTABLISHED
check "tui: Space and x are offered" 5 shows "Spc deliver  x drop"
tm send-keys -t fw Space
check "tui: Space delivers the FIN: the server is in CLOSE_WAIT" 10 \
    right_shows CLOSE_WAIT
check "tui: the delivered FIN arrives as an arrow" 10 \
    shows "●─+ FIN ACK seq 1 ack 1 ─+▶"
tm send-keys -t fw x
check "tui: x drops the oldest held segment: it ends in a cross" 10 \
    shows "(lost: [A-Z][A-Z ]* seq.*✗|✗.*lost: [A-Z])"
tm send-keys -t fw w
check "tui: w again lets the wire run: FIN_WAIT_2 at last" 10 \
    left_shows FIN_WAIT_2
tm send-keys -t fw C-c
check "tui: Ctrl-C quits while the wire was used" 5 test -s "$TMP/exit"
check "tui: no finwave process is left after the wire" 5 none_marked

# The sandbox: every action on either side.
start sandbox
check "tui: the sandbox connects both sides" 10 right_shows ESTABLISHED
tm send-keys -t fw Tab
tm send-keys -t fw s
check "tui: s asks which direction" 5 shows "SHUT_WR"
tm send-keys -t fw w
# A key typed while the setup still settles waits for it, then runs.
check "tui: s w calls shutdown(SHUT_WR), once the setup has settled" 10 \
    shows "shutdown\(4, SHUT_WR\)"
check "tui: shutdown(SHUT_WR) on the server leaves it in FIN_WAIT_2" 10 \
    right_shows FIN_WAIT_2
check "tui: ... and the client in CLOSE_WAIT" 10 left_shows CLOSE_WAIT
tm send-keys -t fw Tab k
check "tui: k kills the client" 10 shows "killed by SIGKILL"
tm send-keys -t fw C-c
check "tui: Ctrl-C quits" 5 test -s "$TMP/exit"
check "tui: no finwave process is left after Ctrl-C" 5 none_marked
