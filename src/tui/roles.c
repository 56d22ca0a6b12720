/*
 * roles.c: where each endpoint of a lesson is drawn, and the role it is
 * named by, read from what the lesson has it do.
 */
#include <stdio.h>

#include "tui/roles.h"
#include "tui/uitext.h"

/*
 * Which side each endpoint is drawn on, and what it is for: a server (it
 * listens) on the right, a client (it connects) on the left, any other
 * endpoint in turns, a forked child on its parent's side. When every
 * endpoint would sit on one side, the last of them moves to the other.
 */
void
roles_assign(struct view_model *m)
{
	const struct lesson	*l = m->lesson;
	const struct action	*a;
	size_t			 i, j, k, n, plain = 0, count[2] = { 0, 0 };
	char			 buf[64];
	int			*side = m->side, parent[LESSON_MAX_ENDPOINTS];
	int			 last[2] = { -1, -1 };

	for (i = 0; i < l->nendpoints; i++) {
		side[i] = -1;
		parent[i] = -1;
		m->role[i][0] = '\0';
	}
	for (k = 0; k <= l->nsteps; k++) {
		a = k == 0 ? l->setup : l->steps[k - 1].actions;
		n = k == 0 ? l->nsetup : l->steps[k - 1].nactions;
		for (j = 0; j < n; j++, a++) {
			if (a->endpoint < 0)
				continue;
			if (a->kind == ACT_FORK) {
				parent[a->child] = a->endpoint;
				uitextf(buf, sizeof buf, UI_ROLE_CHILD,
				    m->lang,
				    l->endpoints[a->endpoint].name);
				snprintf(m->role[a->child],
				    sizeof m->role[0], "%s", buf);
			}
			if (m->role[a->endpoint][0] != '\0')
				continue;
			if (a->kind == ACT_LISTEN) {
				snprintf(m->role[a->endpoint],
				    sizeof m->role[0], "%s",
				    uitext(UI_ROLE_SERVER, m->lang));
				side[a->endpoint] = 1;
			} else if (a->kind == ACT_CONNECT) {
				snprintf(m->role[a->endpoint],
				    sizeof m->role[0], "%s",
				    uitext(UI_ROLE_CLIENT, m->lang));
				side[a->endpoint] = 0;
			}
		}
	}
	for (i = 0; i < l->nendpoints; i++) {
		if (l->endpoints[i].by_fork)
			continue;
		if (side[i] < 0)
			side[i] = (int)(plain++ % 2);
		count[side[i]]++;
		last[side[i]] = (int)i;
	}
	if (count[0] == 0 && count[1] > 1)
		side[last[1]] = 0;
	else if (count[1] == 0 && count[0] > 1)
		side[last[0]] = 1;
	/* A parent comes before its child: forks name new endpoints. */
	for (i = 0; i < l->nendpoints; i++) {
		if (l->endpoints[i].by_fork)
			side[i] = parent[i] >= 0 ? side[parent[i]] : 0;
	}
}
