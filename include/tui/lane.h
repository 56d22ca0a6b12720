/*
 * lane.h: the wire lane, a sequence diagram with time flowing down: one
 * row per captured segment, an arrow from its sender's side to its
 * receiver's, labelled with its flags and relative seq/ack. The copies of
 * a segment the wire took (the kernel's retransmissions of it) share one
 * row that counts those still held and those dropped. The rows are the
 * scene's arrows.
 */
#ifndef LANE_H
#define LANE_H

#include <stddef.h>

#include "tui/viewmodel.h"

/* Draw the lane in the given rectangle. */
void	lane_draw(const struct view_model *, int y, int x, int h, int w);
/* The segment of the selected row and, in *i, the event it is drawn
 * from; NULL when no row shown is selected. */
const struct ev_seg *lane_selected(const struct view_model *, size_t *i);
/* What the wire did with the selected row's segment: its copies held
 * and dropped, or a rule's drop; into buf. NULL when the row is a
 * captured segment's. */
const char *lane_fate(const struct view_model *, char *buf, size_t len);

#endif
