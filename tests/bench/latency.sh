#!/bin/sh
# latency.sh: how long after a system call returns does the transcript show
# the kernel-confirmed state it led to? Each lesson below is played $RUNS
# times (25 by default) with `$FINWAVE play`; in each transcript the step's
# `close(...) = 0` call line is paired with the first `state CLOSED
# src=kernel` line of the same endpoint in that step, and the latency is
# the difference of their TIME columns:
#
#   linger-zero-rst, step client-closes: client close() = 0, client CLOSED
#   four-way-close, step server-closes:  server close() = 0, server CLOSED
#
# In both the kernel has finished with the socket by the time close()
# returns (the RST, or the last ACK on loopback, is processed within the
# call), so the figure is finwave's own delay: call report, capture, dump.
# The call's time is taken in the endpoint after the call returned, the
# state's when the dump that showed it completed. Events are sorted by
# time, so a state the probe saw before the call report arrived comes first
# and its latency is <= 0; such runs are counted and kept, not hidden.
# TIME has microsecond precision.
#
# The floor is one bare sock_diag dump of a lab with 4 sockets, measured by
# probe_bench in the same run: $BENCH_FLOORS holds "bare_dump_4_ms MS"
# (without it the ratio is not printed). Target: median <= 1.5 dumps.
#
# Prints one table row a lesson, then notes; exits non-zero when a run
# fails or its transcript lacks either line.
cd "$(dirname "$0")/../.." || exit 1
: "${FINWAVE:=build/finwave}"
: "${RUNS:=25}"
TARGET_RATIO=1.5
BARE_MS=
if [ -n "${BENCH_FLOORS:-}" ] && [ -r "$BENCH_FLOORS" ]; then
	BARE_MS=$(awk '$1 == "bare_dump_4_ms" { print $2 }' "$BENCH_FLOORS")
fi

if [ ! -x "$FINWAVE" ]; then
	echo "latency.sh: $FINWAVE not found; build it first (make)" >&2
	exit 1
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# latency_extract STEP ENDPOINT FILE: print "MS BEFORE" for one transcript,
# BEFORE 1 when the state line came before the call line; fail if absent.
latency_extract() {
	awk -v step="$1" -v ep="$2" '
	$3 == "step" { instep = ($4 == step); next }
	!instep { next }
	$2 == ep && $3 == "call" && $4 ~ /^close\(/ && \
	    $(NF - 1) == "=" && $NF == "0" && tc == "" {
		tc = $1
		if (ts != "")
			before = 1
	}
	$2 == ep && $3 == "state" && $4 == "CLOSED" && $5 == "src=kernel" && \
	    ts == "" {
		ts = $1
	}
	END {
		if (tc == "" || ts == "")
			exit 1
		printf "%.3f %d\n", (ts - tc) * 1000, before + 0
	}' "$3"
}

# latency_lesson LESSON STEP ENDPOINT: play RUNS times, print the row.
latency_lesson() {
	lesson=$1
	step=$2
	ep=$3
	out="$tmp/$lesson.ms"
	: >"$out"
	i=1
	while [ "$i" -le "$RUNS" ]; do
		t="$tmp/$lesson.$i"
		"$FINWAVE" play "$lesson" >"$t" 2>&1
		status=$?
		if [ "$status" -ne 0 ]; then
			cat "$t" >&2
			echo "latency.sh: $FINWAVE play $lesson, run $i," \
			    "exited with status $status" >&2
			return 1
		fi
		if ! latency_extract "$step" "$ep" "$t" >>"$out"; then
			cat "$t" >&2
			echo "latency.sh: $lesson run $i: no \"$ep call" \
			    "close(...) = 0\" and \"$ep state CLOSED" \
			    "src=kernel\" in step $step" >&2
			return 1
		fi
		i=$((i + 1))
	done
	sort -n "$out" | awk -v label="close() to kernel CLOSED, $lesson" \
	    -v target="$TARGET_RATIO" -v bare="$BARE_MS" \
	    -v what="$ep close() = 0" '
	{ ms[NR] = $1; if ($1 <= 0) le0++; if ($2) before++ }
	END {
		n = NR
		med = ms[int((n + 1) / 2)]
		p95 = ms[int((95 * n + 99) / 100)]
		note = "(no floor measured)"
		if (bare > 0)
			note = sprintf("ratio %.2f to a bare dump, %.3f ms " \
			    "(target <= %.1f)%s", med / bare, bare, target,
			    med / bare > target ? " MISSED" : "")
		printf "%-45s%-19s%-16s%s\n", label, sprintf("%.3f ms", med),
		    sprintf("%.3f ms", p95), note
		printf "  %d runs, min %.3f ms, max %.3f ms; %d with latency" \
		    " <= 0, %d with the state line before \"%s\"\n",
		    n, ms[1], ms[n], le0, before, what
	}'
}

latency_lesson linger-zero-rst client-closes client || exit 1
latency_lesson four-way-close server-closes server || exit 1
