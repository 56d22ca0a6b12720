# A short fuzz of the lesson parser in every `make test`: libFuzzer, under
# AddressSanitizer and UBSan, starts from the catalogue, the engine's
# test lessons and tests/fuzz/seeds, and mutates them for FUZZ_SHORT seconds (20). Every seed
# must parse; any crash, leak or broken invariant (lesson_fuzz.c) fails.
. tests/kernel/lib.sh
: "${FUZZER:=build-fuzz/lesson_fuzz}"
: "${FUZZ_SHORT:=20}"
if [ ! -x "$FUZZER" ]; then
	fail "fuzz" "$FUZZER is not built (make fuzzer)"
	exit 0
fi
mkdir "$TMP/corpus" "$TMP/seeds"
cp lessons/*.lesson tests/kernel/data/*.lesson tests/fuzz/seeds/*.lesson \
    "$TMP/seeds/"
"$FUZZER" -max_total_time="$FUZZ_SHORT" -print_final_stats=1 \
    -close_fd_mask=1 -artifact_prefix="$TMP/" "$TMP/corpus" "$TMP/seeds" \
    >"$TMP/log" 2>&1
status=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$TMP/log")
edges=$(sed -n 's/^#[0-9]*.*DONE *cov: \([0-9]*\).*/\1/p' "$TMP/log")
if [ "$status" -eq 0 ]; then
	pass "fuzz the parser for $FUZZ_SHORT s: ${execs:-?} inputs, ${edges:-?} edges, no crash"
else
	fail "fuzz the parser" "libFuzzer exited with $status:"
	grep -E 'ERROR|SUMMARY|runtime error' "$TMP/log" |
	    sed 's/^/    /' | head -n 20
	for crash in "$TMP"/crash-* "$TMP"/leak-* "$TMP"/timeout-*; do
		[ -f "$crash" ] || continue
		echo "    the input, as hex:"
		od -A d -t x1 "$crash" | head -n 20 | sed 's/^/    /'
	done
fi
# Every seed is a valid lesson under the fuzzer's naming: it parses.
seeds=$(ls "$TMP/seeds" | wc -l)
FINWAVE_FUZZ_ALL_VALID=1 "$FUZZER" -runs=0 -artifact_prefix="$TMP/" \
    "$TMP/seeds" >"$TMP/seedlog" 2>&1
status=$?
if [ "$status" -eq 0 ]; then
	pass "all $seeds seeds parse in the fuzzer"
else
	fail "all $seeds seeds parse in the fuzzer" "$(grep -m1 -E 'ERROR|abort' "$TMP/seedlog")"
fi
