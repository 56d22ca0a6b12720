/*
 * ladder.c: the timeline turned into rungs and step narration. Unlike the
 * wire lane, which shows the wire as it is now, the ladder keeps what the
 * wire did: a held segment's rung stays once its copies are let go.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/textw.h"
#include "base/xmalloc.h"
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

/* How many connections an endpoint's last boxes are kept for; more
 * share slots, which at worst shows a box twice. */
#define LADDER_SLOTS	64

/* What a build keeps while it goes: the copies the wire holds, each
 * socket's last box, and where a listener's LISTEN is to be drawn. */
struct ladder_work {
	size_t		 cap;		/* of ld->rungs */
	struct {
		uint32_t id;
		size_t	 rung;
	}		*holds;
	size_t		 nholds;
	size_t		*moved;		/* by event index: the first reading
					 * drawn right after it, or SIZE_MAX */
	size_t		*next;		/* by event index: the reading drawn
					 * after this moved one, or SIZE_MAX */
	uint8_t		*skip;		/* by event index: drawn elsewhere */
	char		 last[LESSON_MAX_ENDPOINTS][LADDER_SLOTS][32];	/*
					 * each endpoint's last box by
					 * connection (listeners in slot 0):
					 * its state, source and port */
};

/* The segment a wire event carries. */
static const struct segment *
ladder_wire_seg(const struct event *ev)
{
	return (&ev->u.wire.seg.seg);
}

/* An arrow for a segment (captured, or taken by the wire). */
static struct rung *
ladder_arrow(struct ladder *ld, struct ladder_work *w, const struct event *ev)
{
	const struct ev_seg	*s = ev->kind == EV_SEG ? &ev->u.seg :
				    &ev->u.wire.seg;
	struct rung		*r = ladder_rung(ld, &w->cap, RUNG_ARROW, ev);

	r->col = ladder_col(ld, s->sender, s->receiver);
	r->to = ladder_col(ld, s->receiver, s->sender);
	r->fate = ev->kind == EV_SEG ? FATE_CAPTURED : FATE_DROPPED;
	ld->arrows++;
	return (r);
}

/* A wire event: a hold joins the rung of its segment's copies still
 * held, or begins one; a delivery or a drop settles one of its copies;
 * a drop of a copy never held (a rule's) is an arrow of its own. */
static void
ladder_wire(struct ladder *ld, struct ladder_work *w, const struct event *ev)
{
	const struct ev_wire	*wv = &ev->u.wire;
	struct rung		*r = NULL;
	size_t			 i;

	if (wv->op == WIRE_OP_HOLD) {
		for (i = ld->nrungs; i > 0 && r == NULL; i--) {
			if (ld->rungs[i - 1].kind == RUNG_ARROW &&
			    ld->rungs[i - 1].ev->kind == EV_WIRE &&
			    ld->rungs[i - 1].held > 0 &&
			    segment_same(ladder_wire_seg(ld->rungs[i - 1].ev),
			    &wv->seg.seg))
				r = &ld->rungs[i - 1];
		}
		if (r == NULL) {
			r = ladder_arrow(ld, w, ev);
			r->fate = FATE_HELD;
		}
		r->copies++;
		r->held++;
		w->holds = xreallocarray(w->holds, w->nholds + 1,
		    sizeof *w->holds);
		w->holds[w->nholds].id = wv->id;
		w->holds[w->nholds++].rung = (size_t)(r - ld->rungs);
		return;
	}
	for (i = 0; i < w->nholds && r == NULL; i++)
		if (w->holds[i].id == wv->id)
			r = &ld->rungs[w->holds[i].rung];
	if (r == NULL) {
		if (wv->op == WIRE_OP_DROP)
			ladder_arrow(ld, w, ev)->lost = 1;
		return;
	}
	/* The first delivery or drop of a copy is what became of it. */
	for (i = 0; i < w->nholds; i++)
		if (w->holds[i].id == wv->id)
			w->holds[i].id = UINT32_MAX;
	if (r->held > 0)
		r->held--;
	if (wv->op == WIRE_OP_DROP)
		r->lost++;
}

/* Whether a reading's timer started over, and that timer is the one that
 * ends the state (TIME_WAIT's): a resend timer re-armed is no news. */
static int
ladder_restarted(const struct ev_state *st)
{
	return (st->restarted && tcpstate_timer_ends(st->state, st->timer));
}

/* A state worth a box: a new state, not new queues, and not the state
 * (from the same source) its socket's last box shows, unless its timer
 * started over. */
static void
ladder_state(struct ladder *ld, struct ladder_work *w, const struct event *ev)
{
	const struct ev_state	*st = &ev->u.state;
	struct rung		*r;
	char			 key[32], *last;
	size_t			 slot;

	if (ev->actor < 0 || (size_t)ev->actor >= ld->ncols || st->queues_only)
		return;
	snprintf(key, sizeof key, "%d %d %u", (int)st->state, (int)st->src,
	    (unsigned)st->port);
	slot = st->conn > 0 ? (size_t)(st->conn - 1) % (LADDER_SLOTS - 1) + 1 :
	    0;
	last = w->last[ev->actor][slot];
	if (strcmp(last, key) == 0 && !ladder_restarted(st))
		return;
	snprintf(last, sizeof w->last[0][0], "%s", key);
	r = ladder_rung(ld, &w->cap, RUNG_STATE, ev);
	r->ep = ev->actor;
	r->col = ld->colof[ev->actor];
}

/* Draw the reading at event i right after event at, once. */
static void
ladder_move(struct ladder_work *w, size_t i, size_t at)
{
	size_t	*tail = &w->moved[at];

	while (*tail != SIZE_MAX)
		tail = &w->next[*tail];
	*tail = i;
	w->skip[i] = 1;
}

/* The connection of a segment's event, or 0. */
static int
ladder_seg_conn(const struct event *ev)
{
	if (ev->kind == EV_SEG)
		return (ev->u.seg.conn);
	if (ev->kind == EV_WIRE)
		return (ev->u.wire.seg.conn);
	return (0);
}

/* Readings drawn where their cause is: a listener's first LISTEN right
 * after the listen() that made it (in the same step), a connection's
 * readings from before its first segment (a SYN_SENT its SYN proves,
 * stamped a little before it) right after that segment, in its step. */
static void
ladder_place(struct ladder_work *w, const struct timeline *tl, size_t upto)
{
	const struct event	*ev, *c;
	size_t			 i, j, nconns = 0, *first;
	int			 conn;

	w->moved = xcalloc(upto + 1, sizeof *w->moved);
	w->next = xcalloc(upto + 1, sizeof *w->next);
	w->skip = xcalloc(upto + 1, 1);
	for (i = 0; i < upto; i++) {
		w->moved[i] = w->next[i] = SIZE_MAX;
		conn = ladder_seg_conn(timeline_get(tl, i));
		if (conn > 0 && (size_t)conn > nconns)
			nconns = (size_t)conn;
	}
	first = xcalloc(nconns + 1, sizeof *first);
	for (i = 0; i <= nconns; i++)
		first[i] = SIZE_MAX;
	for (i = 0; i < upto; i++) {
		conn = ladder_seg_conn(timeline_get(tl, i));
		if (conn > 0 && first[conn] == SIZE_MAX)
			first[conn] = i;
	}
	for (i = 0; i < upto; i++) {
		ev = timeline_get(tl, i);
		if (ev->kind != EV_STATE || ev->u.state.queues_only)
			continue;
		conn = ev->u.state.conn;
		if (conn > 0) {
			if ((size_t)conn <= nconns && first[conn] != SIZE_MAX &&
			    first[conn] > i &&
			    timeline_get(tl, first[conn])->step == ev->step)
				ladder_move(w, i, first[conn]);
			continue;
		}
		if (ev->u.state.port == 0 || ev->u.state.state != TS_LISTEN)
			continue;
		for (j = i; j > 0; j--) {
			c = timeline_get(tl, j - 1);
			if (c->step != ev->step || c->kind == EV_STATE)
				break;
			if (c->kind == EV_CALL && c->actor == ev->actor &&
			    c->u.call.name == CALL_LISTEN && c->u.call.ret == 0) {
				ladder_move(w, i, j - 1);
				break;
			}
		}
	}
	free(first);
}

/* One event: what it draws, if anything. */
static void
ladder_event(struct ladder *ld, struct ladder_work *w,
    const struct timeline *tl, size_t i, int *said)
{
	const struct event	*ev = timeline_get(tl, i);
	const struct lesson	*l = ld->lesson;
	struct rung		*r;
	size_t			 k;

	if (w->skip[i])
		return;
	if (ev->kind == EV_STEP) {
		ladder_begin_step(ld, ev);
		ladder_rung(ld, &w->cap, RUNG_STEP, ev);
	} else if (ld->nsteps == 0)
		return;
	if (ev->kind == EV_SAY && ev->step < 0 && !*said &&
	    strcmp(ev->text, lesson_text(&l->title, ld->lang)) == 0)
		return;		/* the setup tells the title first */
	if (ev->kind == EV_SAY) {
		ladder_say(ld, &ld->steps[ld->nsteps - 1], ev->text, *said);
		*said = 1;
		return;
	}
	*said = 0;
	switch (ev->kind) {
	case EV_CALL:
	case EV_EXIT:
		if (ev->actor < 0 || (size_t)ev->actor >= ld->ncols)
			break;
		r = ladder_rung(ld, &w->cap, ev->kind == EV_CALL ? RUNG_CALL :
		    RUNG_EXIT, ev);
		r->ep = ev->actor;
		r->col = ld->colof[ev->actor];
		break;
	case EV_STATE:
		ladder_state(ld, w, ev);
		break;
	case EV_SEG:
		ladder_arrow(ld, w, ev);
		break;
	case EV_WIRE:
		ladder_wire(ld, w, ev);
		break;
	case EV_STEP:
	case EV_SAY:
	case EV_CHECK:
		break;
	}
	for (k = w->moved[i]; k != SIZE_MAX; k = w->next[k])
		ladder_state(ld, w, timeline_get(tl, k));
}

/* Build the ladder: the events in time order, but within one instant
 * the segments first, then what they prove. */
void
ladder_build(struct ladder *ld, const struct lesson *l, enum lang lang,
    const struct timeline *tl, size_t upto)
{
	struct ladder_work	*w = xcalloc(1, sizeof *w);
	struct sides		 sd;
	const struct event	*ev;
	size_t			 i, j, end;
	int			 said = 0, pass;

	memset(ld, 0, sizeof *ld);
	ld->lesson = l;
	ld->lang = lang;
	ld->ncols = l->nendpoints;
	sides_assign(l, &sd);
	sides_order(l, &sd, ld->order);
	for (i = 0; i < ld->ncols; i++)
		ld->colof[ld->order[i]] = (int)i;
	ladder_place(w, tl, upto);
	for (i = 0; i < upto; i = end) {
		ev = timeline_get(tl, i);
		for (end = i + 1; end < upto &&
		    timeline_get(tl, end)->t_ns == ev->t_ns; end++)
			;
		for (pass = 0; pass < 2; pass++) {
			for (j = i; j < end; j++) {
				ev = timeline_get(tl, j);
				if ((ev->kind == EV_SEG || ev->kind == EV_WIRE) ==
				    (pass == 0))
					ladder_event(ld, w, tl, j, &said);
			}
		}
	}
	for (i = 0; i < ld->nrungs; i++)
		if (ld->rungs[i].kind == RUNG_ARROW &&
		    ld->rungs[i].fate == FATE_HELD &&
		    ld->rungs[i].lost == ld->rungs[i].copies)
			ld->rungs[i].fate = FATE_DROPPED;
	for (i = 0; i < ld->nsteps; i++)
		ld->steps[i].n = (i + 1 < ld->nsteps ? ld->steps[i + 1].first :
		    ld->nrungs) - ld->steps[i].first;
	for (i = 0; i < ld->nsteps; i++)
		for (j = 0; j < ld->steps[i].nparas; j++)
			textw_flow(ld->steps[i].paras[j]);
	free(w->holds);
	free(w->moved);
	free(w->next);
	free(w->skip);
	free(w);
}

/* "TIME_WAIT 60 s", "FIN_WAIT_1", "LISTEN :9000", "#2 ESTABLISHED";
 * "TIME_WAIT 60 s, restarted" when its timer started over. */
const char *
ladder_state_label(const struct ladder *ld, const struct rung *r, char *buf,
    size_t len)
{
	const struct ev_state	*st = &r->ev->u.state;
	size_t			 n;

	char			 conn[16];

	conn[0] = '\0';
	if (st->conn > 1)
		snprintf(conn, sizeof conn, "#%d ", st->conn);
	if (st->conn == 0 && st->port != 0)
		snprintf(buf, len, "%s :%u", tcpstate_name(st->state),
		    st->port);
	else if (st->timer != TCP_TIMER_NONE && st->src == SRC_KERNEL &&
	    tcpstate_timer_ends(st->state, st->timer))
		snprintf(buf, len, "%s%s %.0f s", conn,
		    tcpstate_name(st->state), (double)st->expires_ms / 1000.0);
	else
		snprintf(buf, len, "%s%s", conn, tcpstate_name(st->state));
	n = strlen(buf);
	if (ladder_restarted(st) && n < len)
		snprintf(buf + n, len - n, "%s", sharetext(SH_RESTARTED,
		    ld->lang));
	return (buf);
}

/* What the wire did to an arrow it took: "held", "held ×5", "held ×5,
 * 4 dropped", "dropped", "dropped ×2"; NULL for a captured one. */
const char *
ladder_fate_label(const struct ladder *ld, const struct rung *r, char *buf,
    size_t len)
{
	if (r->fate == FATE_CAPTURED)
		return (NULL);
	if (r->fate == FATE_DROPPED)
		return (r->lost > 1 ? sharetextf(buf, len, SH_DROPPED_N,
		    ld->lang, r->lost) : sharetext(SH_DROPPED, ld->lang));
	if (r->lost > 0)
		return (sharetextf(buf, len, SH_HELD_LOST, ld->lang, r->copies,
		    r->lost));
	return (r->copies > 1 ? sharetextf(buf, len, SH_HELD_N, ld->lang,
	    r->copies) : sharetext(SH_HELD, ld->lang));
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
