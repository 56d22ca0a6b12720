/*
 * runner.c: a lesson run. Actions go to the lab one at a time; every call
 * result, captured segment, probe finding and process exit becomes an
 * event in the timeline. After a step's last action the runner waits until
 * the step has settled (runner_settle.c), then judges its expectations.
 *
 * This file sequences the actions and settles the steps; runner_parts.h
 * names the files that do the rest.
 */
#include <sys/utsname.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "lab/route.h"
#include "model/fill.h"
#include "run/judge.h"
#include "run/runner_parts.h"

/* Add an event stamped with a real-time clock reading. */
void
runner_add(struct runner *r, struct event *ev, uint64_t t_ns)
{
	ev->t_ns = t_ns > r->start_ns ? t_ns - r->start_ns : 0;
	ev->step = r->step;
	timeline_add(r->tl, ev);
	if (r->view->changed != NULL)
		r->view->changed(r->arg);
}

/* Add an event that carries only a text (say, step). */
static void
runner_add_text(struct runner *r, enum event_kind kind, int actor,
    char *text)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = kind;
	ev.actor = actor;
	ev.text = text;
	runner_add(r, &ev, loop_realtime_ns());
}

/* Something changed: the step is not quiet yet. */
void
runner_not_quiet(struct runner *r)
{
	r->last_event_ms = loop_ms(r->loop);
	r->events++;
	if (r->settling)
		loop_timer_arm(r->loop, &r->settle_timer,
		    runner_settle_first_ms(r));
}

/* Something happened outside the kernel's tables: the probe should look. */
void
runner_activity(struct runner *r)
{
	runner_not_quiet(r);
	runner_probe_soon(r);
}

/* Record one verdict as a check event, the one count of checks; text is
 * what was checked and, unless it held, why not; choice is the right
 * answer of a prediction, or 0. */
static void
runner_record_check(struct runner *r, char *text, enum check_verdict verdict,
    char choice)
{
	struct event	 ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_CHECK;
	ev.actor = ACTOR_CHECK;
	ev.u.check.verdict = verdict;
	ev.u.check.choice = choice;
	ev.text = text;
	runner_add(r, &ev, loop_realtime_ns());
}

/* Record a check that held or failed: "WHAT; observed: OBSERVED" (what
 * a check that held observed too, when it says: a counter's rise). */
static void
runner_check_choice(struct runner *r, char *what, int ok, char *observed,
    char choice)
{
	char	*text = what;

	if (observed != NULL) {
		text = xasprintf("%s; observed: %s", what, observed);
		free(what);
	}
	free(observed);
	runner_record_check(r, text, ok ? VERDICT_HELD : VERDICT_FAILED,
	    choice);
}

/* Record one check of the runner's own (the capture, an action). */
void
runner_check(struct runner *r, char *what, int ok, char *observed)
{
	runner_check_choice(r, what, ok, observed, 0);
}

/* Record a verdict of the step's judging. In a step run after its
 * deadline, what did not hold was not reached: the state the story needed
 * had ended, and the learner's pace is not the kernel's failure. */
static void
runner_judged(void *arg, char *what, int ok, char *observed, char choice)
{
	struct runner	*r = arg;
	char		*why, *text;

	if (ok || !r->deadline.missed) {
		runner_check_choice(r, what, ok, observed, choice);
		return;
	}
	why = runner_deadline_reason(r, &r->deadline,
	    r->step_t_ns > r->start_ns ? r->step_t_ns - r->start_ns : 0);
	text = xasprintf("%s; not reached: %s; observed: %s", what, why,
	    observed);
	free(why);
	free(what);
	free(observed);
	runner_record_check(r, text, VERDICT_NOT_REACHED, 0);
}

/* Add narration, as the lab's reads fill it in, one event a line. */
static void
runner_say(struct runner *r, const struct text *t)
{
	char		*filled = fill_text(lesson_text(t, r->opts.lang), r->tl);
	const char	*s = filled, *nl;

	while (*s != '\0') {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s);
		runner_add_text(r, EV_SAY, ACTOR_LESSON,
		    xasprintf("%.*s", (int)(nl - s), s));
		s = *nl == '\n' ? nl + 1 : nl;
	}
	free(filled);
}

/* The step has settled: judge it and tell the view. */
static void
runner_finish_step(struct runner *r)
{
	struct expect_world	 w;

	r->settling = 0;
	runner_probe(r);
	memset(&w, 0, sizeof w);
	w.tl = r->tl;
	w.last = timeline_count(r->tl);
	while (w.first < w.last &&
	    timeline_get(r->tl, w.first)->t_ns + r->start_ns < r->step_t_ns)
		w.first++;
	w.conns = runner_world_conns;
	w.listen_port = runner_listen_port;
	w.arg = r;
	runner_counters_world(r, &w);
	if (capture_drops(r->capture) > r->drops) {
		runner_check(r, xstrdup("the capture kept every segment"), 0,
		    xasprintf("%u frames lost: the kernel's capture ring was "
		    "full", capture_drops(r->capture) - r->drops));
		r->drops = capture_drops(r->capture);
	}
	if (!r->free_play) {
		judge_step(r->lesson, r->step, r->opts.lang, &w,
		    runner_judged, r);
		if (r->step >= 0)
			runner_say(r, &r->lesson->steps[r->step].after);
	}
	r->view->step_done(r->free_play ? RUNNER_FREE_PLAY : r->step, r->arg);
}

/* The settle timer fired: finish, unless something more can happen. */
static void
runner_settle_timeout(void *arg)
{
	struct runner	*r = arg;
	uint64_t	 wait;

	/* The learner is stepping the wire: the step goes on until every
	 * segment only the learner holds has been delivered or dropped. The
	 * wire event of each release re-arms this timer (runner_not_quiet);
	 * the wait for the kernel then starts afresh (0: not begun). */
	if (runner_wire_learner_held(r) > 0) {
		r->settle_began_ms = 0;
		return;
	}
	if (r->settle_began_ms == 0)
		r->settle_began_ms = loop_ms(r->loop);
	if (loop_ms(r->loop) - r->settle_began_ms < RUNNER_SETTLE_MAX_MS &&
	    (wait = runner_settle_wait(r)) != 0) {
		loop_timer_arm(r->loop, &r->settle_timer, wait);
		return;
	}
	runner_finish_step(r);
}

/* Record a call the lab made for action a (on its endpoint, if any). */
static void
runner_own_call(struct runner *r, const struct action *a, enum call_name name,
    int ret, int err, char *text)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_CALL;
	ev.actor = ACTOR_LAB;
	ev.u.call.name = name;
	ev.u.call.target = a->endpoint;
	ev.u.call.ret = ret;
	ev.u.call.err = ret == -1 ? err : 0;
	ev.u.call.fd = -1;
	if (ret == -1)
		snprintf(ev.u.call.text, sizeof ev.u.call.text, "%s = -1 %s",
		    text, strerrorname_np(err));
	else
		snprintf(ev.u.call.text, sizeof ev.u.call.text, "%s = %d",
		    text, ret);
	free(text);
	runner_add(r, &ev, loop_realtime_ns());
	runner_activity(r);
}

/* Write one of the lab's sysctls, or read it (no value): the read is
 * recorded as a call that returned the value, for the narration's
 * "{sysctl NAME}" (model/fill.c). */
static void
runner_sysctl(struct runner *r, const struct action *a)
{
	const char	*name = lesson_sysctl_name(a->sysctl);
	char		*cause = NULL;
	long		 value;
	int		 ret, err;

	if (a->value == NULL) {
		ret = lab_sysctl_get(name, &value, &cause) == -1 ? -1 :
		    (int)value;
		err = errno;
		free(cause);
		runner_own_call(r, a, CALL_SYSCTL, ret, err,
		    xasprintf(LESSON_SYSCTL_READ, name));
		return;
	}
	ret = lab_sysctl(name, a->value, &cause);
	err = errno;
	free(cause);
	runner_own_call(r, a, CALL_SYSCTL, ret, err,
	    xasprintf("sysctl(net.ipv4.%s, \"%s\")", name, a->value));
}

/* Give the lab's loopback routes an rto_min. */
static void
runner_rto_min(struct runner *r, const struct action *a)
{
	char	*cause = NULL;
	int	 ret, err;

	ret = route_set_rto_min((unsigned)a->msec, &cause);
	err = errno;
	free(cause);
	runner_own_call(r, a, CALL_ROUTE, ret, err,
	    xasprintf("route(lo, rto_min %d ms)", a->msec));
}

/* SIGKILL an endpoint: the lab sends the signal, so the call is the
 * lab's, naming the process and the endpoint it is. */
static void
runner_kill(struct runner *r, const struct action *a)
{
	pid_t	pid = lab_pid(r->lab, a->endpoint);
	int	ret, err;

	ret = lab_kill(r->lab, a->endpoint);
	err = errno;
	runner_own_call(r, a, CALL_KILL, ret, err, xasprintf("kill(%d %s, "
	    "SIGKILL)", (int)pid, r->lesson->endpoints[a->endpoint].name));
	/* The next action waits until the process is really gone. */
	if (ret == 0)
		r->waiting = a->endpoint;
}

/* Give an action to its endpoint, and wait for it to be done. */
static void
runner_command(struct runner *r, const struct action *a)
{
	struct runner_endpoint	*e = &r->eps[a->endpoint], *child;
	struct ep_command	 cmd;
	char			*cause = NULL;

	endpoint_command(a, &cmd);
	if (!e->alive || lab_command(r->lab, a->endpoint, &cmd, a->child,
	    &cause) == -1) {
		free(cause);
		runner_check(r, xasprintf("line %d: %s can act", a->line,
		    r->lesson->endpoints[a->endpoint].name), 0,
		    xstrdup("its process has exited"));
		return;
	}
	r->waiting = a->endpoint;
	if (a->kind == ACT_CONNECT) {
		r->connecting = a->endpoint;
		r->connect_port = a->port;
	}
	if (a->kind == ACT_FORK) {
		child = &r->eps[a->child];
		child->alive = 1;
		ledger_inherit(&child->holds, &e->holds);
	}
}

/* A lesson wait is over. */
static void
runner_wait_done(void *arg)
{
	runner_next_action(arg);
}

/* Run actions until one must be waited for; then settle. */
void
runner_next_action(struct runner *r)
{
	const struct action	*a;

	while (r->waiting == -1 && r->next < r->nactions) {
		a = &r->actions[r->next++];
		switch (a->kind) {
		case ACT_SYSCTL:
			runner_sysctl(r, a);
			break;
		case ACT_RTO_MIN:
			runner_rto_min(r, a);
			break;
		case ACT_WAIT:
			loop_timer_arm(r->loop, &r->action_timer,
			    (uint64_t)a->msec);
			return;
		case ACT_KILL:
			runner_kill(r, a);
			break;
		case ACT_WIRE:
			runner_wire_action(r, a);
			break;
		case ACT_LISTEN:
		case ACT_CONNECT:
		case ACT_ACCEPT:
		case ACT_SEND:
		case ACT_RECV:
		case ACT_CLOSE:
		case ACT_SHUTDOWN:
		case ACT_LINGER:
		case ACT_REUSEADDR:
		case ACT_KEEPALIVE:
		case ACT_RCVBUF:
		case ACT_SNDBUF:
		case ACT_USER_TIMEOUT:
		case ACT_FORK:
		case ACT_EXIT:
		case ACT_SLEEP:
		case ACT_NOFILE:
			runner_command(r, a);
			break;
		}
	}
	if (r->waiting != -1 || r->settling)
		return;
	r->settling = 1;
	r->settle_began_ms = loop_ms(r->loop);
	loop_timer_arm(r->loop, &r->settle_timer, runner_settle_first_ms(r));
}

/* Begin a list of actions as the given step. */
static void
runner_begin(struct runner *r, int step, const struct action *actions,
    size_t nactions)
{
	r->step = step;
	r->free_play = 0;
	r->step_t_ns = loop_realtime_ns();
	r->actions = actions;
	r->nactions = nactions;
	r->next = 0;
	r->waiting = -1;
	r->connecting = -1;
	r->settling = 0;
	memset(&r->deadline, 0, sizeof r->deadline);
	runner_counters_begin(r);
}

/* Whether the lab's kernel has every sysctl the lesson requires; *cause
 * names the first it lacks. */
static int
runner_kernel_has(const struct lesson *l, char **cause)
{
	struct utsname	 u;
	const char	*name, *since;
	int		 i;

	for (i = 0; i < SYSCTL_COUNT; i++) {
		name = lesson_sysctl_name((enum sysctl_name)i);
		if ((l->requires & (1U << i)) == 0 || lab_has_sysctl(name))
			continue;
		if (uname(&u) == -1)
			snprintf(u.release, sizeof u.release, "?");
		since = lesson_sysctl_since_release((enum sysctl_name)i);
		*cause = xasprintf("it requires net.ipv4.%s%s%s%s, which this "
		    "kernel (Linux %s) does not have in the lab", name,
		    since != NULL ? " (Linux " : "", since != NULL ? since :
		    "", since != NULL ? " and later)" : "", u.release);
		return (0);
	}
	return (1);
}

/* How many connections the actions can open at most. */
static size_t
runner_connects(const struct action *actions, size_t n)
{
	size_t	i, total = 0;

	for (i = 0; i < n; i++) {
		if (actions[i].kind == ACT_CONNECT)
			total += (size_t)actions[i].count;
	}
	return (total);
}

/* The size of the lab's own TCP hash: a bucket for each socket the lesson
 * can make (two a connection, TIME_WAIT included), at least
 * RUNNER_HASH_MIN for free play. */
static unsigned
runner_hash_size(const struct lesson *l)
{
	size_t	i, conns;

	conns = runner_connects(l->setup, l->nsetup);
	for (i = 0; i < l->nsteps; i++)
		conns += runner_connects(l->steps[i].actions,
		    l->steps[i].nactions);
	return (conns < RUNNER_HASH_MIN / 2 ? RUNNER_HASH_MIN :
	    (unsigned)(2 * conns));
}

/* Build the lab and everything that watches it. */
struct runner *
runner_new(struct loop *loop, const struct lesson *l,
    const struct runner_options *opts, const struct runner_view *view,
    void *arg, int *unsupported, char **cause)
{
	struct runner	*r;
	size_t		 i;

	r = xcalloc(1, sizeof *r);
	r->loop = loop;
	r->lesson = l;
	r->opts = *opts;
	r->view = view;
	r->arg = arg;
	r->step = -1;
	r->waiting = r->connecting = -1;
	r->eps = xcalloc(l->nendpoints, sizeof *r->eps);
	for (i = 0; i < l->nendpoints; i++)
		r->shares |= l->endpoints[i].by_fork;
	r->conns = conns_new();
	r->plan = wireplan_new();
	r->tl = timeline_new();
	loop_timer_init(&r->action_timer, runner_wait_done, r);
	loop_timer_init(&r->settle_timer, runner_settle_timeout, r);
	loop_timer_init(&r->probe_timer, runner_probe, r);

	if (unsupported != NULL)
		*unsupported = 0;
	if ((r->lab = lab_new(loop, &runner_lab_events, r,
	    runner_hash_size(l), cause)) == NULL)
		goto fail;
	if (!runner_kernel_has(l, cause)) {
		if (unsupported != NULL)
			*unsupported = 1;
		goto fail;
	}
	if ((r->capture = capture_open(cause)) == NULL ||
	    (r->probe = probe_open(cause)) == NULL ||
	    (opts->pcap_path != NULL &&
	    (r->pcap = pcapout_open(opts->pcap_path, cause)) == NULL) ||
	    (l->uses_wire && runner_wire_open(r, cause) == -1))
		goto fail;
	r->start_ns = lab_start_ns(r->lab);
	loop_add_fd(loop, capture_fd(r->capture), 0, runner_capture_ready, r);
	return (r);

fail:
	runner_free(r);
	return (NULL);
}

/* Spawn the endpoints that exist from the start, then run the setup. */
void
runner_start(struct runner *r)
{
	char	*cause;
	size_t	 i;

	runner_begin(r, -1, r->lesson->setup, r->lesson->nsetup);
	runner_add_text(r, EV_STEP, ACTOR_LESSON, xstrdup("setup"));
	runner_say(r, &r->lesson->title);
	runner_say(r, &r->lesson->summary);
	for (i = 0; i < r->lesson->nendpoints; i++) {
		if (r->lesson->endpoints[i].by_fork)
			continue;
		if (lab_spawn(r->lab, (int)i, &cause) == -1) {
			if (r->view->failed != NULL)
				r->view->failed(cause, r->arg);
			free(cause);
			return;
		}
		r->eps[i].alive = 1;
	}
	runner_next_action(r);
}

/* Run one step of the lesson. */
void
runner_run_step(struct runner *r, size_t step)
{
	const struct step	*st = &r->lesson->steps[step];
	const char		*title = lesson_text(&st->title, r->opts.lang);

	runner_begin(r, (int)step, st->actions, st->nactions);
	runner_deadline(r, step, &r->deadline);
	runner_add_text(r, EV_STEP, ACTOR_LESSON, xasprintf("%s (key %c)%s%s",
	    st->name, st->key, *title != '\0' ? ": " : "", title));
	runner_say(r, &st->say);
	runner_next_action(r);
}

/* Run actions the learner chose, outside the lesson's steps. */
void
runner_act(struct runner *r, const struct action *acts, size_t n,
    const char *label)
{
	size_t	i;

	if (n > RUNNER_FREE_ACTIONS)
		n = RUNNER_FREE_ACTIONS;
	runner_begin(r, r->step, r->free_actions, n);
	r->free_play = 1;
	for (i = 0; i < n; i++) {
		r->free_actions[i] = acts[i];
		r->free_actions[i].text = NULL;
	}
	runner_add_text(r, EV_STEP, ACTOR_LESSON, xasprintf("%s%s", RUNNER_FREE_STEP, label));
	runner_next_action(r);
}

/* The process id of an endpoint, or 0 before it was spawned. */
int
runner_pid(struct runner *r, int ep)
{
	return ((int)lab_pid(r->lab, ep));
}

/* Whether an endpoint's process is running. */
int
runner_alive(struct runner *r, int ep)
{
	return (r->eps[ep].alive);
}

/* Nanoseconds since the lab started, the clock of the timeline. */
uint64_t
runner_now_ns(struct runner *r)
{
	uint64_t	now = loop_realtime_ns();

	return (now > r->start_ns ? now - r->start_ns : 0);
}

/* The timeline. */
const struct timeline *
runner_timeline(struct runner *r)
{
	return (r->tl);
}

/* The frames captured. */
const struct framelog *
runner_frames(struct runner *r)
{
	return (&r->frames);
}

/* Finish the pcap file, if any. */
int
runner_save(struct runner *r, char **cause)
{
	int	ret = 0;

	if (r->pcap != NULL)
		ret = pcapout_close(r->pcap, cause);
	r->pcap = NULL;
	return (ret);
}

/* Tear down the lab and free everything. */
void
runner_free(struct runner *r)
{
	char	*cause;
	size_t	 i;

	loop_timer_disarm(r->loop, &r->action_timer);
	loop_timer_disarm(r->loop, &r->settle_timer);
	loop_timer_disarm(r->loop, &r->probe_timer);
	if (r->capture != NULL) {
		loop_remove_fd(r->loop, capture_fd(r->capture));
		capture_free(r->capture);
	}
	if (r->wire != NULL)
		wire_free(r->wire);
	if (r->lab != NULL)
		lab_free(r->lab);
	if (r->probe != NULL)
		probe_free(r->probe);
	if (r->pcap != NULL && pcapout_close(r->pcap, &cause) == -1)
		free(cause);
	for (i = 0; i < r->lesson->nendpoints; i++) {
		ledger_clear(&r->eps[i].holds);
		holders_clear(&r->eps[i].fds);
	}
	free(r->eps);
	conns_free(r->conns);
	wireplan_free(r->plan);
	timeline_free(r->tl);
	framelog_clear(&r->frames);
	runner_counters_free(r);
	free(r);
}
