/*
 * transcript.c: events as text lines. The same words serve `finwave play`,
 * the failure messages of `finwave check`, and the TUI's event log.
 */
#include <sys/wait.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "base/textw.h"
#include "base/xmalloc.h"
#include "run/transcript.h"

/* Name an actor. */
const char *
transcript_actor(const struct lesson *l, int actor)
{
	switch (actor) {
	case ACTOR_WIRE:
		return ("wire");
	case ACTOR_CHECK:
		return ("check");
	case ACTOR_LESSON:
		return ("lesson");
	case ACTOR_LAB:
		return ("lab");
	}
	if (actor >= 0 && (size_t)actor < l->nendpoints)
		return (l->endpoints[actor].name);
	return ("?");
}

/* The name of a connection side's owner, or its port when it has none. */
static char *
transcript_party(const struct lesson *l, int ep, unsigned port)
{
	if (ep >= 0)
		return (xstrdup(transcript_actor(l, ep)));
	return (xasprintf(":%u", port));
}

/* " conn=N" for every connection but the first. */
static const char *
transcript_conn(int conn, char *buf, size_t len)
{
	buf[0] = '\0';
	if (conn > 1)
		snprintf(buf, len, " conn=%d", conn);
	return (buf);
}

/* "client>server F. seq=1 ack=1 len=0 win=65536 tsval=7 tsecr=5": win in
 * bytes, as the receiver scales the field; the timestamps when it has
 * them. */
static char *
transcript_seg(const struct lesson *l, const struct ev_seg *s)
{
	char	 flags[8], ts[40], conn[24], *from, *to, *out;

	from = transcript_party(l, s->sender, s->seg.sport);
	to = transcript_party(l, s->receiver, s->seg.dport);
	ts[0] = '\0';
	if (s->seg.has_ts)
		snprintf(ts, sizeof ts, " tsval=%u tsecr=%u", s->seg.tsval,
		    s->seg.tsecr);
	out = xasprintf("%s>%s %s seq=%d ack=%d len=%u win=%u%s%s", from, to,
	    tcpstate_flags(s->seg.flags, flags), s->rseq, s->rack, s->seg.len,
	    s->window, ts, transcript_conn(s->conn, conn, sizeof conn));
	free(from);
	free(to);
	return (out);
}

/* " held-by=server,child" when more than one process holds the socket
 * or its holders changed ("held-by=none": no process), else "". */
static void
transcript_holders(const struct lesson *l, const struct ev_state *s,
    char *buf, size_t len)
{
	size_t	i, off;

	buf[0] = '\0';
	if (!s->reheld && (s->holders & (s->holders - 1)) == 0)
		return;
	off = (size_t)snprintf(buf, len, " held-by=%s", s->holders == 0 ?
	    "none" : "");
	for (i = 0; i < l->nendpoints && off < len; i++)
		if (s->holders & (1U << i))
			off += (size_t)snprintf(buf + off, len - off, "%s%s",
			    buf[off - 1] == '=' ? "" : ",", l->endpoints[i].name);
}

/* A listener's: "listener :9000 LISTEN src=kernel accept-queue 13/16",
 * without the source for new queues only, and "listener :9000 CLOSED
 * src=kernel" once the kernel no longer has it. */
static char *
transcript_listener(const struct ev_state *s)
{
	char	queue[48];

	queue[0] = '\0';
	if (s->state == TS_LISTEN)
		snprintf(queue, sizeof queue, " accept-queue %u/%u", s->rqueue,
		    s->wqueue);
	return (xasprintf("listener :%u %s%s%s", s->port,
	    tcpstate_name(s->state), s->queues_only ? "" : " src=kernel",
	    queue));
}

/* "FIN_WAIT_2 src=kernel timer=timewait expires=59958". */
static char *
transcript_state(const struct lesson *l, const struct ev_state *s)
{
	char	timer[128], queues[48], conn[24], restart[40], held[600];

	if (s->conn == 0 && s->port != 0)
		return (transcript_listener(s));
	timer[0] = queues[0] = '\0';
	if (s->timer != TCP_TIMER_NONE && s->src == SRC_KERNEL)
		snprintf(timer, sizeof timer, " timer=%s expires=%u",
		    tcpstate_timer_name(s->timer), s->expires_ms);
	/* A segment outstanding: tcp_info's RTO and retransmissions. */
	if (s->info.known && s->src == SRC_KERNEL &&
	    (s->timer == TCP_TIMER_RETRANSMIT || s->timer == TCP_TIMER_PROBE))
		snprintf(timer + strlen(timer), sizeof timer - strlen(timer),
		    " rto=%u backoff=%u retransmits=%u", s->info.rto_us / 1000,
		    s->info.backoff, s->info.retransmits);
	if (s->queues_only || s->rqueue != 0 || s->wqueue != 0)
		snprintf(queues, sizeof queues, " recv-q=%u send-q=%u",
		    s->rqueue, s->wqueue);
	if (s->retimed && s->timer == TCP_TIMER_NONE)
		snprintf(timer, sizeof timer, " timer=none");
	transcript_holders(l, s, held, sizeof held);
	if (s->queues_only)
		return (xasprintf("%s%s%s%s%s", tcpstate_name(s->state),
		    s->retimed ? timer : "", queues, held,
		    transcript_conn(s->conn, conn, sizeof conn)));
	restart[0] = '\0';
	if (s->restarted)
		snprintf(restart, sizeof restart, " restarted was=%u",
		    s->was_ms);
	return (xasprintf("%s src=%s%s%s%s%s%s", tcpstate_name(s->state),
	    s->src == SRC_KERNEL ? "kernel" : "wire", timer, queues, held,
	    transcript_conn(s->conn, conn, sizeof conn), restart));
}

/* "exited with status 0" or "killed by SIGKILL". */
static char *
transcript_exit(const struct ev_exit *e)
{
	if (e->status == -1)
		return (xstrdup("exited"));
	if (WIFSIGNALED(e->status))
		return (xasprintf("killed by SIG%s",
		    sigabbrev_np(WTERMSIG(e->status))));
	return (xasprintf("exited with status %d", WEXITSTATUS(e->status)));
}

/* How a check's verdict is written: "ok", "FAIL" or "not-reached". */
static const char *
transcript_verdict(enum check_verdict v)
{
	switch (v) {
	case VERDICT_HELD:
		return ("ok");
	case VERDICT_FAILED:
		return ("FAIL");
	case VERDICT_NOT_REACHED:
		return ("not-reached");
	}
	return ("?");
}

/* The DETAILS column. */
char *
transcript_details(const struct lesson *l, const struct event *ev)
{
	switch (ev->kind) {
	case EV_CALL:
		return (xstrdup(ev->u.call.text));
	case EV_SEG:
		return (transcript_seg(l, &ev->u.seg));
	case EV_WIRE:
		return (transcript_seg(l, &ev->u.wire.seg));
	case EV_STATE:
		return (transcript_state(l, &ev->u.state));
	case EV_EXIT:
		return (transcript_exit(&ev->u.exit));
	case EV_CHECK:
		return (xasprintf("%s %s",
		    transcript_verdict(ev->u.check.verdict), ev->text));
	case EV_SAY:
	case EV_STEP:
		return (xstrdup(ev->text));
	}
	return (xstrdup(""));
}

/* The KIND column: a queue event and the wire's acts say which. */
static const char *
transcript_kind(const struct event *ev)
{
	switch (ev->kind) {
	case EV_CALL:
		return ("call");
	case EV_SEG:
		return ("seg");
	case EV_STATE:
		if (ev->u.state.retimed)
			return ("timer");
		if (ev->u.state.reheld)
			return ("holders");
		return (ev->u.state.queues_only ? "queues" : "state");
	case EV_SAY:
		return ("say");
	case EV_STEP:
		return ("step");
	case EV_CHECK:
		return ("check");
	case EV_EXIT:
		return ("exit");
	case EV_WIRE:
		return (lesson_wire_op_name(ev->u.wire.op));
	}
	return ("?");
}

/* One event as a line, without its newline; nothing in it can act on a
 * terminal (textw_escape). */
char *
transcript_line(const struct lesson *l, const struct event *ev)
{
	char	*details, *safe, *line;

	details = transcript_details(l, ev);
	safe = textw_escape(details, 0);
	line = xasprintf("%10.6f  %-7s %-7s %s", (double)ev->t_ns / 1e9,
	    transcript_actor(l, ev->actor), transcript_kind(ev), safe);
	free(safe);
	free(details);
	return (line);
}

/* Print one event. */
void
transcript_print_event(FILE *f, const struct lesson *l, const struct event *ev)
{
	char	*line = transcript_line(l, ev);

	fprintf(f, "%s\n", line);
	free(line);
}
