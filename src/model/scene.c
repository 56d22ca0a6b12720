/*
 * scene.c: the endpoints as the timeline describes them at one point. Each
 * event kind touches one thing: a call sets the last call (and what the
 * endpoint holds, in its ledger), a state sets one socket, an exit ends
 * the process.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "model/scene.h"

/* The slot of a connection, grown as needed. */
static struct scene_sock *
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

/* Apply one event. */
static void
scene_apply(struct scene *sc, const struct event *ev)
{
	struct scene_endpoint	*e;
	struct scene_sock	*s;
	const struct ev_state	*st;

	if (ev->actor < 0 || (size_t)ev->actor >= sc->nendpoints)
		return;
	e = &sc->eps[ev->actor];
	e->started = 1;
	switch (ev->kind) {
	case EV_CALL:
		e->has_call = 1;
		e->last_call = ev->u.call;
		ledger_call(&e->holds, &ev->u.call);
		break;
	case EV_STATE:
		st = &ev->u.state;
		if (st->conn <= 0)
			break;
		s = scene_slot(e, st->conn);
		if (s->conn == 0)
			e->nsocks++;
		s->conn = st->conn;
		s->state = st->state;
		s->src = st->src;
		s->timer = st->timer;
		s->expires_ms = st->expires_ms;
		s->seen_ns = ev->t_ns;
		s->rqueue = st->rqueue;
		s->wqueue = st->wqueue;
		s->inode = st->inode;
		e->focus = st->conn;
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

/* Build the scene of events [0, upto). */
void
scene_build(struct scene *sc, const struct lesson *l,
    const struct timeline *tl, size_t upto)
{
	size_t	i;

	scene_free(sc);
	sc->nendpoints = l->nendpoints;
	sc->eps = xcalloc(l->nendpoints, sizeof *sc->eps);
	if (upto > timeline_count(tl))
		upto = timeline_count(tl);
	for (i = 0; i < upto; i++)
		scene_apply(sc, timeline_get(tl, i));
	sc->upto = upto;
}

/* Apply events [sc->upto, upto) to a scene built on the same timeline. */
void
scene_extend(struct scene *sc, const struct timeline *tl, size_t upto)
{
	if (upto > timeline_count(tl))
		upto = timeline_count(tl);
	for (; sc->upto < upto; sc->upto++)
		scene_apply(sc, timeline_get(tl, sc->upto));
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
	size_t	i, n = 0;

	for (i = 0; i < e->nslots; i++) {
		if (e->socks[i].conn != 0 && e->socks[i].state == state)
			n++;
	}
	return (n);
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
	memset(sc, 0, sizeof *sc);
}

