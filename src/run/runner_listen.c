/*
 * runner_listen.c: the listeners, probed like connections. A dump never
 * asks for a listener (it would walk the host's listening hash), so each
 * listener an endpoint opened is looked up by its address instead
 * (127.0.0.1:PORT, the peer 0.0.0.0:0) whenever the runner probes: its
 * state, its accept queue and the queue's limit become state events of
 * connection 0 that name the port. The connections waiting in a
 * listener's queue, completed by the kernel and not yet accepted, are the
 * listener's endpoint's "queued" connections for expectations.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "run/runner_parts.h"

/* The listener followed on port, or NULL. */
static struct runner_listener *
runner_listen_find(struct runner *r, int port)
{
	int	i;

	for (i = 0; i < r->nlisteners; i++) {
		if (r->listeners[i].port == port)
			return (&r->listeners[i]);
	}
	return (NULL);
}

/* Whether some endpoint holds a listener on port open. */
static int
runner_listen_held(struct runner *r, int port)
{
	size_t	i;

	for (i = 0; i < r->lesson->nendpoints; i++) {
		if (ledger_listens_on(&r->eps[i].holds, port))
			return (1);
	}
	return (0);
}

/* Start following the listeners the endpoints opened since the last
 * probe; a port whose listener closed is followed again from its new
 * holder. */
static void
runner_listen_track(struct runner *r)
{
	const struct ledger	*g;
	struct runner_listener	*x;
	size_t			 i;
	int			 k;

	for (i = 0; i < r->lesson->nendpoints; i++) {
		g = &r->eps[i].holds;
		for (k = 0; k < g->nlisteners; k++) {
			x = runner_listen_find(r, g->listen_port[k]);
			if (x == NULL && r->nlisteners < LESSON_MAX_LISTENERS) {
				x = &r->listeners[r->nlisteners++];
				memset(x, 0, sizeof *x);
				x->port = (uint16_t)g->listen_port[k];
				x->state = TS_CLOSED;
			}
			if (x != NULL && x->state == TS_CLOSED) {
				x->owner = (int)i;
				x->state = TS_NONE;
			}
		}
	}
}

/* Record a listener's reading: a new state, or new queues in the same. */
static void
runner_listen_record(struct runner *r, struct runner_listener *x,
    enum tcp_state state, const struct sock_reading *sock, uint64_t t_ns)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_STATE;
	ev.actor = x->owner;
	ev.u.state.state = state;
	ev.u.state.src = SRC_KERNEL;
	ev.u.state.port = x->port;
	ev.u.state.queues_only = state == x->state;
	if (sock != NULL) {
		ev.u.state.rqueue = sock->rqueue;
		ev.u.state.wqueue = sock->wqueue;
		ev.u.state.inode = sock->inode;
	}
	x->state = state;
	x->queued = ev.u.state.rqueue;
	x->limit = ev.u.state.wqueue;
	runner_add(r, &ev, t_ns);
	runner_not_quiet(r);
}

/* Look one listener up, and record what changed. */
static void
runner_listen_lookup(struct runner *r, struct runner_listener *x)
{
	struct sock_reading	 key, found;
	char			*cause;
	uint64_t		 t_ns = loop_realtime_ns();
	int			 ret;

	memset(&key, 0, sizeof key);
	key.saddr = RUNNER_LOOPBACK;
	key.sport = x->port;
	if ((ret = probe_lookup(r->probe, &key, &found, &cause)) == -1) {
		if (r->view->failed != NULL)
			r->view->failed(cause, r->arg);
		free(cause);
		return;
	}
	if (ret == 1 && found.state == TS_LISTEN && found.sport == x->port) {
		if (x->state != TS_LISTEN || found.rqueue != x->queued ||
		    found.wqueue != x->limit)
			runner_listen_record(r, x, TS_LISTEN, &found, t_ns);
	} else if (x->state == TS_LISTEN)
		runner_listen_record(r, x, TS_CLOSED, NULL, t_ns);
	else if (!runner_listen_held(r, x->port))
		x->state = TS_CLOSED;	/* closed before the kernel was asked */
}

/* Look up every listener followed: those an endpoint holds open, and
 * those the kernel still had at the last look. */
void
runner_listen_probe(struct runner *r)
{
	int	i;

	runner_listen_track(r);
	for (i = 0; i < r->nlisteners; i++) {
		if (r->listeners[i].state != TS_CLOSED)
			runner_listen_lookup(r, &r->listeners[i]);
	}
}

/* The port of an endpoint's latest open listener, or 0: what "queued"
 * judges without "port". */
int
runner_listen_port(void *arg, int ep)
{
	struct runner	*r = arg;

	return (ledger_listen_port(&r->eps[ep].holds));
}

/* Whether a port is one of a listener the kernel has. */
static int
runner_listen_open(struct runner *r, int port)
{
	struct runner_listener	*x = runner_listen_find(r, port);

	return (x != NULL && x->state == TS_LISTEN);
}

/*
 * Fill out with the endpoint's queued connections: the sides its
 * listeners' kernel completed (or is completing) and no endpoint has
 * accepted, the kernel still having them. Returns how many.
 */
size_t
runner_listen_queued(struct runner *r, int ep, struct expect_conn *out,
    size_t max)
{
	const struct ledger	*g;
	const struct conn	*c;
	size_t			 i, k, n = 0, nconns = conns_count(r->conns);
	uint8_t			*held;
	int			 side;

	if (r->nlisteners == 0 || max == 0)
		return (0);
	held = xcalloc(nconns + 1, 1);
	for (i = 0; i < r->lesson->nendpoints; i++) {
		g = &r->eps[i].holds;
		for (k = 0; k < g->nrefs; k++)
			held[g->refs[k].conn] |= 1U << g->refs[k].side;
	}
	for (i = 0; i < nconns && n < max; i++) {
		c = conns_get(r->conns, i);
		for (side = 0; side < 2 && n < max; side++) {
			if (c->side[side].owner != ep ||
			    (held[c->number] & (1U << side)) ||
			    c->side[side].state == TS_NONE ||
			    c->side[side].state == TS_CLOSED ||
			    !runner_listen_open(r, c->side[side].port))
				continue;
			runner_expect_side(c, side, 0, &out[n]);
			out[n++].queued = 1;
		}
	}
	free(held);
	return (n);
}
