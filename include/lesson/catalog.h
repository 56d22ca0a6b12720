/*
 * catalog.h: finding lessons: by id in ./lessons, then in the installed
 * lessons; or by path. All of them, in curriculum order.
 */
#ifndef CATALOG_H
#define CATALOG_H

#include <stddef.h>

#include "lesson/lesson.h"

struct catalog {
	struct lesson	**lessons;
	size_t		  n;
};

/* The path of a lesson named by id or path; NULL and *cause if none. */
char	*catalog_find(const char *name, char **cause);
/* Load the named lessons, or every lesson when n is 0, sorted by chapter
 * and order; on a bad file return -1 with "file:line: message" in *cause. */
int	 catalog_load(struct catalog *, char **names, size_t n, char **cause);
/* The title of a chapter, from the first of its lessons that gives one
 * ("chapter-title"); NULL when none does. */
const struct text *catalog_chapter_title(const struct catalog *, int chapter);
/* Add a lesson at the end; the catalog takes it. */
void	 catalog_add(struct catalog *, struct lesson *);
/* Free every lesson of the catalog. */
void	 catalog_free(struct catalog *);

#endif
