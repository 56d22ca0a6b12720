/*
 * runner.c: a lesson run. Actions go to the lab one at a time; every call
 * result, captured segment, probe finding and process exit becomes an
 * event in the timeline. After a step's last action the runner waits until
 * the lab has been quiet for a while (a delayed ACK takes about 40 ms on
 * loopback), then judges the step's expectations.
 *
 * The probe is a sock_diag dump. It runs right after every event, again
 * every few milliseconds while the wire has implied a state the kernel has
 * not yet shown, once after a kernel timer is due, and not at all
 * otherwise: a state the kernel has shown changes only by a segment (which
 * is an event) or by its timer.
 */
#include <sys/utsname.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "lab/capture.h"
#include "lab/lab.h"
#include "lab/pcapout.h"
#include "lab/probe.h"
#include "lab/route.h"
#include "lab/wire.h"
#include "model/conn.h"
#include "model/expect.h"
#include "model/wireplan.h"
#include "run/runner.h"

#define RUNNER_QUIET_MS		300	/* settled: nothing happened for this */
#define RUNNER_SETTLE_MAX_MS	5000	/* give up waiting for the wire */
#define RUNNER_PROBE_FAST_MS	5	/* the kernel owes the wire a state */
#define RUNNER_SETTLE_RETRY_MS	50	/* the wire still owes the kernel */
#define RUNNER_LOOPBACK		0x7f000001U

struct runner_ref {
	struct conn	*conn;
	int		 side;
	int		 fd;		/* the endpoint's descriptor for it */
	int		 open;		/* not closed by the endpoint yet */
};

struct runner_endpoint {
	int			 alive;
	int			 listen_port[LESSON_MAX_LISTENERS];	/* or 0 */
	int			 listen_fd[LESSON_MAX_LISTENERS];
	struct runner_ref	*refs;		/* its connections, latest last */
	size_t			 nrefs;
};

struct runner {
	struct loop			*loop;
	const struct lesson		*lesson;
	struct runner_options		 opts;
	const struct runner_view	*view;
	void				*arg;

	struct lab			*lab;
	struct capture			*capture;
	struct probe			*probe;
	struct pcapout			*pcap;
	struct conns			*conns;
	struct wire			*wire;		/* NULL until needed */
	struct wireplan			*plan;
	struct timeline			*tl;
	uint64_t			 start_ns;
	struct runner_endpoint		*eps;

	int				 step;		/* -1: setup */
	int				 free_play;	/* acting for the learner */
	struct action			 free_actions[RUNNER_FREE_ACTIONS];
	uint64_t			 step_t_ns;
	const struct action		*actions;
	size_t				 nactions;
	size_t				 next;
	int				 waiting;	/* endpoint busy, or -1 */
	int				 connecting;	/* endpoint, or -1 */
	int				 connect_port;
	int				 settling;
	uint64_t			 settle_began_ms;	/* or 0 */
	int				 step_failures;
	int				 failures;
	int				 checks;
	unsigned			 drops;		/* capture losses reported */

	struct loop_timer		 action_timer;
	struct loop_timer		 settle_timer;
	struct loop_timer		 probe_timer;
};

static void	runner_next_action(struct runner *);
static void	runner_check(struct runner *, char *, int, char *);

/* Add an event stamped with a real-time clock reading. */
static void
runner_add(struct runner *r, struct event *ev, uint64_t t_ns)
{
	ev->t_ns = t_ns > r->start_ns ? t_ns - r->start_ns : 0;
	ev->step = r->step;
	timeline_add(r->tl, ev);
	if (r->view->changed != NULL)
		r->view->changed(r->arg);
}

/* Add an event that carries only a text (say, step). */
static void
runner_add_text(struct runner *r, enum event_kind kind, int actor,
    char *text)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = kind;
	ev.actor = actor;
	ev.text = text;
	runner_add(r, &ev, loop_realtime_ns());
}

/* Something changed: the step is not quiet yet. */
static void
runner_not_quiet(struct runner *r)
{
	if (r->settling)
		loop_timer_arm(r->loop, &r->settle_timer, RUNNER_QUIET_MS);
}

/* Something happened outside the kernel's tables: the probe should look. */
static void
runner_activity(struct runner *r)
{
	runner_not_quiet(r);
	loop_timer_arm(r->loop, &r->probe_timer, 0);
}

/* Find who owns a side that has no owner yet: the first endpoint listening
 * on its port (a forked heir comes later), or the endpoint whose connect()
 * is under way towards the other side. accept() settles it for good. */
static void
runner_attribute(struct runner *r, struct conn *c)
{
	size_t	i, j;
	int	s;

	for (s = 0; s < 2; s++) {
		for (i = 0; i < r->lesson->nendpoints; i++) {
			for (j = 0; j < LESSON_MAX_LISTENERS &&
			    c->side[s].owner == -1; j++) {
				if (r->eps[i].listen_port[j] == c->side[s].port)
					c->side[s].owner = (int)i;
			}
		}
		if (c->side[s].owner == -1 && r->connecting != -1 &&
		    c->side[!s].port == r->connect_port)
			c->side[s].owner = r->connecting;
	}
}

/* A segment's parties, connection and relative numbers. */
static void
runner_fill_seg(const struct conn *c, int side, const struct segment *seg,
    struct ev_seg *out)
{
	out->seg = *seg;
	out->sender = c->side[side].owner;
	out->receiver = c->side[!side].owner;
	out->conn = c->number;
	conn_relative(c, side, seg, &out->rseq, &out->rack);
}

/*
 * The same for a segment the wire took before pcap saw it: the connection
 * table is only read, for the segment has not reached its receiver. A SYN
 * of a connection not seen yet gets the owners it will have.
 */
static void
runner_wire_seg(struct runner *r, const struct segment *seg,
    struct ev_seg *out)
{
	struct conn	*c, fresh;
	int		 side;

	if ((c = conns_lookup(r->conns, seg, &side)) != NULL) {
		runner_fill_seg(c, side, seg, out);
		return;
	}
	conn_init(&fresh, (int)conns_count(r->conns) + 1, seg);
	fresh.side[0].isn = seg->seq;
	fresh.side[0].isn_known = 1;
	runner_attribute(r, &fresh);
	runner_fill_seg(&fresh, 0, seg, out);
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

/* A captured segment: record it and let the probe look. */
static void
runner_segment(const struct segment *seg, const uint8_t *frame, size_t caplen,
    void *arg)
{
	struct runner	*r = arg;
	struct event	 ev;
	struct conn	*c;
	int		 side;

	if (r->pcap != NULL)
		pcapout_write(r->pcap, seg->t_ns, frame, caplen, seg->wirelen);
	c = conns_segment(r->conns, seg, &side);
	runner_attribute(r, c);

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_SEG;
	ev.actor = ACTOR_WIRE;
	runner_fill_seg(c, side, seg, &ev.u.seg);
	runner_add(r, &ev, seg->t_ns);
	runner_activity(r);
}

/* Take in every segment captured so far, so that events stay in order. */
static void
runner_drain_capture(struct runner *r)
{
	if (capture_read(r->capture, runner_segment, r) == -1 &&
	    r->view->failed != NULL)
		r->view->failed("the capture on lo failed", r->arg);
}

/* The capture descriptor is readable. */
static void
runner_capture_ready(int fd, short revents, void *arg)
{
	(void)fd;
	(void)revents;
	runner_drain_capture(arg);
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
		runner_wire_event(r, verdict == WIRE_HOLD ? WIRE_OP_HOLD :
		    WIRE_OP_DROP, id, &s, seg->t_ns);
	return (verdict);
}

/* Deliver held segment i, or drop it; -1 when there is no such segment.
 * A segment that cannot be sent on is lost, and a check says so. */
static int
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
static size_t
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

/* Find the kernel's socket for one side of a connection. */
static const struct sock_reading *
runner_find_sock(const struct sock_reading *socks, size_t n,
    const struct conn *c, int side)
{
	const struct conn_side	*x = &c->side[side], *y = &c->side[!side];
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (socks[i].sport == x->port && socks[i].dport == y->port &&
		    socks[i].saddr == x->addr && socks[i].daddr == y->addr &&
		    socks[i].state != TS_LISTEN)
			return (&socks[i]);
	}
	return (NULL);
}

/* Record the state changes a probe found for one side. */
static void
runner_record_changes(struct runner *r, struct conn *c,
    const struct conn_change *changes, int n)
{
	const struct conn_side	*x;
	struct event		 ev;
	int			 i;

	for (i = 0; i < n; i++) {
		x = &c->side[changes[i].side];
		memset(&ev, 0, sizeof ev);
		ev.kind = EV_STATE;
		ev.actor = x->owner;
		ev.u.state.state = changes[i].state;
		ev.u.state.src = changes[i].src;
		ev.u.state.conn = c->number;
		ev.u.state.queues_only = changes[i].queues_only;
		ev.u.state.restarted = changes[i].restarted;
		ev.u.state.was_ms = changes[i].was_ms;
		if (changes[i].src == SRC_KERNEL) {
			ev.u.state.timer = x->timer;
			ev.u.state.expires_ms = x->expires_ms;
			ev.u.state.rqueue = x->rqueue;
			ev.u.state.wqueue = x->wqueue;
		}
		runner_add(r, &ev, changes[i].t_ns);
		runner_not_quiet(r);
	}
}

/*
 * How soon the probe should look again for this side, or 0 for never.
 * Whatever a segment changes, the segment's own probe sees, and looks again
 * soon while the state it implies is not yet the kernel's; without one, a
 * state changes only when its kernel timer expires (TIME_WAIT ends, a FIN
 * is retransmitted or given up on), so one look just after that is enough.
 * A held FIN_WAIT_1 waits for the learner without waking finwave.
 */
static uint64_t
runner_probe_interval(const struct conn *c, int side)
{
	const struct conn_side	*x = &c->side[side];

	if (conn_unreconciled(c, side))
		return (RUNNER_PROBE_FAST_MS);
	if (x->timer == TCP_TIMER_NONE)
		return (0);
	return ((uint64_t)x->expires_ms + RUNNER_PROBE_FAST_MS);
}

/* Whether the runner follows this side: it belongs to an endpoint. A side
 * whose four-tuple a newer connection took over is followed too: its
 * TIME_WAIT ends when the kernel shows the new one (conn_probe). */
static int
runner_watched(const struct conn *c, int side)
{
	return (c->side[side].owner != -1);
}

/*
 * The kernel's socket for a side, from the dump or, when the dump lacks a
 * socket the kernel had, from a lookup of its four-tuple. Absence becomes
 * CLOSED, which is final, and a dump walks the kernel's hash while it
 * changes (other namespaces share it) and can skip an entry; the lookup
 * cannot. Returns NULL when the kernel has no such socket.
 */
static const struct sock_reading *
runner_side_sock(struct runner *r, const struct sock_reading *socks, size_t n,
    const struct conn *c, int side, struct sock_reading *found)
{
	const struct sock_reading	*sock = runner_find_sock(socks, n, c, side);
	struct sock_reading	 key;
	char			*cause;
	int			 ret;

	if (sock != NULL || !c->side[side].kernel_seen ||
	    c->side[side].state == TS_CLOSED)
		return (sock);
	memset(&key, 0, sizeof key);
	key.saddr = c->side[side].addr;
	key.sport = c->side[side].port;
	key.daddr = c->side[!side].addr;
	key.dport = c->side[!side].port;
	if ((ret = probe_lookup(r->probe, &key, found, &cause)) == -1) {
		if (r->view->failed != NULL)
			r->view->failed(cause, r->arg);
		free(cause);
	}
	return (ret == 1 && found->state != TS_LISTEN ? found : NULL);
}

/* Dump the lab's sockets and reconcile every owned side with them. */
static void
runner_probe(void *arg)
{
	struct runner			*r = arg;
	const struct sock_reading		*socks;
	struct sock_reading		 found;
	struct conn_change		 changes[CONN_MAX_PENDING + 1];
	struct conn			*c;
	char				*cause;
	size_t				 n, i;
	uint64_t			 now, next = 0, interval;
	int				 side, nchanges;

	runner_drain_capture(r);
	if (probe_dump(r->probe, &socks, &n, &cause) == -1) {
		if (r->view->failed != NULL)
			r->view->failed(cause, r->arg);
		free(cause);
		return;
	}
	now = loop_realtime_ns();
	for (i = 0; i < conns_count(r->conns); i++) {
		c = conns_get(r->conns, i);
		for (side = 0; side < 2; side++) {
			if (!runner_watched(c, side))
				continue;
			nchanges = conn_probe(c, side, runner_side_sock(r,
			    socks, n, c, side, &found), now, changes);
			runner_record_changes(r, c, changes, nchanges);
			interval = runner_probe_interval(c, side);
			if (interval != 0 && (next == 0 || interval < next))
				next = interval;
		}
	}
	if (next != 0 && !r->probe_timer.armed)
		loop_timer_arm(r->loop, &r->probe_timer, next);
}

/* Remember that an endpoint now holds a connection, as its latest. */
static void
runner_hold(struct runner *r, int ep, struct conn *c, int side, int fd)
{
	struct runner_endpoint	*e = &r->eps[ep];

	e->refs = xreallocarray(e->refs, e->nrefs + 1, sizeof *e->refs);
	e->refs[e->nrefs].conn = c;
	e->refs[e->nrefs].side = side;
	e->refs[e->nrefs].fd = fd;
	e->refs[e->nrefs].open = 1;
	e->nrefs++;
}

/* The endpoint listens on port with fd, in the first free slot. */
static void
runner_listening(struct runner_endpoint *e, int fd, int port)
{
	size_t	i;

	for (i = 0; i < LESSON_MAX_LISTENERS; i++) {
		if (e->listen_port[i] == 0) {
			e->listen_port[i] = port;
			e->listen_fd[i] = fd;
			return;
		}
	}
}

/* The endpoint closed a descriptor: a listener, or one connection. */
static void
runner_closed(struct runner *r, int ep, int fd)
{
	struct runner_endpoint	*e = &r->eps[ep];
	size_t			 i;

	for (i = 0; i < LESSON_MAX_LISTENERS; i++) {
		if (fd == e->listen_fd[i] && e->listen_port[i] != 0) {
			e->listen_port[i] = 0;
			return;
		}
	}
	for (i = e->nrefs; i-- > 0;) {
		if (e->refs[i].open && e->refs[i].fd == fd) {
			e->refs[i].open = 0;
			return;
		}
	}
}

/* A system call finished in an endpoint. */
static void
runner_on_call(int ep, const struct call *call, void *arg)
{
	struct runner	*r = arg;
	struct event	 ev;
	struct conn	*c;
	int		 side;

	runner_drain_capture(r);
	memset(&ev, 0, sizeof ev);
	ev.kind = EV_CALL;
	ev.actor = ep;
	ev.u.call = *call;
	runner_add(r, &ev, call->t_ns);

	if (call->lport != 0 && call->rport != 0) {
		c = conns_find(r->conns, RUNNER_LOOPBACK, call->lport,
		    RUNNER_LOOPBACK, call->rport, &side);
		if (c != NULL) {
			c->side[side].owner = ep;
			runner_hold(r, ep, c, side, call->name ==
			    CALL_ACCEPT ? (int)call->ret : call->fd);
		}
	}
	if (call->name == CALL_LISTEN && call->ret == 0)
		runner_listening(&r->eps[ep], call->fd, call->lport);
	if (call->name == CALL_CLOSE && call->ret == 0)
		runner_closed(r, ep, call->fd);
	runner_activity(r);
}

/* An endpoint finished its command: on to the next action. */
static void
runner_on_done(int ep, void *arg)
{
	struct runner	*r = arg;

	if (ep != r->waiting)
		return;
	r->waiting = -1;
	r->connecting = -1;
	runner_next_action(r);
}

/* An endpoint process is gone. */
static void
runner_on_exit(int ep, int status, void *arg)
{
	struct runner	*r = arg;
	struct event	 ev;
	size_t		 i;

	r->eps[ep].alive = 0;
	memset(r->eps[ep].listen_port, 0, sizeof r->eps[ep].listen_port);
	for (i = 0; i < r->eps[ep].nrefs; i++)
		r->eps[ep].refs[i].open = 0;	/* a process's exit closes them */
	memset(&ev, 0, sizeof ev);
	ev.kind = EV_EXIT;
	ev.actor = ep;
	ev.u.exit.status = status;
	runner_add(r, &ev, loop_realtime_ns());
	runner_activity(r);
	runner_on_done(ep, r);
}

static const struct lab_events runner_lab_events = {
	runner_on_call,
	runner_on_done,
	runner_on_exit
};

/* Index of the newest connection still open, or the newest if none is. */
static size_t
runner_newest_open(const struct runner_endpoint *e)
{
	size_t	i;

	for (i = e->nrefs; i-- > 0;) {
		if (e->refs[i].open)
			return (i);
	}
	return (e->nrefs - 1);
}

/* Describe one held connection for expectations. */
static void
runner_expect_conn(const struct runner_ref *ref, struct expect_conn *out)
{
	const struct conn_side	*x = &ref->conn->side[ref->side];

	out->conn = ref->conn->number;
	out->owner = x->owner;
	out->state = x->state;
	out->src = x->src;
	out->timer = x->timer;
	out->expires_ms = x->expires_ms;
	out->open = ref->open;
}

/*
 * Fill the connections an endpoint holds, for expectations. The one put
 * last, "the latest", is the newest still open, as for the endpoint's own
 * actions; when all are closed, the newest.
 */
static size_t
runner_world_conns(void *arg, int ep, struct expect_conn *out, size_t max)
{
	struct runner_endpoint	*e = &((struct runner *)arg)->eps[ep];
	size_t			 i, n = 0, latest;

	if (e->nrefs == 0 || max == 0)
		return (0);
	latest = runner_newest_open(e);
	for (i = 0; i < e->nrefs && n + 1 < max; i++) {
		if (i != latest)
			runner_expect_conn(&e->refs[i], &out[n++]);
	}
	runner_expect_conn(&e->refs[latest], &out[n++]);
	return (n);
}

/* Record one judged expectation; choice is the right answer of a
 * prediction, or 0. */
static void
runner_check_choice(struct runner *r, char *what, int ok, char *observed,
    char choice)
{
	struct event	ev;

	r->checks++;
	memset(&ev, 0, sizeof ev);
	ev.kind = EV_CHECK;
	ev.actor = ACTOR_CHECK;
	ev.u.check.ok = ok;
	ev.u.check.choice = choice;
	if (!ok) {
		r->failures++;
		r->step_failures++;
		ev.text = xasprintf("%s; observed: %s", what, observed);
		free(what);
	} else
		ev.text = what;
	free(observed);
	runner_add(r, &ev, loop_realtime_ns());
}

/* Record one judged expectation. */
static void
runner_check(struct runner *r, char *what, int ok, char *observed)
{
	runner_check_choice(r, what, ok, observed, 0);
}

/* Judge the prediction: exactly one choice must be what the kernel did. */
static void
runner_judge_prediction(struct runner *r, const struct prediction *p,
    const struct expect_world *w)
{
	const struct choice	*right = NULL;
	char			*held = NULL, *observed, *tmp;
	size_t			 i;
	int			 nheld = 0;

	for (i = 0; i < p->nchoices; i++) {
		if (!expect_judge(r->lesson, &p->choices[i].when, w,
		    &observed)) {
			free(observed);
			continue;
		}
		right = &p->choices[i];
		nheld++;
		tmp = xasprintf("%s%s(%c)", held ? held : "", held ? ", " : "",
		    right->key);
		free(held);
		held = tmp;
	}
	if (nheld == 1) {
		runner_check_choice(r, xasprintf("prediction: the kernel's "
		    "answer is (%c) %s", right->key, lesson_text(&right->text,
		    r->opts.lang)), 1, NULL, right->key);
	} else {
		runner_check(r, xstrdup("prediction: exactly one choice holds"),
		    0, nheld == 0 ? xstrdup("none of the choices held") :
		    xasprintf("several held: %s", held));
	}
	free(held);
}

/* Add narration, one event a line. */
static void
runner_say(struct runner *r, const struct text *t)
{
	const char	*s = lesson_text(t, r->opts.lang), *nl;

	while (*s != '\0') {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s);
		runner_add_text(r, EV_SAY, ACTOR_LESSON,
		    xasprintf("%.*s", (int)(nl - s), s));
		s = *nl == '\n' ? nl + 1 : nl;
	}
}

/* The step has settled: judge it and tell the view. */
static void
runner_finish_step(struct runner *r)
{
	const struct step	*st;
	const struct expect	*expects;
	struct expect_world	 w;
	char			*observed;
	size_t			 i, nexpects;
	int			 ok;

	r->settling = 0;
	runner_probe(r);
	memset(&w, 0, sizeof w);
	w.tl = r->tl;
	w.last = timeline_count(r->tl);
	while (w.first < w.last &&
	    timeline_get(r->tl, w.first)->t_ns + r->start_ns < r->step_t_ns)
		w.first++;
	w.conns = runner_world_conns;
	w.arg = r;
	if (capture_drops(r->capture) > r->drops) {
		runner_check(r, xstrdup("the capture kept every segment"), 0,
		    xasprintf("%u frames lost: the kernel's capture ring was "
		    "full", capture_drops(r->capture) - r->drops));
		r->drops = capture_drops(r->capture);
	}
	if (!r->free_play) {
		st = r->step >= 0 ? &r->lesson->steps[r->step] : NULL;
		expects = st != NULL ? st->expects : r->lesson->setup_expects;
		nexpects = st != NULL ? st->nexpects :
		    r->lesson->nsetup_expects;
		for (i = 0; i < nexpects; i++) {
			ok = expect_judge(r->lesson, &expects[i], &w,
			    &observed);
			runner_check(r, expect_describe(r->lesson,
			    &expects[i]), ok, observed);
		}
		if (st != NULL && st->ask != NULL)
			runner_judge_prediction(r, st->ask, &w);
		if (st != NULL)
			runner_say(r, &st->after);
	}
	r->view->step_done(r->free_play ? RUNNER_FREE_PLAY : r->step,
	    r->step_failures, r->arg);
}

/* The settle timer fired: finish, unless the wire still owes the kernel. */
static void
runner_settle_timeout(void *arg)
{
	struct runner	*r = arg;
	struct conn	*c;
	size_t		 i;
	int		 side;

	/* The learner is stepping the wire: the step goes on until every
	 * segment only the learner holds has been delivered or dropped. The
	 * wire event of each release re-arms this timer (runner_not_quiet);
	 * the wait for the kernel then starts afresh (0: not begun). */
	if (runner_wire_learner_held(r) > 0) {
		r->settle_began_ms = 0;
		return;
	}
	if (r->settle_began_ms == 0)
		r->settle_began_ms = loop_now_ms();
	if (loop_now_ms() - r->settle_began_ms < RUNNER_SETTLE_MAX_MS) {
		for (i = 0; i < conns_count(r->conns); i++) {
			c = conns_get(r->conns, i);
			for (side = 0; side < 2; side++) {
				if (!runner_watched(c, side) ||
				    !conn_unreconciled(c, side))
					continue;
				loop_timer_arm(r->loop, &r->settle_timer,
				    RUNNER_SETTLE_RETRY_MS);
				return;
			}
		}
	}
	runner_finish_step(r);
}

/* Record a call made on an endpoint's behalf by finwave itself. */
static void
runner_own_call(struct runner *r, int actor, enum call_name name, int ret,
    int err, char *text)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_CALL;
	ev.actor = actor;
	ev.u.call.name = name;
	ev.u.call.ret = ret;
	ev.u.call.err = ret == -1 ? err : 0;
	ev.u.call.fd = -1;
	if (ret == -1)
		snprintf(ev.u.call.text, sizeof ev.u.call.text, "%s = -1 %s",
		    text, strerrorname_np(err));
	else
		snprintf(ev.u.call.text, sizeof ev.u.call.text, "%s = %d",
		    text, ret);
	free(text);
	runner_add(r, &ev, loop_realtime_ns());
	runner_activity(r);
}

/* Write one of the lab's sysctls. */
static void
runner_sysctl(struct runner *r, const struct action *a)
{
	const char	*name = lesson_sysctl_name(a->sysctl);
	char		*cause = NULL;
	int		 ret, err;

	ret = lab_sysctl(name, a->value, &cause);
	err = errno;
	free(cause);
	runner_own_call(r, ACTOR_LAB, CALL_SYSCTL, ret, err,
	    xasprintf("sysctl(net.ipv4.%s, \"%s\")", name, a->value));
}

/* Give the lab's loopback routes an rto_min. */
static void
runner_rto_min(struct runner *r, const struct action *a)
{
	char	*cause = NULL;
	int	 ret, err;

	ret = route_set_rto_min((unsigned)a->msec, &cause);
	err = errno;
	free(cause);
	runner_own_call(r, ACTOR_LAB, CALL_ROUTE, ret, err,
	    xasprintf("route(lo, rto_min %d ms)", a->msec));
}

/* SIGKILL an endpoint. */
static void
runner_kill(struct runner *r, const struct action *a)
{
	pid_t	pid = lab_pid(r->lab, a->endpoint);
	int	ret, err;

	ret = lab_kill(r->lab, a->endpoint);
	err = errno;
	runner_own_call(r, a->endpoint, CALL_KILL, ret, err,
	    xasprintf("kill(%d, SIGKILL)", (int)pid));
	/* The next action waits until the process is really gone. */
	if (ret == 0)
		r->waiting = a->endpoint;
}

/* Give an action to its endpoint, and wait for it to be done. */
static void
runner_command(struct runner *r, const struct action *a)
{
	struct runner_endpoint	*e = &r->eps[a->endpoint], *child;
	struct ep_command	 cmd;
	char			*cause = NULL;

	endpoint_command(a, &cmd);
	if (!e->alive || lab_command(r->lab, a->endpoint, &cmd, a->child,
	    &cause) == -1) {
		free(cause);
		runner_check(r, xasprintf("line %d: %s can act", a->line,
		    r->lesson->endpoints[a->endpoint].name), 0,
		    xstrdup("its process has exited"));
		return;
	}
	r->waiting = a->endpoint;
	if (a->kind == ACT_CONNECT) {
		r->connecting = a->endpoint;
		r->connect_port = a->port;
	}
	if (a->kind == ACT_FORK) {
		child = &r->eps[a->child];
		child->alive = 1;
		memcpy(child->listen_port, e->listen_port,
		    sizeof child->listen_port);
		memcpy(child->listen_fd, e->listen_fd, sizeof child->listen_fd);
		child->refs = xreallocarray(NULL, e->nrefs + 1,
		    sizeof *child->refs);
		memcpy(child->refs, e->refs, e->nrefs * sizeof *e->refs);
		child->nrefs = e->nrefs;
	}
}

/* A wire action of the lesson. */
static void
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

/* A lesson wait is over. */
static void
runner_wait_done(void *arg)
{
	runner_next_action(arg);
}

/* Run actions until one must be waited for; then settle. */
static void
runner_next_action(struct runner *r)
{
	const struct action	*a;

	while (r->waiting == -1 && r->next < r->nactions) {
		a = &r->actions[r->next++];
		switch (a->kind) {
		case ACT_SYSCTL:
			runner_sysctl(r, a);
			break;
		case ACT_RTO_MIN:
			runner_rto_min(r, a);
			break;
		case ACT_WAIT:
			loop_timer_arm(r->loop, &r->action_timer,
			    (uint64_t)a->msec);
			return;
		case ACT_KILL:
			runner_kill(r, a);
			break;
		case ACT_WIRE:
			runner_wire_action(r, a);
			break;
		case ACT_LISTEN:
		case ACT_CONNECT:
		case ACT_ACCEPT:
		case ACT_SEND:
		case ACT_RECV:
		case ACT_CLOSE:
		case ACT_SHUTDOWN:
		case ACT_LINGER:
		case ACT_REUSEADDR:
		case ACT_FORK:
		case ACT_EXIT:
		case ACT_SLEEP:
		case ACT_NOFILE:
			runner_command(r, a);
			break;
		}
	}
	if (r->waiting != -1 || r->settling)
		return;
	r->settling = 1;
	r->settle_began_ms = loop_now_ms();
	loop_timer_arm(r->loop, &r->settle_timer, RUNNER_QUIET_MS);
}

/* Begin a list of actions as the given step. */
static void
runner_begin(struct runner *r, int step, const struct action *actions,
    size_t nactions)
{
	r->step = step;
	r->free_play = 0;
	r->step_t_ns = loop_realtime_ns();
	r->step_failures = 0;
	r->actions = actions;
	r->nactions = nactions;
	r->next = 0;
	r->waiting = -1;
	r->connecting = -1;
	r->settling = 0;
}

/* Whether the lab's kernel has every sysctl the lesson requires; *cause
 * names the first it lacks. */
static int
runner_kernel_has(const struct lesson *l, char **cause)
{
	struct utsname	 u;
	const char	*name, *since;
	int		 i;

	for (i = 0; i < SYSCTL_COUNT; i++) {
		name = lesson_sysctl_name((enum sysctl_name)i);
		if ((l->requires & (1U << i)) == 0 || lab_has_sysctl(name))
			continue;
		if (uname(&u) == -1)
			snprintf(u.release, sizeof u.release, "?");
		since = lesson_sysctl_since_release((enum sysctl_name)i);
		*cause = xasprintf("it requires net.ipv4.%s%s%s%s, which this "
		    "kernel (Linux %s) does not have in the lab", name,
		    since != NULL ? " (Linux " : "", since != NULL ? since :
		    "", since != NULL ? " and later)" : "", u.release);
		return (0);
	}
	return (1);
}

/* Build the lab and everything that watches it. */
struct runner *
runner_new(struct loop *loop, const struct lesson *l,
    const struct runner_options *opts, const struct runner_view *view,
    void *arg, int *unsupported, char **cause)
{
	struct runner	*r;

	r = xcalloc(1, sizeof *r);
	r->loop = loop;
	r->lesson = l;
	r->opts = *opts;
	r->view = view;
	r->arg = arg;
	r->step = -1;
	r->waiting = r->connecting = -1;
	r->eps = xcalloc(l->nendpoints, sizeof *r->eps);
	r->conns = conns_new();
	r->plan = wireplan_new();
	r->tl = timeline_new();
	loop_timer_init(&r->action_timer, runner_wait_done, r);
	loop_timer_init(&r->settle_timer, runner_settle_timeout, r);
	loop_timer_init(&r->probe_timer, runner_probe, r);

	if (unsupported != NULL)
		*unsupported = 0;
	if ((r->lab = lab_new(loop, &runner_lab_events, r, cause)) == NULL)
		goto fail;
	if (!runner_kernel_has(l, cause)) {
		if (unsupported != NULL)
			*unsupported = 1;
		goto fail;
	}
	if ((r->capture = capture_open(cause)) == NULL ||
	    (r->probe = probe_open(cause)) == NULL ||
	    (opts->pcap_path != NULL &&
	    (r->pcap = pcapout_open(opts->pcap_path, cause)) == NULL) ||
	    (l->uses_wire && runner_wire_open(r, cause) == -1))
		goto fail;
	r->start_ns = lab_start_ns(r->lab);
	loop_add_fd(loop, capture_fd(r->capture), 0, runner_capture_ready, r);
	return (r);

fail:
	runner_free(r);
	return (NULL);
}

/* Spawn the endpoints that exist from the start, then run the setup. */
void
runner_start(struct runner *r)
{
	char	*cause;
	size_t	 i;

	runner_begin(r, -1, r->lesson->setup, r->lesson->nsetup);
	runner_add_text(r, EV_STEP, ACTOR_LESSON, xstrdup("setup"));
	runner_say(r, &r->lesson->title);
	runner_say(r, &r->lesson->summary);
	for (i = 0; i < r->lesson->nendpoints; i++) {
		if (r->lesson->endpoints[i].by_fork)
			continue;
		if (lab_spawn(r->lab, (int)i, &cause) == -1) {
			if (r->view->failed != NULL)
				r->view->failed(cause, r->arg);
			free(cause);
			return;
		}
		r->eps[i].alive = 1;
	}
	runner_next_action(r);
}

/* Run one step of the lesson. */
void
runner_run_step(struct runner *r, size_t step)
{
	const struct step	*st = &r->lesson->steps[step];
	const char		*title = lesson_text(&st->title, r->opts.lang);

	runner_begin(r, (int)step, st->actions, st->nactions);
	runner_add_text(r, EV_STEP, ACTOR_LESSON, xasprintf("%s (key %c)%s%s",
	    st->name, st->key, *title != '\0' ? ": " : "", title));
	runner_say(r, &st->say);
	runner_next_action(r);
}

/* Run actions the learner chose, outside the lesson's steps. */
void
runner_act(struct runner *r, const struct action *acts, size_t n,
    const char *label)
{
	size_t	i;

	if (n > RUNNER_FREE_ACTIONS)
		n = RUNNER_FREE_ACTIONS;
	runner_begin(r, r->step, r->free_actions, n);
	r->free_play = 1;
	for (i = 0; i < n; i++) {
		r->free_actions[i] = acts[i];
		r->free_actions[i].text = NULL;
	}
	runner_add_text(r, EV_STEP, ACTOR_LESSON, xasprintf("free: %s", label));
	runner_next_action(r);
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

/* The process id of an endpoint, or 0 before it was spawned. */
int
runner_pid(struct runner *r, int ep)
{
	return ((int)lab_pid(r->lab, ep));
}

/* Whether an endpoint's process is running. */
int
runner_alive(struct runner *r, int ep)
{
	return (r->eps[ep].alive);
}

/* Nanoseconds since the lab started, the clock of the timeline. */
uint64_t
runner_now_ns(struct runner *r)
{
	uint64_t	now = loop_realtime_ns();

	return (now > r->start_ns ? now - r->start_ns : 0);
}

/* The timeline. */
const struct timeline *
runner_timeline(struct runner *r)
{
	return (r->tl);
}

/* Failed checks so far. */
int
runner_failures(struct runner *r)
{
	return (r->failures);
}

/* Checks made so far. */
int
runner_checks(struct runner *r)
{
	return (r->checks);
}

/* Finish the pcap file, if any. */
int
runner_save(struct runner *r, char **cause)
{
	int	ret = 0;

	if (r->pcap != NULL)
		ret = pcapout_close(r->pcap, cause);
	r->pcap = NULL;
	return (ret);
}

/* Tear down the lab and free everything. */
void
runner_free(struct runner *r)
{
	char	*cause;
	size_t	 i;

	loop_timer_disarm(r->loop, &r->action_timer);
	loop_timer_disarm(r->loop, &r->settle_timer);
	loop_timer_disarm(r->loop, &r->probe_timer);
	if (r->capture != NULL) {
		loop_remove_fd(r->loop, capture_fd(r->capture));
		capture_free(r->capture);
	}
	if (r->wire != NULL)
		wire_free(r->wire);
	if (r->lab != NULL)
		lab_free(r->lab);
	if (r->probe != NULL)
		probe_free(r->probe);
	if (r->pcap != NULL && pcapout_close(r->pcap, &cause) == -1)
		free(cause);
	for (i = 0; i < r->lesson->nendpoints; i++)
		free(r->eps[i].refs);
	free(r->eps);
	conns_free(r->conns);
	wireplan_free(r->plan);
	timeline_free(r->tl);
	free(r);
}
