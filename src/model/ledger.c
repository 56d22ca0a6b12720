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
	if (fd < 0 || (size_t)fd >= g->nfds || g->open_on_fd[fd] == 0)
		return;
	i = g->open_on_fd[fd] - 1;
	g->refs[i].open = 0;
	g->open_on_fd[fd] = g->refs[i].below;
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

/* Remember a connection the endpoint now holds, as its latest; its fd
 * finds it in constant time when it is closed. */
void
ledger_hold(struct ledger *g, int conn, int side, int fd)
{
	struct ledger_ref	*ref;
	size_t			 room;

	if (g->nrefs == g->refs_room) {
		g->refs_room = g->refs_room == 0 ? 16 : 2 * g->refs_room;
		g->refs = xreallocarray(g->refs, g->refs_room,
		    sizeof *g->refs);
	}
	ref = &g->refs[g->nrefs];
	ref->conn = conn;
	ref->side = side;
	ref->fd = fd;
	ref->open = 1;
	ref->below = 0;
	if (fd >= 0) {
		if ((size_t)fd >= g->nfds) {
			room = g->nfds == 0 ? 64 : g->nfds;
			while (room <= (size_t)fd)
				room *= 2;
			g->open_on_fd = xreallocarray(g->open_on_fd, room,
			    sizeof *g->open_on_fd);
			memset(g->open_on_fd + g->nfds, 0,
			    (room - g->nfds) * sizeof *g->open_on_fd);
			g->nfds = room;
		}
		ref->below = g->open_on_fd[fd];
		g->open_on_fd[fd] = g->nrefs + 1;
	}
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
	if (g->nfds > 0)
		memset(g->open_on_fd, 0, g->nfds * sizeof *g->open_on_fd);
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
	child->nrefs = child->refs_room = parent->nrefs;
	if (parent->nfds > 0) {
		child->open_on_fd = xreallocarray(NULL, parent->nfds,
		    sizeof *child->open_on_fd);
		memcpy(child->open_on_fd, parent->open_on_fd,
		    parent->nfds * sizeof *parent->open_on_fd);
	}
	child->nfds = parent->nfds;
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
	free(g->open_on_fd);
	memset(g, 0, sizeof *g);
}
