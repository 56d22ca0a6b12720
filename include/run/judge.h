/*
 * judge.h: a settled step judged: each of its expectations, then its
 * prediction, against what the timeline recorded. Judging only reads; the
 * caller records each verdict as a check event.
 */
#ifndef JUDGE_H
#define JUDGE_H

#include "lesson/lesson.h"
#include "model/expect.h"

/* Record one verdict: what was expected (owned by the callee), whether it
 * held, what was observed instead (owned, or NULL) and, for a prediction
 * that held, its right choice (or 0). */
typedef void judge_record(void *arg, char *what, int ok, char *observed,
    char choice);

/* Judge step (-1: the setup) of a lesson in world; the prediction's text
 * is in lang. Calls record once per expectation, then once for the
 * prediction if the step has one. */
void	judge_step(const struct lesson *, int step, enum lang,
	    const struct expect_world *, judge_record *, void *arg);

#endif
