/*
 * pane_calls.c: an endpoint's latest calls in its block, under a heading:
 * the failed ones first, compact; then those of the latest step, whole
 * where they fit; then the others, compact.
 */
#include <stdio.h>
#include <string.h>

#include "base/textw.h"
#include "tui/draw.h"
#include "tui/pane.h"
#include "tui/pane_parts.h"
#include "tui/theme.h"
#include "tui/uitext.h"

/* How a call is shown in a pane w columns wide: its text, the rows it
 * takes and the columns of its mark (a failed call's cross). */
struct pane_call {
	const char	*text;
	int		 rows;
	int		 mark;
	char		 buf[256];
};

/* Whether call i of an endpoint was made in its latest step: a call the
 * step is about, shown whole when there is room. */
int
pane_call_latest(const struct scene_endpoint *e, size_t i)
{
	return (e->call_steps[i] == e->call_steps[e->ncalls - 1]);
}

/* Write form k of a call's compact text into buf: 0 elides the socket,
 * its first argument, when others follow ("shutdown(…, SHUT_RDWR) = 0");
 * 1 all but the first ("connect(3, …) = 0"); 2 all ("bind(…) = -1
 * EADDRINUSE"). Returns 0 when the call has no such form. */
static int
pane_call_form(const struct call *c, int k, char *buf, size_t len)
{
	const char	*result = strstr(c->text, ") = ");
	const char	*ell = theme_glyphs()->ellipsis;
	const char	*args = c->text + strcspn(c->text, "(") + 1;
	int		 name = (int)(args - 1 - c->text);
	int		 first = (int)strcspn(args, ",)");

	if (k < 2 && args[first] != ',')
		return (0);
	if (k == 0 && c->fd < 0)
		return (0);
	if (k == 0)
		snprintf(buf, len, "%.*s(%s,%.*s%s", name, c->text, ell,
		    (int)(result - args - first - 1), args + first + 1, result);
	else if (k == 1)
		snprintf(buf, len, "%.*s, %s%s", name + 1 + first, c->text, ell,
		    result);
	else
		snprintf(buf, len, "%.*s(%s%s", name, c->text, ell, result);
	return (1);
}

/* Shape call i of an endpoint for w columns. Whole, it may take two rows;
 * compact (or when two are not enough), the first of its forms that fits
 * one row (pane_call_form); a failed call's error may take a second. */
static void
pane_call_shape(const struct scene_endpoint *e, size_t i, int w, int whole,
    struct pane_call *pc)
{
	const struct call	*c = &e->calls[i];
	const char		*result = strstr(c->text, ") = ");
	int			 tw, k;

	pc->mark = c->ret == -1 ? textw_width(theme_glyphs()->cross) + 1 : 0;
	tw = w - pc->mark;
	pc->text = c->text;
	pc->rows = draw_wrapped_rows(tw, c->text);
	if (pc->rows == 1 || (whole && pc->rows == 2) || result == NULL ||
	    strchr(c->text, '(') == NULL || strchr(c->text, '(') + 1 ==
	    result) {
		if (pc->rows > 2)
			pc->rows = 2;
		return;
	}
	for (k = 0; k < 2; k++)
		if (pane_call_form(c, k, pc->buf, sizeof pc->buf) &&
		    textw_width(pc->buf) <= tw)
			break;
	if (k == 2)
		pane_call_form(c, 2, pc->buf, sizeof pc->buf);
	/* A form no narrower than the call would only lose its words. */
	if (textw_width(pc->buf) < textw_width(c->text))
		pc->text = pc->buf;
	pc->rows = textw_width(pc->text) > tw && c->ret == -1 ? 2 : 1;
}

/* The rows call i of an endpoint takes in w columns, whole or compact. */
int
pane_call_rows(const struct scene_endpoint *e, size_t i, int w, int whole)
{
	struct pane_call	pc;

	pane_call_shape(e, i, w, whole, &pc);
	return (pc.rows);
}

/* The rows of the calls a block keeps while anything else can give way:
 * the heading, the calls of the endpoint's latest step (three at most)
 * and the newest that failed, compact. */
int
pane_calls_floor(const struct scene_endpoint *e, int w)
{
	size_t	i, kept = 0;
	int	rows = 1, failed = 0;

	if (e->ncalls == 0)
		return (0);
	for (i = e->ncalls; i-- > 0;) {
		if (pane_call_latest(e, i) && kept < 3) {
			kept++;
			rows += pane_call_rows(e, i, w, 0);
			failed |= e->calls[i].ret == -1;
		} else if (e->calls[i].ret == -1 && !failed) {
			rows += pane_call_rows(e, i, w, 0);
			failed = 1;
		}
	}
	return (rows);
}

/* Which calls fit in rows rows under the heading, and which of them are
 * whole: the failed ones first, compact; then those of the latest step,
 * whole where they fit; then the others, compact; the newest first in
 * each. */
static void
pane_pick_calls(const struct scene_endpoint *e, int w, int rows, int *shown,
    int *whole)
{
	int	pass, used = 1, full;
	size_t	i;

	memset(shown, 0, sizeof *shown * SCENE_CALLS);
	memset(whole, 0, sizeof *whole * SCENE_CALLS);
	for (pass = 0; pass < 3; pass++) {
		for (i = e->ncalls; i-- > 0;) {
			if (shown[i] || (pass == 0 && e->calls[i].ret != -1) ||
			    (pass == 1 && !pane_call_latest(e, i)))
				continue;
			full = pass == 1 && used + pane_call_rows(e, i, w, 1) <=
			    rows;
			if (used + pane_call_rows(e, i, w, full) > rows)
				continue;
			shown[i] = 1;
			whole[i] = full;
			used += pane_call_rows(e, i, w, full);
		}
	}
}

/* The latest calls that fit, in the order they were made, under a
 * heading; one that failed stands out, marked, and is kept before any
 * that succeeded. */
void
pane_calls(const struct view_model *m, const struct scene_endpoint *e,
    int y, int x, int w, int rows)
{
	struct pane_call	pc;
	int			shown[SCENE_CALLS], whole[SCENE_CALLS], attr;
	int			failed;
	size_t			i;

	pane_pick_calls(e, w, rows, shown, whole);
	draw_text(y++, x, w, theme_attr(ROLE_DIM), uitext(UI_LAST_CALL,
	    m->lang));
	for (i = 0; i < e->ncalls; i++) {
		if (!shown[i])
			continue;
		pane_call_shape(e, i, w, whole[i], &pc);
		failed = e->calls[i].ret == -1;
		attr = theme_attr(failed ? ROLE_FAIL : ROLE_NORMAL) |
		    (failed ? draw_bold : 0);
		if (failed)
			draw_text(y, x, w, attr, theme_glyphs()->cross);
		y += draw_wrapped(y, x + pc.mark, w - pc.mark, pc.rows, attr,
		    pc.text);
	}
}
