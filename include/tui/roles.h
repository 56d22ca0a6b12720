/*
 * roles.h: the side each endpoint's pane takes and the role it is given
 * ("server", "client", "child of server"), from the lesson's actions.
 */
#ifndef ROLES_H
#define ROLES_H

#include "tui/viewmodel.h"

/* Fill m->side and m->role for m->lesson, in m->lang. */
void	roles_assign(struct view_model *);

#endif
