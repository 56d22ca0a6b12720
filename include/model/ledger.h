/*
 * ledger.h: who holds which socket: for each endpoint, the listeners it
 * has open (port and descriptor, newest last) and the connections it has
 * held (connection number, side, descriptor, whether it still is open).
 * The runner keeps one for the live lab and the scene one for the point
 * of the timeline shown: the same rules, written once. Pure.
 */
#ifndef LEDGER_H
#define LEDGER_H

#include <stddef.h>

#include "lesson/lesson.h"
#include "tcp/call.h"

/* One connection an endpoint held. */
struct ledger_ref {
	int	conn;		/* its number, 1, 2, ... */
	int	side;		/* the endpoint's side of it */
	int	fd;		/* the endpoint's descriptor for it */
	int	open;		/* not closed by the endpoint yet */
	size_t	below;		/* 1 + the index of the ref open on the same
				 * fd when this one was taken, or 0 */
};

/* What one endpoint holds. */
struct ledger {
	int			 listen_port[LESSON_MAX_LISTENERS];
	int			 listen_fd[LESSON_MAX_LISTENERS];
	int			 nlisteners;	/* open, newest last */
	struct ledger_ref	*refs;		/* held, latest last */
	size_t			 nrefs;
	size_t			 refs_room;
	size_t			*open_on_fd;	/* by fd: 1 + the index of the
						 * newest open ref, or 0 */
	size_t			 nfds;
};

/* Apply a call the endpoint made: a listen() or close() that worked. */
void	ledger_call(struct ledger *, const struct call *);
/* The endpoint now holds side of connection conn through fd. */
void	ledger_hold(struct ledger *, int conn, int side, int fd);
/* The endpoint's process exited: everything it held is closed. */
void	ledger_exit(struct ledger *);
/* A forked child starts with what its parent holds (child is empty). */
void	ledger_inherit(struct ledger *child, const struct ledger *parent);
/* Whether the endpoint listens on port. */
int	ledger_listens_on(const struct ledger *, int port);
/* The port of the newest open listener, or 0. */
int	ledger_listen_port(const struct ledger *);
/* The index of the newest connection still open, or of the newest when
 * none is; -1 when the endpoint has held none. */
long	ledger_latest(const struct ledger *);
/* Free what the ledger holds and empty it. */
void	ledger_clear(struct ledger *);

#endif
