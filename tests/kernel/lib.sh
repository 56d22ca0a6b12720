# Helpers for the shell tests: results as "PASS name" / "FAIL name: why",
# and waiting by polling (never a bare sleep as a synchronisation).
: "${FINWAVE:=build/finwave}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

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

# report_verdicts FILE: a PASS or FAIL line per "finwave check" verdict.
report_verdicts() {
	while read -r verdict id rest; do
		case "$verdict" in
		ok) pass "check $id" ;;
		FAIL) fail "check $id" "$rest" ;;
		esac
	done <"$1"
}
