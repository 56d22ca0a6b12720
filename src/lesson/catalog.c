/*
 * catalog.c: where lessons live. A name with a slash or ending in
 * ".lesson" is a path; anything else is an id, looked for first in
 * ./lessons (a checkout) and then in the installed lessons directory.
 */

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "lesson/catalog.h"

#ifndef FINWAVE_LESSONS_DIR
#define FINWAVE_LESSONS_DIR "/usr/local/share/finwave/lessons"
#endif

static const char *catalog_dirs[] = { "lessons", FINWAVE_LESSONS_DIR };

/* Whether a name ends with ".lesson". */
static int
catalog_is_lesson_file(const char *name)
{
	size_t	len = strlen(name);

	return (len > 7 && strcmp(name + len - 7, ".lesson") == 0);
}

/* Resolve an id or a path to a lesson file. A file of that name that is
 * not a regular one (a FIFO, a directory) is refused, not skipped. */
char *
catalog_find(const char *name, char **cause)
{
	struct stat	 st;
	char		*path;
	size_t		 i;

	if (strchr(name, '/') != NULL || catalog_is_lesson_file(name))
		return (xstrdup(name));
	for (i = 0; i < sizeof catalog_dirs / sizeof catalog_dirs[0]; i++) {
		path = xasprintf("%s/%s.lesson", catalog_dirs[i], name);
		if (lstat(path, &st) == 0 || errno != ENOENT) {
			if (lesson_regular_file(path, cause) == 0)
				return (path);
			free(path);
			return (NULL);
		}
		free(path);
	}
	*cause = xasprintf("no lesson '%s' in ./lessons or %s", name,
	    FINWAVE_LESSONS_DIR);
	return (NULL);
}

/* Append a loaded lesson. */
void
catalog_add(struct catalog *cat, struct lesson *l)
{
	cat->lessons = xreallocarray(cat->lessons, cat->n + 1,
	    sizeof *cat->lessons);
	cat->lessons[cat->n++] = l;
}

/* Load one file into the catalog. */
static int
catalog_load_path(struct catalog *cat, const char *path, char **cause)
{
	struct lesson	*l;

	if ((l = lesson_load(path, cause)) == NULL)
		return (-1);
	catalog_add(cat, l);
	return (0);
}

/* Load every *.lesson of the first lessons directory that has any. */
static int
catalog_load_all(struct catalog *cat, char **cause)
{
	struct dirent	**names;
	char		 *path;
	size_t		  d;
	int		  n, i, r = 0;

	for (d = 0; d < sizeof catalog_dirs / sizeof catalog_dirs[0]; d++) {
		n = scandir(catalog_dirs[d], &names, NULL, alphasort);
		if (n == -1)
			continue;
		for (i = 0; i < n; i++) {
			if (r == 0 && catalog_is_lesson_file(names[i]->d_name)) {
				path = xasprintf("%s/%s", catalog_dirs[d],
				    names[i]->d_name);
				r = catalog_load_path(cat, path, cause);
				free(path);
			}
			free(names[i]);
		}
		free(names);
		if (r == -1 || cat->n > 0)
			return (r);
	}
	*cause = xasprintf("no lessons in ./lessons or %s",
	    FINWAVE_LESSONS_DIR);
	return (-1);
}

/* Curriculum order: chapter, then order, then id. */
static int
catalog_compare(const void *a, const void *b)
{
	const struct lesson	*x = *(struct lesson * const *)a;
	const struct lesson	*y = *(struct lesson * const *)b;

	if (x->chapter != y->chapter)
		return (x->chapter < y->chapter ? -1 : 1);
	if (x->order != y->order)
		return (x->order < y->order ? -1 : 1);
	return (strcmp(x->id, y->id));
}

/* Refuse two lessons in one place of the curriculum (sorted catalog). */
static int
catalog_check_places(const struct catalog *cat, char **cause)
{
	const struct lesson	*a, *b;
	size_t			 i;

	for (i = 1; i < cat->n; i++) {
		a = cat->lessons[i - 1];
		b = cat->lessons[i];
		if (a->chapter == b->chapter && a->order == b->order) {
			*cause = xasprintf("%s:%d: '%s' and '%s' (%s:%d) "
			    "share chapter %d, order %d", b->path,
			    b->order_line, b->id, a->id, a->path,
			    a->order_line, b->chapter, b->order);
			return (-1);
		}
	}
	return (0);
}

/* Load named lessons, or all of them. */
int
catalog_load(struct catalog *cat, char **names, size_t n, char **cause)
{
	char	*path;
	size_t	 i;
	int	 r;

	memset(cat, 0, sizeof *cat);
	if (n == 0) {
		if (catalog_load_all(cat, cause) == -1)
			return (-1);
	}
	for (i = 0; i < n; i++) {
		if ((path = catalog_find(names[i], cause)) == NULL)
			return (-1);
		r = catalog_load_path(cat, path, cause);
		free(path);
		if (r == -1)
			return (-1);
	}
	if (n == 0) {
		qsort(cat->lessons, cat->n, sizeof *cat->lessons,
		    catalog_compare);
		return (catalog_check_places(cat, cause));
	}
	return (0);
}

/* Free the lessons. */
void
catalog_free(struct catalog *cat)
{
	size_t	i;

	for (i = 0; i < cat->n; i++)
		lesson_free(cat->lessons[i]);
	free(cat->lessons);
	memset(cat, 0, sizeof *cat);
}

/* The title of a chapter: from the first of its lessons that gives one. */
const struct text *
catalog_chapter_title(const struct catalog *cat, int chapter)
{
	size_t	i;

	for (i = 0; i < cat->n; i++) {
		if (cat->lessons[i]->chapter == chapter &&
		    cat->lessons[i]->chapter_title.s[LANG_EN] != NULL)
			return (&cat->lessons[i]->chapter_title);
	}
	return (NULL);
}
