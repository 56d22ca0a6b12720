/*
 * session_keys.c: what each key does in a lesson: run the next step,
 * look back over earlier ones, select an arrow, answer a question, step
 * the wire, act on an endpoint in free play, open an overlay. A key
 * changes the session and says what should happen next; it never draws.
 */
#include <sys/socket.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keys.h"
#include "tui/session_parts.h"
#include "tui/uitext.h"

#define SESSION_SEND_BYTES	100
#define SESSION_SEND_WHAT	"send(100 bytes)"

/* The step the next step key runs: the one after the step under way and
 * those queued behind it. */
size_t
session_upcoming(struct session *s)
{
	return (s->model.next_step + (size_t)(s->running && s->step_running) +
	    s->queued);
}

/* Run the next step now; once it runs, keys no longer stop at it. */
void
session_run_step(struct session *s)
{
	s->running = 1;
	s->step_running = 1;
	s->model.selected_seq = VIEW_NO_EVENT;
	if (s->stopped_at == s->model.next_step)
		s->stopped_at = SIZE_MAX;
	s->lab->run_step(s->runner, s->model.next_step);
}

/* The step's key, Space or Right: run the next step. A key typed ahead
 * (while a step settles, or is still being shown) queues its step, unless
 * that step asks a question: the queue ends there, and the learner sees
 * the question before anything runs it. */
static void
session_step_key(struct session *s)
{
	size_t	next = session_upcoming(s);

	if (next >= s->lesson->nsteps)
		return;
	if (session_busy(s) && s->lesson->steps[next].ask != NULL)
		s->stopped_at = next;
	else if (s->running)
		s->queued++;
	else
		session_run_step(s);
}

/* Space once every step has run and been shown: the next lesson in
 * curriculum order, or a word that this was the last. Typed ahead, while
 * the last step is still under way, it does nothing. */
static enum session_result
session_next_key(struct session *s)
{
	if (session_busy(s))
		return (SESSION_HANDLED);
	if (s->model.next_lesson == NULL) {
		session_message(s, uitext(UI_MSG_LAST_LESSON, s->model.lang));
		return (SESSION_HANDLED);
	}
	return (SESSION_NEXT);
}

/* A free-play action: its key, what it does and how it is named. */
struct session_free {
	int			 key;
	enum action_kind	 kind;
	int			 how;		/* shutdown */
	const char		*what;
};

/* The free-play keys, and the shutdown keys that follow 's'. */
static const struct session_free session_frees[] = {
	{ 'c', ACT_CLOSE, 0, "close()" },
	{ 'l', ACT_LINGER, 0, "SO_LINGER {1, 0}, close()" },
	{ 'k', ACT_KILL, 0, "kill(SIGKILL)" },
	{ 'd', ACT_SEND, 0, SESSION_SEND_WHAT },
	{ 'r', ACT_RECV, 0, "recv()" }
};
static const struct session_free session_shutdowns[] = {
	{ 'r', ACT_SHUTDOWN, SHUT_RD, "shutdown(SHUT_RD)" },
	{ 'w', ACT_SHUTDOWN, SHUT_WR, "shutdown(SHUT_WR)" },
	{ 'b', ACT_SHUTDOWN, SHUT_RDWR, "shutdown(SHUT_RDWR)" }
};

/* The entry of a table of n for key, or NULL. */
static const struct session_free *
session_free_find(const struct session_free *t, size_t n, int key)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (t[i].key == key)
			return (&t[i]);
	}
	return (NULL);
}

/* A free-play action on endpoint epi. SO_LINGER {1, 0} is followed by
 * the close() that makes it an abort. A key typed while the kernel still
 * settles the last action (or the setup) waits for it, one at a time. */
static void
session_act(struct session *s, const struct session_free *f, int epi)
{
	struct action	acts[RUNNER_FREE_ACTIONS];
	const char	*ep = s->lesson->endpoints[epi].name;
	char		 buf[128], label[160];
	size_t		 n = 1;

	if (s->running && s->pending == NULL) {
		s->pending = f;
		s->pending_ep = epi;
		snprintf(label, sizeof label, "%s %s", ep, f->what);
		session_message(s, uitextf(buf, sizeof buf, UI_MSG_QUEUED,
		    s->model.lang, label));
		return;
	}
	if (s->running) {
		session_message(s, uitext(UI_MSG_WAIT, s->model.lang));
		return;
	}
	if (!s->lab->alive(s->runner, epi)) {
		session_message(s, uitextf(buf, sizeof buf, UI_MSG_DEAD,
		    s->model.lang, ep));
		return;
	}
	memset(acts, 0, sizeof acts);
	acts[0].kind = f->kind;
	acts[0].endpoint = epi;
	acts[0].target = TARGET_CONN;
	acts[0].how = f->how;
	if (f->kind == ACT_SEND)
		acts[0].bytes = SESSION_SEND_BYTES;
	if (f->kind == ACT_LINGER) {
		acts[0].linger_on = 1;
		acts[1] = acts[0];
		acts[1].kind = ACT_CLOSE;
		n = 2;
	}
	snprintf(label, sizeof label, "%s %s", ep, f->what);
	s->running = 1;
	s->model.selected_seq = VIEW_NO_EVENT;
	s->lab->act(s->runner, acts, n, label);
}

/* Run the free-play key typed while the kernel was settling, if any. */
void
session_act_pending(struct session *s)
{
	const struct session_free	*f = s->pending;

	s->pending = NULL;
	if (f != NULL)
		session_act(s, f, s->pending_ep);
}

/* Tab: the next endpoint that has been started. */
static void
session_next_endpoint(struct session *s)
{
	size_t	i, n = s->lesson->nendpoints, ep;

	session_rebuild(s);
	for (i = 1; i <= n; i++) {
		ep = ((size_t)s->model.selected_ep + i) % n;
		if (s->lab->pid(s->runner, (int)ep) > 0 ||
		    s->scene.eps[ep].started) {
			s->model.selected_ep = (int)ep;
			return;
		}
	}
}

/* Up and Down: select the previous or next arrow shown, a row the wire
 * holds or dropped included. */
static void
session_select(struct session *s, int dir)
{
	const struct timeline	*tl = s->lab->timeline(s->runner);
	size_t			 n;
	long			 i;

	session_rebuild(s);
	n = s->scene.narrows;
	if ((i = scene_arrow_find(&s->scene, tl, s->model.selected_seq)) ==
	    -1)
		i = dir < 0 ? (long)n : -1;
	i += dir;
	if (i >= 0 && (size_t)i < n)
		s->model.selected_seq = timeline_get(tl,
		    s->scene.arrows[i].ev)->seq;
	else if (dir > 0)
		s->model.selected_seq = VIEW_NO_EVENT;
}

/* Left and Right: move between the ends of earlier steps. */
static void
session_look(struct session *s, int dir)
{
	const struct timeline	*tl = s->lab->timeline(s->runner);
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
	const struct session_free	*f;

	if (s->model.shutdown_how) {
		s->model.shutdown_how = 0;
		if ((f = session_free_find(session_shutdowns,
		    sizeof session_shutdowns / sizeof session_shutdowns[0],
		    ch)) != NULL)
			session_act(s, f, s->model.selected_ep);
		return (SESSION_HANDLED);
	}
	if (ch == KEYS_TAB)
		session_next_endpoint(s);
	else if (ch == 's')
		s->model.shutdown_how = 1;
	else if ((f = session_free_find(session_frees,
	    sizeof session_frees / sizeof session_frees[0], ch)) != NULL)
		session_act(s, f, s->model.selected_ep);
	else
		return (SESSION_IGNORED);
	return (SESSION_HANDLED);
}

/* A digit: the learner's guess for the next step's question, taken only
 * once the step before has been shown: a digit typed ahead answers
 * nothing. */
static void
session_guess(struct session *s, int digit)
{
	const struct prediction	*q;

	if (s->model.next_step >= s->lesson->nsteps)
		return;
	if (session_busy(s)) {
		session_message(s, uitext(UI_MSG_TOO_EARLY, s->model.lang));
		return;
	}
	q = s->lesson->steps[s->model.next_step].ask;
	if (q != NULL && digit >= 1 && (size_t)digit <= q->nchoices)
		s->guesses[s->model.next_step] = q->choices[digit - 1].key;
}

/* The wire's keys: w steps it or lets it run; while it holds segments in
 * step-by-step mode, Space delivers the oldest and x drops it. */
static enum session_result
session_wire_key(struct session *s, int ch)
{
	char	buf[256], *cause;
	int	on = !s->lab->wire_is_stepping(s->runner);

	if (ch == 'w') {
		if (s->lab->wire_stepping(s->runner, on, &cause) == -1) {
			session_message(s, uitextf(buf, sizeof buf,
			    UI_MSG_NO_WIRE, s->model.lang, cause));
			free(cause);
		} else
			session_message(s, uitext(on ? UI_MSG_STEPPING_ON :
			    UI_MSG_STEPPING_OFF, s->model.lang));
		return (SESSION_HANDLED);
	}
	if ((ch != ' ' && ch != 'x') || !s->lab->wire_is_stepping(s->runner) ||
	    s->lab->wire_held(s->runner) == 0)
		return (SESSION_IGNORED);
	s->lab->wire_next(s->runner, ch == ' ');
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

/* Keys that move through the lesson: the wire's first, so that Space
 * delivers a held segment before it runs a step or opens a lesson. */
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
			session_step_key(s);
		else if (ch == ' ' && !s->lesson->sandbox)
			return (session_next_key(s));
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
		session_step_key(s);
	else if (ch > ' ' && ch < 127) {
		session_hint(s);
		return (SESSION_HANDLED);
	} else
		return (SESSION_IGNORED);
	return (SESSION_HANDLED);
}

/* Scroll the narration: PgUp and PgDn a page (less a line, to keep the
 * place), Home and End to its ends, within what the last drawing had to
 * show. */
static void
session_scroll(struct session *s, int key)
{
	int	page = s->narration_fit.page > 2 ? s->narration_fit.page - 1 : 1;
	int	*at = &s->model.narration_scroll;

	if (key == KEYS_HOME || key == KEYS_END)
		page = s->narration_fit.max_scroll;
	*at += key == KEYS_PAGE_UP || key == KEYS_HOME ? -page : page;
	if (*at > s->narration_fit.max_scroll)
		*at = s->narration_fit.max_scroll;
	if (*at < 0)
		*at = 0;
}

/* Handle a key: say what should happen next. R asks first; y then
 * restarts, and any other key keeps the lesson as it is. */
enum session_result
session_key(struct session *s, int ch)
{
	s->message[0] = '\0';
	if (s->model.confirm_restart) {
		s->model.confirm_restart = 0;
		if (ch == 'y' || ch == 'Y') {
			session_stop(s);
			session_start(s);
		}
		return (SESSION_HANDLED);
	}
	if (s->model.overlay != OVERLAY_NONE)
		return (session_overlay_key(s, ch));
	if (ch == 'q')
		return (SESSION_MENU);
	if (ch == 'e' || ch == 'D' || ch == '?') {
		s->model.overlay = ch == 'e' ? OVERLAY_LOG : ch == 'D' ?
		    OVERLAY_DIAGRAM : OVERLAY_HELP;
		s->model.log_scroll = 0;
	} else if (ch == '+' || ch == '=' || ch == '-')
		session_change_speed(s, ch == '-' ? -1 : 1);
	else if (ch == 'p')
		session_pause(s);
	else if (ch == 'T')
		s->model.lane_times = !s->model.lane_times;
	else if (ch == 'R')
		s->model.confirm_restart = 1;
	else if (ch == 'P')
		s->model.presenter = !s->model.presenter;
	else if (ch == 'S')
		session_save(s);
	else if (ch == KEYS_PAGE_UP || ch == KEYS_PAGE_DOWN ||
	    ch == KEYS_HOME || ch == KEYS_END)
		session_scroll(s, ch);
	else if (s->runner == NULL)
		return (SESSION_IGNORED);
	else
		return (session_lesson_key(s, ch));
	return (SESSION_HANDLED);
}
