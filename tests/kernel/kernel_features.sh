# finwave on the kernels it supports (Linux 6.1, Debian 12's, and later).
# The teaching pace comes from the lab's loopback route (rto_min, in every
# kernel); a lesson that needs a newer sysctl declares it and is skipped,
# with the reason, where the kernel lacks it: never counted as held. The
# test-only FINWAVE_TEST_HIDE_SYSCTL hides a sysctl from the lab.
. tests/kernel/lib.sh
data=tests/kernel/data

# The route metric sets the retransmission pace: lost-fin's four lost FINs
# come well within a second with rto_min 50 ms (200 ms is the default).
fw play lost-fin >"$TMP/t" 2>&1
expect_eq "lost-fin holds with the route's rto_min" 0 "$?"
grep -q '^ *[0-9.]*  lab     call    route(lo, rto_min 50 ms) = 0$' "$TMP/t"
expect_eq "the lab sets rto_min on its loopback route" 0 "$?"
span=$(awk '$2 == "wire" && $3 == "drop" && $4 == "client>server" {
	if (first == "") first = $1; last = $1 }
    END { printf "%d", (last - first) * 1000 }' "$TMP/t")
if [ "${span:-9999}" -lt 600 ]; then
	pass "four FINs lost within ${span} ms: the pace is the route's"
else
	fail "four FINs lost within 600 ms" "they took ${span:-?} ms"
fi

# A sysctl the kernel lacks: the lesson that requires it is skipped.
FINWAVE_TEST_HIDE_SYSCTL=tcp_rto_min_us fw check $data/engine-requires.lesson \
    four-way-close >"$TMP/c" 2>&1
status=$?
sed 's/^/    /' "$TMP/c"
expect_eq "check with a missing sysctl exits 0" 0 "$status"
grep -q '^skip  engine-requires  *it requires net.ipv4.tcp_rto_min_us (Linux 6.11 and later), which this kernel (Linux [^ ]*) does not have in the lab$' "$TMP/c"
expect_eq "the lesson that needs it is skipped, and says why" 0 "$?"
expect_eq "the skip is counted apart" \
    "2 lessons: 1 held, 0 failed, 1 skipped (this kernel lacks what they need)" \
    "$(tail -n 1 "$TMP/c")"
FINWAVE_TEST_HIDE_SYSCTL=tcp_rto_min_us fw play $data/engine-requires.lesson \
    >/dev/null 2>"$TMP/e"
expect_eq "play of a lesson this kernel cannot run exits 1" 1 "$?"

# Where the kernel has it, the same lesson runs and holds.
if unshare -n test -e /proc/sys/net/ipv4/tcp_rto_min_us 2>/dev/null; then
	fw check $data/engine-requires.lesson >"$TMP/c" 2>&1
	expect_eq "with the sysctl there, the lesson holds" \
	    "1 lesson: 1 held, 0 failed" "$(tail -n 1 "$TMP/c")"
else
	echo "SKIP with the sysctl there: this kernel has no tcp_rto_min_us"
fi
