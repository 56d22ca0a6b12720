/*
 * viewmodel.h: everything the lesson view is drawn from, and nothing the
 * drawing could change: the lesson, the timeline and the scene at the
 * point shown, the arrow in flight, the learner's selections. The session
 * fills it; tests fill it by hand and compare the drawing with golden
 * text. The drawing modules (view, pane, lane, overlay) include this, not
 * each other.
 */
#ifndef VIEWMODEL_H
#define VIEWMODEL_H

#include <stddef.h>
#include <stdint.h>

#include "lesson/lesson.h"
#include "lesson/progress.h"
#include "model/scene.h"
#include "model/timeline.h"
#include "run/runner.h"

/* The smallest terminal the views can be drawn in. */
#define VIEW_MIN_COLS	80
#define VIEW_MIN_ROWS	24

/* No event: the seq of an arrow that is not there. */
#define VIEW_NO_EVENT	UINT64_MAX

enum view_overlay {
	OVERLAY_NONE,
	OVERLAY_LOG,
	OVERLAY_DIAGRAM,
	OVERLAY_HELP
};

struct view_model {
	const struct lesson	*lesson;
	enum lang		 lang;
	const struct timeline	*tl;
	const struct scene	*scene;		/* events [0, scene->upto) */
	uint64_t		 anim_seq;	/* the arrow in flight, or
						 * VIEW_NO_EVENT */
	double			 anim_frac;	/* how far it has come, 0..1 */
	uint64_t		 now_ns;	/* the lab clock, for countdowns */
	int			 pids[LESSON_MAX_ENDPOINTS];
	int			 side[LESSON_MAX_ENDPOINTS];	/* 0 left, 1 right */
	char			 role[LESSON_MAX_ENDPOINTS][64];
	size_t			 next_step;	/* the step Space runs next */
	size_t			 steps_unshown;	/* of the steps before it, how
						 * many have events still to be
						 * revealed: the heading and
						 * narration tell the first */
	int			 running;	/* a step is running now */
	int			 looking_back;	/* showing an earlier point */
	int			 back_step;	/* ... the end of this step (-1 setup) */
	char			*guesses;	/* per step: a choice key or 0 */
	int			 stopped_at_question;	/* keys typed ahead
						 * stopped at next_step's */
	int			 selected_ep;	/* what free-play keys act on */
	uint64_t		 selected_seq;	/* seq of the selected arrow, or
						 * VIEW_NO_EVENT */
	enum view_overlay	 overlay;
	int			 log_scroll;	/* lines up from the newest */
	int			 speed;		/* percent: 25 .. 400 */
	int			 paused;
	int			 shutdown_how;	/* 's' pressed: waiting for r/w/b */
	int			 wire_stepping;	/* every segment stops on the wire */
	size_t			 wire_held;	/* segments held in flight */
	const struct lesson	*next_lesson;	/* what Space opens at the end,
						 * or NULL */
	struct progress_score	 score;		/* of the run, once every step
						 * has run and been shown */
	int			 confirm_restart; /* R pressed: waiting for y */
	struct runner_deadline	 deadline;	/* next_step's, while it can be
						 * run; need NULL: none */
	int			 narration_scroll;	/* lines down */
	int			 presenter;	/* the screen to the panes, the
						 * lane and the narration */
	const char		*message;	/* the status line, or NULL */
	const char		*lab_error;	/* the lab failed: why */
	int			 lane_times;	/* the lane shows each row's
						 * time since its step began */
};

/* The step's title in lang, or its name for people ("server reads eof");
 * the caller frees it. */
char	*viewmodel_step_title(const struct step *, enum lang);
/* Whether Space delivers a held segment now (and so runs nothing else). */
int	viewmodel_space_delivers(const struct view_model *);
/* Whether the free-play keys act now (a sandbox, or every step done). */
int	viewmodel_free_play(const struct view_model *);
/* The step the heading and narration tell: the next one, or the first
 * step run whose events are still being revealed. */
size_t	viewmodel_told_step(const struct view_model *);

#endif
