/*
 * ui.h: the interactive program: the terminal, the menu and an open
 * lesson, all driven by the one poll loop.
 */
#ifndef UI_H
#define UI_H

#include "lesson/catalog.h"
#include "lesson/language.h"
#include "tui/theme.h"

/* How the view starts: its theme and its animation speed (percent). */
struct ui_options {
	enum theme_name	theme;
	int		speed;
};

/* Run the TUI on the catalog, opening lesson `open` (an index, or -1 for
 * the menu), in the language chosen (a note says when it is not the one
 * asked for). Returns the exit status; the terminal is restored and every
 * lab ended however it stops. */
int	ui_run(const struct catalog *, int open, const struct language *,
	    const struct ui_options *);

#endif
