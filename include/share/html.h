/*
 * html.h: a run as one self-contained web page that replays it step by
 * step: buttons and keys move through the steps, the endpoints' panes
 * show each socket's latest state so far, the step's narration is shown
 * large, and the ladder (the SVG of svg.h, inline) grows by one step at a
 * time. Nothing is fetched: the page's policy forbids it.
 */
#ifndef HTML_H
#define HTML_H

#include <stdio.h>

#include "share/ladder.h"
#include "share/svg.h"

/* Write the page. */
void	html_write(FILE *, const struct ladder *, const struct svg_about *);

#endif
