/*
 * textw.h: UTF-8 text measured in terminal columns, as ncursesw will place
 * it on the screen: a character takes what wcwidth(3) says (a Chinese
 * character or an emoji two columns, a combining mark none), one column
 * where wcwidth says -1 (a control character; outside a UTF-8 locale,
 * every character but ASCII), and a byte that is not UTF-8 one column.
 * No curses, so layout is tested.
 *
 * The locale: wcwidth follows LC_CTYPE, so the caller sets it, as ncursesw
 * needs it set too. The view runs in the user's locale (main.c calls
 * setlocale(LC_ALL, "")), a UTF-8 one for anything but ASCII to show; the
 * unit and golden tests set C.UTF-8 (setlocale(LC_CTYPE, "C.UTF-8")) before
 * they measure or draw. Under LANG=C every character counts as one column:
 * nothing is lost and the layout stays stable (the text is English and
 * the glyphs ASCII there).
 */
#ifndef TEXTW_H
#define TEXTW_H

#include <stddef.h>

/* One wrapped line: a byte range of the source text. */
struct textw_line {
	const char	*s;
	size_t		 len;
	int		 cols;
};

/* The display width of s in columns; invalid bytes count as one each. */
int	textw_width(const char *s);
/* How many bytes of s fit in cols columns without cutting a character;
 * *used (if not NULL) gets the columns they take. */
size_t	textw_fit(const char *s, int cols, int *used);
/* Wrap s to cols columns: at explicit newlines always, otherwise at the
 * last break opportunity that fits by the Unicode line breaking rules
 * (UAX #14, from libunistring: after a blank, between Chinese characters,
 * never before a closing mark such as ， or 。 nor after an opening one
 * such as （ or “), and, in a run with none (a long identifier), after
 * the last character that fits. Blanks that end a wrapped line are not
 * in it. Fills at most max lines and returns how many the whole text
 * needs. */
size_t	textw_wrap(const char *s, int cols, struct textw_line *lines,
	    size_t max);

/* Join the lines of a paragraph in place, as the view shows it: a
 * newline becomes a blank where ASCII text is on either side of it (an
 * English word, code beside Chinese) and disappears between Chinese
 * characters or beside full-width punctuation (， 。 （ ）). */
void	textw_flow(char *text);

/* Whether s can be written to a terminal as it is: no C0 control (but a
 * newline when keep_nl), no DEL, no C1 control, no byte that is not
 * UTF-8 (strictly: an overlong form, a surrogate or a code point above
 * U+10FFFF is bytes that are not). */
int	textw_printable(const char *s, int keep_nl);
/* A copy of s (caller frees) with what textw_printable() refuses written
 * out: \x1b for a control byte or a bad byte, \u009b for a C1 control. */
char	*textw_escape(const char *s, int keep_nl);

#endif
