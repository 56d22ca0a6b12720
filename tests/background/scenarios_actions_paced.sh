# The scenario lessons of tests/kernel/scenarios_actions.sh as a slow
# reader takes them: 10 s before each step, all at once (they sleep).
# Their stories span steps (a SYN_SENT socket closed a step later, held
# ACKs delivered a step later), so a pause between steps must not change
# what the kernel does. tests/run.sh starts this file before the others.
. tests/kernel/lib.sh
: "${FINWAVE_PACE:=10}"
data=tests/kernel/data
lessons="$data/scenario-syn-sent-close.lesson $data/scenario-keepalive.lesson
    $data/scenario-user-timeout.lesson $data/scenario-tw-rst.lesson
    $data/scenario-conn-choice.lesson"
n=$(echo $lessons | wc -w)
fw check -j "$n" --pace "$FINWAVE_PACE" $lessons >"$TMP/out" 2>&1
sed 's/^/    /' "$TMP/out"
sed -E 's/^(ok|FAIL|skip)( +)([a-z0-9-]+)/\1\2paced-\3/' "$TMP/out" >"$TMP/named"
report_verdicts "$TMP/named"
