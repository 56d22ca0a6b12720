/*
 * ui.c: the terminal and the screens. Keys and the mouse come from stdin
 * through the loop (M gives the mouse back to the terminal, and takes it
 * again); SIGWINCH resizes; SIGINT, SIGTERM, SIGHUP and SIGQUIT end
 * everything cleanly. One redraw timer coalesces every change into a
 * single drawing, at most one a frame (a key's at once, however soon),
 * and nothing is drawn while nothing changes.
 */
#include <curses.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "base/crash.h"
#include "base/xmalloc.h"
#include "lesson/progress.h"
#include "tui/keys.h"
#include "tui/keytime.h"
#include "tui/menu.h"
#include "tui/session.h"
#include "tui/ui.h"
#include "tui/uitext.h"
#include "tui/view.h"

/* The least time between two drawings, but for a key's: a burst of
 * events, each a change, is drawn once a frame. */
#define UI_FRAME_MS	16

/* The mouse events the screens take: a left click (a press, so that a
 * click acts at once), and the wheel. */
#define UI_MOUSE_EVENTS	(BUTTON1_PRESSED | BUTTON1_CLICKED | \
	BUTTON4_PRESSED | BUTTON5_PRESSED)

struct ui {
	struct loop		*loop;
	const struct catalog	*cat;
	struct progress		 progress;
	struct menu		 menu;
	struct session		*session;
	enum lang		 lang;
	int			 speed;		/* each lesson's first */
	int			 mouse;		/* the screens take the mouse */
	const char		*note;	/* for the first lesson opened */
	struct loop_timer	 redraw_timer;
	uint64_t		 drawn_ms;	/* the last drawing, loop clock */
	struct keytime		 keytime;	/* FINWAVE_KEYTIME's */
};

static SCREEN	*ui_screen;
static char	 ui_reset[256];	/* what gives the terminal back on a crash */

/* Restore the terminal; also runs at exit, whatever the path. */
static void
ui_restore(void)
{
	if (ui_screen == NULL)
		return;
	crash_terminal_done();
	endwin();
	delscreen(ui_screen);
	ui_screen = NULL;
}

/* Ask for a redraw (coalesced): at once, or a frame after the last. */
static void
ui_dirty(void *arg)
{
	struct ui	*ui = arg;
	uint64_t	 since = loop_ms(ui->loop) - ui->drawn_ms;

	if (!ui->redraw_timer.armed)
		loop_timer_arm(ui->loop, &ui->redraw_timer,
		    since < UI_FRAME_MS ? UI_FRAME_MS - since : 0);
}

/* Draw the current screen. */
static void
ui_redraw(void *arg)
{
	struct ui	*ui = arg;
	int		 rows, cols;

	getmaxyx(stdscr, rows, cols);
	if (rows < VIEW_MIN_ROWS || cols < VIEW_MIN_COLS)
		view_draw_too_small(ui->lang, rows, cols);
	else if (ui->session != NULL)
		session_draw(ui->session, rows, cols);
	else
		menu_draw(&ui->menu, rows, cols);
	refresh();
	ui->drawn_ms = loop_ms(ui->loop);
	keytime_shown(&ui->keytime);
}

/* A lesson was completed: remember it, with the run's score. */
static void
ui_completed(const char *id, const struct progress_score *score, void *arg)
{
	struct ui	*ui = arg;
	char		*cause = NULL, buf[320];

	if (progress_mark(&ui->progress, id, score, &cause) == 0)
		session_message(ui->session, uitext(UI_SAVED, ui->lang));
	else {
		session_message(ui->session, uitextf(buf, sizeof buf,
		    UI_MSG_SAVE_FAILED, ui->lang, cause));
		free(cause);
	}
}

/* The lesson after the open one in curriculum order, or NULL (the last,
 * or one opened by its path from outside the catalogue). */
static const struct lesson *
ui_next_lesson(void *arg)
{
	struct ui	*ui = arg;

	return (ui->menu.selected + 1 < ui->cat->n ?
	    ui->cat->lessons[ui->menu.selected + 1] : NULL);
}

static const struct session_hooks ui_session_hooks = {
	ui_dirty,
	ui_completed,
	ui_next_lesson
};

/* Open the menu's selected lesson. */
static void
ui_open(struct ui *ui)
{
	ui->session = session_new(ui->loop, ui->cat->lessons[
	    ui->menu.selected], ui->lang, &session_runner_lab, &ui_session_hooks,
	    ui);
	session_set_speed(ui->session, ui->speed);
	if (ui->note != NULL)
		session_message(ui->session, ui->note);
	ui->note = NULL;
}

/* Close the lesson (ending its lab) and go back to the menu. */
static void
ui_close(struct ui *ui)
{
	session_free(ui->session);
	ui->session = NULL;
}

/* Say something in the status line: the lesson's, or the menu's. */
static void
ui_say(struct ui *ui, const char *what)
{
	if (ui->session != NULL)
		session_message(ui->session, what);
	else
		ui->menu.message = what;
}

/* L: switch the language, where the locale can show Chinese. */
static void
ui_switch_lang(struct ui *ui)
{
	if (ui->lang == LANG_EN && !theme_utf8()) {
		ui_say(ui, uitext(UI_MSG_NO_UTF8, LANG_EN));
		return;
	}
	ui->lang = ui->lang == LANG_EN ? LANG_ZH : LANG_EN;
	ui->menu.lang = ui->lang;
	ui->menu.message = NULL;	/* in the language left */
	if (ui->session != NULL)
		session_set_lang(ui->session, ui->lang);
}

/* A key as curses read it (fn: a KEY_ code), in the program's own codes. */
static int
ui_key_code(wint_t wch, int fn)
{
	if (!fn)
		return (wch == '\r' ? KEYS_ENTER : wch == 8 ? KEYS_BACKSPACE :
		    (int)wch);
	switch (wch) {
	case KEY_UP:
		return (KEYS_UP);
	case KEY_DOWN:
		return (KEYS_DOWN);
	case KEY_LEFT:
		return (KEYS_LEFT);
	case KEY_RIGHT:
		return (KEYS_RIGHT);
	case KEY_PPAGE:
		return (KEYS_PAGE_UP);
	case KEY_NPAGE:
		return (KEYS_PAGE_DOWN);
	case KEY_HOME:
	case KEY_A1:
		return (KEYS_HOME);
	case KEY_END:
	case KEY_C1:
		return (KEYS_END);
	case KEY_ENTER:
		return (KEYS_ENTER);
	case KEY_BACKSPACE:
		return (KEYS_BACKSPACE);
	default:
		return (KEYS_OTHER);
	}
}

/* What a key or a click in the open lesson asks for: back to the menu,
 * or on to the next lesson (the session is freed only once its key
 * returned). */
static void
ui_session_result(struct ui *ui, enum session_result r)
{
	switch (r) {
	case SESSION_MENU:
		ui_close(ui);
		break;
	case SESSION_NEXT:
		ui_close(ui);
		ui->menu.selected++;
		ui_open(ui);
		break;
	case SESSION_HANDLED:
	case SESSION_IGNORED:
		break;
	}
}

/* Take the mouse, or give it back to the terminal (to select text). */
static void
ui_set_mouse(int on)
{
	mousemask(on ? UI_MOUSE_EVENTS : 0, NULL);
}

/* M: give the mouse back to the terminal, or take it again, and say
 * what that does. */
static void
ui_toggle_mouse(struct ui *ui)
{
	ui->mouse = !ui->mouse;
	ui_set_mouse(ui->mouse);
	ui_say(ui, uitext(ui->mouse ? UI_MSG_MOUSE_ON : UI_MSG_MOUSE_OFF,
	    ui->lang));
}

/* What a key or a click in the menu asks for. */
static void
ui_menu_result(struct ui *ui, enum menu_result r)
{
	switch (r) {
	case MENU_OPEN:
		ui_open(ui);
		break;
	case MENU_QUIT:
		loop_break(ui->loop);
		break;
	case MENU_HANDLED:
	case MENU_IGNORED:
		break;
	}
}

/* Whether the screen is large enough for the views (else it says so). */
static int
ui_fits(int rows, int cols)
{
	return (rows >= VIEW_MIN_ROWS && cols >= VIEW_MIN_COLS);
}

/* One key. */
static void
ui_key(struct ui *ui, int ch)
{
	int	rows, cols;

	getmaxyx(stdscr, rows, cols);
	if (!ui_fits(rows, cols)) {
		if (ch == 'q')
			loop_break(ui->loop);
		return;
	}
	if (ch == 'L' && !ui->menu.filtering) {
		ui_switch_lang(ui);
		return;
	}
	if (ch == 'M' && !ui->menu.filtering) {
		ui_toggle_mouse(ui);
		return;
	}
	if (ui->session != NULL) {
		ui_session_result(ui, session_key(ui->session, ch));
		return;
	}
	ui->menu.rows = rows;
	ui_menu_result(ui, menu_key(&ui->menu, ch));
}

/* A mouse event, as curses read it: the wheel, or a left click on what
 * the screen drawn last shows there. */
static void
ui_mouse(struct ui *ui)
{
	MEVENT			ev;
	enum keys_mouse		button;
	int			rows, cols;

	getmaxyx(stdscr, rows, cols);
	if (getmouse(&ev) != OK || !ui_fits(rows, cols))
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		button = KEYS_WHEEL_UP;
	else if (ev.bstate & BUTTON5_PRESSED)
		button = KEYS_WHEEL_DOWN;
	else if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		button = KEYS_CLICK;
	else
		return;
	if (ui->session != NULL)
		ui_session_result(ui, session_mouse(ui->session, ev.y, ev.x,
		    button));
	else {
		ui->menu.rows = rows;
		ui_menu_result(ui, menu_mouse(&ui->menu, ev.y, ev.x, button));
	}
}

/* Keys are waiting on stdin. */
static void
ui_input(int fd, short revents, void *arg)
{
	struct ui	*ui = arg;
	wint_t		 wch;
	int		 r, key;

	(void)fd;
	if (revents & (POLLHUP | POLLERR)) {
		loop_break(ui->loop);
		return;
	}
	while ((r = get_wch(&wch)) != ERR) {
		if (r == KEY_CODE_YES && wch == KEY_RESIZE)
			continue;
		if (r == KEY_CODE_YES && wch == KEY_MOUSE)
			ui_mouse(ui);
		else {
			key = ui_key_code(wch, r == KEY_CODE_YES);
			keytime_read(&ui->keytime, key);
			ui_key(ui, key);
		}
	}
	/* What a key did is drawn now, not a frame later. */
	loop_timer_arm(ui->loop, &ui->redraw_timer, 0);
}

/* SIGWINCH: take the new size. */
static void
ui_resize(int signo, void *arg)
{
	struct winsize	ws;

	(void)signo;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	ui_dirty(arg);
}

/* SIGINT, SIGTERM, SIGHUP, SIGQUIT: stop; the lab ends on the way out. */
static void
ui_quit(int signo, void *arg)
{
	struct ui	*ui = arg;

	(void)signo;
	loop_break(ui->loop);
}

/* Whether a terminfo string capability is there. */
static int
ui_has_cap(const char *s)
{
	return (s != NULL && s != (char *)-1);
}

/* Add s to what a crash writes, if it fits. */
static void
ui_reset_add(const char *s)
{
	if (strlen(ui_reset) + strlen(s) < sizeof ui_reset)
		strcat(ui_reset, s);
}

/* The bytes that leave the alternate screen, show the cursor, reset the
 * attributes and the keypad and stop the mouse reports, for a crash to
 * write (crash.c). The mouse is stopped as curses stops it: with the
 * terminal's XM, else xterm's sequence, where the terminal reports one. */
static void
ui_prepare_crash_reset(void)
{
	static const char	*caps[] = { "rmcup", "cnorm", "sgr0", "rmkx" };
	const char		*s;
	size_t			 i;

	ui_reset[0] = '\0';
	for (i = 0; i < sizeof caps / sizeof caps[0]; i++) {
		if (ui_has_cap(s = tigetstr(caps[i])))
			ui_reset_add(s);
	}
	if (!ui_has_cap(tigetstr("kmous")))
		return;
	s = tigetstr("XM");
	ui_reset_add(ui_has_cap(s) ? tiparm(s, 0) : "\033[?1000l");
}

/* Say that the terminal cannot be used; -1. */
static int
ui_cannot_use(void)
{
	fprintf(stderr, "finwave: cannot use the terminal '%s'\n",
	    getenv("TERM") != NULL ? getenv("TERM") : "");
	return (-1);
}

/* Whether the terminal can show the view: known to terminfo and able to
 * place the cursor anywhere (TERM=dumb cannot); -1 and a message saying
 * what is needed otherwise. */
static int
ui_terminal_usable(void)
{
	const char	*term = getenv("TERM"), *cup;
	int		 err, ok;

	if (setupterm(NULL, STDOUT_FILENO, &err) == ERR)
		return (ui_cannot_use());
	cup = tigetstr("cup");
	ok = ui_has_cap(cup);
	del_curterm(cur_term);
	if (ok)
		return (0);
	fprintf(stderr, "finwave: the terminal '%s' cannot move the cursor, "
	    "and the interactive view needs one that can (TERM=xterm-256color,"
	    " for example); 'finwave play LESSON' prints a transcript "
	    "instead\n", term != NULL ? term : "");
	return (-1);
}

/* Start curses; NULL and a message on stderr when the terminal cannot. */
static int
ui_start_terminal(enum theme_name theme)
{
	struct termios	saved;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("finwave: the interactive view needs a terminal; "
		    "'finwave play LESSON' prints a transcript instead\n",
		    stderr);
		return (-1);
	}
	if (ui_terminal_usable() == -1)
		return (-1);
	if (tcgetattr(STDIN_FILENO, &saved) == -1 ||
	    (ui_screen = newterm(NULL, stdout, stdin)) == NULL)
		return (ui_cannot_use());
	atexit(ui_restore);
	ui_prepare_crash_reset();
	crash_terminal(STDOUT_FILENO, &saved, ui_reset);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mouseinterval(0);
	ui_set_mouse(1);
	theme_init(theme);
	return (0);
}

/* Run the TUI. */
int
ui_run(const struct catalog *cat, int open, const struct language *lang,
    const struct ui_options *opts)
{
	struct ui	 ui;
	const char	*note = NULL;
	char		*cause = NULL;

	memset(&ui, 0, sizeof ui);
	ui.cat = cat;
	ui.lang = lang->lang;
	ui.speed = opts->speed;
	if (ui.lang == LANG_ZH && !theme_utf8()) {
		ui.lang = LANG_EN;
		note = uitext(UI_MSG_NO_UTF8, LANG_EN);
	} else if (lang->traditional)
		note = uitext(UI_MSG_TRADITIONAL, ui.lang);
	/* A bench that asks for the times gets them, or no screen. */
	if (keytime_open(&ui.keytime, getenv("FINWAVE_KEYTIME"), &cause) ==
	    -1) {
		fprintf(stderr, "finwave: FINWAVE_KEYTIME: %s\n", cause);
		free(cause);
		return (1);
	}
	ui.loop = loop_new();
	if (ui_start_terminal(opts->theme) == -1) {
		keytime_close(&ui.keytime);
		loop_free(ui.loop);
		return (1);
	}
	ui.mouse = 1;
	progress_load(&ui.progress);
	menu_init(&ui.menu, cat, &ui.progress, ui.lang);
	/* What the language choice needs said, on the first screen. */
	if (open < 0)
		ui.menu.message = note;
	else
		ui.note = note;
	loop_timer_init(&ui.redraw_timer, ui_redraw, &ui);
	loop_add_fd(ui.loop, STDIN_FILENO, POLLIN, ui_input, &ui);
	loop_add_signal(ui.loop, SIGINT, ui_quit, &ui);
	loop_add_signal(ui.loop, SIGTERM, ui_quit, &ui);
	loop_add_signal(ui.loop, SIGHUP, ui_quit, &ui);
	loop_add_signal(ui.loop, SIGQUIT, ui_quit, &ui);
	loop_add_signal(ui.loop, SIGWINCH, ui_resize, &ui);
	if (open >= 0) {
		ui.menu.selected = (size_t)open;
		ui_open(&ui);
	}
	ui_dirty(&ui);
	loop_run(ui.loop);

	if (ui.session != NULL)
		ui_close(&ui);
	loop_timer_disarm(ui.loop, &ui.redraw_timer);
	ui_restore();
	keytime_close(&ui.keytime);
	progress_free(&ui.progress);
	loop_free(ui.loop);
	return (0);
}
