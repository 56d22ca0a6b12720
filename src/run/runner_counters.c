/*
 * runner_counters.c: the lab's TCP counters for a step's expectations,
 * read when the step begins and again once it has settled; an expectation
 * judges how much one rose in between.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "run/runner_parts.h"

/* Note a failure to read the counters, replacing any before it. */
static void
runner_counters_failed(struct runner *r, char *cause)
{
	free(r->counters_failed);
	r->counters_failed = cause;
}

/* Whether one of n expectations judges a counter. */
static int
runner_counters_among(const struct expect *e, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (e[i].kind == EXPECT_COUNTER)
			return (1);
	return (0);
}

/* Whether the step (the setup: -1) judges a counter, in an expectation
 * or a choice: only then are the counters read. */
static int
runner_counters_wanted(const struct runner *r, int step)
{
	const struct step	*st;
	size_t			 i;

	if (step == -1)
		return (runner_counters_among(r->lesson->setup_expects,
		    r->lesson->nsetup_expects));
	if (step < 0 || (size_t)step >= r->lesson->nsteps)
		return (0);
	st = &r->lesson->steps[step];
	if (runner_counters_among(st->expects, st->nexpects))
		return (1);
	for (i = 0; st->ask != NULL && i < st->ask->nchoices; i++)
		if (st->ask->choices[i].when.kind == EXPECT_COUNTER)
			return (1);
	return (0);
}

/* The step begins: read the counters it starts from, if it judges one. */
void
runner_counters_begin(struct runner *r)
{
	char	*cause = NULL;

	runner_counters_failed(r, NULL);
	r->counting = runner_counters_wanted(r, r->step);
	if (r->counting && counters_read(&r->counters, &cause) == -1)
		runner_counters_failed(r, cause);
}

/* The step has settled: give the world how much each counter rose. The
 * new reading replaces the old one, and the names point into it until the
 * next step begins. */
void
runner_counters_world(struct runner *r, struct expect_world *w)
{
	struct counters		 now;
	const struct counter	*before;
	char			*cause = NULL;
	size_t			 i;

	if (!r->counting)
		return;
	memset(&now, 0, sizeof now);
	if (r->counters_failed == NULL && counters_read(&now, &cause) == -1)
		runner_counters_failed(r, cause);
	free(r->counters_rose);
	r->counters_rose = xreallocarray(NULL, now.n + 1,
	    sizeof *r->counters_rose);
	for (i = 0; i < now.n; i++) {
		before = counters_find(&r->counters, now.list[i].name);
		r->counters_rose[i].name = now.list[i].name;
		r->counters_rose[i].rose = now.list[i].value -
		    (before != NULL ? before->value : 0);
	}
	counters_clear(&r->counters);
	r->counters = now;
	w->counters = r->counters_rose;
	w->ncounters = now.n;
	w->counters_failed = r->counters_failed;
}

/* Free the readings. */
void
runner_counters_free(struct runner *r)
{
	counters_clear(&r->counters);
	free(r->counters_rose);
	free(r->counters_failed);
}
