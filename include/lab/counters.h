/*
 * counters.h: the lab's TCP counters, the kernel's own tally of what its
 * defences did (PAWSEstab, TCPChallengeACK, RetransSegs, ...), as TcpExt
 * of /proc/net/netstat and Tcp of /proc/net/snmp give them. Those files
 * are the reading process's namespace's: read from the runner, the lab's.
 */
#ifndef COUNTERS_H
#define COUNTERS_H

#include <stddef.h>

/* The longest counter name kept; longer ones are skipped. */
#define COUNTER_NAME_MAX	47

/* One counter at one reading. */
struct counter {
	char		name[COUNTER_NAME_MAX + 1];
	long long	value;
};

/* Every counter at one reading, in the kernel's order. */
struct counters {
	struct counter	*list;
	size_t		 n;
};

/* Read every TcpExt and Tcp counter of the current namespace into c
 * (emptied first); -1 and *cause (caller frees) when a file cannot be
 * read. */
int		 counters_read(struct counters *c, char **cause);
/* The counter named name, or NULL when the kernel has none. */
const struct counter *counters_find(const struct counters *,
		    const char *name);
/* Free what a reading holds and empty it. */
void		 counters_clear(struct counters *);

#endif
