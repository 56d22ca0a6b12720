/*
 * catalog.h: where lessons live, and the catalogue they make. The folders,
 * in order: the shipped lessons (the checkout's lessons/ when finwave runs
 * from the checkout it was built in, the installed ones otherwise), the
 * user's own ($XDG_DATA_HOME/finwave/lessons), then those installed for a
 * course (finwave/lessons under each of $XDG_DATA_DIRS). A lesson id names
 * the first file found; a file that cannot join is skipped, with why.
 */
#ifndef CATALOG_H
#define CATALOG_H

#include <stddef.h>

#include "lesson/lesson.h"

/* The chapters a lesson that names none joins: the user's own folder's,
 * and that of every other folder; after every numbered chapter. */
#define CATALOG_CHAPTER_OWN	100
#define CATALOG_CHAPTER_SHARED	101

struct catalog {
	struct lesson	**lessons;
	size_t		  n;
	char		**skipped;	/* one "PATH:LINE: why" per file
					 * (or name) that was not loaded */
	size_t		  nskipped;
};

/* The path of a lesson named by id or path; NULL and *cause if none. */
char	*catalog_find(const char *name, char **cause);
/* Load the named lessons (ids, files or folders of them), or, when n is
 * 0, every lesson of the folders, in curriculum order. What cannot be
 * loaded (a bad file; in the folders also an id or a place in the
 * curriculum taken already) is skipped and its reason kept; returns 0
 * when nothing was skipped, else -1. */
int	 catalog_load(struct catalog *, char **names, size_t n);
/* Whether l would clash with the catalogue: 0 no; 1 it is a copy, byte
 * for byte, of a lesson of the same id; -1 its id or its chapter and
 * order are another file's, with "PATH:LINE: why" in *cause. */
int	 catalog_clash(const struct catalog *, const struct lesson *,
	    char **cause);
/* The title of a chapter, from the first of its lessons that gives one
 * ("chapter-title"); NULL when none does. */
const struct text *catalog_chapter_title(const struct catalog *, int chapter);
/* Add a lesson at the end; the catalog takes it. */
void	 catalog_add(struct catalog *, struct lesson *);
/* Free every lesson of the catalog and the reasons kept. */
void	 catalog_free(struct catalog *);

#endif
