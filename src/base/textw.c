/*
 * textw.c: UTF-8 text measured in terminal columns. The text is decoded by
 * utf8.c, strictly: a byte that does not begin a valid character is one
 * column of its own, and one that textw_escape() writes out. A
 * character's width is wcwidth(3)'s in the current locale, the width
 * ncursesw gives it on the screen (textw.h says which locale).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unictype.h>
#include <unilbrk.h>

#include "base/textw.h"
#include "base/utf8.h"
#include "base/xmalloc.h"

/* What a byte that is not UTF-8 stands for: U+FFFD, one column. */
#define TEXTW_BAD	0xfffd

/* The character at s: its length in bytes, its code point in *c; a byte
 * that does not begin a UTF-8 character (utf8.c) is one of its own,
 * TEXTW_BAD. A character never holds the NUL that ends s. */
static size_t
textw_next(const char *s, uint32_t *c)
{
	size_t	n;

	if ((n = utf8_decode(s, strnlen(s, UTF8_MAX), c)) == 0) {
		*c = TEXTW_BAD;
		n = 1;
	}
	return (n);
}

/* Columns of one character: wcwidth(3)'s, as ncursesw places it, or one
 * where wcwidth has none (-1: a control, or any character but ASCII
 * outside a UTF-8 locale), so that nothing is lost. */
static int
textw_char_width(uint32_t c)
{
	int	w = wcwidth((wchar_t)c);

	return (w == -1 ? 1 : w);
}

/* The display width of the first len bytes of s. */
static int
textw_width_n(const char *s, size_t len)
{
	const char	*end = s + len;
	uint32_t	 c;
	int		 w = 0;

	while (s < end && *s != '\0') {
		s += textw_next(s, &c);
		w += textw_char_width(c);
	}
	return (w);
}

/* The display width of s. */
int
textw_width(const char *s)
{
	return (textw_width_n(s, strlen(s)));
}

/* The bytes of s that fit in cols columns. */
size_t
textw_fit(const char *s, int cols, int *used)
{
	uint32_t	c;
	size_t		off = 0, n;
	int		w = 0, cw;

	while (s[off] != '\0' && s[off] != '\n') {
		n = textw_next(s + off, &c);
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

/* Where a line may break before each byte of s (n bytes): UAX #14 as
 * libunistring computes it, into brk (n bytes). */
static void
textw_breaks(const char *s, size_t n, char *brk)
{
	u8_possible_linebreaks((const uint8_t *)s, n, "UTF-8", brk);
}

/* Whether a line cut where no rule allows one may fall between a and b:
 * not before closing or other punctuation (）” ，。 ; ), not after an
 * opening mark (（“ ( ). */
static int
textw_may_cut(uint32_t a, uint32_t b)
{
	return (!uc_is_general_category_withtable(b, UC_CATEGORY_MASK_Pe |
	    UC_CATEGORY_MASK_Pf | UC_CATEGORY_MASK_Po) &&
	    !uc_is_general_category_withtable(a, UC_CATEGORY_MASK_Ps |
	    UC_CATEGORY_MASK_Pi));
}

/* The end of the line that begins at s[start]: before a newline, at the
 * last break opportunity that fits in cols, or, where none fits (a long
 * identifier), after the last character that fits and may end a line
 * (any last character when none may). Blanks may hang past cols; the
 * caller trims them. */
static size_t
textw_line_end(const char *s, const char *brk, size_t start, int cols)
{
	uint32_t	c, prev = 0;
	size_t		off = start, last = start, cut = start, n;
	int		w = 0, cw;

	while (s[off] != '\0' && s[off] != '\n') {
		n = textw_next(s + off, &c);
		cw = textw_char_width(c);
		if (off > start && brk[off] == UC_BREAK_POSSIBLE)
			last = off;
		if (off > start && textw_may_cut(prev, c))
			cut = off;
		if (c != ' ' && w + cw > cols) {
			if (last > start)
				return (last);
			if (cut > start)
				return (cut);
			return (off > start ? off : off + n);
		}
		w += cw;
		off += n;
		prev = c;
	}
	return (off);
}

/* Wrap s to cols columns. */
size_t
textw_wrap(const char *s, int cols, struct textw_line *lines, size_t max)
{
	char		 stack[1024], *brk;
	size_t		 count = 0, n = strlen(s), off = 0, end, len;

	if (cols < 2)
		cols = 2;
	brk = n <= sizeof stack ? stack : xmalloc(n);
	textw_breaks(s, n, brk);
	while (off < n) {
		end = textw_line_end(s, brk, off, cols);
		if (count < max) {
			/* Trailing blanks of a wrapped line are not shown. */
			for (len = end - off; len > 0 && s[off + len - 1] == ' ';
			    len--)
				continue;
			lines[count].s = s + off;
			lines[count].len = len;
			lines[count].cols = textw_width_n(s + off, len);
		}
		count++;
		off = end;
		while (s[off] == ' ')
			off++;
		if (s[off] == '\n')
			off++;
	}
	if (brk != stack)
		free(brk);
	return (count);
}

/* Whether c is full-width punctuation: a CJK mark (、。「」) or a
 * full-width form that is punctuation (，（）：, not Ａ or １). */
static int
textw_fullwidth_mark(uint32_t c)
{
	return ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff65 &&
	    uc_is_general_category_withtable(c, UC_CATEGORY_MASK_P)));
}

/* Join the lines of a paragraph. */
void
textw_flow(char *text)
{
	char		*p, *q;
	uint32_t	 prev = 0, next;
	size_t		 n;
	int		 ascii;

	for (p = q = text; *p != '\0'; p += n) {
		if (*p != '\n') {
			n = textw_next(p, &prev);
			memmove(q, p, n);
			q += n;
			continue;
		}
		n = 1;
		if (p[1] == '\0' || p[1] == '\n' || q == text || prev == ' ')
			continue;
		textw_next(p + 1, &next);
		ascii = (prev < 0x80 || next < 0x80) && next != ' ';
		if (ascii && !textw_fullwidth_mark(prev) &&
		    !textw_fullwidth_mark(next)) {
			*q++ = ' ';
			prev = ' ';
		}
	}
	*q = '\0';
}

/* Whether a decoded character of n bytes is one a terminal would act on
 * or could not show: a C0 control (but newline when keep_nl), DEL, a C1
 * control, or a byte that is not UTF-8. */
static int
textw_unprintable(uint32_t c, size_t n, int keep_nl)
{
	if (c == TEXTW_BAD && n == 1)
		return (1);	/* a byte that does not decode */
	if (c == '\n')
		return (!keep_nl);
	return (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0));
}

/* Whether s can go to a terminal as it is. */
int
textw_printable(const char *s, int keep_nl)
{
	uint32_t	c;
	size_t		n;

	for (; *s != '\0'; s += n) {
		n = textw_next(s, &c);
		if (textw_unprintable(c, n, keep_nl))
			return (0);
	}
	return (1);
}

/* A copy with every unprintable character written out. */
char *
textw_escape(const char *s, int keep_nl)
{
	uint32_t	 c;
	size_t		 n, off = 0;
	char		*out = xmalloc(strlen(s) * 6 + 1);

	for (; *s != '\0'; s += n) {
		n = textw_next(s, &c);
		if (!textw_unprintable(c, n, keep_nl)) {
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
