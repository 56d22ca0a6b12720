/*
 * bigtext.h: a block font five rows high, for a state name that must be
 * read from across a room (the projector): A-Z, 0-9, '_' and space, each
 * three columns wide with a column between. Drawn in full blocks, or '#'
 * outside UTF-8, through draw.h.
 */
#ifndef BIGTEXT_H
#define BIGTEXT_H

/* The rows a line of big text takes. */
#define BIGTEXT_ROWS	5

/* The columns s takes in big text: four a character, less the last gap. */
int	bigtext_width(const char *s);
/* Draw s in big text with its top left at (y, x); a character the font
 * does not have is a blank cell. */
void	bigtext_draw(int y, int x, int attr, const char *s);

#endif
