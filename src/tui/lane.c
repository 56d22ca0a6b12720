/*
 * lane.c: the wire lane. Both edges are the endpoints' lifelines; an arrow
 * leaves its sender's edge at a dot and ends at the receiver's with a head,
 * so its direction reads without colour. The arrow in flight is drawn as
 * far as it has come. A segment the wire holds stops mid-lane at a bar
 * until it is delivered (its arrival is then an arrow of its own); its
 * copies, the kernel's retransmissions the wire holds again, share its
 * row, which counts those still held and those dropped and ends in a
 * cross once none is held. One a rule of the wire dropped ends mid-lane in
 * a cross. A label that does not fit loses whole words from its end. The
 * time column, when on, gives each row's time since its step began. The
 * rows are the scene's arrows (scene.h), kept as the events come; a
 * drawing looks only at those it draws.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/textw.h"
#include "base/xmalloc.h"
#include "model/seglabel.h"
#include "tui/draw.h"
#include "tui/lane.h"
#include "tui/uitext.h"

/* The first keep of a segment's words after prefix, into buf, with the
 * ellipsis after them when cut. */
static const char *
lane_join(const char *prefix, char words[SEGLABEL_WORDS][SEGLABEL_WORD_MAX],
    size_t keep, int cut, char *buf, size_t len)
{
	size_t	i, off;

	snprintf(buf, len, "%s", prefix);
	for (i = 0; i < keep; i++) {
		off = strlen(buf);
		snprintf(buf + off, len - off, "%s%s", i > 0 ? " " : "",
		    words[i]);
	}
	if (cut) {
		off = strlen(buf);
		snprintf(buf + off, len - off, "%s", theme_glyphs()->ellipsis);
	}
	return (buf);
}

/* The label of a segment after prefix in at most cols columns: when it
 * does not fit, whole words go from its end (the ack first), but for its
 * flags, and the ellipsis marks the cut. */
static const char *
lane_fit(const char *prefix, const struct ev_seg *s, int cols, char *buf,
    size_t len)
{
	char	words[SEGLABEL_WORDS][SEGLABEL_WORD_MAX];
	size_t	n = seglabel_words(s, words), keep;

	lane_join(prefix, words, n, 0, buf, len);
	/* The flags stay, whatever else goes. */
	for (keep = n; keep > 1 && textw_width(buf) > cols; keep--)
		lane_join(prefix, words, keep - 1, 1, buf, len);
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

/* The arrow of the selection, or NULL when none is shown. */
static const struct scene_arrow *
lane_selected_arrow(const struct view_model *m)
{
	long	r = scene_arrow_find(m->scene, m->tl, m->selected_seq);

	return (r >= 0 ? &m->scene->arrows[r] : NULL);
}

/* The segment of the selected row. */
const struct ev_seg *
lane_selected(const struct view_model *m, size_t *i)
{
	const struct scene_arrow	*row;

	if ((row = lane_selected_arrow(m)) == NULL)
		return (NULL);
	*i = row->ev;
	return (lane_seg(timeline_get(m->tl, row->ev)));
}

/* What the wire did with the selected row's segment, or NULL when the
 * row is not the wire's. */
const char *
lane_fate(const struct view_model *m, char *buf, size_t len)
{
	const struct event		*ev;
	const struct scene_arrow	*row;

	if ((row = lane_selected_arrow(m)) == NULL ||
	    (ev = timeline_get(m->tl, row->ev))->kind != EV_WIRE)
		return (NULL);
	if (ev->u.wire.op == WIRE_OP_DROP)
		return (uitextf(buf, len, UI_SEG_WIRE_DROPPED, m->lang,
		    (double)ev->t_ns / 1e9));
	return (uitextf(buf, len, UI_SEG_WIRE_TAKEN, m->lang,
	    (double)ev->t_ns / 1e9, row->held, row->lost));
}

/* What became of a held row's copies, before its label, into buf. */
static const char *
lane_copies(const struct view_model *m, const struct scene_arrow *row,
    char *buf, size_t len)
{
	if (row->held > 0 && row->lost > 0)
		return (uitextf(buf, len, UI_HELD_LOST, m->lang, row->held,
		    row->lost));
	if (row->held > 1)
		return (uitextf(buf, len, UI_HELD_N, m->lang, row->held));
	if (row->lost > 1)
		return (uitextf(buf, len, UI_LOST_N, m->lang, row->lost));
	return (uitext(row->held > 0 ? UI_HELD : UI_DROPPED, m->lang));
}

/* How far a stopped arrow's shaft runs in a lane w wide: half way, or
 * less, down to a quarter, so that a label of need columns fits beyond
 * its tip. */
static int
lane_stopped_len(int w, int need)
{
	int	len = w / 2;

	if (w - len - 3 < need)
		len = w - 3 - need > (w - 1) / 4 ? w - 3 - need : (w - 1) / 4;
	return (len);
}

/* One row's arrow on row y, between columns x and x + w - 1, frac of the
 * way. */
static void
lane_arrow(const struct view_model *m, const struct scene_arrow *row, int y,
    int x, int w, double frac, int selected)
{
	const struct glyphs	*g = theme_glyphs();
	const struct event	*ev = timeline_get(m->tl, row->ev);
	const struct ev_seg	*s = lane_seg(ev);
	const char		*end, *note = NULL;
	char			 label[160], fate[64], mark[72];
	int			 attr, left = lane_leftwards(m, s), len, i, lw;
	int			 from, step, lx, tip;

	attr = theme_attr(theme_seg_role(s->seg.flags, s->seg.len));
	if (selected)
		attr = theme_attr(ROLE_SELECT);
	end = left ? g->head_left : g->head_right;
	/* The shaft runs between the two edge columns, from the origin. */
	len = (int)((double)(w - 1) * frac + 0.5);
	if (ev->kind == EV_WIRE) {
		/* Stopped on the wire, half way if its label fits. */
		snprintf(mark, sizeof mark, "%s%s", selected ? "[" : "",
		    lane_copies(m, row, fate, sizeof fate));
		note = mark;
		end = row->held > 0 ? g->v : g->cross;
		lane_fit(note, s, INT_MAX, label, sizeof label);
		len = lane_stopped_len(w, textw_width(label) + selected);
	}
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
	if (note != NULL) {
		/* Stopped: the label, its fate first, beyond the tip. */
		lane_fit(note, s, w - len - 3 - selected, label,
		    sizeof label);
		if (selected)
			snprintf(label + strlen(label), sizeof label -
			    strlen(label), "]");
		lw = textw_width(label);
		if (lw > w - len - 3)
			lw = w - len - 3;
		draw_text(y, left ? tip - 1 - lw : tip + 2, lw, attr, label);
		return;
	}
	lane_fit(selected ? "[" : " ", s, w - 5, label, sizeof label);
	snprintf(label + strlen(label), sizeof label - strlen(label), "%s",
	    selected ? "]" : " ");
	lw = textw_width(label);
	if (lw > w - 4)
		lw = w - 4;
	lx = x + (w - lw) / 2;
	/* The label rides on the part of the shaft already drawn. */
	if ((!left && lx + lw <= tip) || (left && lx > tip))
		draw_text(y, lx, lw, attr, label);
}

/* The time of a row's event since its step began, into buf. */
static const char *
lane_time(const struct timeline *tl, const struct scene_arrow *row,
    char *buf, size_t len)
{
	uint64_t	t = timeline_get(tl, row->ev)->t_ns;

	snprintf(buf, len, "%.3f", t > row->step_ns ?
	    (double)(t - row->step_ns) / 1e9 : 0.0);
	return (buf);
}

/* The time column of the n rows at column x, from row y + 1 one every
 * gap rows, its unit in row y; returns its width, a blank each side of
 * the times included. */
static int
lane_times(const struct view_model *m, const struct scene_arrow *rows,
    size_t n, int y, int x, int gap)
{
	const char	*unit = uitext(UI_LANE_SECONDS, m->lang);
	char		 t[32];
	size_t		 r;
	int		 cols = textw_width(unit), tw;

	for (r = 0; r < n; r++) {
		if ((tw = textw_width(lane_time(m->tl, &rows[r], t,
		    sizeof t))) > cols)
			cols = tw;
	}
	draw_text(y, x + 1 + cols - textw_width(unit), cols,
	    theme_attr(ROLE_DIM), unit);
	for (r = 0; r < n; r++) {
		lane_time(m->tl, &rows[r], t, sizeof t);
		draw_text(y + 1 + (int)r * gap, x + 1 + cols - textw_width(t),
		    cols, theme_attr(ROLE_DIM), t);
	}
	return (cols + 2);
}

/* Under the arrows, once one of them is of a later connection: what
 * their "#N" means. */
static void
lane_legend(const struct view_model *m, const struct scene_arrow *rows,
    size_t n, int y, int x, int w)
{
	const struct ev_seg	*s;
	size_t			 r;

	for (r = 0; r < n; r++) {
		s = lane_seg(timeline_get(m->tl, rows[r].ev));
		if (s != NULL && s->conn > 1) {
			draw_center(y, x, w, theme_attr(ROLE_DIM),
			    uitext(UI_CONN_LEGEND, m->lang));
			return;
		}
	}
}

/* The arrow in flight as a row of its own, after the scene's; 0 when
 * none is drawn. Its step began at an EV_STEP between the scene's point
 * and it, else at the scene's latest. */
static int
lane_flying(const struct view_model *m, struct scene_arrow *row)
{
	const struct event	*ev;
	size_t			 i, j;

	if (m->anim_seq == VIEW_NO_EVENT || (i = timeline_find(m->tl,
	    m->anim_seq)) == TIMELINE_NONE || lane_seg(timeline_get(m->tl,
	    i)) == NULL)
		return (0);
	memset(row, 0, sizeof *row);
	row->ev = i;
	row->step_ns = m->scene->step_ns;
	for (j = i + 1; j-- > m->scene->upto;) {
		ev = timeline_get(m->tl, j);
		if (ev->kind == EV_STEP) {
			row->step_ns = ev->t_ns;
			break;
		}
	}
	return (1);
}

/* Draw the lane: the newest rows that fit, or those down from the
 * selected one. Only the rows drawn are looked at. */
void
lane_draw(const struct view_model *m, int y, int x, int h, int w)
{
	const struct scene	*sc = m->scene;
	const struct event	*ev;
	struct scene_arrow	*rows, flying;
	char			 head[96];
	size_t			 n, first, shown, r;
	long			 sel;
	int			 tw = 0, gap = 1;

	sel = scene_arrow_find(sc, m->tl, m->selected_seq);
	n = sc->narrows + (size_t)lane_flying(m, &flying);
	/* A presenter's arrows, spaced out while they fit, read from
	 * further away. */
	if (m->presenter && n * 2 <= (size_t)(h - 2))
		gap = 2;
	first = n > (size_t)(h - 2) ? n - (size_t)(h - 2) : 0;
	if (sel >= 0 && (size_t)sel < first)
		first = (size_t)sel;
	shown = n - first < (size_t)(h - 2) ? n - first : (size_t)(h - 2);
	rows = xreallocarray(NULL, shown, sizeof *rows);
	for (r = 0; r < shown; r++)
		rows[r] = first + r < sc->narrows ? sc->arrows[first + r] :
		    flying;
	if (m->lane_times && n > 0)
		tw = lane_times(m, rows, shown, y, x, gap);
	if (m->wire_stepping) {
		/* A narrow lane (the time column on) keeps the count. */
		uitextf(head, sizeof head, UI_WIRE_STEPPING, m->lang,
		    m->wire_held);
		if (textw_width(head) > w - tw)
			uitextf(head, sizeof head, UI_WIRE_STEPPING_SHORT,
			    m->lang, m->wire_held);
		draw_center(y, x + tw, w - tw, theme_attr(ROLE_NOTE) |
		    draw_bold, head);
	} else
		draw_center(y, x + tw, w - tw, theme_attr(ROLE_DIM),
		    uitext(UI_WIRE, m->lang));
	if (n == 0)
		draw_center(y + h / 2, x, w, theme_attr(ROLE_DIM),
		    uitext(UI_NO_SEGMENTS, m->lang));
	if (first > 0)
		draw_textf(y, x, 3, theme_attr(ROLE_DIM), "%s",
		    theme_glyphs()->up);
	for (r = 0; r < shown; r++) {
		ev = timeline_get(m->tl, rows[r].ev);
		lane_arrow(m, &rows[r], y + 1 + (int)r * gap, x + tw, w - tw,
		    ev->seq == m->anim_seq ? m->anim_frac : 1.0,
		    (long)(first + r) == sel);
		draw_hit(y + 1 + (int)r * gap, x, w, HIT_ARROW, ev->seq);
	}
	lane_legend(m, rows, shown, y + h - 1, x + tw, w - tw);
	free(rows);
}
