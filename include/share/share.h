/*
 * share.h: a run kept to show others: the files `finwave play` writes
 * when asked (--svg, --html, --pcapng, --diagram), and the folder the
 * view saves on a key, under $XDG_DATA_HOME/finwave/runs (transcript,
 * pcapng, SVG, HTML and the learner's guesses). Everything is written
 * from the run's timeline and its frames, up to a point: a saved run is
 * the run so far.
 */
#ifndef SHARE_H
#define SHARE_H

#include <stddef.h>
#include <stdio.h>

#include "share/sharerun.h"

/* The files `finwave play` was asked for: paths, or NULL. */
struct share_files {
	const char	*svg;
	const char	*html;
	const char	*pcapng;
	FILE		*diagram;	/* print the text ladder here, or
					 * NULL */
};

/* Whether any file is asked for. */
int	share_wanted(const struct share_files *);
/* Whether each file asked for can be written, and none is named twice
 * (pcap: play's --pcap, or NULL), before the run, so that nothing is
 * run for nothing: -1 and *cause for the first that cannot be written,
 * -2 and *cause for an empty name or one named twice (bad usage). */
int	share_files_check(const struct share_files *, const char *pcap,
	    char **cause);
/* Write the files asked for, each through a temporary file renamed over
 * it once whole (a device is written directly); -1 and *cause (caller
 * frees) for the first that could not be written, which is left as it
 * was. */
int	share_write_files(const struct share_run *, const struct share_files *,
	    char **cause);
/* Save the run in a new folder under $XDG_DATA_HOME/finwave/runs (or
 * ~/.local/share/finwave/runs), named after the lesson and the time,
 * made with the progress file's rules (base/safedir.h); guesses is the
 * learner's answers as text, one a line. The folder's path goes to *dir
 * (caller frees); -1 and *cause when it could not be saved. */
int	share_save(const struct share_run *, const char *guesses, char **dir,
	    char **cause);

#endif
