/*
 * holders.h: which sockets a process holds, read from its descriptors
 * (/proc/PID/fd links "socket:[INODE]"), so that a socket shared after
 * fork() shows in every process that holds it, as ss -p shows it.
 */
#ifndef HOLDERS_H
#define HOLDERS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The socket inodes of one process, sorted. */
struct holders {
	uint32_t	*inodes;
	size_t		 n;
	size_t		 cap;
};

/* Read the socket inodes pid holds into h (emptied first); a process
 * gone or unreadable holds none. */
void	holders_read(struct holders *h, pid_t pid);
/* Whether the process holds the socket with this inode. */
int	holders_has(const struct holders *h, uint32_t inode);
/* Free what h holds and empty it. */
void	holders_clear(struct holders *h);

#endif
