/*
 * viewmodel.c: questions about the lesson view's model that the drawing
 * and the key handling both ask.
 */
#include "tui/viewmodel.h"

/* Whether the free-play keys act now. */
int
viewmodel_free_play(const struct view_model *m)
{
	return (m->lesson->sandbox || m->next_step >= m->lesson->nsteps);
}
