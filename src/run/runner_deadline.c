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

/* When (lab clock) the side last left the state, from the timeline; 0 when
 * it was never in it. */
static uint64_t
runner_state_ended(struct runner *r, int conn, int owner,
    enum tcp_state state)
{
	const struct event	*ev;
	uint64_t		 ended = 0;
	size_t			 i;
	int			 in = 0;

	for (i = 0; i < timeline_count(r->tl); i++) {
		ev = timeline_get(r->tl, i);
		if (ev->kind != EV_STATE || ev->actor != owner ||
		    ev->u.state.conn != conn)
			continue;
		if (ev->u.state.state == state)
			in = 1;
		else if (in) {
			ended = ev->t_ns;
			in = 0;
		}
	}
	return (ended);
}

/* The deadline of step k as things stand now. */
void
runner_deadline(struct runner *r, size_t k, struct runner_deadline *out)
{
	const struct deadline	*d = r->lesson->steps[k].deadline;
	const struct ledger	*g;
	const struct conn	*c;
	const struct conn_side	*x;
	const struct ledger_ref	*ref;
	uint64_t		 end;

	memset(out, 0, sizeof *out);
	if ((out->need = d) == NULL)
		return;
	g = &r->eps[d->endpoint].holds;
	if (g->nrefs == 0) {
		out->missed = 1;
		return;
	}
	ref = &g->refs[ledger_latest(g)];
	c = conns_get(r->conns, (size_t)ref->conn - 1);
	x = &c->side[ref->side];
	if (x->state != d->state) {
		out->missed = 1;
		out->ended_ns = runner_state_ended(r, c->number, x->owner,
		    d->state);
		return;
	}
	if (!x->kernel_seen || !tcpstate_timer_ends(x->state, x->timer)) {
		out->lasts = 1;
		return;
	}
	end = x->probed_ns + (uint64_t)x->expires_ms * 1000000;
	end = end > r->start_ns ? end - r->start_ns : 0;
	out->ended_ns = end;
	out->due_ns = end > RUNNER_DEADLINE_MARGIN_NS ?
	    end - RUNNER_DEADLINE_MARGIN_NS : 0;
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
