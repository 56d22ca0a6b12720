/*
 * endpoint_sockets.c: the sockets an endpoint keeps, as a small program
 * would keep them: the listeners and the connections it made or accepted,
 * the latest being "the" one, each connection numbered in the order it
 * came (closed ones keep their numbers), and the calls a command makes on
 * them.
 *
 * Calls that could wait forever wait at most a second (poll) and then ask
 * without blocking, so the learner sees EAGAIN rather than a hung lesson.
 */
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lab/endpoint_parts.h"

#define ENDPOINT_MAX_CONNS	LESSON_MAX_CONNS
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
/* Every connection in the order it came, -1 once closed: "conn N" is
 * endpoint_numbered[N - 1]. */
static int			endpoint_numbered[ENDPOINT_MAX_CONNS];
static int			endpoint_nnumbered;

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

/* A new connection, connected or accepted: the latest, and numbered. */
static void
endpoint_new_conn(int fd)
{
	endpoint_remember(&endpoint_conns, fd);
	if (endpoint_nnumbered < ENDPOINT_MAX_CONNS)
		endpoint_numbered[endpoint_nnumbered++] = fd;
}

/* A closed descriptor's connection keeps its number, without a socket. */
static void
endpoint_unnumber(int fd)
{
	int	i;

	for (i = endpoint_nnumbered; i-- > 0;) {
		if (endpoint_numbered[i] == fd) {
			endpoint_numbered[i] = -1;
			return;
		}
	}
}

/* The connection a command names: its Nth, or the latest; -1 when it has
 * none such or closed it (the call then fails with EBADF). */
static int
endpoint_conn(const struct ep_command *cmd)
{
	if (cmd->conn == 0)
		return (endpoint_latest(&endpoint_conns));
	return (cmd->conn <= endpoint_nnumbered ?
	    endpoint_numbered[cmd->conn - 1] : -1);
}

/* Collect the sockets a command acts on; returns how many. */
static int
endpoint_targets(const struct ep_command *cmd, int *fds)
{
	int	n = 0, i;

	switch (cmd->target) {
	case TARGET_CONN:
		fds[n++] = endpoint_conn(cmd);
		break;
	case TARGET_LISTENER:
		fds[n++] = endpoint_latest(&endpoint_listeners);
		break;
	case TARGET_CONNS:
	case TARGET_ALL:
		for (i = 0; i < endpoint_conns.n; i++)
			fds[n++] = endpoint_conns.fd[i];
		for (i = 0; cmd->target == TARGET_ALL &&
		    i < endpoint_listeners.n;
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
	endpoint_unnumber(fd);
}

/* Set an int socket option, called name in the report, and report it. */
static int
endpoint_setsockopt(int fd, int level, int option, const char *name,
    int value)
{
	int	r;

	r = setsockopt(fd, level, option, &value, sizeof value);
	endpoint_report(CALL_SETSOCKOPT, fd, r, errno, NULL, "%d, %s, %d", fd,
	    name, value);
	return (r);
}

/* Set SO_REUSEADDR and report it. */
static int
endpoint_reuseaddr(int fd)
{
	return (endpoint_setsockopt(fd, SOL_SOCKET, SO_REUSEADDR,
	    "SO_REUSEADDR", 1));
}

/* Bind to 127.0.0.1:port and report it. */
static int
endpoint_bind(int fd, int port)
{
	struct sockaddr_in	sin;
	int			r;

	endpoint_address(&sin, port);
	r = bind(fd, (struct sockaddr *)&sin, sizeof sin);
	endpoint_report(CALL_BIND, fd, r, errno, NULL, "%d, 127.0.0.1:%d", fd,
	    port);
	return (r);
}

/* socket, optional SO_REUSEADDR, bind and listen on 127.0.0.1:port. */
void
endpoint_listen(const struct ep_command *cmd)
{
	int	fd, r;

	if ((fd = endpoint_socket()) == -1)
		return;
	if (cmd->reuseaddr)
		endpoint_reuseaddr(fd);
	r = endpoint_bind(fd, cmd->port);
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

/*
 * Open count connections to 127.0.0.1:port (bound first to bind_port, when
 * set), stopping at the first error. A connect() that has not completed
 * within a second keeps its socket, in SYN_SENT while the kernel retries
 * its SYN: it is the latest connection, and the last one tried.
 */
void
endpoint_connect(const struct ep_command *cmd)
{
	struct sockaddr_in	sin;
	int			i, fd, r, err;

	endpoint_address(&sin, cmd->port);
	for (i = 0; i < cmd->count; i++) {
		if ((fd = endpoint_socket()) == -1)
			return;
		if (cmd->reuseaddr)
			endpoint_reuseaddr(fd);
		if (cmd->bind_port != 0 && endpoint_bind(fd,
		    cmd->bind_port) == -1) {
			endpoint_close(fd);
			return;
		}
		/* A blocking connect, but one that gives up (EINPROGRESS)
		 * after a second rather than hang the lesson on SYN retries. */
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &endpoint_connect_timeout,
		    sizeof endpoint_connect_timeout);
		endpoint_begin_connect(cmd->port);
		r = connect(fd, (struct sockaddr *)&sin, sizeof sin);
		err = errno;
		endpoint_report(CALL_CONNECT, fd, r, err, NULL,
		    "%d, 127.0.0.1:%d", fd, cmd->port);
		if (r == -1 && err != EINPROGRESS) {
			endpoint_close(fd);
			return;
		}
		endpoint_new_conn(fd);
		if (r == -1)
			return;
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
			endpoint_new_conn(fd);
	} while (cmd->count == 0 && fd != -1);
}

/* Send the command's text, or that many bytes, without waiting. */
void
endpoint_send(const struct ep_command *cmd)
{
	static char	buf[ENDPOINT_RECV_MAX];
	size_t		len;
	ssize_t		r;
	int		fd = endpoint_conn(cmd);

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
	int		fd = endpoint_conn(cmd);

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

/* SO_KEEPALIVE on one target socket and, when on, its timers: stops at
 * the first call that fails, as a program checking each would. */
void
endpoint_keepalive_one(const struct ep_command *cmd, int fd)
{
	const struct {
		int		 level;
		int		 option;
		const char	*name;
		int		 value;
	} opts[] = {
		{ SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE", cmd->keepalive_on },
		{ IPPROTO_TCP, TCP_KEEPIDLE, "TCP_KEEPIDLE", cmd->keep_idle },
		{ IPPROTO_TCP, TCP_KEEPINTVL, "TCP_KEEPINTVL", cmd->keep_intvl },
		{ IPPROTO_TCP, TCP_KEEPCNT, "TCP_KEEPCNT", cmd->keep_count }
	};
	size_t	i, n = cmd->keepalive_on ? sizeof opts / sizeof opts[0] : 1;

	for (i = 0; i < n; i++) {
		if (endpoint_setsockopt(fd, opts[i].level, opts[i].option,
		    opts[i].name, opts[i].value) == -1)
			return;
	}
}

/* SO_RCVBUF, SO_SNDBUF (bytes) or TCP_USER_TIMEOUT (ms) on one target. */
void
endpoint_sockopt_one(const struct ep_command *cmd, int fd)
{
	if (cmd->kind == ACT_RCVBUF)
		endpoint_setsockopt(fd, SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF",
		    cmd->bytes);
	else if (cmd->kind == ACT_SNDBUF)
		endpoint_setsockopt(fd, SOL_SOCKET, SO_SNDBUF, "SO_SNDBUF",
		    cmd->bytes);
	else
		endpoint_setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT,
		    "TCP_USER_TIMEOUT", cmd->msec);
}

/* Apply fn to every socket the command targets. */
void
endpoint_each_target(const struct ep_command *cmd,
    void (*fn)(const struct ep_command *, int))
{
	int	fds[ENDPOINT_MAX_CONNS + LESSON_MAX_LISTENERS], n, i;

	n = endpoint_targets(cmd, fds);
	for (i = 0; i < n; i++)
		fn(cmd, fds[i]);
}
