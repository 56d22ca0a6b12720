/*
 * draw.c: the primitives. Widths are display columns (textw), so Chinese
 * text takes two columns a character and is never cut in half.
 */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/textw.h"
#include "base/xmalloc.h"
#include "tui/draw.h"

#define DRAW_MAX_WRAP	64
/* The regions a screen can record for clicks; more are not recorded. */
#define DRAW_MAX_HITS	256

/* A region of the screen a click acts on. */
struct draw_region {
	int			y, x, w;
	enum draw_hit_kind	kind;
	uint64_t		value;
};

/* The hit map: what the screen drawn last shows where. */
static struct draw_region	draw_hits[DRAW_MAX_HITS];
static size_t			draw_nhits;

const int	draw_bold = A_BOLD;
const int	draw_reverse = A_REVERSE;
const int	draw_underline = A_UNDERLINE;

/* Blank the whole screen; a new screen starts a new hit map. */
void
draw_erase(void)
{
	erase();
	draw_nhits = 0;
}

/* Record a region for clicks. */
void
draw_hit(int y, int x, int w, enum draw_hit_kind kind, uint64_t value)
{
	if (w <= 0 || draw_nhits == DRAW_MAX_HITS)
		return;
	draw_hits[draw_nhits++] = (struct draw_region){ y, x, w, kind, value };
}

/* What a click at (y, x) is on: the newest region there, drawn over any
 * older one. */
int
draw_hit_at(int y, int x, enum draw_hit_kind *kind, uint64_t *value)
{
	const struct draw_region	*r;
	size_t				 i;

	for (i = draw_nhits; i-- > 0;) {
		r = &draw_hits[i];
		if (r->y == y && x >= r->x && x < r->x + r->w) {
			*kind = r->kind;
			*value = r->value;
			return (1);
		}
	}
	return (0);
}

/* Draw the first line of s in at most w columns; anything a terminal
 * would act on is shown written out, never sent. */
int
draw_text(int y, int x, int w, int attr, const char *s)
{
	char	*safe = NULL;
	size_t	 len;
	int	 used;

	if (w <= 0)
		return (0);
	if (!textw_printable(s, 1))
		s = safe = textw_escape(s, 1);
	len = textw_fit(s, w, &used);
	attrset(attr);
	mvaddnstr(y, x, s, (int)len);
	attrset(A_NORMAL);
	free(safe);
	return (used);
}

/* draw_text with formatting. */
int
draw_textf(int y, int x, int w, int attr, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 used;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		fatal("vasprintf");
	va_end(ap);
	used = draw_text(y, x, w, attr, s);
	free(s);
	return (used);
}

/* Blanks. */
void
draw_fill(int y, int x, int w, int attr)
{
	attrset(attr);
	if (w > 0)
		mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

/* Centred text. */
void
draw_center(int y, int x, int w, int attr, const char *s)
{
	int	tw = textw_width(s);

	if (tw > w)
		tw = w;
	draw_text(y, x + (w - tw) / 2, w, attr, s);
}

/* A horizontal line. */
void
draw_hline(int y, int x, int w, int attr)
{
	const char	*h = theme_glyphs()->h;
	int		 i;

	attrset(attr);
	for (i = 0; i < w; i++)
		mvaddstr(y, x + i, h);
	attrset(A_NORMAL);
}

/* A box with a title in its top edge. */
void
draw_box(int y, int x, int h, int w, int attr, const char *title,
    int title_attr)
{
	const struct glyphs	*g = theme_glyphs();
	int			 i;

	if (h < 2 || w < 2)
		return;
	draw_hline(y, x + 1, w - 2, attr);
	draw_hline(y + h - 1, x + 1, w - 2, attr);
	attrset(attr);
	mvaddstr(y, x, g->tl);
	mvaddstr(y, x + w - 1, g->tr);
	mvaddstr(y + h - 1, x, g->bl);
	mvaddstr(y + h - 1, x + w - 1, g->br);
	for (i = 1; i < h - 1; i++) {
		mvaddstr(y + i, x, g->v);
		mvaddstr(y + i, x + w - 1, g->v);
	}
	attrset(A_NORMAL);
	if (title != NULL && w > 6) {
		draw_text(y, x + 2, 1, attr, " ");
		i = draw_text(y, x + 3, w - 6, title_attr, title);
		draw_text(y, x + 3 + i, 1, attr, " ");
	}
}

/* Wrapped text in at most rows rows; a last row cut short ends in the
 * ellipsis, in as many columns as it takes. */
int
draw_wrapped(int y, int x, int w, int rows, int attr, const char *s)
{
	struct textw_line	 lines[DRAW_MAX_WRAP];
	const char		*ell = theme_glyphs()->ellipsis;
	char			*tmp, *safe = NULL;
	size_t			 n, i;
	int			 used, ell_w = textw_width(ell);

	if (rows <= 0 || w <= ell_w)
		return (0);
	if (!textw_printable(s, 1))
		s = safe = textw_escape(s, 1);
	n = textw_wrap(s, w, lines, DRAW_MAX_WRAP);
	for (i = 0; i < n && i < (size_t)rows && i < DRAW_MAX_WRAP; i++) {
		tmp = xasprintf("%.*s", (int)lines[i].len, lines[i].s);
		if (i + 1 == (size_t)rows && n > (size_t)rows) {
			used = draw_text(y + (int)i, x, w - ell_w, attr, tmp);
			draw_text(y + (int)i, x + used, ell_w, attr, ell);
		} else
			draw_text(y + (int)i, x, w, attr, tmp);
		free(tmp);
	}
	free(safe);
	return ((int)i);
}

/* The rows wrapped text needs (as draw_wrapped shows it). */
int
draw_wrapped_rows(int w, const char *s)
{
	struct textw_line	 line;
	char			*safe;
	int			 n;

	if (textw_printable(s, 1))
		return ((int)textw_wrap(s, w, &line, 1));
	safe = textw_escape(s, 1);
	n = (int)textw_wrap(safe, w, &line, 1);
	free(safe);
	return (n);
}

/* A key bar. */
void
draw_keys(int y, int x, int w, const struct draw_key *keys, int n)
{
	int	i, need, col = 0;

	draw_fill(y, x, w, theme_attr(ROLE_BAR));
	for (i = 0; i < n; i++) {
		need = textw_width(keys[i].key) + 1 +
		    textw_width(keys[i].label) + 2;
		if (col + need > w)
			break;
		col += draw_text(y, x + col, w - col, theme_attr(ROLE_KEY) |
		    A_REVERSE, keys[i].key);
		col += draw_text(y, x + col, 1, theme_attr(ROLE_BAR), " ");
		col += draw_text(y, x + col, w - col, theme_attr(ROLE_BAR),
		    keys[i].label);
		col += draw_text(y, x + col, 2, theme_attr(ROLE_BAR), "  ");
	}
}
