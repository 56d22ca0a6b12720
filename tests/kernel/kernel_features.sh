# finwave on the kernels it supports (Linux 6.1, Debian 12's, and later).
# The teaching pace comes from the lab's loopback route (rto_min, in every
# kernel).
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

