/*
 * test_session.c: the lesson view's controller without a lab. A scripted
 * run stands in for the runner (struct session_lab) and the loop's clock
 * is moved by hand, so each test presses keys, lets the animation play
 * out, and reads the view model: stepping through a lesson, keys typed
 * ahead (stopping at a question), looking back (at the end too, where the
 * look-back crash was), keys pressed while looking back, a question
 * answered, the end of the lesson and what it offers (the next lesson, a
 * restart that asks first), free play.
 */
#include <sys/socket.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/loop.h"
#include "base/xmalloc.h"
#include "lesson/lesson.h"
#include "model/timeline.h"
#include "tui/keys.h"
#include "tui/session.h"

/* Three steps; the second asks a question. */
static const char test_session_lesson[] =
	"lesson demo\n"
	"title en Demo\ntitle zh 演示\n"
	"summary en A demo.\nsummary zh 演示。\n"
	"chapter 1\norder 1\n"
	"endpoint client\nendpoint server\n"
	"setup\n"
	"\tdo server listen 9000\n"
	"\tdo client connect 9000\n"
	"\tdo server accept\n"
	"step one\n\tkey c\n\tsay en One.\n\tsay zh 一。\n"
	"\tdo client close\n"
	"\texpect client state FIN_WAIT_2\n"
	"step two\n\tkey r\n\tsay en Two.\n\tsay zh 二。\n"
	"\task en What now?\n\task zh 然后？\n"
	"\tchoice a en Zero\n\tchoice a zh 零\n"
	"\tchoice a when server call recv = 0\n"
	"\tchoice b en Data\n\tchoice b zh 数据\n"
	"\tchoice b when server call recv > 0\n"
	"\tdo server recv\n"
	"step three\n\tkey s\n\tsay en Three.\n\tsay zh 三。\n"
	"\tdo server close\n"
	"\texpect server state LAST_ACK\n";

/* The scripted run: it writes a few events per step into its timeline
 * and settles only when the test says so, as a real one settles later. */
struct runner {
	const struct lesson		*lesson;
	struct timeline			*tl;
	const struct runner_view	*view;
	void				*arg;
	int				 pending;	/* step to settle, or
							 * -3 for none */
	int				 steps_run[8];
	enum check_verdict		 verdicts[8];	/* of each step's
							 * check */
	int				 nsteps_run;
	struct action			 acted[RUNNER_FREE_ACTIONS];
	size_t				 nacted;
	char				 label[160];
	int				 stepping;
	size_t				 held;
	int				 dead;		/* endpoint 0 was killed */
	int				 deadline_step;	/* has deadline, or -1 */
	struct runner_deadline		 deadline;
	uint64_t			 t_ns;
};

#define TEST_NONE	(-3)
#define MS		1000000ULL

static uint64_t	test_clock_ms = 1000000;
static int	test_completed;
static struct progress_score	test_score;	/* the last completed's */
static int	test_opened;

/* The test's clock. */
static uint64_t
test_clock(void *arg)
{
	(void)arg;
	return (test_clock_ms);
}

/* Add an event to the scripted timeline, 1 ms after the one before. */
static void
fake_push(struct runner *r, struct event *ev)
{
	ev->t_ns = (r->t_ns += 1000000);
	timeline_add(r->tl, ev);
}

/* Add an event of a kind, as most steps have them: a segment is a FIN
 * from actor, a state FIN_WAIT_2, a check holds. */
static void
fake_add(struct runner *r, enum event_kind kind, int actor, int step,
    const char *text)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = kind;
	ev.actor = actor;
	ev.step = step;
	ev.text = text != NULL ? xstrdup(text) : NULL;
	if (kind == EV_SEG) {
		ev.u.seg.sender = actor;
		ev.u.seg.receiver = !actor;
		ev.u.seg.conn = 1;
		ev.u.seg.seg.flags = TF_FIN | TF_ACK;
		ev.actor = ACTOR_WIRE;
	}
	if (kind == EV_STATE) {
		ev.u.state.state = TS_FIN_WAIT_2;
		ev.u.state.conn = 1;
	}
	if (kind == EV_CHECK)
		ev.u.check.verdict = step >= 0 ? r->verdicts[step] :
		    VERDICT_HELD;
	fake_push(r, &ev);
}

/* Add a segment of connection 1 from sender to the other endpoint. */
static void
fake_seg(struct runner *r, int sender, uint8_t flags, int step)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_SEG;
	ev.actor = ACTOR_WIRE;
	ev.step = step;
	ev.u.seg.sender = sender;
	ev.u.seg.receiver = !sender;
	ev.u.seg.conn = 1;
	ev.u.seg.seg.flags = flags;
	fake_push(r, &ev);
}

/* Add a reading of an endpoint's socket on connection 1. */
static void
fake_state(struct runner *r, int ep, enum tcp_state state,
    enum state_src src, int step)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_STATE;
	ev.actor = ep;
	ev.step = step;
	ev.u.state.state = state;
	ev.u.state.src = src;
	ev.u.state.conn = 1;
	fake_push(r, &ev);
}

/* Add a call of an endpoint. */
static void
fake_call(struct runner *r, int ep, enum call_name name, int step)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_CALL;
	ev.actor = ep;
	ev.step = step;
	ev.u.call.name = name;
	fake_push(r, &ev);
}

/* Whether the run plays four-way-close as the kernel recorded it, rather
 * than the same few events each step. */
static int	test_four_way;

/* Four-way-close's events, in the order Linux gave them on loopback: a
 * reading comes after the segment that caused it, the client's
 * FIN_WAIT_1 even after the server's ACK (FIN 0.370729, close() 0.370768,
 * ACK 0.372510, FIN_WAIT_1 0.372843, CLOSE_WAIT 0.372843, FIN_WAIT_2
 * 0.374664), and a LAST_ACK the probe missed is read from the wire. */
static void
fake_four_way(struct runner *r, int step)
{
	switch (step) {
	case -1:
		fake_seg(r, 0, TF_SYN, step);
		fake_seg(r, 1, TF_SYN | TF_ACK, step);
		fake_seg(r, 0, TF_ACK, step);
		fake_state(r, 0, TS_ESTABLISHED, SRC_KERNEL, step);
		fake_state(r, 1, TS_ESTABLISHED, SRC_KERNEL, step);
		break;
	case 0:
		fake_seg(r, 0, TF_FIN | TF_ACK, step);
		fake_call(r, 0, CALL_CLOSE, step);
		fake_seg(r, 1, TF_ACK, step);
		fake_state(r, 0, TS_FIN_WAIT_1, SRC_KERNEL, step);
		fake_state(r, 1, TS_CLOSE_WAIT, SRC_KERNEL, step);
		fake_state(r, 0, TS_FIN_WAIT_2, SRC_KERNEL, step);
		break;
	case 1:
		fake_call(r, 1, CALL_RECV, step);
		break;
	case 2:
		fake_seg(r, 1, TF_FIN | TF_ACK, step);
		fake_state(r, 1, TS_LAST_ACK, SRC_WIRE, step);
		fake_seg(r, 0, TF_ACK, step);
		fake_call(r, 1, CALL_CLOSE, step);
		fake_state(r, 0, TS_TIME_WAIT, SRC_KERNEL, step);
		fake_state(r, 1, TS_CLOSED, SRC_KERNEL, step);
		break;
	}
	fake_add(r, EV_CHECK, ACTOR_CHECK, step, "holds");
}

/* Add the check of a step's prediction: the kernel's answer is (a). */
static void
fake_add_answer(struct runner *r, int step)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_CHECK;
	ev.actor = ACTOR_CHECK;
	ev.step = step;
	ev.t_ns = (r->t_ns += 1000000);
	ev.text = xstrdup("prediction: the kernel's answer is (a) Zero");
	ev.u.check.verdict = VERDICT_HELD;
	ev.u.check.choice = 'a';
	timeline_add(r->tl, &ev);
}

/* runner_new: an empty run. */
static struct runner *
fake_open(struct loop *loop, const struct lesson *l,
    const struct runner_options *opts, const struct runner_view *view,
    void *arg, int *unsupported, char **cause)
{
	struct runner	*r;

	(void)loop;
	(void)opts;
	(void)unsupported;
	(void)cause;
	r = xcalloc(1, sizeof *r);
	r->lesson = l;
	r->tl = timeline_new();
	r->view = view;
	r->arg = arg;
	r->pending = TEST_NONE;
	r->deadline_step = -1;
	test_opened++;
	return (r);
}

/* runner_start: the setup's events. */
static void
fake_start(struct runner *r)
{
	fake_add(r, EV_STEP, ACTOR_LESSON, -1, "setup");
	if (test_four_way)
		fake_four_way(r, -1);
	else {
		fake_add(r, EV_SEG, 0, -1, NULL);
		fake_add(r, EV_STATE, 0, -1, NULL);
	}
	r->pending = -1;
	r->view->changed(r->arg);
}

/* runner_free. */
static void
fake_free(struct runner *r)
{
	timeline_free(r->tl);
	free(r);
}

/* runner_timeline. */
static const struct timeline *
fake_timeline(struct runner *r)
{
	return (r->tl);
}

/* runner_run_step: a step's events: its start, then four-way-close's, or
 * a segment both ways, a state and a check that holds; for a question,
 * the kernel's answer. */
static void
fake_run_step(struct runner *r, size_t step)
{
	assert_int_equal(r->pending, TEST_NONE);
	r->steps_run[r->nsteps_run++] = (int)step;
	fake_add(r, EV_STEP, ACTOR_LESSON, (int)step, "step");
	if (test_four_way)
		fake_four_way(r, (int)step);
	else {
		fake_add(r, EV_SEG, 0, (int)step, NULL);
		fake_add(r, EV_SEG, 1, (int)step, NULL);
		fake_add(r, EV_STATE, 0, (int)step, NULL);
		fake_add(r, EV_CHECK, ACTOR_CHECK, (int)step, "holds");
	}
	if (r->lesson->steps[step].ask != NULL)
		fake_add_answer(r, (int)step);
	r->pending = (int)step;
	r->view->changed(r->arg);
}

/* runner_act: remember what the learner chose. */
static void
fake_act(struct runner *r, const struct action *acts, size_t n,
    const char *label)
{
	assert_int_equal(r->pending, TEST_NONE);
	memcpy(r->acted, acts, n * sizeof *acts);
	r->nacted = n;
	snprintf(r->label, sizeof r->label, "%s", label);
	if (acts[0].kind == ACT_KILL)
		r->dead = 1;
	fake_add(r, EV_STEP, ACTOR_LESSON, 2, label);
	r->pending = RUNNER_FREE_PLAY;
	r->view->changed(r->arg);
}

/* runner_wire_stepping. */
static int
fake_wire_stepping(struct runner *r, int on, char **cause)
{
	(void)cause;
	r->stepping = on;
	return (0);
}

/* runner_wire_is_stepping. */
static int
fake_wire_is_stepping(struct runner *r)
{
	return (r->stepping);
}

/* runner_wire_held. */
static size_t
fake_wire_held(struct runner *r)
{
	return (r->held);
}

/* runner_wire_next: one held segment fewer. */
static int
fake_wire_next(struct runner *r, int deliver)
{
	(void)deliver;
	if (r->held == 0)
		return (-1);
	r->held--;
	return (0);
}

/* runner_pid. */
static int
fake_pid(struct runner *r, int ep)
{
	(void)r;
	return (1000 + ep);
}

/* runner_alive. */
static int
fake_alive(struct runner *r, int ep)
{
	return (!(ep == 0 && r->dead));
}

/* runner_now_ns: the time of the newest event. */
static uint64_t
fake_now_ns(struct runner *r)
{
	return (r->t_ns);
}

/* runner_deadline: the script's, for the step it names. */
static void
fake_deadline(struct runner *r, size_t step, struct runner_deadline *out)
{
	memset(out, 0, sizeof *out);
	if ((int)step == r->deadline_step)
		*out = r->deadline;
}

/* The frames: the fake lab captures none. */
static const struct framelog *
fake_frames(struct runner *r)
{
	static const struct framelog	none;

	(void)r;
	return (&none);
}

static const struct session_lab	fake_lab = {
	fake_open, fake_start, fake_free, fake_timeline, fake_run_step,
	fake_act, fake_wire_stepping, fake_wire_is_stepping, fake_wire_held,
	fake_wire_next, fake_pid, fake_alive, fake_now_ns, fake_deadline,
	fake_frames
};

/* The hooks: a redraw asked for, a lesson completed. */
static void
test_dirty(void *arg)
{
	(void)arg;
}

/* A lesson was completed: its score is kept. */
static void
test_done(const char *id, const struct progress_score *score, void *arg)
{
	(void)arg;
	assert_string_equal(id, "demo");
	test_score = *score;
	test_completed++;
}

static int			 test_last;	/* the lesson is the
						 * curriculum's last */
static const struct lesson	*test_following; /* what follows it else */

/* What follows the lesson in curriculum order. */
static const struct lesson *
test_next_lesson(void *arg)
{
	(void)arg;
	return (test_last ? NULL : test_following);
}

static const struct session_hooks	test_hooks = { test_dirty, test_done,
					    test_next_lesson };

/* One session on the scripted run, and what it needs. */
struct fixture {
	struct loop	*loop;
	struct lesson	*lesson;
	struct session	*s;
	struct runner	*r;		/* the run the session opened */
};

static struct runner	*test_last_run;

/* runner_new that remembers the run, so a test can settle it. */
static struct runner *
fake_open_kept(struct loop *loop, const struct lesson *l,
    const struct runner_options *opts, const struct runner_view *view,
    void *arg, int *unsupported, char **cause)
{
	return (test_last_run = fake_open(loop, l, opts, view, arg,
	    unsupported, cause));
}

static struct session_lab	test_lab;

/* Let the clock run until the animation has shown every event. */
static void
play_out(struct fixture *f)
{
	int	i;

	for (i = 0; i < 1000; i++) {
		test_clock_ms += 50;
		while (loop_fire_timers(f->loop) == 0)
			;
	}
}

/* Let the clock run for ms, an animation frame at a time. */
static void
advance(struct fixture *f, int ms)
{
	int	i;

	for (i = 0; i < ms; i += 40) {
		test_clock_ms += 40;
		while (loop_fire_timers(f->loop) == 0)
			;
	}
}

/* Settle the run's pending step, as a real one does once quiet; the view
 * has yet to catch up. */
static void
done(struct fixture *f)
{
	int	step = f->r->pending;

	assert_int_not_equal(step, TEST_NONE);
	f->r->pending = TEST_NONE;
	f->r->view->step_done(step, f->r->arg);
}

/* Settle the run's pending step and let the view catch up. */
static void
settle(struct fixture *f)
{
	done(f);
	play_out(f);
}

/* Open the demo lesson on a scripted run, its setup settled. */
static int
setup(void **state)
{
	struct fixture	*f = xcalloc(1, sizeof *f);
	char		*cause = NULL;

	f->lesson = lesson_parse("demo.lesson", test_session_lesson,
	    strlen(test_session_lesson), &cause);
	if (f->lesson == NULL)
		fail_msg("%s", cause);
	f->loop = loop_new();
	loop_set_clock(f->loop, test_clock, NULL);
	test_lab = fake_lab;
	test_lab.open = fake_open_kept;
	test_completed = test_opened = 0;
	test_following = f->lesson;
	f->s = session_new(f->loop, f->lesson, LANG_EN, &test_lab, &test_hooks,
	    NULL);
	f->r = test_last_run;
	settle(f);
	*state = f;
	return (0);
}

/* Open four-way-close's steps on the demo lesson, its setup settled. */
static int
setup_four_way(void **state)
{
	test_four_way = 1;
	return (setup(state));
}

/* The same, as the last lesson of the curriculum: none follows. */
static int
setup_last(void **state)
{
	int	r;

	test_last = 1;
	r = setup(state);
	test_last = 0;
	return (r);
}

/* Close the session and the loop. */
static int
teardown(void **state)
{
	struct fixture	*f = *state;

	test_four_way = 0;
	session_free(f->s);
	loop_free(f->loop);
	lesson_free(f->lesson);
	free(f);
	return (0);
}

/* The model as a screen of 24 rows would be drawn from it. */
static const struct view_model *
model(struct fixture *f)
{
	return (session_model(f->s, 24));
}

/* Press a key; it must be handled. */
static void
press(struct fixture *f, int key)
{
	assert_int_equal(session_key(f->s, key), SESSION_HANDLED);
}

/* Run the next step with its key and settle it. */
static void
step(struct fixture *f, int key)
{
	press(f, key);
	settle(f);
}

/* Step keys and Space run the steps in order; a step's outcome waits
 * until its events are shown; the last step completes the lesson once. */
static void
test_session_steps(void **state)
{
	struct fixture	*f = *state;

	assert_int_equal(model(f)->next_step, 0);
	assert_false(model(f)->running);
	assert_int_equal(model(f)->scene->upto, timeline_count(f->r->tl));
	press(f, 'c');
	assert_true(model(f)->running);
	assert_int_equal(f->r->steps_run[0], 0);
	f->r->pending = TEST_NONE;
	f->r->view->step_done(0, f->r->arg);
	/* Settled, but the arrows have not all crossed yet. */
	assert_true(model(f)->running);
	assert_true(model(f)->scene->upto < timeline_count(f->r->tl));
	play_out(f);
	assert_false(model(f)->running);
	assert_int_equal(model(f)->next_step, 1);
	step(f, ' ');
	assert_int_equal(f->r->steps_run[1], 1);
	assert_int_equal(test_completed, 0);
	step(f, 's');
	assert_int_equal(f->r->nsteps_run, 3);
	assert_int_equal(model(f)->next_step, 3);
	assert_int_equal(test_completed, 1);
	assert_true(viewmodel_free_play(model(f)));
	/* Three checks and the prediction held; asked once, not guessed. */
	assert_int_equal(test_score.held, 4);
	assert_int_equal(test_score.failed, 0);
	assert_int_equal(test_score.not_reached, 0);
	assert_int_equal(test_score.asked, 1);
	assert_int_equal(test_score.right, 0);
}

/* The state of an endpoint's socket on connection 1, as the panes show
 * it now. */
static enum tcp_state
pane_state(struct fixture *f, int ep)
{
	const struct scene	*sc = model(f)->scene;

	return (sc->eps[ep].nslots > 1 ? sc->eps[ep].socks[1].state :
	    TS_NONE);
}

/* The kind and sender of the arrow in flight, or -1. */
static int
flying_from(struct fixture *f)
{
	const struct view_model	*m = model(f);
	const struct event	*ev;

	if (m->anim_seq == VIEW_NO_EVENT)
		return (-1);
	ev = timeline_get(f->r->tl, timeline_find(f->r->tl, m->anim_seq));
	assert_int_equal(ev->kind, EV_SEG);
	return (ev->u.seg.sender);
}

/* At 0.25x an arrow crosses in 2.4 s. A sender's state changes as its
 * segment leaves, the receiver's as it lands: while the client's FIN
 * crosses, the client is in FIN_WAIT_1 (read after the server's ACK) and
 * the server still ESTABLISHED; while the ACK crosses, the server is in
 * CLOSE_WAIT; then the client in FIN_WAIT_2. When the server closes, it
 * is in LAST_ACK as its FIN leaves, the client in TIME_WAIT as it sends
 * the last ACK, and the server CLOSED once that has landed. */
static void
test_session_states_follow_arrows(void **state)
{
	struct fixture	*f = *state;

	press(f, '-');
	press(f, '-');
	assert_int_equal(model(f)->speed, 25);
	assert_int_equal(pane_state(f, 0), TS_ESTABLISHED);
	press(f, 'c');
	done(f);
	advance(f, 1000);
	assert_int_equal(flying_from(f), 0);
	assert_int_equal(pane_state(f, 0), TS_FIN_WAIT_1);
	assert_int_equal(model(f)->scene->eps[0].socks[1].src, SRC_KERNEL);
	assert_int_equal(pane_state(f, 1), TS_ESTABLISHED);
	advance(f, 1600);
	assert_int_equal(flying_from(f), 1);
	assert_int_equal(pane_state(f, 0), TS_FIN_WAIT_1);
	assert_int_equal(pane_state(f, 1), TS_CLOSE_WAIT);
	advance(f, 2400);
	assert_int_equal(flying_from(f), -1);
	assert_int_equal(pane_state(f, 0), TS_FIN_WAIT_2);
	step(f, 'r');
	press(f, 's');
	done(f);
	advance(f, 1000);
	assert_int_equal(flying_from(f), 1);
	assert_int_equal(pane_state(f, 1), TS_LAST_ACK);
	assert_int_equal(model(f)->scene->eps[1].socks[1].src, SRC_WIRE);
	assert_int_equal(pane_state(f, 0), TS_FIN_WAIT_2);
	advance(f, 2400);
	assert_int_equal(flying_from(f), 0);
	assert_int_equal(pane_state(f, 0), TS_TIME_WAIT);
	assert_int_equal(pane_state(f, 1), TS_LAST_ACK);
	advance(f, 2400);
	assert_int_equal(flying_from(f), -1);
	assert_int_equal(pane_state(f, 1), TS_CLOSED);
}

/* The heading and narration keep to the step just run until every event
 * of it has been shown, though the run has settled and Space would run
 * the next: its FIN crosses under step 1. Two steps run while the first
 * one's arrows still cross: the heading comes to each in turn. */
static void
test_session_heading_waits(void **state)
{
	struct fixture		*f = *state;
	const struct timeline	*tl = f->r->tl;
	uint64_t		 end;
	int			 i;

	press(f, '-');
	press(f, '-');
	press(f, 'c');
	done(f);
	advance(f, 500);
	assert_int_equal(model(f)->next_step, 1);
	assert_int_equal(viewmodel_told_step(model(f)), 0);
	assert_true(model(f)->running);
	play_out(f);
	assert_int_equal(viewmodel_told_step(model(f)), 1);
	assert_false(model(f)->running);

	press(f, 'r');
	done(f);
	end = timeline_count(tl) - 1;
	press(f, 's');
	done(f);
	assert_int_equal(model(f)->next_step, 3);
	assert_int_equal(viewmodel_told_step(model(f)), 1);
	for (i = 0; i < 1000 && viewmodel_told_step(model(f)) == 1; i++)
		advance(f, 40);
	assert_int_equal(viewmodel_told_step(model(f)), 2);
	assert_true(timeline_find(tl, end) < model(f)->scene->upto);
	assert_true(model(f)->scene->upto < timeline_count(tl));
	play_out(f);
	assert_int_equal(viewmodel_told_step(model(f)), 3);
	assert_int_equal(test_completed, 1);
}

/* A lesson whose checks did not all hold is not completed: a failure,
 * or a check a passed deadline left unreached. */
static void
test_session_not_completed(void **state)
{
	struct fixture	*f = *state;

	f->r->verdicts[1] = VERDICT_FAILED;
	step(f, 'c');
	step(f, 'r');
	step(f, 's');
	assert_int_equal(model(f)->next_step, 3);
	assert_int_equal(test_completed, 0);
	press(f, 'R');
	press(f, 'y');
	f->r = test_last_run;
	f->r->verdicts[2] = VERDICT_NOT_REACHED;
	settle(f);
	step(f, 'c');
	step(f, 'r');
	step(f, 's');
	assert_int_equal(test_completed, 0);
}

/* Keys typed ahead never skip a question: a step key or Space pressed
 * while a step settles, or while its events are still being shown, stops
 * at the next step that asks one, and says how to go on; one pressed once
 * the question is shown runs it; a step without a question is queued. */
static void
test_session_typed_ahead(void **state)
{
	struct fixture	*f = *state;

	press(f, 'c');
	press(f, ' ');
	press(f, 'r');
	press(f, ' ');
	assert_int_equal(f->r->nsteps_run, 1);
	settle(f);
	assert_int_equal(f->r->nsteps_run, 1);
	assert_int_equal(model(f)->next_step, 1);
	assert_true(model(f)->stopped_at_question);
	/* Shown now: Space runs it, without a guess. */
	press(f, ' ');
	assert_int_equal(f->r->nsteps_run, 2);
	assert_false(model(f)->stopped_at_question);
	assert_int_equal(model(f)->guesses[1], 0);
	/* Step three asks nothing: typed ahead, it is queued. */
	press(f, 's');
	settle(f);
	assert_int_equal(f->r->nsteps_run, 3);
	settle(f);
	assert_int_equal(model(f)->next_step, 3);
}

/* While the setup settles, Space queues the first step (it asks nothing)
 * and stops at the second's question, which stays stopped once the first
 * has run. */
static void
test_session_typed_ahead_queue_then_stop(void **state)
{
	struct fixture	*f = *state;

	press(f, 'R');
	press(f, 'y');
	f->r = test_last_run;
	press(f, ' ');
	press(f, ' ');
	press(f, ' ');
	settle(f);
	assert_int_equal(f->r->nsteps_run, 1);
	settle(f);
	assert_int_equal(f->r->nsteps_run, 1);
	assert_int_equal(model(f)->next_step, 1);
	assert_true(model(f)->stopped_at_question);
	press(f, '1');
	press(f, ' ');
	assert_int_equal(f->r->nsteps_run, 2);
	settle(f);
	assert_false(model(f)->stopped_at_question);
}

/* Settled, but its arrows still crossing: the step is still being shown,
 * so Space stops at the next question and a digit answers nothing. */
static void
test_session_typed_ahead_while_shown(void **state)
{
	struct fixture	*f = *state;

	press(f, 'c');
	f->r->pending = TEST_NONE;
	f->r->view->step_done(0, f->r->arg);
	assert_true(model(f)->running);
	press(f, '1');
	assert_string_equal(model(f)->message,
	    "Too early: guess once the step under way has finished.");
	press(f, ' ');
	assert_int_equal(f->r->nsteps_run, 1);
	play_out(f);
	assert_false(model(f)->running);
	assert_true(model(f)->stopped_at_question);
	assert_int_equal(model(f)->guesses[1], 0);
	press(f, '2');
	assert_int_equal(model(f)->guesses[1], 'b');
	press(f, 'r');
	assert_int_equal(f->r->nsteps_run, 2);
}

/* Left looks back to the end of each earlier step, Right comes forward
 * again, and past the newest the view is live. */
static void
test_session_look_back(void **state)
{
	struct fixture		*f = *state;
	const struct timeline	*tl = f->r->tl;

	step(f, 'c');
	step(f, 'r');
	press(f, KEYS_LEFT);
	assert_true(model(f)->looking_back);
	assert_int_equal(model(f)->back_step, 0);
	assert_int_equal(model(f)->scene->upto, timeline_step_start(tl, 2));
	press(f, KEYS_LEFT);
	assert_int_equal(model(f)->back_step, -1);
	assert_int_equal(model(f)->scene->upto, timeline_step_start(tl, 1));
	press(f, KEYS_LEFT);
	assert_int_equal(model(f)->back_step, -1);
	press(f, KEYS_RIGHT);
	assert_int_equal(model(f)->back_step, 0);
	press(f, KEYS_RIGHT);
	assert_false(model(f)->looking_back);
	assert_int_equal(model(f)->scene->upto, timeline_count(tl));
}

/* While looking back, a step key runs nothing and says why; Space moves
 * forward; Esc returns to now; an arrow can be selected. */
static void
test_session_keys_looking_back(void **state)
{
	struct fixture	*f = *state;

	step(f, 'c');
	press(f, KEYS_LEFT);
	press(f, 'r');
	assert_int_equal(f->r->nsteps_run, 1);
	assert_string_equal(model(f)->message,
	    "Looking back: Right goes forward, Esc returns to now.");
	press(f, KEYS_UP);
	assert_int_not_equal(model(f)->selected_seq, VIEW_NO_EVENT);
	assert_int_equal(timeline_get(f->r->tl, timeline_find(f->r->tl,
	    model(f)->selected_seq))->kind, EV_SEG);
	assert_true(timeline_find(f->r->tl, model(f)->selected_seq) <
	    model(f)->scene->upto);
	press(f, ' ');
	assert_false(model(f)->looking_back);
	press(f, KEYS_LEFT);
	press(f, KEYS_ESC);
	assert_false(model(f)->looking_back);
	assert_int_equal(model(f)->selected_seq, VIEW_NO_EVENT);
	press(f, 'r');
	assert_int_equal(f->r->nsteps_run, 2);
}

/* At the end of the lesson, looking back and selecting arrows keeps
 * every selection inside what is shown (the look-back crash). */
static void
test_session_look_back_at_end(void **state)
{
	struct fixture	*f = *state;
	size_t		 at;
	int		 i;

	step(f, 'c');
	step(f, 'r');
	step(f, 's');
	for (i = 0; i < 6; i++) {
		press(f, KEYS_DOWN);
		press(f, KEYS_LEFT);
		press(f, KEYS_UP);
		if (model(f)->selected_seq != VIEW_NO_EVENT) {
			at = timeline_find(f->r->tl, model(f)->selected_seq);
			assert_true(at < model(f)->scene->upto);
		}
	}
	assert_true(model(f)->looking_back);
	assert_int_equal(model(f)->back_step, -1);
	for (i = 0; i < 6; i++)
		press(f, KEYS_RIGHT);
	assert_false(model(f)->looking_back);
	assert_int_equal(f->r->nsteps_run, 3);
	assert_int_equal(test_completed, 1);
}

/* A digit answers the next step's question with its choice's key; a
 * digit past the choices, or for a step without a question, does not;
 * the right guess counts in the score the completed lesson keeps. */
static void
test_session_answer(void **state)
{
	struct fixture	*f = *state;

	press(f, '2');
	assert_int_equal(model(f)->guesses[0], 0);
	step(f, 'c');
	press(f, '3');
	assert_int_equal(model(f)->guesses[1], 0);
	press(f, '2');
	assert_int_equal(model(f)->guesses[1], 'b');
	press(f, '1');
	assert_int_equal(model(f)->guesses[1], 'a');
	step(f, 'r');
	assert_int_equal(model(f)->guesses[1], 'a');
	step(f, 's');
	assert_int_equal(test_score.asked, 1);
	assert_int_equal(test_score.right, 1);
}

/* A key that does nothing now names the key of the next step; every
 * step run, Space says so. */
static void
test_session_hint(void **state)
{
	struct fixture	*f = *state;

	press(f, 'z');
	assert_string_equal(model(f)->message,
	    "This step runs with c (or Space).");
	assert_int_equal(f->r->nsteps_run, 0);
	assert_int_equal(session_key(f->s, KEYS_OTHER), SESSION_IGNORED);
	assert_int_equal(session_key(f->s, 'q'), SESSION_MENU);
}

/* After the last step the free-play keys act on the selected endpoint:
 * close, shutdown with its direction, SO_LINGER then close, kill; Tab
 * selects the other endpoint; a dead endpoint cannot act. */
static void
test_session_free_play(void **state)
{
	struct fixture	*f = *state;

	step(f, 'c');
	step(f, 'r');
	step(f, 's');
	assert_int_equal(model(f)->selected_ep, 0);
	step(f, 'c');
	assert_int_equal(f->r->acted[0].kind, ACT_CLOSE);
	assert_int_equal(f->r->acted[0].endpoint, 0);
	assert_string_equal(f->r->label, "client close()");
	press(f, KEYS_TAB);
	assert_int_equal(model(f)->selected_ep, 1);
	press(f, 's');
	assert_true(model(f)->shutdown_how);
	step(f, 'w');
	assert_int_equal(f->r->acted[0].kind, ACT_SHUTDOWN);
	assert_int_equal(f->r->acted[0].how, SHUT_WR);
	assert_string_equal(f->r->label, "server shutdown(SHUT_WR)");
	step(f, 'l');
	assert_int_equal(f->r->nacted, 2);
	assert_int_equal(f->r->acted[0].kind, ACT_LINGER);
	assert_int_equal(f->r->acted[0].linger_on, 1);
	assert_int_equal(f->r->acted[1].kind, ACT_CLOSE);
	press(f, KEYS_TAB);
	step(f, 'k');
	assert_int_equal(f->r->acted[0].kind, ACT_KILL);
	press(f, 'd');
	assert_string_equal(model(f)->message, "client has no process any more.");
	assert_int_equal(f->r->pending, TEST_NONE);
}

/* The end of the lesson: its score in the model; Space typed ahead while
 * the last step is under way does nothing, once it is shown it opens the
 * next lesson, and while the wire holds a segment it delivers it. */
static void
test_session_end(void **state)
{
	struct fixture	*f = *state;

	step(f, 'c');
	press(f, '2');
	step(f, 'r');
	press(f, 's');
	assert_int_equal(session_key(f->s, ' '), SESSION_HANDLED);
	f->r->pending = TEST_NONE;
	f->r->view->step_done(2, f->r->arg);
	assert_true(model(f)->running);
	assert_int_equal(session_key(f->s, ' '), SESSION_HANDLED);
	play_out(f);
	assert_int_equal(model(f)->score.held, 4);
	assert_int_equal(model(f)->score.asked, 1);
	assert_int_equal(model(f)->score.right, 0);
	assert_non_null(model(f)->next_lesson);
	press(f, 'w');
	f->r->held = 1;
	assert_int_equal(session_key(f->s, ' '), SESSION_HANDLED);
	assert_int_equal(f->r->held, 0);
	assert_int_equal(session_key(f->s, ' '), SESSION_NEXT);
	assert_int_equal(session_key(f->s, KEYS_RIGHT), SESSION_HANDLED);
}

/* Space at the end of the last lesson says so and stays. */
static void
test_session_end_of_last(void **state)
{
	struct fixture	*f = *state;

	step(f, 'c');
	step(f, 'r');
	step(f, 's');
	assert_null(model(f)->next_lesson);
	assert_int_equal(session_key(f->s, ' '), SESSION_HANDLED);
	assert_string_equal(model(f)->message,
	    "That was the last lesson. q returns to the menu.");
}

/* R asks first: n (or any key but y) keeps the lesson where it is, and
 * does nothing else; y restarts it in a fresh lab. */
static void
test_session_restart_asks(void **state)
{
	struct fixture	*f = *state;

	step(f, 'c');
	press(f, 'R');
	assert_true(model(f)->confirm_restart);
	press(f, 'n');
	assert_false(model(f)->confirm_restart);
	assert_int_equal(test_opened, 1);
	assert_int_equal(model(f)->next_step, 1);
	press(f, 'R');
	press(f, 'r');
	assert_int_equal(test_opened, 1);
	assert_int_equal(f->r->nsteps_run, 1);
	press(f, 'R');
	press(f, 'y');
	assert_false(model(f)->confirm_restart);
	assert_int_equal(test_opened, 2);
	f->r = test_last_run;
	settle(f);
	assert_int_equal(model(f)->next_step, 0);
}

/* A step whose story needs a state: while it can run in time the model
 * has its deadline (not while a step runs); once missed, the step can
 * still run, its checks are not reached, and the lesson is not complete. */
static void
test_session_deadline(void **state)
{
	struct fixture	*f = *state;
	struct deadline	 need;

	memset(&need, 0, sizeof need);
	need.endpoint = 1;
	need.state = TS_CLOSE_WAIT;
	f->r->deadline_step = 2;
	f->r->deadline.need = &need;
	step(f, 'c');
	assert_null(model(f)->deadline.need);
	press(f, '1');
	step(f, 'r');
	f->r->deadline.due_ns = f->r->t_ns + 48000 * MS;
	assert_ptr_equal(model(f)->deadline.need, &need);
	assert_false(model(f)->deadline.missed);
	assert_int_equal(model(f)->deadline.due_ns, f->r->t_ns + 48000 * MS);
	f->r->deadline.missed = 1;
	assert_true(model(f)->deadline.missed);
	f->r->verdicts[2] = VERDICT_NOT_REACHED;
	press(f, 's');
	assert_null(model(f)->deadline.need);
	settle(f);
	assert_int_equal(test_completed, 0);
	assert_int_equal(model(f)->score.not_reached, 1);
	assert_int_equal(model(f)->score.held, 3);
	assert_int_equal(model(f)->score.right, 1);
	assert_null(model(f)->deadline.need);
}

/* Overlays take the keys while open: e shows the log, Up scrolls it, Esc
 * closes it; other keys do nothing; q still leaves. */
static void
test_session_overlay(void **state)
{
	struct fixture	*f = *state;

	press(f, 'e');
	assert_int_equal(model(f)->overlay, OVERLAY_LOG);
	press(f, KEYS_UP);
	press(f, KEYS_UP);
	assert_int_equal(model(f)->log_scroll, 2);
	press(f, KEYS_PAGE_DOWN);
	assert_int_equal(model(f)->log_scroll, 0);
	assert_int_equal(session_key(f->s, 'c'), SESSION_IGNORED);
	assert_int_equal(f->r->nsteps_run, 0);
	press(f, KEYS_ESC);
	assert_int_equal(model(f)->overlay, OVERLAY_NONE);
	press(f, 'D');
	assert_int_equal(session_key(f->s, 'q'), SESSION_MENU);
}

/* w turns the wire's step-by-step mode on; Space then delivers a held
 * segment instead of running a step; R and y restart the lesson on a new
 * run. */
static void
test_session_wire_and_restart(void **state)
{
	struct fixture	*f = *state;

	press(f, 'w');
	assert_true(model(f)->wire_stepping);
	f->r->held = 2;
	press(f, ' ');
	assert_int_equal(model(f)->wire_held, 1);
	assert_int_equal(f->r->nsteps_run, 0);
	press(f, 'x');
	assert_int_equal(model(f)->wire_held, 0);
	press(f, ' ');
	assert_int_equal(f->r->nsteps_run, 1);
	press(f, 'R');
	press(f, 'y');
	assert_int_equal(test_opened, 2);
	f->r = test_last_run;
	settle(f);
	assert_int_equal(model(f)->next_step, 0);
	assert_false(model(f)->wire_stepping);
}

/* Add what the wire did with a FIN from sender, as event id. */
static void
fake_wire(struct runner *r, enum wire_op op, uint32_t id, int sender)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_WIRE;
	ev.actor = ACTOR_WIRE;
	ev.u.wire.op = op;
	ev.u.wire.id = id;
	ev.u.wire.seg.sender = sender;
	ev.u.wire.seg.receiver = !sender;
	ev.u.wire.seg.conn = 1;
	ev.u.wire.seg.seg.flags = TF_FIN | TF_ACK;
	ev.u.wire.seg.seg.sport = (uint16_t)(sender == 0 ? 40000 : 9000);
	fake_push(r, &ev);
}

/* Up and Down reach the rows the wire holds and dropped, not only the
 * captured arrows: the held FIN's two copies are one row, a rule's drop
 * another; Down past the last clears the selection. */
static void
test_session_select_wire(void **state)
{
	struct fixture		*f = *state;
	const struct event	*ev;

	press(f, 'w');
	fake_wire(f->r, WIRE_OP_DROP, 1, 1);
	fake_wire(f->r, WIRE_OP_HOLD, 2, 0);
	fake_wire(f->r, WIRE_OP_HOLD, 3, 0);
	f->r->view->changed(f->r->arg);
	play_out(f);
	press(f, KEYS_UP);
	ev = timeline_get(f->r->tl, timeline_find(f->r->tl,
	    model(f)->selected_seq));
	assert_int_equal(ev->kind, EV_WIRE);
	assert_int_equal(ev->u.wire.op, WIRE_OP_HOLD);
	assert_int_equal(ev->u.wire.id, 2);
	press(f, KEYS_UP);
	ev = timeline_get(f->r->tl, timeline_find(f->r->tl,
	    model(f)->selected_seq));
	assert_int_equal(ev->kind, EV_WIRE);
	assert_int_equal(ev->u.wire.op, WIRE_OP_DROP);
	press(f, KEYS_UP);
	assert_int_equal(timeline_get(f->r->tl, timeline_find(f->r->tl,
	    model(f)->selected_seq))->kind, EV_SEG);
	press(f, KEYS_DOWN);
	press(f, KEYS_DOWN);
	assert_int_equal(timeline_get(f->r->tl, timeline_find(f->r->tl,
	    model(f)->selected_seq))->u.wire.id, 2);
	press(f, KEYS_DOWN);
	assert_int_equal(model(f)->selected_seq, VIEW_NO_EVENT);
}

/* T turns the lane's time column on and off. */
static void
test_session_lane_times(void **state)
{
	struct fixture	*f = *state;

	assert_false(model(f)->lane_times);
	press(f, 'T');
	assert_true(model(f)->lane_times);
	press(f, 'T');
	assert_false(model(f)->lane_times);
}

/* The seqs of the segments shown, oldest first, at most max; returns n. */
static size_t
shown_segments(struct fixture *f, uint64_t *seqs, size_t max)
{
	const struct event	*ev;
	size_t			 i, n = 0;

	for (i = 0; i < model(f)->scene->upto && n < max; i++) {
		ev = timeline_get(f->r->tl, i);
		if (ev->kind == EV_SEG)
			seqs[n++] = ev->seq;
	}
	return (n);
}

/* The seq of the first event of a kind in the timeline. */
static uint64_t
first_of(struct fixture *f, enum event_kind kind)
{
	size_t	i;

	for (i = 0; i < timeline_count(f->r->tl); i++) {
		if (timeline_get(f->r->tl, i)->kind == kind)
			return (timeline_get(f->r->tl, i)->seq);
	}
	fail_msg("no event of kind %d", kind);
	return (0);
}

/* A click on the step that runs next runs it, on another step nothing;
 * a click on a choice guesses as its digit does; a click on an arrow
 * selects it, once it is shown and if it is a segment. */
static void
test_session_click(void **state)
{
	struct fixture	*f = *state;
	uint64_t	 segs[8], later;
	size_t		 n;

	assert_int_equal(session_click(f->s, HIT_STEP, 1), SESSION_IGNORED);
	assert_int_equal(session_click(f->s, HIT_LESSON, 0), SESSION_IGNORED);
	assert_int_equal(f->r->nsteps_run, 0);
	assert_int_equal(session_click(f->s, HIT_STEP, 0), SESSION_HANDLED);
	assert_int_equal(f->r->nsteps_run, 1);
	assert_int_equal(f->r->steps_run[0], 0);
	/* While it runs, it is no longer the next one. */
	assert_int_equal(session_click(f->s, HIT_STEP, 0), SESSION_IGNORED);
	assert_int_equal(f->r->nsteps_run, 1);
	settle(f);
	assert_int_equal(session_click(f->s, HIT_CHOICE, 2), SESSION_HANDLED);
	assert_int_equal(model(f)->guesses[1], 'b');
	assert_int_equal(session_click(f->s, HIT_CHOICE, 0), SESSION_IGNORED);
	assert_int_equal(session_click(f->s, HIT_CHOICE, 3), SESSION_HANDLED);
	assert_int_equal(model(f)->guesses[1], 'b');
	n = shown_segments(f, segs, 8);
	assert_true(n >= 3);
	assert_int_equal(session_click(f->s, HIT_ARROW, segs[1]),
	    SESSION_HANDLED);
	assert_int_equal(model(f)->selected_seq, segs[1]);
	assert_int_equal(session_click(f->s, HIT_ARROW, first_of(f, EV_STATE)),
	    SESSION_IGNORED);
	assert_int_equal(model(f)->selected_seq, segs[1]);
	/* The next step's arrows, captured but not shown yet. */
	press(f, 'r');
	done(f);
	later = timeline_get(f->r->tl, timeline_count(f->r->tl) - 1)->seq;
	while (timeline_get(f->r->tl, timeline_find(f->r->tl, later))->kind !=
	    EV_SEG)
		later--;
	assert_true(timeline_find(f->r->tl, later) >= model(f)->scene->upto);
	assert_int_equal(session_click(f->s, HIT_ARROW, later),
	    SESSION_IGNORED);
	play_out(f);
	assert_int_equal(session_click(f->s, HIT_ARROW, later),
	    SESSION_HANDLED);
	assert_int_equal(model(f)->selected_seq, later);
}

/* The mouse through the hit map, as ui.c passes it on: a click where an
 * arrow was drawn selects it, the newest region wins where two overlap, a
 * click beside it or after the screen was erased does nothing; the wheel
 * selects arrows as Up and Down do. */
static void
test_session_mouse(void **state)
{
	struct fixture	*f = *state;
	uint64_t	 segs[8];
	size_t		 n;

	step(f, 'c');
	n = shown_segments(f, segs, 8);
	assert_true(n >= 2);
	draw_erase();
	draw_hit(20, 10, 30, HIT_ARROW, segs[0]);
	assert_int_equal(session_mouse(f->s, 20, 9, KEYS_CLICK),
	    SESSION_IGNORED);
	assert_int_equal(session_mouse(f->s, 20, 40, KEYS_CLICK),
	    SESSION_IGNORED);
	assert_int_equal(session_mouse(f->s, 21, 10, KEYS_CLICK),
	    SESSION_IGNORED);
	assert_int_equal(model(f)->selected_seq, VIEW_NO_EVENT);
	assert_int_equal(session_mouse(f->s, 20, 39, KEYS_CLICK),
	    SESSION_HANDLED);
	assert_int_equal(model(f)->selected_seq, segs[0]);
	draw_hit(20, 12, 4, HIT_CHOICE, 1);
	assert_int_equal(session_mouse(f->s, 20, 13, KEYS_CLICK),
	    SESSION_HANDLED);
	assert_int_equal(model(f)->guesses[1], 'a');
	assert_int_equal(model(f)->selected_seq, segs[0]);
	/* The wheel: down to the next arrow, up back to the first. */
	assert_int_equal(session_mouse(f->s, 0, 0, KEYS_WHEEL_DOWN),
	    SESSION_HANDLED);
	assert_int_equal(model(f)->selected_seq, segs[1]);
	assert_int_equal(session_mouse(f->s, 0, 0, KEYS_WHEEL_UP),
	    SESSION_HANDLED);
	assert_int_equal(model(f)->selected_seq, segs[0]);
	draw_erase();
	press(f, KEYS_ESC);
	assert_int_equal(session_mouse(f->s, 20, 39, KEYS_CLICK),
	    SESSION_IGNORED);
	assert_int_equal(model(f)->selected_seq, VIEW_NO_EVENT);
}

/* Run every test. */
int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test_setup_teardown(test_session_steps, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_session_states_follow_arrows,
		    setup_four_way, teardown),
		cmocka_unit_test_setup_teardown(test_session_heading_waits,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_not_completed,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_typed_ahead, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_session_typed_ahead_queue_then_stop, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_session_typed_ahead_while_shown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_look_back, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_session_keys_looking_back,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_look_back_at_end,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_answer, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_session_hint, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_session_free_play, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_session_overlay, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_session_end, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_session_end_of_last,
		    setup_last, teardown),
		cmocka_unit_test_setup_teardown(test_session_restart_asks, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_session_deadline, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_session_wire_and_restart,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_select_wire, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_session_lane_times, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_session_click, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_session_mouse, setup,
		    teardown)
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
