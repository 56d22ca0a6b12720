/*
 * timeline.c: a growing array of events kept in time order. Events nearly
 * always arrive in order, so insertion walks back from the end. An event is
 * found again by its seq (its number in order of arrival), never by an
 * index kept from before: an insertion moves the events after it, so a
 * second array maps each seq to where its event sits now.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "model/timeline.h"

struct timeline {
	struct event	*events;
	size_t		*index;		/* by seq: where that event is */
	size_t		 n;
	size_t		 cap;
	uint64_t	 next_seq;
};

/* An empty timeline. */
struct timeline *
timeline_new(void)
{
	return (xcalloc(1, sizeof(struct timeline)));
}

/* Free the events' texts and the array. */
void
timeline_free(struct timeline *tl)
{
	size_t	i;

	for (i = 0; i < tl->n; i++)
		free(tl->events[i].text);
	free(tl->events);
	free(tl->index);
	free(tl);
}

/* Insert after every event that is not later than ev. */
size_t
timeline_add(struct timeline *tl, const struct event *ev)
{
	size_t	at, i;

	if (tl->n == tl->cap) {
		tl->cap = tl->cap == 0 ? 64 : tl->cap * 2;
		tl->events = xreallocarray(tl->events, tl->cap,
		    sizeof *tl->events);
		tl->index = xreallocarray(tl->index, tl->cap,
		    sizeof *tl->index);
	}
	at = tl->n;
	while (at > 0 && tl->events[at - 1].t_ns > ev->t_ns)
		at--;
	memmove(&tl->events[at + 1], &tl->events[at],
	    (tl->n - at) * sizeof *tl->events);
	tl->events[at] = *ev;
	tl->events[at].seq = tl->next_seq++;
	tl->n++;
	for (i = at; i < tl->n; i++)
		tl->index[tl->events[i].seq] = i;
	return (at);
}

/* How many events. */
size_t
timeline_count(const struct timeline *tl)
{
	return (tl->n);
}

/* Where the event numbered seq sits now, or TIMELINE_NONE. */
size_t
timeline_find(const struct timeline *tl, uint64_t seq)
{
	return (seq < tl->next_seq ? tl->index[seq] : TIMELINE_NONE);
}

/* The event at index i. */
const struct event *
timeline_get(const struct timeline *tl, size_t i)
{
	return (&tl->events[i]);
}

/* Where step k began. */
size_t
timeline_step_start(const struct timeline *tl, int k)
{
	size_t	i, n = timeline_count(tl);
	int	seen = 0;

	for (i = 0; i < n; i++) {
		if (timeline_get(tl, i)->kind == EV_STEP && seen++ == k)
			return (i);
	}
	return (n);
}

/* Count the checks of a step, or of all, up to an event. */
struct timeline_tally
timeline_tally(const struct timeline *tl, size_t upto, int step)
{
	const struct event	*ev;
	struct timeline_tally	 t;
	size_t			 i;

	memset(&t, 0, sizeof t);
	for (i = 0; i < upto && i < timeline_count(tl); i++) {
		ev = timeline_get(tl, i);
		if (ev->kind != EV_CHECK || (step != TIMELINE_ALL_STEPS &&
		    ev->step != step))
			continue;
		t.checks++;
		if (ev->u.check.verdict == VERDICT_FAILED)
			t.failures++;
		else if (ev->u.check.verdict == VERDICT_NOT_REACHED)
			t.not_reached++;
		if (ev->u.check.choice != 0)
			t.answer = ev->u.check.choice;
	}
	return (t);
}
