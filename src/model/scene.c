/*
 * scene.c: the endpoints as the timeline describes them at one point. Each
 * event kind touches one thing: a call sets the last call (and what the
 * endpoint holds, in its ledger), a state sets one socket, an exit ends
 * the process, a segment notes its flags on the sockets at both ends.
 *
 * The wire lane's arrows are kept as the events come: a segment captured
 * or dropped by a rule is an arrow; the copies of a held segment share
 * one, drawn at the oldest copy not delivered, which a delivery can move.
 *
 * With an arrow in flight, scene_ahead.c shows some readings early.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "model/scene.h"
#include "model/scene_parts.h"

/* A copy of a segment the wire held, and what became of it. */
struct scene_hold {
	size_t		 ev;		/* its hold */
	uint32_t	 id;
	enum wire_op	 fate;		/* WIRE_OP_HOLD while it is held */
	int		 anchor;	/* its segment's arrow is drawn here */
	uint64_t	 step_ns;	/* when its step began, for that arrow */
};

/* Room for one more in an array of *cap objects, n of them in use. */
void *
scene_reserve(void *p, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return (p);
	*cap = *cap == 0 ? 16 : *cap * 2;
	return (xreallocarray(p, *cap, size));
}

/* The slot of a connection, grown as needed. */
struct scene_sock *
scene_slot(struct scene_endpoint *e, int conn)
{
	size_t	want = (size_t)conn + 1, n;

	if (want > e->nslots) {
		n = e->nslots * 2 > want ? e->nslots * 2 : want;
		e->socks = xreallocarray(e->socks, n, sizeof *e->socks);
		memset(e->socks + e->nslots, 0,
		    (n - e->nslots) * sizeof *e->socks);
		e->nslots = n;
	}
	return (&e->socks[conn]);
}

/* The port of the newest open listener, or 0. */
int
scene_listen_port(const struct scene_endpoint *e)
{
	return (ledger_listen_port(&e->holds));
}

/* The slot of the listener on port (0: a free slot), or -1. */
static int
scene_listener_slot(const struct scene *sc, int port)
{
	int	i;

	for (i = 0; i < LESSON_MAX_LISTENERS; i++) {
		if (sc->listeners[i].port == port)
			return (i);
	}
	return (-1);
}

/* The kernel's latest reading of the listener on port. */
const struct scene_listener *
scene_listener(const struct scene *sc, int port)
{
	int	i = port != 0 ? scene_listener_slot(sc, port) : -1;

	return (i == -1 ? NULL : &sc->listeners[i]);
}

/* Keep a listener's reading, in its port's slot or a free one. */
static void
scene_listener_apply(struct scene *sc, const struct ev_state *st)
{
	struct scene_listener	*x;
	int			 i;

	if ((i = scene_listener_slot(sc, st->port)) == -1 &&
	    (i = scene_listener_slot(sc, 0)) == -1)
		return;
	x = &sc->listeners[i];
	x->port = st->port;
	x->state = st->state;
	x->queued = st->rqueue;
	x->limit = st->wqueue;
}

/* The slot of one end of a segment, or NULL when that end is not an
 * endpoint of the lesson. */
struct scene_sock *
scene_seg_end(struct scene *sc, const struct ev_seg *seg, int ep)
{
	if (ep < 0 || (size_t)ep >= sc->nendpoints || seg->conn <= 0)
		return (NULL);
	return (scene_slot(&sc->eps[ep], seg->conn));
}

/* A segment has landed: add its flags to both ends'. */
static void
scene_landed(struct scene *sc, const struct ev_seg *seg)
{
	struct scene_sock	*s;

	if ((s = scene_seg_end(sc, seg, seg->sender)) != NULL)
		s->sent |= seg->seg.flags;
	if ((s = scene_seg_end(sc, seg, seg->receiver)) != NULL)
		s->rcvd |= seg->seg.flags;
}

/* Keep a call of a step among the endpoint's latest, the oldest giving
 * way. */
static void
scene_add_call(struct scene_endpoint *e, const struct call *c, int step)
{
	if (e->ncalls == SCENE_CALLS) {
		memmove(&e->calls[0], &e->calls[1], (SCENE_CALLS - 1) *
		    sizeof e->calls[0]);
		memmove(&e->call_steps[0], &e->call_steps[1],
		    (SCENE_CALLS - 1) * sizeof e->call_steps[0]);
		e->ncalls--;
	}
	e->call_steps[e->ncalls] = step;
	e->calls[e->ncalls++] = *c;
}

/* Show a reading in an endpoint's block: its owner's, or (shared) that
 * of another process that holds the socket too. */
static void
scene_show_sock(struct scene_endpoint *e, const struct ev_state *st,
    uint64_t t_ns, int shared)
{
	struct scene_sock	*s = scene_slot(e, st->conn);

	if (s->conn == 0)
		e->nsocks++;
	else
		e->bystate[s->state]--;
	e->bystate[st->state]++;
	s->conn = st->conn;
	s->shared = shared;
	s->state = st->state;
	s->src = st->src;
	s->timer = st->timer;
	s->expires_ms = st->expires_ms;
	s->seen_ns = t_ns;
	s->armed_ms = st->armed_ms;
	s->info = st->info;
	s->rqueue = st->rqueue;
	s->wqueue = st->wqueue;
	s->inode = st->inode;
	s->holders = st->holders;
	/* Only segments after a reading can explain the next one (a timer's
	 * end has none, and must not be shown early). */
	s->sent = s->rcvd = 0;
	e->focus = st->conn;
}

/* Take a shared socket out of the block of a process that no longer
 * holds it; its focus moves to the newest socket left. */
static void
scene_unshare(struct scene_endpoint *e, int conn)
{
	struct scene_sock	*s = &e->socks[conn];
	size_t			 i;

	e->bystate[s->state]--;
	e->nsocks--;
	memset(s, 0, sizeof *s);
	if (e->focus != conn)
		return;
	e->focus = 0;
	for (i = e->nslots; i-- > 1; ) {
		if (e->socks[i].conn != 0) {
			e->focus = (int)i;
			break;
		}
	}
}

/* Whether a reading changes endpoint ep's block other than its owner's:
 * ep holds the socket too, or held it. */
int
scene_reaches(const struct scene *sc, const struct event *ev, size_t ep)
{
	const struct ev_state		*st = &ev->u.state;
	const struct scene_endpoint	*e = &sc->eps[ep];

	if ((int)ep == ev->actor)
		return (0);
	if (st->holders & (1U << ep))
		return (1);
	return ((size_t)st->conn < e->nslots && e->socks[st->conn].shared);
}

/* Apply a reading to its owner's block and to those of the other
 * processes that hold (or held) its socket. */
static void
scene_apply_state(struct scene *sc, const struct event *ev)
{
	const struct ev_state	*st = &ev->u.state;
	size_t			 i;

	if (st->conn == 0 && st->port != 0)
		scene_listener_apply(sc, st);
	if (st->conn <= 0)
		return;
	scene_show_sock(&sc->eps[ev->actor], st, ev->t_ns, 0);
	for (i = 0; i < sc->nendpoints; i++) {
		if (!scene_reaches(sc, ev, i))
			continue;
		if (st->holders & (1U << i))
			scene_show_sock(&sc->eps[i], st, ev->t_ns, 1);
		else
			scene_unshare(&sc->eps[i], st->conn);
	}
}

/* Apply one event. */
void
scene_apply(struct scene *sc, const struct event *ev)
{
	struct scene_endpoint	*e;
	int			 actor = ev->actor;

	if (ev->kind == EV_SEG)
		scene_landed(sc, &ev->u.seg);
	/* The lab's kill is shown in the pane of the process it killed. */
	if (ev->kind == EV_CALL && ev->u.call.name == CALL_KILL)
		actor = ev->u.call.target;
	if (actor < 0 || (size_t)actor >= sc->nendpoints)
		return;
	e = &sc->eps[actor];
	e->started = 1;
	switch (ev->kind) {
	case EV_CALL:
		scene_add_call(e, &ev->u.call, ev->step);
		ledger_call(&e->holds, &ev->u.call);
		break;
	case EV_STATE:
		scene_apply_state(sc, ev);
		break;
	case EV_EXIT:
		e->exited = 1;
		e->status = ev->u.exit.status;
		ledger_exit(&e->holds);
		break;
	case EV_SEG:
	case EV_WIRE:
	case EV_SAY:
	case EV_STEP:
	case EV_CHECK:
		break;
	}
}

/* Where the arrow of event ev is, or would go among the arrows. */
static size_t
scene_arrow_slot(const struct scene *sc, size_t ev)
{
	size_t	lo = 0, hi = sc->narrows, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (sc->arrows[mid].ev < ev)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

/* Put an arrow in the place of its event: the end, unless the delivery
 * of a held segment's oldest copy moved that segment's arrow. */
static void
scene_arrow_insert(struct scene *sc, const struct scene_arrow *a)
{
	size_t	at = scene_arrow_slot(sc, a->ev);

	sc->arrows = scene_reserve(sc->arrows, sc->narrows, &sc->arrowscap,
	    sizeof *sc->arrows);
	memmove(&sc->arrows[at + 1], &sc->arrows[at],
	    (sc->narrows - at) * sizeof *sc->arrows);
	sc->arrows[at] = *a;
	sc->narrows++;
}

/* Take away the arrow drawn at event ev. */
static void
scene_arrow_remove(struct scene *sc, size_t ev)
{
	size_t	at = scene_arrow_slot(sc, ev);

	memmove(&sc->arrows[at], &sc->arrows[at + 1],
	    (sc->narrows - at - 1) * sizeof *sc->arrows);
	sc->narrows--;
}

/* Add an arrow of one event, lost or not, at the end. */
static void
scene_arrow_add(struct scene *sc, size_t ev, size_t lost)
{
	struct scene_arrow	a;

	memset(&a, 0, sizeof a);
	a.ev = ev;
	a.lost = lost;
	a.step_ns = sc->step_ns;
	scene_arrow_insert(sc, &a);
}

/* The segment of a copy the wire held. */
static const struct segment *
scene_hold_seg(const struct timeline *tl, const struct scene_hold *h)
{
	return (&timeline_get(tl, h->ev)->u.wire.seg.seg);
}

/* Draw the copies of seg the wire held again, once one of them was held,
 * delivered or dropped: one arrow at the oldest not delivered, counting
 * those still held and those dropped; none once each was delivered. */
static void
scene_regroup(struct scene *sc, const struct timeline *tl,
    const struct segment *seg)
{
	struct scene_hold	*h, *was = NULL, *oldest = NULL;
	struct scene_arrow	 a, *at;
	size_t			 i;

	memset(&a, 0, sizeof a);
	for (i = 0; i < sc->nholds; i++) {
		h = &sc->holds[i];
		if (!segment_same(scene_hold_seg(tl, h), seg))
			continue;
		if (h->anchor)
			was = h;
		if (h->fate == WIRE_OP_DELIVER)
			continue;
		if (oldest == NULL)
			oldest = h;
		if (h->fate == WIRE_OP_HOLD)
			a.held++;
		else
			a.lost++;
	}
	if (was == oldest && oldest != NULL) {
		at = &sc->arrows[scene_arrow_slot(sc, oldest->ev)];
		at->held = a.held;
		at->lost = a.lost;
		return;
	}
	if (was != NULL) {
		scene_arrow_remove(sc, was->ev);
		was->anchor = 0;
	}
	if (oldest == NULL)
		return;
	a.ev = oldest->ev;
	a.step_ns = oldest->step_ns;
	scene_arrow_insert(sc, &a);
	oldest->anchor = 1;
}

/* The wire's event at i: a hold adds a copy to its segment's arrow, a
 * delivery or a drop of a held copy changes that arrow, and a drop by a
 * rule of the wire is an arrow of its own. */
static void
scene_wire(struct scene *sc, const struct timeline *tl, size_t i)
{
	const struct ev_wire	*w = &timeline_get(tl, i)->u.wire;
	struct scene_hold	*h, *held = NULL;
	size_t			 k;

	if (w->op == WIRE_OP_HOLD) {
		sc->holds = scene_reserve(sc->holds, sc->nholds, &sc->holdscap,
		    sizeof *sc->holds);
		h = &sc->holds[sc->nholds++];
		memset(h, 0, sizeof *h);
		h->ev = i;
		h->id = w->id;
		h->fate = WIRE_OP_HOLD;
		h->step_ns = sc->step_ns;
		scene_regroup(sc, tl, &w->seg.seg);
		return;
	}
	/* The first delivery or drop of a held copy is what became of it. */
	for (k = 0; k < sc->nholds; k++) {
		h = &sc->holds[k];
		if (h->id != w->id)
			continue;
		if (h->fate == WIRE_OP_HOLD)
			h->fate = w->op;
		held = h;
	}
	if (held != NULL)
		scene_regroup(sc, tl, scene_hold_seg(tl, held));
	else if (w->op == WIRE_OP_DROP)
		scene_arrow_add(sc, i, 1);
}

/* Apply the next event, upto, and move past it. */
static void
scene_advance(struct scene *sc, const struct timeline *tl)
{
	const struct event	*ev = timeline_get(tl, sc->upto);

	switch (ev->kind) {
	case EV_SEG:
		scene_arrow_add(sc, sc->upto, 0);
		break;
	case EV_WIRE:
		scene_wire(sc, tl, sc->upto);
		break;
	case EV_STEP:
		sc->step_ns = ev->t_ns;
		break;
	case EV_CHECK:
		sc->untallied = 1;
		break;
	case EV_CALL:
	case EV_STATE:
	case EV_SAY:
	case EV_EXIT:
		break;
	}
	scene_apply(sc, ev);
	sc->upto++;
}

/* Tally the checks of events [0, upto), of every step and of each, in
 * one pass. */
void
scene_tally(const struct timeline *tl, size_t upto, size_t nsteps,
    struct timeline_tally *all, struct timeline_tally *steps)
{
	const struct event	*ev;
	size_t			 i;

	memset(all, 0, sizeof *all);
	if (nsteps > 0)
		memset(steps, 0, nsteps * sizeof *steps);
	for (i = 0; i < upto && i < timeline_count(tl); i++) {
		ev = timeline_get(tl, i);
		timeline_tally_add(all, ev);
		if (ev->step >= 0 && (size_t)ev->step < nsteps)
			timeline_tally_add(&steps[ev->step], ev);
	}
}

/* Apply events up to upto, and count the checks again if one came. */
static void
scene_advance_to(struct scene *sc, const struct timeline *tl, size_t upto)
{
	if (upto > timeline_count(tl))
		upto = timeline_count(tl);
	while (sc->upto < upto)
		scene_advance(sc, tl);
	if (sc->untallied)
		scene_tally(tl, sc->upto, sc->nsteps, &sc->tally,
		    sc->step_tally);
	sc->untallied = 0;
}

/* Build the scene of events [0, upto). */
void
scene_build(struct scene *sc, const struct lesson *l,
    const struct timeline *tl, size_t upto)
{
	scene_free(sc);
	sc->nendpoints = l->nendpoints;
	sc->eps = xcalloc(l->nendpoints, sizeof *sc->eps);
	sc->nsteps = l->nsteps;
	sc->step_tally = xcalloc(l->nsteps, sizeof *sc->step_tally);
	scene_advance_to(sc, tl, upto);
}

/* The arrow of event seq, or of the copies it is one of. */
long
scene_arrow_find(const struct scene *sc, const struct timeline *tl,
    uint64_t seq)
{
	const struct event	*ev;
	size_t			 i, at, k;

	if ((i = timeline_find(tl, seq)) == TIMELINE_NONE)
		return (-1);
	at = scene_arrow_slot(sc, i);
	if (at < sc->narrows && sc->arrows[at].ev == i)
		return ((long)at);
	ev = timeline_get(tl, i);
	if (ev->kind != EV_WIRE)
		return (-1);
	for (k = 0; k < sc->nholds; k++) {
		if (sc->holds[k].anchor && segment_same(scene_hold_seg(tl,
		    &sc->holds[k]), &ev->u.wire.seg.seg))
			return ((long)scene_arrow_slot(sc, sc->holds[k].ev));
	}
	return (-1);
}

/* Apply events [sc->upto, upto) to a scene built on the same timeline. */
void
scene_extend(struct scene *sc, const struct timeline *tl, size_t upto)
{
	scene_take_back(sc);
	scene_advance_to(sc, tl, upto);
}

/* Seconds left on a socket's timer. */
double
scene_time_left(const struct scene_sock *s, uint64_t now_ns)
{
	return ((double)tcpstate_time_left_ns(s->expires_ms, s->seen_ns,
	    now_ns) / 1e9);
}

/* How many sockets of e are in a state. */
size_t
scene_count(const struct scene_endpoint *e, enum tcp_state state)
{
	return (e->bystate[state]);
}

/* Free the endpoints' sockets. */
void
scene_free(struct scene *sc)
{
	size_t	i;

	for (i = 0; i < sc->nendpoints && sc->eps != NULL; i++) {
		free(sc->eps[i].socks);
		ledger_clear(&sc->eps[i].holds);
	}
	free(sc->eps);
	free(sc->arrows);
	free(sc->holds);
	free(sc->step_tally);
	free(sc->ahead);
	memset(sc, 0, sizeof *sc);
}
