/*
 * call.c: the names of the system calls lessons make, both ways.
 */
#include <string.h>

#include "tcp/call.h"

/* Indexed by enum call_name. */
static const char *const call_words[CALL_NAMES] = {
	[CALL_SOCKET] = "socket",
	[CALL_SETSOCKOPT] = "setsockopt",
	[CALL_BIND] = "bind",
	[CALL_LISTEN] = "listen",
	[CALL_CONNECT] = "connect",
	[CALL_ACCEPT] = "accept",
	[CALL_SEND] = "send",
	[CALL_RECV] = "recv",
	[CALL_CLOSE] = "close",
	[CALL_SHUTDOWN] = "shutdown",
	[CALL_FORK] = "fork",
	[CALL_KILL] = "kill",
	[CALL_SETRLIMIT] = "setrlimit",
	[CALL_SYSCTL] = "sysctl",
	[CALL_ROUTE] = "route"
};

/* The C name of a call. */
const char *
call_word(enum call_name name)
{
	if ((unsigned int)name >= CALL_NAMES)
		return ("unknown");
	return (call_words[name]);
}

/* Look a call up by its C name. */
int
call_lookup(const char *word)
{
	int	i;

	for (i = 0; i < CALL_NAMES; i++) {
		if (strcmp(word, call_words[i]) == 0)
			return (i);
	}
	return (-1);
}

/* Whether the lab, not an endpoint, makes a call. */
int
call_by_lab(enum call_name name)
{
	switch (name) {
	case CALL_SYSCTL:
	case CALL_ROUTE:
	case CALL_KILL:
		return (1);
	case CALL_SOCKET:
	case CALL_SETSOCKOPT:
	case CALL_BIND:
	case CALL_LISTEN:
	case CALL_CONNECT:
	case CALL_ACCEPT:
	case CALL_SEND:
	case CALL_RECV:
	case CALL_CLOSE:
	case CALL_SHUTDOWN:
	case CALL_FORK:
	case CALL_SETRLIMIT:
	case CALL_NAMES:
		break;
	}
	return (0);
}

/* Whether a call can put segments on the wire. */
int
call_sends(enum call_name name)
{
	switch (name) {
	case CALL_CONNECT:
	case CALL_SEND:
	case CALL_RECV:
	case CALL_CLOSE:
	case CALL_SHUTDOWN:
	case CALL_KILL:
		return (1);
	case CALL_SOCKET:
	case CALL_SETSOCKOPT:
	case CALL_BIND:
	case CALL_LISTEN:
	case CALL_ACCEPT:
	case CALL_FORK:
	case CALL_SETRLIMIT:
	case CALL_SYSCTL:
	case CALL_ROUTE:
	case CALL_NAMES:
		break;
	}
	return (0);
}
