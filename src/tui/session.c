/*
 * session.c: a lesson in the TUI. The runner writes the timeline as the
 * kernel acts; the session reveals it event by event. A segment takes a
 * moment to cross the lane, and what follows it waits until it has landed;
 * but the states it explains, read by the probe later, show as it leaves
 * (the sender's) or lands (the receiver's), so cause and effect appear in
 * order. Keys are session_keys.c's.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "tui/roles.h"
#include "tui/session_parts.h"
#include "tui/view.h"

#define SESSION_ARROW_MS	600	/* one arrow across the lane, at 1x */
#define SESSION_FRAME_MS	40	/* 25 frames a second while moving */
#define SESSION_MESSAGE_MS	5000

/* The animation's speeds, in percent of 1x. */
static const int	session_speeds[] = { 25, 50, 100, 200, 400 };
#define SESSION_NSPEEDS	(int)(sizeof session_speeds / sizeof session_speeds[0])

/* Ask for a redraw. */
void
session_dirty(struct session *s)
{
	s->hooks->dirty(s->arg);
}

/* Show a message in the status line for a while. */
void
session_message(struct session *s, const char *text)
{
	snprintf(s->message, sizeof s->message, "%s", text);
	loop_timer_arm(s->loop, &s->message_timer, SESSION_MESSAGE_MS);
	session_dirty(s);
}

/* The message timer: clear it. */
static void
session_message_expired(void *arg)
{
	struct session	*s = arg;

	s->message[0] = '\0';
	session_dirty(s);
}

/* How many events are revealed: every one up to the last revealed, found
 * by its seq (one inserted before it, stamped earlier, is revealed too). */
size_t
session_shown(struct session *s)
{
	size_t	i;

	if (s->runner == NULL || s->shown_seq == VIEW_NO_EVENT)
		return (0);
	i = timeline_find(s->lab->timeline(s->runner), s->shown_seq);
	return (i == TIMELINE_NONE ? 0 : i + 1);
}

/* Whether the learner has yet to see how the last thing run ended: it is
 * settling, or its events are still being revealed. A key pressed now
 * was typed ahead. */
int
session_busy(struct session *s)
{
	return (s->running || (s->runner != NULL && session_shown(s) <
	    timeline_count(s->lab->timeline(s->runner))));
}

/* The events up to which the view shows the lab. */
static size_t
session_upto(struct session *s)
{
	if (s->back >= 0)
		return (timeline_step_start(s->lab->timeline(s->runner),
		    s->back + 1));
	return (session_shown(s));
}

/* Bring the scene the panes are drawn from up to date: extend it while
 * the timeline only grew after it, rebuild it otherwise (a look back, or
 * a late event inserted before its end); then show the readings that the
 * arrows which have left or landed explain. Done when the scene is read,
 * by a drawing or a key, not as each event comes: a burst of events
 * costs one update a drawing. */
void
session_rebuild(struct session *s)
{
	const struct timeline	*tl;
	size_t			 upto;
	int			 flying;

	if (s->runner == NULL)
		return;
	tl = s->lab->timeline(s->runner);
	upto = session_upto(s);
	if (s->scene.eps != NULL && upto >= s->scene.upto &&
	    (s->scene.upto == 0 || timeline_get(tl, s->scene.upto - 1)->seq ==
	    s->scene_seq))
		scene_extend(&s->scene, tl, upto);
	else
		scene_build(&s->scene, s->lesson, tl, upto);
	s->scene_seq = s->scene.upto > 0 ?
	    timeline_get(tl, s->scene.upto - 1)->seq : 0;
	flying = s->back < 0 && upto < timeline_count(tl) &&
	    timeline_get(tl, upto)->seq == s->model.anim_seq;
	scene_ahead(&s->scene, tl, flying);
}

/* How long the next arrow takes: shorter when many are waiting. */
static double
session_arrow_ms(struct session *s)
{
	const struct timeline	*tl = s->lab->timeline(s->runner);
	size_t			 i, n = timeline_count(tl), waiting = 0;

	for (i = session_shown(s); i < n; i++) {
		if (timeline_get(tl, i)->kind == EV_SEG)
			waiting++;
	}
	return (waiting > 3 ? SESSION_ARROW_MS * 3.0 / (double)waiting :
	    SESSION_ARROW_MS);
}

/* Reveal events: at once, except a segment, which moves for a while. */
static void
session_reveal(struct session *s)
{
	const struct timeline	*tl;
	const struct event	*ev;
	uint64_t		 now = loop_ms(s->loop);
	size_t			 shown, n;
	double			 dur;

	if (s->runner == NULL)
		return;
	tl = s->lab->timeline(s->runner);
	n = timeline_count(tl);
	if (!s->model.paused)
		s->progress_ms += (double)(now - s->last_frame_ms) *
		    session_speeds[s->speed_index] / 100.0;
	s->last_frame_ms = now;
	s->model.anim_seq = VIEW_NO_EVENT;
	dur = session_arrow_ms(s);
	shown = session_shown(s);
	while (shown < n) {
		ev = timeline_get(tl, shown);
		if (ev->kind == EV_SEG) {
			if (s->progress_ms < dur) {
				s->model.anim_seq = ev->seq;
				s->model.anim_frac = s->progress_ms / dur;
				break;
			}
			s->progress_ms -= dur;
		}
		s->shown_seq = ev->seq;
		shown++;
	}
	if (shown == n)
		s->progress_ms = 0;
	else
		loop_timer_arm(s->loop, &s->frame_timer, SESSION_FRAME_MS);
	session_dirty(s);
}

/* An animation frame. */
static void
session_frame(void *arg)
{
	session_reveal(arg);
}

/* The countdown's tick. */
static void
session_tick(void *arg)
{
	session_dirty(arg);
}

/* The runner's timeline grew. */
static void
session_changed(void *arg)
{
	struct session		*s = arg;
	const struct timeline	*tl;
	const struct event	*next;
	size_t			 shown;

	if (s->frame_timer.armed) {
		/* The arrow in flight is the event after the revealed ones;
		 * one inserted before it takes its place until the next frame
		 * reveals it. */
		tl = s->lab->timeline(s->runner);
		shown = session_shown(s);
		next = shown < timeline_count(tl) ? timeline_get(tl, shown) :
		    NULL;
		s->model.anim_seq = next != NULL && next->kind == EV_SEG ?
		    next->seq : VIEW_NO_EVENT;
		return;
	}
	/* Nothing was moving: the next arrow starts now, from its origin. */
	s->last_frame_ms = loop_ms(s->loop);
	s->progress_ms = 0;
	session_reveal(s);
}

/* The run's score from the tallies of its checks, of every step (all)
 * and of each (steps): its checks by verdict, and the guesses right out
 * of the questions the kernel answered. */
static void
session_score(struct session *s, const struct timeline_tally *all,
    const struct timeline_tally *steps, struct progress_score *sc)
{
	size_t	k;

	memset(sc, 0, sizeof *sc);
	sc->failed = all->failures;
	sc->not_reached = all->not_reached;
	sc->held = all->checks - all->failures - all->not_reached;
	for (k = 0; k < s->lesson->nsteps; k++) {
		if (s->lesson->steps[k].ask == NULL || steps[k].answer == 0)
			continue;
		sc->asked++;
		sc->right += s->guesses[k] == steps[k].answer;
	}
}

/* The run has reached the end of the lesson: it is complete when every
 * check held, none failed and none was left unreached by a deadline.
 * The whole timeline counts, whatever has been revealed of it. */
static void
session_end(struct session *s)
{
	const struct timeline	*tl = s->lab->timeline(s->runner);
	struct timeline_tally	 all, *steps;
	struct progress_score	 sc;

	steps = xcalloc(s->lesson->nsteps, sizeof *steps);
	scene_tally(tl, timeline_count(tl), s->lesson->nsteps, &all, steps);
	session_score(s, &all, steps, &sc);
	free(steps);
	if (sc.failed == 0 && sc.not_reached == 0)
		s->hooks->completed(s->lesson->id, &sc, s->arg);
}

/* A step (or the setup, or a free action) has settled. */
static void
session_step_done(int step, void *arg)
{
	struct session	*s = arg;

	s->running = 0;
	s->step_running = 0;
	if (step >= 0) {
		/* Seqs are given out in order of arrival: the newest is the
		 * count less one. */
		s->step_ends[step] = timeline_count(s->lab->timeline(
		    s->runner)) - 1;
		s->model.next_step = (size_t)step + 1;
		if (s->model.next_step == s->lesson->nsteps)
			session_end(s);
	} else if (step == -1 && s->lesson->sandbox)
		session_end(s);
	session_act_pending(s);
	if (s->queued > 0) {
		s->queued--;
		session_run_step(s);
	}
	session_dirty(s);
}

/* The lab failed. */
static void
session_failed(const char *cause, void *arg)
{
	struct session	*s = arg;

	free(s->lab_error);
	s->lab_error = xstrdup(cause);
	s->running = 0;
	session_dirty(s);
}

static const struct runner_view session_view = {
	session_changed,
	session_step_done,
	session_failed
};

/* Build a fresh lab and run the setup. */
void
session_start(struct session *s)
{
	struct runner_options	opts;
	char			*cause = NULL;

	memset(&opts, 0, sizeof opts);
	opts.lang = s->model.lang;
	s->shown_seq = VIEW_NO_EVENT;
	s->progress_ms = 0;
	s->back = -1;
	s->model.next_step = 0;
	s->model.selected_seq = VIEW_NO_EVENT;
	s->model.anim_seq = VIEW_NO_EVENT;
	s->stopped_at = SIZE_MAX;
	s->pending = NULL;
	memset(s->guesses, 0, s->lesson->nsteps + 1);
	free(s->lab_error);
	s->lab_error = NULL;
	s->runner = s->lab->open(s->loop, s->lesson, &opts, &session_view, s,
	    NULL, &cause);
	if (s->runner == NULL) {
		s->lab_error = cause;
		return;
	}
	s->running = 1;
	session_rebuild(s);
	s->lab->start(s->runner);
}

/* Open a lesson. */
struct session *
session_new(struct loop *loop, const struct lesson *l, enum lang lang,
    const struct session_lab *lab, const struct session_hooks *hooks,
    void *arg)
{
	struct session	*s;

	s = xcalloc(1, sizeof *s);
	s->loop = loop;
	s->lab = lab;
	s->lesson = l;
	s->hooks = hooks;
	s->arg = arg;
	s->guesses = xcalloc(l->nsteps + 1, 1);
	s->step_ends = xcalloc(l->nsteps + 1, sizeof *s->step_ends);
	s->no_lab = timeline_new();
	s->speed_index = 2;
	s->model.lesson = l;
	s->model.lang = lang;
	s->model.guesses = s->guesses;
	s->model.next_lesson = hooks->next(arg);
	loop_timer_init(&s->frame_timer, session_frame, s);
	loop_timer_init(&s->tick_timer, session_tick, s);
	loop_timer_init(&s->message_timer, session_message_expired, s);
	roles_assign(&s->model);
	session_start(s);
	return (s);
}

/* End the lab, keep the session. */
void
session_stop(struct session *s)
{
	loop_timer_disarm(s->loop, &s->frame_timer);
	loop_timer_disarm(s->loop, &s->tick_timer);
	if (s->runner != NULL)
		s->lab->free(s->runner);
	s->runner = NULL;
	s->running = 0;
	s->queued = 0;
	scene_free(&s->scene);
}

/* Free the session. */
void
session_free(struct session *s)
{
	session_stop(s);
	loop_timer_disarm(s->loop, &s->message_timer);
	free(s->lab_error);
	free(s->guesses);
	free(s->step_ends);
	timeline_free(s->no_lab);
	free(s);
}

/* Switch the narration's language. */
void
session_set_lang(struct session *s, enum lang lang)
{
	s->model.lang = lang;
	roles_assign(&s->model);
}

/* One notch faster (dir 1) or slower (-1), within the speeds there are. */
void
session_change_speed(struct session *s, int dir)
{
	if (s->speed_index + dir >= 0 && s->speed_index + dir < SESSION_NSPEEDS)
		s->speed_index += dir;
}

/* The speed a word names (session.h). */
int
session_speed_parse(const char *s)
{
	char	*end;
	double	 x = strtod(s, &end);
	int	 i;

	for (i = 0; i < SESSION_NSPEEDS && end != s && *end == '\0'; i++) {
		if (x * 100 == session_speeds[i])
			return (session_speeds[i]);
	}
	return (-1);
}

/* Run at one of the speeds. */
void
session_set_speed(struct session *s, int percent)
{
	int	i;

	for (i = 0; i < SESSION_NSPEEDS; i++) {
		if (session_speeds[i] == percent)
			s->speed_index = i;
	}
	session_dirty(s);
}

/* Pause or resume the animation; time paused does not move it. */
void
session_pause(struct session *s)
{
	s->model.paused = !s->model.paused;
	s->last_frame_ms = loop_ms(s->loop);
}

/* The real lab's functions. */
const struct session_lab session_runner_lab = {
	runner_new,
	runner_start,
	runner_free,
	runner_timeline,
	runner_run_step,
	runner_act,
	runner_wire_stepping,
	runner_wire_is_stepping,
	runner_wire_held,
	runner_wire_next,
	runner_pid,
	runner_alive,
	runner_now_ns,
	runner_deadline,
	runner_frames
};

/* Arm the countdown's tick for when the shown time left changes: a whole
 * second, or a tenth below 10 s, of a kernel timer; a whole second of the
 * time left to run the next step in, when it has a deadline. */
static void
session_arm_tick(struct session *s, uint64_t now_ns)
{
	const struct runner_deadline	*dl = &s->model.deadline;
	const struct scene_sock		*sock;
	size_t				 ep;
	double				 left, next = -1, frac;
	uint64_t			 unit;

	if (dl->need != NULL && !dl->missed && !dl->lasts &&
	    dl->due_ns > now_ns)
		next = (double)((dl->due_ns - now_ns) % 1000000000) / 1e6;
	/* Missed while the state is still ending: "is ending" turns to "is
	 * over" when it ends. */
	else if (dl->need != NULL && dl->missed && dl->ended_ns > now_ns)
		next = (double)(dl->ended_ns - now_ns) / 1e6;
	for (ep = 0; ep < s->scene.nendpoints && s->back < 0; ep++) {
		if (s->scene.eps[ep].focus == 0)
			continue;
		sock = &s->scene.eps[ep].socks[s->scene.eps[ep].focus];
		if (sock->timer == TCP_TIMER_NONE || sock->state == TS_CLOSED ||
		    sock->src != SRC_KERNEL)
			continue;
		if ((left = scene_time_left(sock, now_ns)) <= 0)
			continue;
		/* Below 10 s the pane shows tenths (pane.c). */
		unit = left < 10 ? 100 : 1000;
		frac = left * 1000 - (double)((uint64_t)(left * 1000) / unit *
		    unit);
		if (next < 0 || frac < next)
			next = frac;
	}
	if (next >= 0)
		loop_timer_arm(s->loop, &s->tick_timer, (uint64_t)next + 2);
	else
		loop_timer_disarm(s->loop, &s->tick_timer);
}

/* How many of the steps run have events still to be revealed: those
 * whose newest event when they settled is not shown yet. */
static size_t
session_steps_unshown(struct session *s)
{
	const struct timeline	*tl = s->lab->timeline(s->runner);
	size_t			 n = 0, k = s->model.next_step;
	size_t			 shown = session_shown(s);

	while (n < k && timeline_find(tl, s->step_ends[k - 1 - n]) >= shown)
		n++;
	return (n);
}

/* Scroll the narration back to its top once it tells something else:
 * another step, its outcome, an earlier point. */
static void
session_narration_told(struct session *s)
{
	struct session_told	told;

	told.step = viewmodel_told_step(&s->model);
	told.running = s->model.running;
	told.back = s->back;
	if (told.step != s->told.step || told.running != s->told.running ||
	    told.back != s->told.back)
		s->model.narration_scroll = 0;
	s->told = told;
}

/* Bring the view model up to date. */
const struct view_model *
session_model(struct session *s, int rows)
{
	const struct timeline	*tl;
	size_t			 ep, upto;

	/* Without a lab (it could not be built) the view shows an empty one;
	 * with one, a scene built past an event inserted late is rebuilt,
	 * once a drawing however many came. */
	tl = s->runner != NULL ? s->lab->timeline(s->runner) : s->no_lab;
	if (s->runner == NULL && s->scene.eps == NULL)
		scene_build(&s->scene, s->lesson, tl, 0);
	session_rebuild(s);
	s->model.tl = tl;
	s->model.scene = &s->scene;
	/* A step's outcome waits until its events have all been shown: the
	 * checks it counts are the revealed ones. */
	s->model.running = s->back < 0 ? session_busy(s) : s->running;
	/* So do the heading and narration of the next step. */
	s->model.steps_unshown = s->runner != NULL ?
	    session_steps_unshown(s) : 0;
	s->model.stopped_at_question = s->stopped_at == s->model.next_step;
	s->model.looking_back = s->back >= 0;
	s->model.back_step = -1;
	s->model.speed = session_speeds[s->speed_index];
	s->model.message = s->message[0] != '\0' ? s->message : NULL;
	s->model.lab_error = s->lab_error;
	s->model.wire_stepping = s->runner != NULL &&
	    s->lab->wire_is_stepping(s->runner);
	s->model.wire_held = s->runner != NULL ? s->lab->wire_held(s->runner) :
	    0;
	if (s->back >= 0 && s->runner != NULL)
		s->model.back_step = timeline_get(tl, timeline_step_start(tl,
		    s->back))->step;
	for (ep = 0; ep < s->lesson->nendpoints; ep++)
		s->model.pids[ep] = s->runner != NULL ?
		    s->lab->pid(s->runner, (int)ep) : 0;
	upto = s->scene.upto;
	if (s->back >= 0 && upto > 0)
		s->model.now_ns = timeline_get(tl, upto - 1)->t_ns;
	else
		s->model.now_ns = s->runner != NULL ?
		    s->lab->now_ns(s->runner) : 0;
	if (s->back >= 0)
		s->model.anim_seq = VIEW_NO_EVENT;
	if (s->model.next_step >= s->lesson->nsteps)
		session_score(s, &s->scene.tally, s->scene.step_tally,
		    &s->model.score);
	memset(&s->model.deadline, 0, sizeof s->model.deadline);
	if (s->runner != NULL && s->back < 0 && !s->running &&
	    s->model.next_step < s->lesson->nsteps)
		s->lab->deadline(s->runner, s->model.next_step,
		    &s->model.deadline);
	session_narration_told(s);
	s->rows = rows;
	return (&s->model);
}

/* Fill the model, draw the lesson view and arm the countdown's tick. */
void
session_draw(struct session *s, int rows, int cols)
{
	s->narration_fit = view_draw(session_model(s, rows), rows, cols);
	session_arm_tick(s, s->model.now_ns);
}
