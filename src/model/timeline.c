/*
 * timeline.c: events kept in time order. Each event stays where it arrived,
 * in blocks that never move, numbered by its seq (its number in order of
 * arrival); the time order is an array of seqs. Events nearly always arrive
 * in order, but a probe that looked late dates a state the wire proved
 * back to its segment, so an insertion finds its place by binary search
 * and moves only seqs. An event is found again by its seq, never by an
 * index kept from before: where each seq sits is a cache, brought up to
 * date from the first position that moved when it is next asked for.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "model/timeline.h"

#define TIMELINE_BLOCK	1024	/* events a block holds */

struct timeline {
	struct event	**blocks;	/* by seq / TIMELINE_BLOCK */
	size_t		  nblocks;
	uint64_t	 *order;	/* seqs in time order */
	size_t		 *index;	/* by seq: where it is in order */
	size_t		  indexed;	/* index holds for order[0 .. indexed) */
	size_t		  n;
	size_t		  cap;
};

/* An empty timeline. */
struct timeline *
timeline_new(void)
{
	return (xcalloc(1, sizeof(struct timeline)));
}

/* The event numbered seq. */
static struct event *
timeline_event(const struct timeline *tl, uint64_t seq)
{
	return (&tl->blocks[seq / TIMELINE_BLOCK][seq % TIMELINE_BLOCK]);
}

/* Free the events' texts and the arrays. */
void
timeline_free(struct timeline *tl)
{
	size_t	i;

	for (i = 0; i < tl->n; i++)
		free(timeline_event(tl, i)->text);
	for (i = 0; i < tl->nblocks; i++)
		free(tl->blocks[i]);
	free(tl->blocks);
	free(tl->order);
	free(tl->index);
	free(tl);
}

/* Make room for one more event. */
static void
timeline_grow(struct timeline *tl)
{
	if (tl->n == tl->cap) {
		tl->cap = tl->cap == 0 ? TIMELINE_BLOCK : tl->cap * 2;
		tl->order = xreallocarray(tl->order, tl->cap,
		    sizeof *tl->order);
		tl->index = xreallocarray(tl->index, tl->cap,
		    sizeof *tl->index);
	}
	if (tl->n == tl->nblocks * TIMELINE_BLOCK) {
		tl->blocks = xreallocarray(tl->blocks, tl->nblocks + 1,
		    sizeof *tl->blocks);
		tl->blocks[tl->nblocks++] = xcalloc(TIMELINE_BLOCK,
		    sizeof **tl->blocks);
	}
}

/* The position after every event not later than t_ns. */
static size_t
timeline_upper_bound(const struct timeline *tl, uint64_t t_ns)
{
	size_t	lo = 0, hi = tl->n, mid;

	if (hi > 0 && timeline_event(tl, tl->order[hi - 1])->t_ns <= t_ns)
		return (hi);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (timeline_event(tl, tl->order[mid])->t_ns <= t_ns)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

/* Insert after every event that is not later than ev. */
size_t
timeline_add(struct timeline *tl, const struct event *ev)
{
	struct event	*slot;
	size_t		 at;

	timeline_grow(tl);
	at = timeline_upper_bound(tl, ev->t_ns);
	slot = timeline_event(tl, tl->n);
	*slot = *ev;
	slot->seq = tl->n;
	memmove(&tl->order[at + 1], &tl->order[at],
	    (tl->n - at) * sizeof *tl->order);
	tl->order[at] = slot->seq;
	tl->n++;
	if (tl->indexed > at)
		tl->indexed = at;
	return (at);
}

/* How many events. */
size_t
timeline_count(const struct timeline *tl)
{
	return (tl->n);
}

/* Where the event numbered seq sits now, or TIMELINE_NONE. The index is a
 * cache of the order, so bringing it up to date changes nothing seen. */
size_t
timeline_find(const struct timeline *tl, uint64_t seq)
{
	struct timeline	*cache = (struct timeline *)tl;

	if (seq >= tl->n)
		return (TIMELINE_NONE);
	for (; cache->indexed < tl->n; cache->indexed++)
		cache->index[tl->order[cache->indexed]] = cache->indexed;
	return (tl->index[seq]);
}

/* The event at index i. */
const struct event *
timeline_get(const struct timeline *tl, size_t i)
{
	return (timeline_event(tl, tl->order[i]));
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

/* Count one event in a tally, when it is a check. */
void
timeline_tally_add(struct timeline_tally *t, const struct event *ev)
{
	if (ev->kind != EV_CHECK)
		return;
	t->checks++;
	if (ev->u.check.verdict == VERDICT_FAILED)
		t->failures++;
	else if (ev->u.check.verdict == VERDICT_NOT_REACHED)
		t->not_reached++;
	if (ev->u.check.choice != 0)
		t->answer = ev->u.check.choice;
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
		if (step == TIMELINE_ALL_STEPS || ev->step == step)
			timeline_tally_add(&t, ev);
	}
	return (t);
}
