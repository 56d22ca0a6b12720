/*
 * probe_bench.c: how long one sock_diag dump takes with 10,000 TIME_WAIT
 * sockets, against ss -tan reading the same table. The program moves into a
 * network namespace of its own (as root, or through a user namespace),
 * brings lo up, leaves 10,000 loopback connections in TIME_WAIT (the client
 * closes first), and then times probe_open() and probe_dump() over 101
 * dumps, and ss -tan over 21 runs, process start included. Every dump and
 * every counted ss run must really show the 10,000 TIME_WAIT sockets, or
 * the program fails. One table row per measure goes to stdout.
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <arpa/inet.h>

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

#define PROBE_BENCH_NTW		10000	/* TIME_WAIT sockets to create */
#define PROBE_BENCH_DUMPS	101	/* timed probe dumps */
#define PROBE_BENCH_SS_RUNS	21	/* timed ss runs, each way */
#define PROBE_BENCH_PORT	5000	/* the listener's port */
#define PROBE_BENCH_TARGET_MS	2.5	/* what a probe dump may cost */
#define PROBE_BENCH_HASH	32768	/* the lab's TCP hash: 20,000 sockets */

/* Set one of this namespace's sysctls; a failure is only a warning. */
static void
probe_bench_sysctl(const char *name, const char *value)
{
	char	*cause;

	if (lab_sysctl(name, value, &cause) == -1) {
		warnx("%s (going on with the default)", cause);
		free(cause);
	}
}

/* A loopback socket address for a port. */
static struct sockaddr_in
probe_bench_addr(uint16_t port)
{
	struct sockaddr_in	sin;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return (sin);
}

/* Leave n connections whose client side is in TIME_WAIT; return listener. */
static int
probe_bench_make_time_wait(int n)
{
	struct sockaddr_in	sin = probe_bench_addr(PROBE_BENCH_PORT);
	int			l, c, a, i, one = 1;

	if ((l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		err(1, "socket");
	if (setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == -1)
		err(1, "SO_REUSEADDR");
	if (bind(l, (struct sockaddr *)&sin, sizeof sin) == -1 ||
	    listen(l, 128) == -1)
		err(1, "listener on 127.0.0.1:%d", PROBE_BENCH_PORT);
	for (i = 0; i < n; i++) {
		if ((c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
			err(1, "socket");
		if (connect(c, (struct sockaddr *)&sin, sizeof sin) == -1)
			err(1, "connect %d of %d", i + 1, n);
		if ((a = accept4(l, NULL, NULL, SOCK_CLOEXEC)) == -1)
			err(1, "accept %d of %d", i + 1, n);
		/* The client closes first, so the client side keeps TIME_WAIT. */
		close(c);
		close(a);
	}
	return (l);
}

/* Nanoseconds on the monotonic clock. */
static uint64_t
probe_bench_now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec);
}

/* Order two durations for qsort. */
static int
probe_bench_cmp(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y ? -1 : x > y);
}

/* Print one table row: median and p95 of n durations (sorted here), the
 * note, and MISSED when target_ms is set and the median exceeds it. */
static void
probe_bench_row(const char *label, uint64_t *t, size_t n, const char *note,
    double target_ms)
{
	size_t	p95 = (95 * n + 99) / 100 - 1;
	double	median;

	qsort(t, n, sizeof *t, probe_bench_cmp);
	median = (double)t[n / 2] / 1e6;
	printf("%-44s median %6.2f ms   p95 %6.2f ms   %s%s\n", label, median,
	    (double)t[p95] / 1e6, note, target_ms > 0 && median > target_ms ?
	    " MISSED" : "");
	fflush(stdout);
}

/* Count the TIME_WAIT sockets in a dump. */
static size_t
probe_bench_count_tw(const struct sock_reading *socks, size_t n)
{
	size_t	i, tw = 0;

	for (i = 0; i < n; i++) {
		if (socks[i].state == TS_TIME_WAIT)
			tw++;
	}
	return (tw);
}

/* Fail loudly unless a dump holds at least the TIME_WAIT sockets made. */
static void
probe_bench_verify(size_t tw, size_t n, const char *what)
{
	if (tw < PROBE_BENCH_NTW)
		errx(1, "%s: only %zu TIME_WAIT sockets (of %zu), expected at "
		    "least %d", what, tw, n, PROBE_BENCH_NTW);
}

/*
 * Time PROBE_BENCH_DUMPS dumps and print a row: with fresh set, each opens
 * its own probe (probe_open() is timed too); otherwise one probe is kept
 * open, as the runner does.
 */
static void
probe_bench_probe(int fresh, const char *label, const char *note,
    double target_ms)
{
	const struct sock_reading	*socks;
	struct probe		*p = NULL;
	uint64_t		 t[PROBE_BENCH_DUMPS], t0;
	size_t			 n, i;
	char			*cause;

	for (i = 0; i < PROBE_BENCH_DUMPS; i++) {
		t0 = probe_bench_now_ns();
		if (p == NULL && (p = probe_open(&cause)) == NULL)
			errx(1, "probe_open: %s", cause);
		if (probe_dump(p, &socks, &n, &cause) == -1)
			errx(1, "probe_dump: %s", cause);
		t[i] = probe_bench_now_ns() - t0;
		probe_bench_verify(probe_bench_count_tw(socks, n), n, label);
		if (fresh) {
			probe_free(p);
			p = NULL;
		}
	}
	if (p != NULL)
		probe_free(p);
	probe_bench_row(label, t, PROBE_BENCH_DUMPS, note, target_ms);
}

/* Start ss -tan with stdout on fd; returns its pid. */
static pid_t
probe_bench_ss_start(int fd)
{
	pid_t	pid;

	if ((pid = fork()) == -1)
		err(1, "fork");
	if (pid == 0) {
		if (dup2(fd, STDOUT_FILENO) == -1)
			_exit(126);
		execlp("ss", "ss", "-tan", (char *)NULL);
		warn("exec ss");
		_exit(127);
	}
	return (pid);
}

/* Wait for ss and fail loudly unless it exited with status 0. */
static void
probe_bench_ss_wait(pid_t pid)
{
	int	status;

	while (waitpid(pid, &status, 0) == -1) {
		if (errno != EINTR)
			err(1, "waitpid ss");
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		errx(1, "ss -tan failed (wait status %#x)", status);
}

/* Time ss -tan with its output thrown away in /dev/null. */
static void
probe_bench_ss_null(void)
{
	uint64_t	t[PROBE_BENCH_SS_RUNS], t0;
	size_t		i;
	int		null;

	if ((null = open("/dev/null", O_WRONLY | O_CLOEXEC)) == -1)
		err(1, "/dev/null");
	for (i = 0; i < PROBE_BENCH_SS_RUNS; i++) {
		t0 = probe_bench_now_ns();
		probe_bench_ss_wait(probe_bench_ss_start(null));
		t[i] = probe_bench_now_ns() - t0;
	}
	close(null);
	probe_bench_row("ss -tan >/dev/null, same sockets", t,
	    PROBE_BENCH_SS_RUNS, "(for comparison)", 0);
}

/* Count lines, and lines that begin with TIME-WAIT, in ss output. */
static void
probe_bench_ss_count(const char *buf, size_t len, size_t *lines, size_t *tw)
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

/* Time ss -tan with its output read through a pipe, and verify it. */
static void
probe_bench_ss_read(void)
{
	uint64_t	 t[PROBE_BENCH_SS_RUNS], t0;
	size_t		 i, len, size = 1 << 20, lines = 0, tw;
	ssize_t		 r;
	char		*buf, label[64];
	int		 fds[2];
	pid_t		 pid;

	buf = xmalloc(size);
	for (i = 0; i < PROBE_BENCH_SS_RUNS; i++) {
		t0 = probe_bench_now_ns();
		if (pipe2(fds, O_CLOEXEC) == -1)
			err(1, "pipe2");
		pid = probe_bench_ss_start(fds[1]);
		close(fds[1]);
		len = 0;
		for (;;) {
			if (len == size) {
				size *= 2;
				buf = xreallocarray(buf, size, 1);
			}
			r = read(fds[0], buf + len, size - len);
			if (r == -1 && errno == EINTR)
				continue;
			if (r == -1)
				err(1, "read from ss");
			if (r == 0)
				break;
			len += (size_t)r;
		}
		close(fds[0]);
		probe_bench_ss_wait(pid);
		t[i] = probe_bench_now_ns() - t0;
		probe_bench_ss_count(buf, len, &lines, &tw);
		/* One header line, then one line a socket. */
		if (lines < PROBE_BENCH_NTW + 1)
			errx(1, "ss -tan: only %zu lines", lines);
		probe_bench_verify(tw, lines - 1, "ss -tan");
	}
	free(buf);
	snprintf(label, sizeof label, "ss -tan, output read (%zu lines)", lines);
	probe_bench_row(label, t, PROBE_BENCH_SS_RUNS, "(for comparison)", 0);
}

/* Build the namespace and its TIME_WAIT sockets, then measure. */
int
main(void)
{
	const struct sock_reading	*socks;
	struct probe		*p;
	size_t			 n, tw;
	char			*cause;
	int			 l;

	if (lab_enter(PROBE_BENCH_HASH, &cause) == -1)
		errx(1, "%s", cause);
	/* Plenty of ports and buckets; never reuse a TIME_WAIT port. */
	probe_bench_sysctl("ip_local_port_range", "10000 60999");
	probe_bench_sysctl("tcp_max_tw_buckets", "262144");
	probe_bench_sysctl("tcp_tw_reuse", "0");
	l = probe_bench_make_time_wait(PROBE_BENCH_NTW);

	if ((p = probe_open(&cause)) == NULL)
		errx(1, "probe_open: %s", cause);
	if (probe_dump(p, &socks, &n, &cause) == -1)
		errx(1, "probe_dump: %s", cause);
	tw = probe_bench_count_tw(socks, n);
	probe_bench_verify(tw, n, "first probe dump");
	probe_free(p);

	probe_bench_probe(0, "probe dump, 10000 TIME_WAIT sockets",
	    "(target <= 2.5 ms; the runner's way)", PROBE_BENCH_TARGET_MS);
	probe_bench_probe(1, "  the same, probe opened for each dump",
	    "(open + dump)", 0);
	probe_bench_ss_null();
	probe_bench_ss_read();
	printf("  every dump, and every ss run whose output was read, showed "
	    ">= %d TIME_WAIT (first dump: %zu of %zu sockets)\n",
	    PROBE_BENCH_NTW, tw, n);
	close(l);
	return (0);
}
