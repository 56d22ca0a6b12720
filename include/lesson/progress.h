/*
 * progress.h: what the learner has done, kept between runs in
 * $XDG_STATE_HOME/finwave/completed (default ~/.local/state/finwave). A
 * line is a lesson id and then key=value fields ("four-way-close
 * completed=2026-12-01T21:14:48Z"); fields finwave does not know are kept
 * as they were. The directory is used only when the effective user owns
 * it and nobody else can write to it, and finwave creates directories only
 * inside ones the effective user owns; otherwise progress is not kept, and
 * progress_problem() says why.
 */
#ifndef PROGRESS_H
#define PROGRESS_H

#include <stddef.h>

/* The name of the file in the state directory. */
#define PROGRESS_FILE	"completed"

struct progress_field {
	char	*key;
	char	*value;
};

struct progress_entry {
	char			*id;
	struct progress_field	*fields;	/* in the order read or set */
	size_t			 nfields;
};

struct progress {
	char			*dir;		/* the state directory's path */
	char			*problem;	/* why progress is not kept, or
						 * NULL */
	struct progress_entry	*entries;
	size_t			 n;
	size_t			 rejected;	/* lines read, not valid */
};

/* Read what was done; a missing file is nothing done. Never fails: a
 * directory that cannot be used leaves progress_problem() set. */
void		 progress_load(struct progress *);
/* Whether a lesson is completed. */
int		 progress_done(const struct progress *, const char *id);
/* The value of a lesson's field, or NULL. */
const char	*progress_get(const struct progress *, const char *id,
		    const char *key);
/* Mark a lesson completed (now) and save; -1 and *cause (caller frees)
 * when it cannot be saved (the mark is kept for this run). */
int		 progress_mark(struct progress *, const char *id, char **cause);
/* Why progress is not kept, or NULL. */
const char	*progress_problem(const struct progress *);
/* Free everything. */
void		 progress_free(struct progress *);

#endif
