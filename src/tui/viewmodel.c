/*
 * viewmodel.c: questions about the lesson view's model, asked by the
 * drawing and the key handling.
 */
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
