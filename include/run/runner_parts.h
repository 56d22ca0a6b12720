/*
 * runner_parts.h: the runner's insides, shared by the files it is split
 * into and by nothing else: runner.c (sequencing and settling),
 * runner_events.c (what the lab reports becomes events), runner_probe.c
 * (when and how the kernel's sockets are read), runner_wire.c (holding and
 * releasing segments) and judge.c (checks).
 */
#ifndef RUNNER_PARTS_H
#define RUNNER_PARTS_H

#include <stdint.h>

#include "lab/capture.h"
#include "lab/counters.h"
#include "lab/framelog.h"
#include "lab/holders.h"
#include "lab/lab.h"
#include "lab/pcapout.h"
#include "lab/probe.h"
#include "lab/wire.h"
#include "model/conn.h"
#include "model/expect.h"
#include "model/ledger.h"
#include "model/wireplan.h"
#include "run/runner.h"

#define RUNNER_QUIET_MS		300	/* settled: nothing happened for this
					 * (SETTLE_QUIET), or nothing
					 * unacknowledged waited this long and
					 * no timer is due within it */
#define RUNNER_DELACK_MS	40	/* a delayed ACK on loopback, which
					 * sock_diag does not show */
#define RUNNER_SETTLE_MAX_MS	5000	/* give up waiting for the wire */
#define RUNNER_PROBE_FAST_MS	5	/* the kernel owes the wire a state */
#define RUNNER_PROBE_BURST_MS	20	/* dumps a burst of events may take */
#define RUNNER_SETTLE_RETRY_MS	50	/* the wire still owes the kernel */
#define RUNNER_LOOPBACK		0x7f000001U
#define RUNNER_HASH_MIN		256	/* buckets of the lab's TCP hash */

/* A listener the probe follows: the kernel's socket on 127.0.0.1:port,
 * looked up (never dumped) whenever the runner probes. */
struct runner_listener {
	uint16_t		 port;
	int			 owner;		/* the endpoint that opened it */
	enum tcp_state		 state;		/* as last recorded: TS_NONE
						 * before the kernel showed it,
						 * TS_CLOSED once gone */
	uint32_t		 queued;	/* its accept queue ... */
	uint32_t		 limit;		/* ... and the kernel's limit */
};

struct runner_endpoint {
	int			 alive;
	struct ledger		 holds;		/* its listeners, connections */
	struct holders		 fds;		/* the socket inodes its
						 * descriptors held at the last
						 * probe (runner.shares) */
};

struct runner {
	struct loop			*loop;
	const struct lesson		*lesson;
	struct runner_options		 opts;
	const struct runner_view	*view;
	void				*arg;

	struct lab			*lab;
	struct capture			*capture;
	struct probe			*probe;
	struct pcapout			*pcap;
	struct framelog			 frames;	/* every frame captured */
	struct conns			*conns;
	struct wire			*wire;		/* NULL until needed */
	struct wireplan			*plan;
	struct timeline			*tl;
	uint64_t			 start_ns;
	struct runner_endpoint		*eps;
	int				 shares;	/* a fork can share a
							 * socket: read who holds
							 * what from /proc */
	struct runner_listener		 listeners[LESSON_MAX_LISTENERS];
	int				 nlisteners;

	int				 step;		/* -1: setup */
	int				 free_play;	/* acting for the learner */
	struct action			 free_actions[RUNNER_FREE_ACTIONS];
	uint64_t			 step_t_ns;
	struct runner_deadline		 deadline;	/* the step's, when it
							 * began */
	const struct action		*actions;
	size_t				 nactions;
	size_t				 next;
	int				 waiting;	/* endpoint busy, or -1 */
	int				 connecting;	/* endpoint, or -1 */
	int				 connect_port;
	int				 connect_conn;	/* the connection the
							 * connect under way
							 * began (its SYN), or 0 */
	int				 connect_side;
	struct counters			 counters;	/* the lab's, as the
							 * step began */
	struct expect_counter		*counters_rose;	/* during the step */
	char				*counters_failed;
	int				 counting;	/* the step judges a
							 * counter: they are read */
	int				 settling;
	uint64_t			 settle_began_ms;	/* or 0 */
	uint64_t			 last_event_ms;	/* loop_ms of the latest */
	uint64_t			 events;	/* how many so far */
	uint64_t			 events_probed;	/* ... when the probe
							 * last finished */
	uint64_t			 last_ackable_ns;	/* when the
							 * capture saw the
							 * latest segment with
							 * data, SYN or FIN
							 * (real time) */
	unsigned			 drops;		/* capture losses reported */
	uint64_t			 probe_due_ns;	/* the probe's virtual time:
							 * its dumps, and as much
							 * rest (loop_now_ns) */

	struct loop_timer		 action_timer;
	struct loop_timer		 settle_timer;
	struct loop_timer		 probe_timer;
};

extern const struct lab_events	runner_lab_events;

/* runner.c */
void	runner_add(struct runner *, struct event *, uint64_t t_ns);
void	runner_not_quiet(struct runner *);
void	runner_activity(struct runner *);
void	runner_check(struct runner *, char *what, int ok, char *observed);
void	runner_next_action(struct runner *);

/* runner_events.c */
void	runner_attribute(struct runner *, struct conn *);
void	runner_fill_seg(const struct conn *, int side,
	    const struct segment *, struct ev_seg *);
void	runner_expect_side(const struct conn *, int side, int open,
	    struct expect_conn *);
void	runner_drain_capture(struct runner *);
void	runner_capture_ready(int fd, short revents, void *arg);
size_t	runner_world_conns(void *arg, int ep, struct expect_conn *,
	    size_t max);

/* runner_counters.c */
void	runner_counters_begin(struct runner *);
void	runner_counters_world(struct runner *, struct expect_world *);
void	runner_counters_free(struct runner *);

/* runner_settle.c */
uint64_t	runner_settle_first_ms(const struct runner *);
uint64_t	runner_settle_wait(struct runner *);

/* runner_deadline.c */
char	*runner_deadline_reason(struct runner *,
	    const struct runner_deadline *, uint64_t ran_ns);

/* runner_probe.c */
void	runner_probe(void *arg);
void	runner_probe_soon(struct runner *);
void	runner_probe_side(struct runner *, struct conn *, int side);
int	runner_watched(const struct conn *, int side);

/* runner_listen.c */
void	runner_listen_probe(struct runner *);
int	runner_listen_port(void *arg, int ep);
size_t	runner_listen_queued(struct runner *, int ep, struct expect_conn *,
	    size_t max);

/* runner_wire.c */
int	runner_wire_release(struct runner *, size_t i, int deliver);
size_t	runner_wire_learner_held(struct runner *);
void	runner_wire_action(struct runner *, const struct action *);

#endif
