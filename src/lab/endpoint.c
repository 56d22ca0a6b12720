/*
 * endpoint.c: the program inside each endpoint process. It waits for a
 * command on its channel, makes the real system calls the command names,
 * and reports every call with its return value, errno and the time it
 * returned. It keeps the sockets a small program would keep: one listener
 * and the connections it made or accepted, the latest being "the" one.
 *
 * Calls that could wait forever wait at most a second (poll) and then ask
 * without blocking, so the learner sees EAGAIN rather than a hung lesson.
 * A watchdog thread ends the process as soon as finwave hangs up its
 * channel, whatever the endpoint is blocked in (a close() that lingers
 * for minutes included): no endpoint, forked or not, outlives finwave.
 */
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/channel.h"
#include "base/loop.h"
#include "lab/endpoint.h"

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
static volatile sig_atomic_t	endpoint_sigpipe;
static uint64_t			endpoint_call_began;	/* or 0 */
static int			endpoint_channel = ENDPOINT_CHANNEL_FD;

/* Copy the fields of an action that an endpoint needs. */
void
endpoint_command(const struct action *a, struct ep_command *cmd)
{
	memset(cmd, 0, sizeof *cmd);
	cmd->kind = a->kind;
	cmd->target = a->target;
	cmd->port = a->port;
	cmd->backlog = a->backlog;
	cmd->reuseaddr = a->reuseaddr;
	cmd->count = a->count;
	cmd->bytes = a->bytes;
	cmd->how = a->how;
	cmd->linger_on = a->linger_on;
	cmd->linger_secs = a->linger_secs;
	cmd->msec = a->msec;
	cmd->nofile = a->nofile;
	if (a->text != NULL)
		snprintf(cmd->text, sizeof cmd->text, "%s", a->text);
}

/* The watchdog: end the process once finwave hangs up the channel. */
static void *
endpoint_watchdog(void *arg)
{
	struct pollfd	pfd;

	pfd.fd = (int)(intptr_t)arg;
	pfd.events = 0;		/* POLLHUP and POLLERR come anyway */
	for (;;) {
		if (poll(&pfd, 1, -1) == 1 &&
		    (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)))
			_exit(0);
	}
}

/* Start the watchdog on the channel, with every signal blocked in it so
 * that signals reach the thread that makes the calls. */
static void
endpoint_start_watchdog(void)
{
	pthread_attr_t	attr;
	pthread_t	thread;
	sigset_t	all, old;
	int		r;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, PTHREAD_STACK_MIN + 16384);
	r = pthread_create(&thread, &attr, endpoint_watchdog,
	    (void *)(intptr_t)endpoint_channel);
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (r != 0)
		_exit(1);	/* without it, it could outlive finwave */
}

/* Note that SIGPIPE arrived; the call that caused it reports it. */
static void
endpoint_on_sigpipe(int signo)
{
	(void)signo;
	endpoint_sigpipe = 1;
}

/* Send one message to finwave; if finwave is gone, so is the endpoint. */
static void
endpoint_send_msg(const struct ep_msg *msg)
{
	if (send(endpoint_channel, msg, sizeof *msg, MSG_NOSIGNAL) == -1)
		_exit(0);
}

/* Fill in the ports of a new connection from the kernel's view of it. */
static void
endpoint_fill_ports(int fd, struct call *call)
{
	struct sockaddr_in	sin;
	socklen_t		len;

	len = sizeof sin;
	if (getsockname(fd, (struct sockaddr *)&sin, &len) == 0)
		call->lport = ntohs(sin.sin_port);
	len = sizeof sin;
	if (getpeername(fd, (struct sockaddr *)&sin, &len) == 0)
		call->rport = ntohs(sin.sin_port);
}

/* Note when a call that may block (connect, close) begins, on the monotonic
 * clock: a call is timed whatever the wall clock does meanwhile. */
static void
endpoint_begin(void)
{
	endpoint_call_began = loop_now_ns();
}

static void	endpoint_report(enum call_name, int, long, int, const char *,
		    const char *, ...) __attribute__((format(printf, 6, 7)));

/*
 * Report a finished call: its name, ret, errno, its ports as the kernel
 * has them (connect, accept, listen), and "name(args) = result" followed
 * by extra, if any.
 */
static void
endpoint_report(enum call_name name, int fd, long ret, int err,
    const char *extra, const char *fmt, ...)
{
	struct ep_msg	msg;
	va_list		ap;
	char		args[160];
	size_t		len;

	memset(&msg, 0, sizeof msg);
	msg.kind = EP_MSG_CALL;
	msg.pid = getpid();
	msg.call.t_ns = loop_realtime_ns();
	if (endpoint_call_began != 0)
		msg.call.took_ns = loop_now_ns() - endpoint_call_began;
	endpoint_call_began = 0;
	msg.call.name = name;
	msg.call.ret = ret;
	msg.call.err = ret == -1 ? err : 0;
	msg.call.fd = fd;
	msg.call.sigpipe = endpoint_sigpipe;
	endpoint_sigpipe = 0;

	va_start(ap, fmt);
	vsnprintf(args, sizeof args, fmt, ap);
	va_end(ap);
	if (ret == -1)
		snprintf(msg.call.text, sizeof msg.call.text, "%s(%s) = -1 %s",
		    call_word(name), args, strerrorname_np(err));
	else
		snprintf(msg.call.text, sizeof msg.call.text, "%s(%s) = %ld",
		    call_word(name), args, ret);
	len = strlen(msg.call.text);
	if (extra != NULL)
		snprintf(msg.call.text + len, sizeof msg.call.text - len,
		    " %s", extra);
	len = strlen(msg.call.text);
	if (msg.call.took_ns >= CALL_BLOCKED_NS)
		snprintf(msg.call.text + len, sizeof msg.call.text - len,
		    " after %" PRIu64 " ms", msg.call.took_ns / 1000000);
	len = strlen(msg.call.text);
	if (msg.call.sigpipe)
		snprintf(msg.call.text + len, sizeof msg.call.text - len,
		    ", SIGPIPE delivered");
	if (ret != -1 && (name == CALL_CONNECT || name == CALL_LISTEN))
		endpoint_fill_ports(fd, &msg.call);
	if (ret != -1 && name == CALL_ACCEPT)
		endpoint_fill_ports((int)ret, &msg.call);
	endpoint_send_msg(&msg);
}

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
static void
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
static void
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
static void
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
static void
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
static void
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
static void
endpoint_close_one(const struct ep_command *cmd, int fd)
{
	(void)cmd;
	endpoint_close(fd);
}

/* shutdown() one target socket. */
static void
endpoint_shutdown_one(const struct ep_command *cmd, int fd)
{
	static const char	*hows[] = { "SHUT_RD", "SHUT_WR", "SHUT_RDWR" };
	int			 r;

	r = shutdown(fd, cmd->how);
	endpoint_report(CALL_SHUTDOWN, fd, r, errno, NULL, "%d, %s", fd,
	    hows[cmd->how]);
}

/* Set SO_LINGER on one target socket. */
static void
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
static void
endpoint_reuseaddr_one(const struct ep_command *cmd, int fd)
{
	(void)cmd;
	endpoint_reuseaddr(fd);
}

/* Apply fn to every socket the command targets. */
static void
endpoint_each_target(const struct ep_command *cmd,
    void (*fn)(const struct ep_command *, int))
{
	int	fds[ENDPOINT_MAX_CONNS + LESSON_MAX_LISTENERS], n, i;

	n = endpoint_targets(cmd->target, fds);
	for (i = 0; i < n; i++)
		fn(cmd, fds[i]);
}

/*
 * Fork: the child takes the new channel and carries on as a new endpoint;
 * returns 1 in the child. The child's channel moves to ENDPOINT_CHANNEL_FD
 * when it can (a low descriptor limit may forbid it).
 */
static int
endpoint_fork(int channel)
{
	struct ep_msg	hello;
	pid_t		pid;

	pid = fork();
	if (pid == 0) {
		if (dup2(channel, ENDPOINT_CHANNEL_FD) == -1) {
			close(endpoint_channel);
			endpoint_channel = channel;
		} else
			close(channel);
		endpoint_start_watchdog();
		memset(&hello, 0, sizeof hello);
		hello.kind = EP_MSG_HELLO;
		hello.pid = getpid();
		endpoint_send_msg(&hello);
		return (1);
	}
	close(channel);
	endpoint_report(CALL_FORK, -1, pid, errno, NULL, "%s", "");
	return (0);
}

/* Be busy for msec (the watchdog ends it if finwave hangs up). */
static void
endpoint_sleep(int msec)
{
	uint64_t	until = loop_now_ms() + (uint64_t)msec, now;

	while ((now = loop_now_ms()) < until)
		poll(NULL, 0, (int)(until - now));
}

/* Set the descriptor limit and report it. */
static void
endpoint_nofile(const struct ep_command *cmd)
{
	struct rlimit	rl;
	int		r;

	rl.rlim_cur = rl.rlim_max = (rlim_t)cmd->nofile;
	r = setrlimit(RLIMIT_NOFILE, &rl);
	endpoint_report(CALL_SETRLIMIT, -1, r, errno, NULL, "RLIMIT_NOFILE, %d",
	    cmd->nofile);
}

/* Run one command; channel is a descriptor passed with it, or -1.
 * Returns 0 when no DONE is owed (the child of a fork). */
static int
endpoint_run(const struct ep_command *cmd, int channel)
{
	switch (cmd->kind) {
	case ACT_LISTEN:
		endpoint_listen(cmd);
		break;
	case ACT_CONNECT:
		endpoint_connect(cmd);
		break;
	case ACT_ACCEPT:
		endpoint_accept(cmd);
		break;
	case ACT_SEND:
		endpoint_send(cmd);
		break;
	case ACT_RECV:
		endpoint_recv(cmd);
		break;
	case ACT_CLOSE:
		endpoint_each_target(cmd, endpoint_close_one);
		break;
	case ACT_SHUTDOWN:
		endpoint_each_target(cmd, endpoint_shutdown_one);
		break;
	case ACT_LINGER:
		endpoint_each_target(cmd, endpoint_linger_one);
		break;
	case ACT_REUSEADDR:
		endpoint_each_target(cmd, endpoint_reuseaddr_one);
		break;
	case ACT_FORK:
		if (channel != -1 && endpoint_fork(channel))
			return (0);
		break;
	case ACT_EXIT:
		_exit(0);
	case ACT_SLEEP:
		endpoint_sleep(cmd->msec);
		break;
	case ACT_NOFILE:
		endpoint_nofile(cmd);
		break;
	case ACT_KILL:
	case ACT_SYSCTL:
	case ACT_RTO_MIN:
	case ACT_WAIT:
	case ACT_WIRE:
		break;
	}
	return (1);
}

/* The command loop: until finwave hangs up or a command ends the process. */
void
endpoint_main(void)
{
	struct sigaction	sa;
	struct ep_command	cmd;
	struct ep_msg		done;
	int			channel;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = endpoint_on_sigpipe;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGCHLD, &sa, NULL);
	endpoint_start_watchdog();

	while (channel_recv(endpoint_channel, &cmd, sizeof cmd, &channel) ==
	    (ssize_t)sizeof cmd) {
		if (!endpoint_run(&cmd, channel))
			continue;
		memset(&done, 0, sizeof done);
		done.kind = EP_MSG_DONE;
		done.pid = getpid();
		endpoint_send_msg(&done);
	}
	_exit(0);
}
