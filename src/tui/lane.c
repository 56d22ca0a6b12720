/*
 * lane.c: the wire lane. Both edges are the endpoints' lifelines; an arrow
 * leaves its sender's edge at a dot and ends at the receiver's with a head,
 * so its direction reads without colour. The arrow in flight is drawn as
 * far as it has come. A segment the wire holds stops mid-lane at a bar
 * until it is delivered (its arrival is then an arrow of its own); one the
 * wire dropped ends mid-lane in a cross.
 */
#include <stdio.h>
#include <string.h>

#include "base/textw.h"
#include "tui/draw.h"
#include "tui/lane.h"
#include "tui/uitext.h"

/* The label of a segment. */
const char *
lane_label(const struct ev_seg *s, char *buf, size_t len)
{
	char	words[32], size[24], conn[16];
	int	n;

	conn[0] = '\0';
	if (s->conn > 1)
		snprintf(conn, sizeof conn, "#%d ", s->conn);
	tcpstate_flag_words(s->seg.flags, words, sizeof words);
	size[0] = '\0';
	if (s->seg.len > 0)
		snprintf(size, sizeof size, " %u B", s->seg.len);
	n = snprintf(buf, len, "%s%s%s seq %d", conn, words, size, s->rseq);
	if ((s->seg.flags & TF_ACK) && n > 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, " ack %d", s->rack);
	return (buf);
}

/* Whether a segment goes from right to left. */
static int
lane_leftwards(const struct view_model *m, const struct ev_seg *s)
{
	if (s->sender >= 0 && (size_t)s->sender < m->lesson->nendpoints)
		return (m->side[s->sender] == 1);
	if (s->receiver >= 0 && (size_t)s->receiver < m->lesson->nendpoints)
		return (m->side[s->receiver] == 0);
	return (0);
}

/* The segment an event draws as an arrow, or NULL: a captured one, one
 * the wire holds, or one it dropped. */
static const struct ev_seg *
lane_seg(const struct event *ev)
{
	if (ev->kind == EV_SEG)
		return (&ev->u.seg);
	if (ev->kind == EV_WIRE && ev->u.wire.op != WIRE_OP_DELIVER)
		return (&ev->u.wire.seg);
	return (NULL);
}

/* One arrow on row y, between columns x and x + w - 1, frac of the way. */
static void
lane_arrow(const struct view_model *m, const struct event *ev, int y, int x,
    int w, double frac, int selected)
{
	const struct glyphs	*g = theme_glyphs();
	const struct ev_seg	*s = lane_seg(ev);
	const char		*end, *note = "";
	char			 label[96];
	int			 attr, left = lane_leftwards(m, s), len, i, lw;
	int			 from, step, lx, tip;

	attr = theme_attr(theme_seg_role(s->seg.flags, s->seg.len));
	if (selected)
		attr = theme_attr(ROLE_SELECT);
	end = left ? g->head_left : g->head_right;
	if (ev->kind == EV_WIRE) {
		/* Stopped on the wire, half way. */
		frac = 0.5;
		end = ev->u.wire.op == WIRE_OP_HOLD ? g->v : g->cross;
		note = uitext(ev->u.wire.op == WIRE_OP_HOLD ? UI_HELD :
		    UI_DROPPED, m->lang);
	}
	/* The shaft runs between the two edge columns, from the origin. */
	len = (int)((double)(w - 1) * frac + 0.5);
	if (len < 1)
		len = 1;
	from = left ? x + w - 1 : x;
	step = left ? -1 : 1;
	draw_text(y, from, 1, attr, g->origin);
	for (i = 1; i < len; i++)
		draw_text(y, from + step * i, 1, attr, g->shaft);
	tip = from + step * len;
	if (len < w)
		draw_text(y, tip, 1, attr | draw_bold, end);
	if (ev->kind == EV_WIRE) {
		/* Stopped: the label, its fate first, beyond the tip. */
		snprintf(label, sizeof label, "%s", note);
		lane_label(s, label + strlen(label), sizeof label -
		    strlen(label));
		lw = textw_width(label);
		if (lw > (w - 1) / 2 - 2)
			lw = (w - 1) / 2 - 2;
		draw_text(y, left ? tip - 1 - lw : tip + 2, lw, attr, label);
		return;
	}
	lane_label(s, label + 1, sizeof label - 2);
	label[0] = selected ? '[' : ' ';
	strcat(label, selected ? "]" : " ");
	lw = textw_width(label);
	if (lw > w - 4)
		lw = w - 4;
	lx = x + (w - lw) / 2;
	/* The label rides on the part of the shaft already drawn. */
	if ((!left && lx + lw <= tip) || (left && lx > tip))
		draw_text(y, lx, lw, attr, label);
}

/* Whether the event at index i is an arrow shown at the end of the first
 * upto events: a segment held and not yet delivered or dropped is; the
 * wire's delivery is not (the captured arrival is). */
static int
lane_shows(const struct timeline *tl, size_t i, size_t upto)
{
	const struct event	*ev = timeline_get(tl, i), *later;
	size_t			 j;

	if (lane_seg(ev) == NULL)
		return (0);
	if (ev->kind != EV_WIRE || ev->u.wire.op != WIRE_OP_HOLD)
		return (1);
	for (j = i + 1; j < upto; j++) {
		later = timeline_get(tl, j);
		if (later->kind == EV_WIRE && later->u.wire.id ==
		    ev->u.wire.id && later->u.wire.op != WIRE_OP_HOLD)
			return (0);
	}
	return (1);
}

/* Draw the lane. */
void
lane_draw(const struct view_model *m, int y, int x, int h, int w)
{
	const struct event	*ev;
	char			 head[96];
	size_t			 idx[512], n = 0, i, first, anim;
	int			 rows = h - 2, r, sel_pos = -1;

	for (i = 0; i < m->scene->upto; i++) {
		if (!lane_shows(m->tl, i, m->scene->upto))
			continue;
		idx[n % 512] = i;
		n++;
		if (timeline_get(m->tl, i)->seq == m->selected_seq)
			sel_pos = (int)n - 1;
	}
	anim = m->anim_seq == VIEW_NO_EVENT ? TIMELINE_NONE :
	    timeline_find(m->tl, m->anim_seq);
	if (anim != TIMELINE_NONE && lane_seg(timeline_get(m->tl, anim)) !=
	    NULL) {
		idx[n % 512] = anim;
		n++;
	}
	if (m->wire_stepping)
		draw_center(y, x, w, theme_attr(ROLE_NOTE) | draw_bold,
		    uitextf(head, sizeof head, UI_WIRE_STEPPING, m->lang,
		    m->wire_held));
	else
		draw_center(y, x, w, theme_attr(ROLE_DIM),
		    uitext(UI_WIRE, m->lang));
	if (n == 0) {
		draw_center(y + h / 2, x, w, theme_attr(ROLE_DIM),
		    uitext(UI_NO_SEGMENTS, m->lang));
		return;
	}
	first = n > (size_t)rows ? n - (size_t)rows : 0;
	if (sel_pos >= 0 && (size_t)sel_pos < first)
		first = (size_t)sel_pos;
	if (n - first > 512)
		first = n - 512;
	if (first > 0)
		draw_textf(y, x, 3, theme_attr(ROLE_DIM), "%s",
		    theme_glyphs()->up);
	for (r = 0; r < rows && first + (size_t)r < n; r++) {
		ev = timeline_get(m->tl, idx[(first + (size_t)r) % 512]);
		lane_arrow(m, ev, y + 1 + r, x, w, ev->seq == m->anim_seq ?
		    m->anim_frac : 1.0, ev->seq == m->selected_seq);
	}
}
