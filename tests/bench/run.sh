#!/bin/sh
# run.sh: the benchmarks, as one table: $BENCH/probe_bench (a sock_diag
# dump with 10,000 TIME_WAIT sockets, against ss -tan), $BENCH/wire_bench
# (what the wire adds to a segment it passes), then latency.sh
# (from a call's return to the kernel-confirmed state in the transcript),
# then catalogue.sh (the wall time of `finwave check` for every lesson).
# Exits non-zero when any part fails; a missed target is marked MISSED
# in its row but is not a failure.
cd "$(dirname "$0")/../.." || exit 1
: "${FINWAVE:=build/finwave}"
: "${BENCH:=build/bench}"
export FINWAVE
status=0

echo "finwave bench: Linux $(uname -r), $(nproc) CPUs"
printf '%-45s%-19s%-16s%s\n' MEASURE MEDIAN P95 NOTE
if ! "$BENCH/probe_bench"; then
	echo "FAIL $BENCH/probe_bench" >&2
	status=1
fi
if ! "$BENCH/wire_bench"; then
	echo "FAIL $BENCH/wire_bench" >&2
	status=1
fi
if ! sh tests/bench/tui.sh; then
	echo "FAIL tests/bench/tui.sh" >&2
	status=1
fi
if ! sh tests/bench/latency.sh; then
	echo "FAIL tests/bench/latency.sh" >&2
	status=1
fi
if ! sh tests/bench/catalogue.sh; then
	echo "FAIL tests/bench/catalogue.sh" >&2
	status=1
fi
exit $status
