/*
 * check.h: `finwave check`: lessons run headless in parallel, each in a
 * worker process with a namespace of its own, one line of verdict each.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>

#include "lesson/catalog.h"
#include "run/play.h"

/* Run every lesson of the catalog, jobs at a time, as play_run does with
 * the options' pace and settle rule (in English, without a pcap); print
 * one line per lesson on out, in catalog order. Returns 0 when all held,
 * else 1. */
int	check_run(const struct catalog *, int jobs, const struct play_options *,
	    FILE *out);

#endif
