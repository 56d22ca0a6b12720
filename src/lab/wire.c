/*
 * wire.c: hold, deliver and drop the lab's segments in flight.
 *
 * An iptables rule in the lab's raw table queues every TCP segment sent on
 * lo to NFQUEUE, except those carrying WIRE_MARK. For each one the decider
 * says what to do. Pass gives NF_ACCEPT. Hold keeps a copy and gives
 * NF_DROP: a verdict withheld would leave the segment queued in the kernel,
 * which then refuses to retransmit it, whereas a dropped one is "sent" and
 * its sender's timers run as on a real network. Delivering sends the copy
 * through a raw socket whose mark the rule skips. Drop gives NF_DROP and
 * keeps nothing. The rule has --queue-bypass, so once our queue socket is
 * closed every segment passes untouched.
 */
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink_queue.h>

#include <libmnl/libmnl.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xmalloc.h"
#include "lab/capture.h"
#include "lab/wire.h"

#define WIRE_QUEUE	0
#define WIRE_MARK	0x66770000U	/* "fw": segments we reinject */
#define WIRE_COPY_MAX	0xffff
#define WIRE_SOCKBUF	(8 * 1024 * 1024)
#define WIRE_ERR_MAX	512

extern char **environ;

struct wire_packet {
	uint32_t	 id;
	struct segment	 seg;
	uint8_t		*bytes;		/* the IPv4 packet */
	size_t		 len;
};

struct wire {
	struct loop		*loop;
	struct mnl_socket	*nl;
	unsigned		 portid;
	int			 watching;	/* the loop polls nl */
	int			 raw;
	const struct wire_events *events;
	void			*arg;
	int			 broken;	/* failed() was called */
	struct wire_packet	*held;		/* oldest first */
	size_t			 nheld;
	char			*buf;		/* netlink receive buffer */
	size_t			 bufsize;
};

/* The iptables program, or NULL: $FINWAVE_IPTABLES, else where Debian
 * puts it (not every user has /usr/sbin in PATH). */
static const char *
wire_iptables_path(void)
{
	static const char *const paths[] = {
		"/usr/sbin/iptables", "/sbin/iptables", "/usr/bin/iptables"
	};
	const char	*env = getenv("FINWAVE_IPTABLES");
	size_t		 i;

	if (env != NULL && *env != '\0')
		return (access(env, X_OK) == 0 ? env : NULL);
	for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		if (access(paths[i], X_OK) == 0)
			return (paths[i]);
	}
	return (NULL);
}

/* Where iptables finds its private lock: descriptor 3 of its own. */
#define WIRE_LOCK_FD	3
#define WIRE_LOCK_PATH	"/proc/self/fd/3"

/*
 * The environment iptables runs with: finwave's, and, unless the user
 * named a lock file, XTABLES_LOCKFILE naming the lock descriptor it is
 * given (iptables-legacy takes a lock file an ordinary user cannot create
 * where it looks; an anonymous file leaves nothing behind, however finwave
 * ends). *added is the entry made here, for the caller to free.
 */
static char **
wire_spawn_env(int own_lock, char **added)
{
	size_t	 n = 0, i;
	char	**envp;

	while (environ[n] != NULL)
		n++;
	envp = xcalloc(n + 2, sizeof *envp);
	for (i = 0; i < n; i++)
		envp[i] = environ[i];
	*added = NULL;
	if (own_lock)
		envp[n] = *added = xstrdup("XTABLES_LOCKFILE=" WIRE_LOCK_PATH);
	return (envp);
}

/*
 * Start iptables: stdin and stdout /dev/null, stderr the pipe err_fd, the
 * lock (when lock_fd is not -1) as descriptor 3, and no other descriptor
 * of finwave's: libpcap opens some without close-on-exec, so the spawn
 * closes everything above what it hands over. Returns posix_spawn's
 * result.
 */
static int
wire_spawn(const char *path, char **argv, int err_fd, int lock_fd, pid_t *pid)
{
	posix_spawn_file_actions_t	 fa;
	posix_spawnattr_t		 attr;
	char				**envp, *added;
	int				 ret;

	envp = wire_spawn_env(lock_fd != -1, &added);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
	if (lock_fd != -1)
		posix_spawn_file_actions_adddup2(&fa, lock_fd, WIRE_LOCK_FD);
	posix_spawn_file_actions_addclosefrom_np(&fa, lock_fd != -1 ?
	    WIRE_LOCK_FD + 1 : 3);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigmask(&attr, loop_original_mask());
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
	ret = posix_spawn(pid, path, &fa, &attr, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	free(added);
	free(envp);
	return (ret);
}

/* Run iptables to add the rule that queues the lab's segments; its error
 * output becomes *cause. */
static int
wire_add_rule(char **cause)
{
	const char	*path = wire_iptables_path();
	char		 mark[32], queue[16], err[WIRE_ERR_MAX];
	char		*argv[] = {
		(char *)"iptables", (char *)"-w", (char *)"-t", (char *)"raw",
		(char *)"-A", (char *)"OUTPUT", (char *)"-o", (char *)"lo",
		(char *)"-p", (char *)"tcp", (char *)"-m", (char *)"mark",
		(char *)"!", (char *)"--mark", mark, (char *)"-j",
		(char *)"NFQUEUE", (char *)"--queue-num", queue,
		(char *)"--queue-bypass", NULL
	};
	pid_t		 pid;
	ssize_t		 n;
	size_t		 got = 0;
	int		 pipefd[2], lock_fd = -1, status = -1, ret;

	if (path == NULL) {
		*cause = xstrdup("iptables is not installed (Debian package "
		    "iptables)");
		return (-1);
	}
	snprintf(mark, sizeof mark, "0x%x", WIRE_MARK);
	snprintf(queue, sizeof queue, "%d", WIRE_QUEUE);
	if (getenv("XTABLES_LOCKFILE") == NULL &&
	    (lock_fd = memfd_create("finwave-xtables-lock", MFD_CLOEXEC)) ==
	    -1) {
		*cause = xasprintf("memfd_create: %s", strerror(errno));
		return (-1);
	}
	if (pipe2(pipefd, O_CLOEXEC) == -1) {
		*cause = xasprintf("pipe: %s", strerror(errno));
		if (lock_fd != -1)
			close(lock_fd);
		return (-1);
	}
	ret = wire_spawn(path, argv, pipefd[1], lock_fd, &pid);
	close(pipefd[1]);
	if (lock_fd != -1)
		close(lock_fd);
	if (ret == 0) {
		while (got + 1 < sizeof err &&
		    (n = read(pipefd[0], err + got, sizeof err - 1 - got)) > 0)
			got += (size_t)n;
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
	}
	err[got] = '\0';
	close(pipefd[0]);
	if (ret != 0) {
		*cause = xasprintf("%s: %s", path, strerror(ret));
		return (-1);
	}
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return (0);
	err[strcspn(err, "\n")] = '\0';
	*cause = xasprintf("iptables could not add the NFQUEUE rule: %s",
	    got != 0 ? err : "it failed without saying why");
	return (-1);
}

/* Send a configuration message and wait for the kernel's answer. */
static int
wire_request(struct wire *w, char *buf, size_t size, struct nlmsghdr *nlh,
    char **cause)
{
	ssize_t	n;

	nlh->nlmsg_flags |= NLM_F_ACK;
	if (mnl_socket_sendto(w->nl, nlh, nlh->nlmsg_len) == -1 ||
	    (n = mnl_socket_recvfrom(w->nl, buf, size)) == -1) {
		*cause = xasprintf("NFQUEUE configuration: %s",
		    strerror(errno));
		return (-1);
	}
	if (mnl_cb_run(buf, (size_t)n, 0, w->portid, NULL, NULL) == -1) {
		*cause = xasprintf("NFQUEUE is not available in this kernel "
		    "(%s)", strerror(errno));
		return (-1);
	}
	return (0);
}

/* Bind our queue and ask for whole packets; if finwave ever falls behind,
 * the kernel passes segments rather than losing them (fail-open). */
static int
wire_bind(struct wire *w, char **cause)
{
	char		 buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr	*nlh;

	nlh = nfq_nlmsg_put(buf, NFQNL_MSG_CONFIG, WIRE_QUEUE);
	nfq_nlmsg_cfg_put_cmd(nlh, AF_INET, NFQNL_CFG_CMD_BIND);
	if (wire_request(w, buf, sizeof buf, nlh, cause) == -1)
		return (-1);
	nlh = nfq_nlmsg_put(buf, NFQNL_MSG_CONFIG, WIRE_QUEUE);
	nfq_nlmsg_cfg_put_params(nlh, NFQNL_COPY_PACKET, WIRE_COPY_MAX);
	mnl_attr_put_u32(nlh, NFQA_CFG_FLAGS, htonl(NFQA_CFG_F_FAIL_OPEN));
	mnl_attr_put_u32(nlh, NFQA_CFG_MASK, htonl(NFQA_CFG_F_FAIL_OPEN));
	return (wire_request(w, buf, sizeof buf, nlh, cause));
}

/* Tell the kernel what becomes of queued packet id. */
static void
wire_verdict(struct wire *w, uint32_t id, int verdict)
{
	char		 buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr	*nlh;

	nlh = nfq_nlmsg_put(buf, NFQNL_MSG_VERDICT, WIRE_QUEUE);
	nfq_nlmsg_verdict_put(nlh, (int)id, verdict);
	/* Nothing to do on failure: fail-open and the sender's timers
	 * recover whatever a lost verdict costs. */
	(void)mnl_socket_sendto(w->nl, nlh, nlh->nlmsg_len);
}

/* One queued packet: decide, then pass, hold or drop it. */
static int
wire_packet(const struct nlmsghdr *nlh, void *arg)
{
	struct wire			*w = arg;
	struct nlattr			*attr[NFQA_MAX + 1] = { NULL };
	struct nfqnl_msg_packet_hdr	*ph;
	struct wire_packet		*p;
	struct segment			 seg;
	const uint8_t			*bytes;
	uint32_t			 id;
	size_t				 len;

	if (nfq_nlmsg_parse(nlh, attr) < 0 || attr[NFQA_PACKET_HDR] == NULL)
		return (MNL_CB_OK);
	ph = mnl_attr_get_payload(attr[NFQA_PACKET_HDR]);
	id = ntohl(ph->packet_id);
	if (attr[NFQA_PAYLOAD] == NULL) {
		wire_verdict(w, id, NF_ACCEPT);
		return (MNL_CB_OK);
	}
	bytes = mnl_attr_get_payload(attr[NFQA_PAYLOAD]);
	len = mnl_attr_get_payload_len(attr[NFQA_PAYLOAD]);
	if (capture_decode_ip(bytes, len, len, loop_realtime_ns(), &seg) ==
	    -1) {
		wire_verdict(w, id, NF_ACCEPT);
		return (MNL_CB_OK);
	}
	switch (w->events->decide(&seg, id, w->arg)) {
	case WIRE_PASS:
		wire_verdict(w, id, NF_ACCEPT);
		break;
	case WIRE_HOLD:
		w->held = xreallocarray(w->held, w->nheld + 1,
		    sizeof *w->held);
		p = &w->held[w->nheld++];
		p->id = id;
		p->seg = seg;
		p->bytes = xmalloc(len);
		memcpy(p->bytes, bytes, len);
		p->len = len;
		wire_verdict(w, id, NF_DROP);
		break;
	case WIRE_DROP:
		wire_verdict(w, id, NF_DROP);
		break;
	}
	return (MNL_CB_OK);
}

/* The queue failed: say so once; the rule's bypass passes everything. */
static void
wire_broke(struct wire *w, const char *what)
{
	char	*cause;

	if (w->broken)
		return;
	w->broken = 1;
	loop_remove_fd(w->loop, mnl_socket_get_fd(w->nl));
	w->watching = 0;
	cause = xasprintf("the wire's queue failed (%s: %s)", what,
	    strerror(errno));
	w->events->failed(cause, w->arg);
	free(cause);
}

/* Handle every packet waiting in the queue. */
void
wire_poll(struct wire *w)
{
	ssize_t	n = 0;

	while (!w->broken &&
	    (n = mnl_socket_recvfrom(w->nl, w->buf, w->bufsize)) > 0) {
		if (mnl_cb_run(w->buf, (size_t)n, 0, w->portid, wire_packet,
		    w) == -1)
			wire_broke(w, "a queued packet");
	}
	if (!w->broken && n == -1 && errno != EAGAIN && errno != EINTR)
		wire_broke(w, "recv");
}

/* The queue socket is readable. */
static void
wire_ready(int fd, short revents, void *arg)
{
	(void)fd;
	(void)revents;
	wire_poll(arg);
}

/* Open the queue socket and the raw socket for reinjection. */
static int
wire_sockets(struct wire *w, char **cause)
{
	int	on = 1, size = WIRE_SOCKBUF;
	int	mark = (int)WIRE_MARK;

	if ((w->nl = mnl_socket_open2(NETLINK_NETFILTER, SOCK_CLOEXEC)) ==
	    NULL ||
	    mnl_socket_bind(w->nl, 0, MNL_SOCKET_AUTOPID) == -1) {
		*cause = xasprintf("netfilter netlink: %s", strerror(errno));
		return (-1);
	}
	w->portid = mnl_socket_get_portid(w->nl);
	(void)setsockopt(mnl_socket_get_fd(w->nl), SOL_NETLINK,
	    NETLINK_NO_ENOBUFS, &on, sizeof on);
	(void)setsockopt(mnl_socket_get_fd(w->nl), SOL_SOCKET, SO_RCVBUFFORCE,
	    &size, sizeof size);
	if ((w->raw = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC,
	    IPPROTO_RAW)) == -1 || setsockopt(w->raw, SOL_SOCKET, SO_MARK,
	    &mark, sizeof mark) == -1) {
		*cause = xasprintf("raw socket for the wire: %s",
		    strerror(errno));
		return (-1);
	}
	return (0);
}

/* Bind the queue, then add the rule that feeds it. */
struct wire *
wire_open(struct loop *loop, const struct wire_events *events, void *arg,
    char **cause)
{
	struct wire	*w;
	int		 fl, fd;

	w = xcalloc(1, sizeof *w);
	w->loop = loop;
	w->raw = -1;
	w->events = events;
	w->arg = arg;
	w->bufsize = WIRE_COPY_MAX + MNL_SOCKET_BUFFER_SIZE;
	w->buf = xmalloc(w->bufsize);
	if (wire_sockets(w, cause) == -1 ||
	    wire_bind(w, cause) == -1 ||
	    wire_add_rule(cause) == -1) {
		wire_free(w);
		return (NULL);
	}
	fd = mnl_socket_get_fd(w->nl);
	if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1) {
		*cause = xasprintf("the wire's queue: %s", strerror(errno));
		wire_free(w);
		return (NULL);
	}
	loop_add_fd(loop, fd, 0, wire_ready, w);
	w->watching = 1;
	return (w);
}

/* How many segments are held. */
size_t
wire_held(const struct wire *w)
{
	return (w->nheld);
}

/* The i-th held segment, oldest first. */
const struct segment *
wire_held_get(const struct wire *w, size_t i, uint32_t *id)
{
	*id = w->held[i].id;
	return (&w->held[i].seg);
}

/* Take held packet i off the list into *p. */
static int
wire_take(struct wire *w, size_t i, struct wire_packet *p)
{
	if (i >= w->nheld)
		return (-1);
	*p = w->held[i];
	w->nheld--;
	memmove(w->held + i, w->held + i + 1, (w->nheld - i) * sizeof *w->held);
	return (0);
}

/* Say which segment a taken packet was, and free its bytes. */
static void
wire_forget(struct wire_packet *p, struct segment *seg, uint32_t *id)
{
	*seg = p->seg;
	*id = p->id;
	free(p->bytes);
}

/* Send held segment i on through the raw socket. */
int
wire_deliver(struct wire *w, size_t i, struct segment *seg, uint32_t *id,
    char **cause)
{
	struct wire_packet	p;
	struct sockaddr_in	sin;
	ssize_t			n;

	if (wire_take(w, i, &p) == -1) {
		*cause = xstrdup("no such segment is held");
		return (-1);
	}
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(p.seg.daddr);
	n = sendto(w->raw, p.bytes, p.len, 0, (struct sockaddr *)&sin,
	    sizeof sin);
	if (n == -1)
		*cause = xasprintf("reinjecting a segment: %s",
		    strerror(errno));
	wire_forget(&p, seg, id);
	return (n == -1 ? -1 : 0);
}

/* Forget held segment i. */
int
wire_discard(struct wire *w, size_t i, struct segment *seg, uint32_t *id)
{
	struct wire_packet	p;

	if (wire_take(w, i, &p) == -1)
		return (-1);
	wire_forget(&p, seg, id);
	return (0);
}

/* Close the queue (the rule's bypass passes everything) and free. */
void
wire_free(struct wire *w)
{
	size_t	i;

	if (w->watching)
		loop_remove_fd(w->loop, mnl_socket_get_fd(w->nl));
	if (w->nl != NULL)
		mnl_socket_close(w->nl);
	if (w->raw != -1)
		close(w->raw);
	for (i = 0; i < w->nheld; i++)
		free(w->held[i].bytes);
	free(w->held);
	free(w->buf);
	free(w);
}
