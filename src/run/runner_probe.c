/*
 * runner_probe.c: reading the kernel's sockets. The probe is a sock_diag
 * dump. It runs right after every event, again every few milliseconds
 * while the wire has implied a state the kernel has not yet shown, once
 * after a kernel timer is due, and not at all otherwise: a state the kernel
 * has shown changes only by a segment (which is an event) or by its timer.
 *
 * A dump costs time in proportion to the lab's sockets, so while events
 * flood in (a lesson opening thousands of connections) the dumps are spaced
 * out to half the time at most; a burst may spend RUNNER_PROBE_BURST_MS of
 * credit first. The cost of probing then grows with the run's length, not
 * with its events times its sockets.
 */
#include <stdlib.h>
#include <string.h>

#include "run/runner_parts.h"

/* Record the state changes a probe found for one side. */
static void
runner_record_changes(struct runner *r, struct conn *c,
    const struct conn_change *changes, int n)
{
	const struct conn_side	*x;
	struct event		 ev;
	int			 i;

	for (i = 0; i < n; i++) {
		x = &c->side[changes[i].side];
		memset(&ev, 0, sizeof ev);
		ev.kind = EV_STATE;
		ev.actor = x->owner;
		ev.u.state.state = changes[i].state;
		ev.u.state.src = changes[i].src;
		ev.u.state.conn = c->number;
		ev.u.state.queues_only = changes[i].queues_only;
		ev.u.state.retimed = changes[i].retimed;
		ev.u.state.reheld = changes[i].reheld;
		ev.u.state.restarted = changes[i].restarted;
		ev.u.state.was_ms = changes[i].was_ms;
		if (changes[i].src == SRC_KERNEL) {
			ev.u.state.timer = x->timer;
			/* Placed at the segment that proves it, before the
			 * reading: the same end of the timer. */
			ev.u.state.expires_ms = x->expires_ms +
			    (uint32_t)((x->probed_ns - changes[i].t_ns) /
			    1000000);
			ev.u.state.armed_ms = x->armed_ms;
			ev.u.state.info = x->info;
			ev.u.state.rqueue = x->rqueue;
			ev.u.state.wqueue = x->wqueue;
			ev.u.state.inode = x->inode;
			ev.u.state.holders = x->holders;
		}
		runner_add(r, &ev, changes[i].t_ns);
		runner_not_quiet(r);
	}
}

/*
 * How soon the probe should look again for this side, or 0 for never.
 * Whatever a segment changes, the segment's own probe sees, and looks again
 * soon while the state it implies is not yet the kernel's; without one, a
 * state changes only when its kernel timer expires (TIME_WAIT ends, a FIN
 * is retransmitted or given up on), so one look just after that is enough.
 * A held FIN_WAIT_1 waits for the learner without waking finwave.
 */
static uint64_t
runner_probe_interval(const struct conn *c, int side)
{
	const struct conn_side	*x = &c->side[side];

	if (conn_unreconciled(c, side))
		return (RUNNER_PROBE_FAST_MS);
	if (x->timer == TCP_TIMER_NONE)
		return (0);
	return ((uint64_t)x->expires_ms + RUNNER_PROBE_FAST_MS);
}

/* Whether the runner follows this side: it belongs to an endpoint. A side
 * whose four-tuple a newer connection took over is followed too: its
 * TIME_WAIT ends when the kernel shows the new one (conn_probe). */
int
runner_watched(const struct conn *c, int side)
{
	return (c->side[side].owner != -1);
}

/* Read which sockets each live endpoint holds, where a fork can share
 * one; without a fork only a socket's owner can hold it. */
static void
runner_read_holders(struct runner *r)
{
	size_t	i;

	if (!r->shares)
		return;
	for (i = 0; i < r->lesson->nendpoints; i++) {
		r->eps[i].fds.n = 0;
		if (r->eps[i].alive)
			holders_read(&r->eps[i].fds, lab_pid(r->lab, (int)i));
	}
}

/* A copy of a side's reading with the endpoints that hold its socket:
 * those whose descriptors name its inode, or its owner while the socket
 * has one (no fork). */
static struct sock_reading
runner_held(const struct runner *r, const struct conn *c, int side,
    const struct sock_reading *sock)
{
	struct sock_reading	held = *sock;
	int			owner = c->side[side].owner;
	size_t			i;

	held.holders = 0;
	if (sock->inode == 0)
		return (held);
	if (!r->shares) {
		held.holders = owner >= 0 ? 1U << owner : 0;
		return (held);
	}
	for (i = 0; i < r->lesson->nendpoints; i++)
		if (holders_has(&r->eps[i].fds, sock->inode))
			held.holders |= 1U << i;
	return (held);
}

/* Reconcile a side with the kernel's socket (NULL: none) and record what
 * changed. */
static void
runner_reconcile(struct runner *r, struct conn *c, int side,
    const struct sock_reading *sock, uint64_t read_ns)
{
	struct sock_reading	held;
	struct conn_change	changes[CONN_MAX_PENDING + 1];

	if (sock != NULL)
		held = runner_held(r, c, side, sock);
	runner_record_changes(r, c, changes, conn_probe(c, side,
	    sock != NULL ? &held : NULL, read_ns, changes));
}

/* Ask the kernel for one side's socket by its four-tuple: a hash lookup,
 * not a walk of every bucket. Returns 1 and fills *found when it has a
 * connection socket there, else 0 (a failure is reported). */
static int
runner_lookup(struct runner *r, const struct conn *c, int side,
    struct sock_reading *found)
{
	struct sock_reading	 key;
	char			*cause;
	int			 ret;

	memset(&key, 0, sizeof key);
	key.saddr = c->side[side].addr;
	key.sport = c->side[side].port;
	key.daddr = c->side[!side].addr;
	key.dport = c->side[!side].port;
	if ((ret = probe_lookup(r->probe, &key, found, &cause)) == -1) {
		if (r->view->failed != NULL)
			r->view->failed(cause, r->arg);
		free(cause);
	}
	return (ret == 1 && found->state != TS_LISTEN);
}

/*
 * The kernel's socket for a side, from the dump or, when the dump lacks a
 * socket the kernel had, from a lookup of its four-tuple. Absence becomes
 * CLOSED, which is final, and a dump walks the kernel's hash while it
 * changes and can skip an entry; the lookup cannot. Returns NULL when the
 * kernel has no such socket.
 */
static const struct sock_reading *
runner_side_sock(struct runner *r, const struct conn *c, int side,
    struct sock_reading *found)
{
	const struct sock_reading	*sock;

	sock = probe_find(r->probe, c->side[side].addr, c->side[side].port,
	    c->side[!side].addr, c->side[!side].port);
	if (sock != NULL || !c->side[side].kernel_seen ||
	    c->side[side].state == TS_CLOSED)
		return (sock);
	return (runner_lookup(r, c, side, found) ? found : NULL);
}

/* Reconcile one side with the kernel's socket, looked up: a side an
 * endpoint has just taken a descriptor for, so that the kernel is asked
 * about it even while the probe's dumps are spaced out. */
void
runner_probe_side(struct runner *r, struct conn *c, int side)
{
	struct sock_reading	found;
	uint64_t		asked = loop_realtime_ns();

	if (runner_lookup(r, c, side, &found)) {
		runner_read_holders(r);
		runner_reconcile(r, c, side, &found, asked);
	}
}

/* Let the probe look as soon as its share of the time allows. */
void
runner_probe_soon(struct runner *r)
{
	uint64_t	now = loop_now_ns(), at;

	at = r->probe_due_ns > RUNNER_PROBE_BURST_MS * 1000000ULL ?
	    r->probe_due_ns - RUNNER_PROBE_BURST_MS * 1000000ULL : 0;
	loop_timer_arm(r->loop, &r->probe_timer,
	    at > now ? (at - now + 999999) / 1000000 : 0);
}

/* Charge a probe that began at began_ns: the time it took, and as much
 * again of rest (a virtual-time bucket, as a GCRA meter). */
static void
runner_probe_charge(struct runner *r, uint64_t began_ns)
{
	uint64_t	took = loop_now_ns() - began_ns;

	if (r->probe_due_ns < began_ns)
		r->probe_due_ns = began_ns;
	r->probe_due_ns += 2 * took;
}

/* Dump the lab's sockets and reconcile every owned side with them. */
void
runner_probe(void *arg)
{
	struct runner			*r = arg;
	const struct sock_reading	*socks;
	struct sock_reading		 found;
	struct conn			*c;
	char				*cause;
	size_t				 n, i;
	uint64_t			 now, next = 0, interval, began;
	int				 side;

	began = loop_now_ns();
	runner_drain_capture(r);
	/* A reading is the kernel's at some moment of the dump: stamped at
	 * its start, it is never placed after a segment that ended it. */
	now = loop_realtime_ns();
	if (probe_dump(r->probe, &socks, &n, &cause) == -1) {
		if (r->view->failed != NULL)
			r->view->failed(cause, r->arg);
		free(cause);
		return;
	}
	runner_read_holders(r);
	for (i = 0; i < conns_count(r->conns); i++) {
		c = conns_get(r->conns, i);
		for (side = 0; side < 2; side++) {
			if (!runner_watched(c, side))
				continue;
			runner_reconcile(r, c, side, runner_side_sock(r, c,
			    side, &found), now);
			interval = runner_probe_interval(c, side);
			if (interval != 0 && (next == 0 || interval < next))
				next = interval;
		}
	}
	runner_listen_probe(r);
	runner_probe_charge(r, began);
	r->events_probed = r->events;
	if (next != 0 && !r->probe_timer.armed)
		loop_timer_arm(r->loop, &r->probe_timer, next);
}
