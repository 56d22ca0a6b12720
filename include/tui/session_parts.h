/*
 * session_parts.h: the session's insides, shared by session.c (the lab,
 * the pace of the reveal and the view model), session_keys.c (what each
 * key does) and session_mouse.c (what a click does) and by nothing else.
 */
#ifndef SESSION_PARTS_H
#define SESSION_PARTS_H

#include "model/scene.h"
#include "run/runner.h"
#include "tui/narration.h"
#include "tui/session.h"
#include "tui/viewmodel.h"

/* What the narration tells: a step, under way or not, at a point. */
struct session_told {
	size_t	step;		/* viewmodel_told_step */
	int	running;
	int	back;		/* -1 live, else the step end looked at */
};

struct session_free;

struct session {
	struct loop			*loop;
	const struct lesson		*lesson;
	const struct session_hooks	*hooks;
	void				*arg;
	const struct session_lab	*lab;		/* a runner, a test's */
	struct runner			*runner;
	struct timeline			*no_lab;	/* empty, shown without one */
	char				*lab_error;

	struct view_model		 model;
	struct scene			 scene;
	uint64_t			 scene_seq;	/* seq of its last event */
	char				*guesses;
	uint64_t			*step_ends;	/* per step: the seq of the
							 * newest event when it
							 * settled */

	uint64_t			 shown_seq;	/* last revealed, or
							 * VIEW_NO_EVENT */
	double				 progress_ms;	/* of the arrow in flight */
	uint64_t			 last_frame_ms;
	int				 speed_index;
	int				 back;		/* -1 live, else a step end */
	int				 running;
	size_t				 queued;	/* steps to run after this one */
	const struct session_free	*pending;	/* a free-play key typed
							 * while the kernel was
							 * settling, or NULL ... */
	int				 pending_ep;	/* ... on this endpoint */
	size_t				 stopped_at;	/* the step whose question
							 * keys typed ahead
							 * stopped at, or
							 * SIZE_MAX */
	int				 step_running;	/* a lesson step, not setup */
	char				 message[256];
	int				 rows;		/* the screen's, at the
							 * last drawing */
	struct narration_fit		 narration_fit;	/* ... and how its
							 * narration fitted */
	struct session_told		 told;		/* what the narration
							 * told when it was
							 * scrolled */

	struct loop_timer		 frame_timer;
	struct loop_timer		 tick_timer;
	struct loop_timer		 message_timer;
};

/* session.c */
void	session_dirty(struct session *);
size_t	session_shown(struct session *);
int	session_busy(struct session *);
void	session_rebuild(struct session *);
void	session_start(struct session *);
void	session_stop(struct session *);
void	session_change_speed(struct session *, int dir);
void	session_pause(struct session *);

/* session_save.c */
void	session_save(struct session *);

/* session_keys.c */
void	session_run_step(struct session *);
void	session_act_pending(struct session *);
size_t	session_upcoming(struct session *);

#endif
