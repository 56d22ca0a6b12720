/*
 * pcapstory.c: the frames' comments. The runner places a state the probe
 * read at the segment that proves it (runner_probe.c), so the states
 * after a segment, before the next one (or a call, or a step), are the
 * ones that segment led to; one stamped with the segment's very time
 * counts too, though it came in first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "model/seglabel.h"
#include "share/pcapstory.h"
#include "share/sharetext.h"

/* The section's comment. */
char *
pcapstory_section(const struct share_run *run)
{
	return (xasprintf("finwave lesson %s: %s", run->lesson->id,
	    lesson_text(&run->lesson->title, run->lang)));
}

/* A party's name: its endpoint's, or its port when nobody owns it. */
static void
pcapstory_party(const struct lesson *l, int ep, unsigned port, char *buf,
    size_t len)
{
	if (ep >= 0 && (size_t)ep < l->nendpoints)
		snprintf(buf, len, "%s", l->endpoints[ep].name);
	else
		snprintf(buf, len, ":%u", port);
}

/* Append to a growing string. */
static void
pcapstory_add(char **s, const char *more)
{
	char	*t = xasprintf("%s%s", *s, more);

	free(*s);
	*s = t;
}

/* Where the readings a segment led to may begin: one stamped with its
 * very time may have come in before it, and so may the first readings
 * of a connection, before its first segment (a SYN_SENT the SYN
 * proves). */
static size_t
pcapstory_before(const struct share_run *run, size_t i)
{
	const struct event	*ev = timeline_get(run->tl, i), *e;
	size_t			 j, k;

	for (j = i; j > 0; j--) {
		e = timeline_get(run->tl, j - 1);
		if (e->kind != EV_STATE || e->t_ns != ev->t_ns)
			break;
	}
	for (k = 0; k < i; k++) {
		e = timeline_get(run->tl, k);
		if ((e->kind == EV_SEG && e->u.seg.conn == ev->u.seg.conn) ||
		    (e->kind == EV_WIRE && e->u.wire.seg.conn ==
		    ev->u.seg.conn))
			return (j);
	}
	for (k = j; k > 0; k--) {
		e = timeline_get(run->tl, k - 1);
		if (e->kind == EV_STEP || e->kind == EV_SEG ||
		    e->kind == EV_WIRE)
			break;
	}
	return (k);
}

/* "[client-closes] The client closes | client>server FIN ACK seq 1 ack
 * 1 | client FIN_WAIT_1 (kernel), server CLOSE_WAIT (kernel)". */
char *
pcapstory_comment(const struct share_run *run, size_t i)
{
	const struct lesson	*l = run->lesson;
	const struct event	*ev = timeline_get(run->tl, i), *e;
	const struct ev_seg	*s = &ev->u.seg;
	char			 from[64], to[64], label[160], conn[16];
	char			*out, *part;
	const char		*title;
	size_t			 j;
	int			 states = 0;

	if (ev->step < 0)
		out = xstrdup("[setup]");
	else {
		title = lesson_text(&l->steps[ev->step].title, run->lang);
		out = xasprintf("[%s]%s%s", l->steps[ev->step].name,
		    *title != '\0' ? " " : "", title);
	}
	pcapstory_party(l, s->sender, s->seg.sport, from, sizeof from);
	pcapstory_party(l, s->receiver, s->seg.dport, to, sizeof to);
	part = xasprintf(" | %s>%s %s", from, to, seglabel(s, label,
	    sizeof label));
	pcapstory_add(&out, part);
	free(part);
	for (j = pcapstory_before(run, i); j < run->upto; j++) {
		e = timeline_get(run->tl, j);
		if (j == i)
			continue;
		if (j > i && (e->kind == EV_SEG || e->kind == EV_WIRE ||
		    e->kind == EV_STEP || e->kind == EV_CALL))
			break;
		/* A segment moves its own connection's sides only (a
		 * listener's readings are its queue's). */
		if (e->kind != EV_STATE || e->actor < 0 ||
		    (size_t)e->actor >= l->nendpoints ||
		    e->u.state.queues_only || e->u.state.conn != s->conn)
			continue;
		snprintf(conn, sizeof conn, "#%d ", e->u.state.conn);
		part = xasprintf("%s%s %s%s%s", states++ == 0 ? " | " : ", ",
		    l->endpoints[e->actor].name, e->u.state.conn > 1 ? conn :
		    "", tcpstate_name(e->u.state.state),
		    sharetext(e->u.state.src == SRC_WIRE ? SH_FROM_WIRE :
		    SH_FROM_KERNEL, run->lang));
		pcapstory_add(&out, part);
		free(part);
	}
	return (out);
}

/* Every frame whose event is within the run's point. */
void
pcapstory_write(struct pcapng *pg, const struct share_run *run)
{
	const struct frame	*f;
	char			*comment;
	size_t			 k, i;

	for (k = 0; k < run->frames->n; k++) {
		f = &run->frames->frames[k];
		i = timeline_find(run->tl, f->seq);
		if (i == TIMELINE_NONE || i >= run->upto)
			continue;
		comment = pcapstory_comment(run, i);
		pcapng_write(pg, f->t_ns, f->bytes, f->caplen, f->wirelen,
		    comment);
		free(comment);
	}
}
