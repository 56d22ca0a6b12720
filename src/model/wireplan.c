/*
 * wireplan.c: the wire's rules. A hold rule lasts until the lesson passes
 * everything again, so the retransmissions of a held FIN are held as well
 * (a stalled link stalls them all). A drop rule drops the next N matching
 * segments, retransmissions included, and then ends. Step-by-step mode
 * holds every segment and wins over every rule.
 */
#include <stdlib.h>

#include "base/xmalloc.h"
#include "model/wireplan.h"
#include "tcp/tcpstate.h"

struct wireplan_rule {
	enum wire_action	act;		/* WIRE_ACT_HOLD or _DROP */
	int			sender;		/* or WIRE_ANY_SENDER */
	enum wire_kind		kind;
	int			left;		/* drop: segments still to drop */
};

struct wireplan {
	struct wireplan_rule	*rules;
	size_t			 nrules;
	int			 stepping;
};

/* A plan that passes everything. */
struct wireplan *
wireplan_new(void)
{
	return (xcalloc(1, sizeof(struct wireplan)));
}

/* Free the plan. */
void
wireplan_free(struct wireplan *p)
{
	free(p->rules);
	free(p);
}

/* Add the rule of a hold or drop action. */
void
wireplan_add(struct wireplan *p, const struct action *a)
{
	struct wireplan_rule	*r;

	p->rules = xreallocarray(p->rules, p->nrules + 1, sizeof *p->rules);
	r = &p->rules[p->nrules++];
	r->act = a->wire;
	r->sender = a->sender;
	r->kind = a->wire_kind;
	r->left = a->count;
}

/* End every rule. */
void
wireplan_clear(struct wireplan *p)
{
	p->nrules = 0;
}

/* Step-by-step mode on or off. */
void
wireplan_set_stepping(struct wireplan *p, int on)
{
	p->stepping = on;
}

/* Whether step-by-step mode is on. */
int
wireplan_stepping(const struct wireplan *p)
{
	return (p->stepping);
}

/* Whether a segment is of the kind. */
int
wireplan_kind_matches(enum wire_kind kind, const struct segment *seg)
{
	switch (kind) {
	case WIRE_ANY:
		return (1);
	case WIRE_SYN:
		return ((seg->flags & TF_SYN) != 0);
	case WIRE_FIN:
		return ((seg->flags & TF_FIN) != 0);
	case WIRE_ACK:
		return ((seg->flags & (TF_SYN | TF_FIN | TF_RST | TF_ACK)) ==
		    TF_ACK && seg->len == 0);
	case WIRE_DATA:
		return (seg->len != 0);
	case WIRE_RST:
		return ((seg->flags & TF_RST) != 0);
	}
	return (0);
}

/* The first rule that takes a segment, or NULL: a drop rule that has
 * dropped its count takes nothing. */
static struct wireplan_rule *
wireplan_match(const struct wireplan *p, int sender,
    const struct segment *seg)
{
	struct wireplan_rule	*r;
	size_t			 i;

	for (i = 0; i < p->nrules; i++) {
		r = &p->rules[i];
		if ((r->sender == WIRE_ANY_SENDER || r->sender == sender) &&
		    wireplan_kind_matches(r->kind, seg) &&
		    (r->act == WIRE_ACT_HOLD || r->left > 0))
			return (r);
	}
	return (NULL);
}

/* Whether a rule of the lesson holds the segment. */
int
wireplan_rule_holds(const struct wireplan *p, int sender,
    const struct segment *seg)
{
	const struct wireplan_rule	*r = wireplan_match(p, sender, seg);

	return (r != NULL && r->act == WIRE_ACT_HOLD);
}

/* What to do with a segment: the first rule that takes it decides. */
enum wire_verdict
wireplan_decide(struct wireplan *p, int sender, const struct segment *seg)
{
	struct wireplan_rule	*r;

	if (p->stepping)
		return (WIRE_HOLD);
	if ((r = wireplan_match(p, sender, seg)) == NULL)
		return (WIRE_PASS);
	if (r->act == WIRE_ACT_HOLD)
		return (WIRE_HOLD);
	r->left--;
	return (WIRE_DROP);
}
