# Every state as the kernel had it, read from transcripts: each side's
# states follow RFC 793's diagram (no TIME_WAIT that "ends" in FIN_WAIT_2),
# no state is placed after the captured segment that ended it, a timer
# restart has a segment of its connection as its cause, and a timer that
# begins in the same state is an event.
. tests/kernel/lib.sh

# audit FILE: one line per breach of the rules above; nothing when none.
audit() {
	awk '
	BEGIN {
		split("SYN_SENT SYN_RECV ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 CLOSE_WAIT LAST_ACK CLOSING TIME_WAIT", all, " ")
		next_of["SYN_SENT"] = "SYN_RECV ESTABLISHED"
		next_of["SYN_RECV"] = "ESTABLISHED FIN_WAIT_1"
		next_of["ESTABLISHED"] = "FIN_WAIT_1 CLOSE_WAIT"
		next_of["FIN_WAIT_1"] = "FIN_WAIT_2 CLOSING TIME_WAIT"
		next_of["FIN_WAIT_2"] = "TIME_WAIT"
		next_of["CLOSING"] = "TIME_WAIT"
		next_of["CLOSE_WAIT"] = "LAST_ACK"
		next_of["LAST_ACK"] = ""
		next_of["TIME_WAIT"] = ""
	}
	# leads(a, b): b can follow a by the diagram (CLOSED always).
	function leads(a, b,    seen, todo, n, i, s, w, k) {
		if (b == "CLOSED") return 1
		todo = a; delete seen
		while (todo != "") {
			n = split(todo, w, " "); todo = ""
			for (i = 1; i <= n; i++) {
				split(next_of[w[i]], s, " ")
				for (k in s) if (!(s[k] in seen)) {
					if (s[k] == b) return 1
					seen[s[k]] = 1; todo = todo " " s[k]
				}
			}
		}
		return 0
	}
	function conn_of(    i) {
		for (i = 4; i <= NF; i++) if ($i ~ /^conn=/) return substr($i, 6)
		return 1
	}
	$3 == "seg" || $3 == "hold" || $3 == "drop" || $3 == "deliver" {
		split($4, ends, ">"); c = conn_of(); cause[ends[1], c] = 1; cause[ends[2], c] = 1
		if ($3 != "seg") next
		for (i = 5; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
		if ($5 ~ /F/) fin_end[ends[1], c] = f["seq"] + f["len"] + 1
		if ($5 ~ /F/) fin_sent[ends[1], c] = 1
		if ((ends[2], c) in fin_end && f["ack"] + 0 >= fin_end[ends[2], c]) acked[ends[2], c] = 1
		next
	}
	$3 == "state" && $4 != "listener" {
		c = conn_of(); st = $4; k = $2 SUBSEP c
		if ($0 ~ / restarted /) {
			if (!(k in cause)) print $1 " " $2 " conn " c ": restarted without a segment since its last reading"
		} else if (k in last && last[k] != st && !leads(last[k], st))
			print $1 " " $2 " conn " c ": " last[k] " then " st
		if ((st == "FIN_WAIT_1" || st == "CLOSING" || st == "LAST_ACK") && (k in acked))
			print $1 " " $2 " conn " c ": " st " after the ACK of its FIN"
		if ((st == "ESTABLISHED" || st == "CLOSE_WAIT") && (k in fin_sent))
			print $1 " " $2 " conn " c ": " st " after its own FIN"
		last[k] = st; delete cause[k]
	}
	$3 == "timer" || $3 == "queues" { delete cause[$2, conn_of()] }
	' "$1"
}

fw check tests/kernel/data/engine-fin-overtakes.lesson >"$TMP/c" 2>&1
expect_eq "a FIN that overtakes held data waits for it (engine-fin-overtakes)" \
    0 "$?"

runs=0
bad=""
for lesson in server-closes-first fork-refcount fin-timeout process-kill \
    linger-timeout time-wait-buckets tw-reuse simultaneous-close fin-wait-1 \
    lost-last-ack no-time-wait tests/kernel/data/engine-fin-overtakes.lesson
do
	case "$lesson" in *.lesson) file=$lesson ;; *) file=lessons/$lesson.lesson ;; esac
	fw play "$file" >"$TMP/t" 2>&1
	runs=$((runs + 1))
	audit "$TMP/t" >"$TMP/a"
	[ -s "$TMP/a" ] && bad="$bad $(basename "$file" .lesson): $(head -n 3 "$TMP/a" | tr '\n' ';')"
done
expect_eq "states follow the diagram, before the segments that end them, restarts with a cause ($runs lessons)" "" "$bad"

# The rules can fail: a transcript that breaks each is caught.
cat >"$TMP/bad" <<'EOT'
  0.1  wire    seg     client>server F. seq=1 ack=1 len=0 win=65536
  0.2  client  state   FIN_WAIT_1 src=kernel
  0.3  wire    seg     server>client . seq=1 ack=2 len=0 win=65536
  0.4  client  state   FIN_WAIT_1 src=kernel timer=retransmit expires=1 restarted was=0
  0.5  client  state   CLOSING src=wire
  0.6  client  state   TIME_WAIT src=wire
  0.7  client  state   FIN_WAIT_2 src=kernel
  0.8  server  state   ESTABLISHED src=kernel
  0.85 server  state   ESTABLISHED src=kernel restarted was=0
  0.9  wire    seg     server>client F. seq=1 ack=2 len=0 win=65536
  1.0  server  state   CLOSE_WAIT src=kernel
EOT
expect_eq "the audit catches each breach" 5 "$(audit "$TMP/bad" | wc -l)"

# fin-timeout: close() on a half-closed FIN_WAIT_2 starts the orphan's
# timer: a timer event in the same state, with the kernel's time left.
fw play fin-timeout >"$TMP/f" 2>&1
expect_eq "fin-timeout: the orphan's new timer is an event" 1 \
    "$(grep -cE ' client +timer +FIN_WAIT_2 timer=timewait expires=[0-9]+' "$TMP/f")"
