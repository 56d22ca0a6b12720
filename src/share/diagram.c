/*
 * diagram.c: the text ladder. A line is built left to right: text placed
 * at a column pads up to it, with each lifeline it passes drawn as '|'.
 * Widths are terminal columns (textw), so a Chinese word in a state's
 * mark or a step's narration keeps the lifelines straight.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/textw.h"
#include "base/xmalloc.h"
#include "model/seglabel.h"
#include "share/diagram.h"
#include "share/sharetext.h"

#define DIAGRAM_TIME_W	11	/* "  60.123456" */
#define DIAGRAM_LANE	46	/* columns between two lifelines */
#define DIAGRAM_NARR	76	/* the narration's width */
#define DIAGRAM_LINE	2048

/* A line being built. */
struct dline {
	const struct ladder	*ld;
	char			 buf[DIAGRAM_LINE];
	size_t			 len;
	int			 col;
};

/* The column of a lifeline. */
static int
diagram_x(int c)
{
	return (DIAGRAM_TIME_W + 2 + c * DIAGRAM_LANE);
}

/* Append s, which takes its width in columns. */
static void
dline_put(struct dline *d, const char *s)
{
	size_t	n = strlen(s);

	if (d->len + n >= sizeof d->buf)
		n = sizeof d->buf - d->len - 1;
	memcpy(d->buf + d->len, s, n);
	d->len += n;
	d->buf[d->len] = '\0';
	d->col += textw_width(s);
}

/* Pad to column to, drawing the lifelines on the way (from the line's
 * start, the time column's own text excepted). */
static void
dline_to(struct dline *d, int to)
{
	size_t	c;
	int	lifeline;

	while (d->col < to) {
		lifeline = 0;
		for (c = 0; c < d->ld->ncols; c++)
			lifeline |= diagram_x((int)c) == d->col;
		dline_put(d, lifeline ? "|" : " ");
	}
}

/* Start a line with a time, or with nothing in the time column. */
static void
dline_begin(struct dline *d, const struct ladder *ld, const struct rung *r)
{
	char	t[32];

	d->ld = ld;
	d->len = 0;
	d->col = 0;
	d->buf[0] = '\0';
	if (r != NULL) {
		snprintf(t, sizeof t, "%*.6f", DIAGRAM_TIME_W,
		    (double)r->ev->t_ns / 1e9);
		dline_put(d, t);
	}
}

/* Finish the line: the lifelines to the last, and print it. */
static void
dline_end(struct dline *d, FILE *f)
{
	dline_to(d, diagram_x((int)d->ld->ncols - 1) + 1);
	while (d->len > 0 && d->buf[d->len - 1] == ' ')
		d->buf[--d->len] = '\0';
	fprintf(f, "%s\n", d->buf);
}

/* An arrow: its label centred over the lane, then its shaft, stopped
 * half way at ']' when the wire held it and at 'X' when it dropped it. */
static void
diagram_arrow(FILE *f, const struct ladder *ld, const struct rung *r)
{
	const struct ev_seg	*s = r->ev->kind == EV_SEG ? &r->ev->u.seg :
				    &r->ev->u.wire.seg;
	struct dline		 d;
	char			 label[160], fate[160];
	int			 a = diagram_x(r->col < r->to ? r->col : r->to);
	int			 b = diagram_x(r->col < r->to ? r->to : r->col);
	int			 right = r->to >= r->col, w, i, mid = (a + b) / 2;

	seglabel(s, label, sizeof label);
	w = textw_width(label);
	dline_begin(&d, ld, NULL);
	dline_to(&d, mid - w / 2 > a ? mid - w / 2 : a + 1);
	dline_put(&d, label);
	dline_end(&d, f);

	dline_begin(&d, ld, r);
	dline_to(&d, a + 1);
	for (i = a + 1; i < b; i++) {
		if (r->fate != FATE_CAPTURED && (right ? i > mid : i < mid)) {
			dline_put(&d, " ");
			continue;
		}
		if (r->fate != FATE_CAPTURED && i == mid)
			dline_put(&d, r->fate == FATE_HELD ? (right ? "]" :
			    "[") : "X");
		else if (r->fate == FATE_CAPTURED && right && i == b - 1)
			dline_put(&d, ">");
		else if (r->fate == FATE_CAPTURED && !right && i == a + 1)
			dline_put(&d, "<");
		else
			dline_put(&d, "-");
	}
	if (r->fate != FATE_CAPTURED) {
		dline_to(&d, diagram_x((int)ld->ncols - 1) + 2);
		dline_put(&d, ladder_fate_label(ld, r, fate, sizeof fate));
	}
	dline_end(&d, f);
}

/* A state on its lifeline, or a call beside it (towards the middle:
 * right of every lifeline but the last). */
static void
diagram_mark(FILE *f, const struct ladder *ld, const struct rung *r)
{
	struct dline	 d;
	char		 name[64], mark[160], *label = NULL;
	const char	*text;
	int		 x = diagram_x(r->col), w, last;

	last = r->col + 1 == (int)ld->ncols && ld->ncols > 1;
	if (r->kind == RUNG_STATE) {
		ladder_state_label(ld, r, name, sizeof name);
		snprintf(mark, sizeof mark, "[%s%s]", name,
		    r->ev->u.state.src == SRC_WIRE ?
		    sharetext(SH_FROM_WIRE, ld->lang) : "");
		text = mark;
	} else
		text = label = ladder_call_label(ld, r);
	w = textw_width(text);
	dline_begin(&d, ld, r->kind == RUNG_STATE ? NULL : r);
	if (r->kind == RUNG_STATE)
		dline_to(&d, last && x - w + 1 > 0 ? x - w + 1 : x);
	else
		dline_to(&d, last ? (x - w - 1 > DIAGRAM_TIME_W + 2 ?
		    x - w - 1 : DIAGRAM_TIME_W + 2) : x + 2);
	dline_put(&d, text);
	dline_end(&d, f);
	free(label);
}

/* The paragraphs of a step's narration told before its rung at,
 * wrapped. */
static void
diagram_say(FILE *f, const struct ladder_step *ls, size_t at)
{
	struct textw_line	*lines;
	size_t			 i, j, n;

	for (i = 0; i < ls->nparas; i++) {
		if (ls->para_at[i] != at)
			continue;
		n = textw_wrap(ls->paras[i], DIAGRAM_NARR, NULL, 0);
		lines = xcalloc(n + 1, sizeof *lines);
		textw_wrap(ls->paras[i], DIAGRAM_NARR, lines, n);
		for (j = 0; j < n; j++)
			fprintf(f, "   %.*s\n", (int)lines[j].len, lines[j].s);
		free(lines);
	}
}

/* A step's heading. */
static void
diagram_step(FILE *f, const struct ladder *ld, const struct ladder_step *ls)
{
	char			 num[64], key[64], keyed[80], head[400];

	if (ls->step < 0)
		snprintf(num, sizeof num, "%s", sharetext(SH_SETUP, ld->lang));
	else
		sharetextf(num, sizeof num, SH_STEP, ld->lang, ls->step + 1);
	keyed[0] = '\0';
	if (*ls->key != '\0')
		sharetextf(keyed, sizeof keyed, SH_KEYED, ld->lang,
		    sharetextf(key, sizeof key, SH_KEY, ld->lang, ls->key));
	fprintf(f, "\n== %s%s\n", sharetextf(head, sizeof head, SH_TITLED,
	    ld->lang, num, ls->title), keyed);
}

/* The title, where the run comes from, the names over their lifelines
 * and what the marks mean. */
static void
diagram_header(FILE *f, const struct ladder *ld, const struct svg_about *ab)
{
	struct dline	 d;
	char		 sub[512];
	size_t		 c;
	const char	*name;
	enum share_msg	 m[] = { SH_LEGEND_KERNEL, SH_LEGEND_WIRE,
			    SH_LEGEND_HELD, SH_LEGEND_TIME };

	fprintf(f, "%s\n", lesson_text(&ld->lesson->title, ld->lang));
	fprintf(f, "%s\n", sharetextf(sub, sizeof sub, SH_SUBTITLE, ld->lang,
	    ld->lesson->id, ab->version, ab->kernel, ab->when));
	for (c = 0; c < sizeof m / sizeof m[0]; c++)
		fprintf(f, "  %s\n", sharetext(m[c], ld->lang));
	fputc('\n', f);
	dline_begin(&d, ld, NULL);
	for (c = 0; c < ld->ncols; c++) {
		name = ld->lesson->endpoints[ld->order[c]].name;
		/* Centred over the lifeline, never before the last name. */
		while (d.col < diagram_x((int)c) - textw_width(name) / 2)
			dline_put(&d, " ");
		dline_put(&d, name);
	}
	fprintf(f, "%s\n", d.buf);
}

/* Print the whole ladder. */
void
diagram_write(FILE *f, const struct ladder *ld, const struct svg_about *ab)
{
	const struct rung	*r;
	size_t			 k, i;

	diagram_header(f, ld, ab);
	for (k = 0; k < ld->nsteps; k++) {
		diagram_step(f, ld, &ld->steps[k]);
		for (i = 0; i < ld->steps[k].n; i++) {
			diagram_say(f, &ld->steps[k], i);
			r = &ld->rungs[ld->steps[k].first + i];
			if (r->kind == RUNG_ARROW)
				diagram_arrow(f, ld, r);
			else if (r->kind != RUNG_STEP)
				diagram_mark(f, ld, r);
		}
		diagram_say(f, &ld->steps[k], ld->steps[k].n);
	}
}
