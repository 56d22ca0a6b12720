# Helpers for the shell tests: results as "PASS name" / "FAIL name: why",
# and waiting by polling (never a bare sleep as a synchronisation).
: "${FINWAVE:=build/finwave}"
TMP=$(mktemp -d)
trap 'tm kill-server 2>/dev/null; kill_marked; rm -rf "$TMP"' EXIT

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "expected [$2], got [$3]"
	fi
}

# wait_for SECONDS COMMAND...: poll every 50 ms until COMMAND succeeds.
wait_for() {
	limit=$(($1 * 20))
	shift
	i=0
	while [ "$i" -lt "$limit" ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# report_verdicts FILE: a PASS, FAIL or SKIP line per "finwave check"
# verdict.
report_verdicts() {
	while read -r verdict id rest; do
		case "$verdict" in
		ok) pass "check $id" ;;
		FAIL) fail "check $id" "$rest" ;;
		skip) echo "SKIP check $id: $rest" ;;
		esac
	done <"$1"
}

# The processes a test starts carry FINWAVE_TEST_MARK in their environment
# (endpoints are forks, so they inherit it): tests find their own processes
# by it, never by name, so another finwave on the machine is left alone.
# The shell itself does not carry it; run finwave through `fw`.
MARK="finwave-test-$$-$(basename "$0" .sh)"

MARKENV="FINWAVE_TEST_MARK=$MARK"

# fw ARGS...: run finwave with this test's mark. In the background, use
# `env "$MARKENV" "$FINWAVE" ARGS &` instead, so that $! is finwave's pid.
fw() { env "$MARKENV" "$FINWAVE" "$@"; }
# marked_pids: the pids of the processes that carry this test's mark.
marked_pids() {
	grep -lsxz "FINWAVE_TEST_MARK=$MARK" /proc/[0-9]*/environ |
	    sed 's|^/proc/\([0-9]*\)/environ$|\1|'
}
# marked_count: how many there are.
marked_count() { marked_pids | wc -l; }
# none_marked: no process of this test is left.
none_marked() { [ -z "$(marked_pids)" ]; }
# kill_marked: end whatever this test left behind.
kill_marked() {
	for p in $(marked_pids); do
		# It may have ended since it was listed: not a failure.
		kill -KILL "$p" 2>/dev/null || :
	done
}

# The interactive view in a private tmux server (tmux_start), a socket a
# session, in $TMP so that no socket file outlives the test: keys go in
# with `tm send-keys -t fw`, the screen comes back with `screen`, and
# every wait polls it.
TMUX_BASE="$TMP/tmux"
TMUX_RUN=0
TMUX_SOCK="$TMUX_BASE-0"
tm() { tmux -S "$TMUX_SOCK" -f /dev/null "$@"; }
# tmux_start COLS ROWS ARGS...: finwave ARGS in a fresh session of that
# size, with this test's mark. Its pid goes to $TMP/pid, its exit status
# to $TMP/exit, its stderr (a sanitizer's report) to $TMP/stderr; FW_ENV
# (optional) adds NAME=VALUE words to its environment.
tmux_start() {
	cols=$1
	rows=$2
	shift 2
	rm -f "$TMP/exit" "$TMP/pid" "$TMP/stderr"
	tm kill-server 2>/dev/null
	TMUX_RUN=$((TMUX_RUN + 1))
	TMUX_SOCK="$TMUX_BASE-$TMUX_RUN"
	fwabs=$(cd "$(dirname "$FINWAVE")" && pwd)/$(basename "$FINWAVE")
	tm new-session -d -s fw -x "$cols" -y "$rows" \
	    "cd '$PWD' && sh -c 'echo \$\$ >\"$TMP/pid\"; exec env LANG=C.UTF-8 TERM=xterm $MARKENV ${FW_ENV:-} \"$fwabs\" $* 2>\"$TMP/stderr\"'; echo \$? >'$TMP/exit'; sleep 60"
	wait_for 5 test -s "$TMP/pid"
}
# tmux_end: kill the tmux server and whatever of the test it left.
tmux_end() {
	tm kill-server 2>/dev/null
	kill_marked
}
screen() { tm capture-pane -p -t fw; }
# shows REGEX: the screen has a line matching the extended regex.
shows() { screen | grep -Eq -- "$1"; }
# check NAME SECONDS COMMAND...: PASS when COMMAND succeeds in time.
check() {
	name=$1
	secs=$2
	shift 2
	if wait_for "$secs" "$@"; then
		pass "$name"
	else
		fail "$name" "not seen in ${secs} s; the screen was:"
		screen | sed 's/^/    | /'
	fi
}
# exited_with STATUS: finwave has ended with that status.
exited_with() { [ -s "$TMP/exit" ] && [ "$(cat "$TMP/exit")" = "$1" ]; }
# terminal_restored: the pane left the alternate screen; echo and canonical
# input are on again.
terminal_restored() {
	[ "$(tm display -p -t fw '#{alternate_on}')" = 0 ] &&
	    stty -F "$(tm display -p -t fw '#{pane_tty}')" -a |
	    grep -q ' icanon .* echo '
}
