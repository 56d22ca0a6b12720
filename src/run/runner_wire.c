/*
 * runner_wire.c: the wire under the runner. The plan decides what the
 * kernel's segments become (passed, held, dropped); each hold, delivery and
 * drop is an event, recorded with the parties the segment has or, for a
 * SYN not seen yet, will have. Step-by-step mode holds everything until the
 * learner lets go.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "run/runner_parts.h"

/*
 * The same for a segment the wire took before pcap saw it: the connection
 * table is only read, for the segment has not reached its receiver. A
 * segment of a connection not seen yet (a SYN) starts it, as pcap would
 * have: its sender's socket exists even if the wire never lets a segment
 * of it through (a SYN_SENT socket whose SYNs are all dropped), and its
 * retransmissions keep the owner that connect() gave it.
 */
static void
runner_wire_seg(struct runner *r, const struct segment *seg,
    struct ev_seg *out)
{
	struct conn	*c;
	int		 side;

	if ((c = conns_lookup(r->conns, seg, &side)) == NULL) {
		c = conns_segment(r->conns, seg, &side);
		runner_attribute(r, c);
	}
	runner_fill_seg(c, side, seg, out);
}

/* Record what the wire did with a segment (s: runner_wire_seg's). */
static void
runner_wire_event(struct runner *r, enum wire_op op, uint32_t id,
    const struct ev_seg *s, uint64_t t_ns)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_WIRE;
	ev.actor = ACTOR_WIRE;
	ev.u.wire.op = op;
	ev.u.wire.id = id;
	ev.u.wire.seg = *s;
	runner_add(r, &ev, t_ns);
	runner_activity(r);
}

/* The kernel sent a segment: the plan decides whether it passes. */
static enum wire_verdict
runner_wire_decide(const struct segment *seg, uint32_t id, void *arg)
{
	struct runner		*r = arg;
	struct ev_seg		 s;
	enum wire_verdict	 verdict;

	runner_drain_capture(r);
	runner_wire_seg(r, seg, &s);
	verdict = wireplan_decide(r->plan, s.sender, seg);
	if (verdict != WIRE_PASS)
		conns_note_sent(r->conns, seg);
	if (verdict != WIRE_PASS)
		runner_wire_event(r, verdict == WIRE_HOLD ? WIRE_OP_HOLD :
		    WIRE_OP_DROP, id, &s, seg->t_ns);
	return (verdict);
}

/* Deliver held segment i, or drop it; -1 when there is no such segment.
 * A segment that cannot be sent on is lost, and a check says so. */
int
runner_wire_release(struct runner *r, size_t i, int deliver)
{
	struct segment	 seg;
	struct ev_seg	 s;
	uint32_t	 id;
	uint64_t	 now;
	char		*cause = NULL;
	enum wire_op	 op = WIRE_OP_DELIVER;

	if (r->wire == NULL)
		return (-1);
	/* What the kernel queued and what pcap caught come first. */
	wire_poll(r->wire);
	runner_drain_capture(r);
	if (i >= wire_held(r->wire))
		return (-1);
	now = loop_realtime_ns();
	if (!deliver) {
		wire_discard(r->wire, i, &seg, &id);
		op = WIRE_OP_DROP;
	} else if (wire_deliver(r->wire, i, &seg, &id, &cause) == -1)
		op = WIRE_OP_DROP;	/* lost: a check says why */
	/* A delivery is recorded as sent before pcap sees it arrive. */
	runner_wire_seg(r, &seg, &s);
	runner_wire_event(r, op, id, &s, now);
	if (cause != NULL)
		runner_check(r, xstrdup("the wire delivered a held segment"),
		    0, cause);
	return (0);
}

/* How many held segments only step-by-step mode holds: those are the
 * learner's to deliver or drop; what a rule holds is the lesson's. */
size_t
runner_wire_learner_held(struct runner *r)
{
	const struct segment	*seg;
	struct ev_seg		 s;
	uint32_t		 id;
	size_t			 i, n = 0;

	if (!wireplan_stepping(r->plan))
		return (0);
	for (i = 0; i < runner_wire_held(r); i++) {
		seg = wire_held_get(r->wire, i, &id);
		runner_wire_seg(r, seg, &s);
		n += !wireplan_rule_holds(r->plan, s.sender, seg);
	}
	return (n);
}

/* Release what the plan no longer holds, oldest first: deliver what it
 * passes, drop what a drop rule takes. */
static void
runner_wire_replan(struct runner *r)
{
	const struct segment	*seg;
	struct ev_seg		 s;
	uint32_t		 id;
	size_t			 i = 0;

	while (r->wire != NULL && i < wire_held(r->wire)) {
		seg = wire_held_get(r->wire, i, &id);
		runner_wire_seg(r, seg, &s);
		switch (wireplan_decide(r->plan, s.sender, seg)) {
		case WIRE_HOLD:
			i++;
			break;
		case WIRE_PASS:
			runner_wire_release(r, i, 1);
			break;
		case WIRE_DROP:
			runner_wire_release(r, i, 0);
			break;
		}
	}
}

/* A wire action of the lesson. */
void
runner_wire_action(struct runner *r, const struct action *a)
{
	size_t	n;

	switch (a->wire) {
	case WIRE_ACT_HOLD:
	case WIRE_ACT_DROP:
		wireplan_add(r->plan, a);
		break;
	case WIRE_ACT_DELIVER:
	case WIRE_ACT_DROP_HELD:
		if (runner_wire_release(r, 0, a->wire == WIRE_ACT_DELIVER) ==
		    -1)
			runner_check(r, xasprintf("line %d: the wire holds a "
			    "segment to %s", a->line, a->wire ==
			    WIRE_ACT_DELIVER ? "deliver" : "drop"), 0,
			    xstrdup("it holds none"));
		break;
	case WIRE_ACT_PASS:
		wireplan_clear(r->plan);
		runner_wire_replan(r);
		break;
	case WIRE_ACT_DELIVER_ALL:
		/* What is held now: segments the deliveries draw are the
		 * plan's to decide, not this action's to deliver. */
		wire_poll(r->wire);
		for (n = runner_wire_held(r); n > 0; n--)
			runner_wire_release(r, 0, 1);
		break;
	}
}

/* The wire's queue broke: the run cannot be trusted any more. */
static void
runner_wire_failed(const char *cause, void *arg)
{
	struct runner	*r = arg;

	if (r->view->failed != NULL)
		r->view->failed(cause, r->arg);
}

static const struct wire_events runner_wire_events = {
	runner_wire_decide,
	runner_wire_failed
};

/* Take hold of the lab's wire, unless that was done already. */
int
runner_wire_open(struct runner *r, char **cause)
{
	char	*why;

	if (r->wire != NULL)
		return (0);
	if ((r->wire = wire_open(r->loop, &runner_wire_events, r, &why)) ==
	    NULL) {
		*cause = xasprintf("the wire cannot hold segments here: %s",
		    why);
		free(why);
		return (-1);
	}
	return (0);
}

/* Turn step-by-step mode on or off; off releases what only it held. */
int
runner_wire_stepping(struct runner *r, int on, char **cause)
{
	if (on && runner_wire_open(r, cause) == -1)
		return (-1);
	wireplan_set_stepping(r->plan, on);
	if (!on)
		runner_wire_replan(r);
	return (0);
}

/* Whether step-by-step mode is on. */
int
runner_wire_is_stepping(struct runner *r)
{
	return (wireplan_stepping(r->plan));
}

/* How many segments the wire holds. */
size_t
runner_wire_held(struct runner *r)
{
	return (r->wire != NULL ? wire_held(r->wire) : 0);
}

/* Deliver (or drop) the oldest held segment for the learner. */
int
runner_wire_next(struct runner *r, int deliver)
{
	return (runner_wire_release(r, 0, deliver));
}
