/*
 * theme.h: one table of colours for every theme, and the glyphs of the
 * screen (box drawing and arrows, or ASCII when the locale is not UTF-8).
 * Every role also has an attribute that works without colour, so nothing
 * is shown by colour alone.
 */
#ifndef THEME_H
#define THEME_H

#include "tcp/tcpstate.h"

enum theme_name {
	THEME_DARK,
	THEME_LIGHT,
	THEME_CONTRAST,
	THEME_MONO,
	THEME_COUNT
};

enum role {
	ROLE_NORMAL,
	ROLE_BAR,		/* the title bar */
	ROLE_HEADING,		/* chapter headings, pane names */
	ROLE_DIM,
	ROLE_BORDER,
	ROLE_KEY,		/* a key in the key bar */
	ROLE_SELECT,		/* the selected line */
	ROLE_OK,
	ROLE_FAIL,
	ROLE_NOTE,		/* the status message */
	ROLE_ST_OPEN,		/* ESTABLISHED, SYN_*, LISTEN */
	ROLE_ST_ACTIVE,		/* FIN_WAIT_1, FIN_WAIT_2, CLOSING */
	ROLE_ST_PASSIVE,	/* CLOSE_WAIT, LAST_ACK */
	ROLE_ST_TIMEWAIT,
	ROLE_ST_CLOSED,
	ROLE_SEG_SYN,
	ROLE_SEG_FIN,
	ROLE_SEG_RST,
	ROLE_SEG_DATA,
	ROLE_SEG_ACK,
	ROLE_COUNT
};

struct glyphs {
	const char	*h, *v;			/* lines */
	const char	*tl, *tr, *bl, *br;	/* corners */
	const char	*head_right, *head_left;
	const char	*shaft;
	const char	*origin;		/* where an arrow leaves */
	const char	*check, *cross, *pointer, *ellipsis, *dot;
	const char	*up;			/* more arrows above */
	const char	*down;			/* more text below */
	const char	*block;			/* a cell of big text */
};

/* Set up a theme's colours (call after initscr); mono when the terminal
 * has no colours. (NO_COLOR is the caller's: it yields to a theme the
 * command line or the config names.) */
void			 theme_init(enum theme_name);
/* Parse a theme name; -1 when it is not one. */
int			 theme_parse(const char *);
/* The attributes of a role. */
int			 theme_attr(enum role);
/* The role that colours a state. */
enum role		 theme_state_role(enum tcp_state);
/* The role of a segment, by its most telling flag, or data. */
enum role		 theme_seg_role(int flags, unsigned len);
/* Whether the locale is UTF-8 (else glyphs are ASCII, text English). */
int			 theme_utf8(void);
/* The glyphs for the locale. */
const struct glyphs	*theme_glyphs(void);

#endif
