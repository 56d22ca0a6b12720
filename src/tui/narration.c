/*
 * narration.c: the narration under the panes: the step's text, its
 * question and how to answer it, what it taught once it has run (its
 * checks, the guess judged on a line of its own), and the end of the
 * lesson. When it does not fit, paragraphs give up rows in a fixed order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "tui/draw.h"
#include "tui/narration.h"
#include "tui/theme.h"
#include "tui/uitext.h"

#define NARRATION_MAX_PARAS	24

/* Which paragraphs give up their rows when the narration does not fit:
 * an earlier step's outcome gives way to the question of the next, and
 * the narration too, where the choices would not fit; at the end, what
 * matters least gives way to whether the lesson is complete. */
enum narration_give_way {
	NARRATION_KEEPS,		/* keeps its rows: cut only at the bottom */
	NARRATION_GIVES_FIRST,	/* the free-play hint */
	NARRATION_GIVES_AFTER,	/* an earlier step's after text */
	NARRATION_GIVES_CHECKS,	/* the checks it lists, failed or not reached */
	NARRATION_GIVES_SAY		/* the next step's narration, to its choices */
};

/* The order in which they give way, each down to a floor of rows: every
 * outcome down to one row, then to none, and only then the narration of
 * the step to come, down to one row. */
static const struct {
	enum narration_give_way	 turn;
	int			 floor;
} narration_give_order[] = {
	{ NARRATION_GIVES_FIRST, 1 }, { NARRATION_GIVES_AFTER, 1 },
	{ NARRATION_GIVES_CHECKS, 1 }, { NARRATION_GIVES_FIRST, 0 },
	{ NARRATION_GIVES_AFTER, 0 }, { NARRATION_GIVES_CHECKS, 0 },
	{ NARRATION_GIVES_SAY, 1 }
};
#define NARRATION_NGIVE_ORDER \
	(int)(sizeof narration_give_order / sizeof narration_give_order[0])

/* A paragraph of the narration: text, its look, at most rows rows, and
 * when it gives them up. */
struct narration_para {
	char			*text;
	int			 attr;
	int			 rows;
	enum narration_give_way	 give_way;
};

struct narration_paras {
	struct narration_para	p[NARRATION_MAX_PARAS];
	int			n;
};

/* Let narration flow: a line break inside a paragraph of the lesson file
 * becomes a blank after Latin text and disappears between Chinese
 * characters, so the text wraps to the width of the screen. */
static void
narration_flow(char *text)
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
narration_add(struct narration_paras *ps, char *text, int attr, int rows)
{
	narration_flow(text);
	if (ps->n == NARRATION_MAX_PARAS) {
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
narration_add_giving(struct narration_paras *ps, char *text, int attr, int rows,
    enum narration_give_way give_way)
{
	int	n = ps->n;

	narration_add(ps, text, attr, rows);
	if (ps->n > n)
		ps->p[n].give_way = give_way;
}

/* The checks of step k with a verdict, failed or not reached, under a
 * heading saying which: a failure quotes expected and observed. */
static void
narration_add_checks(const struct view_model *m, struct narration_paras *ps, int k,
    enum check_verdict verdict)
{
	const struct glyphs	*g = theme_glyphs();
	const struct event	*ev;
	size_t			 i;
	int			 failed = verdict == VERDICT_FAILED, attr;

	attr = theme_attr(failed ? ROLE_FAIL : ROLE_NOTE);
	narration_add_giving(ps, xstrdup(uitext(failed ? UI_UNEXPECTED :
	    UI_NOT_REACHED, m->lang)), attr, 2, NARRATION_GIVES_CHECKS);
	for (i = 0; i < m->scene->upto; i++) {
		ev = timeline_get(m->tl, i);
		if (ev->kind == EV_CHECK && ev->step == k &&
		    ev->u.check.verdict == verdict)
			narration_add_giving(ps, xasprintf("%s %s", failed ?
			    g->cross : g->h, ev->text), attr, 2,
			    NARRATION_GIVES_CHECKS);
	}
}

/* How to go on at step k's question: guess, or run it without guessing
 * (with Space, or the step's key while Space delivers a held segment);
 * said louder when keys typed ahead stopped there. */
static void
narration_add_guess_prompt(const struct view_model *m, struct narration_paras *ps,
    size_t k)
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
	narration_add(ps, xstrdup(buf), theme_attr(m->stopped_at_question ?
	    ROLE_NOTE : ROLE_DIM), 2);
}

/* The question of a step with its choices; after the step has run, the
 * kernel's answer is marked, and the learner's guess either way. */
static void
narration_add_question(const struct view_model *m, struct narration_paras *ps,
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
	narration_add(ps, xstrdup(lesson_text(&q->question, m->lang)),
	    theme_attr(ROLE_HEADING), 2);
	for (i = 0; i < q->nchoices; i++) {
		attr = theme_attr(ROLE_NORMAL);
		if (ran && res.answer == q->choices[i].key)
			attr = theme_attr(ROLE_OK);
		else if (ran)
			attr = theme_attr(ROLE_DIM);
		narration_add(ps, xasprintf("%s %zu) %s%s%s",
		    ran && res.answer == q->choices[i].key ? g->check :
		    guess == q->choices[i].key ? g->pointer : " ", i + 1,
		    lesson_text(&q->choices[i].text, m->lang),
		    guess == q->choices[i].key ? "  " : "",
		    guess == q->choices[i].key ? uitext(UI_YOUR_GUESS,
		    m->lang) : ""), attr, 2);
	}
	if (!ran && guess == 0 && !m->running)
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
		    m->lang, right, text)), theme_attr(ROLE_NORMAL), 2);
	else if (mine == right)
		narration_add(ps, xasprintf("%s %s", g->check, uitextf(buf,
		    sizeof buf, UI_GUESS_RIGHT, m->lang, mine, text)),
		    theme_attr(ROLE_OK), 2);
	else
		narration_add(ps, xasprintf("%s %s", g->cross, uitextf(buf,
		    sizeof buf, UI_GUESS_WRONG, m->lang, mine, right, text)),
		    theme_attr(ROLE_FAIL), 2);
}

/* What step k taught, once it has run: its after text, marked with what
 * its checks found (✓ every one held, ✗ one failed, a dash: one was not
 * reached); the answer to its question and the guess on a line of their
 * own; and the checks that failed or were not reached. */
static void
narration_add_outcome(const struct view_model *m, struct narration_paras *ps,
    size_t k, int rows)
{
	const struct step	*st = &m->lesson->steps[k];
	const struct glyphs	*g = theme_glyphs();
	struct timeline_tally	 res = timeline_tally(m->tl, m->scene->upto,
	    (int)k);
	const char		*mark = g->check;
	char			 tally[128];
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
	narration_add_giving(ps, xasprintf("%s %s", mark,
	    *lesson_text(&st->after, m->lang) != '\0' ?
	    lesson_text(&st->after, m->lang) : tally), attr, rows,
	    NARRATION_GIVES_AFTER);
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
 * this lesson again, the menu. */
static void
narration_add_end(const struct view_model *m, struct narration_paras *ps)
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
	narration_add(ps, xasprintf("%s%s%s%s%s", verdict, failed, unreached,
	    guesses, uitext(UI_END_STOP, m->lang)), theme_attr(complete ?
	    ROLE_OK : ROLE_FAIL) | draw_bold, 2);
	if (m->next_lesson != NULL && !viewmodel_space_delivers(m))
		uitextf(next, sizeof next, UI_END_NEXT, m->lang,
		    lesson_text(&m->next_lesson->title, m->lang));
	narration_add(ps, xasprintf("%s%s", next, uitext(UI_END_OFFER, m->lang)),
	    theme_attr(ROLE_NOTE), 2);
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
		    theme_attr(ROLE_NOTE), 1);
	else if (m->next_step > 0)
		narration_add_outcome(m, ps, m->next_step - 1,
		    k < l->nsteps ? 3 : 4);
	if (k < l->nsteps) {
		narration_add_giving(ps, xstrdup(lesson_text(&l->steps[k].say,
		    m->lang)), theme_attr(ROLE_NORMAL), 6, NARRATION_GIVES_SAY);
		narration_add_question(m, ps, k, 0);
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
		    theme_attr(ROLE_FAIL), 1);
		narration_add(ps, xstrdup(m->lab_error), theme_attr(ROLE_FAIL), 6);
		return;
	}
	if (m->looking_back) {
		what = m->back_step >= 0 ? viewmodel_step_title(
		    &l->steps[m->back_step], m->lang) :
		    xstrdup(uitext(UI_SETUP_DONE, m->lang));
		narration_add(ps, xstrdup(uitextf(buf, sizeof buf, UI_LOOKING_BACK,
		    m->lang, what)), theme_attr(ROLE_NOTE), 2);
		free(what);
		if (m->back_step >= 0)
			narration_add(ps, xstrdup(lesson_text(
			    &l->steps[m->back_step].after, m->lang)),
			    theme_attr(ROLE_NORMAL), 4);
		return;
	}
	if (l->sandbox) {
		narration_add(ps, xstrdup(uitext(UI_SANDBOX, m->lang)),
		    theme_attr(ROLE_NORMAL), 3);
		return;
	}
	if (m->next_step < l->nsteps || m->running) {
		narration_lesson_paras(m, ps);
		return;
	}
	narration_add_outcome(m, ps, l->nsteps - 1, 3);
	narration_add_end(m, ps);
	narration_add_giving(ps, xstrdup(uitext(UI_FREE_PLAY, m->lang)),
	    theme_attr(ROLE_DIM), 2, NARRATION_GIVES_FIRST);
}

/* Draw paragraphs top-down in h rows: those that give way give up rows,
 * in the order of narration_give_order and first ones first, until all fit;
 * then the last ones may be cut. */
static void
narration_draw_paras(struct narration_paras *ps, int y, int x, int h, int w)
{
	int	i, row = 0, want[NARRATION_MAX_PARAS], total = 0, cut, o, floor;

	for (i = 0; i < ps->n; i++) {
		want[i] = draw_wrapped_rows(w, ps->p[i].text);
		if (want[i] > ps->p[i].rows)
			want[i] = ps->p[i].rows;
		total += want[i];
	}
	for (o = 0; o < NARRATION_NGIVE_ORDER && total > h; o++) {
		floor = narration_give_order[o].floor;
		for (i = 0; i < ps->n && total > h; i++) {
			if (ps->p[i].give_way != narration_give_order[o].turn ||
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

/* Draw the narration for the model's situation in h rows of w columns. */
void
narration_draw(const struct view_model *m, int y, int x, int h, int w)
{
	struct narration_paras	ps;

	memset(&ps, 0, sizeof ps);
	narration_paras(m, &ps);
	narration_draw_paras(&ps, y, x, h, w);
}
