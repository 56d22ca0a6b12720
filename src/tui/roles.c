/*
 * roles.c: where each endpoint of a lesson is drawn (model/sides.c), and
 * the role it is named by in the view's language.
 */
#include <stdio.h>

#include "model/sides.h"
#include "tui/roles.h"
#include "tui/uitext.h"

/* Fill the sides and name each endpoint's role: "server", "client",
 * "child of server", or nothing. */
void
roles_assign(struct view_model *m)
{
	const struct lesson	*l = m->lesson;
	struct sides		 sd;
	size_t			 i;

	sides_assign(l, &sd);
	for (i = 0; i < l->nendpoints; i++) {
		m->side[i] = sd.side[i];
		m->role[i][0] = '\0';
		switch (sd.role[i]) {
		case SIDE_SERVER:
		case SIDE_CLIENT:
			snprintf(m->role[i], sizeof m->role[0], "%s",
			    uitext(sd.role[i] == SIDE_SERVER ? UI_ROLE_SERVER :
			    UI_ROLE_CLIENT, m->lang));
			break;
		case SIDE_CHILD:
			uitextf(m->role[i], sizeof m->role[0], UI_ROLE_CHILD,
			    m->lang, l->endpoints[sd.parent[i]].name);
			break;
		case SIDE_PLAIN:
			break;
		}
	}
}
