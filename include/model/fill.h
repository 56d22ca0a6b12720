/*
 * fill.h: a step's narration as this run shows it: each "{sysctl NAME}"
 * replaced by the value the lab read of net.ipv4.NAME, from the lab's
 * call in the timeline ("sysctl(net.ipv4.NAME) = 131072"). Pure.
 */
#ifndef FILL_H
#define FILL_H

#include "model/timeline.h"

/* The text filled in from the timeline's latest read of each NAME that
 * returned a value, or "?" where it has none (yet); the caller frees. */
char	*fill_text(const char *text, const struct timeline *);

#endif
