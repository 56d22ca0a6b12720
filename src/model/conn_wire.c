/*
 * conn_wire.c: what a segment proves of the states of its connection's
 * sides (RFC 793's diagram as Linux implements it): a side that sends a
 * FIN from ESTABLISHED is in FIN_WAIT_1; a side whose FIN is acknowledged
 * leaves FIN_WAIT_1 or LAST_ACK. The receiver moves as its kernel takes
 * the segment in: in sequence order, an RST only at the number it
 * expects. Such states wait as "pending" until a probe (conn_probe.c).
 */
#include "model/conn.h"
#include "model/conn_parts.h"

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

/* Whether sequence number a is after b, modulo 2^32. */
int
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

/* Apply a segment from side to its connection: what it proves of its
 * sender and, as far as its kernel takes it in, of its receiver. */
void
conn_wire_apply(struct conn *c, int side, const struct segment *seg)
{
	struct conn_side	*x = &c->side[side], *y = &c->side[!side];

	if (!conn_crossed_fins(x, y, seg))
		conn_sender_rules(x, seg);
	conn_receiver_rules(y, x, seg, conn_take_in(x, seg),
	    (seg->flags & TF_RST) && conn_rst_taken(x, seg));
	conn_count_numbers(c, x, seg);
	x->seg_ns = y->seg_ns = seg->t_ns;
}
