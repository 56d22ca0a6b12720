/*
 * scene.h: what the lesson view shows at one point of the timeline: each
 * endpoint's process, its last call, its listener and the latest state of
 * each of its sockets; the arrows of the wire lane. Pure: built from
 * events only, so the look back over earlier steps and the live view are
 * the same computation. Built once and then extended event by event as
 * the timeline is revealed, so a drawing costs what it draws, however
 * long the timeline; the tally of its checks is counted again only when
 * a check comes.
 *
 * The point can be an arrow in flight. A socket's state is read by the
 * probe after the segments that moved it were captured, often after the
 * next one too, so a reading stands later in the timeline than its cause.
 * scene_ahead shows, besides the events up to the point, the readings the
 * segments already explain: a sender's once its segment has left, a
 * receiver's once the segment has landed. Each is still a recorded event,
 * with its source; only the moment it appears moves.
 */
#ifndef SCENE_H
#define SCENE_H

#include <stddef.h>
#include <stdint.h>

#include "lesson/lesson.h"
#include "model/ledger.h"
#include "model/timeline.h"

/* The calls an endpoint's pane can list: its latest few. */
#define SCENE_CALLS	8

struct scene_sock {
	int		 conn;		/* 0: the slot is unused */
	int		 shared;	/* another endpoint's socket, which
					 * this one holds too (after fork) */
	uint32_t	 holders;	/* bit i: endpoint i holds it */
	enum tcp_state	 state;
	enum state_src	 src;
	enum tcp_timer	 timer;
	uint32_t	 expires_ms;	/* as the probe saw it ... */
	uint64_t	 seen_ns;	/* ... at this time */
	uint32_t	 armed_ms;	/* what the timer began with */
	struct sock_tcpinfo info;	/* its RTO and retransmissions */
	uint32_t	 rqueue;
	uint32_t	 wqueue;
	uint32_t	 inode;		/* 0: no process holds it (an
					 * orphan, TIME_WAIT); else the
					 * socket:[inode] in /proc/PID/fd */
	uint8_t		 sent;		/* flags of the segments it sent */
	uint8_t		 rcvd;		/* ... and of those it took in,
					 * since its last reading */
	size_t		 ahead;		/* 1 + its entry in scene.ahead, or 0 */
};

/* A listener as the kernel last showed it (a state event of connection
 * 0); any endpoint that holds it open shows it. */
struct scene_listener {
	int		 port;		/* 0: the slot is unused */
	enum tcp_state	 state;		/* LISTEN, or CLOSED once gone */
	uint32_t	 queued;	/* its accept queue ... */
	uint32_t	 limit;		/* ... and the kernel's limit of it */
};

struct scene_endpoint {
	int			 started;	/* any event from it yet */
	int			 exited;
	int			 status;	/* wait status, or -1 */
	struct call		 calls[SCENE_CALLS];	/* its latest calls,
						 * oldest first: copies, as
						 * appending to the timeline
						 * moves its events */
	int			 call_steps[SCENE_CALLS];	/* the step of
						 * each (-1 setup) */
	size_t			 ncalls;
	struct ledger		 holds;		/* its open listeners */
	struct scene_sock	*socks;		/* indexed by connection number */
	size_t			 nslots;
	size_t			 nsocks;	/* slots in use */
	size_t			 bystate[TS_COUNT];	/* ... in each
						 * state */
	int			 focus;		/* connection last changed, 0 */
};

/* An arrow of the wire lane: a captured segment, one a rule of the wire
 * dropped, or the copies of a segment the wire held (the kernel's
 * retransmissions of it) that were not delivered, drawn at the oldest:
 * a delivered copy's arrival is captured, an arrow of its own. */
struct scene_arrow {
	size_t		 ev;		/* the event drawn */
	size_t		 held;		/* of that segment's copies: still
					 * held */
	size_t		 lost;		/* ... dropped */
	uint64_t	 step_ns;	/* when the step began: the time of
					 * the EV_STEP before it, or 0 */
};

struct scene_hold;
struct scene_ahead_sock;

struct scene {
	size_t			 nendpoints;
	struct scene_endpoint	*eps;
	size_t			 upto;		/* built from events [0, upto) */
	struct scene_arrow	*arrows;	/* in the order of their events */
	size_t			 narrows;
	size_t			 arrowscap;
	struct scene_hold	*holds;		/* every copy the wire held */
	size_t			 nholds;
	size_t			 holdscap;
	uint64_t		 step_ns;	/* when the latest step began */
	struct scene_listener	 listeners[LESSON_MAX_LISTENERS];
	struct timeline_tally	 tally;		/* the checks among the events */
	struct timeline_tally	*step_tally;	/* ... of each step */
	size_t			 nsteps;
	int			 untallied;	/* a check came since */
	struct scene_ahead_sock	*ahead;		/* the sockets scene_ahead */
	size_t			 nahead;	/* changed, to take back */
	size_t			 aheadcap;
};

/* Build the scene of events [0, upto) of a timeline; free the old one. */
void	scene_build(struct scene *, const struct lesson *,
	    const struct timeline *, size_t upto);
/* Apply the events from where the scene stands up to upto: cheaper than
 * scene_build when no event was inserted before that point. Takes back
 * what scene_ahead showed first. */
void	scene_extend(struct scene *, const struct timeline *, size_t upto);
/* Show also the readings after upto (a second at most) that the segments
 * explain: those of a segment's sender once it has left (event upto, when
 * flying is set, is a segment on its way), of its receiver once it has
 * landed (before upto). A reading waits while a segment still to leave or
 * land could explain it, and so do the socket's readings after it.
 * Replaces what the last call showed. */
void	scene_ahead(struct scene *, const struct timeline *, int flying);
/* Tally the checks among events [0, upto): every step's into *all, step
 * k's into steps[k], nsteps of them. */
void	scene_tally(const struct timeline *, size_t upto, size_t nsteps,
	    struct timeline_tally *all, struct timeline_tally *steps);
/* The arrow that shows the event numbered seq (for a copy of a held
 * segment, the arrow of its copies), or -1. */
long	scene_arrow_find(const struct scene *, const struct timeline *,
	    uint64_t seq);
/* Seconds left on a socket's timer at now_ns (lab clock), never below 0. */
double	scene_time_left(const struct scene_sock *, uint64_t now_ns);
/* How many of an endpoint's sockets are in a state. */
size_t	scene_count(const struct scene_endpoint *, enum tcp_state);
/* The port of the endpoint's newest open listener, or 0. */
int	scene_listen_port(const struct scene_endpoint *);
/* The kernel's latest reading of the listener on port, or NULL. */
const struct scene_listener *scene_listener(const struct scene *, int port);
/* Free what the scene holds (the scene itself is the caller's). */
void	scene_free(struct scene *);

#endif
