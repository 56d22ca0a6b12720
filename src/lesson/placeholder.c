/*
 * placeholder.c: "{sysctl NAME}" in a step's narration, the value the lab
 * read of net.ipv4.NAME in this run ("do lab sysctl NAME" without a
 * value). Here: finding one in a text, and the parser's check that the
 * lab reads NAME before the text is shown. What fills it in is
 * model/fill.c.
 */
#include <stdio.h>
#include <string.h>

#include "lesson/lesson.h"
#include "lesson/lesson_parts.h"

/* The first placeholder in s, or NULL. *name and *len are its NAME; *end
 * is past its '}', or NULL when it has none. */
const char *
lesson_placeholder(const char *s, const char **name, size_t *len,
    const char **end)
{
	const char	*at, *close;

	if ((at = strstr(s, LESSON_PLACEHOLDER)) == NULL)
		return (NULL);
	*name = at + strlen(LESSON_PLACEHOLDER);
	close = strchr(*name, '}');
	*len = close != NULL ? (size_t)(close - *name) : strlen(*name);
	*end = close != NULL ? close + 1 : NULL;
	return (at);
}

/* Check the placeholders of a text line of directive what: only in "say"
 * (the lab read NAME in setup or an earlier step: a say is shown before
 * its step acts) and "after" (also earlier in this step). */
int
placeholder_check(struct lesson_parser *p, const char *s, const char *what)
{
	const char	*name, *end;
	char		 buf[64];
	size_t		 len;
	unsigned	 known;
	int		 i;

	while ((s = lesson_placeholder(s, &name, &len, &end)) != NULL) {
		if (end == NULL || len == 0 || len >= sizeof buf)
			return (lexer_error(p, "malformed placeholder: write "
			    "'" LESSON_PLACEHOLDER "NAME}'"));
		snprintf(buf, sizeof buf, "%.*s", (int)len, name);
		if ((i = lesson_sysctl_ref(p, buf)) == -1)
			return (-1);
		if (strcmp(what, "say") == 0)
			known = p->reads_before_step;
		else if (strcmp(what, "after") == 0)
			known = p->reads;
		else
			return (lexer_error(p, "'" LESSON_PLACEHOLDER "%s}' in "
			    "'%s': only 'say' and 'after' show what the lab "
			    "read", buf, what));
		if ((known & (1U << i)) == 0)
			return (lexer_error(p, "'" LESSON_PLACEHOLDER "%s}' "
			    "before the lab reads it: put 'do lab sysctl %s' "
			    "in setup%s", buf, buf, strcmp(what, "say") == 0 ?
			    " or an earlier step" : ", an earlier step or "
			    "this one, above this line"));
		s = end;
	}
	return (0);
}
