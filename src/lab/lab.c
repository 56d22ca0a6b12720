/*
 * lab.c: the namespace and the endpoint processes in it.
 *
 * As root the process unshares a network namespace; otherwise it first
 * unshares a user namespace mapping the caller to root, which grants the
 * network privileges over the new namespace (and only over it). Endpoints
 * are forked children, each commanded over a SOCK_SEQPACKET socketpair. An
 * endpoint is finished only when its channel reached EOF and it was reaped,
 * in either order (tmux's job.c does the same).
 *
 * A namespace walks the host's TCP connection hash (262,144 buckets on a
 * big host) for every sock_diag dump unless it has one of its own. The
 * kernel gives a new namespace a private hash when the namespace creating
 * it sets net.ipv4.tcp_child_ehash_entries (Linux 6.1), so the lab is
 * created from a throwaway intermediate namespace that sets it, and the
 * host is never touched. The listening and bind hashes stay the host's.
 */
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <net/if.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/channel.h"
#include "base/crash.h"
#include "base/xmalloc.h"
#include "lab/lab.h"


struct lab_endpoint {
	struct lab	*lab;
	int		 ep;
	pid_t		 pid;
	int		 channel;	/* -1 once it reached EOF */
	int		 child;		/* our own child, so ours to reap */
	int		 reaped;
	int		 status;
	int		 used;
	int		 busy;		/* a command is outstanding */
	int		 fork_child;	/* the endpoint its last fork makes */
};

struct lab {
	struct loop			*loop;
	const struct lab_events		*events;
	void				*arg;
	uint64_t			 start_ns;
	struct lab_endpoint		 endpoints[LESSON_MAX_ENDPOINTS];
};

static int	lab_in_userns;

static void	lab_sigchld(int, void *);

/* Write a short string to a file; returns 0 or -1 with errno. */
static int
lab_write_file(const char *path, const char *text)
{
	ssize_t	n;
	int	fd, saved;

	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1)
		return (-1);
	n = write(fd, text, strlen(text));
	saved = errno;
	close(fd);
	errno = saved;
	return (n == (ssize_t)strlen(text) ? 0 : -1);
}

/* Write /proc/sys/net/ipv4/NAME of the current namespace; -1 and errno. */
static int
lab_sysctl_write(const char *name, const char *value)
{
	char	*path;
	int	 r, saved;

	path = xasprintf("/proc/sys/net/ipv4/%s", name);
	r = lab_write_file(path, value);
	saved = errno;
	free(path);
	errno = saved;
	return (r);
}

/* Read /proc/sys/net/ipv4/NAME of the current namespace as a number;
 * -1 with errno when it cannot be read. */
static int
lab_sysctl_read(const char *name, long *value)
{
	char	*path, buf[32], *end;
	ssize_t	 n;
	int	 fd, saved;

	path = xasprintf("/proc/sys/net/ipv4/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd == -1)
		return (-1);
	n = read(fd, buf, sizeof buf - 1);
	saved = errno;
	close(fd);
	errno = saved;
	if (n <= 0)
		return (-1);
	buf[n] = '\0';
	errno = 0;
	*value = strtol(buf, &end, 10);
	if (errno != 0 || end == buf) {
		errno = EINVAL;
		return (-1);
	}
	return (0);
}

/* Move into a new network namespace, with a user namespace if needed. */
static int
lab_unshare(char **cause)
{
	char	map[64];
	uid_t	uid = geteuid();
	gid_t	gid = getegid();

	if (uid == 0 || lab_in_userns) {
		if (unshare(CLONE_NEWNET) == 0)
			return (0);
		*cause = xasprintf("cannot create a network namespace: "
		    "unshare: %s", strerror(errno));
		return (-1);
	}
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) == -1) {
		*cause = xasprintf("cannot create a private network namespace "
		    "(unshare: %s). Run finwave with sudo, or allow "
		    "unprivileged user namespaces (sysctl "
		    "kernel.unprivileged_userns_clone=1, or "
		    "kernel.apparmor_restrict_unprivileged_userns=0).",
		    strerror(errno));
		return (-1);
	}
	lab_write_file("/proc/self/setgroups", "deny");
	snprintf(map, sizeof map, "0 %u 1", (unsigned)uid);
	if (lab_write_file("/proc/self/uid_map", map) == -1) {
		*cause = xasprintf("uid_map: %s", strerror(errno));
		return (-1);
	}
	snprintf(map, sizeof map, "0 %u 1", (unsigned)gid);
	if (lab_write_file("/proc/self/gid_map", map) == -1) {
		*cause = xasprintf("gid_map: %s", strerror(errno));
		return (-1);
	}
	lab_in_userns = 1;
	return (0);
}

/* Bring up lo in the current namespace. */
static int
lab_loopback_up(char **cause)
{
	struct ifreq	ifr;
	int		s, r;

	if ((s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1) {
		*cause = xasprintf("socket: %s", strerror(errno));
		return (-1);
	}
	memset(&ifr, 0, sizeof ifr);
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "lo");
	r = ioctl(s, SIOCGIFFLAGS, &ifr);
	if (r == 0) {
		ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
		r = ioctl(s, SIOCSIFFLAGS, &ifr);
	}
	if (r == -1)
		*cause = xasprintf("cannot bring lo up: %s", strerror(errno));
	close(s);
	return (r);
}

/*
 * From the intermediate namespace the process is in, move into the lab
 * with a private hash of ehash_entries buckets. A private hash changes two
 * limits the kernel derives from the hash size (tcp_max_tw_buckets is half
 * of it, tcp_max_syn_backlog max(128, size / 128)), so the lab gets the
 * values the intermediate, shared-hash namespace has: no lesson behaves by
 * the hash size. Stays in the intermediate (the shared hash) when
 * ehash_entries is 0 or the kernel cannot, and goes back to it when the
 * limits cannot be set.
 */
static void
lab_private_hash(unsigned ehash_entries)
{
	static const char	*limits[] = {
		"tcp_max_tw_buckets", "tcp_max_syn_backlog"
	};
	char			 text[32];
	long			 shared[2];
	size_t			 i;
	int			 intermediate, kept = 1;

	if (ehash_entries == 0 || !lab_has_sysctl("tcp_child_ehash_entries"))
		return;
	for (i = 0; i < 2; i++) {
		if (lab_sysctl_read(limits[i], &shared[i]) == -1)
			return;
	}
	snprintf(text, sizeof text, "%u", ehash_entries);
	if (lab_sysctl_write("tcp_child_ehash_entries", text) == -1)
		return;
	if ((intermediate = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC)) ==
	    -1)
		return;
	if (unshare(CLONE_NEWNET) == 0) {
		for (i = 0; i < 2; i++) {
			snprintf(text, sizeof text, "%ld", shared[i]);
			if (lab_sysctl_write(limits[i], text) == -1)
				kept = 0;
		}
		/* Limits it cannot set back would change lessons: the
		 * intermediate, with the host's hash, is the lab then. */
		if (!kept)
			(void)setns(intermediate, CLONE_NEWNET);
	}
	close(intermediate);
}

/* Move the calling process into a fresh namespace with lo up, its TCP
 * hash private and ehash_entries buckets big when the kernel can. */
int
lab_enter(unsigned ehash_entries, char **cause)
{
	if (lab_unshare(cause) == -1)
		return (-1);
	lab_private_hash(ehash_entries);
	return (lab_loopback_up(cause));
}

/* The current namespace's TCP hash: its bucket count, negative when the
 * namespace shares the host's; 0 when the kernel does not say. */
long
lab_ehash_entries(void)
{
	long	value;

	return (lab_sysctl_read("tcp_ehash_entries", &value) == -1 ? 0 :
	    value);
}

/* Create the lab: a namespace of our own with lo up. */
struct lab *
lab_new(struct loop *loop, const struct lab_events *events, void *arg,
    unsigned ehash_entries, char **cause)
{
	struct lab	*lab;
	int		 i;

	if (lab_enter(ehash_entries, cause) == -1)
		return (NULL);
	/* Orphaned grandchildren (forked endpoints) come back to us. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	signal(SIGPIPE, SIG_IGN);

	lab = xcalloc(1, sizeof *lab);
	lab->loop = loop;
	lab->events = events;
	lab->arg = arg;
	lab->start_ns = loop_realtime_ns();
	loop_add_signal(loop, SIGCHLD, lab_sigchld, lab);
	for (i = 0; i < LESSON_MAX_ENDPOINTS; i++) {
		lab->endpoints[i].lab = lab;
		lab->endpoints[i].ep = i;
		lab->endpoints[i].channel = -1;
	}
	return (lab);
}

/* Look up an endpoint slot. */
static struct lab_endpoint *
lab_endpoint(struct lab *lab, int ep)
{
	if (ep < 0 || ep >= LESSON_MAX_ENDPOINTS)
		fatalx("endpoint %d out of range", ep);
	return (&lab->endpoints[ep]);
}

/* An endpoint's process is pid: a crash of finwave kills it too. */
static void
lab_set_pid(struct lab_endpoint *le, pid_t pid)
{
	le->pid = pid;
	(void)crash_watch(pid);
}

/* Report an endpoint gone once both its EOF and its reaping are in. */
static void
lab_maybe_finished(struct lab_endpoint *le)
{
	if (le->channel != -1 || (le->child && !le->reaped) || !le->used)
		return;
	le->used = 0;
	crash_unwatch(le->pid);
	le->lab->events->exited(le->ep, le->child ? le->status : -1,
	    le->lab->arg);
}

/* A fork() in the parent names the child's pid before its HELLO does. */
static void
lab_note_fork(struct lab *lab, struct lab_endpoint *le,
    const struct call *call)
{
	struct lab_endpoint	*child;

	if (call->name != CALL_FORK || call->ret <= 0 ||
	    le->fork_child == -1)
		return;
	child = lab_endpoint(lab, le->fork_child);
	if (child->pid == 0)
		lab_set_pid(child, (pid_t)call->ret);
	le->fork_child = -1;
}

/* Read every message waiting on an endpoint's channel. */
static void
lab_channel_ready(int fd, short revents, void *arg)
{
	struct lab_endpoint	*le = arg;
	struct lab		*lab = le->lab;
	struct ep_msg		 msg;
	ssize_t			 n;

	(void)revents;
	for (;;) {
		n = recv(fd, &msg, sizeof msg, MSG_DONTWAIT);
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n != (ssize_t)sizeof msg)
			break;
		switch (msg.kind) {
		case EP_MSG_HELLO:
			/* Only a forked endpoint introduces itself, once. */
			if (!le->child && le->pid == 0)
				lab_set_pid(le, msg.pid);
			break;
		case EP_MSG_CALL:
			lab_note_fork(lab, le, &msg.call);
			lab->events->call(le->ep, &msg.call, lab->arg);
			break;
		case EP_MSG_DONE:
			if (!le->busy)
				break;
			le->busy = 0;
			lab->events->done(le->ep, lab->arg);
			break;
		}
	}
	loop_remove_fd(lab->loop, fd);
	close(fd);
	le->channel = -1;
	lab_maybe_finished(le);
}

/* Reap every child that has exited; signals merge, so loop until none. */
static void
lab_reap(struct lab *lab)
{
	pid_t	pid;
	int	status, i;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < LESSON_MAX_ENDPOINTS; i++) {
			if (lab->endpoints[i].pid != pid ||
			    !lab->endpoints[i].used)
				continue;
			lab->endpoints[i].reaped = 1;
			lab->endpoints[i].status = status;
			lab_maybe_finished(&lab->endpoints[i]);
		}
	}
}

/* SIGCHLD: reap. */
static void
lab_sigchld(int signo, void *arg)
{
	(void)signo;
	lab_reap(arg);
}

/* Register a channel for endpoint ep. */
static void
lab_attach(struct lab *lab, struct lab_endpoint *le, int fd, int child)
{
	le->channel = fd;
	le->child = child;
	le->reaped = 0;
	le->status = 0;
	le->pid = 0;
	le->used = 1;
	le->busy = 0;
	le->fork_child = -1;
	loop_add_fd(lab->loop, fd, 0, lab_channel_ready, le);
}

/* In the new child: die with finwave, restore signals, keep only fd. */
static void
lab_child_setup(int fd, pid_t parent)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(1);
	crash_child();
	signal(SIGPIPE, SIG_DFL);
	sigprocmask(SIG_SETMASK, loop_original_mask(), NULL);
	if (dup2(fd, ENDPOINT_CHANNEL_FD) == -1 ||
	    close_range(3, ENDPOINT_CHANNEL_FD - 1, 0) == -1 ||
	    close_range(ENDPOINT_CHANNEL_FD + 1, ~0U, 0) == -1)
		_exit(1);	/* never an endpoint with finwave's sockets */
}

/* Fork endpoint ep with a fresh channel. */
int
lab_spawn(struct lab *lab, int ep, char **cause)
{
	struct lab_endpoint	*le = lab_endpoint(lab, ep);
	sigset_t		 all, old;
	pid_t			 parent = getpid(), pid;
	int			 sv[2];

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1) {
		*cause = xasprintf("socketpair: %s", strerror(errno));
		return (-1);
	}
	fflush(NULL);
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		lab_child_setup(sv[1], parent);
		endpoint_main();
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(sv[1]);
	if (pid == -1) {
		*cause = xasprintf("fork: %s", strerror(errno));
		close(sv[0]);
		return (-1);
	}
	lab_attach(lab, le, sv[0], 1);
	lab_set_pid(le, pid);
	return (0);
}

/* Send a command, with a new channel for the child when it is a fork. */
int
lab_command(struct lab *lab, int ep, const struct ep_command *cmd, int child,
    char **cause)
{
	struct lab_endpoint	*le = lab_endpoint(lab, ep);
	int			 sv[2] = { -1, -1 };
	ssize_t			 n;

	if (le->channel == -1) {
		*cause = xasprintf("the process has exited");
		return (-1);
	}
	if (cmd->kind == ACT_FORK && socketpair(AF_UNIX,
	    SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1) {
		*cause = xasprintf("socketpair: %s", strerror(errno));
		return (-1);
	}
	n = channel_send(le->channel, cmd, sizeof *cmd, sv[1]);
	if (sv[1] != -1)
		close(sv[1]);
	if (n != (ssize_t)sizeof *cmd) {
		*cause = xasprintf("the process has exited");
		if (sv[0] != -1)
			close(sv[0]);
		return (-1);
	}
	le->busy = 1;
	if (sv[0] != -1) {
		lab_attach(lab, lab_endpoint(lab, child), sv[0], 0);
		le->fork_child = child;
	}
	return (0);
}

/* SIGKILL an endpoint's process. */
int
lab_kill(struct lab *lab, int ep)
{
	struct lab_endpoint	*le = lab_endpoint(lab, ep);

	if (le->pid <= 0 || !le->used) {
		errno = ESRCH;
		return (-1);
	}
	return (kill(le->pid, SIGKILL));
}

/* Write /proc/sys/net/ipv4/NAME inside the lab. */
int
lab_sysctl(const char *name, const char *value, char **cause)
{
	int	r;

	if ((r = lab_sysctl_write(name, value)) == -1)
		*cause = xasprintf("/proc/sys/net/ipv4/%s: %s", name,
		    strerror(errno));
	return (r);
}

/* Read /proc/sys/net/ipv4/NAME inside the lab as a number. */
int
lab_sysctl_get(const char *name, long *value, char **cause)
{
	int	r, saved;

	if ((r = lab_sysctl_read(name, value)) == -1) {
		saved = errno;
		*cause = xasprintf("/proc/sys/net/ipv4/%s: %s", name,
		    strerror(saved));
		errno = saved;
	}
	return (r);
}

/* Whether net.ipv4.NAME exists here. FINWAVE_TEST_HIDE_SYSCTL=NAME hides
 * one, for the tests to show what a lesson does on an older kernel. */
int
lab_has_sysctl(const char *name)
{
	const char	*hide = getenv("FINWAVE_TEST_HIDE_SYSCTL");
	char		*path;
	int		 r;

	if (hide != NULL && strcmp(hide, name) == 0)
		return (0);
	path = xasprintf("/proc/sys/net/ipv4/%s", name);
	r = access(path, F_OK) == 0;
	free(path);
	return (r);
}

/* An endpoint's process id. */
pid_t
lab_pid(struct lab *lab, int ep)
{
	return (lab_endpoint(lab, ep)->pid);
}

/* The real-time start of the lab. */
uint64_t
lab_start_ns(struct lab *lab)
{
	return (lab->start_ns);
}

/* Kill every endpoint, close every channel and reap what is ours. */
void
lab_free(struct lab *lab)
{
	struct lab_endpoint	*le;
	int			 i;

	loop_remove_signal(lab->loop, SIGCHLD);
	for (i = 0; i < LESSON_MAX_ENDPOINTS; i++) {
		le = &lab->endpoints[i];
		if (le->pid > 0 && le->used) {
			kill(le->pid, SIGKILL);
			crash_unwatch(le->pid);
		}
		if (le->channel != -1) {
			loop_remove_fd(lab->loop, le->channel);
			close(le->channel);
			le->channel = -1;
		}
	}
	while (waitpid(-1, NULL, __WALL) > 0 || errno == EINTR)
		;
	free(lab);
}
