/*
 * ledger.c: the sockets each endpoint holds, kept from the calls it made.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "model/ledger.h"

/* A listener opened on port with fd; past the last slot it is not kept. */
static void
ledger_listen(struct ledger *g, int fd, int port)
{
	if (g->nlisteners >= LESSON_MAX_LISTENERS)
		return;
	g->listen_port[g->nlisteners] = port;
	g->listen_fd[g->nlisteners++] = fd;
}

/* A descriptor was closed: a listener, or the newest open connection on
 * it. */
static void
ledger_close(struct ledger *g, int fd)
{
	size_t	i, rest;
	int	k;

	for (k = 0; k < g->nlisteners; k++) {
		if (g->listen_fd[k] != fd)
			continue;
		rest = (size_t)(g->nlisteners - k - 1);
		memmove(&g->listen_fd[k], &g->listen_fd[k + 1],
		    rest * sizeof *g->listen_fd);
		memmove(&g->listen_port[k], &g->listen_port[k + 1],
		    rest * sizeof *g->listen_port);
		g->nlisteners--;
		return;
	}
	for (i = g->nrefs; i-- > 0;) {
		if (g->refs[i].open && g->refs[i].fd == fd) {
			g->refs[i].open = 0;
			return;
		}
	}
}

/* Apply a listen() or close() that worked. */
void
ledger_call(struct ledger *g, const struct call *c)
{
	if (c->ret != 0)
		return;
	if (c->name == CALL_LISTEN)
		ledger_listen(g, c->fd, c->lport);
	else if (c->name == CALL_CLOSE)
		ledger_close(g, c->fd);
}

/* Remember a connection the endpoint now holds, as its latest. */
void
ledger_hold(struct ledger *g, int conn, int side, int fd)
{
	g->refs = xreallocarray(g->refs, g->nrefs + 1, sizeof *g->refs);
	g->refs[g->nrefs].conn = conn;
	g->refs[g->nrefs].side = side;
	g->refs[g->nrefs].fd = fd;
	g->refs[g->nrefs].open = 1;
	g->nrefs++;
}

/* A process's exit closes all it held. */
void
ledger_exit(struct ledger *g)
{
	size_t	i;

	g->nlisteners = 0;
	for (i = 0; i < g->nrefs; i++)
		g->refs[i].open = 0;
}

/* Copy the parent's holdings into an empty child. */
void
ledger_inherit(struct ledger *child, const struct ledger *parent)
{
	ledger_clear(child);
	memcpy(child->listen_port, parent->listen_port,
	    sizeof child->listen_port);
	memcpy(child->listen_fd, parent->listen_fd, sizeof child->listen_fd);
	child->nlisteners = parent->nlisteners;
	if (parent->nrefs > 0) {
		child->refs = xreallocarray(NULL, parent->nrefs,
		    sizeof *child->refs);
		memcpy(child->refs, parent->refs,
		    parent->nrefs * sizeof *parent->refs);
	}
	child->nrefs = parent->nrefs;
}

/* Whether any open listener has the port. */
int
ledger_listens_on(const struct ledger *g, int port)
{
	int	k;

	for (k = 0; k < g->nlisteners; k++) {
		if (g->listen_port[k] == port)
			return (1);
	}
	return (0);
}

/* The newest open listener's port. */
int
ledger_listen_port(const struct ledger *g)
{
	return (g->nlisteners > 0 ? g->listen_port[g->nlisteners - 1] : 0);
}

/* The latest connection: the newest open one, else the newest. */
long
ledger_latest(const struct ledger *g)
{
	size_t	i;

	for (i = g->nrefs; i-- > 0;) {
		if (g->refs[i].open)
			return ((long)i);
	}
	return ((long)g->nrefs - 1);
}

/* Free the connections and forget everything. */
void
ledger_clear(struct ledger *g)
{
	free(g->refs);
	memset(g, 0, sizeof *g);
}
