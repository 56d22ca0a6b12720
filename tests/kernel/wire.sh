# The wire against the real kernel: a dropped last ACK makes the server
# resend its FIN, and the client's TIME_WAIT starts over; a held FIN is
# in flight (retransmitted, FIN_WAIT_1 from the kernel); without iptables
# the wire lessons say why and the others still run.
. tests/kernel/lib.sh

"$FINWAVE" play lost-last-ack >"$TMP/t" 2>"$TMP/err"
expect_eq "play lost-last-ack exits 0" 0 "$?"
sed 's/^/    /' "$TMP/t"

fins=$(awk '$3 == "seg" && $4 == "server>client" && $5 ~ /F/' "$TMP/t" |
    wc -l)
if [ "$fins" -ge 2 ]; then
	pass "the server sent its FIN $fins times"
else
	fail "the server resent its FIN" "$fins FIN(s) captured"
fi
dropped=$(awk '$2 == "wire" && $3 == "drop" { print $4, $5 }' "$TMP/t")
expect_eq "the wire dropped the client's last ACK" "client>server ." "$dropped"
# The client's TIME_WAIT line after the second FIN says "restarted
# was=N": the time left had counted down to N, and is back up.
restarted=$(awk '$2 == "client" && $3 == "state" && $4 == "TIME_WAIT" &&
    / restarted / { for (i = 5; i <= NF; i++) {
	if ($i ~ /^expires=/) e = substr($i, 9)
	if ($i ~ /^was=/) w = substr($i, 5) }
    print w, e; exit }' "$TMP/t")
was=${restarted% *}
now=${restarted#* }
if [ -n "$restarted" ] && [ "$now" -gt "$was" ]; then
	pass "TIME_WAIT's time left went back up (from $was ms to $now ms)"
else
	fail "TIME_WAIT restarted" "no restart recorded, or not upwards: [$restarted]"
fi
second_fin=$(awk '$3 == "seg" && $4 == "server>client" && $5 ~ /F/ {
	n++; if (n == 2) print NR }' "$TMP/t")
restart=$(awk '$2 == "client" && $4 == "TIME_WAIT" && /restarted/ {
	print NR; exit }' "$TMP/t")
if [ -n "$restart" ] && [ -n "$second_fin" ] &&
    [ "$restart" -gt "$second_fin" ]; then
	pass "the restart follows the second FIN"
else
	fail "the restart follows the second FIN" \
	    "FIN at line $second_fin, restart at line $restart"
fi

"$FINWAVE" play fin-wait-1 >"$TMP/f" 2>&1
expect_eq "play fin-wait-1 exits 0" 0 "$?"
held=$(awk '$2 == "wire" && $3 == "hold" && $4 == "client>server" &&
    $5 == "F."' "$TMP/f" | wc -l)
if [ "$held" -ge 2 ]; then
	pass "the held FIN was retransmitted by the kernel ($held copies held)"
else
	fail "the held FIN was retransmitted" "$held held"
fi
grep -q 'client  state   FIN_WAIT_1 src=kernel timer=retransmit' "$TMP/f"
expect_eq "FIN_WAIT_1 reported by the kernel while the FIN is held" 0 "$?"

FINWAVE_IPTABLES=/nonexistent "$FINWAVE" check fin-wait-1 four-way-close \
    >"$TMP/c" 2>&1
status=$?
sed 's/^/    /' "$TMP/c"
expect_eq "check without iptables exits 1" 1 "$status"
grep -q '^FAIL  fin-wait-1 .*the lab could not run: the wire cannot hold segments here: iptables is not installed' "$TMP/c"
expect_eq "a wire lesson says that iptables is missing" 0 "$?"
grep -q '^ok    four-way-close' "$TMP/c"
expect_eq "the other lessons still run without iptables" 0 "$?"
