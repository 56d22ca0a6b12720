/*
 * view.h: the lesson view, drawn from a view_model and nothing else: the
 * title bar, the two endpoint panes, the wire lane between them, the
 * narration and the key bar, or an overlay (event log, state diagram,
 * help).
 */
#ifndef VIEW_H
#define VIEW_H

#include "lesson/lesson.h"
#include "tui/narration.h"
#include "tui/viewmodel.h"

/* Draw the lesson view on the whole screen (rows x cols); returns how
 * its narration fitted (how far it can scroll). */
struct narration_fit	view_draw(const struct view_model *, int rows,
			    int cols);
/* Draw the too-small message. */
void	view_draw_too_small(enum lang, int rows, int cols);

#endif
