/*
 * ladder.h: a run as a sequence diagram, the shape every saved form of it
 * draws (SVG, the HTML replay, the text ladder): one column per endpoint,
 * time flowing down, one rung per thing worth a line: a step beginning, a
 * call an endpoint made, a segment crossing (captured; or held by the
 * wire, its copies one rung at the first hold, each delivered copy an
 * arrow of its own when it lands; or dropped), a state the kernel
 * reported or the wire proved (once: a reading that shows nothing new is
 * not a rung), an exit. Within one instant a segment comes before the
 * states it proves, and a listener's first LISTEN right after the
 * listen() that made it. The narration of each step is kept beside it.
 * Pure: built from the timeline alone.
 */
#ifndef LADDER_H
#define LADDER_H

#include <stddef.h>

#include "lesson/lesson.h"
#include "model/timeline.h"

enum rung_kind {
	RUNG_STEP,	/* a step (or the setup) begins */
	RUNG_CALL,	/* a call's text and return */
	RUNG_ARROW,	/* a segment */
	RUNG_STATE,	/* a socket's (or a listener's) new state */
	RUNG_EXIT	/* an endpoint's process ended */
};

/* What became of an arrow's segment. */
enum rung_fate {
	FATE_CAPTURED,	/* it crossed: pcap saw it */
	FATE_HELD,	/* the wire held it (a copy it let go later lands as
			 * an arrow of its own) */
	FATE_DROPPED	/* the wire dropped it: by a rule, or every copy it
			 * held */
};

struct rung {
	enum rung_kind	 kind;
	const struct event *ev;		/* the event it draws */
	int		 step;		/* -1: the setup */
	int		 col;		/* its endpoint's column; an arrow's
					 * sender's */
	int		 ep;		/* a call's, state's or exit's endpoint */
	int		 to;		/* an arrow's receiver's column */
	enum rung_fate	 fate;
	size_t		 copies;	/* a held arrow's copies: all ... */
	size_t		 held;		/* ... still held at the end ... */
	size_t		 lost;		/* ... and dropped */
};

/* A step's part of the ladder: its rungs and its narration. */
struct ladder_step {
	int		 step;		/* -1: the setup */
	char		*title;		/* the step's title in the run's
					 * language (the lesson's for setup) */
	char		*key;		/* "key c", or "" */
	char		**paras;	/* its narration, a paragraph each
					 * stretch of say lines, flowed */
	size_t		*para_at;	/* ... each told before its rung
					 * para_at[i] (of the step's; n: after
					 * them all) */
	size_t		 nparas;
	size_t		 first;		/* its rungs: [first, first + n) */
	size_t		 n;
};

struct ladder {
	const struct lesson	*lesson;
	enum lang		 lang;
	size_t			 ncols;		/* the lesson's endpoints */
	int			 order[LESSON_MAX_ENDPOINTS];	/* the
						 * endpoint in each column, as
						 * the view's sides have them */
	int			 colof[LESSON_MAX_ENDPOINTS];
	struct rung		*rungs;
	size_t			 nrungs;
	struct ladder_step	*steps;		/* the setup, then each step
						 * that ran */
	size_t			 nsteps;
	size_t			 arrows;	/* rungs of kind RUNG_ARROW */
};

/* Build the ladder of the timeline's events [0, upto); free with
 * ladder_free(). */
void	ladder_build(struct ladder *, const struct lesson *, enum lang,
	    const struct timeline *, size_t upto);
/* A state rung's name with its timer ("TIME_WAIT 60 s", and whether the
 * timer started over), into buf. */
const char *ladder_state_label(const struct ladder *, const struct rung *,
	    char *buf, size_t len);
/* What the wire did to an arrow ("held ×5, 4 dropped"), into buf; NULL
 * for a captured one. */
const char *ladder_fate_label(const struct ladder *, const struct rung *,
	    char *buf, size_t len);
/* A call rung's text, as the endpoint made it, or an exit's words. */
char	*ladder_call_label(const struct ladder *, const struct rung *);
/* Free what the ladder holds. */
void	ladder_free(struct ladder *);

#endif
