/*
 * endpoint_sockets.c: the sockets an endpoint keeps, as a small program
 * would keep them: the listeners and the connections it made or accepted,
 * the latest being "the" one, and the calls a command makes on them.
 *
 * Calls that could wait forever wait at most a second (poll) and then ask
 * without blocking, so the learner sees EAGAIN rather than a hung lesson.
 */
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lab/endpoint_parts.h"

#define ENDPOINT_MAX_CONNS	(2 * LESSON_MAX_CONNECT)
#define ENDPOINT_WAIT_MS	1000
#define ENDPOINT_RECV_MAX	(1024 * 1024)

static const struct timeval	endpoint_connect_timeout = { 1, 0 };

/* Open descriptors in the order they were opened, the latest last. */
struct endpoint_fds {
	int	*fd;
	int	 n;
	int	 max;
};

static int			endpoint_listener_fds[LESSON_MAX_LISTENERS];
static int			endpoint_conn_fds[ENDPOINT_MAX_CONNS];
static struct endpoint_fds	endpoint_listeners = {
	endpoint_listener_fds, 0, LESSON_MAX_LISTENERS
};
static struct endpoint_fds	endpoint_conns = {
	endpoint_conn_fds, 0, ENDPOINT_MAX_CONNS
};

/* The latest descriptor of a set, or -1. */
static int
endpoint_latest(const struct endpoint_fds *set)
{
	return (set->n > 0 ? set->fd[set->n - 1] : -1);
}

/* Remember a new descriptor as the latest of its set. */
static void
endpoint_remember(struct endpoint_fds *set, int fd)
{
	if (set->n < set->max)
		set->fd[set->n++] = fd;
}

/* Forget a closed descriptor. */
static void
endpoint_forget(struct endpoint_fds *set, int fd)
{
	int	i;

	for (i = 0; i < set->n; i++) {
		if (set->fd[i] != fd)
			continue;
		memmove(&set->fd[i], &set->fd[i + 1],
		    (size_t)(set->n - i - 1) * sizeof *set->fd);
		set->n--;
		return;
	}
}

/* Collect the sockets a command acts on; returns how many. */
static int
endpoint_targets(enum target target, int *fds)
{
	int	n = 0, i;

	switch (target) {
	case TARGET_CONN:
		fds[n++] = endpoint_latest(&endpoint_conns);
		break;
	case TARGET_LISTENER:
		fds[n++] = endpoint_latest(&endpoint_listeners);
		break;
	case TARGET_CONNS:
	case TARGET_ALL:
		for (i = 0; i < endpoint_conns.n; i++)
			fds[n++] = endpoint_conns.fd[i];
		for (i = 0; target == TARGET_ALL && i < endpoint_listeners.n;
		    i++)
			fds[n++] = endpoint_listeners.fd[i];
		break;
	}
	return (n);
}

/* Fill a loopback address for port. */
static void
endpoint_address(struct sockaddr_in *sin, int port)
{
	memset(sin, 0, sizeof *sin);
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)port);
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}

/* Create a TCP socket and report it; returns the descriptor or -1. */
static int
endpoint_socket(void)
{
	int	fd;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	endpoint_report(CALL_SOCKET, -1, fd, errno, NULL,
	    "AF_INET, SOCK_STREAM, 0");
	return (fd);
}

/* Close a socket and report it. */
static void
endpoint_close(int fd)
{
	int	r;

	endpoint_begin();
	r = close(fd);
	endpoint_report(CALL_CLOSE, fd, r, errno, NULL, "%d", fd);
	endpoint_forget(&endpoint_listeners, fd);
	endpoint_forget(&endpoint_conns, fd);
}

/* Set an int socket option to 1 and report it. */
static int
endpoint_reuseaddr(int fd)
{
	int	one = 1, r;

	r = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	endpoint_report(CALL_SETSOCKOPT, fd, r, errno, NULL,
	    "%d, SO_REUSEADDR, 1", fd);
	return (r);
}

/* socket, optional SO_REUSEADDR, bind and listen on 127.0.0.1:port. */
void
endpoint_listen(const struct ep_command *cmd)
{
	struct sockaddr_in	sin;
	int			fd, r;

	if ((fd = endpoint_socket()) == -1)
		return;
	if (cmd->reuseaddr)
		endpoint_reuseaddr(fd);
	endpoint_address(&sin, cmd->port);
	r = bind(fd, (struct sockaddr *)&sin, sizeof sin);
	endpoint_report(CALL_BIND, fd, r, errno, NULL, "%d, 127.0.0.1:%d", fd,
	    cmd->port);
	if (r == 0) {
		r = listen(fd, cmd->backlog);
		endpoint_report(CALL_LISTEN, fd, r, errno, NULL, "%d, %d", fd,
		    cmd->backlog);
	}
	if (r == -1) {
		endpoint_close(fd);
		return;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	endpoint_remember(&endpoint_listeners, fd);
}

/* Open count connections to 127.0.0.1:port, stopping at the first error. */
void
endpoint_connect(const struct ep_command *cmd)
{
	struct sockaddr_in	sin;
	int			i, fd, r;

	endpoint_address(&sin, cmd->port);
	for (i = 0; i < cmd->count; i++) {
		if ((fd = endpoint_socket()) == -1)
			return;
		if (cmd->reuseaddr)
			endpoint_reuseaddr(fd);
		/* A blocking connect, but one that gives up (EINPROGRESS)
		 * after a second rather than hang the lesson on SYN retries. */
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &endpoint_connect_timeout,
		    sizeof endpoint_connect_timeout);
		endpoint_begin();
		r = connect(fd, (struct sockaddr *)&sin, sizeof sin);
		endpoint_report(CALL_CONNECT, fd, r, errno, NULL,
		    "%d, 127.0.0.1:%d", fd, cmd->port);
		if (r == -1) {
			endpoint_close(fd);
			return;
		}
		endpoint_remember(&endpoint_conns, fd);
	}
}

/* Wait up to ms for fd to become readable. */
static void
endpoint_wait_readable(int fd, int ms)
{
	struct pollfd	pfd;

	pfd.fd = fd;
	pfd.events = POLLIN;
	if (fd != -1)
		poll(&pfd, 1, ms);
}

/* Accept one connection, or every waiting one until accept fails. */
void
endpoint_accept(const struct ep_command *cmd)
{
	int	fd, wait_ms = ENDPOINT_WAIT_MS;
	int	listener = endpoint_latest(&endpoint_listeners);

	do {
		endpoint_wait_readable(listener, wait_ms);
		wait_ms = 0;
		fd = accept(listener, NULL, NULL);
		endpoint_report(CALL_ACCEPT, listener, fd, errno, NULL, "%d",
		    listener);
		if (fd != -1)
			endpoint_remember(&endpoint_conns, fd);
	} while (cmd->count == 0 && fd != -1);
}

/* Send the command's text, or that many bytes, without waiting. */
void
endpoint_send(const struct ep_command *cmd)
{
	static char	buf[ENDPOINT_RECV_MAX];
	size_t		len;
	ssize_t		r;
	int		fd = endpoint_latest(&endpoint_conns);

	if (cmd->text[0] != '\0') {
		len = strlen(cmd->text);
		r = send(fd, cmd->text, len, MSG_DONTWAIT);
		endpoint_report(CALL_SEND, fd, r, errno, NULL, "%d, \"%s\", %zu",
		    fd, cmd->text, len);
		return;
	}
	len = (size_t)cmd->bytes;
	memset(buf, 'x', len);
	r = send(fd, buf, len, MSG_DONTWAIT);
	endpoint_report(CALL_SEND, fd, r, errno, NULL, "%d, %zu bytes", fd, len);
}

/* Describe received bytes: the text when it is short and printable. */
static void
endpoint_quote(const char *buf, ssize_t n, char *out, size_t outlen)
{
	ssize_t	i;

	out[0] = '\0';
	if (n <= 0 || n > 64)
		return;
	for (i = 0; i < n; i++) {
		if (buf[i] < 0x20 || buf[i] > 0x7e || buf[i] == '"')
			return;
	}
	snprintf(out, outlen, "\"%.*s\"", (int)n, buf);
}

/* Receive what is there (or at most bytes), waiting up to a second. */
void
endpoint_recv(const struct ep_command *cmd)
{
	static char	buf[ENDPOINT_RECV_MAX];
	char		quoted[80];
	size_t		len;
	ssize_t		r;
	int		fd = endpoint_latest(&endpoint_conns);

	len = cmd->bytes > 0 ? (size_t)cmd->bytes : sizeof buf;
	endpoint_wait_readable(fd, ENDPOINT_WAIT_MS);
	r = recv(fd, buf, len, MSG_DONTWAIT);
	endpoint_quote(buf, r, quoted, sizeof quoted);
	endpoint_report(CALL_RECV, fd, r, errno, quoted[0] != '\0' ? quoted : NULL,
	    "%d", fd);
}

/* Close one target socket. */
void
endpoint_close_one(const struct ep_command *cmd, int fd)
{
	(void)cmd;
	endpoint_close(fd);
}

/* shutdown() one target socket. */
void
endpoint_shutdown_one(const struct ep_command *cmd, int fd)
{
	static const char	*hows[] = { "SHUT_RD", "SHUT_WR", "SHUT_RDWR" };
	int			 r;

	r = shutdown(fd, cmd->how);
	endpoint_report(CALL_SHUTDOWN, fd, r, errno, NULL, "%d, %s", fd,
	    hows[cmd->how]);
}

/* Set SO_LINGER on one target socket. */
void
endpoint_linger_one(const struct ep_command *cmd, int fd)
{
	struct linger	lg;
	int		r;

	lg.l_onoff = cmd->linger_on;
	lg.l_linger = cmd->linger_secs;
	r = setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
	endpoint_report(CALL_SETSOCKOPT, fd, r, errno, NULL,
	    "%d, SO_LINGER, {%d, %d}", fd, lg.l_onoff, lg.l_linger);
}

/* Set SO_REUSEADDR on one target socket. */
void
endpoint_reuseaddr_one(const struct ep_command *cmd, int fd)
{
	(void)cmd;
	endpoint_reuseaddr(fd);
}

/* Apply fn to every socket the command targets. */
void
endpoint_each_target(const struct ep_command *cmd,
    void (*fn)(const struct ep_command *, int))
{
	int	fds[ENDPOINT_MAX_CONNS + LESSON_MAX_LISTENERS], n, i;

	n = endpoint_targets(cmd->target, fds);
	for (i = 0; i < n; i++)
		fn(cmd, fds[i]);
}
