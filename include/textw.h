/*
 * textw.h: UTF-8 text measured in terminal columns. Chinese characters take
 * two columns, combining marks none. Pure: no curses, so layout is tested.
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
/* Wrap s to cols columns, at blanks where there are any (English), at any
 * character between wide characters (Chinese), at explicit newlines
 * always. Fills at most max lines and returns how many the whole text
 * needs. */
size_t	textw_wrap(const char *s, int cols, struct textw_line *lines,
	    size_t max);

#endif
