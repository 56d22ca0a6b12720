# --pcap writes the same segments that the transcript shows; tshark reads them.
. tests/kernel/lib.sh
"$FINWAVE" play linger-zero-rst --pcap "$TMP/x.pcap" >"$TMP/t" 2>&1
expect_eq "play --pcap exits 0" 0 "$?"
ours=$(awk '$3 == "seg" { print $5 }' "$TMP/t" | tr '\n' ' ')
theirs=$(tshark -r "$TMP/x.pcap" -T fields -e tcp.flags.str 2>"$TMP/err" |
    awk '{ f = ""; if ($0 ~ /S/) f = f "S"; if ($0 ~ /F/) f = f "F";
	if ($0 ~ /P/) f = f "P"; if ($0 ~ /R/) f = f "R";
	if ($0 ~ /A/) f = f "."; print f }' | tr '\n' ' ')
expect_eq "tshark reads the same segments, in order" "$ours" "$theirs"
case "$ours" in
*R*) pass "the capture holds the RST" ;;
*) fail "the capture holds the RST" "segments: $ours" ;;
esac

# A pcap file that cannot be written is an error, not a silent success.
fw play linger-zero-rst --pcap /dev/full >/dev/null 2>"$TMP/err"
expect_eq "play --pcap /dev/full exits 1" 1 "$?"
expect_eq "play --pcap /dev/full says why" \
    "finwave: linger-zero-rst: /dev/full: cannot write: No space left on device" \
    "$(cat "$TMP/err")"
