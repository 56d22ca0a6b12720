# The lab gets a TCP connection hash of its own, sized from the lesson
# (two buckets a connection, at least 256), through an intermediate
# namespace: the host's sysctls stay as they were, and the two limits the
# kernel derives from the hash size are those of a shared-hash namespace.
# Where the kernel cannot (FINWAVE_TEST_HIDE_SYSCTL hides the sysctl), the
# lab shares the host's hash, which tcp_ehash_entries shows as negative.
# The lab is read from outside with nsenter, through an endpoint's pid.
. tests/kernel/lib.sh
data=tests/kernel/data
sys=/proc/sys/net/ipv4

if [ ! -e $sys/tcp_child_ehash_entries ]; then
	echo "SKIP private hash: this kernel has no tcp_child_ehash_entries (Linux 6.1 and later)"
	exit 0
fi
host_child=$(cat $sys/tcp_child_ehash_entries)
shared=$(unshare -n sh -c "cat $sys/tcp_max_tw_buckets $sys/tcp_max_syn_backlog" |
    tr '\n' ' ')

# lab_reads [ENV...]: play engine-hash and print what the lab's namespace
# says: "EHASH TW_BUCKETS SYN_BACKLOG " (empty when it could not look).
# $AS runs finwave as another user (runuser), empty for the caller.
AS=""
lab_reads() {
	env "$MARKENV" "$@" $AS "$FINWAVE" play $data/engine-hash.lesson \
	    >"$TMP/t" 2>&1 &
	fwpid=$!
	if wait_for 10 pgrep -P "$fwpid"; then
		ep=$(pgrep -P "$fwpid" | head -n 1)
		nsenter -t "$ep" -n sh -c "cat $sys/tcp_ehash_entries \
		    $sys/tcp_max_tw_buckets $sys/tcp_max_syn_backlog" | tr '\n' ' '
	fi
	wait "$fwpid"
	echo "$?" >"$TMP/status"
}

reads=$(lab_reads)
expect_eq "the lesson holds in a lab with a private hash" 0 "$(cat "$TMP/status")"
expect_eq "300 connections: a private hash of 1024 buckets, the limits of a shared-hash namespace" \
    "1024 $shared" "$reads"
expect_eq "the host's tcp_child_ehash_entries is untouched" \
    "$host_child" "$(cat $sys/tcp_child_ehash_entries)"

reads=$(lab_reads FINWAVE_TEST_HIDE_SYSCTL=tcp_child_ehash_entries)
expect_eq "the lesson holds in the shared hash" 0 "$(cat "$TMP/status")"
case "$reads" in
-*) pass "without the sysctl the lab shares the host's hash ($reads)" ;;
*) fail "without the sysctl the lab shares the host's hash" "read [$reads]" ;;
esac

# A lesson that sets tcp_max_tw_buckets itself still gets its own value.
fw check time-wait-buckets >"$TMP/c" 2>&1 || sed 's/^/    /' "$TMP/c"
expect_eq "time-wait-buckets holds in a private hash" \
    "1 lesson: 1 held, 0 failed" "$(tail -n 1 "$TMP/c")"

# As an ordinary user, through a user namespace, the same.
if [ "$(id -u)" -eq 0 ]; then
	chmod 755 "$TMP"
	cp "$FINWAVE" $data/engine-hash.lesson "$TMP/"
	chmod a+rx "$TMP/finwave" "$TMP/engine-hash.lesson"
	FINWAVE=$TMP/finwave data=$TMP AS="runuser -u nobody --"
	reads=$(lab_reads)
	expect_eq "as nobody too: a private hash of 1024 buckets, the shared limits" \
	    "1024 $shared" "$reads"
else
	echo "SKIP private hash as nobody: not root"
fi
