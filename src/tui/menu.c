/*
 * menu.c: the lesson menu. Rows are chapter headings and lessons; the
 * selection moves over lessons only, among those the filter matches.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/textw.h"
#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/menu.h"
#include "tui/uitext.h"

/* The most rows the list can have: a heading and a lesson each. */
#define MENU_MAX_ROWS	512
/* The rows around the list: the title, the note, the rule and the two
 * rows of the summary under it, the key bar. */
#define MENU_FRAME_ROWS	6

/* The column of a completed lesson's guesses right out of those asked
 * ("10/10"), after its title (34 columns at most at 80). */
#define MENU_SCORE_COLS	5

/* Whether a lesson matches the filter (any case, id, title or summary). */
static int
menu_matches(const struct menu *m, const struct lesson *l)
{
	if (m->filter[0] == '\0')
		return (1);
	return (strcasestr(l->id, m->filter) != NULL ||
	    strcasestr(lesson_text(&l->title, m->lang), m->filter) != NULL ||
	    strcasestr(lesson_text(&l->summary, m->lang), m->filter) != NULL);
}

/* The next matching lesson from i in direction dir, or i if none. */
static size_t
menu_next(const struct menu *m, size_t i, int dir)
{
	size_t	j = i;

	while ((dir > 0 && j + 1 < m->cat->n) || (dir < 0 && j > 0)) {
		j = dir > 0 ? j + 1 : j - 1;
		if (menu_matches(m, m->cat->lessons[j]))
			return (j);
	}
	return (i);
}

/* Make sure the selection is on a matching lesson, if there is one. */
static void
menu_fix_selection(struct menu *m)
{
	if (m->cat->n == 0 || menu_matches(m, m->cat->lessons[m->selected]))
		return;
	m->selected = menu_next(m, m->selected, 1);
	if (!menu_matches(m, m->cat->lessons[m->selected]))
		m->selected = menu_next(m, m->selected, -1);
}

/* Set up the menu. */
void
menu_init(struct menu *m, const struct catalog *cat,
    const struct progress *pr, enum lang lang)
{
	size_t	i;

	memset(m, 0, sizeof *m);
	m->cat = cat;
	m->progress = pr;
	m->lang = lang;
	for (i = 0; i < cat->n; i++) {
		if (!progress_done(pr, cat->lessons[i]->id)) {
			m->selected = i;
			return;
		}
	}
}

/* The rows of the list: a chapter heading before each chapter's first
 * matching lesson. Fills kind (0 heading, 1 lesson) and what; returns n. */
static size_t
menu_rows(const struct menu *m, int *kind, size_t *what, size_t max)
{
	size_t	i, n = 0;
	int	chapter = 0;

	for (i = 0; i < m->cat->n && n + 2 <= max; i++) {
		if (!menu_matches(m, m->cat->lessons[i]))
			continue;
		if (m->cat->lessons[i]->chapter != chapter) {
			chapter = m->cat->lessons[i]->chapter;
			kind[n] = 0;
			what[n++] = (size_t)chapter;
		}
		kind[n] = 1;
		what[n++] = i;
	}
	return (n);
}

/* The rows of the list a page moves: those the menu shows. */
static int
menu_page(const struct menu *m)
{
	return (m->rows > MENU_FRAME_ROWS ? m->rows - MENU_FRAME_ROWS : 1);
}

/* Select the lesson on row `row` of the list (clamped to it), or the
 * lesson just under it when it is a chapter heading: Home is row 0, End
 * the last, a page the rows shown from the selected one. */
static void
menu_select_row(struct menu *m, long row)
{
	int	kind[MENU_MAX_ROWS];
	size_t	what[MENU_MAX_ROWS], n;

	n = menu_rows(m, kind, what, MENU_MAX_ROWS);
	if (n == 0)
		return;
	if (row < 0)
		row = 0;
	if ((size_t)row >= n)
		row = (long)n - 1;
	if (kind[row] == 0)
		row++;
	m->selected = what[row];
}

/* The row of the list the selected lesson is on (0 when it shows none). */
static long
menu_selected_row(const struct menu *m)
{
	int	kind[MENU_MAX_ROWS];
	size_t	what[MENU_MAX_ROWS], n, i;

	n = menu_rows(m, kind, what, MENU_MAX_ROWS);
	for (i = 0; i < n; i++) {
		if (kind[i] == 1 && what[i] == m->selected)
			return ((long)i);
	}
	return (0);
}

/* Typing into the filter. */
static enum menu_result
menu_filter_key(struct menu *m, int ch)
{
	size_t	len = strlen(m->filter);
	char	utf8[8];
	int	n;

	if (ch == KEYS_ENTER) {
		m->filtering = 0;
		return (MENU_HANDLED);
	}
	if (ch == KEYS_ESC) {
		m->filtering = 0;
		m->filter[0] = '\0';
		return (MENU_HANDLED);
	}
	if (ch == KEYS_BACKSPACE) {
		while (len > 0 && (m->filter[len - 1] & 0xc0) == 0x80)
			len--;
		if (len > 0)
			len--;
		m->filter[len] = '\0';
	} else if (ch >= ' ' && ch < KEYS_UP) {
		n = (int)wctomb(utf8, (wchar_t)ch);
		if (n > 0 && len + (size_t)n < sizeof m->filter) {
			memcpy(m->filter + len, utf8, (size_t)n);
			m->filter[len + (size_t)n] = '\0';
		}
	} else
		return (MENU_IGNORED);
	menu_fix_selection(m);
	return (MENU_HANDLED);
}

/* Handle a key. */
enum menu_result
menu_key(struct menu *m, int ch)
{
	m->message = NULL;
	if (m->filtering)
		return (menu_filter_key(m, ch));
	if (m->help || m->skipped) {
		m->help = m->skipped = 0;
		return (MENU_HANDLED);
	}
	if (ch == KEYS_DOWN || ch == 'j')
		m->selected = menu_next(m, m->selected, 1);
	else if (ch == KEYS_UP || ch == 'k')
		m->selected = menu_next(m, m->selected, -1);
	else if (ch == KEYS_HOME)
		menu_select_row(m, 0);
	else if (ch == KEYS_END)
		menu_select_row(m, MENU_MAX_ROWS);
	else if (ch == KEYS_PAGE_UP)
		menu_select_row(m, menu_selected_row(m) - menu_page(m));
	else if (ch == KEYS_PAGE_DOWN)
		menu_select_row(m, menu_selected_row(m) + menu_page(m));
	else if (ch == KEYS_ENTER)
		return (m->cat->n > 0 && menu_matches(m,
		    m->cat->lessons[m->selected]) ? MENU_OPEN : MENU_HANDLED);
	else if (ch == '/') {
		m->filtering = 1;
		m->filter[0] = '\0';
	} else if (ch == KEYS_ESC)
		m->filter[0] = '\0';
	else if (ch == '?')
		m->help = 1;
	else if (ch == 'w' && m->cat->nskipped > 0)
		m->skipped = 1;
	else if (ch == 'q')
		return (MENU_QUIT);
	else
		return (MENU_IGNORED);
	return (MENU_HANDLED);
}

/* Handle the mouse: what a click is on comes from the hit map menu_draw
 * recorded. */
enum menu_result
menu_mouse(struct menu *m, int y, int x, enum keys_mouse button)
{
	enum draw_hit_kind	kind;
	uint64_t		value;

	if (button != KEYS_CLICK)
		return (menu_key(m, button == KEYS_WHEEL_UP ? KEYS_UP :
		    KEYS_DOWN));
	if (!draw_hit_at(y, x, &kind, &value) || kind != HIT_LESSON ||
	    value >= m->cat->n)
		return (MENU_IGNORED);
	m->message = NULL;
	m->filtering = 0;
	if (value == m->selected)
		return (MENU_OPEN);
	m->selected = (size_t)value;
	return (MENU_HANDLED);
}

/* One lesson row: its mark, title, the guesses right out of those asked
 * in its last completed run, and its summary. */
static void
menu_row(const struct menu *m, size_t i, int y, int cols)
{
	const struct lesson	*l = m->cat->lessons[i];
	const struct glyphs	*g = theme_glyphs();
	struct progress_score	 sc;
	char			 score[16];
	int			 sel = i == m->selected, attr, tw, col;
	int			 done = progress_done(m->progress, l->id);

	attr = theme_attr(sel ? ROLE_SELECT : ROLE_NORMAL);
	draw_fill(y, 0, cols, attr);
	draw_hit(y, 0, cols, HIT_LESSON, i);
	draw_text(y, 1, 2, attr, sel ? g->pointer : " ");
	draw_text(y, 3, 2, done ? theme_attr(sel ? ROLE_SELECT : ROLE_OK) :
	    attr, done ? g->check : " ");
	col = 5;
	tw = cols / 2 - col - 1;
	draw_text(y, col, tw, attr | draw_bold, lesson_text(&l->title, m->lang));
	col += tw + 1;
	score[0] = '\0';
	if (progress_score(m->progress, l->id, &sc) == 0 && sc.asked > 0)
		snprintf(score, sizeof score, "%d/%d", sc.right, sc.asked);
	draw_text(y, col, MENU_SCORE_COLS, done ? theme_attr(sel ?
	    ROLE_SELECT : ROLE_OK) : attr, score);
	col += MENU_SCORE_COLS + 1;
	draw_text(y, col, cols - col - 1, sel ? attr : theme_attr(ROLE_DIM),
	    lesson_text(&l->summary, m->lang));
}

/* A chapter heading: a folder's own chapter has a title, no number. */
static void
menu_heading(const struct menu *m, int chapter, int y, int cols)
{
	const struct text	*t = catalog_chapter_title(m->cat, chapter);
	char			 buf[256];
	const char		*s = buf;

	if (chapter >= CATALOG_CHAPTER_OWN)
		s = t != NULL ? lesson_text(t, m->lang) : uitext(chapter ==
		    CATALOG_CHAPTER_OWN ? UI_CHAPTER_OWN : UI_CHAPTER_SHARED,
		    m->lang);
	else if (t != NULL)
		uitextf(buf, sizeof buf, UI_CHAPTER_TITLED, m->lang, chapter,
		    lesson_text(t, m->lang));
	else
		uitextf(buf, sizeof buf, UI_CHAPTER, m->lang, chapter);
	draw_text(y, 1, cols - 2, theme_attr(ROLE_HEADING), s);
}

/* The page of the files skipped, each with why, as far as they fit. */
static void
menu_draw_skipped(const struct menu *m, int rows, int cols)
{
	size_t	i;
	int	y = 2;

	draw_text(y++, 2, cols - 4, theme_attr(ROLE_HEADING),
	    uitext(UI_SKIPPED_TITLE, m->lang));
	for (i = 0; i < m->cat->nskipped && y + 1 < rows; i++)
		y += draw_wrapped(y + 1, 2, cols - 4, rows - y - 2,
		    theme_attr(ROLE_NORMAL), m->cat->skipped[i]) + 1;
}

/* The note line: the filter, a message, a problem saving progress, or
 * that lesson files were skipped. */
static void
menu_draw_note(const struct menu *m, int cols)
{
	char	note[512];
	int	r;

	if (m->filtering || m->filter[0] != '\0') {
		r = draw_text(1, 1, cols - 2, theme_attr(ROLE_NOTE),
		    uitext(UI_FILTER, m->lang));
		draw_text(1, 1 + r, cols - 2 - r, theme_attr(ROLE_NOTE) |
		    draw_underline, m->filter);
	} else if (m->message != NULL)
		draw_text(1, 1, cols - 2, theme_attr(ROLE_NOTE), m->message);
	else if (progress_problem(m->progress) != NULL)
		draw_text(1, 1, cols - 2, theme_attr(ROLE_NOTE),
		    uitextf(note, sizeof note, UI_MSG_SAVE_FAILED, m->lang,
		    progress_problem(m->progress)));
	else if (m->cat->nskipped == 1)
		draw_text(1, 1, cols - 2, theme_attr(ROLE_NOTE),
		    uitext(UI_SKIPPED_ONE, m->lang));
	else if (m->cat->nskipped > 1)
		draw_text(1, 1, cols - 2, theme_attr(ROLE_NOTE),
		    uitextf(note, sizeof note, UI_SKIPPED_MANY, m->lang,
		    (int)m->cat->nskipped));
}

/* Draw the menu. */
void
menu_draw(const struct menu *m, int rows, int cols)
{
	struct draw_key	 keys[8];
	int		 kind[MENU_MAX_ROWS], y, list, first = 0, r, n_keys;
	int		 sel_row;
	size_t		 what[MENU_MAX_ROWS], n, i;
	enum lang	 lg = m->lang;
	const struct lesson *l;

	draw_erase();
	draw_fill(0, 0, cols, theme_attr(ROLE_BAR));
	draw_text(0, 1, cols - 2, theme_attr(ROLE_BAR) | draw_bold,
	    uitext(UI_APP_TITLE, lg));
	if (m->help) {
		draw_wrapped(2, 2, cols - 4, rows - 3, theme_attr(ROLE_NORMAL),
		    uitext(UI_MENU_HELP, lg));
		return;
	}
	if (m->skipped) {
		menu_draw_skipped(m, rows, cols);
		return;
	}
	n = menu_rows(m, kind, what, MENU_MAX_ROWS);
	list = rows - MENU_FRAME_ROWS;
	sel_row = (int)menu_selected_row(m);
	if (sel_row >= list)
		first = sel_row - list + 1;
	for (r = 0, y = 2; r < list && (size_t)(first + r) < n; r++, y++) {
		i = (size_t)(first + r);
		if (kind[i] == 0)
			menu_heading(m, (int)what[i], y, cols);
		else
			menu_row(m, what[i], y, cols);
	}
	if (n == 0)
		draw_text(3, 2, cols - 4, theme_attr(ROLE_NOTE),
		    uitext(UI_NO_MATCH, lg));
	else {
		l = m->cat->lessons[m->selected];
		draw_hline(rows - 4, 0, cols, theme_attr(ROLE_BORDER));
		draw_wrapped(rows - 3, 1, cols - 2, 2, theme_attr(ROLE_NORMAL),
		    lesson_text(&l->summary, lg));
	}
	menu_draw_note(m, cols);
	n_keys = 0;
	keys[n_keys++] = (struct draw_key){ "Up/Dn", uitext(UI_K_MOVE, lg) };
	keys[n_keys++] = (struct draw_key){ "Enter", uitext(UI_K_OPEN, lg) };
	keys[n_keys++] = (struct draw_key){ "/", uitext(UI_K_FILTER, lg) };
	if (theme_utf8())
		keys[n_keys++] = (struct draw_key){ "L",
		    uitext(UI_K_LANG, lg) };
	keys[n_keys++] = (struct draw_key){ "?", uitext(UI_K_HELP, lg) };
	keys[n_keys++] = (struct draw_key){ "q", uitext(UI_K_QUIT, lg) };
	draw_keys(rows - 1, 0, cols, keys, n_keys);
}
