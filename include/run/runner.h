/*
 * runner.h: runs a lesson. It builds the lab, spawns the endpoints, runs
 * the setup and then whichever step it is asked to, settles, and judges
 * the step's expectations against the timeline. It never draws: views read
 * runner_timeline() when told that something changed.
 */
#ifndef RUNNER_H
#define RUNNER_H

#include <stddef.h>
#include <stdint.h>

#include "base/loop.h"
#include "lab/framelog.h"
#include "lesson/lesson.h"
#include "model/timeline.h"

struct runner;

/* step_done's step for actions the learner chose (runner_act). */
#define RUNNER_FREE_PLAY	(-2)

/* How the timeline's EV_STEP names the learner's actions: the prefix,
 * then runner_act's label. */
#define RUNNER_FREE_STEP	"free: "

/* How many actions one runner_act may carry (linger, then close). */
#define RUNNER_FREE_ACTIONS	2

struct runner_view {
	/* The timeline grew, or a state was refreshed. */
	void	(*changed)(void *arg);
	/* A step (-1: the setup) settled; its checks are in the timeline. */
	void	(*step_done)(int step, void *arg);
	/* The run cannot go on (the lab failed); cause says why. */
	void	(*failed)(const char *cause, void *arg);
};

/* When a step has settled, so that its expectations can be judged. */
enum settle_rule {
	SETTLE_WIRE,	/* as soon as nothing more can happen without a timer
			 * or a key, as the capture and the kernel show */
	SETTLE_QUIET	/* after RUNNER_QUIET_MS with nothing on the wire or
			 * in the kernel: the old rule, kept to compare */
};

struct runner_options {
	enum lang		 lang;		/* of the narration */
	const char		*pcap_path;	/* write the segments here, or
						 * NULL */
	enum settle_rule	 settle;
};

/* How long before the end of the state a step needs the step must begin:
 * it needs the state while it runs and settles. */
#define RUNNER_DEADLINE_MARGIN_NS	1000000000ULL

/* A step's deadline: the state its story needs ("while server TIME_WAIT"),
 * as the kernel has it now. */
struct runner_deadline {
	const struct deadline	*need;		/* the step's, or NULL: none */
	int			 lasts;		/* in the state, and no timer
						 * will end it */
	int			 missed;	/* it has ended, or ends within
						 * the margin */
	uint64_t		 due_ns;	/* lab clock: begin the step
						 * before this */
	uint64_t		 ended_ns;	/* when the state ends or ended
						 * (lab clock); 0: unknown */
};

/* Build the lab for a lesson; NULL and *cause (caller frees) on failure,
 * with *unsupported set when the cause is that the kernel lacks what the
 * lesson requires (it is skipped, not failed). */
struct runner		*runner_new(struct loop *, const struct lesson *,
			    const struct runner_options *,
			    const struct runner_view *, void *arg,
			    int *unsupported, char **cause);
/* Spawn the endpoints and run the setup; step_done(-1) follows. */
void			 runner_start(struct runner *);
/* Run a step's actions; step_done(step) follows once it has settled. */
void			 runner_run_step(struct runner *, size_t step);
/* Run actions the learner chose outside the lesson's steps (at most
 * RUNNER_FREE_ACTIONS; texts are not copied); label names them in the
 * timeline. Nothing is judged; step_done(RUNNER_FREE_PLAY) follows. */
void			 runner_act(struct runner *, const struct action *,
			    size_t, const char *label);
/* Take hold of the lab's wire (lessons that use it do so at start);
 * -1 and *cause when iptables or NFQUEUE are missing. */
int			 runner_wire_open(struct runner *, char **cause);
/* Turn the learner's step-by-step mode on (every segment is held; a step
 * under way then settles only once the learner has let go of every segment
 * no rule of the lesson holds) or off (what only it held is delivered);
 * -1 and *cause when turning it on and the wire cannot be had. */
int			 runner_wire_stepping(struct runner *, int on,
			    char **cause);
/* Whether step-by-step mode is on. */
int			 runner_wire_is_stepping(struct runner *);
/* How many segments the wire holds in flight. */
size_t			 runner_wire_held(struct runner *);
/* Deliver (deliver = 1) or drop the oldest held segment; -1 when none is
 * held. */
int			 runner_wire_next(struct runner *, int deliver);
/* The deadline of step k as things stand now. */
void			 runner_deadline(struct runner *, size_t step,
			    struct runner_deadline *);
/* The process id of an endpoint; 0 before it was spawned. */
int			 runner_pid(struct runner *, int ep);
/* Whether an endpoint's process is running. */
int			 runner_alive(struct runner *, int ep);
/* Nanoseconds since the lab started: the clock of the timeline. */
uint64_t		 runner_now_ns(struct runner *);
/* The timeline; owned by the runner. */
const struct timeline	*runner_timeline(struct runner *);
/* The frames captured so far, each beside its event; owned by the
 * runner. */
const struct framelog	*runner_frames(struct runner *);
/* Finish the files the run writes (the pcap file): -1 and *cause (caller
 * frees) when one could not be written. */
int			 runner_save(struct runner *, char **cause);
/* End the lab (no endpoint outlives this) and free everything; a file not
 * finished with runner_save() is closed without a word. */
void			 runner_free(struct runner *);

#endif
