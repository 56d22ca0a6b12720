/*
 * holders.c: a process's sockets from its descriptor table. Each link in
 * /proc/PID/fd of a socket reads "socket:[INODE]", the inode sock_diag
 * reports for it (idiag_inode).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/xmalloc.h"
#include "lab/holders.h"

/* Order two inodes, for qsort and bsearch. */
static int
holders_cmp(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x < y ? -1 : x > y);
}

/* The socket inode of descriptor link `name` of pid, or 0. */
static uint32_t
holders_link(pid_t pid, const char *name)
{
	char		path[300], target[64];
	ssize_t		len;
	unsigned long	inode;
	char		end;

	snprintf(path, sizeof path, "/proc/%d/fd/%s", (int)pid, name);
	if ((len = readlink(path, target, sizeof target - 1)) <= 0)
		return (0);
	target[len] = '\0';
	if (sscanf(target, "socket:[%lu%c", &inode, &end) != 2 || end != ']')
		return (0);
	return ((uint32_t)inode);
}

/* Read pid's socket inodes. */
void
holders_read(struct holders *h, pid_t pid)
{
	struct dirent	*d;
	DIR		*dir;
	char		 path[32];
	uint32_t	 inode;

	h->n = 0;
	snprintf(path, sizeof path, "/proc/%d/fd", (int)pid);
	if (pid <= 0 || (dir = opendir(path)) == NULL)
		return;
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.' ||
		    (inode = holders_link(pid, d->d_name)) == 0)
			continue;
		if (h->n == h->cap) {
			h->cap = h->cap == 0 ? 16 : h->cap * 2;
			h->inodes = xreallocarray(h->inodes, h->cap,
			    sizeof *h->inodes);
		}
		h->inodes[h->n++] = inode;
	}
	closedir(dir);
	qsort(h->inodes, h->n, sizeof *h->inodes, holders_cmp);
}

/* Whether inode is among h's. */
int
holders_has(const struct holders *h, uint32_t inode)
{
	return (inode != 0 && h->n > 0 && bsearch(&inode, h->inodes, h->n,
	    sizeof *h->inodes, holders_cmp) != NULL);
}

/* Empty h. */
void
holders_clear(struct holders *h)
{
	free(h->inodes);
	h->inodes = NULL;
	h->n = h->cap = 0;
}
