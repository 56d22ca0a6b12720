/*
 * narration.c: the narration under the panes: the step's text, its
 * question and how to answer it, what it taught once it has run (its
 * checks, the guess judged on a line of its own), and the end of the
 * lesson. When it does not fit, the question and its choices stay whole
 * at the bottom and the rest scrolls above them (PgUp/PgDn), marked where
 * more is above or below.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/textw.h"
#include "base/xmalloc.h"
#include "model/fill.h"
#include "tui/draw.h"
#include "tui/narration.h"
#include "tui/theme.h"
#include "tui/uitext.h"

#define NARRATION_MAX_PARAS	48
/* The paragraphs kept for the pinned ones: a question, nine choices and
 * how to answer, or the end of a lesson. */
#define NARRATION_PIN_ROOM	11
#define NARRATION_MAX_LINES	256
/* Where a choice's text begins, after "▸ 1) ": its next lines too. */
#define NARRATION_CHOICE_INDENT	5
/* The columns the scroll marks take at the right ("▼ PgDn"). */
#define NARRATION_MARK_COLS	8

/* A paragraph of the narration: text, its look, whether it stays in view
 * while the rest scrolls (the question, its choices, how to answer), and
 * the choice it is, 1..9, or 0. */
struct narration_para {
	char	*text;
	int	 attr;
	int	 pinned;
	int	 choice;
	int	 indent;	/* of its lines after the first */
};

struct narration_paras {
	struct narration_para	p[NARRATION_MAX_PARAS];
	int			n;
};

/* One wrapped line of a paragraph. */
struct narration_line {
	const char			*s;
	size_t				 len;
	int				 indent;	/* columns before it */
	const struct narration_para	*para;
};

/* Add a paragraph (taking text), pinned or not; returns it, or NULL when
 * there is no room for one more. Paragraphs that scroll leave the last
 * NARRATION_PIN_ROOM for those pinned: however many checks an outcome
 * lists, the question and its choices still have theirs. */
static struct narration_para *
narration_add_para(struct narration_paras *ps, char *text, int attr,
    int pinned)
{
	struct narration_para	*p;

	textw_flow(text);	/* it wraps to the width of the screen */
	if (ps->n == NARRATION_MAX_PARAS || (!pinned && ps->n >=
	    NARRATION_MAX_PARAS - NARRATION_PIN_ROOM)) {
		free(text);
		return (NULL);
	}
	p = &ps->p[ps->n++];
	memset(p, 0, sizeof *p);
	p->text = text;
	p->attr = attr;
	p->pinned = pinned;
	return (p);
}

/* Add a paragraph (taking text) that scrolls; returns it, or NULL. */
static struct narration_para *
narration_add(struct narration_paras *ps, char *text, int attr)
{
	return (narration_add_para(ps, text, attr, 0));
}

/* Add a paragraph (taking text) that stays in view while the rest
 * scrolls; returns it, or NULL. */
static struct narration_para *
narration_pin(struct narration_paras *ps, char *text, int attr)
{
	return (narration_add_para(ps, text, attr, 1));
}

/* The checks of step k with a verdict, failed or not reached, under a
 * heading saying which: a failure quotes expected and observed. */
static void
narration_add_checks(const struct view_model *m, struct narration_paras *ps,
    int k, enum check_verdict verdict)
{
	const struct glyphs	*g = theme_glyphs();
	const struct event	*ev;
	size_t			 i;
	int			 failed = verdict == VERDICT_FAILED, attr;

	attr = theme_attr(failed ? ROLE_FAIL : ROLE_NOTE);
	narration_add(ps, xstrdup(uitext(failed ? UI_UNEXPECTED :
	    UI_NOT_REACHED, m->lang)), attr);
	for (i = 0; i < m->scene->upto; i++) {
		ev = timeline_get(m->tl, i);
		if (ev->kind == EV_CHECK && ev->step == k &&
		    ev->u.check.verdict == verdict)
			narration_add(ps, xasprintf("%s %s", failed ?
			    g->cross : g->h, ev->text), attr);
	}
}

/* How to go on at step k's question: guess, or run it without guessing
 * (with Space, or the step's key while Space delivers a held segment);
 * said louder when keys typed ahead stopped there. */
static void
narration_add_guess_prompt(const struct view_model *m,
    struct narration_paras *ps, size_t k)
{
	const struct step	*st = &m->lesson->steps[k];
	char			 key[8], buf[256];

	if (viewmodel_space_delivers(m))
		snprintf(key, sizeof key, "%c", st->key);
	else
		snprintf(key, sizeof key, "%s", uitext(UI_KEY_SPACE, m->lang));
	uitextf(buf, sizeof buf, m->stopped_at_question ?
	    UI_STOPPED_AT_QUESTION : UI_GUESS_PROMPT, m->lang,
	    st->ask->nchoices, key);
	narration_pin(ps, xstrdup(buf), theme_attr(m->stopped_at_question ?
	    ROLE_NOTE : ROLE_DIM));
}

/* The question of the next step with its choices, the learner's guess
 * marked, and how to answer it: all stay in view. */
static void
narration_add_question(const struct view_model *m, struct narration_paras *ps,
    size_t k)
{
	const struct prediction	*q = m->lesson->steps[k].ask;
	const struct glyphs	*g = theme_glyphs();
	struct narration_para	*p;
	char			 guess = m->guesses != NULL ? m->guesses[k] : 0;
	char			 mark[512];
	const char		*text;
	size_t			 i;
	int			 mine;

	if (q == NULL)
		return;
	narration_pin(ps, xstrdup(lesson_text(&q->question, m->lang)),
	    theme_attr(ROLE_HEADING));
	for (i = 0; i < q->nchoices; i++) {
		mine = guess == q->choices[i].key;
		text = lesson_text(&q->choices[i].text, m->lang);
		if (mine)
			text = uitextf(mark, sizeof mark, UI_CHOICE_GUESSED,
			    m->lang, text);
		p = narration_pin(ps, xasprintf("%s %zu) %s", mine ?
		    g->pointer : " ", i + 1, text), theme_attr(ROLE_NORMAL));
		if (p != NULL) {
			p->choice = (int)i + 1;
			p->indent = NARRATION_CHOICE_INDENT;
		}
	}
	if (guess == 0 && !m->running)
		narration_add_guess_prompt(m, ps, k);
}

/* The kernel's answer (a choice key) to step k's question, and the
 * learner's guess judged by it on the same line: ✓ right, ✗ wrong. */
static void
narration_add_answer(const struct view_model *m, struct narration_paras *ps,
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
		narration_add(ps, xstrdup(uitextf(buf, sizeof buf, UI_ANSWER_IS,
		    m->lang, right, text)), theme_attr(ROLE_NORMAL));
	else if (mine == right)
		narration_add(ps, xasprintf("%s %s", g->check, uitextf(buf,
		    sizeof buf, UI_GUESS_RIGHT, m->lang, mine, text)),
		    theme_attr(ROLE_OK));
	else
		narration_add(ps, xasprintf("%s %s", g->cross, uitextf(buf,
		    sizeof buf, UI_GUESS_WRONG, m->lang, mine, right, text)),
		    theme_attr(ROLE_FAIL));
}

/* What step k taught, once it has run: its after text, marked with what
 * its checks found (✓ every one held, ✗ one failed, a dash: one was not
 * reached); the answer to its question and the guess on a line of their
 * own; and the checks that failed or were not reached. */
static void
narration_add_outcome(const struct view_model *m, struct narration_paras *ps,
    size_t k)
{
	const struct step	*st = &m->lesson->steps[k];
	const struct glyphs	*g = theme_glyphs();
	struct timeline_tally	 res = m->scene->step_tally[k];
	const char		*mark = g->check;
	char			 tally[128], *after;
	int			 attr = theme_attr(ROLE_OK);

	if (res.failures > 0) {
		mark = g->cross;
		attr = theme_attr(ROLE_FAIL);
	} else if (res.not_reached > 0) {
		mark = g->h;
		attr = theme_attr(ROLE_NOTE);
	}
	/* A step without an after text still says what its mark means. */
	uitextf(tally, sizeof tally, UI_STEP_TALLY, m->lang,
	    res.checks - res.failures - res.not_reached, res.checks);
	after = fill_text(lesson_text(&st->after, m->lang), m->tl);
	narration_add(ps, xasprintf("%s %s", mark, *after != '\0' ? after :
	    tally), attr);
	free(after);
	if (st->ask != NULL && res.answer != 0)
		narration_add_answer(m, ps, k, res.answer);
	if (res.failures > 0)
		narration_add_checks(m, ps, (int)k, VERDICT_FAILED);
	if (res.not_reached > 0)
		narration_add_checks(m, ps, (int)k, VERDICT_NOT_REACHED);
}

/* The end of the lesson: whether it is complete (no check failed, none
 * was left unreached), the guesses right out of those asked, and what
 * next: the next lesson (Space, unless it delivers a held segment now),
 * this lesson again, the menu. It stays in view, as a question does,
 * and so does the free-play hint under it. */
static void
narration_add_end(const struct view_model *m, struct narration_paras *ps)
{
	const struct progress_score	*sc = &m->score;
	char				 verdict[256], next[256];
	int				 complete;

	complete = sc->failed == 0 && sc->not_reached == 0;
	if (complete && sc->asked > 0)
		uitextf(verdict, sizeof verdict, UI_END_COMPLETE_GUESSES,
		    m->lang, sc->held, sc->right, sc->asked);
	else if (complete)
		uitextf(verdict, sizeof verdict, UI_END_COMPLETE, m->lang,
		    sc->held);
	else if (sc->asked > 0)
		uitextf(verdict, sizeof verdict, UI_END_INCOMPLETE_GUESSES,
		    m->lang, sc->held, sc->failed, sc->not_reached, sc->right,
		    sc->asked);
	else
		uitextf(verdict, sizeof verdict, UI_END_INCOMPLETE, m->lang,
		    sc->held, sc->failed, sc->not_reached);
	next[0] = '\0';
	narration_pin(ps, xstrdup(verdict), theme_attr(complete ? ROLE_OK :
	    ROLE_FAIL) | draw_bold);
	if (m->next_lesson != NULL && !viewmodel_space_delivers(m))
		uitextf(next, sizeof next, UI_END_NEXT, m->lang,
		    lesson_text(&m->next_lesson->title, m->lang));
	narration_pin(ps, xasprintf("%s%s", next, uitext(UI_END_OFFER, m->lang)),
	    theme_attr(ROLE_NOTE));
}

/* The narration of a lesson under way: the kernel at work, or what the
 * step before taught; then the next step's narration and question. */
static void
narration_lesson_paras(const struct view_model *m, struct narration_paras *ps)
{
	const struct lesson	*l = m->lesson;
	size_t			 k = viewmodel_told_step(m);

	if (m->running)
		narration_add(ps, xstrdup(uitext(UI_WORKING, m->lang)),
		    theme_attr(ROLE_NOTE));
	else if (m->next_step > 0)
		narration_add_outcome(m, ps, m->next_step - 1);
	if (k < l->nsteps) {
		narration_add(ps, fill_text(lesson_text(&l->steps[k].say,
		    m->lang), m->tl), theme_attr(ROLE_NORMAL));
		narration_add_question(m, ps, k);
	}
}

/* Build the narration for the model's situation. */
static void
narration_paras(const struct view_model *m, struct narration_paras *ps)
{
	const struct lesson	*l = m->lesson;
	char			 buf[512], *what;

	if (m->lab_error != NULL) {
		narration_add(ps, xstrdup(uitext(UI_LAB_FAILED, m->lang)),
		    theme_attr(ROLE_FAIL));
		narration_add(ps, xstrdup(m->lab_error), theme_attr(ROLE_FAIL));
		return;
	}
	if (m->looking_back) {
		what = m->back_step >= 0 ? viewmodel_step_title(
		    &l->steps[m->back_step], m->lang) :
		    xstrdup(uitext(UI_SETUP_DONE, m->lang));
		narration_add(ps, xstrdup(uitextf(buf, sizeof buf, UI_LOOKING_BACK,
		    m->lang, what)), theme_attr(ROLE_NOTE));
		free(what);
		if (m->back_step >= 0)
			narration_add(ps, fill_text(lesson_text(
			    &l->steps[m->back_step].after, m->lang), m->tl),
			    theme_attr(ROLE_NORMAL));
		return;
	}
	if (l->sandbox) {
		narration_add(ps, xstrdup(uitext(UI_SANDBOX, m->lang)),
		    theme_attr(ROLE_NORMAL));
		return;
	}
	if (m->next_step < l->nsteps || m->running) {
		narration_lesson_paras(m, ps);
		return;
	}
	narration_add_outcome(m, ps, l->nsteps - 1);
	narration_add_end(m, ps);
	narration_pin(ps, xstrdup(uitext(UI_FREE_PLAY, m->lang)),
	    theme_attr(ROLE_DIM));
}

/* Wrap the paragraphs into lines: the scrolling ones to w columns into
 * lines [0, *pinned_at), the pinned ones to pinned_w after. Returns the
 * count. */
static int
narration_lines(struct narration_paras *ps, int w, int pinned_w,
    struct narration_line *l, int max, int *pinned_at)
{
	struct textw_line	 wrap[NARRATION_MAX_LINES];
	int			 i, pass, n = 0;
	size_t			 j, k;

	for (pass = 0; pass < 2; pass++) {
		if (pass == 1)
			*pinned_at = n;
		for (i = 0; i < ps->n; i++) {
			if (ps->p[i].pinned != pass)
				continue;
			k = textw_wrap(ps->p[i].text, (pass ? pinned_w : w) -
			    ps->p[i].indent, wrap, NARRATION_MAX_LINES);
			for (j = 0; j < k && n < max; j++, n++) {
				l[n].s = wrap[j].s;
				l[n].len = wrap[j].len;
				l[n].indent = j > 0 ? ps->p[i].indent : 0;
				l[n].para = &ps->p[i];
			}
		}
	}
	return (n);
}

/* Draw one line of a paragraph; a choice's line can be clicked. */
static void
narration_draw_line(const struct narration_line *l, int y, int x, int w)
{
	draw_textf(y, x + l->indent, w - l->indent, l->para->attr, "%.*s",
	    (int)l->len, l->s);
	if (l->para->choice > 0)
		draw_hit(y, x, w, HIT_CHOICE, (uint64_t)l->para->choice);
}

/* Lay the paragraphs out in h rows: the pinned ones at the bottom, whole;
 * the rest above them from line scroll on, marked where more is above or
 * below. Fills *fit. */
void
narration_draw(struct narration_paras *ps, int y, int x, int h, int w,
    int scroll, struct narration_fit *fit)
{
	struct narration_line		 lines[NARRATION_MAX_LINES];
	const struct glyphs		*g = theme_glyphs();
	int				 n, pinned_at, room, i, textw = w;

	n = narration_lines(ps, w, w, lines, NARRATION_MAX_LINES, &pinned_at);
	room = h - (n - pinned_at);
	if (pinned_at > room && room > 0) {
		/* Not all in view: leave a margin for the marks. */
		textw = w - NARRATION_MARK_COLS;
		n = narration_lines(ps, textw, w, lines, NARRATION_MAX_LINES,
		    &pinned_at);
		room = h - (n - pinned_at);
	}
	if (room < 0)
		room = 0;
	fit->max_scroll = pinned_at > room ? pinned_at - room : 0;
	fit->page = room;
	if (scroll > fit->max_scroll)
		scroll = fit->max_scroll;
	for (i = 0; i < room && scroll + i < pinned_at; i++)
		narration_draw_line(&lines[scroll + i], y + i, x, textw);
	if (scroll > 0 && room > 0)
		draw_textf(y, x + w - NARRATION_MARK_COLS + 1,
		    NARRATION_MARK_COLS - 1, theme_attr(ROLE_NOTE), "%s PgUp",
		    g->up);
	if (scroll < fit->max_scroll && room > 0)
		draw_textf(y + room - 1, x + w - NARRATION_MARK_COLS + 1,
		    NARRATION_MARK_COLS - 1, theme_attr(ROLE_NOTE) | draw_bold,
		    "%s PgDn", g->down);
	for (i = pinned_at; i < n && room + i - pinned_at < h; i++)
		narration_draw_line(&lines[i], y + room + i - pinned_at, x, w);
}

/* Build the narration for the model's situation, to measure and draw. */
struct narration_paras *
narration_new(const struct view_model *m)
{
	struct narration_paras	*ps = xcalloc(1, sizeof *ps);

	narration_paras(m, ps);
	return (ps);
}

/* The rows the narration needs to show everything in w columns, and
 * those of it that stay in view while the rest scrolls. */
void
narration_measure(struct narration_paras *ps, int w, int *rows, int *pinned)
{
	struct narration_line	lines[NARRATION_MAX_LINES];
	int			n, pinned_at;

	n = narration_lines(ps, w, w, lines, NARRATION_MAX_LINES, &pinned_at);
	*rows = n;
	*pinned = n - pinned_at;
}

/* Free a narration built by narration_new. */
void
narration_free(struct narration_paras *ps)
{
	int	i;

	for (i = 0; i < ps->n; i++)
		free(ps->p[i].text);
	free(ps);
}
