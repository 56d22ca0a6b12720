/*
 * runner_deadline.c: the deadline of a step whose story needs a state
 * ("while server TIME_WAIT"): when the kernel's timer will end that state,
 * read from the latest probe, and, once the step runs late, why its checks
 * were not reached. A check is never failed for the learner's pace.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "run/runner_parts.h"

/* When (lab clock) the last of the endpoint's connections left the state,
 * in one pass over the timeline; 0 when none was ever in it. */
static uint64_t
runner_state_left(struct runner *r, const struct ledger *g,
    enum tcp_state state)
{
	const struct event	*ev;
	const struct conn	*c;
	size_t			 i, n = conns_count(r->conns) + 1;
	uint64_t		 ended = 0;
	int			*owner = xcalloc(n, sizeof *owner);
	char			*in = xcalloc(n, 1);
	int			 conn;

	/* owner[conn]: the actor of its state events, plus one; 0: not the
	 * endpoint's (a forked endpoint's sides keep their first owner). */
	for (i = 0; i < g->nrefs; i++) {
		c = conns_get(r->conns, (size_t)g->refs[i].conn - 1);
		owner[c->number] = c->side[g->refs[i].side].owner + 1;
	}
	for (i = 0; i < timeline_count(r->tl); i++) {
		ev = timeline_get(r->tl, i);
		conn = ev->kind == EV_STATE ? ev->u.state.conn : 0;
		if (conn <= 0 || (size_t)conn >= n ||
		    owner[conn] != ev->actor + 1)
			continue;
		if (ev->u.state.state == state)
			in[conn] = 1;
		else if (in[conn]) {
			ended = ev->t_ns > ended ? ev->t_ns : ended;
			in[conn] = 0;
		}
	}
	free(owner);
	free(in);
	return (ended);
}

/* When (lab clock) a side's timer will end its state, or 0 when no timer
 * will. */
static uint64_t
runner_side_ends(struct runner *r, const struct conn_side *x)
{
	uint64_t	end;

	if (!x->kernel_seen || !tcpstate_timer_ends(x->state, x->timer))
		return (0);
	end = x->probed_ns + (uint64_t)x->expires_ms * 1000000;
	return (end > r->start_ns ? end - r->start_ns : 1);
}

/* Whether the endpoint's i-th connection is in the state. */
static int
runner_side_in(struct runner *r, const struct ledger *g, size_t i,
    enum tcp_state state)
{
	const struct conn	*c = conns_get(r->conns,
	    (size_t)g->refs[i].conn - 1);

	return (c->side[g->refs[i].side].state == state);
}

/*
 * The deadline of step k as things stand now: the end, by its kernel
 * timer, of the endpoint's latest connection when that is in the state the
 * step needs, as for a state expectation; else the first end among its
 * connections in it (four TIME_WAITs behind a new connection end with the
 * first of them). None in it: missed, since the last left it; in it, but
 * no timer ends it: it lasts.
 */
void
runner_deadline(struct runner *r, size_t k, struct runner_deadline *out)
{
	const struct deadline	*d = r->lesson->steps[k].deadline;
	const struct ledger	*g;
	const struct conn	*c;
	const struct conn_side	*x;
	uint64_t		 end, first = 0;
	size_t			 i;
	long			 latest;
	int			 in = 0;

	memset(out, 0, sizeof *out);
	if ((out->need = d) == NULL)
		return;
	g = &r->eps[d->endpoint].holds;
	latest = g->nrefs > 0 && runner_side_in(r, g, (size_t)ledger_latest(g),
	    d->state) ? ledger_latest(g) : -1;
	for (i = 0; i < g->nrefs; i++) {
		if (latest != -1 && i != (size_t)latest)
			continue;
		c = conns_get(r->conns, (size_t)g->refs[i].conn - 1);
		x = &c->side[g->refs[i].side];
		if (x->state != d->state)
			continue;
		in = 1;
		end = runner_side_ends(r, x);
		if (end != 0 && (first == 0 || end < first))
			first = end;
	}
	if (!in) {
		out->missed = 1;
		out->ended_ns = runner_state_left(r, g, d->state);
		return;
	}
	if (first == 0) {
		out->lasts = 1;
		return;
	}
	out->ended_ns = first;
	out->due_ns = first > RUNNER_DEADLINE_MARGIN_NS ?
	    first - RUNNER_DEADLINE_MARGIN_NS : 0;
	out->missed = runner_now_ns(r) >= out->due_ns;
}

/* Why a step begun after its deadline could not show what it needed:
 * "server's TIME_WAIT had ended at 63.2 s; the step began at 70.1 s". */
char *
runner_deadline_reason(struct runner *r, const struct runner_deadline *dl,
    uint64_t ran_ns)
{
	const struct deadline	*d = dl->need;
	const char		*who = r->lesson->endpoints[d->endpoint].name;
	const char		*state = tcpstate_name(d->state);
	double			 ran = (double)ran_ns / 1e9;

	if (dl->ended_ns == 0)
		return (xasprintf("%s had no connection in %s when the step "
		    "began at %.1f s", who, state, ran));
	if (dl->ended_ns > ran_ns)
		return (xasprintf("%s's %s was due to end at %.1f s, under "
		    "%llu s after the step began at %.1f s", who, state,
		    (double)dl->ended_ns / 1e9,
		    RUNNER_DEADLINE_MARGIN_NS / 1000000000ULL, ran));
	return (xasprintf("%s's %s had ended at %.1f s; the step began at "
	    "%.1f s", who, state, (double)dl->ended_ns / 1e9, ran));
}
