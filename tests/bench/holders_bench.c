/*
 * holders_bench.c: what reading a process's sockets from its descriptors
 * costs (holders_read, run once per probe in a lesson with a fork), beside
 * its floor measured in the same run: the bare walk of /proc/self/fd, each
 * link read but not parsed or sorted. With 3 sockets (fork-refcount's
 * server) and 1,000. The two alternate, 201 times each, so that both meet
 * the same load; the readings must find every socket, or the program fails.
 */
#include <sys/socket.h>

#include <dirent.h>
#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lab/holders.h"

#define HB_RUNS		201

/* Now, in ms, from the monotonic clock. */
static double
hb_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1e3 + ts.tv_nsec / 1e6);
}

/* Order two doubles, for qsort. */
static int
hb_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

/* The floor: every descriptor link of this process read, nothing more;
 * returns how many were read. */
static size_t
hb_bare_walk(void)
{
	struct dirent	*d;
	DIR		*dir;
	char		 path[300], target[64];
	size_t		 n = 0;

	if ((dir = opendir("/proc/self/fd")) == NULL)
		err(1, "/proc/self/fd");
	while ((d = readdir(dir)) != NULL) {
		snprintf(path, sizeof path, "/proc/self/fd/%s", d->d_name);
		if (readlink(path, target, sizeof target) > 0)
			n++;
	}
	closedir(dir);
	return (n);
}

/* Time both HB_RUNS times with nsocks sockets open; print the row. */
static void
hb_measure(int nsocks)
{
	struct holders	 h;
	double		 own[HB_RUNS], bare[HB_RUNS], t;
	int		*fds, i;
	char		 label[64], m[32], p95[32], note[96];

	memset(&h, 0, sizeof h);
	fds = calloc((size_t)nsocks, sizeof *fds);
	for (i = 0; i < nsocks; i++)
		if ((fds[i] = socket(AF_INET, SOCK_STREAM, 0)) == -1)
			err(1, "socket");
	for (i = 0; i < HB_RUNS; i++) {
		t = hb_now_ms();
		holders_read(&h, getpid());
		own[i] = hb_now_ms() - t;
		if ((int)h.n != nsocks)
			errx(1, "read %zu sockets of %d", h.n, nsocks);
		t = hb_now_ms();
		hb_bare_walk();
		bare[i] = hb_now_ms() - t;
	}
	qsort(own, HB_RUNS, sizeof own[0], hb_cmp);
	qsort(bare, HB_RUNS, sizeof bare[0], hb_cmp);
	snprintf(label, sizeof label, "holders, a process with %d sockets",
	    nsocks);
	snprintf(m, sizeof m, "%.4f ms", own[HB_RUNS / 2]);
	snprintf(p95, sizeof p95, "%.4f ms", own[HB_RUNS * 95 / 100]);
	snprintf(note, sizeof note, "ratio %.2f to the bare walk of its fds, "
	    "%.4f ms", own[HB_RUNS / 2] / bare[HB_RUNS / 2], bare[HB_RUNS / 2]);
	printf("%-45s%-19s%-16s%s\n", label, m, p95, note);
	for (i = 0; i < nsocks; i++)
		close(fds[i]);
	free(fds);
	holders_clear(&h);
}

int
main(void)
{
	hb_measure(3);
	hb_measure(1000);
	return (0);
}
