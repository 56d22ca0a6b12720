/*
 * play.c: run a lesson without a terminal. The same runner as the TUI, so
 * the transcript shows exactly what the TUI would draw. Events are printed
 * after each step has settled, in time order within what is printed at
 * once; one stamped before lines already printed comes out when it arrives.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "base/loop.h"
#include "base/xmalloc.h"
#include "run/play.h"
#include "run/runner.h"
#include "run/transcript.h"

struct play {
	const struct lesson	*lesson;
	struct loop		*loop;
	struct runner		*runner;
	FILE			*out;
	size_t			 printed;	/* events printed, by seq */
	struct play_result	*res;
};

/*
 * Print what the timeline gained since last time, in time order. An event
 * that arrives late (stamped before lines already printed) is printed now
 * rather than lost: events are picked by order of arrival.
 */
static void
play_flush(struct play *p)
{
	const struct timeline	*tl = runner_timeline(p->runner);
	const struct event	*ev;
	size_t			 i, n = timeline_count(tl);

	for (i = 0; i < n && p->out != NULL; i++) {
		ev = timeline_get(tl, i);
		if (ev->seq >= p->printed)
			transcript_print_event(p->out, p->lesson, ev);
	}
	if (p->out != NULL)
		fflush(p->out);
	p->printed = n;
}

/* A step settled: print it and run the next one, or stop. */
static void
play_step_done(int step, void *arg)
{
	struct play	*p = arg;

	play_flush(p);
	if ((size_t)(step + 1) < p->lesson->nsteps)
		runner_run_step(p->runner, (size_t)(step + 1));
	else
		loop_break(p->loop);
}

/* The lab failed: remember why and stop. */
static void
play_failed(const char *cause, void *arg)
{
	struct play	*p = arg;

	if (p->res->error == NULL)
		p->res->error = xstrdup(cause);
	loop_break(p->loop);
}

/* SIGINT, SIGTERM, SIGHUP, SIGQUIT: stop; the lab is torn down on the way
 * out. */
static void
play_signal(int signo, void *arg)
{
	struct play	*p = arg;

	(void)signo;
	p->res->interrupted = 1;
	loop_break(p->loop);
}

static const struct runner_view play_view = {
	NULL,
	play_step_done,
	play_failed
};

/* Collect the failed checks as "step NAME: expected X; observed: Y". */
static char *
play_report(const struct lesson *l, const struct timeline *tl)
{
	const struct event	*ev;
	char			*out = xstrdup(""), *tmp;
	size_t			 i;

	for (i = 0; i < timeline_count(tl); i++) {
		ev = timeline_get(tl, i);
		if (ev->kind != EV_CHECK || ev->u.check.verdict == VERDICT_HELD)
			continue;
		tmp = xasprintf("%s  step %s: expected %s\n", out,
		    ev->step >= 0 ? l->steps[ev->step].name : "setup",
		    ev->text);
		free(out);
		out = tmp;
	}
	return (out);
}

/* Run the whole lesson. */
int
play_run(const struct lesson *l, enum lang lang, const char *pcap_path,
    FILE *out, struct play_result *res)
{
	struct runner_options	 opts;
	struct play		 p;
	char			*cause;
	uint64_t		 began = loop_now_ms();

	memset(res, 0, sizeof *res);
	memset(&p, 0, sizeof p);
	p.lesson = l;
	p.out = out;
	p.res = res;
	p.loop = loop_new();
	loop_add_signal(p.loop, SIGINT, play_signal, &p);
	loop_add_signal(p.loop, SIGTERM, play_signal, &p);
	loop_add_signal(p.loop, SIGHUP, play_signal, &p);
	loop_add_signal(p.loop, SIGQUIT, play_signal, &p);

	opts.lang = lang;
	opts.pcap_path = pcap_path;
	p.runner = runner_new(p.loop, l, &opts, &play_view, &p,
	    &res->unsupported, &cause);
	if (p.runner == NULL) {
		res->error = cause;
		res->report = xstrdup("");
		loop_free(p.loop);
		return (1);
	}
	runner_start(p.runner);
	if (res->error == NULL)
		loop_run(p.loop);
	play_flush(&p);
	res->checks = runner_checks(p.runner);
	res->failures = runner_failures(p.runner);
	res->report = play_report(l, runner_timeline(p.runner));
	if (runner_save(p.runner, &cause) == -1) {
		if (res->error == NULL)
			res->error = cause;
		else
			free(cause);
	}
	runner_free(p.runner);
	loop_free(p.loop);
	res->seconds = (double)(loop_now_ms() - began) / 1000.0;
	return (res->failures > 0 || res->error != NULL || res->interrupted);
}
