/*
 * expect.c: judging a lesson's expectations. A state is judged as it stands
 * when the step has settled; "saw", segments and calls are judged on the
 * events the step produced. A failure always says what happened instead,
 * in the words of the transcript.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "model/expect.h"

/* Connections or states an observation lists one by one; past it, counts. */
#define EXPECT_LIST_MAX	12

_Static_assert(LESSON_LAB == ACTOR_LAB, "the lab is one actor");

/* Append to a growing string. */
static char *
expect_append(char *s, const char *more)
{
	char	*out;

	out = xasprintf("%s%s", s == NULL ? "" : s, more);
	free(s);
	return (out);
}

/* The name of an expectation's endpoint ("lab" for the lab's calls). */
static const char *
expect_who(const struct lesson *l, int endpoint)
{
	if (endpoint == LESSON_LAB)
		return ("lab");
	return (endpoint >= 0 ? l->endpoints[endpoint].name : "?");
}

/* The name of a segment's party: its endpoint's, or ":PORT" (in buf)
 * for a side no endpoint owns, as the transcript shows it. */
static const char *
expect_party(const struct lesson *l, int endpoint, int port, char *buf,
    size_t len)
{
	if (endpoint != LESSON_PORT)
		return (expect_who(l, endpoint));
	snprintf(buf, len, ":%d", port);
	return (buf);
}

/* " WORD MIN..MAX" ("WORD N" when MIN is MAX and short is set), or ""
 * when MIN is -1: as the lesson would write it. */
static void
expect_range(char *buf, size_t len, const char *word, int min, int max,
    int short_form)
{
	if (min == -1)
		buf[0] = '\0';
	else if (min == max && short_form)
		snprintf(buf, len, " %s %d", word, min);
	else
		snprintf(buf, len, " %s %d..%d", word, min, max);
}

/* Describe a "queued" expectation: "server queued 3 port 9000". */
static char *
expect_describe_queued(const struct lesson *l, const struct expect *e)
{
	char	count[32], port[16];

	expect_range(count, sizeof count, "queued", e->count_min,
	    e->count_max, 1);
	port[0] = '\0';
	if (e->port != 0)
		snprintf(port, sizeof port, " port %d", e->port);
	return (xasprintf("%s%s%s%s", e->negate ? "no " : "",
	    expect_who(l, e->endpoint), count, port));
}

/* Describe an expectation. */
char *
expect_describe(const struct lesson *l, const struct expect *e)
{
	const char	*who = expect_who(l, e->endpoint);
	char		 flags[8], timer[32], count[32], err[32], took[32];
	char		 from[8], to[8], range[96];

	switch (e->kind) {
	case EXPECT_STATE:
	case EXPECT_SAW:
		expect_range(timer, sizeof timer, "armed", e->armed_min,
		    e->armed_max, 0);
		expect_range(count, sizeof count, "count", e->count_min,
		    e->count_max, 1);
		return (xasprintf("%s%s %s %s%s%s%s%s", e->negate ? "no " : "",
		    who, e->kind == EXPECT_STATE ? "state" : "saw",
		    tcpstate_name(e->state), e->all ? " all" : "", count,
		    timer, e->restart ? " restart" : ""));
	case EXPECT_SEG:
	case EXPECT_WIRE:
		timer[0] = '\0';
		if (e->min_count > 1)
			snprintf(timer, sizeof timer, " x%d", e->min_count);
		return (xasprintf("%s%s%s %s>%s %s%s", e->negate ? "no " : "",
		    e->kind == EXPECT_SEG ? "seg" : "wire ",
		    e->kind == EXPECT_SEG ? "" : lesson_wire_op_name(e->wire_op),
		    expect_party(l, e->endpoint, e->port, from, sizeof from),
		    expect_party(l, e->peer, e->peer_port, to, sizeof to),
		    tcpstate_flags((uint8_t)e->flags, flags), timer));
	case EXPECT_READING:
		expect_range(range, sizeof range, lesson_reading_name(e->reading),
		    e->value_min, e->value_max, e->reading != READING_RTO);
		return (xasprintf("%s%s%s", e->negate ? "no " : "", who, range));
	case EXPECT_COUNTER:
		expect_range(range, sizeof range, e->counter, e->value_min,
		    e->value_max, 1);
		return (xasprintf("%slab counter%s", e->negate ? "no " : "",
		    range));
	case EXPECT_HOLDS:
		expect_range(count, sizeof count, "holds", e->count_min,
		    e->count_max, 1);
		return (xasprintf("%s%s%s", e->negate ? "no " : "", who, count));
	case EXPECT_CALL:
		err[0] = '\0';
		if (e->err != 0)
			snprintf(err, sizeof err, " %s",
			    strerrorname_np(e->err));
		expect_range(took, sizeof took, "took", e->took_min,
		    e->took_max, 0);
		return (xasprintf("%s call %s %s %ld%s%s%s", who, call_word(e->call),
		    e->op == CALL_OP_EQ ? "=" : ">", e->ret, err,
		    e->sigpipe ? " sigpipe" : "", took));
	case EXPECT_QUEUED:
		return (expect_describe_queued(l, e));
	}
	return (xstrdup("?"));
}

/* Whether one connection side matches a state expectation. */
static int
expect_state_matches(const struct expect *e, const struct expect_conn *c)
{
	unsigned	lo, hi;

	if (c->state != e->state)
		return (0);
	if (e->armed_min == -1)
		return (1);
	lo = (unsigned)e->armed_min * 1000;
	hi = (unsigned)e->armed_max * 1000;
	return (c->timer != TCP_TIMER_NONE && c->armed_ms >= lo &&
	    c->armed_ms <= hi);
}

/* Say what state each connection is in ("FIN_WAIT_2 (kernel)"). */
static char *
expect_observed_states(const struct expect_conn *cs, size_t n)
{
	char	*out = NULL, buf[96];
	size_t	 i;

	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof buf, "%s%s (src=%s", i == 0 ? "" : ", ",
		    tcpstate_name(cs[i].state),
		    cs[i].src == SRC_KERNEL ? "kernel" : "wire");
		out = expect_append(out, buf);
		if (cs[i].timer != TCP_TIMER_NONE) {
			snprintf(buf, sizeof buf, ", %s timer armed %u ms, "
			    "%u ms left", tcpstate_timer_name(cs[i].timer),
			    cs[i].armed_ms, cs[i].expires_ms);
			out = expect_append(out, buf);
		}
		out = expect_append(out, ")");
	}
	return (out);
}

/* Say how many connections are in each state ("3 TIME_WAIT, 2 CLOSED"). */
static char *
expect_count_states(const struct expect_conn *cs, size_t n)
{
	size_t	 counts[TS_COUNT] = { 0 }, i;
	char	*out = NULL, buf[64];

	if (n == 0)
		return (xstrdup("no connection"));
	for (i = 0; i < n; i++)
		counts[cs[i].state]++;
	for (i = 0; i < TS_COUNT; i++) {
		if (counts[i] == 0)
			continue;
		snprintf(buf, sizeof buf, "%s%zu %s", out ? ", " : "",
		    counts[i], tcpstate_name((enum tcp_state)i));
		out = expect_append(out, buf);
	}
	snprintf(buf, sizeof buf, " (%zu connections)", n);
	return (expect_append(out, buf));
}

/* Judge the state the endpoint's connection(s) are in now. */
static int
expect_judge_state(const struct expect *e, const struct expect_conn *cs,
    size_t n, char **observed)
{
	size_t	 i, first = e->all || e->count_min != -1 ? 0 : n - 1;
	size_t	 matched = 0;
	char	*text;
	int	 ok;

	for (i = first; i < n; i++)
		matched += expect_state_matches(e, &cs[i]);
	if (e->count_min != -1)
		ok = matched >= (size_t)e->count_min &&
		    matched <= (size_t)e->count_max;
	else
		ok = e->negate ? matched == 0 : matched == n - first;
	if (e->count_min != -1 && e->negate)
		ok = !ok;
	if (ok)
		return (1);
	if (e->count_min != -1) {
		*observed = expect_count_states(cs, n);
		if (e->armed_min != -1) {
			text = *observed;
			*observed = xasprintf("%zu with that timer armed; %s",
			    matched, text);
			free(text);
		}
	} else if (n - first > EXPECT_LIST_MAX)
		*observed = expect_count_states(cs + first, n - first);
	else
		*observed = expect_observed_states(cs + first, n - first);
	return (0);
}

/* Order connections by number, then owner, for expect_event_is_ours. */
static int
expect_conn_cmp(const void *a, const void *b)
{
	const struct expect_conn	*x = a, *y = b;

	if (x->conn != y->conn)
		return (x->conn < y->conn ? -1 : 1);
	return (x->owner < y->owner ? -1 : x->owner > y->owner);
}

/* Whether a state event belongs to one of the connections, sorted by
 * expect_conn_cmp. */
static int
expect_event_is_ours(const struct event *ev, const struct expect_conn *sorted,
    size_t n)
{
	struct expect_conn	key;

	memset(&key, 0, sizeof key);
	key.conn = ev->u.state.conn;
	key.owner = ev->actor;
	return (bsearch(&key, sorted, n, sizeof *sorted,
	    expect_conn_cmp) != NULL);
}

/* Judge whether a state appeared during the step. */
static int
expect_judge_saw(const struct expect *e, const struct expect_world *w,
    const struct expect_conn *cs, size_t n, char **observed)
{
	const struct event	*ev;
	struct expect_conn	*sorted;
	char			*seen = NULL, buf[64];
	size_t			 i, first = e->all ? 0 : n - 1, listed = 0;
	int			 found = 0;

	sorted = xreallocarray(NULL, n - first, sizeof *sorted);
	memcpy(sorted, cs + first, (n - first) * sizeof *sorted);
	qsort(sorted, n - first, sizeof *sorted, expect_conn_cmp);
	for (i = w->first; i < w->last; i++) {
		ev = timeline_get(w->tl, i);
		if (ev->kind != EV_STATE || ev->u.state.queues_only ||
		    !expect_event_is_ours(ev, sorted, n - first))
			continue;
		if (ev->u.state.state == e->state &&
		    (!e->restart || ev->u.state.restarted))
			found = 1;
		if (listed++ >= EXPECT_LIST_MAX)
			continue;
		snprintf(buf, sizeof buf, "%s%s (src=%s)%s", seen ? ", " : "",
		    tcpstate_name(ev->u.state.state),
		    ev->u.state.src == SRC_KERNEL ? "kernel" : "wire",
		    ev->u.state.restarted ? " restarted" : "");
		seen = expect_append(seen, buf);
	}
	free(sorted);
	if (listed > EXPECT_LIST_MAX) {
		snprintf(buf, sizeof buf, " and %zu more",
		    listed - EXPECT_LIST_MAX);
		seen = expect_append(seen, buf);
	}
	if (found != e->negate) {
		free(seen);
		return (1);
	}
	*observed = seen != NULL ? expect_append(xstrdup("went through "),
	    seen) : xstrdup("no state change");
	free(seen);
	return (0);
}

/* Whether a segment's sender or receiver (owner, port) is the party an
 * expectation names: an endpoint, or a port no endpoint owns. */
static int
expect_party_is(int endpoint, int port, int owner, unsigned seg_port)
{
	if (endpoint == LESSON_PORT)
		return (owner == -1 && seg_port == (unsigned)port);
	return (owner == endpoint);
}

/* The segment an event carries, when it is what a seg or wire
 * expectation counts: a captured segment, or the wire's act. */
static const struct ev_seg *
expect_event_seg(const struct expect *e, const struct event *ev)
{
	if (e->kind == EXPECT_SEG && ev->kind == EV_SEG)
		return (&ev->u.seg);
	if (e->kind == EXPECT_WIRE && ev->kind == EV_WIRE &&
	    ev->u.wire.op == e->wire_op)
		return (&ev->u.wire.seg);
	return (NULL);
}

/* Judge segments from endpoint to peer carrying the flags: as captured,
 * or as held, delivered or dropped by the wire. */
static int
expect_judge_seg(const struct expect *e, const struct expect_world *w,
    char **observed)
{
	const struct event	*ev;
	const struct ev_seg	*seg;
	char			*sent = NULL, flags[8];
	size_t			 i;
	int			 count = 0;

	for (i = w->first; i < w->last; i++) {
		ev = timeline_get(w->tl, i);
		seg = expect_event_seg(e, ev);
		if (seg == NULL || !expect_party_is(e->endpoint, e->port,
		    seg->sender, seg->seg.sport) || !expect_party_is(e->peer,
		    e->peer_port, seg->receiver, seg->seg.dport))
			continue;
		if ((seg->seg.flags & e->flags) == e->flags)
			count++;
		sent = expect_append(sent, sent ? ", " : "");
		sent = expect_append(sent, tcpstate_flags(seg->seg.flags,
		    flags));
	}
	/* "no seg ... xN": fewer than N (none, without xN). */
	if (e->negate ? count < e->min_count : count >= e->min_count) {
		free(sent);
		return (1);
	}
	if (e->kind == EXPECT_WIRE)
		*observed = sent != NULL ? xasprintf("the wire's %s: %s",
		    lesson_wire_op_name(e->wire_op), sent) :
		    xasprintf("the wire did not %s a segment in that direction",
		    lesson_wire_op_name(e->wire_op));
	else
		*observed = sent != NULL ? xasprintf("segments sent: %s",
		    sent) : xstrdup("no segment in that direction");
	free(sent);
	return (0);
}

/* Judge the endpoint's last call of that name in the step. */
static int
expect_judge_call(const struct lesson *l, const struct expect *e,
    const struct expect_world *w, char **observed)
{
	const struct event	*ev, *last = NULL;
	uint64_t		 took_ms;
	size_t			 i;
	int			 ok;

	for (i = w->first; i < w->last; i++) {
		ev = timeline_get(w->tl, i);
		if (ev->kind == EV_CALL && ev->actor == e->endpoint &&
		    ev->u.call.name == e->call)
			last = ev;
	}
	if (last == NULL) {
		*observed = xasprintf("%s made no %s() call",
		    expect_who(l, e->endpoint), call_word(e->call));
		return (0);
	}
	if (e->op == CALL_OP_EQ)
		ok = last->u.call.ret == e->ret && last->u.call.err == e->err;
	else
		ok = last->u.call.ret > e->ret;
	if (e->sigpipe && !last->u.call.sigpipe)
		ok = 0;
	took_ms = last->u.call.took_ns / 1000000;
	if (e->took_min != -1 && (took_ms < (uint64_t)e->took_min ||
	    took_ms > (uint64_t)e->took_max))
		ok = 0;
	if (!ok && e->took_min != -1 &&
	    last->u.call.took_ns < CALL_BLOCKED_NS)
		*observed = xasprintf("%s (it took %" PRIu64 " ms)",
		    last->u.call.text, took_ms);
	else if (!ok)
		*observed = xstrdup(last->u.call.text);
	return (ok);
}

/* Judge how many connection descriptors the endpoint holds open. */
static int
expect_judge_holds(const struct lesson *l, const struct expect *e,
    const struct expect_conn *cs, size_t n, char **observed)
{
	size_t	i, open = 0;
	int	ok;

	for (i = 0; i < n; i++)
		open += cs[i].open != 0;
	ok = open >= (size_t)e->count_min && open <= (size_t)e->count_max;
	if (ok != e->negate)
		return (1);
	*observed = xasprintf("%s holds %zu of its %zu connections open",
	    expect_who(l, e->endpoint), open, n);
	return (0);
}

/* Judge how many connections wait in the accept queue of the endpoint's
 * latest listener (or of the port's), as the latest reading of that
 * listener has it: its Recv-Q; none once the kernel closed it. */
static int
expect_judge_queued(const struct lesson *l, const struct expect *e,
    const struct expect_world *w, char **observed)
{
	const struct event	*ev = NULL;
	size_t			 i;
	unsigned		 queued;
	int			 port = e->port, ok;

	if (port == 0 && (port = w->listen_port(w->arg, e->endpoint)) == 0) {
		*observed = xasprintf("%s has no listener open",
		    expect_who(l, e->endpoint));
		return (0);
	}
	for (i = w->last; i-- > 0;) {
		ev = timeline_get(w->tl, i);
		if (ev->kind == EV_STATE && ev->u.state.conn == 0 &&
		    ev->u.state.port == port)
			break;
		ev = NULL;
	}
	if (ev == NULL) {
		*observed = xasprintf("the kernel never showed a listener on "
		    ":%d", port);
		return (0);
	}
	queued = ev->u.state.state == TS_LISTEN ? ev->u.state.rqueue : 0;
	ok = queued >= (unsigned)e->count_min &&
	    queued <= (unsigned)e->count_max;
	if (ok != e->negate)
		return (1);
	if (ev->u.state.state == TS_LISTEN)
		*observed = xasprintf("the listener on :%d has %u in its accept "
		    "queue, limit %u", port, queued, ev->u.state.wqueue);
	else
		*observed = xasprintf("the listener on :%d is %s", port,
		    tcpstate_name(ev->u.state.state));
	return (0);
}

/* Keep only the connections the endpoint holds (or held), dropping those
 * still waiting in an accept queue; returns how many are left. */
static size_t
expect_held(struct expect_conn *cs, size_t n)
{
	size_t	i, kept = 0;

	for (i = 0; i < n; i++) {
		if (!cs[i].queued)
			cs[kept++] = cs[i];
	}
	return (kept);
}

/* A reading's value in one kernel report, into *value; 0 when the report
 * has none (tcp_info, which a timewait mini-socket lacks). */
static int
expect_reading_value(enum expect_reading reading,
    const struct sock_tcpinfo *info, uint32_t rqueue, uint32_t wqueue,
    long long *value)
{
	switch (reading) {
	case READING_RECV_Q:
		*value = rqueue;
		return (1);
	case READING_SEND_Q:
		*value = wqueue;
		return (1);
	case READING_RTO:
		*value = info->rto_us / 1000;
		break;
	case READING_RETRANSMITS:
		*value = info->retransmits;
		break;
	case READING_BACKOFF:
		*value = info->backoff;
		break;
	}
	return (info->known);
}

/*
 * Judge a kernel reading of the latest connection. The queues are as the
 * kernel last read them once the step settled; tcp_info's RTO,
 * retransmissions and backoff are the highest it read during the step,
 * which the reader's pace cannot change (an acknowledgment sets them back
 * to 0 at a moment the step does not choose). What was read is said
 * whether or not it held, so the transcript shows the figure.
 */
static int
expect_judge_reading(const struct expect *e, const struct expect_world *w,
    const struct expect_conn *latest, char **observed)
{
	const struct event	*ev;
	const char		*name = lesson_reading_name(e->reading);
	long long		 value = 0, best = 0;
	size_t			 i;
	int			 known, queue, ok;

	queue = e->reading == READING_RECV_Q || e->reading == READING_SEND_Q;
	known = expect_reading_value(e->reading, &latest->info,
	    latest->rqueue, latest->wqueue, &best);
	for (i = w->first; i < w->last && !queue; i++) {
		ev = timeline_get(w->tl, i);
		if (ev->kind != EV_STATE || ev->actor != latest->owner ||
		    ev->u.state.conn != latest->conn ||
		    !expect_reading_value(e->reading, &ev->u.state.info, 0, 0,
		    &value))
			continue;
		if (!known || value > best)
			best = value;
		known = 1;
	}
	if (!known) {
		*observed = xasprintf("the kernel gave no tcp_info of conn %d "
		    "in the step (only a socket the probe read has one, and "
		    "not a TIME_WAIT or FIN_WAIT_2 timewait socket)",
		    latest->conn);
		return (0);
	}
	ok = best >= e->value_min && best <= e->value_max;
	*observed = xasprintf("%s %lld%s (conn %d, %s)", name, best,
	    e->reading == READING_RTO ? " ms" : "", latest->conn, queue ?
	    "the latest reading" : "the highest reading in the step");
	return (ok != e->negate);
}

/* Judge how much a TCP counter of the lab rose during the step; the
 * observation gives its rise and every other counter that changed. */
static int
expect_judge_counter(const struct expect *e, const struct expect_world *w,
    char **observed)
{
	const struct expect_counter	*c = NULL;
	char				*others = NULL, buf[96];
	size_t				 i;
	int				 ok;

	if (w->counters_failed != NULL) {
		*observed = xasprintf("the lab's counters could not be read: "
		    "%s", w->counters_failed);
		return (0);
	}
	for (i = 0; i < w->ncounters; i++) {
		if (strcmp(w->counters[i].name, e->counter) == 0)
			c = &w->counters[i];
		else if (w->counters[i].rose != 0) {
			snprintf(buf, sizeof buf, "%s%s %+lld", others ? ", " :
			    "", w->counters[i].name, w->counters[i].rose);
			others = expect_append(others, buf);
		}
	}
	if (c == NULL) {
		free(others);
		*observed = xasprintf("the kernel has no counter %s (in TcpExt "
		    "of /proc/net/netstat or Tcp of /proc/net/snmp)",
		    e->counter);
		return (0);
	}
	ok = c->rose >= e->value_min && c->rose <= e->value_max;
	*observed = xasprintf("%s %+lld; the others that changed: %s",
	    c->name, c->rose, others != NULL ? others : "none");
	free(others);
	return (ok != e->negate);
}

/* Judge one expectation. */
int
expect_judge(const struct lesson *l, const struct expect *e,
    const struct expect_world *w, char **observed)
{
	static struct expect_conn	cs[EXPECT_COUNT_MAX];
	size_t				n;

	*observed = NULL;
	switch (e->kind) {
	case EXPECT_SEG:
	case EXPECT_WIRE:
		return (expect_judge_seg(e, w, observed));
	case EXPECT_CALL:
		return (expect_judge_call(l, e, w, observed));
	case EXPECT_QUEUED:
		return (expect_judge_queued(l, e, w, observed));
	case EXPECT_COUNTER:
		return (expect_judge_counter(e, w, observed));
	case EXPECT_HOLDS:
	case EXPECT_STATE:
	case EXPECT_SAW:
	case EXPECT_READING:
		break;
	}
	n = w->conns(w->arg, e->endpoint, cs, EXPECT_COUNT_MAX);
	if (e->kind != EXPECT_STATE || e->count_min == -1)
		n = expect_held(cs, n);
	if (e->kind == EXPECT_HOLDS)
		return (expect_judge_holds(l, e, cs, n, observed));
	/* An endpoint that never had a connection has none in any state,
	 * saw none and has no readings: "no ..." holds, the rest fail. */
	if (n == 0 && e->count_min == -1) {
		if (!e->negate)
			*observed = xasprintf("%s holds no connection",
			    l->endpoints[e->endpoint].name);
		return (e->negate);
	}
	if (e->kind == EXPECT_READING)
		return (expect_judge_reading(e, w, &cs[n - 1], observed));
	if (e->kind == EXPECT_STATE)
		return (expect_judge_state(e, cs, n, observed));
	return (expect_judge_saw(e, w, cs, n, observed));
}
