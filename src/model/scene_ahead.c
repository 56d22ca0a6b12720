/*
 * scene_ahead.c: with an arrow in flight, the readings that the segments
 * which have left or landed explain, by RFC 793's diagram read from the
 * flags alone: it only decides when a recorded reading appears, never
 * what it says. It keeps what it changed, and takes it back before the
 * scene moves on.
 */
#include <string.h>

#include "model/scene.h"
#include "model/scene_parts.h"

/* How long after the point a reading can still be one that the segments
 * there explain: the runner reads the sockets after every segment, and a
 * state the wire implies waits at most a second for the kernel (conn.c). */
#define SCENE_AHEAD_NS	1000000000ULL

/* A socket scene_ahead looked at: what it was at upto, to take back, and
 * what the events after upto have in store for it. */
struct scene_ahead_sock {
	int			 ep;
	int			 conn;
	struct scene_sock	 was;
	int			 started;	/* its endpoint's, at upto */
	size_t			 nsocks;
	int			 focus;
	uint8_t			 to_send;	/* flags of the segments it has
						 * yet to send ... */
	uint8_t			 to_rcvd;	/* ... and to take in */
	int			 waits;		/* a reading of it waits: the
						 * later ones wait too */
};

/* A move of the diagram a segment can cause: sending it (sent) or taking
 * it in, with flag set, from one state to another. */
struct scene_move {
	int		sent;
	uint8_t		flag;
	enum tcp_state	from;
	enum tcp_state	to;
};

static const struct scene_move	scene_moves[] = {
	{ 1, TF_SYN, TS_NONE, TS_SYN_SENT },
	{ 1, TF_SYN, TS_NONE, TS_SYN_RECV },
	{ 1, TF_FIN, TS_ESTABLISHED, TS_FIN_WAIT_1 },
	{ 1, TF_FIN, TS_SYN_RECV, TS_FIN_WAIT_1 },
	{ 1, TF_FIN, TS_CLOSE_WAIT, TS_LAST_ACK },
	{ 0, TF_SYN, TS_NONE, TS_SYN_RECV },
	{ 0, TF_SYN, TS_SYN_SENT, TS_ESTABLISHED },
	{ 0, TF_SYN, TS_SYN_SENT, TS_SYN_RECV },
	{ 0, TF_ACK, TS_SYN_RECV, TS_ESTABLISHED },
	{ 0, TF_ACK, TS_FIN_WAIT_1, TS_FIN_WAIT_2 },
	{ 0, TF_ACK, TS_CLOSING, TS_TIME_WAIT },
	{ 0, TF_ACK, TS_LAST_ACK, TS_CLOSED },
	{ 0, TF_FIN, TS_ESTABLISHED, TS_CLOSE_WAIT },
	{ 0, TF_FIN, TS_FIN_WAIT_1, TS_CLOSING },
	{ 0, TF_FIN, TS_FIN_WAIT_1, TS_TIME_WAIT },
	{ 0, TF_FIN, TS_FIN_WAIT_2, TS_TIME_WAIT }
};

/* Whether sending (sent) or taking in segments with these flags can move
 * a socket from one state to another; an RST ends it from any state. */
static int
scene_explains(uint8_t flags, int sent, enum tcp_state from,
    enum tcp_state to)
{
	size_t	i;

	if ((flags & TF_RST) && to == TS_CLOSED)
		return (1);
	for (i = 0; i < sizeof scene_moves / sizeof scene_moves[0]; i++) {
		if (scene_moves[i].sent == sent && (flags &
		    scene_moves[i].flag) && scene_moves[i].from == from &&
		    scene_moves[i].to == to)
			return (1);
	}
	return (0);
}

/* Restore what scene_ahead changed, newest first. */
void
scene_take_back(struct scene *sc)
{
	struct scene_ahead_sock	*a;
	struct scene_endpoint	*e;
	struct scene_sock	*s;

	while (sc->nahead > 0) {
		a = &sc->ahead[--sc->nahead];
		e = &sc->eps[a->ep];
		s = &e->socks[a->conn];
		if (s->conn != 0)
			e->bystate[s->state]--;
		if (a->was.conn != 0)
			e->bystate[a->was.state]++;
		*s = a->was;
		e->started = a->started;
		e->nsocks = a->nsocks;
		e->focus = a->focus;
	}
}

/* The entry of a socket scene_ahead looks at, kept on first sight so that
 * it can be restored. */
static struct scene_ahead_sock *
scene_look(struct scene *sc, int ep, int conn)
{
	struct scene_endpoint	*e = &sc->eps[ep];
	struct scene_sock	*s = scene_slot(e, conn);
	struct scene_ahead_sock	*a;

	if (s->ahead != 0)
		return (&sc->ahead[s->ahead - 1]);
	sc->ahead = scene_reserve(sc->ahead, sc->nahead, &sc->aheadcap,
	    sizeof *sc->ahead);
	a = &sc->ahead[sc->nahead++];
	memset(a, 0, sizeof *a);
	a->ep = ep;
	a->conn = conn;
	a->was = *s;
	a->started = e->started;
	a->nsocks = e->nsocks;
	a->focus = e->focus;
	s->ahead = sc->nahead;
	return (a);
}

/* A segment after upto: its sender has sent it once it left (departed),
 * else both ends still wait for it. */
static void
scene_ahead_seg(struct scene *sc, const struct ev_seg *seg, int departed)
{
	struct scene_ahead_sock	*a;

	if (scene_seg_end(sc, seg, seg->sender) != NULL) {
		a = scene_look(sc, seg->sender, seg->conn);
		if (departed)
			sc->eps[seg->sender].socks[seg->conn].sent |=
			    seg->seg.flags;
		else
			a->to_send |= seg->seg.flags;
	}
	if (scene_seg_end(sc, seg, seg->receiver) != NULL)
		scene_look(sc, seg->receiver, seg->conn)->to_rcvd |=
		    seg->seg.flags;
}

/* A reading after upto: shown if the segments its socket has sent or
 * taken in explain it and none it still waits for could. A reading of the
 * same state (new queues, a timer started over) waits for every segment
 * still on its way to or from the socket; one whose holders changed waits
 * for its turn, for a call did that. */
static void
scene_ahead_state(struct scene *sc, const struct event *ev)
{
	const struct ev_state	*st = &ev->u.state;
	struct scene_ahead_sock	*a;
	struct scene_sock	*s;
	enum tcp_state		 from;
	int			 shown;
	size_t			 i;

	if (ev->actor < 0 || (size_t)ev->actor >= sc->nendpoints ||
	    st->conn <= 0)
		return;
	a = scene_look(sc, ev->actor, st->conn);
	s = &sc->eps[ev->actor].socks[st->conn];
	from = s->conn != 0 ? s->state : TS_NONE;
	if (st->reheld)
		shown = 0;	/* a call's doing (fork, close): in its turn */
	else if (from == st->state)
		shown = a->to_send == 0 && a->to_rcvd == 0;
	else
		shown = !scene_explains(a->to_send, 1, from, st->state) &&
		    !scene_explains(a->to_rcvd, 0, from, st->state) &&
		    (scene_explains(s->sent, 1, from, st->state) ||
		    scene_explains(s->rcvd, 0, from, st->state));
	if (a->waits || !shown) {
		a->waits = 1;
		return;
	}
	/* What it changes in the other processes' blocks is taken back too. */
	for (i = 0; i < sc->nendpoints; i++)
		if (scene_reaches(sc, ev, i))
			scene_look(sc, (int)i, st->conn);
	scene_apply(sc, ev);
}

/* Show the readings after upto that the segments explain, up to a second
 * after the point. */
void
scene_ahead(struct scene *sc, const struct timeline *tl, int flying)
{
	const struct event	*ev;
	size_t			 i, n = timeline_count(tl);
	uint64_t		 until;

	scene_take_back(sc);
	if (sc->upto >= n)
		return;
	until = timeline_get(tl, sc->upto)->t_ns + SCENE_AHEAD_NS;
	for (i = sc->upto; i < n; i++) {
		ev = timeline_get(tl, i);
		if (ev->t_ns > until)
			break;
		if (ev->kind == EV_SEG)
			scene_ahead_seg(sc, &ev->u.seg, flying &&
			    i == sc->upto);
		else if (ev->kind == EV_STATE)
			scene_ahead_state(sc, ev);
	}
}
