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
		title = viewmodel_step_title(&l->steps[k], m->lang);
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
	if (viewmodel_space_delivers(m) && !m->looking_back) {
		k[n++] = (struct draw_key){ "Spc", uitext(UI_K_DELIVER, lg) };
		k[n++] = (struct draw_key){ "x", uitext(UI_K_DROP, lg) };
	}
	if (!viewmodel_free_play(m) && !m->looking_back) {
		st = &m->lesson->steps[m->next_step];
		snprintf(run, sizeof run, "%c%s", st->key,
		    viewmodel_space_delivers(m) ? "" : "/Spc");
		k[n++] = (struct draw_key){ run, uitext(UI_K_RUN_STEP, lg) };
		if (st->ask != NULL) {
			snprintf(guess, sizeof guess, "1-%zu",
			    st->ask->nchoices);
			k[n++] = (struct draw_key){ guess,
			    uitext(UI_K_GUESS, lg) };
		}
	} else if (viewmodel_free_play(m) && !m->looking_back) {
		if (!m->lesson->sandbox && m->next_lesson != NULL &&
		    !viewmodel_space_delivers(m) && !m->running)
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
	if (overlay_segment(m, ny + 1, 1, bottom - 3, cols - 2) == 0)
		narration_draw(m, ny + 1, 1, bottom - 3, cols - 2);
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
