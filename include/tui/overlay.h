/*
 * overlay.h: what can cover the lesson view: the event log, the RFC 793
 * close diagram with both endpoints' states marked, and the help. Also the
 * details of a selected segment, shown in place of the narration.
 */
#ifndef OVERLAY_H
#define OVERLAY_H

#include "tui/viewmodel.h"

/* Draw the model's overlay in the given rectangle. */
void	overlay_draw(const struct view_model *, int y, int x, int h, int w);
/* Draw the details of the selected segment and what caused it; returns
 * the rows used, 0 when no captured segment is selected. */
int	overlay_segment(const struct view_model *, int y, int x, int h, int w);

#endif
