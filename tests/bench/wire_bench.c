/*
 * wire_bench.c: what the wire costs a segment it passes straight through.
 * The program moves into a network namespace of its own and times a TCP
 * ping-pong of one byte each way on loopback (TCP_NODELAY), first with
 * nothing in the way, then with the wire taking every segment (NFQUEUE,
 * verdict "pass" from this process's loop, as the runner gives it). A round
 * trip carries two segments through the wire, so the added latency per
 * segment is half the difference of the round trips. One row per measure
 * goes to stdout; the wire must have seen every round trip's segments, or
 * the program fails.
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/loop.h"
#include "lab/lab.h"
#include "lab/wire.h"

#define WIRE_BENCH_ROUNDS	20000	/* timed round trips */
#define WIRE_BENCH_WARMUP	500	/* round trips before timing */
#define WIRE_BENCH_PORT		7000
#define WIRE_BENCH_TARGET_US	100.0	/* the wire's cost per segment */

struct wire_bench_result {
	uint64_t	median_ns;
	uint64_t	p95_ns;
};

struct wire_bench {
	struct loop			*loop;
	int				 fd;		/* the child's result */
	struct wire_bench_result	 result;
	size_t				 got;
	unsigned long			 segments;	/* the wire saw */
};

/* Order two durations for qsort. */
static int
wire_bench_cmp(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y ? -1 : x > y);
}

/* One byte across, exactly. */
static void
wire_bench_move(int from, int to)
{
	char	c = 'x';

	if (send(from, &c, 1, 0) != 1 || recv(to, &c, 1, MSG_WAITALL) != 1)
		err(1, "ping-pong");
}

/* In the child: connect to a listener of its own and time the round trips
 * (client to server, server to client); write the result to fd. */
static void __attribute__((noreturn))
wire_bench_pingpong(int fd, int port)
{
	static uint64_t			t[WIRE_BENCH_ROUNDS];
	struct wire_bench_result	r;
	struct sockaddr_in		sin;
	int				l, c, s, on = 1, i;
	uint64_t			t0;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((l = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    bind(l, (struct sockaddr *)&sin, sizeof sin) == -1 ||
	    listen(l, 1) == -1 || (c = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    connect(c, (struct sockaddr *)&sin, sizeof sin) == -1 ||
	    (s = accept(l, NULL, NULL)) == -1)
		err(1, "loopback connection");
	setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
	for (i = -WIRE_BENCH_WARMUP; i < WIRE_BENCH_ROUNDS; i++) {
		t0 = loop_now_ns();
		wire_bench_move(c, s);
		wire_bench_move(s, c);
		if (i >= 0)
			t[i] = loop_now_ns() - t0;
	}
	qsort(t, WIRE_BENCH_ROUNDS, sizeof *t, wire_bench_cmp);
	r.median_ns = t[WIRE_BENCH_ROUNDS / 2];
	r.p95_ns = t[WIRE_BENCH_ROUNDS * 95 / 100];
	_exit(write(fd, &r, sizeof r) == (ssize_t)sizeof r ? 0 : 1);
}

/* Start the ping-pong in a child; returns the read end of its result. */
static int
wire_bench_start(int port, pid_t *pid)
{
	int	fds[2];

	if (pipe(fds) == -1)
		err(1, "pipe");
	if ((*pid = fork()) == -1)
		err(1, "fork");
	if (*pid == 0) {
		close(fds[0]);
		wire_bench_pingpong(fds[1], port);
	}
	close(fds[1]);
	return (fds[0]);
}

/* Reap the child; it must have succeeded. */
static void
wire_bench_reap(pid_t pid)
{
	int	status;

	if (waitpid(pid, &status, 0) == -1 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		errx(1, "the ping-pong failed");
}

/* The wire's decision for the benchmark: pass, and count. */
static enum wire_verdict
wire_bench_decide(const struct segment *seg, uint32_t id, void *arg)
{
	struct wire_bench	*b = arg;

	(void)seg;
	(void)id;
	b->segments++;
	return (WIRE_PASS);
}

/* The queue broke: the measure is void. */
static void
wire_bench_failed(const char *cause, void *arg)
{
	(void)arg;
	errx(1, "%s", cause);
}

static const struct wire_events wire_bench_events = {
	wire_bench_decide,
	wire_bench_failed
};

/* The child's result is readable (it comes in one piece or in parts). */
static void
wire_bench_result_ready(int fd, short revents, void *arg)
{
	struct wire_bench	*b = arg;
	ssize_t			 n;

	(void)revents;
	n = read(fd, (char *)&b->result + b->got, sizeof b->result - b->got);
	if (n <= 0)
		errx(1, "the ping-pong's result was lost");
	b->got += (size_t)n;
	if (b->got == sizeof b->result)
		loop_break(b->loop);
}

/* Print one row in microseconds, and MISSED past a target. */
static void
wire_bench_row(const char *label, double median_us, double p95_us,
    const char *note, double target_us)
{
	printf("%-44s median %6.1f us   p95 %6.1f us   %s%s\n", label,
	    median_us, p95_us, note, target_us > 0 && median_us > target_us ?
	    " MISSED" : "");
	fflush(stdout);
}

int
main(void)
{
	struct wire_bench	b;
	struct wire		*w;
	pid_t			 pid;
	char			*cause, note[96];
	ssize_t			 n;
	int			 fd;
	struct wire_bench_result bare;

	if (lab_enter(256, &cause) == -1)
		errx(1, "%s", cause);
	memset(&b, 0, sizeof b);
	b.loop = loop_new();

	fd = wire_bench_start(WIRE_BENCH_PORT, &pid);
	n = read(fd, &bare, sizeof bare);
	if (n != (ssize_t)sizeof bare)
		errx(1, "the ping-pong without the wire failed");
	close(fd);
	wire_bench_reap(pid);

	if ((w = wire_open(b.loop, &wire_bench_events, &b, &cause)) == NULL)
		errx(1, "%s", cause);
	b.fd = wire_bench_start(WIRE_BENCH_PORT + 1, &pid);
	loop_add_fd(b.loop, b.fd, 0, wire_bench_result_ready, &b);
	loop_run(b.loop);
	loop_remove_fd(b.loop, b.fd);
	close(b.fd);
	wire_bench_reap(pid);
	wire_free(w);
	if (b.segments < 2UL * (WIRE_BENCH_ROUNDS + WIRE_BENCH_WARMUP))
		errx(1, "the wire saw %lu segments, fewer than the %d round "
		    "trips carried", b.segments,
		    WIRE_BENCH_ROUNDS + WIRE_BENCH_WARMUP);

	snprintf(note, sizeof note, "%d round trips of 1 byte each way",
	    WIRE_BENCH_ROUNDS);
	wire_bench_row("loopback round trip, no wire",
	    (double)bare.median_ns / 1e3, (double)bare.p95_ns / 1e3, note, 0);
	snprintf(note, sizeof note, "%.2f segments a round trip passed",
	    (double)b.segments / (WIRE_BENCH_ROUNDS + WIRE_BENCH_WARMUP));
	wire_bench_row("loopback round trip, through the wire",
	    (double)b.result.median_ns / 1e3, (double)b.result.p95_ns / 1e3,
	    note, 0);
	wire_bench_row("wire: added latency per segment (pass)",
	    ((double)b.result.median_ns - (double)bare.median_ns) / 2e3,
	    ((double)b.result.p95_ns - (double)bare.p95_ns) / 2e3,
	    "half the added round trip; target < 100 us", WIRE_BENCH_TARGET_US);
	loop_free(b.loop);
	return (0);
}
