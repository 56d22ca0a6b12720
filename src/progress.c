/*
 * progress.c: the learner's completed lessons. The file is rewritten
 * whole, through a temporary file and rename(), so a crash never leaves
 * half a list.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "progress.h"
#include "xmalloc.h"

/* The directory that holds the file: $XDG_STATE_HOME or ~/.local/state. */
static char *
progress_dir(void)
{
	const char	*state = getenv("XDG_STATE_HOME");
	const char	*home = getenv("HOME");

	if (state != NULL && state[0] == '/')
		return (xasprintf("%s/finwave", state));
	if (home != NULL && home[0] != '\0')
		return (xasprintf("%s/.local/state/finwave", home));
	return (NULL);
}

/* Add an id to the list in memory. */
static void
progress_add(struct progress *pr, const char *id)
{
	pr->ids = xreallocarray(pr->ids, pr->n + 1, sizeof *pr->ids);
	pr->ids[pr->n++] = xstrdup(id);
}

/* Read the completed lessons. */
void
progress_load(struct progress *pr)
{
	char	*dir = progress_dir(), line[256];
	FILE	*f;
	size_t	 len;

	memset(pr, 0, sizeof *pr);
	if (dir == NULL)
		return;
	pr->path = xasprintf("%s/completed", dir);
	free(dir);
	if ((f = fopen(pr->path, "r")) == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		len = strcspn(line, "\r\n");
		line[len] = '\0';
		if (len > 0 && !progress_done(pr, line))
			progress_add(pr, line);
	}
	fclose(f);
}

/* Whether id is in the list. */
int
progress_done(const struct progress *pr, const char *id)
{
	size_t	i;

	for (i = 0; i < pr->n; i++) {
		if (strcmp(pr->ids[i], id) == 0)
			return (1);
	}
	return (0);
}

/* Create a directory and its parents (mkdir -p). */
static int
progress_mkdirs(const char *path)
{
	char	*copy = xstrdup(path), *p;
	int	 r = 0;

	for (p = copy + 1; r == 0 && *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) == -1 && errno != EEXIST)
			r = -1;
		*p = '/';
	}
	if (r == 0 && mkdir(copy, 0700) == -1 && errno != EEXIST)
		r = -1;
	free(copy);
	return (r);
}

/* Mark id completed and rewrite the file. */
int
progress_mark(struct progress *pr, const char *id, char **cause)
{
	char	*dir, *tmp;
	FILE	*f;
	size_t	 i;
	int	 bad;

	if (!progress_done(pr, id))
		progress_add(pr, id);
	if (pr->path == NULL) {
		*cause = xstrdup("neither XDG_STATE_HOME nor HOME is set");
		return (-1);
	}
	dir = xstrdup(pr->path);
	*strrchr(dir, '/') = '\0';
	if (progress_mkdirs(dir) == -1) {
		*cause = xasprintf("%s: %s", dir, strerror(errno));
		free(dir);
		return (-1);
	}
	free(dir);
	tmp = xasprintf("%s.tmp", pr->path);
	if ((f = fopen(tmp, "w")) == NULL) {
		*cause = xasprintf("%s: %s", tmp, strerror(errno));
		free(tmp);
		return (-1);
	}
	for (i = 0; i < pr->n; i++)
		fprintf(f, "%s\n", pr->ids[i]);
	bad = ferror(f);
	if (fclose(f) != 0 || bad || rename(tmp, pr->path) == -1) {
		*cause = xasprintf("%s: %s", pr->path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return (-1);
	}
	free(tmp);
	return (0);
}

/* Free the list. */
void
progress_free(struct progress *pr)
{
	size_t	i;

	for (i = 0; i < pr->n; i++)
		free(pr->ids[i]);
	free(pr->ids);
	free(pr->path);
	memset(pr, 0, sizeof *pr);
}
