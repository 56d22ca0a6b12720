/*
 * transcript.h: the timeline as text, one event a line:
 * "TIME  ACTOR  KIND  DETAILS" (the format is documented in README.md).
 */
#ifndef TRANSCRIPT_H
#define TRANSCRIPT_H

#include <stdio.h>

#include "lesson/lesson.h"
#include "model/timeline.h"

/* The name of an actor: an endpoint's, or wire, check, lesson, lab. */
const char	*transcript_actor(const struct lesson *, int actor);
/* The DETAILS column of an event; the caller frees. */
char		*transcript_details(const struct lesson *, const struct event *);
/* One event as a line, without its newline; the caller frees. */
char		*transcript_line(const struct lesson *, const struct event *);
/* Print one event as a line. */
void		 transcript_print_event(FILE *, const struct lesson *,
		    const struct event *);

#endif
