# Listeners probed like connections, against the real kernel: a listener
# with backlog 2 that does not accept (scenario-backlog-full, judged twice
# in a row), its accept queue and limit in the transcript, the SYN the
# full queue drops, tcp_abort_on_overflow's RST; close-wait-leak's 13
# connections waiting to be accepted; a closed listener's CLOSED.
. tests/kernel/lib.sh
lesson=tests/kernel/data/scenario-backlog-full.lesson
for run in 1 2; do
	fw check "$lesson" >"$TMP/out" 2>&1
	sed 's/^/    /' "$TMP/out"
	sed -E "s/^(ok|FAIL|skip)( +)([a-z0-9-]+)/\1\2\3-run$run/" \
	    "$TMP/out" >"$TMP/named"
	report_verdicts "$TMP/named"
done

# listener_lines FILE: the details of every listener event, in order.
listener_lines() {
	awk '$4 == "listener" { $1 = $2 = $3 = ""; sub(/^ +/, ""); print }' "$1"
}

fw play "$lesson" >"$TMP/full" 2>&1
expect_eq "play scenario-backlog-full holds" 0 "$?"
listener_lines "$TMP/full" >"$TMP/fl"
expect_eq "the listener first reads LISTEN, empty, with listen()'s backlog as its limit" \
    "listener :9000 LISTEN src=kernel accept-queue 0/2" "$(head -n 1 "$TMP/fl")"
grep -qx 'listener :9000 LISTEN accept-queue 3/2' "$TMP/fl"
expect_eq "three wait in a queue whose limit is two" 0 "$?"
expect_eq "a listener's reading is the server's, with no connection number" 0 \
    "$(awk '$4 == "listener" && ($2 != "server" || / conn=/) { n++ }
    END { print n + 0 }' "$TMP/full")"
# The fourth client's SYN, dropped by the full queue: it gets no SYN-ACK,
# and its kernel sends it again before connect() gives up.
expect_eq "the SYN the full queue drops is sent again, unanswered" "1 0" \
    "$(awk '$3 == "step" { s = $4 } s == "overflow" && $3 == "seg" &&
    / conn=4$/ { if ($4 == "client>server" && $5 == "S") syn++;
    if ($4 == "server>client") ans++ } END { print (syn >= 2), ans + 0 }' \
    "$TMP/full")"
grep -q 'client  call    connect(6, 127.0.0.1:9000) = -1 EINPROGRESS' \
    "$TMP/full"
expect_eq "the dropped client's connect() gives up with EINPROGRESS" 0 "$?"
# While accept() takes them one by one, a reading may catch the queue on
# its way down (2/2, 1/2): the last two are the drained queue and the
# new client in it.
expect_eq "accept() drains the queue, then a new client waits alone" \
    "listener :9000 LISTEN accept-queue 0/2
listener :9000 LISTEN accept-queue 1/2" \
    "$(awk '$3 == "step" { s = $4 } s == "drain" && $4 == "listener" {
    $1 = $2 = $3 = ""; sub(/^ +/, ""); print }' "$TMP/full" | tail -n 2)"
expect_eq "tcp_abort_on_overflow: the ACK the full queue cannot take draws an RST" \
    1 "$(awk '$3 == "step" { s = $4 } s == "abort" && $3 == "seg" &&
    $4 == "server>client" && $5 == "R" { n++ } END { print n + 0 }' \
    "$TMP/full")"

# close-wait-leak: 20 clients connect, the server accepts 7 before
# EMFILE, and 13 wait; the transcript says so, and so did `ss -tln`.
fw play close-wait-leak >"$TMP/leak" 2>&1
expect_eq "play close-wait-leak holds" 0 "$?"
expect_eq "close-wait-leak ends with 13 waiting in the accept queue" \
    "listener :9000 LISTEN accept-queue 13/64" \
    "$(listener_lines "$TMP/leak" | tail -n 1)"

# A listener closed by its endpoint is CLOSED, from the kernel.
fw play server-closes-first >"$TMP/scf" 2>&1
expect_eq "play server-closes-first holds" 0 "$?"
listener_lines "$TMP/scf" | grep -qx 'listener :9000 CLOSED src=kernel'
expect_eq "a closed listener is recorded CLOSED" 0 "$?"
