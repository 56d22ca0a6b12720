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
#include "tcp/call.h"

/* Where an endpoint's channel sits, out of the way of its sockets. */
#define ENDPOINT_CHANNEL_FD	100

struct ep_command {
	enum action_kind	kind;
	enum target		target;
	int			conn;		/* TARGET_CONN: Nth, or 0 */
	int			port;
	int			bind_port;	/* connect: bind first, or 0 */
	int			backlog;
	int			reuseaddr;
	int			count;
	int			bytes;
	int			how;
	int			linger_on;
	int			linger_secs;
	int			keepalive_on;
	int			keep_idle;
	int			keep_intvl;
	int			keep_count;
	int			msec;
	int			nofile;
	char			text[LESSON_MAX_SEND_TEXT + 1];
};

enum ep_msg_kind {
	EP_MSG_HELLO,	/* a new endpoint process is ready; pid is set */
	EP_MSG_CALL,	/* one system call and its result */
	EP_MSG_DONE	/* the command is finished */
};

struct ep_msg {
	enum ep_msg_kind	kind;
	pid_t			pid;
	struct call		call;
};

/* Turn a lesson action into the command an endpoint understands. */
void	endpoint_command(const struct action *, struct ep_command *);
/* Run the command loop on ENDPOINT_CHANNEL_FD; never returns. */
void	endpoint_main(void) __attribute__((noreturn));

#endif
