# The actions a teardown can take, against the real kernel: a connect()
# still under way keeps its socket (close in SYN_SENT), SO_KEEPALIVE,
# TCP_USER_TIMEOUT, an RST that ends a TIME_WAIT (and tcp_rfc1337), a
# chosen connection (conn N), bind before connect, socket options and
# every sysctl. Each lesson judges itself twice in a row; the transcript
# checks below see what an expectation cannot. tests/background/
# scenarios_actions_paced.sh runs the same lessons as a slow reader.
. tests/kernel/lib.sh
data=tests/kernel/data
lessons="$data/scenario-syn-sent-close.lesson $data/scenario-keepalive.lesson
    $data/scenario-user-timeout.lesson $data/scenario-tw-rst.lesson
    $data/scenario-conn-choice.lesson $data/scenario-sysctls.lesson"
n=$(echo $lessons | wc -w)
for run in 1 2; do
	fw check -j "$n" $lessons >"$TMP/out" 2>&1
	sed 's/^/    /' "$TMP/out"
	sed -E "s/^(ok|FAIL|skip)( +)([a-z0-9-]+)/\1\2\3-run$run/" \
	    "$TMP/out" >"$TMP/named"
	report_verdicts "$TMP/named"
done

# The RST that ends the TIME_WAIT carries, as its sequence number, the
# acknowledgement number of the ACK it answers: the client's next
# expected byte. Both are relative to the same side's ISN (the server's).
fw play $data/scenario-tw-rst.lesson >"$TMP/tw" 2>&1
ack=$(awk '$3 == "deliver" && $4 == "client>server" { sub("ack=", "", $7);
    print $7; exit }' "$TMP/tw")
rst=$(awk '$3 == "seg" && $4 == "server>client" && $5 == "R" {
    sub("seq=", "", $6); print $6; exit }' "$TMP/tw")
expect_eq "the RST's seq is the delivered ACK's ack (the client's rcv_nxt)" \
    "${ack:-none}" "${rst:-none}"
expect_eq "the first RST meets a TIME_WAIT, which ends at once" 1 \
    "$(awk '$3 == "seg" && $5 == "R" { r = 1 } r && $2 == "client" &&
    $3 == "state" && $4 == "CLOSED" { print 1; exit }' "$TMP/tw")"

# connect() under way: the socket is kept, and the retransmitted SYNs the
# wire drops belong to the client (a rule on the client's SYNs takes them
# after connect() has returned).
fw play $data/scenario-syn-sent-close.lesson >"$TMP/syn" 2>&1
grep -q 'client  call    connect(3, 127.0.0.1:9000) = -1 EINPROGRESS' \
    "$TMP/syn"
expect_eq "connect() reports EINPROGRESS after a second" 0 "$?"
expect_eq "the connect() under way keeps its socket: no close() in its step" \
    0 "$(awk '$3 == "step" { step = $4 } step == "connect" &&
    $2 == "client" && $4 ~ /^close\(/ { n++ } END { print n + 0 }' \
    "$TMP/syn")"
n=$(grep -c 'wire    drop    client>server S ' "$TMP/syn")
if [ "$n" -ge 4 ]; then
	pass "every SYN of both connects is dropped as the client's ($n)"
else
	fail "every SYN of both connects is dropped as the client's" \
	    "$n drops"
fi

# The socket options, each a setsockopt with the kernel's answer, on the
# descriptors conn N names.
fw play $data/scenario-conn-choice.lesson >"$TMP/conn" 2>&1
for call in 'setsockopt(3, SO_RCVBUF, 4096) = 0' \
    'setsockopt(5, SO_KEEPALIVE, 1) = 0' 'setsockopt(5, TCP_KEEPIDLE, 1) = 0' \
    'setsockopt(5, TCP_KEEPINTVL, 1) = 0' 'setsockopt(5, TCP_KEEPCNT, 2) = 0' \
    'setsockopt(4, TCP_USER_TIMEOUT, 1000) = 0' \
    'setsockopt(4, SO_SNDBUF, 8192) = 0' 'setsockopt(5, SO_KEEPALIVE, 0) = 0' \
    'bind(5, 127.0.0.1:40000) = 0' 'send(-1, 5 bytes) = -1 EBADF' \
    'close(3) = 0'; do
	grep -qF "call    $call" "$TMP/conn"
	expect_eq "conn-choice: $call" 0 "$?"
done
# SO_RCVBUF 4096 on the listener: its connections offer a 4096-byte window.
grep -q 'server>client S\. seq=0 ack=1 len=0 win=4096 ' "$TMP/conn"
expect_eq "rcvbuf on the listener: the SYN-ACK offers win=4096" 0 "$?"

# The sysctls are the lab's: the host's values are untouched.
names="tcp_rfc1337 tcp_keepalive_time tcp_keepalive_intvl
    tcp_keepalive_probes tcp_syn_retries tcp_synack_retries
    tcp_orphan_retries tcp_max_syn_backlog tcp_abort_on_overflow
    tcp_syncookies tcp_timestamps"
host() { for s in $names; do cat "/proc/sys/net/ipv4/$s"; done; }
before=$(host)
fw check $data/scenario-sysctls.lesson >/dev/null 2>&1
expect_eq "the lab's sysctls leave the host's alone" "$before" "$(host)"
