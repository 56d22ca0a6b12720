/*
 * runner_settle.c: when a step has settled, so that its expectations can
 * be judged. The old rule waited for RUNNER_QUIET_MS with nothing on the
 * wire or in the kernel. The rule now is that nothing more can happen
 * without a timer or a key, read from the capture and the probe:
 *
 * - a delayed ACK's time (RUNNER_DELACK_MS: the kernel's delayed-ACK
 *   timer is invisible to sock_diag) has passed since the last segment
 *   that could be acknowledged (data, SYN or FIN);
 * - the probe has looked since the last event, and no state the segments
 *   imply waits for the kernel;
 * - every byte, SYN and FIN the capture saw has been acknowledged, or its
 *   connection was reset, or its sender's socket is gone; otherwise, as
 *   the old rule did, the wire must have been quiet for RUNNER_QUIET_MS;
 * - no kernel timer (a retransmission, a tail-loss probe, a zero-window
 *   probe, the end of a state) is due within RUNNER_QUIET_MS.
 *
 * No call is in flight by then: settling begins after the step's last
 * action is done. A held segment counts as sent: its sender's timer is
 * what may still act.
 */
#include "run/runner_parts.h"

/* How long to wait at first, and after each event, before looking. */
uint64_t
runner_settle_first_ms(const struct runner *r)
{
	return (r->opts.settle == SETTLE_QUIET ? RUNNER_QUIET_MS :
	    RUNNER_PROBE_FAST_MS);
}

/* The sooner of two waits, 0 being none. */
static uint64_t
runner_settle_min(uint64_t wait, uint64_t more)
{
	if (wait == 0 || more == 0)
		return (wait + more);
	return (more < wait ? more : wait);
}

/* Whether the kernel has shown the side's socket gone. */
static int
runner_side_gone(const struct conn *c, int side)
{
	return (c->side[side].kernel_seen && c->side[side].state == TS_CLOSED);
}

/* How long until the side's kernel timer is due plus a probe's delay,
 * when it is due within RUNNER_QUIET_MS; else 0. */
static uint64_t
runner_timer_due_ms(const struct conn *c, int side, uint64_t now_ns)
{
	const struct conn_side	*x = &c->side[side];
	uint64_t		 due_ns;

	if (x->timer == TCP_TIMER_NONE || runner_side_gone(c, side))
		return (0);
	due_ns = x->probed_ns + (uint64_t)x->expires_ms * 1000000;
	if (due_ns <= now_ns)
		return (RUNNER_PROBE_FAST_MS);
	if (due_ns - now_ns >= RUNNER_QUIET_MS * 1000000ULL)
		return (0);
	return ((due_ns - now_ns) / 1000000 + RUNNER_PROBE_FAST_MS);
}

/* What one side still owes the step: how long to wait, or 0. */
static uint64_t
runner_side_wait(const struct conn *c, int side, uint64_t quiet_ms,
    uint64_t now_ns)
{
	uint64_t	wait = 0;

	if (conn_unacked(c, side) && !runner_side_gone(c, side) &&
	    quiet_ms < RUNNER_QUIET_MS)
		wait = RUNNER_QUIET_MS - quiet_ms;
	if (!runner_watched(c, side))
		return (wait);
	if (conn_unreconciled(c, side))
		wait = runner_settle_min(wait, RUNNER_SETTLE_RETRY_MS);
	return (runner_settle_min(wait, runner_timer_due_ms(c, side,
	    now_ns)));
}

/* How long to wait before looking again, or 0 when the step has settled. */
uint64_t
runner_settle_wait(struct runner *r)
{
	struct conn	*c;
	uint64_t	 quiet_ms, now_ns, wait = 0, since_ns;
	size_t		 i;
	int		 side;

	quiet_ms = loop_ms(r->loop) - r->last_event_ms;
	now_ns = loop_realtime_ns();
	if (r->opts.settle == SETTLE_WIRE) {
		/* From the capture's own time of the segment, to the ns. */
		since_ns = now_ns > r->last_ackable_ns ? now_ns -
		    r->last_ackable_ns : 0;
		if (since_ns < RUNNER_DELACK_MS * 1000000ULL)
			return ((RUNNER_DELACK_MS * 1000000ULL - since_ns) /
			    1000000 + 1);
		if (r->events_probed != r->events)
			return (RUNNER_PROBE_FAST_MS);
	}
	for (i = 0; i < conns_count(r->conns); i++) {
		c = conns_get(r->conns, i);
		for (side = 0; side < 2; side++) {
			if (r->opts.settle == SETTLE_WIRE)
				wait = runner_settle_min(wait,
				    runner_side_wait(c, side, quiet_ms, now_ns));
			else if (runner_watched(c, side) &&
			    conn_unreconciled(c, side))
				wait = runner_settle_min(wait,
				    RUNNER_SETTLE_RETRY_MS);
		}
	}
	return (wait);
}
