/*
 * view.c: the lesson view's layout and its frame: the title bar, the
 * narration under the panes and the key bar. The panes, the lane and the
 * overlays draw themselves in the rectangles given here. Everything is
 * read from the model and the timeline; nothing here changes either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/textw.h"
#include "base/xmalloc.h"
#include "tui/draw.h"
#include "tui/lane.h"
#include "tui/overlay.h"
#include "tui/pane.h"
#include "tui/uitext.h"
#include "tui/view.h"

#define VIEW_MAX_PARAS	24
#define VIEW_MAX_KEYS	24	/* the most a key bar can list */

/* Which paragraphs give up their rows when the narration does not fit:
 * an earlier step's outcome gives way to the question of the next, and
 * the narration too, where the choices would not fit; at the end, what
 * matters least gives way to whether the lesson is complete. */
enum view_give_way {
	VIEW_KEEPS,		/* keeps its rows: cut only at the bottom */
	VIEW_GIVES_FIRST,	/* the free-play hint */
	VIEW_GIVES_AFTER,	/* an earlier step's after text */
	VIEW_GIVES_CHECKS,	/* the checks it lists, failed or not reached */
	VIEW_GIVES_SAY		/* the next step's narration, to its choices */
};

/* The order in which they give way, each down to a floor of rows: every
 * outcome down to one row, then to none, and only then the narration of
 * the step to come, down to one row. */
static const struct {
	enum view_give_way	 turn;
	int			 floor;
} view_give_order[] = {
	{ VIEW_GIVES_FIRST, 1 }, { VIEW_GIVES_AFTER, 1 },
	{ VIEW_GIVES_CHECKS, 1 }, { VIEW_GIVES_FIRST, 0 },
	{ VIEW_GIVES_AFTER, 0 }, { VIEW_GIVES_CHECKS, 0 },
	{ VIEW_GIVES_SAY, 1 }
};
#define VIEW_NGIVE_ORDER \
	(int)(sizeof view_give_order / sizeof view_give_order[0])

/* A paragraph of the narration: text, its look, at most rows rows, and
 * when it gives them up. */
struct view_para {
	char			*text;
	int			 attr;
	int			 rows;
	enum view_give_way	 give_way;
};

struct view_paras {
	struct view_para	p[VIEW_MAX_PARAS];
	int			n;
};

/* Rows of the narration block (its heading, status and key bar included). */
static int
view_bottom_rows(int rows)
{
	if (rows >= 40)
		return (14);
	if (rows >= 30)
		return (11);
	return (10);
}

/* The width of each pane. */
static int
view_pane_cols(int cols)
{
	int	w = cols * 27 / 100;

	return (w < 24 ? 24 : w);
}

/* Let narration flow: a line break inside a paragraph of the lesson file
 * becomes a blank after Latin text and disappears between Chinese
 * characters, so the text wraps to the width of the screen. */
static void
view_flow(char *text)
{
	char	*p, *q;

	for (p = q = text; *p != '\0'; p++) {
		if (*p != '\n')
			*q++ = *p;
		else if (q > text && (unsigned char)q[-1] < 0x80)
			*q++ = ' ';
	}
	*q = '\0';
}

/* Add a paragraph (taking text). */
static void
view_add(struct view_paras *ps, char *text, int attr, int rows)
{
	view_flow(text);
	if (ps->n == VIEW_MAX_PARAS) {
		free(text);
		return;
	}
	ps->p[ps->n].text = text;
	ps->p[ps->n].attr = attr;
	ps->p[ps->n].rows = rows;
	ps->n++;
}

/* Add a paragraph (taking text) that gives up its rows in its turn. */
static void
view_add_giving(struct view_paras *ps, char *text, int attr, int rows,
    enum view_give_way give_way)
{
	int	n = ps->n;

	view_add(ps, text, attr, rows);
	if (ps->n > n)
		ps->p[n].give_way = give_way;
}

/* The step's title in lang, or its name for people ("server reads eof"). */
static char *
view_step_title(const struct step *st, enum lang lang)
{
	char	*s, *p;

	if (st->title.s[lang] != NULL)
		return (xstrdup(st->title.s[lang]));
	s = xstrdup(st->name);

	for (p = s; *p != '\0'; p++) {
		if (*p == '-')
			*p = ' ';
	}
	return (s);
}

/* The checks of step k with a verdict, failed or not reached, under a
 * heading saying which: a failure quotes expected and observed. */
static void
view_add_checks(const struct view_model *m, struct view_paras *ps, int k,
    enum check_verdict verdict)
{
	const struct glyphs	*g = theme_glyphs();
	const struct event	*ev;
	size_t			 i;
	int			 failed = verdict == VERDICT_FAILED, attr;

	attr = theme_attr(failed ? ROLE_FAIL : ROLE_NOTE);
	view_add_giving(ps, xstrdup(uitext(failed ? UI_UNEXPECTED :
	    UI_NOT_REACHED, m->lang)), attr, 2, VIEW_GIVES_CHECKS);
	for (i = 0; i < m->scene->upto; i++) {
		ev = timeline_get(m->tl, i);
		if (ev->kind == EV_CHECK && ev->step == k &&
		    ev->u.check.verdict == verdict)
			view_add_giving(ps, xasprintf("%s %s", failed ?
			    g->cross : g->h, ev->text), attr, 2,
			    VIEW_GIVES_CHECKS);
	}
}

/* Whether Space delivers a held segment now (and so runs nothing else). */
static int
view_space_delivers(const struct view_model *m)
{
	return (m->wire_stepping && m->wire_held > 0);
}

/* How to go on at step k's question: guess, or run it without guessing
 * (with Space, or the step's key while Space delivers a held segment);
 * said louder when keys typed ahead stopped there. */
static void
view_add_guess_prompt(const struct view_model *m, struct view_paras *ps,
    size_t k)
{
	const struct step	*st = &m->lesson->steps[k];
	char			 key[8], buf[256];

	if (view_space_delivers(m))
		snprintf(key, sizeof key, "%c", st->key);
	else
		snprintf(key, sizeof key, "%s", uitext(UI_KEY_SPACE, m->lang));
	uitextf(buf, sizeof buf, m->stopped_at_question ?
	    UI_STOPPED_AT_QUESTION : UI_GUESS_PROMPT, m->lang,
	    st->ask->nchoices, key);
	view_add(ps, xstrdup(buf), theme_attr(m->stopped_at_question ?
	    ROLE_NOTE : ROLE_DIM), 2);
}

/* The question of a step with its choices; after the step has run, the
 * kernel's answer is marked, and the learner's guess either way. */
static void
view_add_question(const struct view_model *m, struct view_paras *ps,
    size_t k, int ran)
{
	const struct prediction	*q = m->lesson->steps[k].ask;
	const struct glyphs	*g = theme_glyphs();
	struct timeline_tally	 res = timeline_tally(m->tl, m->scene->upto,
	    (int)k);
	char			 guess = m->guesses != NULL ? m->guesses[k] : 0;
	size_t			 i;
	int			 attr;

	if (q == NULL)
		return;
	view_add(ps, xstrdup(lesson_text(&q->question, m->lang)),
	    theme_attr(ROLE_HEADING), 2);
	for (i = 0; i < q->nchoices; i++) {
		attr = theme_attr(ROLE_NORMAL);
		if (ran && res.answer == q->choices[i].key)
			attr = theme_attr(ROLE_OK);
		else if (ran)
			attr = theme_attr(ROLE_DIM);
		view_add(ps, xasprintf("%s %zu) %s%s%s",
		    ran && res.answer == q->choices[i].key ? g->check :
		    guess == q->choices[i].key ? g->pointer : " ", i + 1,
		    lesson_text(&q->choices[i].text, m->lang),
		    guess == q->choices[i].key ? "  " : "",
		    guess == q->choices[i].key ? uitext(UI_YOUR_GUESS,
		    m->lang) : ""), attr, 2);
	}
	if (!ran && guess == 0 && !m->running)
		view_add_guess_prompt(m, ps, k);
}

/* The kernel's answer (a choice key) to step k's question, and the
 * learner's guess judged by it on the same line: ✓ right, ✗ wrong. */
static void
view_add_answer(const struct view_model *m, struct view_paras *ps,
    size_t k, char answer)
{
	const struct prediction	*q = m->lesson->steps[k].ask;
	const struct glyphs	*g = theme_glyphs();
	const char		*text = NULL;
	char			 guess = m->guesses != NULL ? m->guesses[k] : 0;
	char			 buf[512];
	int			 right = 0, mine = 0;
	size_t			 i;

	for (i = 0; i < q->nchoices; i++) {
		if (q->choices[i].key == answer) {
			right = (int)('1' + i);
			text = lesson_text(&q->choices[i].text, m->lang);
		}
		if (q->choices[i].key == guess)
			mine = (int)('1' + i);
	}
	if (text == NULL)
		return;
	if (mine == 0)
		view_add(ps, xstrdup(uitextf(buf, sizeof buf, UI_ANSWER_IS,
		    m->lang, right, text)), theme_attr(ROLE_NORMAL), 2);
	else if (mine == right)
		view_add(ps, xasprintf("%s %s", g->check, uitextf(buf,
		    sizeof buf, UI_GUESS_RIGHT, m->lang, mine, text)),
		    theme_attr(ROLE_OK), 2);
	else
		view_add(ps, xasprintf("%s %s", g->cross, uitextf(buf,
		    sizeof buf, UI_GUESS_WRONG, m->lang, mine, right, text)),
		    theme_attr(ROLE_FAIL), 2);
}

/* What step k taught, once it has run: its after text, marked with what
 * its checks found (✓ every one held, ✗ one failed, a dash: one was not
 * reached); the answer to its question and the guess on a line of their
 * own; and the checks that failed or were not reached. */
static void
view_add_outcome(const struct view_model *m, struct view_paras *ps,
    size_t k, int rows)
{
	const struct step	*st = &m->lesson->steps[k];
	const struct glyphs	*g = theme_glyphs();
	struct timeline_tally	 res = timeline_tally(m->tl, m->scene->upto,
	    (int)k);
	const char		*mark = g->check;
	int			 attr = theme_attr(ROLE_OK);

	if (res.failures > 0) {
		mark = g->cross;
		attr = theme_attr(ROLE_FAIL);
	} else if (res.not_reached > 0) {
		mark = g->h;
		attr = theme_attr(ROLE_NOTE);
	}
	view_add_giving(ps, xasprintf("%s %s", mark,
	    lesson_text(&st->after, m->lang)), attr, rows, VIEW_GIVES_AFTER);
	if (st->ask != NULL && res.answer != 0)
		view_add_answer(m, ps, k, res.answer);
	if (res.failures > 0)
		view_add_checks(m, ps, (int)k, VERDICT_FAILED);
	if (res.not_reached > 0)
		view_add_checks(m, ps, (int)k, VERDICT_NOT_REACHED);
}

/* The end of the lesson: whether it is complete (no check failed, none
 * was left unreached), the guesses right out of those asked, and what
 * next: the next lesson (Space, unless it delivers a held segment now),
 * this lesson again, the menu. */
static void
view_add_end(const struct view_model *m, struct view_paras *ps)
{
	const struct progress_score	*sc = &m->score;
	char				 verdict[256], failed[64], unreached[64];
	char				 guesses[128], next[256];
	int				 complete;

	complete = sc->failed == 0 && sc->not_reached == 0;
	uitextf(verdict, sizeof verdict, complete ? UI_END_COMPLETE :
	    UI_END_INCOMPLETE, m->lang, sc->held);
	failed[0] = unreached[0] = guesses[0] = next[0] = '\0';
	if (sc->failed > 0)
		uitextf(failed, sizeof failed, UI_END_FAILED, m->lang,
		    sc->failed);
	if (sc->not_reached > 0)
		uitextf(unreached, sizeof unreached, UI_END_NOT_REACHED,
		    m->lang, sc->not_reached);
	if (sc->asked > 0)
		uitextf(guesses, sizeof guesses, UI_END_GUESSES, m->lang,
		    sc->right, sc->asked);
	view_add(ps, xasprintf("%s%s%s%s%s", verdict, failed, unreached,
	    guesses, uitext(UI_END_STOP, m->lang)), theme_attr(complete ?
	    ROLE_OK : ROLE_FAIL) | draw_bold, 2);
	if (m->next_lesson != NULL && !view_space_delivers(m))
		uitextf(next, sizeof next, UI_END_NEXT, m->lang,
		    lesson_text(&m->next_lesson->title, m->lang));
	view_add(ps, xasprintf("%s%s", next, uitext(UI_END_OFFER, m->lang)),
	    theme_attr(ROLE_NOTE), 2);
}

/* The narration of a lesson under way: the kernel at work, or what the
 * step before taught; then the next step's narration and question. */
static void
view_lesson_paras(const struct view_model *m, struct view_paras *ps)
{
	const struct lesson	*l = m->lesson;
	size_t			 k = viewmodel_told_step(m);

	if (m->running)
		view_add(ps, xstrdup(uitext(UI_WORKING, m->lang)),
		    theme_attr(ROLE_NOTE), 1);
	else if (m->next_step > 0)
		view_add_outcome(m, ps, m->next_step - 1,
		    k < l->nsteps ? 3 : 4);
	if (k < l->nsteps) {
		view_add_giving(ps, xstrdup(lesson_text(&l->steps[k].say,
		    m->lang)), theme_attr(ROLE_NORMAL), 6, VIEW_GIVES_SAY);
		view_add_question(m, ps, k, 0);
	}
}

/* Build the narration for the model's situation. */
static void
view_paras(const struct view_model *m, struct view_paras *ps)
{
	const struct lesson	*l = m->lesson;
	char			 buf[512], *what;

	if (m->lab_error != NULL) {
		view_add(ps, xstrdup(uitext(UI_LAB_FAILED, m->lang)),
		    theme_attr(ROLE_FAIL), 1);
		view_add(ps, xstrdup(m->lab_error), theme_attr(ROLE_FAIL), 6);
		return;
	}
	if (m->looking_back) {
		what = m->back_step >= 0 ? view_step_title(
		    &l->steps[m->back_step], m->lang) :
		    xstrdup(uitext(UI_SETUP_DONE, m->lang));
		view_add(ps, xstrdup(uitextf(buf, sizeof buf, UI_LOOKING_BACK,
		    m->lang, what)), theme_attr(ROLE_NOTE), 2);
		free(what);
		if (m->back_step >= 0)
			view_add(ps, xstrdup(lesson_text(
			    &l->steps[m->back_step].after, m->lang)),
			    theme_attr(ROLE_NORMAL), 4);
		return;
	}
	if (l->sandbox) {
		view_add(ps, xstrdup(uitext(UI_SANDBOX, m->lang)),
		    theme_attr(ROLE_NORMAL), 3);
		return;
	}
	if (m->next_step < l->nsteps || m->running) {
		view_lesson_paras(m, ps);
		return;
	}
	view_add_outcome(m, ps, l->nsteps - 1, 3);
	view_add_end(m, ps);
	view_add_giving(ps, xstrdup(uitext(UI_FREE_PLAY, m->lang)),
	    theme_attr(ROLE_DIM), 2, VIEW_GIVES_FIRST);
}

/* Draw paragraphs top-down in h rows: those that give way give up rows,
 * in the order of view_give_order and first ones first, until all fit;
 * then the last ones may be cut. */
static void
view_draw_paras(struct view_paras *ps, int y, int x, int h, int w)
{
	int	i, row = 0, want[VIEW_MAX_PARAS], total = 0, cut, o, floor;

	for (i = 0; i < ps->n; i++) {
		want[i] = draw_wrapped_rows(w, ps->p[i].text);
		if (want[i] > ps->p[i].rows)
			want[i] = ps->p[i].rows;
		total += want[i];
	}
	for (o = 0; o < VIEW_NGIVE_ORDER && total > h; o++) {
		floor = view_give_order[o].floor;
		for (i = 0; i < ps->n && total > h; i++) {
			if (ps->p[i].give_way != view_give_order[o].turn ||
			    want[i] <= floor)
				continue;
			cut = want[i] - floor < total - h ? want[i] - floor :
			    total - h;
			want[i] -= cut;
			total -= cut;
		}
	}
	for (i = 0; i < ps->n; i++) {
		if (row < h)
			row += draw_wrapped(y + row, x, w, want[i] < h - row ?
			    want[i] : h - row, ps->p[i].attr, ps->p[i].text);
		free(ps->p[i].text);
	}
	ps->n = 0;
}

/* The heading of the narration: the step, or the lesson once done. */
static void
view_heading(const struct view_model *m, int y, int w)
{
	const struct lesson	*l = m->lesson;
	char			 buf[256], *title;
	size_t			 k = viewmodel_told_step(m);
	int			 used;

	draw_hline(y, 0, w, theme_attr(ROLE_BORDER));
	if (l->sandbox || k >= l->nsteps) {
		snprintf(buf, sizeof buf, "%s", lesson_text(&l->title,
		    m->lang));
	} else {
		title = view_step_title(&l->steps[k], m->lang);
		uitextf(buf, sizeof buf, UI_STEP, m->lang, k + 1, l->nsteps,
		    title);
		free(title);
	}
	draw_text(y, 1, 1, theme_attr(ROLE_BORDER), " ");
	used = draw_text(y, 2, w - 4, theme_attr(ROLE_HEADING), buf);
	draw_text(y, 2 + used, 1, theme_attr(ROLE_BORDER), " ");
}

/* The title bar: the lesson, and on the right speed and language. */
static void
view_title(const struct view_model *m, int cols)
{
	char	right[64];
	int	rw;

	draw_fill(0, 0, cols, theme_attr(ROLE_BAR));
	snprintf(right, sizeof right, "%s%s%d.%02dx  %s ",
	    m->paused ? uitext(UI_PAUSED, m->lang) : "", m->paused ? "  " : "",
	    m->speed / 100, m->speed % 100, m->lang == LANG_ZH ? "中文" :
	    "EN");
	rw = textw_width(right);
	draw_textf(0, 1, cols - rw - 2, theme_attr(ROLE_BAR) | draw_bold,
	    "finwave %s %s", theme_glyphs()->pointer,
	    lesson_text(&m->lesson->title, m->lang));
	draw_text(0, cols - rw, rw, theme_attr(ROLE_BAR), right);
}

/* The key bar for the situation. */
static void
view_keys(const struct view_model *m, int y, int cols)
{
	struct draw_key	 k[VIEW_MAX_KEYS];
	const struct step *st;
	char		 run[8], guess[8];
	int		 n = 0;
	enum lang	 lg = m->lang;

	if (m->shutdown_how) {
		k[n++] = (struct draw_key){ "r", uitext(UI_K_SHUT_RD, lg) };
		k[n++] = (struct draw_key){ "w", uitext(UI_K_SHUT_WR, lg) };
		k[n++] = (struct draw_key){ "b", uitext(UI_K_SHUT_RDWR, lg) };
		k[n++] = (struct draw_key){ "Esc", uitext(UI_K_CANCEL, lg) };
		draw_keys(y, 0, cols, k, n);
		return;
	}
	if (m->confirm_restart) {
		k[n++] = (struct draw_key){ "y", uitext(UI_K_YES_RESTART, lg) };
		k[n++] = (struct draw_key){ "n", uitext(UI_K_CANCEL, lg) };
		draw_keys(y, 0, cols, k, n);
		return;
	}
	if (m->overlay != OVERLAY_NONE) {
		if (m->overlay == OVERLAY_LOG)
			k[n++] = (struct draw_key){ "Up Dn PgUp PgDn",
			    uitext(UI_K_SCROLL, lg) };
		k[n++] = (struct draw_key){ "Esc", uitext(UI_K_CANCEL, lg) };
		k[n++] = (struct draw_key){ "q", uitext(UI_K_MENU, lg) };
		draw_keys(y, 0, cols, k, n);
		return;
	}
	if (view_space_delivers(m) && !m->looking_back) {
		k[n++] = (struct draw_key){ "Spc", uitext(UI_K_DELIVER, lg) };
		k[n++] = (struct draw_key){ "x", uitext(UI_K_DROP, lg) };
	}
	if (!viewmodel_free_play(m) && !m->looking_back) {
		st = &m->lesson->steps[m->next_step];
		snprintf(run, sizeof run, "%c%s", st->key,
		    view_space_delivers(m) ? "" : "/Spc");
		k[n++] = (struct draw_key){ run, uitext(UI_K_RUN_STEP, lg) };
		if (st->ask != NULL) {
			snprintf(guess, sizeof guess, "1-%zu",
			    st->ask->nchoices);
			k[n++] = (struct draw_key){ guess,
			    uitext(UI_K_GUESS, lg) };
		}
	} else if (viewmodel_free_play(m) && !m->looking_back) {
		if (!m->lesson->sandbox && m->next_lesson != NULL &&
		    !view_space_delivers(m) && !m->running)
			k[n++] = (struct draw_key){ "Spc",
			    uitext(UI_K_NEXT, lg) };
		k[n++] = (struct draw_key){ "Tab", uitext(UI_K_ENDPOINT, lg) };
		k[n++] = (struct draw_key){ "c", uitext(UI_K_CLOSE, lg) };
		k[n++] = (struct draw_key){ "s", uitext(UI_K_SHUTDOWN, lg) };
		k[n++] = (struct draw_key){ "l", uitext(UI_K_LINGER, lg) };
		k[n++] = (struct draw_key){ "k", uitext(UI_K_KILL, lg) };
		k[n++] = (struct draw_key){ "d", uitext(UI_K_SEND, lg) };
		k[n++] = (struct draw_key){ "r", uitext(UI_K_RECV, lg) };
	}
	k[n++] = (struct draw_key){ "w", uitext(m->wire_stepping ?
	    UI_K_WIRE_OFF : UI_K_WIRE_ON, lg) };
	k[n++] = (struct draw_key){ "Left", uitext(UI_K_BACK, lg) };
	k[n++] = (struct draw_key){ "?", uitext(UI_K_HELP, lg) };
	k[n++] = (struct draw_key){ "q", uitext(UI_K_MENU, lg) };
	k[n++] = (struct draw_key){ "Up/Dn", uitext(UI_K_SELECT, lg) };
	k[n++] = (struct draw_key){ "e", uitext(UI_K_LOG, lg) };
	k[n++] = (struct draw_key){ "D", uitext(UI_K_DIAGRAM, lg) };
	k[n++] = (struct draw_key){ "+/-", uitext(UI_K_SPEED, lg) };
	k[n++] = (struct draw_key){ "p", uitext(UI_K_PAUSE, lg) };
	k[n++] = (struct draw_key){ "R", uitext(UI_K_RESTART, lg) };
	if (theme_utf8())
		k[n++] = (struct draw_key){ "L", uitext(UI_K_LANG, lg) };
	draw_keys(y, 0, cols, k, n);
}

/* The next step's deadline, for the status line: the time left to run
 * it in and what running it in time shows, or, once too late, which
 * state ended and that its checks cannot be reached; NULL when it has
 * none, or the state lasts with no timer to end it. */
static const char *
view_deadline(const struct view_model *m, char *buf, size_t len)
{
	const struct runner_deadline	*dl = &m->deadline;
	const char			*who, *state;
	char				 why[128];
	uint64_t			 left;

	if (dl->need == NULL || dl->lasts)
		return (NULL);
	if (!dl->missed) {
		left = dl->due_ns > m->now_ns ? dl->due_ns - m->now_ns : 0;
		return (uitextf(buf, len, UI_DEADLINE, m->lang,
		    (int)((left + 999999999) / 1000000000),
		    lesson_text(&dl->need->purpose, m->lang)));
	}
	who = m->lesson->endpoints[dl->need->endpoint].name;
	state = tcpstate_name(dl->need->state);
	uitextf(why, sizeof why, dl->ended_ns == 0 ? UI_DEADLINE_GONE :
	    dl->ended_ns > m->now_ns ? UI_DEADLINE_ENDING : UI_DEADLINE_OVER,
	    m->lang, who, state);
	return (uitextf(buf, len, UI_DEADLINE_MISSED, m->lang, why));
}

/* The status line, above the key bar: R's question, else a message, else
 * the next step's deadline. */
static void
view_status(const struct view_model *m, int y, int cols)
{
	const char	*deadline;
	char		 buf[512];

	if (m->confirm_restart)
		draw_text(y, 1, cols - 2, theme_attr(ROLE_NOTE) | draw_bold,
		    uitext(UI_CONFIRM_RESTART, m->lang));
	else if (m->message != NULL)
		draw_text(y, 1, cols - 2, theme_attr(ROLE_NOTE), m->message);
	else if ((deadline = view_deadline(m, buf, sizeof buf)) != NULL)
		draw_text(y, 1, cols - 2, theme_attr(m->deadline.missed ?
		    ROLE_FAIL : ROLE_NOTE) | draw_bold, deadline);
}

/* Draw the lesson view. */
void
view_draw(const struct view_model *m, int rows, int cols)
{
	struct view_paras	ps;
	int			bottom = view_bottom_rows(rows);
	int			body = rows - 1 - bottom, pw, ny;

	draw_erase();
	view_title(m, cols);
	ny = 1 + body;
	if (m->overlay != OVERLAY_NONE) {
		overlay_draw(m, 1, 1, rows - 2, cols - 2);
		view_keys(m, rows - 1, cols);
		return;
	}
	pw = view_pane_cols(cols);
	pane_draw(m, 0, 1, 0, body, pw);
	lane_draw(m, 1, pw, body, cols - 2 * pw);
	pane_draw(m, 1, 1, cols - pw, body, pw);
	view_heading(m, ny, cols);
	memset(&ps, 0, sizeof ps);
	if (overlay_segment(m, ny + 1, 1, bottom - 3, cols - 2) == 0) {
		view_paras(m, &ps);
		view_draw_paras(&ps, ny + 1, 1, bottom - 3, cols - 2);
	}
	view_status(m, rows - 2, cols);
	view_keys(m, rows - 1, cols);
}

/* Draw the too-small message: the longest of its wordings that fits,
 * centred; at worst the shortest, cut. */
void
view_draw_too_small(enum lang lang, int rows, int cols)
{
	static const enum ui_msg	 forms[] = {
		UI_TOO_SMALL, UI_TOO_SMALL_SHORT, UI_TOO_SMALL_TINY
	};
	char				 buf[256];
	size_t				 i;
	int				 need = 1;

	draw_erase();
	for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		uitextf(buf, sizeof buf, forms[i], lang, VIEW_MIN_COLS,
		    VIEW_MIN_ROWS, cols, rows);
		if ((need = draw_wrapped_rows(cols, buf)) <= rows)
			break;
	}
	draw_wrapped(need < rows ? (rows - need) / 2 : 0, 0, cols, rows,
	    theme_attr(ROLE_NOTE), buf);
}
