/*
 * narration.h: the narration of the lesson view, drawn from a view_model:
 * what the step says, asks and taught, and the end of the lesson.
 */
#ifndef NARRATION_H
#define NARRATION_H

#include "tui/viewmodel.h"

/* Draw the narration in h rows of w columns at (y, x). */
void	narration_draw(const struct view_model *, int y, int x, int h, int w);

#endif
