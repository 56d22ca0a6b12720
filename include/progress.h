/*
 * progress.h: which lessons the learner has completed, kept between runs in
 * $XDG_STATE_HOME/finwave/completed (default ~/.local/state/finwave), one
 * lesson id a line.
 */
#ifndef PROGRESS_H
#define PROGRESS_H

#include <stddef.h>

struct progress {
	char	*path;		/* NULL when there is no home to keep it in */
	char	**ids;
	size_t	 n;
};

/* Read the completed lessons; a missing file is an empty list. */
void	progress_load(struct progress *);
/* Whether a lesson is completed. */
int	progress_done(const struct progress *, const char *id);
/* Mark a lesson completed and save; -1 and *cause (caller frees) when the
 * file cannot be written (the mark is kept for this run). */
int	progress_mark(struct progress *, const char *id, char **cause);
/* Free the list. */
void	progress_free(struct progress *);

#endif
