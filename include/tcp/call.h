/*
 * call.h: the system calls a lesson's endpoints (and its lab) make, by
 * name, and one call as it returned: its result, errno and timing.
 */
#ifndef CALL_H
#define CALL_H

#include <stdint.h>

enum call_name {
	CALL_SOCKET,
	CALL_SETSOCKOPT,
	CALL_BIND,
	CALL_LISTEN,
	CALL_CONNECT,
	CALL_ACCEPT,
	CALL_SEND,
	CALL_RECV,
	CALL_CLOSE,
	CALL_SHUTDOWN,
	CALL_FORK,
	CALL_KILL,
	CALL_SETRLIMIT,
	CALL_SYSCTL,		/* the lab's */
	CALL_ROUTE,		/* the lab's */
	CALL_NAMES
};

/* A call that took this long has its duration in its text ("after N ms"). */
#define CALL_BLOCKED_NS	(100 * 1000000ULL)

/* One system call as it returned. */
struct call {
	enum call_name	name;
	char		text[224];	/* "recv(4) = 14 \"wrong password\"" */
	long		ret;
	int		err;		/* errno when ret is -1, else 0 */
	int		sigpipe;	/* SIGPIPE arrived during the call */
	int		fd;		/* the socket it acted on, or -1 */
	uint64_t	t_ns;		/* CLOCK_REALTIME when it returned */
	uint64_t	took_ns;	/* how long a blocking call blocked */
	uint16_t	lport;		/* connect, accept, listen: the ports */
	uint16_t	rport;		/* (getsockname, getpeername) */
	int		target;		/* the lab's kill: the endpoint it
					 * signalled */
};

/* The call's name as C spells it ("recv"). */
const char	*call_word(enum call_name);
/* The call named word, or -1 when it is none. */
int		 call_lookup(const char *word);
/* Whether the lab makes the call (sysctl, route, kill: the lab sends the
 * signal), not an endpoint. */
int		 call_by_lab(enum call_name);
/* Whether the call can put segments on the wire (close, send, ...). */
int		 call_sends(enum call_name);

#endif
