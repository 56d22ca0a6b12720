/*
 * session.c: a lesson in the TUI. The runner writes the timeline as the
 * kernel acts; the session reveals it event by event. A segment takes a
 * moment to cross the lane, and what follows it (the receiver's new state)
 * waits until it has landed, so cause and effect appear in order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "base/xmalloc.h"
#include "model/scene.h"
#include "run/runner.h"
#include "tui/keys.h"
#include "tui/session.h"
#include "tui/uitext.h"
#include "tui/view.h"

#define SESSION_ARROW_MS	600	/* one arrow across the lane, at 1x */
#define SESSION_FRAME_MS	40	/* 25 frames a second while moving */
#define SESSION_MESSAGE_MS	5000
#define SESSION_SEND_BYTES	100

static const int	session_speeds[] = { 25, 50, 100, 200, 400 };
#define SESSION_NSPEEDS	(int)(sizeof session_speeds / sizeof session_speeds[0])

struct session {
	struct loop			*loop;
	const struct lesson		*lesson;
	const struct session_hooks	*hooks;
	void				*arg;
	struct runner			*runner;
	struct timeline			*no_lab;	/* empty, shown without one */
	char				*lab_error;

	struct view_model		 model;
	struct scene			 scene;
	uint64_t			 scene_seq;	/* seq of its last event */
	char				*guesses;

	uint64_t			 shown_seq;	/* last revealed, or
							 * VIEW_NO_EVENT */
	double				 progress_ms;	/* of the arrow in flight */
	uint64_t			 last_frame_ms;
	int				 speed_index;
	int				 back;		/* -1 live, else a step end */
	int				 running;
	size_t				 queued;	/* steps to run after this one */
	int				 step_running;	/* a lesson step, not setup */
	char				 message[256];
	int				 rows;		/* the screen's, at the
							 * last drawing */

	struct loop_timer		 frame_timer;
	struct loop_timer		 tick_timer;
	struct loop_timer		 message_timer;
};

static void	session_reveal(struct session *);

/* Ask for a redraw. */
static void
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
static size_t
session_shown(struct session *s)
{
	size_t	i;

	if (s->runner == NULL || s->shown_seq == VIEW_NO_EVENT)
		return (0);
	i = timeline_find(runner_timeline(s->runner), s->shown_seq);
	return (i == TIMELINE_NONE ? 0 : i + 1);
}

/* The events up to which the view shows the lab. */
static size_t
session_upto(struct session *s)
{
	if (s->back >= 0)
		return (timeline_step_start(runner_timeline(s->runner),
		    s->back + 1));
	return (session_shown(s));
}

/* Bring the scene the panes are drawn from up to date: extend it while
 * the timeline only grew after it, rebuild it otherwise (a look back, or
 * a late event inserted before its end). */
static void
session_rebuild(struct session *s)
{
	const struct timeline	*tl;
	size_t			 upto;

	if (s->runner == NULL)
		return;
	tl = runner_timeline(s->runner);
	upto = session_upto(s);
	if (s->scene.eps != NULL && upto >= s->scene.upto &&
	    (s->scene.upto == 0 || timeline_get(tl, s->scene.upto - 1)->seq ==
	    s->scene_seq))
		scene_extend(&s->scene, tl, upto);
	else
		scene_build(&s->scene, s->lesson, tl, upto);
	s->scene_seq = s->scene.upto > 0 ?
	    timeline_get(tl, s->scene.upto - 1)->seq : 0;
}

/* How long the next arrow takes: shorter when many are waiting. */
static double
session_arrow_ms(struct session *s)
{
	const struct timeline	*tl = runner_timeline(s->runner);
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
	uint64_t		 now = loop_now_ms();
	size_t			 shown, before, n;
	double			 dur;

	if (s->runner == NULL)
		return;
	tl = runner_timeline(s->runner);
	n = timeline_count(tl);
	if (!s->model.paused)
		s->progress_ms += (double)(now - s->last_frame_ms) *
		    session_speeds[s->speed_index] / 100.0;
	s->last_frame_ms = now;
	s->model.anim_seq = VIEW_NO_EVENT;
	dur = session_arrow_ms(s);
	shown = before = session_shown(s);
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
	if (shown != before)
		session_rebuild(s);
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
		tl = runner_timeline(s->runner);
		shown = session_shown(s);
		next = shown < timeline_count(tl) ? timeline_get(tl, shown) :
		    NULL;
		s->model.anim_seq = next != NULL && next->kind == EV_SEG ?
		    next->seq : VIEW_NO_EVENT;
		return;
	}
	/* Nothing was moving: the next arrow starts now, from its origin. */
	s->last_frame_ms = loop_now_ms();
	s->progress_ms = 0;
	session_reveal(s);
}

/* Whether every check so far has held. */
static int
session_all_held(struct session *s)
{
	return (runner_failures(s->runner) == 0);
}

static void	session_run_step(struct session *);

/* A step (or the setup, or a free action) has settled. */
static void
session_step_done(int step, void *arg)
{
	struct session	*s = arg;

	s->running = 0;
	s->step_running = 0;
	if (step >= 0) {
		s->model.next_step = (size_t)step + 1;
		if (s->model.next_step == s->lesson->nsteps &&
		    session_all_held(s))
			s->hooks->completed(s->lesson->id, s->arg);
	} else if (step == -1 && s->lesson->sandbox && session_all_held(s))
		s->hooks->completed(s->lesson->id, s->arg);
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

/*
 * Which side each endpoint is drawn on, and what it is for: a server (it
 * listens) on the right, a client (it connects) on the left, any other
 * endpoint in turns, a forked child on its parent's side. When every
 * endpoint would sit on one side, the last of them moves to the other.
 */
static void
session_roles(struct session *s)
{
	const struct lesson	*l = s->lesson;
	const struct action	*a;
	size_t			 i, j, k, n, plain = 0, count[2] = { 0, 0 };
	char			 buf[64];
	int			*side = s->model.side, parent[LESSON_MAX_ENDPOINTS];
	int			 last[2] = { -1, -1 };

	for (i = 0; i < l->nendpoints; i++) {
		side[i] = -1;
		parent[i] = -1;
		s->model.role[i][0] = '\0';
	}
	for (k = 0; k <= l->nsteps; k++) {
		a = k == 0 ? l->setup : l->steps[k - 1].actions;
		n = k == 0 ? l->nsetup : l->steps[k - 1].nactions;
		for (j = 0; j < n; j++, a++) {
			if (a->endpoint < 0)
				continue;
			if (a->kind == ACT_FORK) {
				parent[a->child] = a->endpoint;
				uitextf(buf, sizeof buf, UI_ROLE_CHILD,
				    s->model.lang,
				    l->endpoints[a->endpoint].name);
				snprintf(s->model.role[a->child],
				    sizeof s->model.role[0], "%s", buf);
			}
			if (s->model.role[a->endpoint][0] != '\0')
				continue;
			if (a->kind == ACT_LISTEN) {
				snprintf(s->model.role[a->endpoint],
				    sizeof s->model.role[0], "%s",
				    uitext(UI_ROLE_SERVER, s->model.lang));
				side[a->endpoint] = 1;
			} else if (a->kind == ACT_CONNECT) {
				snprintf(s->model.role[a->endpoint],
				    sizeof s->model.role[0], "%s",
				    uitext(UI_ROLE_CLIENT, s->model.lang));
				side[a->endpoint] = 0;
			}
		}
	}
	for (i = 0; i < l->nendpoints; i++) {
		if (l->endpoints[i].by_fork)
			continue;
		if (side[i] < 0)
			side[i] = (int)(plain++ % 2);
		count[side[i]]++;
		last[side[i]] = (int)i;
	}
	if (count[0] == 0 && count[1] > 1)
		side[last[1]] = 0;
	else if (count[1] == 0 && count[0] > 1)
		side[last[0]] = 1;
	/* A parent comes before its child: forks name new endpoints. */
	for (i = 0; i < l->nendpoints; i++) {
		if (l->endpoints[i].by_fork)
			side[i] = parent[i] >= 0 ? side[parent[i]] : 0;
	}
}

/* Build a fresh lab and run the setup. */
static void
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
	memset(s->guesses, 0, s->lesson->nsteps + 1);
	free(s->lab_error);
	s->lab_error = NULL;
	s->runner = runner_new(s->loop, s->lesson, &opts, &session_view, s,
	    NULL, &cause);
	if (s->runner == NULL) {
		s->lab_error = cause;
		return;
	}
	s->running = 1;
	session_rebuild(s);
	runner_start(s->runner);
}

/* Open a lesson. */
struct session *
session_new(struct loop *loop, const struct lesson *l, enum lang lang,
    const struct session_hooks *hooks, void *arg)
{
	struct session	*s;

	s = xcalloc(1, sizeof *s);
	s->loop = loop;
	s->lesson = l;
	s->hooks = hooks;
	s->arg = arg;
	s->guesses = xcalloc(l->nsteps + 1, 1);
	s->no_lab = timeline_new();
	s->speed_index = 2;
	s->model.lesson = l;
	s->model.lang = lang;
	s->model.guesses = s->guesses;
	loop_timer_init(&s->frame_timer, session_frame, s);
	loop_timer_init(&s->tick_timer, session_tick, s);
	loop_timer_init(&s->message_timer, session_message_expired, s);
	session_roles(s);
	session_start(s);
	return (s);
}

/* End the lab, keep the session. */
static void
session_stop(struct session *s)
{
	loop_timer_disarm(s->loop, &s->frame_timer);
	loop_timer_disarm(s->loop, &s->tick_timer);
	if (s->runner != NULL)
		runner_free(s->runner);
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
	timeline_free(s->no_lab);
	free(s);
}

/* Switch the narration's language. */
void
session_set_lang(struct session *s, enum lang lang)
{
	s->model.lang = lang;
	session_roles(s);
}

static size_t	session_upcoming(struct session *);

/* Run the next step (its key, Space or Right); while a step is still
 * settling, the next one is queued to run after it. */
static void
session_run_step(struct session *s)
{
	if (s->running) {
		if (session_upcoming(s) < s->lesson->nsteps)
			s->queued++;
		return;
	}
	if (s->model.next_step >= s->lesson->nsteps) {
		session_message(s, uitext(UI_MSG_DONE_ALREADY, s->model.lang));
		return;
	}
	s->running = 1;
	s->step_running = 1;
	s->model.selected_seq = VIEW_NO_EVENT;
	runner_run_step(s->runner, s->model.next_step);
}

/* A free-play action on the selected endpoint. */
static void
session_act(struct session *s, enum action_kind kind, int how)
{
	struct action	acts[RUNNER_FREE_ACTIONS];
	const char	*ep = s->lesson->endpoints[s->model.selected_ep].name;
	char		 buf[128], label[160];
	size_t		 n = 1;

	if (s->running) {
		session_message(s, uitext(UI_MSG_WAIT, s->model.lang));
		return;
	}
	if (!runner_alive(s->runner, s->model.selected_ep)) {
		session_message(s, uitextf(buf, sizeof buf, UI_MSG_DEAD,
		    s->model.lang, ep));
		return;
	}
	memset(acts, 0, sizeof acts);
	acts[0].kind = kind;
	acts[0].endpoint = s->model.selected_ep;
	acts[0].target = TARGET_CONN;
	switch (kind) {
	case ACT_SHUTDOWN:
		acts[0].how = how;
		snprintf(label, sizeof label, "%s shutdown(%s)", ep,
		    how == SHUT_RD ? "SHUT_RD" : how == SHUT_WR ? "SHUT_WR" :
		    "SHUT_RDWR");
		break;
	case ACT_LINGER:
		acts[0].linger_on = 1;
		acts[1] = acts[0];
		acts[1].kind = ACT_CLOSE;
		n = 2;
		snprintf(label, sizeof label, "%s SO_LINGER {1, 0}, close()",
		    ep);
		break;
	case ACT_SEND:
		acts[0].bytes = SESSION_SEND_BYTES;
		snprintf(label, sizeof label, "%s send(%d bytes)", ep,
		    SESSION_SEND_BYTES);
		break;
	default:
		snprintf(label, sizeof label, "%s %s", ep, kind == ACT_CLOSE ?
		    "close()" : kind == ACT_KILL ? "kill(SIGKILL)" : "recv()");
		break;
	}
	s->running = 1;
	s->model.selected_seq = VIEW_NO_EVENT;
	runner_act(s->runner, acts, n, label);
}

/* Tab: the next endpoint that has been started. */
static void
session_next_endpoint(struct session *s)
{
	size_t	i, n = s->lesson->nendpoints, ep;

	for (i = 1; i <= n; i++) {
		ep = ((size_t)s->model.selected_ep + i) % n;
		if (runner_pid(s->runner, (int)ep) > 0 ||
		    s->scene.eps[ep].started) {
			s->model.selected_ep = (int)ep;
			return;
		}
	}
}

/* Up and Down: select the previous or next arrow shown. */
static void
session_select(struct session *s, int dir)
{
	const struct timeline	*tl = runner_timeline(s->runner);
	const struct event	*ev;
	size_t			 upto = s->scene.upto, at;
	long			 i;

	at = s->model.selected_seq == VIEW_NO_EVENT ? TIMELINE_NONE :
	    timeline_find(tl, s->model.selected_seq);
	if (at == TIMELINE_NONE || at >= upto)
		i = dir < 0 ? (long)upto : -1;
	else
		i = (long)at;
	for (i += dir; i >= 0 && (size_t)i < upto; i += dir) {
		ev = timeline_get(tl, (size_t)i);
		if (ev->kind == EV_SEG) {
			s->model.selected_seq = ev->seq;
			return;
		}
	}
	if (dir > 0)
		s->model.selected_seq = VIEW_NO_EVENT;
}

/* Left and Right: move between the ends of earlier steps. */
static void
session_look(struct session *s, int dir)
{
	const struct timeline	*tl = runner_timeline(s->runner);
	size_t			 i;
	int			 steps = 0;

	for (i = 0; i < session_shown(s); i++) {
		if (timeline_get(tl, i)->kind == EV_STEP)
			steps++;
	}
	if (dir < 0 && s->back < 0)
		s->back = steps - 2;
	else if (dir < 0 && s->back > 0)
		s->back--;
	else if (dir > 0 && s->back >= 0 && ++s->back > steps - 2)
		s->back = -1;
	if (s->back < -1)
		s->back = -1;
	s->model.selected_seq = VIEW_NO_EVENT;
	session_rebuild(s);
}

/* Keys while an overlay covers the view. */
static enum session_result
session_overlay_key(struct session *s, int ch)
{
	int	page = s->rows > 4 ? s->rows - 4 : 1;

	if (ch == KEYS_ESC || ch == 'e' || ch == 'D' || ch == '?')
		s->model.overlay = OVERLAY_NONE;
	else if (ch == 'q')
		return (SESSION_MENU);
	else if (ch == KEYS_UP)
		s->model.log_scroll++;
	else if (ch == KEYS_DOWN && s->model.log_scroll > 0)
		s->model.log_scroll--;
	else if (ch == KEYS_PAGE_UP)
		s->model.log_scroll += page;
	else if (ch == KEYS_PAGE_DOWN)
		s->model.log_scroll = s->model.log_scroll > page ?
		    s->model.log_scroll - page : 0;
	else
		return (SESSION_IGNORED);
	return (SESSION_HANDLED);
}

/* The free-play keys; SESSION_IGNORED if ch is not one. */
static enum session_result
session_free_key(struct session *s, int ch)
{
	if (s->model.shutdown_how) {
		s->model.shutdown_how = 0;
		if (ch == 'r' || ch == 'w' || ch == 'b')
			session_act(s, ACT_SHUTDOWN, ch == 'r' ? SHUT_RD :
			    ch == 'w' ? SHUT_WR : SHUT_RDWR);
		return (SESSION_HANDLED);
	}
	switch (ch) {
	case KEYS_TAB:
		session_next_endpoint(s);
		break;
	case 'c':
		session_act(s, ACT_CLOSE, 0);
		break;
	case 's':
		s->model.shutdown_how = 1;
		break;
	case 'l':
		session_act(s, ACT_LINGER, 0);
		break;
	case 'k':
		session_act(s, ACT_KILL, 0);
		break;
	case 'd':
		session_act(s, ACT_SEND, 0);
		break;
	case 'r':
		session_act(s, ACT_RECV, 0);
		break;
	default:
		return (SESSION_IGNORED);
	}
	return (SESSION_HANDLED);
}

/* A digit: the learner's guess for the next step's question. */
static void
session_guess(struct session *s, int digit)
{
	const struct prediction	*q;

	if (s->running || s->model.next_step >= s->lesson->nsteps)
		return;
	q = s->lesson->steps[s->model.next_step].ask;
	if (q != NULL && digit >= 1 && (size_t)digit <= q->nchoices)
		s->guesses[s->model.next_step] = q->choices[digit - 1].key;
}

/* The step the next step key runs: the one after the step under way and
 * those queued behind it. */
static size_t
session_upcoming(struct session *s)
{
	return (s->model.next_step + (size_t)(s->running && s->step_running) +
	    s->queued);
}

/* The wire's keys: w steps it or lets it run; while it holds segments in
 * step-by-step mode, Space delivers the oldest and x drops it. */
static enum session_result
session_wire_key(struct session *s, int ch)
{
	char	buf[256], *cause;
	int	on = !runner_wire_is_stepping(s->runner);

	if (ch == 'w') {
		if (runner_wire_stepping(s->runner, on, &cause) == -1) {
			session_message(s, uitextf(buf, sizeof buf,
			    UI_MSG_NO_WIRE, s->model.lang, cause));
			free(cause);
		} else
			session_message(s, uitext(on ? UI_MSG_STEPPING_ON :
			    UI_MSG_STEPPING_OFF, s->model.lang));
		return (SESSION_HANDLED);
	}
	if ((ch != ' ' && ch != 'x') || !runner_wire_is_stepping(s->runner) ||
	    runner_wire_held(s->runner) == 0)
		return (SESSION_IGNORED);
	runner_wire_next(s->runner, ch == ' ');
	return (SESSION_HANDLED);
}

/* A key that does nothing now: say which keys do. */
static void
session_hint(struct session *s)
{
	char	buf[128];

	if (s->back >= 0)
		session_message(s, uitext(UI_MSG_LOOKING_BACK, s->model.lang));
	else if (s->model.next_step < s->lesson->nsteps)
		session_message(s, uitextf(buf, sizeof buf, UI_MSG_KEY,
		    s->model.lang, s->lesson->steps[s->model.next_step].key));
}

/* Keys that move through the lesson. */
static enum session_result
session_lesson_key(struct session *s, int ch)
{

	if (s->back < 0 && !s->model.shutdown_how &&
	    session_wire_key(s, ch) == SESSION_HANDLED)
		return (SESSION_HANDLED);
	if (ch == KEYS_RIGHT || ch == ' ') {
		if (s->back >= 0)
			session_look(s, 1);
		else if (!viewmodel_free_play(&s->model))
			session_run_step(s);
	} else if (ch == KEYS_LEFT)
		session_look(s, -1);
	else if (ch == KEYS_UP)
		session_select(s, -1);
	else if (ch == KEYS_DOWN)
		session_select(s, 1);
	else if (ch == KEYS_ESC) {
		s->model.selected_seq = VIEW_NO_EVENT;
		s->model.shutdown_how = 0;
		if (s->back >= 0) {
			s->back = -1;
			session_rebuild(s);
		}
	} else if (ch >= '1' && ch <= '9')
		session_guess(s, ch - '0');
	else if (viewmodel_free_play(&s->model) && s->back < 0)
		return (session_free_key(s, ch));
	else if (s->back < 0 && session_upcoming(s) < s->lesson->nsteps &&
	    ch == s->lesson->steps[session_upcoming(s)].key)
		session_run_step(s);
	else if (ch > ' ' && ch < 127) {
		session_hint(s);
		return (SESSION_HANDLED);
	} else
		return (SESSION_IGNORED);
	return (SESSION_HANDLED);
}

/* Handle a key. */
enum session_result
session_key(struct session *s, int ch)
{
	enum session_result	r;

	s->message[0] = '\0';
	if (s->model.overlay != OVERLAY_NONE)
		r = session_overlay_key(s, ch);
	else if (ch == 'q')
		return (SESSION_MENU);
	else if ((ch == 'e' || ch == 'D' || ch == '?')) {
		s->model.overlay = ch == 'e' ? OVERLAY_LOG : ch == 'D' ?
		    OVERLAY_DIAGRAM : OVERLAY_HELP;
		s->model.log_scroll = 0;
		r = SESSION_HANDLED;
	} else if ((ch == '+' || ch == '=')) {
		if (s->speed_index + 1 < SESSION_NSPEEDS)
			s->speed_index++;
		r = SESSION_HANDLED;
	} else if (ch == '-') {
		if (s->speed_index > 0)
			s->speed_index--;
		r = SESSION_HANDLED;
	} else if (ch == 'p') {
		s->model.paused = !s->model.paused;
		s->last_frame_ms = loop_now_ms();
		r = SESSION_HANDLED;
	} else if (ch == 'R') {
		session_stop(s);
		session_start(s);
		r = SESSION_HANDLED;
	} else if (s->runner == NULL)
		r = SESSION_IGNORED;
	else
		r = session_lesson_key(s, ch);
	if (r == SESSION_HANDLED)
		session_dirty(s);
	return (r);
}

/* Arm the countdown's tick for when the shown time left changes: a whole
 * second, or a tenth below 10 s. */
static void
session_arm_tick(struct session *s, uint64_t now_ns)
{
	const struct scene_sock	*sock;
	size_t			 ep;
	double			 left, next = -1, frac;
	uint64_t		 unit;

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

/* Fill the model and draw the lesson view. */
void
session_draw(struct session *s, int rows, int cols)
{
	const struct timeline	*tl;
	size_t			 ep, upto;

	/* Without a lab (it could not be built) the view shows an empty one;
	 * with one, a scene built past an event inserted late is rebuilt,
	 * once a drawing however many came. */
	tl = s->runner != NULL ? runner_timeline(s->runner) : s->no_lab;
	if (s->runner == NULL && s->scene.eps == NULL)
		scene_build(&s->scene, s->lesson, tl, 0);
	session_rebuild(s);
	s->model.tl = tl;
	s->model.scene = &s->scene;
	/* A step's outcome waits until its events have all been shown: the
	 * checks it counts are the revealed ones. */
	s->model.running = s->running || (s->back < 0 &&
	    session_shown(s) < timeline_count(tl));
	s->model.looking_back = s->back >= 0;
	s->model.back_step = -1;
	s->model.speed = session_speeds[s->speed_index];
	s->model.message = s->message[0] != '\0' ? s->message : NULL;
	s->model.lab_error = s->lab_error;
	s->model.wire_stepping = s->runner != NULL &&
	    runner_wire_is_stepping(s->runner);
	s->model.wire_held = s->runner != NULL ? runner_wire_held(s->runner) :
	    0;
	if (s->back >= 0 && s->runner != NULL)
		s->model.back_step = timeline_get(tl, timeline_step_start(tl,
		    s->back))->step;
	for (ep = 0; ep < s->lesson->nendpoints; ep++)
		s->model.pids[ep] = s->runner != NULL ?
		    runner_pid(s->runner, (int)ep) : 0;
	upto = s->scene.upto;
	if (s->back >= 0 && upto > 0)
		s->model.now_ns = timeline_get(tl, upto - 1)->t_ns;
	else
		s->model.now_ns = s->runner != NULL ?
		    runner_now_ns(s->runner) : 0;
	if (s->back >= 0)
		s->model.anim_seq = VIEW_NO_EVENT;
	s->rows = rows;
	view_draw(&s->model, rows, cols);
	session_arm_tick(s, s->model.now_ns);
}
