/*
 * play.h: a lesson run headless from start to end, every step's key
 * pressed in order: the engine of `finwave play` and of each lesson that
 * `finwave check` runs.
 */
#ifndef PLAY_H
#define PLAY_H

#include <stdio.h>

#include "lesson/lesson.h"
#include "run/runner.h"

struct play_options {
	enum lang		 lang;
	const char		*pcap_path;	/* write the segments here, or
						 * NULL */
	unsigned		 pace_ms;	/* wait this long before each
						 * step, as a slow reader would,
						 * but never past a step's
						 * deadline */
	enum settle_rule	 settle;
	/* Called once the run has ended (however it ended), before its lab
	 * goes, to write what was asked of it; -1 and *cause (caller frees)
	 * when that could not be written. NULL: nothing to write. */
	int			(*save)(const struct lesson *,
				    const struct timeline *,
				    const struct framelog *, void *arg,
				    char **cause);
	void			*save_arg;
};

struct play_result {
	char	*error;		/* why the lab could not run, or NULL;
				 * the caller frees it */
	int	unsupported;	/* ... because the kernel lacks what the
				 * lesson requires: skipped, not failed */
	int	interrupted;	/* SIGINT, SIGTERM, SIGHUP or SIGQUIT */
	int	checks;
	int	failures;
	int	not_reached;	/* checks of steps run after their deadline */
	int	cut_short;	/* waits a deadline made shorter than the pace */
	double	seconds;
	char	*report;	/* one line per check that did not hold; the
				 * caller frees it */
};

/* Run a lesson; print its transcript on out as it goes when out is not
 * NULL. Fills *res; returns 0 when every check held, else 1. */
int	play_run(const struct lesson *, const struct play_options *,
	    FILE *out, struct play_result *res);

#endif
