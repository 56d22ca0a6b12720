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

/* How long before a deadline a paced reader who heeds it begins the step:
 * the runner misses a deadline it meets exactly. */
#define PLAY_DEADLINE_SLACK_MS	250

/* How often a paced reader looks at the countdown again: a new reading of
 * the kernel can bring the deadline forward. */
#define PLAY_LOOK_MS		1000

struct play {
	const struct lesson	*lesson;
	struct loop		*loop;
	struct runner		*runner;
	FILE			*out;
	unsigned		 pace_ms;
	size_t			 printed;	/* events printed, by seq */
	size_t			 next_step;	/* the step the pace waits for */
	uint64_t		 read_until_ms;	/* ... until then (loop clock) */
	struct loop_timer	 pace_timer;
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

/* How long the next step's deadline leaves a reader who heeds it, in ms;
 * UINT64_MAX when it has none (a missed one leaves 0). */
static uint64_t
play_deadline_left_ms(struct play *p)
{
	struct runner_deadline	dl;
	uint64_t		now, left;

	runner_deadline(p->runner, p->next_step, &dl);
	if (dl.need == NULL || dl.lasts)
		return (UINT64_MAX);
	now = runner_now_ns(p->runner);
	left = dl.missed || dl.due_ns <= now ? 0 :
	    (dl.due_ns - now) / 1000000;
	return (left > PLAY_DEADLINE_SLACK_MS ? left - PLAY_DEADLINE_SLACK_MS :
	    0);
}

/*
 * The reader reads: for the pace, as a slow reader would, but not past the
 * step's deadline (the reader heeds the countdown, and looks at it again
 * every PLAY_LOOK_MS); a deadline already missed is not waited for. Then
 * the next step runs.
 */
static void
play_read(void *arg)
{
	struct play	*p = arg;
	uint64_t	 now = loop_ms(p->loop), wait, left;

	wait = p->read_until_ms > now ? p->read_until_ms - now : 0;
	left = wait > 0 ? play_deadline_left_ms(p) : UINT64_MAX;
	if (wait > 0 && left > 0) {
		wait = wait < left ? wait : left;
		loop_timer_arm(p->loop, &p->pace_timer,
		    wait < PLAY_LOOK_MS ? wait : PLAY_LOOK_MS);
		return;
	}
	if (wait > 0)
		p->res->cut_short++;
	runner_run_step(p->runner, p->next_step);
}

/* A step settled: print it and run the next one (once the pace has
 * passed), or stop. */
static void
play_step_done(int step, void *arg)
{
	struct play	*p = arg;

	play_flush(p);
	if ((size_t)(step + 1) >= p->lesson->nsteps) {
		loop_break(p->loop);
		return;
	}
	p->next_step = (size_t)(step + 1);
	p->read_until_ms = loop_ms(p->loop) + p->pace_ms;
	play_read(p);
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

/* Collect the checks that did not hold as "step NAME: expected X;
 * observed: Y" (with "not reached: WHY" for a step run late). */
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
play_run(const struct lesson *l, const struct play_options *po, FILE *out,
    struct play_result *res)
{
	struct runner_options	 opts;
	struct play		 p;
	struct timeline_tally	 tally;
	char			*cause;
	uint64_t		 began = loop_now_ms();

	memset(res, 0, sizeof *res);
	memset(&p, 0, sizeof p);
	p.lesson = l;
	p.out = out;
	p.pace_ms = po->pace_ms;
	p.res = res;
	p.loop = loop_new();
	loop_timer_init(&p.pace_timer, play_read, &p);
	loop_add_signal(p.loop, SIGINT, play_signal, &p);
	loop_add_signal(p.loop, SIGTERM, play_signal, &p);
	loop_add_signal(p.loop, SIGHUP, play_signal, &p);
	loop_add_signal(p.loop, SIGQUIT, play_signal, &p);

	memset(&opts, 0, sizeof opts);
	opts.lang = po->lang;
	opts.pcap_path = po->pcap_path;
	opts.settle = po->settle;
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
	tally = timeline_tally(runner_timeline(p.runner),
	    timeline_count(runner_timeline(p.runner)), TIMELINE_ALL_STEPS);
	res->checks = tally.checks;
	res->failures = tally.failures;
	res->not_reached = tally.not_reached;
	res->report = play_report(l, runner_timeline(p.runner));
	if (runner_save(p.runner, &cause) == -1 || (po->save != NULL &&
	    po->save(l, runner_timeline(p.runner), runner_frames(p.runner),
	    po->save_arg, &cause) == -1)) {
		if (res->error == NULL)
			res->error = cause;
		else
			free(cause);
	}
	loop_timer_disarm(p.loop, &p.pace_timer);
	runner_free(p.runner);
	loop_free(p.loop);
	res->seconds = (double)(loop_now_ms() - began) / 1000.0;
	return (res->failures > 0 || res->not_reached > 0 ||
	    res->error != NULL || res->interrupted);
}
