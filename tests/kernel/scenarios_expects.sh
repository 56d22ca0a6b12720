# The expectations beyond states and segments, against the real kernel: a
# refused connect() (the side nobody owns as ":PORT", its SYN_SENT and
# CLOSED, the counters it raised), a late segment rejected by PAWS (the
# lab's counters), the queues and tcp_info readings, and the lab's kill.
# Each scenario lesson holds several times in a row and as a slow reader.
. tests/kernel/lib.sh
data=tests/kernel/data
lessons="$data/scenario-connect-refused.lesson $data/scenario-paws.lesson"

# As a reader who takes 10 s a step, alongside the quick runs.
fw check -j 2 --pace 10 $lessons >"$TMP/paced" 2>&1 &
paced=$!

for run in 1 2 3; do
	fw check -j 2 $lessons >"$TMP/out" 2>&1
	expect_eq "run $run: the scenario lessons hold" \
	    "2 lessons: 2 held, 0 failed" "$(tail -n 1 "$TMP/out")"
done
report_verdicts "$TMP/out"

fw play $data/scenario-connect-refused.lesson >"$TMP/refused" 2>&1
for line in 'wire    seg     client>:9001 S ' \
    'wire    seg     :9001>client R\. ' \
    'client  call    connect(3, 127\.0\.0\.1:9001) = -1 ECONNREFUSED' \
    'client  state   SYN_SENT src=\(wire\|kernel\)' \
    'client  state   CLOSED src=kernel' \
    'ok lab counter OutRsts 1; observed: OutRsts +1; '; do
	grep -q "$line" "$TMP/refused"
	expect_eq "a refused connect shows: $line" 0 "$?"
done

fw play $data/scenario-paws.lesson >"$TMP/paws" 2>&1
for line in 'ok lab counter PAWSEstab 1; observed: PAWSEstab +1; ' \
    'ok lab counter TCPChallengeACK 1; observed: TCPChallengeACK +1; ' \
    'ok client send-q 100; observed: send-q 100 (conn 1, the latest reading)' \
    'ok client rto 2000\.\.2500; observed: rto 20[0-9][0-9] ms '; do
	grep -q "$line" "$TMP/paws"
	expect_eq "the PAWS scenario shows: $line" 0 "$?"
done

# The kill is the lab's call, and the old spelling names the new one.
fw play process-kill >"$TMP/kill" 2>&1
grep -q '  lab     call    kill([0-9]* server, SIGKILL) = 0$' "$TMP/kill"
expect_eq "the lab kills the server, and the transcript says so" 0 "$?"
sed 's/^	expect lab call kill = 0$/	expect server call kill = 0/' \
    lessons/process-kill.lesson >"$TMP/process-kill.lesson"
line=$(grep -n 'expect server call kill' "$TMP/process-kill.lesson" |
    head -n 1 | cut -d: -f1)
fw check "$TMP/process-kill.lesson" >"$TMP/old" 2>&1
expect_eq "'expect server call kill' is refused (exit 2)" 2 "$?"
expect_eq "the error names the lab's spelling" \
    "$TMP/process-kill.lesson:$line: 'kill' is the lab's call: write 'expect lab call kill ...'" \
    "$(head -n 1 "$TMP/old")"

wait "$paced"
expect_eq "the scenario lessons hold at --pace 10" \
    "2 lessons: 2 held, 0 failed" "$(tail -n 1 "$TMP/paced")"
report_verdicts "$TMP/paced"
