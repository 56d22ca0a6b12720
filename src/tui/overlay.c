/*
 * overlay.c: the event log (the transcript, scrollable), the close-state
 * diagram, the help, and a segment's details.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/textw.h"
#include "base/xmalloc.h"
#include "model/seglabel.h"
#include "run/transcript.h"
#include "tui/draw.h"
#include "tui/lane.h"
#include "tui/overlay.h"
#include "tui/uitext.h"

/* A segment older than this cannot be the cause of a newer one. */
#define OVERLAY_CAUSE_NS	1500000000ULL
/* A call returns this soon after the segment it sent, at most. */
#define OVERLAY_CALL_NS		20000000ULL

/* The close half of RFC 793's state diagram; each state name appears
 * once, with a box edge above and below it for the endpoints' tags. */
static const char *overlay_diagram[] = {
	"                      +-------------+",
	"                      | ESTABLISHED |",
	"                      +-------------+",
	"         close(): send FIN |     | receive FIN: send ACK",
	"                  v                   v",
	"          +------------+        +------------+",
	"          | FIN_WAIT_1 |        | CLOSE_WAIT |",
	"          +------------+        +------------+",
	"  receive ACK |     \\ receive FIN:       | close(): send FIN",
	"              v      \\ send ACK          v",
	"   +------------+  +---------+     +----------+",
	"   | FIN_WAIT_2 |  | CLOSING |     | LAST_ACK |",
	"   +------------+  +---------+     +----------+",
	"  receive FIN: |        | receive ACK     | receive ACK",
	"  send ACK     v        v                 v",
	"          +-----------+               +--------+",
	"          | TIME_WAIT | -- 60 s -->   | CLOSED |",
	"          +-----------+               +--------+"
};

#define OVERLAY_DIAGRAM_ROWS \
	(int)(sizeof overlay_diagram / sizeof overlay_diagram[0])

/* The event log: every event shown so far, newest at the bottom. */
static void
overlay_log(const struct view_model *m, int y, int x, int h, int w)
{
	char	*line;
	size_t	 n = m->scene->upto, first, i;
	int	 rows = h - 1, r;

	draw_text(y, x, w, theme_attr(ROLE_HEADING),
	    uitext(UI_LOG_TITLE, m->lang));
	if ((size_t)m->log_scroll > n)
		first = 0;
	else
		first = n - (size_t)m->log_scroll > (size_t)rows ?
		    n - (size_t)m->log_scroll - (size_t)rows : 0;
	for (r = 0, i = first; r < rows && i < n; r++, i++) {
		line = transcript_line(m->lesson, timeline_get(m->tl, i));
		draw_text(y + 1 + r, x, w, theme_attr(
		    timeline_get(m->tl, i)->kind == EV_SEG ? ROLE_NORMAL :
		    ROLE_DIM), line);
		free(line);
	}
}

/* Mark an endpoint's state in the diagram: the name reversed, and the
 * endpoint's name in the box edge above (first) or below (second). */
static int
overlay_mark(const struct view_model *m, int ep, int nth, int y, int x,
    int w)
{
	const struct scene_endpoint	*e = &m->scene->eps[ep];
	const char			*name, *at;
	enum tcp_state			 st;
	int				 r, col, len;

	st = e->focus > 0 ? e->socks[e->focus].state : TS_NONE;
	if (st == TS_NONE)
		return (0);
	name = tcpstate_name(st);
	for (r = 0; r < OVERLAY_DIAGRAM_ROWS; r++) {
		if ((at = strstr(overlay_diagram[r], name)) == NULL)
			continue;
		col = (int)(at - overlay_diagram[r]);
		len = (int)strlen(name);
		if (col + len >= w)
			return (0);
		draw_text(y + r, x + col, len, theme_attr(
		    theme_state_role(st)) | draw_bold, name);
		draw_text(y + r + (nth == 0 ? -1 : 1), x + col - 1, len + 2,
		    theme_attr(ROLE_SELECT), m->lesson->endpoints[ep].name);
		return (1);
	}
	return (0);
}

/* The diagram and a legend of where each endpoint is. */
static void
overlay_states(const struct view_model *m, int y, int x, int h, int w)
{
	const struct scene_endpoint	*e;
	char				 legend[256];
	size_t				 ep, off = 0;
	int				 r, nth = 0, top = y + 1;

	draw_text(y, x, w, theme_attr(ROLE_HEADING),
	    uitext(UI_DIAGRAM_TITLE, m->lang));
	for (r = 0; r < OVERLAY_DIAGRAM_ROWS && r < h - 2; r++)
		draw_text(top + r, x, w, theme_attr(ROLE_NORMAL),
		    overlay_diagram[r]);
	legend[0] = '\0';
	for (ep = 0; ep < m->lesson->nendpoints && nth < 2; ep++) {
		e = &m->scene->eps[ep];
		if (e->focus == 0)
			continue;
		if (h - 2 >= OVERLAY_DIAGRAM_ROWS)
			overlay_mark(m, (int)ep, nth, top, x, w);
		nth++;
		off += (size_t)snprintf(legend + off, sizeof legend - off,
		    "%s%s: %s", off > 0 ? "    " : "",
		    m->lesson->endpoints[ep].name,
		    tcpstate_name(e->socks[e->focus].state));
		if (off >= sizeof legend)
			break;
	}
	draw_text(y + h - 1, x, w, theme_attr(ROLE_HEADING), legend);
}

/* The help. */
static void
overlay_help(const struct view_model *m, int y, int x, int h, int w)
{
	draw_text(y, x, w, theme_attr(ROLE_HEADING),
	    uitext(UI_HELP_TITLE, m->lang));
	draw_wrapped(y + 1, x, w, h - 1, theme_attr(ROLE_NORMAL),
	    uitext(UI_HELP_TEXT, m->lang));
}

/* Draw the overlay. */
void
overlay_draw(const struct view_model *m, int y, int x, int h, int w)
{
	int	r;

	for (r = 0; r < h; r++)
		draw_fill(y + r, x, w, theme_attr(ROLE_NORMAL));
	switch (m->overlay) {
	case OVERLAY_LOG:
		overlay_log(m, y, x, h, w);
		break;
	case OVERLAY_DIAGRAM:
		overlay_states(m, y, x, h, w);
		break;
	case OVERLAY_HELP:
		overlay_help(m, y, x, h, w);
		break;
	case OVERLAY_NONE:
		break;
	}
}

/* The name of a party of a segment: an endpoint's, or its port. */
static const char *
overlay_party(const struct view_model *m, int ep)
{
	if (ep >= 0 && (size_t)ep < m->lesson->nendpoints)
		return (m->lesson->endpoints[ep].name);
	return (ep == ACTOR_LAB ? "lab" : "?");
}

/* Whether event ev is a call that can make ep's kernel send: ep's own,
 * or the lab's kill of ep (whose kernel then closes its sockets). */
static int
overlay_sending_call(const struct event *ev, int ep)
{
	return (ev->kind == EV_CALL && call_sends(ev->u.call.name) &&
	    (ev->actor == ep || (ev->actor == ACTOR_LAB &&
	    ev->u.call.name == CALL_KILL && ev->u.call.target == ep)));
}

/* A call by the sender that was under way when segment i left: calls
 * are stamped when they return, just after what they sent. */
static const struct event *
overlay_call_under_way(const struct view_model *m, size_t i)
{
	const struct event	*seg = timeline_get(m->tl, i), *ev;
	size_t			 j, n = timeline_count(m->tl);

	for (j = i + 1; j < n; j++) {
		ev = timeline_get(m->tl, j);
		if (ev->t_ns - seg->t_ns > OVERLAY_CALL_NS)
			break;
		if (ev->kind == EV_CALL && ev->actor == seg->u.seg.sender &&
		    call_sends(ev->u.call.name))
			return (ev);
	}
	return (NULL);
}

/* The wire's hold of the segment captured at i, when i is the arrival of
 * a segment the wire held and then delivered; NULL otherwise. */
static const struct event *
overlay_held(const struct view_model *m, size_t i)
{
	const struct event	*seg = timeline_get(m->tl, i), *ev;
	const struct segment	*s = &seg->u.seg.seg, *w;
	uint32_t		 id;
	size_t			 j;

	for (j = i; j-- > 0;) {
		ev = timeline_get(m->tl, j);
		if (seg->t_ns - ev->t_ns > OVERLAY_CALL_NS)
			return (NULL);
		if (ev->kind != EV_WIRE || ev->u.wire.op != WIRE_OP_DELIVER)
			continue;
		w = &ev->u.wire.seg.seg;
		if (w->sport == s->sport && w->dport == s->dport &&
		    w->seq == s->seq && w->ack == s->ack &&
		    w->flags == s->flags && w->len == s->len)
			break;
	}
	if (j == (size_t)-1)
		return (NULL);
	for (id = ev->u.wire.id; j-- > 0;) {
		ev = timeline_get(m->tl, j);
		if (ev->kind == EV_WIRE && ev->u.wire.op == WIRE_OP_HOLD &&
		    ev->u.wire.id == id)
			return (ev);
	}
	return (NULL);
}

/* What caused segment i: the wire that held it until now, the sender's
 * call that sent it, a segment from the peer it answers, or the kernel on
 * its own (a timer, a delayed ACK, a retransmission). Of one the wire
 * holds or dropped: what became of its copies. */
static const char *
overlay_cause(const struct view_model *m, size_t i, char *buf, size_t len)
{
	const struct event	*seg = timeline_get(m->tl, i), *ev;
	const struct ev_seg	*s = &seg->u.seg, *o;
	char			 label[64];
	size_t			 j;

	if (seg->kind == EV_WIRE)
		return (lane_fate(m, buf, len));
	if ((ev = overlay_held(m, i)) != NULL)
		return (uitextf(buf, len, UI_SEG_CAUSE_WIRE, m->lang,
		    (double)ev->t_ns / 1e9, (double)seg->t_ns / 1e9));
	if ((ev = overlay_call_under_way(m, i)) != NULL)
		return (uitextf(buf, len, UI_SEG_CAUSE_CALL, m->lang,
		    overlay_party(m, s->sender), ev->u.call.text));
	for (j = i; j-- > 0;) {
		ev = timeline_get(m->tl, j);
		if (seg->t_ns - ev->t_ns > OVERLAY_CAUSE_NS)
			break;
		if (overlay_sending_call(ev, s->sender))
			return (uitextf(buf, len, UI_SEG_CAUSE_CALL, m->lang,
			    overlay_party(m, ev->actor), ev->u.call.text));
		if (ev->kind != EV_SEG)
			continue;
		o = &ev->u.seg;
		if (o->sender == s->sender && o->conn == s->conn &&
		    o->rseq == s->rseq && o->seg.flags == s->seg.flags)
			break;		/* a retransmission */
		if (o->sender == s->receiver && o->conn == s->conn)
			return (uitextf(buf, len, UI_SEG_CAUSE_SEG, m->lang,
			    seglabel(o, label, sizeof label)));
	}
	return (uitext(UI_SEG_CAUSE_KERNEL, m->lang));
}

/* Add part to buf (len bytes), after what is there and the language's
 * list separator (two spaces; ， in Chinese). */
static void
overlay_join(char *buf, size_t len, const char *part, enum lang lang)
{
	size_t	n = strlen(buf);

	if (n + 1 < len)
		snprintf(buf + n, len - n, "%s%s", n > 0 ?
		    uitext(UI_LIST_SEP, lang) : "", part);
}

/* How the window in bytes came from the field: "field 64 << 10", or why
 * it is not scaled. */
static const char *
overlay_window(const struct view_model *m, const struct ev_seg *s, char *buf,
    size_t len)
{
	switch (s->wshift) {
	case CONN_WSCALE_UNKNOWN:
		return (uitextf(buf, len, UI_SEG_WIN_UNKNOWN, m->lang));
	case CONN_WSCALE_OFF:
		return (uitextf(buf, len, s->seg.flags & TF_SYN ?
		    UI_SEG_WIN_SYN : UI_SEG_WIN_OFF, m->lang));
	}
	return (uitextf(buf, len, UI_SEG_WIN_SHIFT, m->lang, s->seg.win,
	    s->wshift));
}

/* What a SYN offers ("MSS 65495  wscale 10  SACK permitted"), or
 * for any other segment how its window scaled; then its timestamps
 * ("TSval 7  TSecr 5"). */
static const char *
overlay_facts(const struct view_model *m, const struct ev_seg *s, char *buf,
    size_t len)
{
	const struct segment	*g = &s->seg;
	char			 part[64];

	buf[0] = '\0';
	if (!(g->flags & TF_SYN))
		overlay_window(m, s, buf, len);
	else {
		if (g->mss != 0) {
			snprintf(part, sizeof part, "MSS %u", g->mss);
			overlay_join(buf, len, part, m->lang);
		}
		if (g->wscale >= 0)
			uitextf(part, sizeof part, UI_SEG_WSCALE, m->lang,
			    g->wscale);
		else
			uitextf(part, sizeof part, UI_SEG_NO_WSCALE, m->lang);
		overlay_join(buf, len, part, m->lang);
		if (g->sack_ok)
			overlay_join(buf, len, uitext(UI_SEG_SACK_OK, m->lang),
			    m->lang);
	}
	if (g->has_ts) {
		snprintf(part, sizeof part, "TSval %u  TSecr %u", g->tsval,
		    g->tsecr);
		overlay_join(buf, len, part, m->lang);
	}
	return (buf);
}

/* The details of the selected segment. */
int
overlay_segment(const struct view_model *m, int y, int x, int h, int w)
{
	const struct event	*ev;
	const struct ev_seg	*s;
	char			 buf[320], words[32];
	size_t			 i;
	int			 r = 0;

	/* A captured segment, or one the wire holds or dropped. */
	if ((s = lane_selected(m, &i)) == NULL)
		return (0);
	ev = timeline_get(m->tl, i);
	draw_text(y + r++, x, w, theme_attr(theme_seg_role(s->seg.flags,
	    s->seg.len)) | draw_bold, uitextf(buf, sizeof buf, UI_SEG_HEADING,
	    m->lang, tcpstate_flag_words(s->seg.flags, words, sizeof words),
	    overlay_party(m, s->sender), theme_glyphs()->head_right,
	    overlay_party(m, s->receiver)));
	if (r < h)
		draw_textf(y + r++, x, w, theme_attr(ROLE_NORMAL),
		    "seq %d  ack %d  win %u  len %u  t = %.6f s  conn %d",
		    s->rseq, s->rack, s->window, s->seg.len,
		    (double)ev->t_ns / 1e9, s->conn);
	if (r < h)
		r += draw_wrapped(y + r, x, w, h - r, theme_attr(ROLE_NOTE),
		    overlay_cause(m, i, buf, sizeof buf));
	if (r < h)
		draw_text(y + r++, x, w, theme_attr(ROLE_DIM),
		    overlay_facts(m, s, buf, sizeof buf));
	/* What a SYN offers comes first; why its window is not scaled
	 * follows when there is room. */
	if (r < h && (s->seg.flags & TF_SYN))
		draw_text(y + r++, x, w, theme_attr(ROLE_DIM),
		    overlay_window(m, s, buf, sizeof buf));
	if (r < h)
		draw_textf(y + r++, x, w, theme_attr(ROLE_DIM),
		    "127.0.0.1:%u > 127.0.0.1:%u  seq %u ack %u (absolute)",
		    s->seg.sport, s->seg.dport, s->seg.seq, s->seg.ack);
	return (r);
}
