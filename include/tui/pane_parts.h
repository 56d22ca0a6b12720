/*
 * pane_parts.h: the insides of the panes shared by the files they are
 * split into, pane.c (the blocks and their plans) and pane_calls.c (an
 * endpoint's latest calls), and by nothing else.
 */
#ifndef PANE_PARTS_H
#define PANE_PARTS_H

#include <stddef.h>

#include "model/scene.h"
#include "tui/viewmodel.h"

/* Whether call i of an endpoint belongs to its latest step. */
int	pane_call_latest(const struct scene_endpoint *, size_t i);
/* The rows call i takes in w columns, whole or compact. */
int	pane_call_rows(const struct scene_endpoint *, size_t i, int w,
	    int whole);
/* The fewest rows the calls may shrink to: the heading, the latest
 * step's (three at most) and the newest that failed, compact. */
int	pane_calls_floor(const struct scene_endpoint *, int w);
/* Draw the calls that fit in rows rows from y, under their heading. */
void	pane_calls(const struct view_model *, const struct scene_endpoint *,
	    int y, int x, int w, int rows);

#endif
