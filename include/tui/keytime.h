/*
 * keytime.h: finwave's own key-to-screen times, for a bench. With
 * FINWAVE_KEYTIME=PATH, each key the TUI reads adds one line to PATH once
 * the first refresh after it has completed:
 *
 *	key 0x63 read_ns 81234567 shown_ns 81456789
 *
 * the key in the program's own codes (keys.h), when it was read and when
 * that refresh returned, both on CLOCK_MONOTONIC in ns. A key read after
 * the last refresh (the one that quits) gets "shown_ns -". Unset, nothing
 * is recorded and nothing costs more than a test.
 */
#ifndef KEYTIME_H
#define KEYTIME_H

#include <stddef.h>
#include <stdint.h>

/* A key read, waiting for the refresh that shows it. */
struct keytime_key {
	int		key;
	uint64_t	read_ns;
};

struct keytime {
	int			 fd;	/* -1: off */
	struct keytime_key	*keys;	/* read since the last refresh */
	size_t			 n;
	size_t			 cap;
};

/* Start recording to path (NULL: stay off), opened O_APPEND, O_CLOEXEC
 * and O_NOFOLLOW, a regular file only; 0, or -1 with *cause (the
 * caller frees it). */
int	keytime_open(struct keytime *, const char *path, char **cause);
/* A key was read now. */
void	keytime_read(struct keytime *, int key);
/* A refresh has just completed: the keys read before it are shown. */
void	keytime_shown(struct keytime *);
/* Write the keys never shown, and stop. */
void	keytime_close(struct keytime *);

#endif
