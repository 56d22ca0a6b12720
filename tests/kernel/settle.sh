# When a step is judged. The default rule judges a step as soon as nothing
# more can happen without a timer or a key, but never sooner than 40 ms
# after the last segment that could be acknowledged (data, SYN or FIN: a
# delayed ACK is invisible to sock_diag), counted from the capture's own
# time of that segment. The old rule, --settle quiet, waits for 300 ms with
# nothing recorded, by the loop's clock, which is read in whole ms once an
# iteration: the transcript may show up to 1 ms less. Both are floors the
# transcript shows for every step; lessons hold under both.
. tests/kernel/lib.sh

# gaps FILE KINDS: for each step that has checks, the seconds from the last
# event of KINDS ("ackable": a segment with data, SYN or FIN; "any": any
# event but narration and checks) to the step's first check; one a line.
gaps() {
	awk -v kinds="$2" '
	$3 == "step" { last = ""; judged = 0; next }
	$3 == "check" { if (!judged && last != "") print $1 - last; judged = 1; next }
	$3 == "say" { next }
	kinds == "any" { last = $1; next }
	$3 == "seg" && ($5 ~ /[SF]/ || $0 ~ / len=[1-9]/) { last = $1 }
	' "$1"
}

# floor LABEL FILE KINDS SECONDS: pass when every step of FILE was judged
# at least SECONDS after its last event of KINDS.
floor() {
	min=$(gaps "$2" "$3" | sort -n | head -n 1)
	if [ -n "$min" ] && awk -v m="$min" -v f="$4" 'BEGIN { exit !(m >= f) }'
	then
		pass "$1 (least ${min} s)"
	else
		fail "$1" "least [${min}] s"
	fi
}

for lesson in four-way-close half-close lost-fin; do
	fw play $lesson >"$TMP/w" 2>&1
	expect_eq "$lesson holds with the default rule" 0 "$?"
	floor "$lesson: every step judged >= 40 ms after its last data, SYN or FIN" \
	    "$TMP/w" ackable 0.040
	fw play $lesson --settle quiet >"$TMP/q" 2>&1
	expect_eq "$lesson holds with --settle quiet" 0 "$?"
	floor "$lesson, --settle quiet: every step judged >= 300 ms after its last event" \
	    "$TMP/q" any 0.299
done

fw check --settle quiet four-way-close linger-zero-rst >"$TMP/c" 2>&1
expect_eq "check --settle quiet judges by the old rule" \
    "2 lessons: 2 held, 0 failed" "$(tail -n 1 "$TMP/c")"
fw play four-way-close --settle never >/dev/null 2>"$TMP/e"
expect_eq "--settle takes wire or quiet (exit 2)" 2 "$?"
grep -q '^finwave: --settle is wire or quiet$' "$TMP/e"
expect_eq "--settle names its values" 0 "$?"
fw list --settle quiet >/dev/null 2>&1
expect_eq "--settle is only for play and check (exit 2)" 2 "$?"
