/*
 * sharetext.h: the words a saved run is written with (its SVG, its HTML
 * replay, its text ladder), in English and Simplified Chinese.
 */
#ifndef SHARETEXT_H
#define SHARETEXT_H

#include <stddef.h>

#include "lesson/lesson.h"

enum share_msg {
	SH_SETUP,		/* the setup's band */
	SH_STEP,		/* %d: a step's number */
	SH_KEY,			/* %s: the key that ran it */
	SH_FROM_WIRE,		/* after a state the segments proved, with
				 * its own separator */
	SH_FROM_KERNEL,		/* after a state the kernel reported */
	SH_RESTARTED,		/* after a state whose timer started over */
	SH_TITLED,		/* %s: %s, a heading and its title */
	SH_KEYED,		/* %s: after a heading, the key of its step */
	SH_HELD,		/* a held arrow's fate: one copy ... */
	SH_HELD_N,		/* %zu copies */
	SH_HELD_LOST,		/* %zu copies, %zu of them dropped */
	SH_DROPPED,		/* a dropped arrow's: one copy ... */
	SH_DROPPED_N,		/* %zu copies */
	SH_SUBTITLE,		/* %s lesson id, %s finwave, %s kernel, %s
				 * date */
	SH_LEGEND_KERNEL,
	SH_LEGEND_WIRE,
	SH_LEGEND_TIME,
	SH_LEGEND_HELD,
	SH_HTML_FIRST,
	SH_HTML_PREV,
	SH_HTML_NEXT,
	SH_HTML_LAST,
	SH_HTML_OF,		/* %d of %d: the step shown */
	SH_HTML_KEYS,
	SH_HTML_NO_STATE,
	SH_HTML_LADDER,
	SH_COUNT
};

/* The words of a message (a printf format where marked). */
const char	*sharetext(enum share_msg, enum lang);
/* A marked message with its values, into buf; returns buf. */
const char	*sharetextf(char *buf, size_t len, enum share_msg, enum lang,
		    ...);

#endif
