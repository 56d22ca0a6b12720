/*
 * session.h: one lesson open in the TUI. It owns the run (and so the
 * lab), turns keys into steps and free-play actions, reveals the timeline
 * at the pace of the animation, and fills the view model the lesson view
 * is drawn from. Idle means idle: its only timers are the animation's
 * frames while an arrow moves, the status message's, and the countdown's
 * tick when the time left it shows changes (each second, each tenth below
 * 10 s; each second for the time left to run a step with a deadline). The run is reached through struct session_lab and time through
 * the loop's clock, so a test can drive a session with a scripted
 * timeline and keys, and no lab.
 */
#ifndef SESSION_H
#define SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "base/loop.h"
#include "lesson/lesson.h"
#include "lesson/progress.h"
#include "run/runner.h"
#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/viewmodel.h"

struct session;

/* What the session asks of a lesson's run: the runner's own functions
 * (session_runner_lab), or a test's stand-ins for them. */
struct session_lab {
	struct runner		*(*open)(struct loop *, const struct lesson *,
				    const struct runner_options *,
				    const struct runner_view *, void *arg,
				    int *unsupported, char **cause);
	void			 (*start)(struct runner *);
	void			 (*free)(struct runner *);
	const struct timeline	*(*timeline)(struct runner *);
	void			 (*run_step)(struct runner *, size_t step);
	void			 (*act)(struct runner *, const struct action *,
				    size_t, const char *label);
	int			 (*wire_stepping)(struct runner *, int on,
				    char **cause);
	int			 (*wire_is_stepping)(struct runner *);
	size_t			 (*wire_held)(struct runner *);
	int			 (*wire_next)(struct runner *, int deliver);
	int			 (*pid)(struct runner *, int ep);
	int			 (*alive)(struct runner *, int ep);
	uint64_t		 (*now_ns)(struct runner *);
	void			 (*deadline)(struct runner *, size_t step,
				    struct runner_deadline *);
	const struct framelog	*(*frames)(struct runner *);
};

/* A real lab: runner.h's functions. */
extern const struct session_lab	session_runner_lab;

struct session_hooks {
	/* Something on screen changed: redraw soon. */
	void	(*dirty)(void *arg);
	/* Every step ran and every expectation held; the run's score. */
	void	(*completed)(const char *id, const struct progress_score *,
		    void *arg);
	/* The lesson after this one in curriculum order, or NULL: what
	 * Space offers once every step has run (SESSION_NEXT opens it). */
	const struct lesson	*(*next)(void *arg);
};

/* What a key asks for next. */
enum session_result {
	SESSION_HANDLED,	/* the session changed: redraw */
	SESSION_MENU,		/* q: back to the menu */
	SESSION_NEXT,		/* Space at the end: open the next lesson */
	SESSION_IGNORED		/* not a key of the lesson view */
};

/* Open a lesson: build its lab and run its setup. A lab that cannot be
 * built is shown as an error in the view, not returned. */
struct session		*session_new(struct loop *, const struct lesson *,
			    enum lang, const struct session_lab *,
			    const struct session_hooks *, void *);
/* The speed, in percent, that "0.25", "0.5", "1", "2" or "4" names (the
 * view's speeds, as its title bar shows them), or -1. */
int			 session_speed_parse(const char *);
/* Run the animation at percent, one of the speeds. */
void			 session_set_speed(struct session *, int percent);
/* End the lab (no endpoint outlives this) and free the session. */
void			 session_free(struct session *);
/* Handle a key: a character, or one of enum keys. Draws nothing. */
enum session_result	 session_key(struct session *, int key);
/* A click on a thing of the lesson view: a choice does what its digit
 * does, an arrow is selected as Up and Down select one, the step the next
 * step key runs is run; anything else is ignored. Draws nothing. */
enum session_result	 session_click(struct session *, enum draw_hit_kind,
			    uint64_t value);
/* Handle the mouse at (y, x) of the view drawn last: a click on what the
 * hit map has there (session_click), the wheel as Up and Down. */
enum session_result	 session_mouse(struct session *, int y, int x,
			    enum keys_mouse);
/* Switch the language of the narration. */
void			 session_set_lang(struct session *, enum lang);
/* Show a message in the status line until the next key or a few seconds. */
void			 session_message(struct session *, const char *);
/* Bring the view model up to date for a screen of rows rows; it stays
 * the session's, valid until the session changes. */
const struct view_model	*session_model(struct session *, int rows);
/* Draw the lesson view (rows x cols) from session_model(). */
void			 session_draw(struct session *, int rows, int cols);

#endif
