/*
 * wireplan.h: which segments the wire holds or drops: the lesson's rules
 * ("hold the client's FIN", "drop the next ACK from the client") and the
 * learner's step-by-step mode, which holds them all. Pure: no I/O.
 */
#ifndef WIREPLAN_H
#define WIREPLAN_H

#include "lesson/lesson.h"
#include "tcp/segment.h"

/* What becomes of a segment the kernel just sent. */
enum wire_verdict {
	WIRE_PASS,
	WIRE_HOLD,
	WIRE_DROP
};

struct wireplan;

/* A plan that passes everything. */
struct wireplan		*wireplan_new(void);
/* Free the plan. */
void			 wireplan_free(struct wireplan *);
/* Add the rule of a wire hold or drop action. */
void			 wireplan_add(struct wireplan *, const struct action *);
/* End every rule of the lesson; step-by-step mode stays as it is. */
void			 wireplan_clear(struct wireplan *);
/* Turn the learner's step-by-step mode (hold everything) on or off. */
void			 wireplan_set_stepping(struct wireplan *, int on);
/* Whether step-by-step mode is on. */
int			 wireplan_stepping(const struct wireplan *);
/* Whether a segment is of a rule's kind. */
int			 wireplan_kind_matches(enum wire_kind,
			    const struct segment *);
/* Whether a rule of the lesson holds such a segment (step-by-step mode
 * aside); counts nothing. */
int			 wireplan_rule_holds(const struct wireplan *,
			    int sender, const struct segment *);
/* What to do with a segment from sender (an endpoint, or -1 when not
 * known); a drop rule that matches counts it. */
enum wire_verdict	 wireplan_decide(struct wireplan *, int sender,
			    const struct segment *);

#endif
