/*
 * session.h: one lesson open in the TUI. It owns the runner (and so the
 * lab), turns keys into steps and free-play actions, reveals the timeline
 * at the pace of the animation, and fills the view model the lesson view
 * is drawn from. Idle means idle: its only timers are the animation's
 * frames while an arrow moves and a countdown's one tick a second.
 */
#ifndef SESSION_H
#define SESSION_H

#include "base/loop.h"
#include "lesson/lesson.h"

struct session;

struct session_hooks {
	/* Something on screen changed: redraw soon. */
	void	(*dirty)(void *arg);
	/* Every step ran and every expectation held. */
	void	(*completed)(const char *id, void *arg);
};

enum session_result {
	SESSION_HANDLED,
	SESSION_MENU,		/* q: back to the menu */
	SESSION_IGNORED
};

/* Open a lesson: build its lab and run its setup. A lab that cannot be
 * built is shown as an error in the view, not returned. */
struct session		*session_new(struct loop *, const struct lesson *,
			    enum lang, const struct session_hooks *, void *);
/* End the lab (no endpoint outlives this) and free the session. */
void			 session_free(struct session *);
/* Handle a key: a character, or one of enum keys. */
enum session_result	 session_key(struct session *, int ch);
/* Switch the language of the narration. */
void			 session_set_lang(struct session *, enum lang);
/* Show a message in the status line until the next key or a few seconds. */
void			 session_message(struct session *, const char *);
/* Draw the lesson view (rows x cols). */
void			 session_draw(struct session *, int rows, int cols);

#endif
