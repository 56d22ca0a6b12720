/*
 * counters.c: reading the kernel's TCP counters. Both files pair a line
 * of names with a line of values under the same prefix ("TcpExt: A B",
 * then "TcpExt: 1 2"); the names differ between kernels, so they are
 * taken from the file, never from a list of finwave's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "lab/counters.h"

/* Add the counters of one pair of lines: names and values after prefix. */
static void
counters_add_pair(struct counters *c, char *names, char *values)
{
	char	*ns, *vs, *name, *value;

	name = strtok_r(names, " \n", &ns);
	value = strtok_r(values, " \n", &vs);
	for (; name != NULL && value != NULL; name = strtok_r(NULL, " \n",
	    &ns), value = strtok_r(NULL, " \n", &vs)) {
		if (strlen(name) > COUNTER_NAME_MAX)
			continue;
		c->list = xreallocarray(c->list, c->n + 1, sizeof *c->list);
		snprintf(c->list[c->n].name, sizeof c->list[c->n].name, "%s",
		    name);
		c->list[c->n++].value = strtoll(value, NULL, 10);
	}
}

/* Add the counters under prefix ("TcpExt:") in path; -1 and *cause. */
static int
counters_read_file(struct counters *c, const char *path, const char *prefix,
    char **cause)
{
	FILE	*f;
	char	*line = NULL, *names = NULL;
	size_t	 room = 0, len = strlen(prefix);

	if ((f = fopen(path, "re")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return (-1);
	}
	while (getline(&line, &room, f) != -1) {
		if (strncmp(line, prefix, len) != 0)
			continue;
		if (names == NULL) {
			names = xstrdup(line + len);
			continue;
		}
		counters_add_pair(c, names, line + len);
		free(names);
		names = NULL;
	}
	free(names);
	free(line);
	fclose(f);
	return (0);
}

/* Read every TcpExt and Tcp counter of the current namespace. */
int
counters_read(struct counters *c, char **cause)
{
	counters_clear(c);
	if (counters_read_file(c, "/proc/net/netstat", "TcpExt:", cause) ==
	    -1 || counters_read_file(c, "/proc/net/snmp", "Tcp:", cause) == -1)
		return (-1);
	return (0);
}

/* The counter named name, or NULL. */
const struct counter *
counters_find(const struct counters *c, const char *name)
{
	size_t	i;

	for (i = 0; i < c->n; i++) {
		if (strcmp(c->list[i].name, name) == 0)
			return (&c->list[i]);
	}
	return (NULL);
}

/* Free the reading and empty it. */
void
counters_clear(struct counters *c)
{
	free(c->list);
	memset(c, 0, sizeof *c);
}
