# The four-way close, segment by segment and state by state, as `finwave
# play` prints it.
. tests/kernel/lib.sh
"$FINWAVE" play four-way-close >"$TMP/t" 2>"$TMP/err"
expect_eq "play four-way-close exits 0" 0 "$?"
sed 's/^/    /' "$TMP/t"

segs=$(awk '$3 == "seg" { print $4, $5, $6, $7 }' "$TMP/t")
expect_eq "segments in order" "client>server S seq=0 ack=0
server>client S. seq=0 ack=1
client>server . seq=1 ack=1
client>server F. seq=1 ack=1
server>client . seq=1 ack=2
server>client F. seq=1 ack=2
client>server . seq=2 ack=2" "$segs"

states() { awk -v who="$1" '$2 == who && $3 == "state" && $4 != "listener" { print $4 }' "$TMP/t" |
    tr '\n' ' '; }
# The client's FIN_WAIT_1 lasts microseconds: kernel or wire may show it.
client=$(states client | sed 's/FIN_WAIT_1 //')
expect_eq "client states" "SYN_SENT ESTABLISHED FIN_WAIT_2 TIME_WAIT " "$client"
server=$(states server | sed 's/LAST_ACK //')
expect_eq "server states" "SYN_RECV ESTABLISHED CLOSE_WAIT CLOSED " "$server"
grep -q 'server  state   LAST_ACK src=' "$TMP/t"
expect_eq "server LAST_ACK recorded (kernel or wire)" 0 "$?"
grep -q 'server  call    recv(4) = 0' "$TMP/t"
expect_eq "server recv returns 0 (EOF)" 0 "$?"
tw=$(awk '$2 == "client" && $4 == "TIME_WAIT" { print $5, $6 }' "$TMP/t")
case "$tw" in
"src=kernel timer=timewait") pass "TIME_WAIT reported by the kernel with its timer" ;;
*) fail "TIME_WAIT reported by the kernel with its timer" "got [$tw]" ;;
esac
fails=$(grep -c ' check  FAIL' "$TMP/t")
expect_eq "no failed check in the transcript" 0 "$fails"
