/*
 * narration.h: the narration of the lesson view, drawn from a view_model:
 * what the step says, asks and taught, and the end of the lesson. The
 * question and its choices always stay in view; the rest scrolls.
 */
#ifndef NARRATION_H
#define NARRATION_H

#include "tui/viewmodel.h"

/* How the narration fitted where it was drawn. */
struct narration_fit {
	int	max_scroll;	/* the lines it can scroll down: 0, it all
				 * fits */
	int	page;		/* the lines that scroll in view */
};

/* The rows the narration needs in w columns to show everything, and of
 * them the rows that stay in view while the rest scrolls (the question,
 * its choices and how to answer them). */
void	narration_measure(const struct view_model *, int w, int *rows,
	    int *pinned);
/* Draw the narration in h rows of w columns at (y, x), scrolled down
 * m->narration_scroll lines (at most fit->max_scroll). */
void	narration_draw(const struct view_model *, int y, int x, int h, int w,
	    struct narration_fit *fit);

#endif
