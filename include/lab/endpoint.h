/*
 * endpoint.h: the code that runs inside an endpoint process, and the
 * messages it exchanges with finwave over its socketpair. A command is one
 * lesson action; the endpoint answers with one message per system call it
 * made, then a message saying the command is done.
 */
#ifndef ENDPOINT_H
#define ENDPOINT_H

#include <sys/types.h>

#include <stdint.h>

#include "lesson/lesson.h"

/* Where an endpoint's channel sits, out of the way of its sockets. */
#define ENDPOINT_CHANNEL_FD	100

struct ep_command {
	enum action_kind	kind;
	enum target		target;
	int			port;
	int			backlog;
	int			reuseaddr;
	int			count;
	int			bytes;
	int			how;
	int			linger_on;
	int			linger_secs;
	int			msec;
	int			nofile;
	char			text[LESSON_MAX_SEND_TEXT + 1];
};

enum ep_msg_kind {
	EP_MSG_HELLO,	/* a new endpoint process is ready; pid is set */
	EP_MSG_CALL,	/* one system call and its result */
	EP_MSG_DONE	/* the command is finished */
};

/* One system call as the endpoint made it. */
/* A call that took this long has its duration in its text ("after N ms"). */
#define ENDPOINT_BLOCKED_NS	(100 * 1000000ULL)

struct ep_call {
	char		name[16];	/* "recv" */
	char		text[224];	/* "recv(4) = 14 \"wrong password\"" */
	long		ret;
	int		err;		/* errno when ret is -1, else 0 */
	int		sigpipe;	/* SIGPIPE arrived during the call */
	int		fd;		/* the socket it acted on, or -1 */
	uint64_t	t_ns;		/* CLOCK_REALTIME when it returned */
	uint64_t	took_ns;	/* how long a blocking call blocked */
	uint16_t	lport;		/* connect, accept, listen: the ports */
	uint16_t	rport;		/* (getsockname, getpeername) */
};

struct ep_msg {
	enum ep_msg_kind	kind;
	pid_t			pid;
	struct ep_call		call;
};

/* Turn a lesson action into the command an endpoint understands. */
void	endpoint_command(const struct action *, struct ep_command *);
/* Run the command loop on ENDPOINT_CHANNEL_FD; never returns. */
void	endpoint_main(void) __attribute__((noreturn));

#endif
