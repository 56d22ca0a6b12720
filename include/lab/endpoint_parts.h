/*
 * endpoint_parts.h: the endpoint program's insides, shared by endpoint.c
 * (the process: its channel, its watchdog, reporting calls) and
 * endpoint_sockets.c (the sockets it keeps and the calls on them) and by
 * nothing else.
 */
#ifndef ENDPOINT_PARTS_H
#define ENDPOINT_PARTS_H

#include "lab/endpoint.h"

/* A call is about to start: its time is measured from now. */
void	endpoint_begin(void);
/* A connect() to port is about to start: timed, its peer port known. */
void	endpoint_begin_connect(int port);
/* Report a finished call: its name, descriptor, result and errno, what
 * follows "name(args) = result" (extra, or NULL), and the args. */
void	endpoint_report(enum call_name, int fd, long ret, int err,
	    const char *extra, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));

/* The socket calls of a command (endpoint_sockets.c). */
void	endpoint_listen(const struct ep_command *);
void	endpoint_connect(const struct ep_command *);
void	endpoint_accept(const struct ep_command *);
void	endpoint_send(const struct ep_command *);
void	endpoint_recv(const struct ep_command *);
/* Act on each socket the command targets, with one of the *_one calls. */
void	endpoint_each_target(const struct ep_command *,
	    void (*)(const struct ep_command *, int));
void	endpoint_close_one(const struct ep_command *, int fd);
void	endpoint_shutdown_one(const struct ep_command *, int fd);
void	endpoint_linger_one(const struct ep_command *, int fd);
void	endpoint_reuseaddr_one(const struct ep_command *, int fd);
void	endpoint_keepalive_one(const struct ep_command *, int fd);
/* SO_RCVBUF, SO_SNDBUF or TCP_USER_TIMEOUT, as the command's kind says. */
void	endpoint_sockopt_one(const struct ep_command *, int fd);

#endif
