/*
 * diagram.h: a run's ladder as plain text for a terminal, a handout or a
 * mail, as `tshark -z flow` prints one: a column per endpoint, a label
 * line and an arrow line per segment, the states on the lifelines
 * ("[TIME_WAIT 60 s]" from the kernel, "[LAST_ACK (wire)]" proved by the
 * segments), the calls beside them, and each step's title and narration.
 */
#ifndef DIAGRAM_H
#define DIAGRAM_H

#include <stdio.h>

#include "share/ladder.h"
#include "share/svg.h"

/* Print the ladder; about says where the run comes from. */
void	diagram_write(FILE *, const struct ladder *, const struct svg_about *);

#endif
