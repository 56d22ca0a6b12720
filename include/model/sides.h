/*
 * sides.h: which side of the picture each endpoint of a lesson stands on
 * and what it is for, read from what the lesson has it do: a server (it
 * listens) on the right, a client (it connects) on the left, any other
 * endpoint in turns, a forked child on its parent's side. The view's
 * panes and a saved run's columns both follow it.
 */
#ifndef SIDES_H
#define SIDES_H

#include "lesson/lesson.h"

enum side_role {
	SIDE_PLAIN,	/* neither listens nor connects first */
	SIDE_SERVER,
	SIDE_CLIENT,
	SIDE_CHILD	/* made by a fork: of parent[] */
};

struct sides {
	int		side[LESSON_MAX_ENDPOINTS];	/* 0 left, 1 right */
	enum side_role	role[LESSON_MAX_ENDPOINTS];
	int		parent[LESSON_MAX_ENDPOINTS];	/* a child's, or -1 */
};

/* Work out the sides and roles of a lesson's endpoints. */
void	sides_assign(const struct lesson *, struct sides *);
/* The endpoints in the order they stand from left to right: the left
 * side's, then the right's, each in the lesson's order; into order[]. */
void	sides_order(const struct lesson *, const struct sides *, int *order);

#endif
