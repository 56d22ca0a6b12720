#!/bin/sh
# run.sh: the benchmarks, as one table, each figure beside its floor
# measured in the same run:
#   $BENCH/probe_bench  a probe dump against a bare sock_diag dump of the
#                       same lab (4 sockets in the lab's own hash and in the
#                       host's; 10,000 TIME_WAIT), and ss -tan in the lab
#   $BENCH/wire_bench   what the wire adds to a segment it passes
#   $BENCH/parse_bench  a valid 1 MiB lesson parsed, against linear cost
#   $BENCH/holders_bench  reading a process's sockets from its descriptors
#                       (a lesson with a fork), against the bare walk of them
#   tui.sh              what the lesson view costs, and key -> screen
#   latency.sh          a call's return to the kernel-confirmed state in the
#                       transcript, against one bare dump
#   catalogue.sh        `finwave check` of the catalogue, new settle rule
#                       against the old; 20,000 connections against 1,000
# Exits non-zero when any part fails; a missed target is marked MISSED in
# its row but is not a failure.
cd "$(dirname "$0")/../.." || exit 1
: "${FINWAVE:=build/finwave}"
: "${BENCH:=build/bench}"
BENCH_FLOORS=$(mktemp)
export FINWAVE BENCH_FLOORS
trap 'rm -f "$BENCH_FLOORS"' EXIT
status=0

echo "finwave bench: Linux $(uname -r), $(nproc) CPUs"
printf '%-45s%-19s%-16s%s\n' MEASURE MEDIAN P95 NOTE
for part in "$BENCH/probe_bench" "$BENCH/wire_bench" "$BENCH/parse_bench" \
    "$BENCH/holders_bench" \
    "sh tests/bench/tui.sh" "sh tests/bench/latency.sh" \
    "sh tests/bench/catalogue.sh"; do
	if ! $part; then
		echo "FAIL $part" >&2
		status=1
	fi
done
exit $status
