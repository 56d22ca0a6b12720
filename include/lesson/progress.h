/*
 * progress.h: what the learner has done, kept between runs in
 * $XDG_STATE_HOME/finwave/completed (default ~/.local/state/finwave). A
 * line is a lesson id and then key=value fields ("four-way-close
 * completed=2026-12-01T21:14:48Z held=13 failed=0 not-reached=0 right=1
 * asked=2": when the lesson was last completed and that run's score);
 * fields finwave does not know are kept as they were, and a line without
 * a score (as finwave 0.1 wrote them) still means completed. The
 * directory is used only when the effective user owns it and nobody else
 * can write to it, and finwave creates directories only inside ones the
 * effective user owns; otherwise progress is not kept, and
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

/* The score of a lesson's run: its checks, by verdict, and the learner's
 * guesses right out of the questions the kernel answered. */
struct progress_score {
	int	held;
	int	failed;
	int	not_reached;
	int	right;
	int	asked;
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
/* The score of a lesson's last completed run: 0, or -1 when none was
 * kept (not completed, or completed before finwave kept scores). */
int		 progress_score(const struct progress *, const char *id,
		    struct progress_score *);
/* Mark a lesson completed (now) with the run's score, and save; -1 and
 * *cause (caller frees) when it cannot be saved (the mark is kept for
 * this run). */
int		 progress_mark(struct progress *, const char *id,
		    const struct progress_score *, char **cause);
/* Why progress is not kept, or NULL. */
const char	*progress_problem(const struct progress *);
/* Free everything. */
void		 progress_free(struct progress *);

#endif
