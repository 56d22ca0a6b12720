/*
 * draw.h: drawing primitives on the curses screen: text clipped to a
 * width in display columns, lines, boxes, wrapped paragraphs, a key bar.
 * Every view draws through these, so width and glyph rules live here once.
 */
#ifndef DRAW_H
#define DRAW_H

#include <stdint.h>

#include "tui/theme.h"

/* Attributes a view may add to a role's (curses' own values, so that only
 * the drawing files include curses). */
extern const int	draw_bold, draw_reverse, draw_underline;

/* What a region of the screen is, for a click on it. */
enum draw_hit_kind {
	HIT_LESSON,	/* a lesson of the menu; value: its index */
	HIT_CHOICE,	/* a question's choice; value: its number, 1..9 */
	HIT_ARROW,	/* an arrow of the lane; value: its event's seq */
	HIT_STEP	/* a step; value: its index */
};

/* One entry of a key bar: the key and what it does. */
struct draw_key {
	const char	*key;
	const char	*label;
};

/* Draw the first line of s at (y, x) in at most w columns; returns the
 * columns used. */
int	draw_text(int y, int x, int w, int attr, const char *s);
/* Like draw_text, with printf formatting. */
int	draw_textf(int y, int x, int w, int attr, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
/* Blank the whole screen, and forget every region recorded by draw_hit. */
void	draw_erase(void);
/* Record that w columns at (y, x) of the screen being drawn show a thing
 * of a kind, until the next draw_erase(). */
void	draw_hit(int y, int x, int w, enum draw_hit_kind, uint64_t value);
/* What is at (y, x) of the screen drawn last (of regions that overlap,
 * the last recorded): 1 and its kind and value, or 0 for nothing. */
int	draw_hit_at(int y, int x, enum draw_hit_kind *, uint64_t *value);
/* Fill w columns with blanks. */
void	draw_fill(int y, int x, int w, int attr);
/* Draw s centred in w columns. */
void	draw_center(int y, int x, int w, int attr, const char *s);
/* A horizontal line of w columns. */
void	draw_hline(int y, int x, int w, int attr);
/* A box; the title (may be NULL) sits in its top edge. */
void	draw_box(int y, int x, int h, int w, int attr, const char *title,
	    int title_attr);
/* Draw s wrapped to w columns in at most rows rows (the last row ends in
 * an ellipsis when the text is longer); returns the rows used. */
int	draw_wrapped(int y, int x, int w, int rows, int attr, const char *s);
/* The rows s needs when wrapped to w columns. */
int	draw_wrapped_rows(int w, const char *s);
/* A key bar: as many entries as fit, in order. */
void	draw_keys(int y, int x, int w, const struct draw_key *, int n);

#endif
