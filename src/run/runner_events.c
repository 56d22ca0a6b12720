/*
 * runner_events.c: what the lab reports becomes events in the timeline:
 * the segments pcap captured (with their connection, parties and relative
 * numbers), the calls the endpoints made (and the sockets they now hold),
 * and the processes that exited. It also answers the expectations'
 * question of which connections an endpoint holds.
 */
#include <errno.h>
#include <string.h>

#include "run/runner_parts.h"

/* Find who owns a side that has no owner yet: the first endpoint listening
 * on its port (a forked heir comes later), or the endpoint whose connect()
 * is under way towards the other side. accept() settles it for good. */
void
runner_attribute(struct runner *r, struct conn *c)
{
	size_t	i;
	int	s;

	for (s = 0; s < 2; s++) {
		for (i = 0; i < r->lesson->nendpoints &&
		    c->side[s].owner == -1; i++) {
			if (ledger_listens_on(&r->eps[i].holds,
			    c->side[s].port))
				c->side[s].owner = (int)i;
		}
		if (c->side[s].owner == -1 && r->connecting != -1 &&
		    c->side[!s].port == r->connect_port) {
			c->side[s].owner = r->connecting;
			r->connect_conn = c->number;
			r->connect_side = s;
		}
	}
}

/* A segment's parties, connection, relative numbers and window. */
void
runner_fill_seg(const struct conn *c, int side, const struct segment *seg,
    struct ev_seg *out)
{
	out->seg = *seg;
	out->sender = c->side[side].owner;
	out->receiver = c->side[!side].owner;
	out->conn = c->number;
	conn_relative(c, side, seg, &out->rseq, &out->rack);
	out->window = conn_window(c, side, seg, &out->wshift);
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
	/* The event about to be added is numbered by its arrival. */
	framelog_add(&r->frames, timeline_count(r->tl), seg->t_ns, frame,
	    caplen, seg->wirelen);
	runner_add(r, &ev, seg->t_ns);
	if (seg->len > 0 || (seg->flags & (TF_SYN | TF_FIN)))
		r->last_ackable_ns = seg->t_ns;
	runner_activity(r);
}

/* Take in every segment captured so far, so that events stay in order. */
void
runner_drain_capture(struct runner *r)
{
	if (capture_read(r->capture, runner_segment, r) == -1 &&
	    r->view->failed != NULL)
		r->view->failed("the capture on lo failed", r->arg);
}

/* The capture descriptor is readable. */
void
runner_capture_ready(int fd, short revents, void *arg)
{
	(void)fd;
	(void)revents;
	runner_drain_capture(arg);
}

/* The endpoint now holds side of connection c through fd. */
static void
runner_hold(struct runner *r, int ep, struct conn *c, int side, int fd)
{
	c->side[side].owner = ep;
	ledger_hold(&r->eps[ep].holds, c->number, side, fd);
	if (!c->side[side].kernel_seen)
		runner_probe_side(r, c, side);
}

/*
 * A connect() that returned without a peer (refused, timed out, or still
 * under way): the connection its SYN began is the endpoint's all the
 * same, held through the socket until it is closed. One that failed is
 * the kernel's word that it had the socket and has ended it, so the
 * probe records what the segments proved (SYN_SENT), then CLOSED.
 */
static void
runner_hold_connect(struct runner *r, int ep, const struct call *call)
{
	struct conn	*c = conns_get(r->conns, (size_t)r->connect_conn - 1);

	if (call->ret == -1 && call->err != EINPROGRESS)
		conn_kernel_had(c, r->connect_side);
	runner_hold(r, ep, c, r->connect_side, call->fd);
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
		if (c != NULL)
			runner_hold(r, ep, c, side, call->name == CALL_ACCEPT ?
			    (int)call->ret : call->fd);
	} else if (call->name == CALL_CONNECT && r->connect_conn != 0)
		runner_hold_connect(r, ep, call);
	if (call->name == CALL_CONNECT)
		r->connect_conn = 0;
	ledger_call(&r->eps[ep].holds, call);
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

	r->eps[ep].alive = 0;
	ledger_exit(&r->eps[ep].holds);
	memset(&ev, 0, sizeof ev);
	ev.kind = EV_EXIT;
	ev.actor = ep;
	ev.u.exit.status = status;
	runner_add(r, &ev, loop_realtime_ns());
	runner_activity(r);
	runner_on_done(ep, r);
}

const struct lab_events runner_lab_events = {
	runner_on_call,
	runner_on_done,
	runner_on_exit
};

/* Describe one side of a connection for expectations; open: its
 * endpoint holds it open. */
void
runner_expect_side(const struct conn *c, int side, int open,
    struct expect_conn *out)
{
	const struct conn_side	*x = &c->side[side];

	memset(out, 0, sizeof *out);
	out->conn = c->number;
	out->owner = x->owner;
	out->state = x->state;
	out->src = x->src;
	out->timer = x->timer;
	out->expires_ms = x->expires_ms;
	out->armed_ms = x->armed_ms;
	out->open = open;
	out->info = x->info;
	out->rqueue = x->rqueue;
	out->wqueue = x->wqueue;
}

/* Describe one held connection for expectations. */
static void
runner_expect_conn(struct runner *r, const struct ledger_ref *ref,
    struct expect_conn *out)
{
	runner_expect_side(conns_get(r->conns, (size_t)ref->conn - 1),
	    ref->side, ref->open, out);
}

/*
 * Fill the connections an endpoint holds, for expectations, after those
 * waiting in its listeners' accept queues (queued). The one put last, "the
 * latest", is the newest held still open, as for the endpoint's own
 * actions; when all are closed, the newest.
 */
size_t
runner_world_conns(void *arg, int ep, struct expect_conn *out, size_t max)
{
	struct runner		*r = arg;
	const struct ledger	*g = &r->eps[ep].holds;
	size_t			 i, n, latest;

	if (max == 0)
		return (0);
	n = runner_listen_queued(r, ep, out, g->nrefs == 0 ? max : max - 1);
	if (g->nrefs == 0)
		return (n);
	latest = (size_t)ledger_latest(g);
	for (i = 0; i < g->nrefs && n + 1 < max; i++) {
		if (i != latest)
			runner_expect_conn(r, &g->refs[i], &out[n++]);
	}
	runner_expect_conn(r, &g->refs[latest], &out[n++]);
	return (n);
}
