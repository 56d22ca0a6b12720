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

/* The narration's paragraphs for one drawing: built once, measured by
 * the layout, then drawn. */
struct narration_paras;

/* Build the narration for the model's situation; narration_free frees
 * it. */
struct narration_paras	*narration_new(const struct view_model *);
/* The rows the narration needs in w columns to show everything, and of
 * them the rows that stay in view while the rest scrolls (the question,
 * its choices and how to answer them). */
void	narration_measure(struct narration_paras *, int w, int *rows,
	    int *pinned);
/* Draw the narration in h rows of w columns at (y, x), scrolled down
 * scroll lines (at most fit->max_scroll). */
void	narration_draw(struct narration_paras *, int y, int x, int h, int w,
	    int scroll, struct narration_fit *fit);
/* Free a narration. */
void	narration_free(struct narration_paras *);

#endif
