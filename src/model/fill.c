/*
 * fill.c: a step's narration filled in with what the lab read in this run
 * (the placeholders are lesson/placeholder.c's).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "lesson/lesson.h"
#include "model/fill.h"

/* The value of the timeline's latest read of net.ipv4.NAME (len bytes),
 * into buf; "?" when there is none (or no timeline yet). */
static void
fill_value(const struct timeline *tl, const char *name, size_t len,
    char *buf, size_t size)
{
	const struct event	*ev;
	char			 want[96], sysctl[64];
	size_t			 i;

	snprintf(sysctl, sizeof sysctl, "%.*s", (int)len, name);
	snprintf(want, sizeof want, LESSON_SYSCTL_READ " = ", sysctl);
	for (i = tl != NULL ? timeline_count(tl) : 0; i > 0; i--) {
		ev = timeline_get(tl, i - 1);
		if (ev->kind == EV_CALL && ev->actor == ACTOR_LAB &&
		    ev->u.call.name == CALL_SYSCTL && ev->u.call.ret >= 0 &&
		    strncmp(ev->u.call.text, want, strlen(want)) == 0) {
			snprintf(buf, size, "%ld", ev->u.call.ret);
			return;
		}
	}
	snprintf(buf, size, "?");
}

/* The text with every placeholder filled in; the caller frees. */
char *
fill_text(const char *text, const struct timeline *tl)
{
	const char	*at, *name, *end;
	char		*out, *next, value[32];
	size_t		 len;

	out = xstrdup("");
	while ((at = lesson_placeholder(text, &name, &len, &end)) != NULL &&
	    end != NULL) {
		fill_value(tl, name, len, value, sizeof value);
		next = xasprintf("%s%.*s%s", out, (int)(at - text), text,
		    value);
		free(out);
		out = next;
		text = end;
	}
	next = xasprintf("%s%s", out, text);
	free(out);
	return (next);
}
