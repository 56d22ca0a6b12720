# Every lesson, judged by the real kernel: `finwave check` must pass.
. tests/kernel/lib.sh
"$FINWAVE" check >"$TMP/out" 2>&1
status=$?
cat "$TMP/out" | sed 's/^/    /'
report_verdicts "$TMP/out"
expect_eq "check exits 0 when every lesson holds" 0 "$status"
n=$(ls lessons/*.lesson | wc -l)
expect_eq "check judged every lesson" "$n lessons: $n held, 0 failed" \
    "$(tail -n 1 "$TMP/out")"
