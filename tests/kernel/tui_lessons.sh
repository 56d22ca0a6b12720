#!/bin/sh
# Every lesson driven through the interactive view with its keys, as a
# learner would: each step in turn, its question (when it asks one) whole
# at 80x24 with every choice and the key bar's ? and q, then look back (Left, a key with no
# binding, Right, Esc), select arrows, the overlays, free play on both
# endpoints, a restart; the sandbox; and a lesson with 10,000 connections.
# Under `make asan` any sanitizer report fails the test (finwave's stderr
# is kept in a file); in every build, so does a crash or a terminal left in
# the alternate screen. Two views run at once,
# each in a tmux server, a directory and a process mark of its own.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	fail "tui lessons" "tmux is not installed"
	exit 0
fi
JOBS=2

keys() { tm send-keys -t fw "$@"; }
# step_heading K N: the narration's heading says step K of N.
step_heading() { shows "Step $1 of $2:"; }
# free_play: every step has run; the key bar offers the free-play keys.
free_play() { shows "Tab endpoint"; }
# settled: nothing under way or still being shown.
settled() { ! shows "The kernel is at work"; }
# sanitizer_clean NAME: finwave wrote no sanitizer report; one fails NAME.
sanitizer_clean() {
	if grep -Eq 'Sanitizer|runtime error:' "$TMP/stderr" 2>/dev/null; then
		fail "$1" "a sanitizer report:"
		sed 's/^/    ! /' "$TMP/stderr" | head -n 40
	else
		pass "$1"
	fi
}
open_view() { tmux_start 80 24 "$@"; }
# choices FILE K: how many choices step K of a lesson file offers.
choices() {
	awk -v k="$2" '/^step /{n++} n == k && /^[ \t]+choice [^ ]+ en /{c++}
	    END{print c + 0}' "$1"
}
# asks FILE K: the first words of step K's question in English.
asks() {
	awk -v k="$2" '/^step /{n++} n == k && /^[ \t]+ask en /{
	    w = $3; for (i = 4; i <= 5 && i <= NF; i++) w = w " " $i
	    print w; exit}' "$1"
}
# question_whole FILE K: the screen shows step K's question, each of its
# choices, and the key bar's ? and q.
question_whole() {
	c=$(choices "$1" "$2")
	screen >"$TMP/screen"
	grep -Fq -- "$(asks "$1" "$2")" "$TMP/screen" || return 1
	i=1
	while [ "$i" -le "$c" ]; do
		grep -Eq -- "^ .? $i\) " "$TMP/screen" || return 1
		i=$((i + 1))
	done
	tail -n 1 "$TMP/screen" | grep -Fq "? help" &&
	    tail -n 1 "$TMP/screen" | grep -Fq "q menu"
}
# fits FILE ID K: at 80x24, step K's question (if it has one) is whole.
fits() {
	[ "$(choices "$1" "$3")" -eq 0 ] && return 0
	if wait_for 10 question_whole "$1" "$3"; then
		pass "$2: step $3's question, its choices, ? and q are on screen"
	else
		fail "$2: step $3's question" "not whole at 80x24; the screen was:"
		screen | sed 's/^/    | /'
	fi
}
# finish NAME: q to the menu, q again; status 0, terminal back, nothing left.
finish() {
	keys q
	wait_for 5 shows "how TCP connections end"
	keys q
	check "$1: q quits with status 0" 10 exited_with 0
	check "$1: the terminal is given back" 5 terminal_restored
	check "$1: no process is left" 5 none_marked
	sanitizer_clean "$1: no sanitizer report"
	tmux_end
}

# The sandbox: an action, then look back and a key of no use there.
drive_sandbox() {
	open_view "$1"
	check "$1: the sandbox connects" 10 shows "│ +ESTABLISHED +│\$"
	keys c
	check "$1: c closes the client" 10 shows "close\(3\) = 0"
	keys Left z Right Left Escape Up Down Escape
	finish "$1"
}

# drive FILE: one lesson, every key a learner might press.
drive() {
	id=$(basename "$1" .lesson)
	n=$(grep -c '^step ' "$1")
	if [ "$n" -eq 0 ]; then
		drive_sandbox "$id"
		return
	fi
	open_view "$id"
	check "$id: step 1 of $n" 10 step_heading 1 "$n"
	keys + + +
	k=1
	while [ "$k" -lt "$n" ]; do
		# A Space typed ahead stops at a question: wait until the
		# step before has been shown.
		wait_for 60 settled
		fits "$1" "$id" "$k"
		keys Space
		k=$((k + 1))
		if ! wait_for 60 step_heading "$k" "$n"; then
			fail "$id: step $k of $n" "not reached; the screen was:"
			screen | sed 's/^/    | /'
			break
		fi
	done
	wait_for 60 settled
	fits "$1" "$id" "$n"
	keys Space
	check "$id: every step ran" 60 free_play
	wait_for 10 settled
	# Look back past the last step, then keys with no binding there.
	keys Left Left z Right z Escape
	keys Up Up Down Escape e Up PPage Escape D Escape ? Escape
	# Free play on both endpoints.
	for act in "Tab d" r "s w" "Tab c" l "Tab k"; do
		keys $act
		wait_for 10 settled
	done
	# The end says whether the lesson is complete; a restart asks
	# first, then builds a new lab under the same view.
	check "$id: the end says whether the lesson is complete" 5 \
	    shows "Lesson (not )?complete: "
	keys R
	check "$id: R asks first" 5 shows "Restart this lesson"
	keys y
	check "$id: R then y restarts at step 1" 10 step_heading 1 "$n"
	finish "$id"
}

# many_lesson N: a lesson in which N clients (a multiple of 10) come and
# go, accepted in batches that fit the listen queue.
many_lesson() {
	cat <<LESSON
lesson many-connections
title en many-connections
title zh many-connections
summary en Engine regression test: $1 connections come and go.
summary zh 引擎回归测试：$1 个连接来了又走。
chapter 99
order 2
endpoint client
endpoint server
setup
	do lab sysctl tcp_fin_timeout 3
	do server nofile $(($1 * 2 + 100))
	do client nofile $(($1 * 2 + 100))
	do server listen 9000 backlog 4096
step clients-come-and-go
	key c
	say en $1 clients connect, the server accepts them, and each client closes.
	say zh $1 个客户端连接，服务器全部 accept，随后每个客户端都关闭连接。
	do client connect 9000 count $(($1 * 4 / 10))
	do server accept all
	do client connect 9000 count $(($1 * 4 / 10))
	do server accept all
	do client connect 9000 count $(($1 * 2 / 10))
	do server accept all
	do client close all
	expect server holds $1
step server-closes
	key s
	say en The server closes every connection.
	say zh 服务器关闭所有连接。
	do server close conns
	expect server holds 0
LESSON
}

# Many connections: tens of thousands of events reach the view. 10,000 of
# them crashed the view; a sanitized build (make asan) is about six times
# slower on them, so it takes 3,000.
drive_many() {
	n=10000
	[ -n "${FINWAVE_SANITIZED:-}" ] && n=3000
	mkdir -p "$TMP/many"
	many_lesson "$n" >"$TMP/many/many-connections.lesson"
	open_view "$TMP/many/many-connections.lesson"
	check "many-connections: step 1 of 2" 10 step_heading 1 2
	keys + + + Space
	check "many-connections: the $n connections come and go" 120 \
	    step_heading 2 2
	keys Up Up Up Left Left Escape
	wait_for 120 settled
	keys Space
	check "many-connections: every step ran" 120 free_play
	finish "many-connections"
}

# Worker j of JOBS takes every JOBS-th lesson, with a TMP, a mark and a
# tmux server of its own; the many-connections lesson goes to the last.
# (The helpers' variables are global: the loops here use names of their
# own.)
set -- lessons/*.lesson
j=0
while [ "$j" -lt "$JOBS" ]; do
	(
		TMP=$TMP/w$j
		mkdir -p "$TMP"
		export XDG_STATE_HOME="$TMP/state"
		MARK=$MARK-w$j
		MARKENV="FINWAVE_TEST_MARK=$MARK"
		TMUX_BASE=$TMUX_BASE-w$j
		nth=0
		for file; do
			[ $((nth % JOBS)) -eq "$j" ] && drive "$file"
			nth=$((nth + 1))
		done
		[ "$j" -eq $((JOBS - 1)) ] && drive_many
		tmux_end
	) >"$TMP/out$j" 2>&1 &
	j=$((j + 1))
done
wait
j=0
while [ "$j" -lt "$JOBS" ]; do
	cat "$TMP/out$j"
	j=$((j + 1))
done
