/*
 * keytime.c: the key-to-screen times of FINWAVE_KEYTIME. A key's line is
 * written whole, in one write(2) to a file opened O_APPEND, once the
 * refresh that first shows it has returned; so a reader of the file sees
 * whole lines, in the order the keys were read.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/loop.h"
#include "base/xmalloc.h"
#include "tui/keytime.h"

/* Start recording to path, or stay off. */
int
keytime_open(struct keytime *kt, const char *path, char **cause)
{
	struct stat	st;

	memset(kt, 0, sizeof *kt);
	kt->fd = -1;
	if (path == NULL)
		return (0);
	/* O_NONBLOCK: a FIFO with no reader must not hang the start. */
	kt->fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC |
	    O_NOFOLLOW | O_NONBLOCK, 0600);
	if (kt->fd == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return (-1);
	}
	if (fstat(kt->fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s: not a regular file", path);
		close(kt->fd);
		kt->fd = -1;
		return (-1);
	}
	return (0);
}

/* Keep a key read now until the refresh that shows it. */
void
keytime_read(struct keytime *kt, int key)
{
	if (kt->fd == -1)
		return;
	if (kt->n == kt->cap) {
		kt->cap = kt->cap == 0 ? 16 : kt->cap * 2;
		kt->keys = xreallocarray(kt->keys, kt->cap, sizeof *kt->keys);
	}
	kt->keys[kt->n].key = key;
	kt->keys[kt->n++].read_ns = loop_now_ns();
}

/* Write the lines of the keys waiting, shown at shown ("-": never). */
static void
keytime_write(struct keytime *kt, const char *shown)
{
	char	line[96];
	size_t	i;
	int	len;

	for (i = 0; i < kt->n; i++) {
		len = snprintf(line, sizeof line,
		    "key 0x%x read_ns %llu shown_ns %s\n", kt->keys[i].key,
		    (unsigned long long)kt->keys[i].read_ns, shown);
		/* A bench's file: a failed write loses a line, no more. */
		if (write(kt->fd, line, (size_t)len) != len)
			break;
	}
	kt->n = 0;
}

/* The keys read so far are on screen now. */
void
keytime_shown(struct keytime *kt)
{
	char	now[24];

	if (kt->fd == -1 || kt->n == 0)
		return;
	snprintf(now, sizeof now, "%llu", (unsigned long long)loop_now_ns());
	keytime_write(kt, now);
}

/* Stop recording. */
void
keytime_close(struct keytime *kt)
{
	if (kt->fd != -1) {
		keytime_write(kt, "-");
		close(kt->fd);
	}
	free(kt->keys);
	memset(kt, 0, sizeof *kt);
	kt->fd = -1;
}
