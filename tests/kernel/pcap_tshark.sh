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

# Every segment's window in bytes and its timestamps, as the transcript
# gives them, are what tshark reads in the same capture: tcp.window_size
# (the field scaled by the sender's window scale, unscaled on a SYN) and
# tcp.options.timestamp.tsval and tsecr. A lesson with data, one whose
# receiver's window closes, and one with a second connection.
seg_facts() {
	awk '$3 == "seg" { w = "?"; v = "-"; e = "-";
	    for (i = 4; i <= NF; i++) {
		if ($i ~ /^win=/) w = substr($i, 5);
		if ($i ~ /^tsval=/) v = substr($i, 7);
		if ($i ~ /^tsecr=/) e = substr($i, 7);
	    }
	    print w, v, e }' "$1"
}
tshark_facts() {
	tshark -r "$1" -T fields -E occurrence=f -e tcp.window_size \
	    -e tcp.options.timestamp.tsval -e tcp.options.timestamp.tsecr \
	    2>"$TMP/err" | awk -F '\t' '{ print $1, ($2 == "" ? "-" : $2),
	    ($3 == "" ? "-" : $3) }'
}
total=0
matched=0
for lesson in linger-zero-rst eof-after-data linger-timeout tw-reuse; do
	fw play "$lesson" --pcap "$TMP/$lesson.pcap" >"$TMP/$lesson.t" 2>&1
	seg_facts "$TMP/$lesson.t" >"$TMP/ours"
	tshark_facts "$TMP/$lesson.pcap" >"$TMP/theirs"
	n=$(wc -l <"$TMP/theirs")
	same=$(paste -d '|' "$TMP/ours" "$TMP/theirs" |
	    awk -F '|' '$1 == $2' | wc -l)
	total=$((total + n))
	matched=$((matched + same))
	expect_eq "$lesson: win, tsval and tsecr of all $n segments as tshark reads them" \
	    "$(cat "$TMP/theirs")" "$(cat "$TMP/ours")"
done
echo "# $matched of $total segments: finwave's window and timestamps are tshark's"
scaled=$(awk '$3 == "seg" && $8 == "len=0" && $9 == "win=65536"' \
    "$TMP/eof-after-data.t" | wc -l)
case "$scaled" in
0) fail "a window field of 64 with shift 10 reads as 65536 bytes" \
    "no segment with win=65536 in eof-after-data" ;;
*) pass "a window field of 64 with shift 10 reads as 65536 bytes" ;;
esac

# A pcap file that cannot be written is an error, not a silent success.
fw play linger-zero-rst --pcap /dev/full >/dev/null 2>"$TMP/err"
expect_eq "play --pcap /dev/full exits 1" 1 "$?"
expect_eq "play --pcap /dev/full says why" \
    "finwave: linger-zero-rst: /dev/full: cannot write: No space left on device" \
    "$(cat "$TMP/err")"
