/*
 * theme.c: colours and glyphs. A role is a foreground and background per
 * theme plus an attribute that still tells it apart in monochrome.
 */
#include <curses.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "tui/theme.h"

#define THEME_DEFAULT	(-1)

struct theme_colour {
	short	fg, bg;
	int	attr;
};

/* [role][theme]; the mono attribute is the last column. */
static const struct theme_colour theme_table[ROLE_COUNT][THEME_COUNT] = {
	[ROLE_NORMAL] = { { THEME_DEFAULT, THEME_DEFAULT, 0 },
	    { THEME_DEFAULT, THEME_DEFAULT, 0 },
	    { COLOR_WHITE, COLOR_BLACK, A_BOLD }, { 0, 0, 0 } },
	[ROLE_BAR] = { { COLOR_BLACK, COLOR_CYAN, 0 },
	    { COLOR_WHITE, COLOR_BLUE, 0 },
	    { COLOR_BLACK, COLOR_WHITE, A_BOLD }, { 0, 0, A_REVERSE } },
	[ROLE_HEADING] = { { COLOR_CYAN, THEME_DEFAULT, A_BOLD },
	    { COLOR_BLUE, THEME_DEFAULT, A_BOLD },
	    { COLOR_YELLOW, COLOR_BLACK, A_BOLD }, { 0, 0, A_BOLD } },
	[ROLE_DIM] = { { THEME_DEFAULT, THEME_DEFAULT, A_DIM },
	    { THEME_DEFAULT, THEME_DEFAULT, A_DIM },
	    { COLOR_WHITE, COLOR_BLACK, 0 }, { 0, 0, A_DIM } },
	[ROLE_BORDER] = { { COLOR_BLUE, THEME_DEFAULT, 0 },
	    { COLOR_BLUE, THEME_DEFAULT, 0 },
	    { COLOR_WHITE, COLOR_BLACK, A_BOLD }, { 0, 0, 0 } },
	[ROLE_KEY] = { { COLOR_YELLOW, THEME_DEFAULT, A_BOLD },
	    { COLOR_MAGENTA, THEME_DEFAULT, A_BOLD },
	    { COLOR_BLACK, COLOR_YELLOW, A_BOLD }, { 0, 0, A_BOLD } },
	[ROLE_SELECT] = { { COLOR_BLACK, COLOR_YELLOW, 0 },
	    { COLOR_WHITE, COLOR_MAGENTA, 0 },
	    { COLOR_BLACK, COLOR_YELLOW, A_BOLD }, { 0, 0, A_REVERSE } },
	[ROLE_OK] = { { COLOR_GREEN, THEME_DEFAULT, A_BOLD },
	    { COLOR_GREEN, THEME_DEFAULT, A_BOLD },
	    { COLOR_GREEN, COLOR_BLACK, A_BOLD }, { 0, 0, A_BOLD } },
	[ROLE_FAIL] = { { COLOR_RED, THEME_DEFAULT, A_BOLD },
	    { COLOR_RED, THEME_DEFAULT, A_BOLD },
	    { COLOR_WHITE, COLOR_RED, A_BOLD },
	    { 0, 0, A_BOLD | A_UNDERLINE } },
	[ROLE_NOTE] = { { COLOR_YELLOW, THEME_DEFAULT, 0 },
	    { COLOR_MAGENTA, THEME_DEFAULT, 0 },
	    { COLOR_YELLOW, COLOR_BLACK, A_BOLD }, { 0, 0, A_UNDERLINE } },
	[ROLE_ST_OPEN] = { { COLOR_BLACK, COLOR_GREEN, A_BOLD },
	    { COLOR_WHITE, COLOR_GREEN, A_BOLD },
	    { COLOR_BLACK, COLOR_GREEN, A_BOLD }, { 0, 0, A_REVERSE } },
	[ROLE_ST_ACTIVE] = { { COLOR_BLACK, COLOR_YELLOW, A_BOLD },
	    { COLOR_WHITE, COLOR_BLUE, A_BOLD },
	    { COLOR_BLACK, COLOR_YELLOW, A_BOLD },
	    { 0, 0, A_REVERSE | A_BOLD } },
	[ROLE_ST_PASSIVE] = { { COLOR_WHITE, COLOR_MAGENTA, A_BOLD },
	    { COLOR_WHITE, COLOR_MAGENTA, A_BOLD },
	    { COLOR_WHITE, COLOR_MAGENTA, A_BOLD },
	    { 0, 0, A_REVERSE | A_UNDERLINE } },
	[ROLE_ST_TIMEWAIT] = { { COLOR_BLACK, COLOR_CYAN, A_BOLD },
	    { COLOR_WHITE, COLOR_CYAN, A_BOLD },
	    { COLOR_BLACK, COLOR_CYAN, A_BOLD }, { 0, 0, A_REVERSE } },
	[ROLE_ST_CLOSED] = { { COLOR_WHITE, COLOR_BLACK, A_DIM },
	    { COLOR_BLACK, COLOR_WHITE, 0 },
	    { COLOR_WHITE, COLOR_BLACK, A_BOLD }, { 0, 0, A_DIM } },
	[ROLE_SEG_SYN] = { { COLOR_GREEN, THEME_DEFAULT, A_BOLD },
	    { COLOR_GREEN, THEME_DEFAULT, A_BOLD },
	    { COLOR_GREEN, COLOR_BLACK, A_BOLD }, { 0, 0, 0 } },
	[ROLE_SEG_FIN] = { { COLOR_YELLOW, THEME_DEFAULT, A_BOLD },
	    { COLOR_BLUE, THEME_DEFAULT, A_BOLD },
	    { COLOR_YELLOW, COLOR_BLACK, A_BOLD }, { 0, 0, A_BOLD } },
	[ROLE_SEG_RST] = { { COLOR_RED, THEME_DEFAULT, A_BOLD },
	    { COLOR_RED, THEME_DEFAULT, A_BOLD },
	    { COLOR_RED, COLOR_BLACK, A_BOLD }, { 0, 0, A_BOLD | A_UNDERLINE } },
	[ROLE_SEG_DATA] = { { COLOR_WHITE, THEME_DEFAULT, A_BOLD },
	    { COLOR_BLACK, THEME_DEFAULT, A_BOLD },
	    { COLOR_WHITE, COLOR_BLACK, A_BOLD }, { 0, 0, A_BOLD } },
	[ROLE_SEG_ACK] = { { THEME_DEFAULT, THEME_DEFAULT, 0 },
	    { THEME_DEFAULT, THEME_DEFAULT, 0 },
	    { COLOR_CYAN, COLOR_BLACK, A_BOLD }, { 0, 0, 0 } }
};

static const char *theme_names[THEME_COUNT] = {
	"dark", "light", "high-contrast", "mono"
};

static const struct glyphs theme_utf8_glyphs = {
	"─", "│", "┌", "┐", "└", "┘", "▶", "◀", "─", "●",
	"✓", "✗", "▸", "…", "·", "▲", "▼", "█"
};

/* Outside UTF-8, forms that read as meant: a mark is + held (or done, or
 * the kernel's answer), x failed and - not reached, as in a checklist;
 * three dots end a cut line (draw_wrapped makes room for them); a dash
 * parts a pid from its process's state. */
static const struct glyphs theme_ascii_glyphs = {
	"-", "|", "+", "+", "+", "+", ">", "<", "-", "o",
	"+", "x", ">", "...", "-", "^", "v", "#"
};

static enum theme_name	theme_current = THEME_MONO;

/* Set up the theme's colour pairs. */
void
theme_init(enum theme_name name)
{
	int	i;

	theme_current = name;
	if (!has_colors())
		theme_current = THEME_MONO;
	if (theme_current == THEME_MONO)
		return;
	start_color();
	use_default_colors();
	for (i = 0; i < ROLE_COUNT; i++) {
		init_pair((short)(i + 1), theme_table[i][theme_current].fg,
		    theme_table[i][theme_current].bg);
	}
	if (theme_current == THEME_CONTRAST)
		bkgdset(' ' | theme_attr(ROLE_NORMAL));
}

/* Parse a theme name. */
int
theme_parse(const char *s)
{
	int	i;

	for (i = 0; i < THEME_COUNT; i++) {
		if (strcmp(s, theme_names[i]) == 0)
			return (i);
	}
	return (-1);
}

/* The attributes of a role. */
int
theme_attr(enum role r)
{
	if (theme_current == THEME_MONO)
		return (theme_table[r][THEME_MONO].attr);
	return ((int)COLOR_PAIR(r + 1) | theme_table[r][theme_current].attr);
}

/* The role of a state: its phase's colour. */
enum role
theme_state_role(enum tcp_state s)
{
	static const enum role	phase_role[] = {
		[PHASE_OPEN] = ROLE_ST_OPEN,
		[PHASE_ACTIVE] = ROLE_ST_ACTIVE,
		[PHASE_PASSIVE] = ROLE_ST_PASSIVE,
		[PHASE_TIMEWAIT] = ROLE_ST_TIMEWAIT,
		[PHASE_CLOSED] = ROLE_ST_CLOSED
	};

	return (phase_role[tcpstate_phase(s)]);
}

/* The role of a segment: its kind's colour. */
enum role
theme_seg_role(int flags, unsigned len)
{
	static const enum role	kind_role[] = {
		[SEGK_RST] = ROLE_SEG_RST,
		[SEGK_SYN] = ROLE_SEG_SYN,
		[SEGK_FIN] = ROLE_SEG_FIN,
		[SEGK_DATA] = ROLE_SEG_DATA,
		[SEGK_ACK] = ROLE_SEG_ACK
	};

	return (kind_role[tcpstate_seg_kind(flags, len)]);
}

/* Whether the locale's character set is UTF-8. */
int
theme_utf8(void)
{
	return (strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
}

/* The glyphs. */
const struct glyphs *
theme_glyphs(void)
{
	return (theme_utf8() ? &theme_utf8_glyphs : &theme_ascii_glyphs);
}
