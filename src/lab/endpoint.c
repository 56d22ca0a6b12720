/*
 * endpoint.c: the program inside each endpoint process. It waits for a
 * command on its channel, makes the real system calls the command names
 * (the socket calls are endpoint_sockets.c's), and reports every call with
 * its return value, errno and the time it returned.
 *
 * A watchdog thread ends the process as soon as finwave hangs up its
 * channel, whatever the endpoint is blocked in (a close() that lingers
 * for minutes included): no endpoint, forked or not, outlives finwave.
 */
#include <sys/resource.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/channel.h"
#include "base/loop.h"
#include "lab/endpoint_parts.h"

static volatile sig_atomic_t	endpoint_sigpipe;
static uint64_t			endpoint_call_began;	/* or 0 */
static int			endpoint_channel = ENDPOINT_CHANNEL_FD;
static int			endpoint_connect_port;	/* of the connect()
							 * under way */

/* Copy the fields of an action that an endpoint needs. */
void
endpoint_command(const struct action *a, struct ep_command *cmd)
{
	memset(cmd, 0, sizeof *cmd);
	cmd->kind = a->kind;
	cmd->target = a->target;
	cmd->conn = a->conn;
	cmd->port = a->port;
	cmd->bind_port = a->bind_port;
	cmd->backlog = a->backlog;
	cmd->reuseaddr = a->reuseaddr;
	cmd->count = a->count;
	cmd->bytes = a->bytes;
	cmd->how = a->how;
	cmd->linger_on = a->linger_on;
	cmd->linger_secs = a->linger_secs;
	cmd->keepalive_on = a->keepalive_on;
	cmd->keep_idle = a->keep_idle;
	cmd->keep_intvl = a->keep_intvl;
	cmd->keep_count = a->keep_count;
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
void
endpoint_begin(void)
{
	endpoint_call_began = loop_now_ns();
}

/* Note that a connect() to port begins: it is timed, and its report names
 * port as the peer, which getpeername() does not tell while the handshake
 * is still under way (EINPROGRESS). */
void
endpoint_begin_connect(int port)
{
	endpoint_begin();
	endpoint_connect_port = port;
}

/*
 * Report a finished call: its name, ret, errno, its ports as the kernel
 * has them (listen, accept, and a connect that worked or is under way),
 * and "name(args) = result" followed by extra, if any.
 */
void
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
	if (ret != -1 && name == CALL_LISTEN)
		endpoint_fill_ports(fd, &msg.call);
	if (name == CALL_CONNECT && (ret != -1 || err == EINPROGRESS)) {
		endpoint_fill_ports(fd, &msg.call);
		msg.call.rport = (uint16_t)endpoint_connect_port;
	}
	if (ret != -1 && name == CALL_ACCEPT)
		endpoint_fill_ports((int)ret, &msg.call);
	endpoint_send_msg(&msg);
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
	case ACT_KEEPALIVE:
		endpoint_each_target(cmd, endpoint_keepalive_one);
		break;
	case ACT_RCVBUF:
	case ACT_SNDBUF:
	case ACT_USER_TIMEOUT:
		endpoint_each_target(cmd, endpoint_sockopt_one);
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
