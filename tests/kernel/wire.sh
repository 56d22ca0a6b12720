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

# The iptables child gets stdin, stdout, stderr and (for iptables-legacy)
# its private lock as descriptor 3: none of finwave's sockets (sock_diag,
# libpcap's, NFQUEUE's). A wrapper lists its descriptors, then runs the
# real program. The lock is an anonymous file: nothing is left behind.
for backend in nft legacy; do
	real=/usr/sbin/iptables-$backend
	[ -x "$real" ] || real=/usr/sbin/iptables
	cat >"$TMP/iptables-$backend" <<WRAP
#!/bin/sh
ls -l /proc/\$\$/fd >"$TMP/ls-$backend"
printf '%s\n' "\$XTABLES_LOCKFILE" >"$TMP/lock-$backend"
exec "$real" "\$@"
WRAP
	chmod +x "$TMP/iptables-$backend"
	FINWAVE_IPTABLES="$TMP/iptables-$backend" fw check fin-wait-1 \
	    >"$TMP/c" 2>&1
	expect_eq "fin-wait-1 holds with iptables-$backend" 0 "$?"
	sed -n 's/.* \([0-9]*\) -> \(.*\)$/\1 \2/p' "$TMP/ls-$backend" \
	    >"$TMP/fds-$backend"
	sed 's/^/    /' "$TMP/fds-$backend"
	leaked=$(grep -E 'socket:|anon_inode:|pipe:' "$TMP/fds-$backend" |
	    grep -v '^2 ' | tr '\n' ' ')
	expect_eq "iptables-$backend inherits no descriptor of finwave's" "" \
	    "$leaked"
	grep -q '^3 /memfd:finwave-xtables-lock' "$TMP/fds-$backend"
	expect_eq "iptables-$backend gets its private lock as descriptor 3" 0 "$?"
	expect_eq "iptables-$backend is told where the lock is" \
	    /proc/self/fd/3 "$(cat "$TMP/lock-$backend")"
done
left=$(ls -d "${TMPDIR:-/tmp}"/finwave-xtables.* 2>/dev/null | wc -l)
expect_eq "no lock directory is left in the temporary directory" 0 "$left"
