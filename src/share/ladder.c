/*
 * ladder.c: the timeline turned into rungs and step narration. The arrows
 * are the scene's (model/scene.c), so a saved run groups a held segment's
 * copies exactly as the wire lane does; states are those that changed
 * (a new state, not new queues); calls and exits are the endpoints'.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/textw.h"
#include "base/xmalloc.h"
#include "model/scene.h"
#include "model/sides.h"
#include "run/runner.h"
#include "run/transcript.h"
#include "share/ladder.h"
#include "share/sharetext.h"

/* The column of a party: its endpoint's; one with no owner (a port
 * nobody holds) stands across from the other party. */
static int
ladder_col(const struct ladder *ld, int ep, int other)
{
	if (ep >= 0 && (size_t)ep < ld->ncols)
		return (ld->colof[ep]);
	if (other >= 0 && (size_t)other < ld->ncols &&
	    (size_t)ld->colof[other] < (ld->ncols + 1) / 2)
		return ((int)ld->ncols - 1);
	return (0);
}

/* Room for one more rung. */
static struct rung *
ladder_rung(struct ladder *ld, size_t *cap, enum rung_kind kind,
    const struct event *ev)
{
	struct rung	*r;

	if (ld->nrungs == *cap) {
		*cap = *cap == 0 ? 64 : *cap * 2;
		ld->rungs = xreallocarray(ld->rungs, *cap, sizeof *ld->rungs);
	}
	r = &ld->rungs[ld->nrungs++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->ev = ev;
	r->step = ev->step;
	return (r);
}

/* A step begins: its title and key; a learner's own actions (free
 * play) are a step of their own, titled as the timeline names them. */
static void
ladder_begin_step(struct ladder *ld, const struct event *ev)
{
	const struct lesson	*l = ld->lesson;
	struct ladder_step	*ls;
	const char		*title;

	ld->steps = xreallocarray(ld->steps, ld->nsteps + 1,
	    sizeof *ld->steps);
	ls = &ld->steps[ld->nsteps++];
	memset(ls, 0, sizeof *ls);
	ls->step = ev->step;
	ls->first = ld->nrungs;
	if (strncmp(ev->text, RUNNER_FREE_STEP, strlen(RUNNER_FREE_STEP)) == 0) {
		ls->title = xstrdup(ev->text);
		ls->key = xstrdup("");
	} else if (ev->step < 0) {
		ls->title = xstrdup(lesson_text(&l->title, ld->lang));
		ls->key = xstrdup("");
	} else {
		title = lesson_text(&l->steps[ev->step].title, ld->lang);
		ls->title = xstrdup(*title != '\0' ? title :
		    l->steps[ev->step].name);
		ls->key = xasprintf("%c", l->steps[ev->step].key);
	}
}

/* A line of narration for the step under way: it continues the last
 * paragraph when nothing came between them. */
static void
ladder_say(struct ladder *ld, struct ladder_step *ls, const char *line,
    int joined)
{
	char	*s;

	if (joined && ls->nparas > 0) {
		s = xasprintf("%s\n%s", ls->paras[ls->nparas - 1], line);
		free(ls->paras[ls->nparas - 1]);
		ls->paras[ls->nparas - 1] = s;
		return;
	}
	ls->paras = xreallocarray(ls->paras, ls->nparas + 1,
	    sizeof *ls->paras);
	ls->para_at = xreallocarray(ls->para_at, ls->nparas + 1,
	    sizeof *ls->para_at);
	ls->para_at[ls->nparas] = ld->nrungs - ls->first;
	ls->paras[ls->nparas++] = xstrdup(line);
}

/* Whether a state event is a change worth a rung. */
static int
ladder_state_shown(const struct ev_state *st)
{
	return (!st->queues_only);
}

/* Build the ladder. */
void
ladder_build(struct ladder *ld, const struct lesson *l, enum lang lang,
    const struct timeline *tl, size_t upto)
{
	struct scene		 sc;
	struct sides		 sd;
	const struct event	*ev;
	struct rung		*r;
	const struct ev_seg	*s;
	size_t			 i, j, a = 0, cap = 0;
	int			 said = 0;

	memset(ld, 0, sizeof *ld);
	ld->lesson = l;
	ld->lang = lang;
	ld->ncols = l->nendpoints;
	sides_assign(l, &sd);
	sides_order(l, &sd, ld->order);
	for (i = 0; i < ld->ncols; i++)
		ld->colof[ld->order[i]] = (int)i;
	memset(&sc, 0, sizeof sc);
	scene_build(&sc, l, tl, upto);
	for (i = 0; i < upto; i++) {
		ev = timeline_get(tl, i);
		if (ev->kind == EV_STEP) {
			ladder_begin_step(ld, ev);
			ladder_rung(ld, &cap, RUNG_STEP, ev);
		} else if (ld->nsteps == 0)
			continue;
		if (ev->kind == EV_SAY && ev->step < 0 && !said &&
		    strcmp(ev->text, lesson_text(&l->title, lang)) == 0)
			continue;	/* the setup tells the title first */
		if (ev->kind == EV_SAY) {
			ladder_say(ld, &ld->steps[ld->nsteps - 1], ev->text,
			    said);
			said = 1;
			continue;
		}
		said = 0;
		switch (ev->kind) {
		case EV_CALL:
		case EV_EXIT:
			if (ev->actor < 0 || (size_t)ev->actor >= ld->ncols)
				break;
			r = ladder_rung(ld, &cap, ev->kind == EV_CALL ?
			    RUNG_CALL : RUNG_EXIT, ev);
			r->ep = ev->actor;
			r->col = ld->colof[ev->actor];
			break;
		case EV_STATE:
			if (ev->actor < 0 || (size_t)ev->actor >= ld->ncols ||
			    !ladder_state_shown(&ev->u.state))
				break;
			r = ladder_rung(ld, &cap, RUNG_STATE, ev);
			r->ep = ev->actor;
			r->col = ld->colof[ev->actor];
			break;
		case EV_SEG:
		case EV_WIRE:
			if (a >= sc.narrows || sc.arrows[a].ev != i)
				break;
			s = ev->kind == EV_SEG ? &ev->u.seg : &ev->u.wire.seg;
			r = ladder_rung(ld, &cap, RUNG_ARROW, ev);
			r->col = ladder_col(ld, s->sender, s->receiver);
			r->to = ladder_col(ld, s->receiver, s->sender);
			r->held = sc.arrows[a].held;
			r->lost = sc.arrows[a].lost;
			r->fate = ev->kind == EV_SEG ? FATE_CAPTURED :
			    ev->u.wire.op == WIRE_OP_DROP || r->held == 0 ?
			    FATE_DROPPED : FATE_HELD;
			ld->arrows++;
			a++;
			break;
		case EV_STEP:
		case EV_SAY:
		case EV_CHECK:
			break;
		}
		while (a < sc.narrows && sc.arrows[a].ev <= i)
			a++;
	}
	for (i = 0; i < ld->nsteps; i++)
		ld->steps[i].n = (i + 1 < ld->nsteps ? ld->steps[i + 1].first :
		    ld->nrungs) - ld->steps[i].first;
	for (i = 0; i < ld->nsteps; i++)
		for (j = 0; j < ld->steps[i].nparas; j++)
			textw_flow(ld->steps[i].paras[j]);
	scene_free(&sc);
}

/* "TIME_WAIT 60 s", "FIN_WAIT_1", "LISTEN :9000"; "TIME_WAIT 60 s,
 * restarted" when its timer started over. */
const char *
ladder_state_label(const struct ladder *ld, const struct rung *r, char *buf,
    size_t len)
{
	const struct ev_state	*st = &r->ev->u.state;
	size_t			 n;

	if (st->conn == 0 && st->port != 0)
		snprintf(buf, len, "%s :%u", tcpstate_name(st->state),
		    st->port);
	else if (st->timer != TCP_TIMER_NONE && st->src == SRC_KERNEL &&
	    tcpstate_timer_ends(st->state, st->timer))
		snprintf(buf, len, "%s %.0f s", tcpstate_name(st->state),
		    (double)st->expires_ms / 1000.0);
	else
		snprintf(buf, len, "%s", tcpstate_name(st->state));
	n = strlen(buf);
	if (st->restarted && n < len)
		snprintf(buf + n, len - n, "%s", sharetext(SH_RESTARTED,
		    ld->lang));
	return (buf);
}

/* What a call or an exit says, as the transcript has it. */
char *
ladder_call_label(const struct ladder *ld, const struct rung *r)
{
	return (transcript_details(ld->lesson, r->ev));
}

/* Free the ladder. */
void
ladder_free(struct ladder *ld)
{
	size_t	i, j;

	for (i = 0; i < ld->nsteps; i++) {
		free(ld->steps[i].title);
		free(ld->steps[i].key);
		for (j = 0; j < ld->steps[i].nparas; j++)
			free(ld->steps[i].paras[j]);
		free(ld->steps[i].paras);
		free(ld->steps[i].para_at);
	}
	free(ld->steps);
	free(ld->rungs);
	memset(ld, 0, sizeof *ld);
}
