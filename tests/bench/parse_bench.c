/*
 * parse_bench.c: how long the lesson parser takes for a valid lesson of
 * 1 MiB (two steps of 512 KiB narration each, the case that was quadratic,
 * with choices and expectations), beside its
 * floor: the same lesson cut to 64 KiB, whose time per byte times the
 * 1 MiB lesson's size is what a linear parser would take. Median of 11
 * parses each. The text is built here, so nothing large is committed.
 */
#include <err.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/xmalloc.h"
#include "lesson/lesson.h"

#define PARSE_RUNS	11
#define PARSE_STEPS	2
#define PARSE_TARGET_MS	50.0

/* Keys the format leaves to steps: letters that are not the view's. */
static const char parse_keys[] =
    "abcdfghijklmnorstuvyzABCFGHIJKNOQSUVWXYZ!#$%&*,.:;<>@[]^_{|}~";

/* Nanoseconds on the monotonic clock. */
static uint64_t
parse_now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec);
}

/* Append printf output to a growing buffer. */
static void
parse_put(char **buf, size_t *len, size_t *size, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void
parse_put(char **buf, size_t *len, size_t *size, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(*buf + *len, *size - *len, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < *size - *len)
			break;
		*buf = xreallocarray(*buf, *size *= 2, 1);
	}
	*len += (size_t)n;
}

/* A valid lesson of about want bytes; *len is its size. */
static char *
parse_lesson(size_t want, size_t *len)
{
	size_t	size = 1 << 16, per_step, i, k;
	char	*buf = xmalloc(size);

	*len = 0;
	parse_put(&buf, len, &size, "lesson bench\ntitle en Bench\n"
	    "title zh 基准\nsummary en A long lesson.\nsummary zh 很长的课。\n"
	    "chapter 1\norder 1\nendpoint client\nendpoint server\n"
	    "setup\n\tdo server listen 9000\n");
	per_step = want / PARSE_STEPS;
	for (k = 0; k < PARSE_STEPS; k++) {
		parse_put(&buf, len, &size, "step s%zu\n\tkey %c\n"
		    "\ttitle en Step %zu\n\ttitle zh 第 %zu 步\n", k,
		    parse_keys[k], k, k);
		for (i = 0; *len + 250 < (k + 1) * per_step; i++)
			parse_put(&buf, len, &size, "\tsay en Line %zu of the "
			    "narration, long enough to wrap.\n\tsay zh 第 %zu "
			    "行叙述，长到需要换行。\n", i, i);
		parse_put(&buf, len, &size, "\task en What now?\n"
		    "\task zh 接下来呢？\n\tchoice a en This\n"
		    "\tchoice a zh 这个\n\tchoice a when client state CLOSED\n"
		    "\tchoice b en That\n\tchoice b zh 那个\n"
		    "\tchoice b when no client state CLOSED\n"
		    "\tdo client connect 9000\n\tdo client close\n"
		    "\texpect client state CLOSED\n");
	}
	return (buf);
}

/* The median time to parse a lesson of about want bytes, in ms. */
static double
parse_time(size_t want, size_t *len)
{
	uint64_t	 t[PARSE_RUNS], t0, tmp;
	struct lesson	*l;
	char		*buf, *cause;
	size_t		 i, j;

	buf = parse_lesson(want, len);
	for (i = 0; i < PARSE_RUNS; i++) {
		t0 = parse_now_ns();
		if ((l = lesson_parse("bench.lesson", buf, *len, &cause)) ==
		    NULL)
			errx(1, "the %zu-byte lesson does not parse: %s", *len,
			    cause);
		t[i] = parse_now_ns() - t0;
		lesson_free(l);
	}
	for (i = 1; i < PARSE_RUNS; i++) {
		for (j = i; j > 0 && t[j - 1] > t[j]; j--) {
			tmp = t[j];
			t[j] = t[j - 1];
			t[j - 1] = tmp;
		}
	}
	free(buf);
	return ((double)t[PARSE_RUNS / 2] / 1e6);
}

/* Measure and print the row. */
int
main(void)
{
	size_t	big, small;
	double	tbig, tsmall, linear;
	char	m[32], label[64], note[128];

	tsmall = parse_time(64 * 1024, &small);
	tbig = parse_time(1024 * 1024, &big);
	linear = tsmall * (double)big / (double)small;
	snprintf(m, sizeof m, "%.2f ms", tbig);
	snprintf(label, sizeof label, "parse, a valid lesson of %zu KiB",
	    big / 1024);
	snprintf(note, sizeof note, "ratio %.2f to linear from %zu KiB, "
	    "%.2f ms (target <= %.0f ms)%s", tbig / linear, small / 1024,
	    linear, PARSE_TARGET_MS, tbig > PARSE_TARGET_MS ? " MISSED" : "");
	printf("%-45s%-19s%-16s%s\n", label, m, "", note);
	return (0);
}
