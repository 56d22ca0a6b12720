/*
 * bigtext.c: the block font. Each glyph is five rows of three cells; the
 * shapes keep look-alikes apart at a glance: B has a flat left side and
 * 8 none, O is round where 0 is square and D flat on the left, S is
 * curved where 5 has a flat top, I has serifs top and bottom where 1 has
 * a flag, M joins at the top where W joins at the bottom, N is an open
 * arch, and '_' sits on the bottom row.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "tui/bigtext.h"
#include "tui/draw.h"

/* The columns of a glyph, and of the gap after it. */
#define BIGTEXT_COLS	3
#define BIGTEXT_GAP	1

/* The glyphs by character, each row three cells: '#' is a block. */
static const char *bigtext_font[128][BIGTEXT_ROWS] = {
	['A'] = { " # ", "# #", "###", "# #", "# #" },
	['B'] = { "## ", "# #", "## ", "# #", "## " },
	['C'] = { " ##", "#  ", "#  ", "#  ", " ##" },
	['D'] = { "## ", "# #", "# #", "# #", "## " },
	['E'] = { "###", "#  ", "## ", "#  ", "###" },
	['F'] = { "###", "#  ", "## ", "#  ", "#  " },
	['G'] = { " ##", "#  ", "# #", "# #", " ##" },
	['H'] = { "# #", "# #", "###", "# #", "# #" },
	['I'] = { "###", " # ", " # ", " # ", "###" },
	['J'] = { "  #", "  #", "  #", "# #", " # " },
	['K'] = { "# #", "## ", "#  ", "## ", "# #" },
	['L'] = { "#  ", "#  ", "#  ", "#  ", "###" },
	['M'] = { "# #", "###", "###", "# #", "# #" },
	['N'] = { "## ", "# #", "# #", "# #", "# #" },
	['O'] = { " # ", "# #", "# #", "# #", " # " },
	['P'] = { "## ", "# #", "## ", "#  ", "#  " },
	['Q'] = { " # ", "# #", "# #", "###", " ##" },
	['R'] = { "## ", "# #", "###", "## ", "# #" },
	['S'] = { " ##", "#  ", " # ", "  #", "## " },
	['T'] = { "###", " # ", " # ", " # ", " # " },
	['U'] = { "# #", "# #", "# #", "# #", "###" },
	['V'] = { "# #", "# #", "# #", "# #", " # " },
	['W'] = { "# #", "# #", "###", "###", "# #" },
	['X'] = { "# #", "# #", " # ", "# #", "# #" },
	['Y'] = { "# #", "# #", " # ", " # ", " # " },
	['Z'] = { "###", "  #", " # ", "#  ", "###" },
	['0'] = { "###", "# #", "# #", "# #", "###" },
	['1'] = { " # ", "## ", " # ", " # ", "###" },
	['2'] = { "## ", "  #", " # ", "#  ", "###" },
	['3'] = { "## ", "  #", " # ", "  #", "## " },
	['4'] = { "# #", "# #", "###", "  #", "  #" },
	['5'] = { "###", "#  ", "## ", "  #", "## " },
	['6'] = { " ##", "#  ", "###", "# #", "###" },
	['7'] = { "###", "  #", "  #", " # ", " # " },
	['8'] = { "###", "# #", "###", "# #", "###" },
	['9'] = { "###", "# #", "###", "  #", "## " },
	['_'] = { "   ", "   ", "   ", "   ", "###" },
	[' '] = { "   ", "   ", "   ", "   ", "   " }
};

/* The characters of s: a UTF-8 sequence counts once. */
static size_t
bigtext_chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return (n);
}

/* The columns of big text. */
int
bigtext_width(const char *s)
{
	size_t	n = bigtext_chars(s);

	return (n == 0 ? 0 : (int)n * (BIGTEXT_COLS + BIGTEXT_GAP) -
	    BIGTEXT_GAP);
}

/* Draw big text, a row at a time: blocks where a glyph has them, blanks
 * elsewhere, so whatever was under it is covered. */
void
bigtext_draw(int y, int x, int attr, const char *s)
{
	const char		*block = theme_glyphs()->block, *p, *row;
	size_t			 blen = strlen(block), off, n;
	char			*line;
	int			 r, c, w = bigtext_width(s);
	unsigned char		 ch;

	line = xmalloc((size_t)w * blen + 1);
	for (r = 0; r < BIGTEXT_ROWS; r++) {
		off = n = 0;
		for (p = s; *p != '\0'; p++) {
			ch = (unsigned char)*p;
			if ((ch & 0xc0) == 0x80)
				continue;
			if (n++ > 0)
				line[off++] = ' ';
			row = ch < 128 ? bigtext_font[ch][r] : NULL;
			for (c = 0; c < BIGTEXT_COLS; c++) {
				if (row != NULL && row[c] == '#') {
					memcpy(line + off, block, blen);
					off += blen;
				} else
					line[off++] = ' ';
			}
		}
		line[off] = '\0';
		draw_text(y + r, x, w, attr, line);
	}
	free(line);
}
