/*
 * textw.c: UTF-8 text measured in terminal columns, decoded by hand so the
 * result does not depend on the locale: a width is the same in tests, in
 * C.UTF-8 and in zh_CN.UTF-8.
 */

#include <stdio.h>
#include <string.h>

#include "base/textw.h"
#include "base/xmalloc.h"

/* Decode one character at s; returns its length in bytes (1 for a bad
 * byte, which decodes as U+FFFD) and stores it in *wc. */
static size_t
textw_decode(const char *s, unsigned *wc)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n, i;
	unsigned		 c;

	if (u[0] < 0x80) {
		*wc = u[0];
		return (1);
	}
	if (u[0] >= 0xc2 && u[0] < 0xe0) {
		n = 2;
		c = u[0] & 0x1f;
	} else if (u[0] >= 0xe0 && u[0] < 0xf0) {
		n = 3;
		c = u[0] & 0x0f;
	} else if (u[0] >= 0xf0 && u[0] < 0xf5) {
		n = 4;
		c = u[0] & 0x07;
	} else {
		*wc = 0xfffd;
		return (1);
	}
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*wc = 0xfffd;
			return (1);
		}
		c = (c << 6) | (u[i] & 0x3f);
	}
	*wc = c;
	return (n);
}

/* Columns of one character: 0 for combining marks, 2 for East Asian wide
 * and fullwidth ranges, 1 otherwise. */
static int
textw_char_width(unsigned c)
{
	if (c == 0 || (c >= 0x300 && c < 0x370) || c == 0x200b ||
	    (c >= 0xfe00 && c < 0xfe10))
		return (0);
	if ((c >= 0x1100 && c < 0x1160) ||
	    (c >= 0x2e80 && c < 0x303f) ||
	    (c >= 0x3040 && c < 0xa4d0) ||
	    (c >= 0xac00 && c < 0xd7a4) ||
	    (c >= 0xf900 && c < 0xfb00) ||
	    (c >= 0xfe30 && c < 0xfe50) ||
	    (c >= 0xff00 && c < 0xff61) ||
	    (c >= 0xffe0 && c < 0xffe7) ||
	    (c >= 0x1f300 && c < 0x1f650) ||
	    (c >= 0x20000 && c < 0x3fffe))
		return (2);
	return (1);
}

/* The display width of s. */
int
textw_width(const char *s)
{
	unsigned	c;
	int		w = 0;

	while (*s != '\0') {
		s += textw_decode(s, &c);
		w += textw_char_width(c);
	}
	return (w);
}

/* The bytes of s that fit in cols columns. */
size_t
textw_fit(const char *s, int cols, int *used)
{
	unsigned	c;
	size_t		off = 0, n;
	int		w = 0, cw;

	while (s[off] != '\0' && s[off] != '\n') {
		n = textw_decode(s + off, &c);
		cw = textw_char_width(c);
		if (w + cw > cols)
			break;
		w += cw;
		off += n;
	}
	if (used != NULL)
		*used = w;
	return (off);
}

/* Wrap s to cols columns. */
size_t
textw_wrap(const char *s, int cols, struct textw_line *lines, size_t max)
{
	const char	*p = s, *brk;
	size_t		 count = 0, n, len;
	unsigned	 c;
	int		 w, cw, brkw;

	if (cols < 2)
		cols = 2;
	while (*p != '\0') {
		w = 0;
		len = 0;
		brk = NULL;
		brkw = 0;
		while (p[len] != '\0' && p[len] != '\n') {
			n = textw_decode(p + len, &c);
			cw = textw_char_width(c);
			if (w + cw > cols)
				break;
			w += cw;
			len += n;
			/* A break may follow a blank or any wide character. */
			if (c == ' ' || cw == 2) {
				brk = p + len;
				brkw = w;
			}
		}
		if (p[len] != '\0' && p[len] != '\n' && brk != NULL &&
		    p[len] != ' ') {
			len = (size_t)(brk - p);
			w = brkw;
		}
		if (count < max) {
			lines[count].s = p;
			lines[count].len = len;
			lines[count].cols = w;
			/* Trailing blanks of a wrapped line are not shown. */
			while (lines[count].len > 0 &&
			    p[lines[count].len - 1] == ' ') {
				lines[count].len--;
				lines[count].cols--;
			}
		}
		count++;
		p += len;
		while (*p == ' ')
			p++;
		if (*p == '\n')
			p++;
	}
	return (count);
}

/* Whether a decoded character of n bytes is one a terminal would act on
 * or could not show: a C0 control (but newline when keep_nl), DEL, a C1
 * control, or a byte that is not UTF-8. */
static int
textw_unprintable(unsigned c, size_t n, const char *s, int keep_nl)
{
	if (c == 0xfffd && n == 1 && (unsigned char)s[0] >= 0x80)
		return (1);	/* a byte that does not decode */
	if (c == '\n')
		return (!keep_nl);
	return (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0));
}

/* Whether s can go to a terminal as it is. */
int
textw_printable(const char *s, int keep_nl)
{
	unsigned	c;
	size_t		n;

	for (; *s != '\0'; s += n) {
		n = textw_decode(s, &c);
		if (textw_unprintable(c, n, s, keep_nl))
			return (0);
	}
	return (1);
}

/* A copy with every unprintable character written out. */
char *
textw_escape(const char *s, int keep_nl)
{
	unsigned	 c;
	size_t		 n, off = 0;
	char		*out = xmalloc(strlen(s) * 6 + 1);

	for (; *s != '\0'; s += n) {
		n = textw_decode(s, &c);
		if (!textw_unprintable(c, n, s, keep_nl)) {
			memcpy(out + off, s, n);
			off += n;
		} else if (c >= 0x80 && c < 0xa0)
			off += (size_t)sprintf(out + off, "\\u%04x", c);
		else
			off += (size_t)sprintf(out + off, "\\x%02x",
			    (unsigned char)s[0]);
	}
	out[off] = '\0';
	return (out);
}
