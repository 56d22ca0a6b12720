/*
 * pane.h: an endpoint pane: the processes on one side of the lab, each
 * with its pid, its socket's TCP state in large type, where the state came
 * from, its timer, queues and latest calls.
 */
#ifndef PANE_H
#define PANE_H

#include "tui/viewmodel.h"

/* The rows the pane of a side, w columns wide, needs to show everything,
 * its box included. */
int	pane_rows(const struct view_model *, int side, int w);
/* The rows the pane of a side keeps however long the narration, its box
 * included: never more than pane_rows. */
int	pane_floor(const struct view_model *, int side, int w);
/* Draw the pane of a side (0 left, 1 right) in the given rectangle. */
void	pane_draw(const struct view_model *, int side, int y, int x, int h,
	    int w);

#endif
