/*
 * sharerun.h: the run a saved form is written from: a lesson's timeline
 * up to a point, in the run's language, with the frames captured.
 */
#ifndef SHARERUN_H
#define SHARERUN_H

#include <stddef.h>

#include "lab/framelog.h"
#include "lesson/lesson.h"
#include "model/timeline.h"

/* The run to write. */
struct share_run {
	const struct lesson	*lesson;
	enum lang		 lang;
	const struct timeline	*tl;
	size_t			 upto;		/* its events [0, upto) */
	const struct framelog	*frames;
};

#endif
