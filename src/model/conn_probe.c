/*
 * conn_probe.c: a kernel reading reconciled with what the wire implied.
 * If the kernel reports a pending state, it is recorded as the kernel's,
 * at the segment that proves it; if the kernel has moved past it (and its
 * state can follow it), it is recorded as read from the wire; if the
 * kernel has not moved at all, the segment is still on its way up the
 * receiver's stack, and the pending state waits for the next probe (and
 * is dropped after a second: the kernel is the judge, not our rules).
 */
#include <string.h>

#include "model/conn.h"
#include "model/conn_parts.h"

/* How long a state the wire implied waits for the kernel to agree. */
#define CONN_PENDING_MAX_AGE_NS	1000000000ULL
/* How far a timer's time left may stand above its countdown from the last
 * probe before it counts as started over: more than the rounding of a
 * jiffy and the time a dump takes. */
#define CONN_TIMER_RESTART_MS	10
/* How long a socket's disappearance may wait for the capture to catch up. */
#define CONN_CAPTURE_LAG_NS	250000000ULL

/* Append a change; returns the new count. */
static int
conn_change_add(struct conn_change *changes, int n, int side,
    enum tcp_state state, enum state_src src, uint64_t t_ns, int queues_only)
{
	changes[n].side = side;
	changes[n].state = state;
	changes[n].src = src;
	changes[n].t_ns = t_ns;
	changes[n].queues_only = queues_only;
	changes[n].retimed = 0;
	changes[n].reheld = 0;
	changes[n].restarted = 0;
	changes[n].was_ms = 0;
	return (n + 1);
}

/* Append a change and make it the side's recorded state. */
static int
conn_record(struct conn_side *cs, int side, enum tcp_state state,
    enum state_src src, uint64_t t_ns, struct conn_change *changes, int n)
{
	if (cs->state == state)
		return (n);
	cs->state = state;
	cs->src = src;
	return (conn_change_add(changes, n, side, state, src, t_ns, 0));
}

/* Remove the first n pending states. */
static void
conn_drop_pending(struct conn_side *cs, int n)
{
	memmove(cs->pending, cs->pending + n,
	    (size_t)(cs->npending - n) * sizeof *cs->pending);
	cs->npending -= n;
	cs->model = cs->npending > 0 ? cs->pending[cs->npending - 1].state :
	    cs->state;
}

/* Drop the wire's guesses once the oldest has waited too long for the
 * kernel to agree: the kernel is the judge. */
static void
conn_age_pending(struct conn_side *cs, uint64_t now_ns)
{
	if (cs->npending > 0 &&
	    now_ns - cs->pending[0].t_ns > CONN_PENDING_MAX_AGE_NS)
		conn_drop_pending(cs, cs->npending);
}

/*
 * Whether a side in this state (as the segments have it) can only end by
 * a segment: it must send or receive a FIN, an ACK or an RST first. The
 * others can end silently: SYN_SENT (close() of a connect that did not
 * finish), SYN_RECV (its SYN-ACK retries run out), FIN_WAIT_2
 * (tcp_fin_timeout, no room for a time-wait socket) and TIME_WAIT.
 */
static int
conn_ends_by_segment(enum tcp_state model)
{
	switch (model) {
	case TS_ESTABLISHED:
	case TS_FIN_WAIT_1:
	case TS_CLOSE_WAIT:
	case TS_CLOSING:
	case TS_LAST_ACK:
		return (1);
	case TS_NONE:
	case TS_SYN_SENT:
	case TS_SYN_RECV:
	case TS_NEW_SYN_RECV:
	case TS_FIN_WAIT_2:
	case TS_TIME_WAIT:
	case TS_CLOSED:
	case TS_LISTEN:
	case TS_COUNT:
		return (0);
	}
	return (0);
}

/*
 * Whether a socket the kernel no longer has is gone too early for the
 * wire: the kernel acts before pcap delivers what it sent, so the segments
 * that explain the end may still be on their way. Wait for them, at most
 * CONN_CAPTURE_LAG_NS, so that the states they imply come first.
 */
static int
conn_capture_behind(struct conn_side *cs, uint64_t now_ns)
{
	if (!conn_ends_by_segment(cs->model)) {
		cs->vanished_ns = 0;
		return (0);
	}
	if (cs->vanished_ns == 0)
		cs->vanished_ns = now_ns;
	return (now_ns - cs->vanished_ns < CONN_CAPTURE_LAG_NS);
}

/* The time left on a side's timer at now_ns, in ms, counted down from the
 * last probe's reading. */
static uint32_t
conn_timer_left(const struct conn_side *cs, uint64_t now_ns)
{
	return ((uint32_t)(tcpstate_time_left_ns(cs->expires_ms, cs->probed_ns,
	    now_ns) / 1000000));
}

/*
 * Whether a timer started over since the last probe: it shows more time
 * left than its countdown from that probe would (TIME_WAIT answering a
 * retransmitted FIN, a FIN retransmitted and its timer armed anew). Only in
 * the closing states, only while the send queue stands still (where data
 * flows, every ACK re-arms the timer), and only back near the time it was
 * armed with (7/8 of it): TIME_WAIT starts over at its full 60 s, a
 * retransmission timer doubles. A reading some ms above the countdown
 * later on (49.1 s left where the countdown says 48.9) is a dump that came
 * back late, not a restart; and a restart needs its cause on the wire: a
 * segment the side sent or received since the last probe. An orphaned
 * FIN_WAIT_2 whose keepalive timer handed it to a timewait socket has
 * started over too, on another timer, and by itself.
 */
static int
conn_timer_restarted(const struct conn_side *cs, const struct sock_reading *sock,
    uint64_t now_ns)
{
	switch (sock->state) {
	case TS_FIN_WAIT_1:
	case TS_CLOSING:
	case TS_LAST_ACK:
	case TS_TIME_WAIT:
		break;
	case TS_FIN_WAIT_2:
		return (cs->kernel_seen && cs->state == TS_FIN_WAIT_2 &&
		    cs->timer == TCP_TIMER_KEEPALIVE &&
		    sock->timer == TCP_TIMER_TIMEWAIT);
	case TS_NONE:
	case TS_SYN_SENT:
	case TS_SYN_RECV:
	case TS_NEW_SYN_RECV:
	case TS_ESTABLISHED:
	case TS_CLOSE_WAIT:
	case TS_CLOSED:
	case TS_LISTEN:
	case TS_COUNT:
		return (0);
	}
	return (cs->kernel_seen && cs->state == sock->state &&
	    cs->seg_ns > cs->probed_ns &&
	    cs->wqueue == sock->wqueue && cs->timer != TCP_TIMER_NONE &&
	    cs->timer == sock->timer && sock->expires_ms >
	    conn_timer_left(cs, now_ns) + CONN_TIMER_RESTART_MS &&
	    (uint64_t)sock->expires_ms * 8 >= (uint64_t)cs->armed_ms * 7);
}

/* Whether a reading's tcp_info says the socket retransmitted, or its
 * retransmissions ended, since the last reading: its timer started over
 * with a new RTO (in ESTABLISHED too, where conn_timer_restarted does
 * not look). */
static int
conn_backed_off(const struct conn_side *cs, const struct sock_reading *sock)
{
	return (cs->info.known && sock->info.known &&
	    (cs->info.retransmits != sock->info.retransmits ||
	    cs->info.backoff != sock->info.backoff));
}

/* Reconcile what the wire implied with what the kernel reports. */
int
conn_probe(struct conn *c, int side, const struct sock_reading *sock,
    uint64_t now_ns, struct conn_change *changes)
{
	struct conn_side	*cs = &c->side[side];
	enum tcp_state		 k;
	int			 n = 0, i, match = -1, queues = 0, restarted = 0;
	int			 retimed = 0, reheld = 0;
	uint32_t		 was_ms = conn_timer_left(cs, now_ns);
	uint64_t		 began_ns = now_ns;

	/* CLOSED is final and TIME_WAIT only ends: a socket seen on the same
	 * four-tuple afterwards is a new incarnation, not this one. */
	if (cs->state == TS_CLOSED && cs->kernel_seen)
		return (0);
	if (sock != NULL && cs->state == TS_TIME_WAIT &&
	    sock->state != TS_TIME_WAIT)
		sock = NULL;
	if (sock == NULL && cs->kernel_seen && conn_capture_behind(cs, now_ns))
		return (0);
	if (sock != NULL) {
		cs->vanished_ns = 0;
		k = sock->state == TS_NEW_SYN_RECV ? TS_SYN_RECV : sock->state;
		queues = cs->kernel_seen && (cs->rqueue != sock->rqueue ||
		    cs->wqueue != sock->wqueue);
		retimed = cs->kernel_seen && (cs->timer != sock->timer ||
		    conn_backed_off(cs, sock));
		reheld = cs->kernel_seen && cs->holders != sock->holders;
		restarted = conn_timer_restarted(cs, sock, now_ns);
		if (!cs->kernel_seen || k != cs->state ||
		    sock->timer != cs->timer || restarted)
			cs->armed_ms = sock->expires_ms;
		cs->kernel_seen = 1;
		cs->timer = sock->timer;
		cs->expires_ms = sock->expires_ms;
		cs->probed_ns = now_ns;
		cs->info = sock->info;
		cs->rqueue = sock->rqueue;
		cs->wqueue = sock->wqueue;
		cs->inode = sock->inode;
		cs->holders = sock->holders;
	} else if (cs->kernel_seen) {
		k = TS_CLOSED;
		cs->timer = TCP_TIMER_NONE;
		memset(&cs->info, 0, sizeof cs->info);
		cs->rqueue = cs->wqueue = 0;
		cs->inode = 0;
		cs->holders = 0;
	} else {
		/* No socket ever (a refused connect): the wire's guesses age. */
		conn_age_pending(cs, now_ns);
		return (0);
	}

	for (i = 0; i < cs->npending; i++) {
		if (cs->pending[i].state == k) {
			match = i;
			break;
		}
	}
	if (match == -1 && k == cs->state && cs->npending > 0) {
		/* The kernel has not caught up with the wire yet. */
		conn_age_pending(cs, now_ns);
		return (0);
	}
	if (match == -1)
		match = cs->npending;
	else
		began_ns = cs->pending[match].t_ns;
	/* The states the wire implied before, in so far as the kernel's can
	 * follow them: one it cannot (a CLOSING where the kernel shows
	 * FIN_WAIT_2) the kernel never had. */
	for (i = 0; i < match; i++) {
		if (!tcpstate_leads_to(cs->pending[i].state, k) ||
		    (cs->state != cs->pending[i].state &&
		    !tcpstate_leads_to(cs->state, cs->pending[i].state)))
			break;
		n = conn_record(cs, side, cs->pending[i].state, SRC_WIRE,
		    cs->pending[i].t_ns, changes, n);
	}
	/* The kernel's state began no later than the segment that proves
	 * it, nor than the reading. */
	n = conn_record(cs, side, k, SRC_KERNEL, began_ns < now_ns ? began_ns :
	    now_ns, changes, n);
	/* The same state, its timer started over: the state line again,
	 * with its new time left (and the queues as they are). */
	if (n == 0 && restarted) {
		n = conn_change_add(changes, n, side, k, SRC_KERNEL, now_ns, 0);
		changes[0].restarted = 1;
		changes[0].was_ms = was_ms;
	}
	/* The same state, but data came or went, a timer began, ended or
	 * changed kind, or its holders changed: say so, or the panes keep
	 * those of the last change. */
	if (n == 0 && (queues || retimed || reheld)) {
		n = conn_change_add(changes, n, side, k, SRC_KERNEL, now_ns, 1);
		changes[0].retimed = retimed;
		changes[0].reheld = reheld;
	}
	conn_drop_pending(cs, match < cs->npending ? match + 1 : cs->npending);
	return (n);
}

/* Whether a side sent what the other has not acknowledged. */
int
conn_unacked(const struct conn *c, int side)
{
	const struct conn_side	*x = &c->side[side], *y = &c->side[!side];

	if (c->reset || !x->snd_seen)
		return (0);
	return (!y->ack_seen || conn_seq_after(x->snd_end, y->ack_max));
}

/* Whether the wire and the kernel still disagree about a side. */
int
conn_unreconciled(const struct conn *c, int side)
{
	const struct conn_side	*cs = &c->side[side];

	return (cs->npending > 0 || (cs->vanished_ns != 0 &&
	    cs->state != TS_CLOSED));
}
