/*
 * runner_probe.c: reading the kernel's sockets. The probe is a sock_diag
 * dump. It runs right after every event, again every few milliseconds
 * while the wire has implied a state the kernel has not yet shown, once
 * after a kernel timer is due, and not at all otherwise: a state the kernel
 * has shown changes only by a segment (which is an event) or by its timer.
 */
#include <stdlib.h>
#include <string.h>

#include "run/runner_parts.h"

/* Find the kernel's socket for one side of a connection. */
static const struct sock_reading *
runner_find_sock(const struct sock_reading *socks, size_t n,
    const struct conn *c, int side)
{
	const struct conn_side	*x = &c->side[side], *y = &c->side[!side];
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (socks[i].sport == x->port && socks[i].dport == y->port &&
		    socks[i].saddr == x->addr && socks[i].daddr == y->addr &&
		    socks[i].state != TS_LISTEN)
			return (&socks[i]);
	}
	return (NULL);
}

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
		ev.u.state.restarted = changes[i].restarted;
		ev.u.state.was_ms = changes[i].was_ms;
		if (changes[i].src == SRC_KERNEL) {
			ev.u.state.timer = x->timer;
			ev.u.state.expires_ms = x->expires_ms;
			ev.u.state.armed_ms = x->armed_ms;
			ev.u.state.info = x->info;
			ev.u.state.rqueue = x->rqueue;
			ev.u.state.wqueue = x->wqueue;
			ev.u.state.inode = x->inode;
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

/*
 * The kernel's socket for a side, from the dump or, when the dump lacks a
 * socket the kernel had, from a lookup of its four-tuple. Absence becomes
 * CLOSED, which is final, and a dump walks the kernel's hash while it
 * changes (other namespaces share it) and can skip an entry; the lookup
 * cannot. Returns NULL when the kernel has no such socket.
 */
static const struct sock_reading *
runner_side_sock(struct runner *r, const struct sock_reading *socks, size_t n,
    const struct conn *c, int side, struct sock_reading *found)
{
	const struct sock_reading	*sock;
	struct sock_reading		 key;
	char				*cause;
	int				 ret;

	sock = runner_find_sock(socks, n, c, side);
	if (sock != NULL || !c->side[side].kernel_seen ||
	    c->side[side].state == TS_CLOSED)
		return (sock);
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
	return (ret == 1 && found->state != TS_LISTEN ? found : NULL);
}

/* Dump the lab's sockets and reconcile every owned side with them. */
void
runner_probe(void *arg)
{
	struct runner			*r = arg;
	const struct sock_reading	*socks;
	struct sock_reading		 found;
	struct conn_change		 changes[CONN_MAX_PENDING + 1];
	struct conn			*c;
	char				*cause;
	size_t				 n, i;
	uint64_t			 now, next = 0, interval;
	int				 side, nchanges;

	runner_drain_capture(r);
	if (probe_dump(r->probe, &socks, &n, &cause) == -1) {
		if (r->view->failed != NULL)
			r->view->failed(cause, r->arg);
		free(cause);
		return;
	}
	now = loop_realtime_ns();
	for (i = 0; i < conns_count(r->conns); i++) {
		c = conns_get(r->conns, i);
		for (side = 0; side < 2; side++) {
			if (!runner_watched(c, side))
				continue;
			nchanges = conn_probe(c, side, runner_side_sock(r,
			    socks, n, c, side, &found), now, changes);
			runner_record_changes(r, c, changes, nchanges);
			interval = runner_probe_interval(c, side);
			if (interval != 0 && (next == 0 || interval < next))
				next = interval;
		}
	}
	if (next != 0 && !r->probe_timer.armed)
		loop_timer_arm(r->loop, &r->probe_timer, next);
}
