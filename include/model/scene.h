/*
 * scene.h: what the endpoint panes show at one point of the timeline: each
 * endpoint's process, its last call, its listener and the latest state of
 * each of its sockets. Pure: built from events only, so the look back over
 * earlier steps and the live view are the same computation.
 */
#ifndef SCENE_H
#define SCENE_H

#include <stddef.h>
#include <stdint.h>

#include "lesson/lesson.h"
#include "model/ledger.h"
#include "model/timeline.h"

struct scene_sock {
	int		 conn;		/* 0: the slot is unused */
	enum tcp_state	 state;
	enum state_src	 src;
	enum tcp_timer timer;
	uint32_t	 expires_ms;	/* as the probe saw it ... */
	uint64_t	 seen_ns;	/* ... at this time */
	uint32_t	 rqueue;
	uint32_t	 wqueue;
	uint32_t	 inode;		/* 0: no process holds it (an
					 * orphan, TIME_WAIT); else the
					 * socket:[inode] in /proc/PID/fd */
};

struct scene_endpoint {
	int			 started;	/* any event from it yet */
	int			 exited;
	int			 status;	/* wait status, or -1 */
	int			 has_call;	/* last_call is set */
	struct call		 last_call;	/* a copy: appending to the
						 * timeline moves its events */
	struct ledger		 holds;		/* its open listeners */
	struct scene_sock	*socks;		/* indexed by connection number */
	size_t			 nslots;
	size_t			 nsocks;	/* slots in use */
	int			 focus;		/* connection last changed, 0 */
};

struct scene {
	size_t			 nendpoints;
	struct scene_endpoint	*eps;
	size_t			 upto;		/* built from events [0, upto) */
};

/* Build the scene of events [0, upto) of a timeline; free the old one. */
void	scene_build(struct scene *, const struct lesson *,
	    const struct timeline *, size_t upto);
/* Apply the events from where the scene stands up to upto: cheaper than
 * scene_build when no event was inserted before that point. */
void	scene_extend(struct scene *, const struct timeline *, size_t upto);
/* Seconds left on a socket's timer at now_ns (lab clock), never below 0. */
double	scene_time_left(const struct scene_sock *, uint64_t now_ns);
/* How many of an endpoint's sockets are in a state. */
size_t	scene_count(const struct scene_endpoint *, enum tcp_state);
/* The port of the endpoint's newest open listener, or 0. */
int	scene_listen_port(const struct scene_endpoint *);
/* Free what the scene holds (the scene itself is the caller's). */
void	scene_free(struct scene *);

#endif
