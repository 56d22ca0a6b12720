/*
 * probe_bench.c: what a sock_diag dump by finwave's probe costs, beside its
 * floors measured in the same run. Each measure runs in a child process
 * that moves into a lab namespace of its own (lab_enter, as root or
 * through a user namespace), so each has the TCP hash the runner would
 * give it:
 *
 * - 4 sockets (two connections, no listener) in a private hash of 256
 *   buckets, then the same in the host's shared hash;
 * - 10,000 TIME_WAIT sockets in a private hash sized
 *   as the runner sizes one for 10,000 connections.
 *
 * The floor of a probe dump is a bare dump of the same namespace: the same
 * request (every IPv4 TCP connection, not listeners, with INET_DIAG_INFO) on a
 * plain netlink socket, the replies read and counted but not decoded: the
 * kernel's own cost. The two alternate, 201 times, so that both meet the
 * same load. ss -tan in the lab is what a user would run instead (mostly
 * its start-up: for context). Every dump and every ss run must show every
 * socket made, or the program fails. With BENCH_FLOORS set, the bare dump
 * of 4 sockets in a private hash is written there ("bare_dump_4_ms X") for
 * latency.sh. One table row per figure goes to stdout.
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/xmalloc.h"
#include "lab/lab.h"
#include "lab/probe.h"

#define PB_DUMPS	201	/* timed dumps, each way */
#define PB_SS_RUNS	21	/* timed ss runs */
#define PB_NTW		10000	/* TIME_WAIT sockets to make */
#define PB_PORT		5000	/* the listener's port */
#define PB_HASH_SMALL	256	/* the runner's least private hash */
#define PB_HASH_TW	(2 * PB_NTW)	/* as the runner sizes it */
#define PB_BUFSIZE	65536	/* as the probe's */

/* What one child measured, sent to the parent through a pipe. */
struct pb_figures {
	long	hash;			/* the lab's tcp_ehash_entries */
	double	probe_ms, probe_p95;	/* finwave's probe_dump() */
	double	bare_ms, bare_p95;	/* the bare dump */
	double	ss_ms, ss_p95;		/* ss -tan, output read; or 0 */
	size_t	sockets;		/* every dump showed this many */
};

/* Nanoseconds on the monotonic clock. */
static uint64_t
pb_now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec);
}

/* Order two durations for qsort. */
static int
pb_cmp(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y ? -1 : x > y);
}

/* The median and p95 of n durations, in ms (sorts t). */
static void
pb_stats(uint64_t *t, size_t n, double *median, double *p95)
{
	qsort(t, n, sizeof *t, pb_cmp);
	*median = (double)t[n / 2] / 1e6;
	*p95 = (double)t[(95 * n + 99) / 100 - 1] / 1e6;
}

/* A loopback socket address for a port. */
static struct sockaddr_in
pb_addr(uint16_t port)
{
	struct sockaddr_in	sin;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return (sin);
}

/* A listener on PB_PORT. */
static int
pb_listen(void)
{
	struct sockaddr_in	sin = pb_addr(PB_PORT);
	int			l, one = 1;

	if ((l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		err(1, "socket");
	if (setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == -1)
		err(1, "SO_REUSEADDR");
	if (bind(l, (struct sockaddr *)&sin, sizeof sin) == -1 ||
	    listen(l, 128) == -1)
		err(1, "listener on 127.0.0.1:%d", PB_PORT);
	return (l);
}

/* Connect to the listener and accept: *c and *a are the two sides. */
static void
pb_connect(int l, int *c, int *a)
{
	struct sockaddr_in	sin = pb_addr(PB_PORT);

	if ((*c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		err(1, "socket");
	if (connect(*c, (struct sockaddr *)&sin, sizeof sin) == -1)
		err(1, "connect");
	if ((*a = accept4(l, NULL, NULL, SOCK_CLOEXEC)) == -1)
		err(1, "accept");
}

/* Set one of this namespace's sysctls; a failure is only a warning. */
static void
pb_sysctl(const char *name, const char *value)
{
	char	*cause;

	if (lab_sysctl(name, value, &cause) == -1) {
		warnx("%s (going on with the default)", cause);
		free(cause);
	}
}

/* A netlink sock_diag socket for bare dumps. */
static int
pb_bare_open(void)
{
	struct sockaddr_nl	sa;
	int			fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (fd == -1)
		err(1, "netlink socket");
	memset(&sa, 0, sizeof sa);
	sa.nl_family = AF_NETLINK;
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == -1)
		err(1, "netlink bind");
	return (fd);
}

/* One bare dump: the probe's request, the replies counted, not decoded.
 * Returns the number of sockets. */
static size_t
pb_bare_dump(int fd, char *buf)
{
	struct {
		struct nlmsghdr		nlh;
		struct inet_diag_req_v2	req;
	}			 msg;
	struct nlmsghdr		*nlh;
	ssize_t			 len;
	size_t			 n = 0;

	memset(&msg, 0, sizeof msg);
	msg.nlh.nlmsg_len = sizeof msg;
	msg.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	msg.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	msg.req.sdiag_family = AF_INET;
	msg.req.sdiag_protocol = IPPROTO_TCP;
	msg.req.idiag_states = PROBE_DUMP_STATES;
	msg.req.idiag_ext = 1U << (INET_DIAG_INFO - 1);
	if (send(fd, &msg, sizeof msg, 0) == -1)
		err(1, "netlink send");
	for (;;) {
		if ((len = recv(fd, buf, PB_BUFSIZE, 0)) == -1)
			err(1, "netlink recv");
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, (size_t)len);
		    nlh = NLMSG_NEXT(nlh, len)) {
			if (nlh->nlmsg_type == NLMSG_DONE)
				return (n);
			if (nlh->nlmsg_type == NLMSG_ERROR)
				errx(1, "bare dump: netlink error");
			n++;
		}
	}
}

/* Alternate PB_DUMPS probe dumps and bare dumps; both must see want
 * sockets. */
static void
pb_measure_dumps(size_t want, struct pb_figures *f)
{
	const struct sock_reading	*socks;
	struct probe			*p;
	uint64_t			 tp[PB_DUMPS], tb[PB_DUMPS], t0;
	size_t				 i, n;
	char				*cause, *buf = xmalloc(PB_BUFSIZE);
	int				 fd = pb_bare_open();

	if ((p = probe_open(&cause)) == NULL)
		errx(1, "probe_open: %s", cause);
	for (i = 0; i < PB_DUMPS; i++) {
		t0 = pb_now_ns();
		if (probe_dump(p, &socks, &n, &cause) == -1)
			errx(1, "probe_dump: %s", cause);
		tp[i] = pb_now_ns() - t0;
		if (n != want)
			errx(1, "probe dump: %zu sockets, not %zu", n, want);
		t0 = pb_now_ns();
		n = pb_bare_dump(fd, buf);
		tb[i] = pb_now_ns() - t0;
		if (n != want)
			errx(1, "bare dump: %zu sockets, not %zu", n, want);
	}
	pb_stats(tp, PB_DUMPS, &f->probe_ms, &f->probe_p95);
	pb_stats(tb, PB_DUMPS, &f->bare_ms, &f->bare_p95);
	f->sockets = want;
	probe_free(p);
	close(fd);
	free(buf);
}

/* Count lines, and lines that begin with TIME-WAIT, in ss output. */
static void
pb_ss_count(const char *buf, size_t len, size_t *lines, size_t *tw)
{
	static const char	 word[] = "TIME-WAIT";
	const char		*s = buf, *end = buf + len, *nl;

	*lines = *tw = 0;
	while (s < end) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		(*lines)++;
		if ((size_t)(nl - s) >= sizeof word - 1 &&
		    memcmp(s, word, sizeof word - 1) == 0)
			(*tw)++;
		s = nl + 1;
	}
}

/* Run ss -tan and read all it writes into *buf (grown as needed). */
static size_t
pb_ss_run(char **buf, size_t *size)
{
	size_t	len = 0;
	ssize_t	r;
	int	fds[2], status;
	pid_t	pid;

	if (pipe2(fds, O_CLOEXEC) == -1)
		err(1, "pipe2");
	if ((pid = fork()) == -1)
		err(1, "fork");
	if (pid == 0) {
		if (dup2(fds[1], STDOUT_FILENO) == -1)
			_exit(126);
		execlp("ss", "ss", "-tan", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		if (len == *size)
			*buf = xreallocarray(*buf, *size *= 2, 1);
		if ((r = read(fds[0], *buf + len, *size - len)) == -1) {
			if (errno == EINTR)
				continue;
			err(1, "read from ss");
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) == -1) {
		if (errno != EINTR)
			err(1, "waitpid ss");
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		errx(1, "ss -tan failed (wait status %#x)", status);
	return (len);
}

/* Time ss -tan, its output read; each run must list tw TIME_WAIT. */
static void
pb_measure_ss(size_t tw, struct pb_figures *f)
{
	uint64_t	 t[PB_SS_RUNS], t0;
	size_t		 i, len, size = 1 << 20, lines, seen;
	char		*buf = xmalloc(size);

	for (i = 0; i < PB_SS_RUNS; i++) {
		t0 = pb_now_ns();
		len = pb_ss_run(&buf, &size);
		t[i] = pb_now_ns() - t0;
		pb_ss_count(buf, len, &lines, &seen);
		if (seen < tw)
			errx(1, "ss -tan: %zu TIME-WAIT lines, not %zu", seen,
			    tw);
	}
	pb_stats(t, PB_SS_RUNS, &f->ss_ms, &f->ss_p95);
	free(buf);
}

/* In a lab with a hash of ehash buckets (0: the host's), four sockets. */
static void
pb_lab_four(unsigned ehash, struct pb_figures *f)
{
	int	l, c[2], a[2], i;
	char	*cause;

	if (lab_enter(ehash, &cause) == -1)
		errx(1, "%s", cause);
	f->hash = lab_ehash_entries();
	l = pb_listen();
	for (i = 0; i < 2; i++)
		pb_connect(l, &c[i], &a[i]);
	close(l);
	pb_measure_dumps(4, f);
}

/* In a lab with a hash of ehash buckets, PB_NTW TIME_WAIT sockets. */
static void
pb_lab_time_wait(unsigned ehash, struct pb_figures *f)
{
	int	l, c, a, i;
	char	*cause;

	if (lab_enter(ehash, &cause) == -1)
		errx(1, "%s", cause);
	f->hash = lab_ehash_entries();
	/* Plenty of ports and buckets; never reuse a TIME_WAIT's port. */
	pb_sysctl("ip_local_port_range", "10000 60999");
	pb_sysctl("tcp_max_tw_buckets", "262144");
	pb_sysctl("tcp_tw_reuse", "0");
	l = pb_listen();
	for (i = 0; i < PB_NTW; i++) {
		pb_connect(l, &c, &a);
		/* The client closes first and keeps the TIME_WAIT. */
		close(c);
		close(a);
	}
	pb_measure_dumps(PB_NTW, f);
	pb_measure_ss(PB_NTW, f);
}

/* Run one measure in a child of its own; its figures come back. */
static void
pb_child(void (*measure)(unsigned, struct pb_figures *), unsigned ehash,
    struct pb_figures *f)
{
	int	fds[2], status;
	pid_t	pid;

	if (pipe2(fds, O_CLOEXEC) == -1)
		err(1, "pipe2");
	fflush(stdout);
	if ((pid = fork()) == -1)
		err(1, "fork");
	if (pid == 0) {
		close(fds[0]);
		memset(f, 0, sizeof *f);
		measure(ehash, f);
		_exit(write(fds[1], f, sizeof *f) == sizeof *f ? 0 : 1);
	}
	close(fds[1]);
	if (read(fds[0], f, sizeof *f) != sizeof *f)
		errx(1, "a measure failed");
	close(fds[0]);
	if (waitpid(pid, &status, 0) == -1 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		errx(1, "a measure failed");
}

/* One table row: MEASURE MEDIAN P95 NOTE. */
static void
pb_row(const char *label, double median, double p95, const char *note)
{
	char	m[32], p[32];

	snprintf(m, sizeof m, "%.3f ms", median);
	snprintf(p, sizeof p, "%.3f ms", p95);
	printf("%-45s%-19s%-16s%s\n", label, m, p, note);
}

/* A row of a ratio at most target: "ratio R (target <= T)". */
static void
pb_ratio(const char *label, double ratio, double target)
{
	char	r[32];

	snprintf(r, sizeof r, "ratio %.3f", ratio);
	printf("%-45s%-19s%-16s(target <= %.1f)%s\n", label, r, "", target,
	    ratio > target ? " MISSED" : "");
}

/* "private hash, N buckets" or "the host's shared hash, N buckets". */
static const char *
pb_hash_name(long hash, char *buf, size_t len)
{
	if (hash > 0)
		snprintf(buf, len, "private hash, %ld buckets", hash);
	else if (hash < 0)
		snprintf(buf, len, "the host's shared hash, %ld buckets",
		    -hash);
	else
		snprintf(buf, len, "hash unknown (no tcp_ehash_entries)");
	return (buf);
}

/* Measure, then print every row with its floor. */
int
main(void)
{
	struct pb_figures	 own, shared, tw;
	const char		*floors = getenv("BENCH_FLOORS");
	char			 note[128], name[80];
	FILE			*fp;

	pb_child(pb_lab_four, PB_HASH_SMALL, &own);
	pb_child(pb_lab_four, 0, &shared);
	pb_child(pb_lab_time_wait, PB_HASH_TW, &tw);

	printf("%-45s%s\n", "lab, 4 sockets:", pb_hash_name(own.hash, name,
	    sizeof name));
	if (own.hash <= 0)
		printf("  (this kernel cannot give a lab a hash of its own: "
		    "every dump walks the host's)\n");
	snprintf(note, sizeof note, "ratio %.2f to a bare dump, %.3f ms "
	    "(target <= 1.2)%s", own.probe_ms / own.bare_ms, own.bare_ms,
	    own.probe_ms / own.bare_ms > 1.2 ? " MISSED" : "");
	pb_row("probe dump, 4 sockets", own.probe_ms, own.probe_p95, note);
	snprintf(note, sizeof note, "ratio %.2f to a bare dump, %.3f ms; %s",
	    shared.probe_ms / shared.bare_ms, shared.bare_ms,
	    pb_hash_name(shared.hash, name, sizeof name));
	pb_row("  the same in the host's hash", shared.probe_ms,
	    shared.probe_p95, note);
	pb_ratio("  probe dump, own hash / host's hash", own.probe_ms /
	    shared.probe_ms, 0.3);
	snprintf(note, sizeof note, "ratio %.2f to a bare dump, %.3f ms "
	    "(target <= 1.2)%s", tw.probe_ms / tw.bare_ms, tw.bare_ms,
	    tw.probe_ms / tw.bare_ms > 1.2 ? " MISSED" : "");
	pb_row("probe dump, 10,000 TIME_WAIT", tw.probe_ms, tw.probe_p95,
	    note);
	printf("%-45s%s\n", "  lab, 10,000 TIME_WAIT:", pb_hash_name(tw.hash,
	    name, sizeof name));
	snprintf(note, sizeof note, "ratio %.1f to the probe dump (target "
	    ">= 10)%s", tw.ss_ms / tw.probe_ms, tw.ss_ms / tw.probe_ms < 10 ?
	    " MISSED" : "");
	pb_row("ss -tan in the lab, 10,000 TIME_WAIT", tw.ss_ms, tw.ss_p95,
	    note);
	printf("  (only the connection hash is the lab's; the listening and "
	    "bind hashes stay\n  the host's, which a dump skips: it asks for "
	    "a connection's states only)\n");
	if (floors != NULL) {
		if ((fp = fopen(floors, "w")) == NULL)
			err(1, "%s", floors);
		fprintf(fp, "bare_dump_4_ms %.6f\n", own.bare_ms);
		fclose(fp);
	}
	return (0);
}
