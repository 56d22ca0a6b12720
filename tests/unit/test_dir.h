/*
 * test_dir.h: a unit test's own directory under /tmp, made fresh for
 * each test and removed after it, with the XDG variable and HOME the
 * code under test reads pointed into it. Included by the tests that
 * write files (progress, safedir, pcapng).
 */
#ifndef TEST_DIR_H
#define TEST_DIR_H

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

/* Make root (a mkdtemp template, rewritten) afresh; when var is not
 * NULL, var points to root/sub and HOME to root/home, both made. 0 or
 * -1. */
static int
test_dir_make(char *root, const char *template, const char *var,
    const char *sub)
{
	char	*path;

	strcpy(root, template);
	if (mkdtemp(root) == NULL)
		return (-1);
	if (var == NULL)
		return (0);
	path = xasprintf("%s/%s", root, sub);
	mkdir(path, 0700);
	setenv(var, path, 1);
	free(path);
	path = xasprintf("%s/home", root);
	mkdir(path, 0700);
	setenv("HOME", path, 1);
	free(path);
	return (0);
}

/* Remove root and everything in it. 0 or -1. */
static int
test_dir_remove(const char *root)
{
	char	*cmd = xasprintf("rm -rf '%s'", root);
	int	 r = system(cmd);

	free(cmd);
	return (r == 0 ? 0 : -1);
}

/* The text of root/rel (up to 64 KiB), or NULL; the caller frees. */
static __attribute__((unused)) char *
test_dir_get(const char *root, const char *rel)
{
	char	*path = xasprintf("%s/%s", root, rel), *buf;
	FILE	*f = fopen(path, "r");
	size_t	 n;

	free(path);
	if (f == NULL)
		return (NULL);
	buf = xcalloc(1, 65536);
	n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return (buf);
}

/* Whether root/rel exists (links not followed). */
static __attribute__((unused)) int
test_dir_exists(const char *root, const char *rel)
{
	char		*path = xasprintf("%s/%s", root, rel);
	struct stat	 st;
	int		 r = lstat(path, &st) == 0;

	free(path);
	return (r);
}

#endif
