/*
 * svg.h: a run's ladder as an SVG picture for slides and handouts: the
 * endpoints' lifelines with time flowing down, every captured segment an
 * arrow (held and dropped ones stopped mid-lane, as in the view), each
 * state as the kernel reported it (solid) or the segments proved it
 * (dashed), the calls that caused them, and each step's title and
 * narration beside its rungs. The text is the run's language; the fonts
 * named fall back to a CJK family for Chinese.
 */
#ifndef SVG_H
#define SVG_H

#include <stdio.h>

#include "share/ladder.h"

/* What the picture's header says besides the lesson's title. */
struct svg_about {
	const char	*version;	/* finwave's */
	const char	*kernel;	/* uname's release */
	const char	*when;		/* the run's date, ISO 8601 */
};

/* How the picture is written. */
enum svg_form {
	SVG_FILE,	/* a document of its own, with its XML declaration */
	SVG_INLINE	/* inside an HTML page: no declaration */
};

/* Write the ladder as SVG. Each step's band, heading and rungs carry
 * data-band (its index in ld->steps); each rung its event's data-seq, a
 * state its data-ep, data-conn, data-port and data-src: what a replay
 * needs to show the run step by step. */
void	svg_write(FILE *, const struct ladder *, const struct svg_about *,
	    enum svg_form);
/* Write s escaped for XML text or an attribute's value; a character XML
 * cannot hold (a control) is written as U+FFFD. */
void	svg_escape(FILE *, const char *s);

#endif
