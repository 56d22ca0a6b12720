/*
 * sides.c: the side and role of each endpoint, from the lesson's actions.
 */
#include "model/sides.h"

/* The role of each endpoint: the first of listen or connect it does, a
 * fork's child its parent's child. */
static void
sides_roles(const struct lesson *l, struct sides *sd)
{
	const struct action	*a;
	size_t			 i, j, k, n;
	int			 seen[LESSON_MAX_ENDPOINTS];

	for (i = 0; i < l->nendpoints; i++) {
		sd->role[i] = SIDE_PLAIN;
		sd->parent[i] = -1;
		seen[i] = 0;
	}
	for (k = 0; k <= l->nsteps; k++) {
		a = k == 0 ? l->setup : l->steps[k - 1].actions;
		n = k == 0 ? l->nsetup : l->steps[k - 1].nactions;
		for (j = 0; j < n; j++, a++) {
			if (a->endpoint < 0)
				continue;
			if (a->kind == ACT_FORK) {
				sd->parent[a->child] = a->endpoint;
				sd->role[a->child] = SIDE_CHILD;
				seen[a->child] = 1;
			}
			if (seen[a->endpoint])
				continue;
			if (a->kind == ACT_LISTEN || a->kind == ACT_CONNECT) {
				sd->role[a->endpoint] = a->kind == ACT_LISTEN ?
				    SIDE_SERVER : SIDE_CLIENT;
				seen[a->endpoint] = 1;
			}
		}
	}
}

/* Sides: a server right, a client left, others in turns, a child on its
 * parent's side; when every endpoint would sit on one side, the last of
 * them moves to the other. */
void
sides_assign(const struct lesson *l, struct sides *sd)
{
	size_t	i, plain = 0, count[2] = { 0, 0 };
	int	last[2] = { -1, -1 };

	sides_roles(l, sd);
	for (i = 0; i < l->nendpoints; i++) {
		sd->side[i] = sd->role[i] == SIDE_SERVER ? 1 :
		    sd->role[i] == SIDE_CLIENT ? 0 : -1;
		if (l->endpoints[i].by_fork)
			continue;
		if (sd->side[i] < 0)
			sd->side[i] = (int)(plain++ % 2);
		count[sd->side[i]]++;
		last[sd->side[i]] = (int)i;
	}
	if (count[0] == 0 && count[1] > 1)
		sd->side[last[1]] = 0;
	else if (count[1] == 0 && count[0] > 1)
		sd->side[last[0]] = 1;
	/* A parent comes before its child: forks name new endpoints. */
	for (i = 0; i < l->nendpoints; i++) {
		if (l->endpoints[i].by_fork)
			sd->side[i] = sd->parent[i] >= 0 ?
			    sd->side[sd->parent[i]] : 0;
	}
}

/* Left to right: the left side's endpoints, then the right side's. */
void
sides_order(const struct lesson *l, const struct sides *sd, int *order)
{
	size_t	i, n = 0;
	int	s;

	for (s = 0; s < 2; s++)
		for (i = 0; i < l->nendpoints; i++)
			if (sd->side[i] == s)
				order[n++] = (int)i;
}
