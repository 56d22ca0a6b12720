/*
 * viewmodel.c: questions about the lesson view's model, asked by the
 * drawing and the key handling.
 */
#include "base/xmalloc.h"
#include "tui/viewmodel.h"

/* Whether the free-play keys act now. */
int
viewmodel_free_play(const struct view_model *m)
{
	return (m->lesson->sandbox || m->next_step >= m->lesson->nsteps);
}

/* The step the heading and narration tell. */
size_t
viewmodel_told_step(const struct view_model *m)
{
	return (m->next_step - m->steps_unshown);
}

/* The step's title in lang, or its name for people ("server reads eof"). */
char *
viewmodel_step_title(const struct step *st, enum lang lang)
{
	char	*s, *p;

	if (st->title.s[lang] != NULL)
		return (xstrdup(st->title.s[lang]));
	s = xstrdup(st->name);
	for (p = s; *p != '\0'; p++) {
		if (*p == '-')
			*p = ' ';
	}
	return (s);
}

/* Whether Space delivers a held segment now (and so runs nothing else). */
int
viewmodel_space_delivers(const struct view_model *m)
{
	return (m->wire_stepping && m->wire_held > 0);
}
