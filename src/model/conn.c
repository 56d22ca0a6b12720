/*
 * conn.c: connections, relative sequence numbers, and the rules that turn
 * segments and probes into recorded states.
 *
 * The wire rules (RFC 793's diagram as Linux implements it) only ever say
 * what a segment proves: a side that sends a FIN from ESTABLISHED is in
 * FIN_WAIT_1; a side whose FIN is acknowledged leaves FIN_WAIT_1 or LAST_ACK.
 * Such states wait as "pending" until a probe. If the kernel then reports
 * the same state, it is recorded as the kernel's; if the kernel has moved
 * past it, it is recorded as read from the wire; if the kernel has not
 * moved at all, the segment is still on its way up the receiver's stack,
 * and the pending state waits for the next probe (and is dropped after a
 * second: the kernel is the judge, not our rules).
 */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "model/conn.h"
#include "tcp/fourtuple.h"

#define CONN_PENDING_MAX_AGE_NS	1000000000ULL
/* How far a timer's time left may stand above its countdown from the last
 * probe before it counts as started over: more than the rounding of a
 * jiffy and the time a dump takes. */
#define CONN_TIMER_RESTART_MS	10
/* How long a socket's disappearance may wait for the capture to catch up. */
#define CONN_CAPTURE_LAG_NS	250000000ULL

struct conns {
	struct conn	**list;		/* in order of their first segment */
	size_t		  n;
	size_t		  cap;
	struct conn	**table;	/* by four-tuple, side 0 first: the
					 * newest of each; open addressing */
	size_t		  tsize;	/* a power of two, at most half full */
};

/* An empty table. */
struct conns *
conns_new(void)
{
	return (xcalloc(1, sizeof(struct conns)));
}

/* Free the table. */
void
conns_free(struct conns *cs)
{
	size_t	i;

	for (i = 0; i < cs->n; i++)
		free(cs->list[i]);
	free(cs->list);
	free(cs->table);
	free(cs);
}

/* The table slot for side 0 at (addr, port) talking to (raddr, rport):
 * that connection's, or the empty one where it would go. */
static struct conn **
conns_slot(const struct conns *cs, uint32_t addr, uint16_t port,
    uint32_t raddr, uint16_t rport)
{
	struct conn	*c;
	size_t		 i, mask = cs->tsize - 1;

	i = fourtuple_hash(addr, port, raddr, rport) & mask;
	while ((c = cs->table[i]) != NULL) {
		if (c->side[0].addr == addr && c->side[0].port == port &&
		    c->side[1].addr == raddr && c->side[1].port == rport)
			break;
		i = (i + 1) & mask;
	}
	return (&cs->table[i]);
}

/* Put c in the table, in place of an older connection of its four-tuple. */
static void
conns_index(struct conns *cs, struct conn *c)
{
	*conns_slot(cs, c->side[0].addr, c->side[0].port, c->side[1].addr,
	    c->side[1].port) = c;
}

/* Make room for one more connection in the list and the table. */
static void
conns_grow(struct conns *cs)
{
	size_t	i;

	if (cs->n == cs->cap) {
		cs->cap = cs->cap == 0 ? 64 : cs->cap * 2;
		cs->list = xreallocarray(cs->list, cs->cap, sizeof *cs->list);
	}
	if (2 * (cs->n + 1) <= cs->tsize)
		return;
	free(cs->table);
	cs->tsize = fourtuple_table_size(cs->n + 1);
	cs->table = xcalloc(cs->tsize, sizeof *cs->table);
	for (i = 0; i < cs->n; i++)
		conns_index(cs, cs->list[i]);
}

/* Find a connection by one side's address and the other's. */
struct conn *
conns_find(struct conns *cs, uint32_t addr, uint16_t port, uint32_t raddr,
    uint16_t rport, int *side)
{
	struct conn	*as0, *as1;

	if (cs->n == 0)
		return (NULL);
	as0 = *conns_slot(cs, addr, port, raddr, rport);
	as1 = *conns_slot(cs, raddr, rport, addr, port);
	/* Newest first: a reused four-tuple belongs to its latest incarnation. */
	if (as1 != NULL && (as0 == NULL || as1->number > as0->number)) {
		*side = 1;
		return (as1);
	}
	*side = 0;
	return (as0);
}

/* A connection, number, whose first segment is seg: no owners, no states. */
void
conn_init(struct conn *c, int number, const struct segment *seg)
{
	int	s;

	memset(c, 0, sizeof *c);
	c->number = number;
	c->side[0].addr = seg->saddr;
	c->side[0].port = seg->sport;
	c->side[1].addr = seg->daddr;
	c->side[1].port = seg->dport;
	for (s = 0; s < 2; s++) {
		c->side[s].owner = -1;
		c->side[s].state = TS_NONE;
		c->side[s].model = TS_NONE;
		c->side[s].wscale = -1;
	}
}

/* Add a connection whose first segment went from (saddr,sport). */
static struct conn *
conns_add(struct conns *cs, const struct segment *seg)
{
	struct conn	*c;

	c = xmalloc(sizeof *c);
	conn_init(c, (int)cs->n + 1, seg);
	conns_grow(cs);
	cs->list[cs->n++] = c;
	conns_index(cs, c);
	return (c);
}

/* Note a state the wire proves for a side, unless it is already there. */
static void
conn_imply(struct conn_side *cs, enum tcp_state state, uint64_t t_ns)
{
	if (cs->model == state || cs->npending == CONN_MAX_PENDING)
		return;
	cs->pending[cs->npending].state = state;
	cs->pending[cs->npending].t_ns = t_ns;
	cs->npending++;
	cs->model = state;
}

/*
 * An RST from a side whose handshake's last ACK the wire says made it
 * ESTABLISHED, before the kernel showed it so: the kernel refused that ACK
 * (its accept queue full, tcp_abort_on_overflow) and answered with the
 * RST from its request; no connection socket was ever made.
 */
static void
conn_refused_ack(struct conn_side *x)
{
	enum tcp_state	before;

	if (x->npending == 0 ||
	    x->pending[x->npending - 1].state != TS_ESTABLISHED)
		return;
	before = x->npending > 1 ? x->pending[x->npending - 2].state :
	    x->state;
	if (before != TS_SYN_RECV)
		return;
	x->npending--;
	x->model = before;
}

/* What the sender of a segment must be in after sending it. */
static void
conn_sender_rules(struct conn_side *x, const struct segment *seg)
{
	if (seg->flags & TF_RST) {
		conn_refused_ack(x);
		if (x->model != TS_NONE && x->model != TS_CLOSED)
			conn_imply(x, TS_CLOSED, seg->t_ns);
		return;
	}
	if ((seg->flags & (TF_SYN | TF_ACK)) == TF_SYN)
		conn_imply(x, TS_SYN_SENT, seg->t_ns);
	else if ((seg->flags & (TF_SYN | TF_ACK)) == (TF_SYN | TF_ACK))
		conn_imply(x, TS_SYN_RECV, seg->t_ns);
	if (!(seg->flags & TF_FIN))
		return;
	x->fin_seq = seg->seq + seg->len;
	x->fin_sent = 1;
	if (x->model == TS_ESTABLISHED || x->model == TS_SYN_RECV)
		conn_imply(x, TS_FIN_WAIT_1, seg->t_ns);
	else if (x->model == TS_CLOSE_WAIT)
		conn_imply(x, TS_LAST_ACK, seg->t_ns);
}

/*
 * What the receiver y of a segment from x moves to once it takes it in.
 * Its ACK counts at once; x's FIN counts once y's kernel takes it in
 * (fin_taken: in order, when every number before it has come), and an
 * RST only when it carries the number y expects next (rst_taken): Linux
 * answers any other with a challenge ACK (RFC 5961 3.2).
 */
static void
conn_receiver_rules(struct conn_side *y, const struct conn_side *x,
    const struct segment *seg, int fin_taken, int rst_taken)
{
	if (y->model == TS_NONE || y->model == TS_CLOSED)
		return;
	if (seg->flags & TF_RST) {
		if (rst_taken)
			conn_imply(y, TS_CLOSED, seg->t_ns);
		return;
	}
	if ((seg->flags & (TF_SYN | TF_ACK)) == (TF_SYN | TF_ACK) &&
	    y->model == TS_SYN_SENT)
		conn_imply(y, TS_ESTABLISHED, seg->t_ns);
	else if ((seg->flags & (TF_SYN | TF_ACK)) == TF_ACK &&
	    y->model == TS_SYN_RECV && y->isn_known && seg->ack == y->isn + 1)
		conn_imply(y, TS_ESTABLISHED, seg->t_ns);
	if ((seg->flags & TF_ACK) && y->fin_sent && seg->ack == y->fin_seq + 1) {
		if (y->model == TS_FIN_WAIT_1)
			conn_imply(y, TS_FIN_WAIT_2, seg->t_ns);
		else if (y->model == TS_CLOSING)
			conn_imply(y, TS_TIME_WAIT, seg->t_ns);
		else if (y->model == TS_LAST_ACK)
			conn_imply(y, TS_CLOSED, seg->t_ns);
	}
	if (!fin_taken || x->model == TS_NONE)
		return;
	if (y->model == TS_ESTABLISHED)
		conn_imply(y, TS_CLOSE_WAIT, seg->t_ns);
	else if (y->model == TS_FIN_WAIT_1)
		conn_imply(y, TS_CLOSING, seg->t_ns);
	else if (y->model == TS_FIN_WAIT_2)
		conn_imply(y, TS_TIME_WAIT, seg->t_ns);
}

/*
 * FINs that crossed: x sends a FIN that does not acknowledge y's FIN, so x
 * had not taken y's FIN in when it sent its own. The CLOSE_WAIT implied for
 * x was premature: x went ESTABLISHED, FIN_WAIT_1, and will reach CLOSING.
 * Returns 1 when that is the case (and the segment has been applied).
 */
static int
conn_crossed_fins(struct conn_side *x, const struct conn_side *y,
    const struct segment *seg)
{
	if (!(seg->flags & TF_FIN) || x->model != TS_CLOSE_WAIT ||
	    !y->fin_sent || ((seg->flags & TF_ACK) &&
	    seg->ack == y->fin_seq + 1) || x->npending == 0 ||
	    x->pending[x->npending - 1].state != TS_CLOSE_WAIT)
		return (0);
	x->npending--;
	x->model = TS_ESTABLISHED;
	conn_sender_rules(x, seg);
	conn_imply(x, TS_CLOSING, seg->t_ns);
	return (1);
}

/* The connection a segment belongs to, or NULL when it starts a new one:
 * none has its four-tuple, or it is a SYN with a new ISN, a new incarnation
 * of the four-tuple (a retransmitted SYN keeps its ISN). */
struct conn *
conns_lookup(struct conns *cs, const struct segment *seg, int *side)
{
	struct conn	*c;

	c = conns_find(cs, seg->saddr, seg->sport, seg->daddr, seg->dport,
	    side);
	if (c != NULL && (seg->flags & (TF_SYN | TF_ACK)) == TF_SYN &&
	    c->side[*side].isn_known && c->side[*side].isn != seg->seq)
		return (NULL);
	return (c);
}

/* Whether sequence number a is after b, modulo 2^32. */
static int
conn_seq_after(uint32_t a, uint32_t b)
{
	return ((int32_t)(a - b) > 0);
}

/* Keep [seq, end) of x's numbers as its peer does, out of order; past
 * CONN_MAX_AHEAD stretches the model no longer knows the order. */
static void
conn_keep_ahead(struct conn_side *x, uint32_t seq, uint32_t end)
{
	if (x->nahead == CONN_MAX_AHEAD) {
		x->taken_known = 0;
		return;
	}
	x->ahead[x->nahead].seq = seq;
	x->ahead[x->nahead].end = end;
	x->nahead++;
}

/* Take in what x kept ahead that now joins what came in order. */
static void
conn_join_ahead(struct conn_side *x)
{
	int	i, joined;

	do {
		joined = 0;
		for (i = 0; i < x->nahead; i++) {
			if (conn_seq_after(x->ahead[i].seq, x->taken_end))
				continue;
			if (conn_seq_after(x->ahead[i].end, x->taken_end))
				x->taken_end = x->ahead[i].end;
			x->ahead[i] = x->ahead[--x->nahead];
			joined = 1;
			break;
		}
	} while (joined);
}

/*
 * The receiver's kernel takes in x's segment as tcp_data_queue does: in
 * order, or kept until the hole before it fills. Returns whether x's FIN
 * was taken in by it (its own, or one kept that this segment reached).
 * Before x's SYN came by the order is unknown, and a FIN counts when it
 * comes.
 */
static int
conn_take_in(struct conn_side *x, const struct segment *seg)
{
	uint32_t	seq, end, before;

	if ((seg->flags & (TF_SYN | TF_RST)) == TF_SYN) {
		x->taken_end = seg->seq + 1;
		x->taken_known = 1;
		x->nahead = 0;
	}
	if (!x->taken_known)
		return ((seg->flags & TF_FIN) != 0);
	seq = seg->seq + ((seg->flags & TF_SYN) != 0);
	end = seq + seg->len + ((seg->flags & TF_FIN) != 0);
	if (end == seq || (seg->flags & TF_RST))
		return (0);
	if (conn_seq_after(seq, x->taken_end)) {
		conn_keep_ahead(x, seq, end);
		return (0);
	}
	before = x->taken_end;
	if (conn_seq_after(end, x->taken_end))
		x->taken_end = end;
	conn_join_ahead(x);
	return (x->fin_sent && conn_seq_after(x->taken_end, x->fin_seq) &&
	    !conn_seq_after(before, x->fin_seq));
}

/* Whether the receiver's kernel takes x's RST: any before x's SYN came
 * by (a refused SYN's answer), else only at the number it expects. */
static int
conn_rst_taken(const struct conn_side *x, const struct segment *seg)
{
	return (!x->taken_known || seg->seq == x->taken_end);
}

/* Note how far the sender x's numbers reach and what it acknowledged. */
static void
conn_count_numbers(struct conn *c, struct conn_side *x,
    const struct segment *seg)
{
	uint32_t	end;

	if (seg->flags & TF_RST) {
		c->reset = 1;
		return;
	}
	end = seg->seq + seg->len + ((seg->flags & TF_SYN) != 0) +
	    ((seg->flags & TF_FIN) != 0);
	if (end != seg->seq && (!x->snd_seen || conn_seq_after(end,
	    x->snd_end))) {
		x->snd_end = end;
		x->snd_seen = 1;
	}
	if ((seg->flags & TF_ACK) && (!x->ack_seen ||
	    conn_seq_after(seg->ack, x->ack_max))) {
		x->ack_max = seg->ack;
		x->ack_seen = 1;
	}
}

/* Find or create the connection of a segment and apply it. */
struct conn *
conns_segment(struct conns *cs, const struct segment *seg, int *side)
{
	struct conn		*c;
	struct conn_side	*x;

	if ((c = conns_lookup(cs, seg, side)) == NULL) {
		c = conns_add(cs, seg);
		*side = 0;
	}
	x = &c->side[*side];
	if (!x->isn_known) {
		x->isn = seg->seq;
		x->isn_known = 1;
	}
	if ((seg->flags & (TF_SYN | TF_RST)) == TF_SYN) {
		x->syn_seen = 1;
		x->wscale = seg->wscale;
	}
	if (!conn_crossed_fins(x, &c->side[!*side], seg))
		conn_sender_rules(x, seg);
	conn_receiver_rules(&c->side[!*side], x, seg, conn_take_in(x, seg),
	    (seg->flags & TF_RST) && conn_rst_taken(x, seg));
	conn_count_numbers(c, x, seg);
	x->seg_ns = c->side[!*side].seg_ns = seg->t_ns;
	return (c);
}

/* The kernel had the side's socket, though no probe saw it. */
void
conn_kernel_had(struct conn *c, int side)
{
	c->side[side].kernel_seen = 1;
}

/* A segment the wire took before pcap saw it: its sender sent it. */
void
conns_note_sent(struct conns *cs, const struct segment *seg)
{
	struct conn	*c;
	int		 side;

	if ((c = conns_lookup(cs, seg, &side)) != NULL)
		c->side[side].seg_ns = seg->t_ns;
}

/* How many connections. */
size_t
conns_count(const struct conns *cs)
{
	return (cs->n);
}

/* Connection i. */
struct conn *
conns_get(struct conns *cs, size_t i)
{
	return (cs->list[i]);
}

/* Relative numbers, as tcpdump prints them: the SYN is seq 0. */
void
conn_relative(const struct conn *c, int side, const struct segment *seg,
    int32_t *seq, int32_t *ack)
{
	const struct conn_side	*x = &c->side[side], *y = &c->side[!side];

	*seq = (int32_t)(x->isn_known ? seg->seq - x->isn : seg->seq);
	*ack = 0;
	if ((seg->flags & TF_ACK) && y->isn_known)
		*ack = (int32_t)(seg->ack - y->isn);
}

/* A segment's window in bytes (RFC 7323 2.2): a SYN's is never scaled;
 * the others are shifted by their sender's announced shift when both
 * SYNs carried the option, and left alone when one did not. */
uint32_t
conn_window(const struct conn *c, int side, const struct segment *seg,
    int *shift)
{
	const struct conn_side	*x = &c->side[side], *y = &c->side[!side];

	if (seg->flags & TF_SYN)
		*shift = CONN_WSCALE_OFF;
	else if (!x->syn_seen || !y->syn_seen)
		*shift = CONN_WSCALE_UNKNOWN;
	else if (x->wscale < 0 || y->wscale < 0)
		*shift = CONN_WSCALE_OFF;
	else {
		*shift = x->wscale;
		return ((uint32_t)seg->win << x->wscale);
	}
	return (seg->win);
}

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
