/*
 * menu.h: the lesson menu: lessons grouped by chapter in curriculum order,
 * each with its title, summary and, when completed, a mark and the
 * guesses right in its last completed run; a text filter; and, when
 * lesson files were skipped, a note and a page saying why.
 * menu_key and menu_mouse change only the menu; menu_draw only reads it.
 */
#ifndef MENU_H
#define MENU_H

#include <stddef.h>

#include "lesson/catalog.h"
#include "lesson/progress.h"
#include "tui/keys.h"

enum menu_result {
	MENU_HANDLED,	/* redraw */
	MENU_OPEN,	/* open the selected lesson */
	MENU_QUIT,
	MENU_IGNORED	/* not a menu key */
};

struct menu {
	const struct catalog	*cat;
	const struct progress	*progress;
	enum lang		 lang;
	size_t			 selected;	/* index in cat */
	char			 filter[128];
	int			 filtering;	/* typing the filter */
	int			 help;
	int			 skipped;	/* showing why files were
						 * skipped */
	int			 rows;		/* the screen's, for a page:
						 * set before a key */
	const char		*message;	/* the status line until the
						 * next key, or NULL */
};

/* Set up the menu at the first lesson not completed yet. */
void	menu_init(struct menu *, const struct catalog *,
	    const struct progress *, enum lang);
/* Handle a key: a character, or one of enum keys. */
enum menu_result menu_key(struct menu *, int ch);
/* Handle the mouse at (y, x) of the screen drawn last: a click on a
 * lesson selects it, on the selected one opens it; the wheel moves as
 * Up and Down do. */
enum menu_result menu_mouse(struct menu *, int y, int x, enum keys_mouse);
/* Draw the menu on the whole screen, and record where each lesson is. */
void	menu_draw(const struct menu *, int rows, int cols);

#endif
