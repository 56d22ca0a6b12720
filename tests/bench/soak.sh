#!/bin/sh
# soak.sh: the catalogue checked again and again, to see that the settle
# rule holds under load: RUNS (5) runs at -j 2 and at -j 8, then one at
# --pace PACE (10 s, a slow reader). Not part of make test (about 10
# minutes). Prints one line a run and a summary; exits non-zero if any
# lesson failed in any run, with its verdict lines.
cd "$(dirname "$0")/../.." || exit 1
: "${FINWAVE:=build/finwave}"
: "${RUNS:=5}"
: "${PACE:=10}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
bad=0

# soak LABEL ARGS...: one check run; its last line, and any failure.
soak() {
	label=$1
	shift
	start=$(date +%s.%N)
	"$FINWAVE" check "$@" >"$TMP/out" 2>&1
	status=$?
	end=$(date +%s.%N)
	printf '%-16s %6.1f s  %s\n' "$label" \
	    "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" \
	    "$(tail -n 1 "$TMP/out")"
	if [ "$status" -ne 0 ]; then
		grep -v '^ok' "$TMP/out" | sed 's/^/    /'
		bad=$((bad + 1))
	fi
}

for jobs in 2 8; do
	i=1
	while [ "$i" -le "$RUNS" ]; do
		soak "-j $jobs, run $i" -j "$jobs"
		i=$((i + 1))
	done
done
soak "--pace $PACE" -j 8 --pace "$PACE"
echo "soak: $bad run(s) with a failure"
[ "$bad" -eq 0 ]
