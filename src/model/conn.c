/*
 * conn.c: the lab's connections, found by four-tuple (the newest
 * incarnation of a reused one first), their relative numbers and windows.
 * What a segment proves is conn_wire.c's; how a kernel reading is
 * reconciled with it, conn_probe.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "model/conn.h"
#include "model/conn_parts.h"
#include "tcp/fourtuple.h"

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
	conn_wire_apply(c, *side, seg);
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
