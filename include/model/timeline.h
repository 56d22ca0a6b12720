/*
 * timeline.h: the one ordered log of everything a lesson run produced:
 * calls, segments, states, narration, step boundaries, checks and exits.
 * Every view (transcript, TUI, check) reads it; only the runner writes it.
 */
#ifndef TIMELINE_H
#define TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "lesson/lesson.h"
#include "model/conn.h"
#include "tcp/call.h"
#include "tcp/segment.h"
#include "tcp/tcpstate.h"

enum event_kind {
	EV_CALL,
	EV_SEG,
	EV_STATE,
	EV_SAY,
	EV_STEP,
	EV_CHECK,
	EV_EXIT,
	EV_WIRE
};

/* Actors that are not endpoints. */
#define ACTOR_WIRE	-1
#define ACTOR_CHECK	-2
#define ACTOR_LESSON	-3
#define ACTOR_LAB	-4

struct ev_seg {
	struct segment	seg;
	int		sender;		/* endpoint, or -1 when unknown */
	int		receiver;
	int32_t		rseq;		/* relative to the sender's ISN; a
					 * late segment of an older connection
					 * on the four-tuple is negative */
	int32_t		rack;		/* relative to the receiver's ISN */
	int		conn;		/* connection number */
	uint32_t	window;		/* in bytes, as the receiver scales
					 * the field (conn_window) */
	int		wshift;		/* the shift used, or
					 * CONN_WSCALE_UNKNOWN or _OFF */
};

struct ev_state {
	enum tcp_state		state;
	enum state_src		src;
	enum tcp_timer		timer;
	uint32_t		expires_ms;
	uint32_t		armed_ms;	/* what that timer began with */
	struct sock_tcpinfo	info;		/* the RTO, retransmissions */
	uint32_t		rqueue;
	uint32_t		wqueue;
	uint32_t		inode;		/* 0: held by no process */
	uint32_t		holders;	/* bit i: endpoint i holds it */
	int			conn;		/* 0: a listener's, below */
	uint16_t		port;		/* a listener's port; its rqueue
						 * is its accept queue, its
						 * wqueue the queue's limit */
	int			queues_only;	/* no new state: new queues or
						 * a new timer: */
	int			retimed;	/* ... a timer began, ended or
						 * changed kind */
	int			reheld;		/* ... its holders changed */
	int			restarted;	/* no new state: its timer
						 * started over ... */
	uint32_t		was_ms;		/* ... from this time left */
};

/* The wire held, delivered or dropped a segment (pcap sees only what is
 * passed or delivered). id tells the segment's hold from its delivery. */
struct ev_wire {
	enum wire_op	op;
	uint32_t	id;
	struct ev_seg	seg;
};

struct ev_exit {
	int	status;		/* a wait status, or -1 when unknown */
};

/* What a check found: it held, it failed, or the state it needed had
 * ended before the learner ran the step (a deadline passed). */
enum check_verdict {
	VERDICT_HELD,
	VERDICT_FAILED,
	VERDICT_NOT_REACHED
};

struct ev_check {
	enum check_verdict	verdict;
	char			choice;		/* a prediction's right answer
						 * ('a'...), or 0 */
};

struct event {
	enum event_kind		 kind;
	uint64_t		 t_ns;		/* since the lab started */
	uint64_t		 seq;		/* 0, 1, ... in order of arrival */
	int			 actor;		/* endpoint index or ACTOR_* */
	int			 step;		/* -1 during setup */
	union {
		struct call	 call;
		struct ev_seg	 seg;
		struct ev_state	 state;
		struct ev_exit	 exit;
		struct ev_check	 check;
		struct ev_wire	 wire;
	}			 u;
	char			*text;		/* say, step, check: owned */
};

struct timeline;

/* No event: what timeline_find() returns for a seq never given out. */
#define TIMELINE_NONE	((size_t)-1)

/* An empty timeline. */
struct timeline		*timeline_new(void);
/* Free the timeline and the texts of its events. */
void			 timeline_free(struct timeline *);
/* Add a copy of ev in time order, numbering it in order of arrival (seq);
 * the timeline takes ev->text. Returns the index it landed at. */
size_t			 timeline_add(struct timeline *, const struct event *);
/* How many events. */
size_t			 timeline_count(const struct timeline *);
/* The index the event numbered seq has now, or TIMELINE_NONE. Refer to
 * an event by its seq across additions: they move the events after them. */
size_t			 timeline_find(const struct timeline *, uint64_t seq);
/* Event i, in time order. */
const struct event	*timeline_get(const struct timeline *, size_t);
/* The index of the EV_STEP event that began step k (setup is 0), or the
 * timeline's size. */
size_t			 timeline_step_start(const struct timeline *, int k);

/* Every step of a tally, the setup included. */
#define TIMELINE_ALL_STEPS	(-99)

/* The outcome of checks, read from their events: the one count of them. */
struct timeline_tally {
	int	checks;
	int	failures;
	int	not_reached;	/* a deadline passed before the step ran */
	char	answer;		/* a prediction's right choice, or 0 */
};

/* Count one event in a tally, when it is a check. */
void			 timeline_tally_add(struct timeline_tally *,
			    const struct event *);
/* Tally the checks among events [0, upto) of step (-1: setup), or of
 * every step with TIMELINE_ALL_STEPS. */
struct timeline_tally	 timeline_tally(const struct timeline *, size_t upto,
			    int step);

#endif
