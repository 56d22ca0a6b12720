/*
 * lane.h: the wire lane, a sequence diagram with time flowing down: one
 * row per captured segment, an arrow from its sender's side to its
 * receiver's, labelled with its flags and relative seq/ack.
 */
#ifndef LANE_H
#define LANE_H

#include <stddef.h>

#include "tui/viewmodel.h"

/* Draw the lane in the given rectangle. */
void	lane_draw(const struct view_model *, int y, int x, int h, int w);
/* The label of a segment ("FIN ACK seq 1 ack 1"), into buf. */
const char *lane_label(const struct ev_seg *, char *buf, size_t len);

#endif
