/*
 * session_mouse.c: what a click does in a lesson: on a choice, what its
 * digit does; on an arrow, select it; on the step that runs next, run it.
 * What is where comes from the hit map the view recorded as it was drawn.
 * Like a key, a click changes the session and never draws.
 */
#include <stdint.h>

#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/session_parts.h"

/* Select the arrow of event seq, as Up and Down would: a row of the lane
 * among the events shown (a held or lost one too). */
static enum session_result
session_click_arrow(struct session *s, uint64_t seq)
{
	session_rebuild(s);
	if (scene_arrow_find(&s->scene, s->lab->timeline(s->runner), seq) < 0)
		return (SESSION_IGNORED);
	s->message[0] = '\0';
	s->model.selected_seq = seq;
	return (SESSION_HANDLED);
}

/* A click on a thing of the view. */
enum session_result
session_click(struct session *s, enum draw_hit_kind kind, uint64_t value)
{
	if (s->runner == NULL)
		return (SESSION_IGNORED);
	switch (kind) {
	case HIT_CHOICE:
		if (value < 1 || value > 9)
			return (SESSION_IGNORED);
		return (session_key(s, '0' + (int)value));
	case HIT_ARROW:
		return (session_click_arrow(s, value));
	case HIT_STEP:
		if (s->back >= 0 || value != session_upcoming(s) ||
		    value >= s->lesson->nsteps)
			return (SESSION_IGNORED);
		return (session_key(s, s->lesson->steps[value].key));
	case HIT_LESSON:
		break;
	}
	return (SESSION_IGNORED);
}

/* The mouse at (y, x): the wheel is Up and Down, a click what it is on. */
enum session_result
session_mouse(struct session *s, int y, int x, enum keys_mouse button)
{
	enum draw_hit_kind	kind;
	uint64_t		value;

	if (button != KEYS_CLICK)
		return (session_key(s, button == KEYS_WHEEL_UP ? KEYS_UP :
		    KEYS_DOWN));
	if (!draw_hit_at(y, x, &kind, &value))
		return (SESSION_IGNORED);
	return (session_click(s, kind, value));
}
