/*
 * play.h: a lesson run headless from start to end, every step's key
 * pressed in order: the engine of `finwave play` and of each lesson that
 * `finwave check` runs.
 */
#ifndef PLAY_H
#define PLAY_H

#include <stdio.h>

#include "lesson/lesson.h"

struct play_result {
	char	*error;		/* why the lab could not run, or NULL;
				 * the caller frees it */
	int	unsupported;	/* ... because the kernel lacks what the
				 * lesson requires: skipped, not failed */
	int	interrupted;	/* SIGINT, SIGTERM, SIGHUP or SIGQUIT */
	int	checks;
	int	failures;
	double	seconds;
	char	*report;	/* one line per failed check; caller frees */
};

/* Run a lesson; print its transcript on out as it goes when out is not
 * NULL. Fills *res; returns 0 when every check held, else 1. */
int	play_run(const struct lesson *, enum lang, const char *pcap_path,
	    FILE *out, struct play_result *res);

#endif
