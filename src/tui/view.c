/*
 * view.c: the lesson view's layout and its frame: the title bar, the
 * heading of the narration, the status line and the key bar. The panes,
 * the lane, the narration and the overlays draw themselves in the
 * rectangles given here. Everything is
 * read from the model and the timeline; nothing here changes either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/textw.h"
#include "base/xmalloc.h"
#include "tui/draw.h"
#include "tui/lane.h"
#include "tui/narration.h"
#include "tui/overlay.h"
#include "tui/pane.h"
#include "tui/uitext.h"
#include "tui/view.h"

#define VIEW_MAX_KEYS	24	/* the most a key bar can list */

/* The rows the narration keeps besides the question, however many
 * endpoints the panes show: the start of what it says. */
#define VIEW_SAY_FLOOR		3
/* The rows the panes keep when the question takes the rest. */
#define VIEW_BODY_FLOOR		4

/* Where the parts of the lesson view go. */
struct view_layout {
	int	top;		/* the first row under the title bar */
	int	body;		/* rows of the panes and the lane */
	int	heading;	/* the row of the narration's heading */
	int	narration;	/* rows of the narration under it */
	int	pane_cols;
};

/* The width of each pane: wider on a projector's screen, where the state
 * is drawn in block letters. */
static int
view_pane_cols(int cols)
{
	int	w = cols * (cols >= 150 ? 30 : 27) / 100;

	return (w < 24 ? 24 : w);
}

/* Share the rows between the panes with the lane, and the narration.
 * The question and its choices come first, whole, with the start of the
 * text above them; then the panes' floor; then the rest of the narration;
 * whatever is left goes to the lane (and so to the panes beside it, the
 * state's block letters among them). */
static struct view_layout
view_layout(const struct view_model *m, struct narration_paras *ps, int rows,
    int cols)
{
	struct view_layout	L;
	int			avail, want, pinned, first, floor;

	L.top = m->presenter ? 0 : 1;
	L.pane_cols = view_pane_cols(cols);
	avail = rows - L.top - 3;	/* heading, status, key bar */
	narration_measure(ps, cols - 2, &want, &pinned);
	first = pinned + (want - pinned < VIEW_SAY_FLOOR ? want - pinned :
	    VIEW_SAY_FLOOR);
	floor = pane_floor(m, 0, L.pane_cols - 3);
	if (pane_floor(m, 1, L.pane_cols - 3) > floor)
		floor = pane_floor(m, 1, L.pane_cols - 3);
	L.narration = avail - floor > first ? avail - floor : first;
	if (L.narration > want)
		L.narration = want;
	if (L.narration > avail - VIEW_BODY_FLOOR)
		L.narration = avail - VIEW_BODY_FLOOR;
	L.body = avail - L.narration;
	L.heading = L.top + L.body;
	return (L);
}

/* The mark of step k in the list of steps, and its role: what its checks
 * found once it has run (as its outcome is marked), a pointer at the step
 * told now, nothing before it runs. */
static const char *
view_step_mark(const struct view_model *m, size_t k, enum role *role)
{
	const struct glyphs	*g = theme_glyphs();
	struct timeline_tally	 res;
	size_t			 told = viewmodel_told_step(m);

	*role = ROLE_DIM;
	if (k == told) {
		*role = ROLE_HEADING;
		return (g->pointer);
	}
	if (k >= m->next_step || k > told)
		return ("");
	res = m->scene->step_tally[k];
	*role = res.failures > 0 ? ROLE_FAIL : res.not_reached > 0 ?
	    ROLE_NOTE : ROLE_OK;
	return (res.failures > 0 ? g->cross : res.not_reached > 0 ? g->h :
	    g->check);
}

/* The list of the lesson's steps at the right of the heading, ending at
 * column right, each marked (view_step_mark). Returns its first column,
 * or right when it needs more than w columns. */
static int
view_steps(const struct view_model *m, int y, int right, int w)
{
	enum role	 role;
	size_t		 k, n = m->lesson->nsteps;
	int		 width = 1, x;
	char		 buf[32];

	for (k = 0; k < n; k++) {
		snprintf(buf, sizeof buf, "%s%zu ", view_step_mark(m, k, &role),
		    k + 1);
		width += textw_width(buf);
	}
	if (width > w)
		return (right);
	x = right - width;
	x += draw_text(y, x, 1, theme_attr(ROLE_BORDER), " ");
	for (k = 0; k < n; k++) {
		snprintf(buf, sizeof buf, "%s%zu", view_step_mark(m, k, &role),
		    k + 1);
		draw_hit(y, x, textw_width(buf), HIT_STEP, k);
		x += draw_text(y, x, right - x, theme_attr(role) | (role ==
		    ROLE_HEADING ? draw_bold : 0), buf);
		x += draw_text(y, x, 1, theme_attr(ROLE_BORDER), " ");
	}
	return (right - width);
}

/* The heading of the narration: the step, or the lesson once done; the
 * list of steps at its right. */
static void
view_heading(const struct view_model *m, int y, int w)
{
	const struct lesson	*l = m->lesson;
	char			 buf[256], *title;
	size_t			 k = viewmodel_told_step(m);
	int			 used, right = w - 1;

	draw_hline(y, 0, w, theme_attr(ROLE_BORDER));
	if (!l->sandbox && l->nsteps > 1)
		right = view_steps(m, y, w - 1, w / 3);
	if (l->sandbox || k >= l->nsteps) {
		snprintf(buf, sizeof buf, "%s", lesson_text(&l->title,
		    m->lang));
	} else {
		title = viewmodel_step_title(&l->steps[k], m->lang);
		uitextf(buf, sizeof buf, UI_STEP, m->lang, k + 1, l->nsteps,
		    title);
		free(title);
	}
	draw_text(y, 1, 1, theme_attr(ROLE_BORDER), " ");
	used = draw_text(y, 2, right - 4, theme_attr(ROLE_HEADING), buf);
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
	if (viewmodel_space_delivers(m) && !m->looking_back) {
		k[n++] = (struct draw_key){ "Spc", uitext(UI_K_DELIVER, lg) };
		k[n++] = (struct draw_key){ "x", uitext(UI_K_DROP, lg) };
	}
	if (!viewmodel_free_play(m) && !m->looking_back) {
		st = &m->lesson->steps[m->next_step];
		snprintf(run, sizeof run, "%c%s", st->key,
		    viewmodel_space_delivers(m) ? "" : "/Spc");
		k[n++] = (struct draw_key){ run, uitext(UI_K_RUN_STEP, lg) };
		if (st->ask != NULL && !m->running) {
			snprintf(guess, sizeof guess, "1-%zu",
			    st->ask->nchoices);
			k[n++] = (struct draw_key){ guess,
			    uitext(UI_K_GUESS, lg) };
		}
	} else if (viewmodel_free_play(m) && !m->looking_back &&
	    !m->lesson->sandbox && m->next_lesson != NULL &&
	    !viewmodel_space_delivers(m) && !m->running)
		k[n++] = (struct draw_key){ "Spc", uitext(UI_K_NEXT, lg) };
	/* Help and the way out come before what fits only when wide. */
	k[n++] = (struct draw_key){ "?", uitext(UI_K_HELP, lg) };
	k[n++] = (struct draw_key){ "q", uitext(UI_K_MENU, lg) };
	if (m->presenter) {
		k[n++] = (struct draw_key){ "P", uitext(UI_K_PRESENTER_OFF,
		    lg) };
		draw_keys(y, 0, cols, k, n);
		return;
	}
	if (viewmodel_free_play(m) && !m->looking_back) {
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
	k[n++] = (struct draw_key){ "PgUp/PgDn", uitext(UI_K_SCROLL, lg) };
	k[n++] = (struct draw_key){ "Up/Dn", uitext(UI_K_SELECT, lg) };
	k[n++] = (struct draw_key){ "P", uitext(UI_K_PRESENTER, lg) };
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

/* Draw the lesson view; returns how its narration fitted. */
struct narration_fit
view_draw(const struct view_model *m, int rows, int cols)
{
	struct view_layout	 L;
	struct narration_fit	 fit = { 0, 0 };
	struct narration_paras	*ps;

	draw_erase();
	if (m->overlay != OVERLAY_NONE) {
		view_title(m, cols);
		overlay_draw(m, 1, 1, rows - 2, cols - 2);
		view_keys(m, rows - 1, cols);
		return (fit);
	}
	ps = narration_new(m);
	L = view_layout(m, ps, rows, cols);
	if (!m->presenter)
		view_title(m, cols);
	pane_draw(m, 0, L.top, 0, L.body, L.pane_cols);
	lane_draw(m, L.top, L.pane_cols, L.body, cols - 2 * L.pane_cols);
	pane_draw(m, 1, L.top, cols - L.pane_cols, L.body, L.pane_cols);
	view_heading(m, L.heading, cols);
	if (overlay_segment(m, L.heading + 1, 1, L.narration, cols - 2) == 0)
		narration_draw(ps, L.heading + 1, 1, L.narration, cols - 2,
		    m->narration_scroll, &fit);
	narration_free(ps);
	view_status(m, rows - 2, cols);
	view_keys(m, rows - 1, cols);
	return (fit);
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
