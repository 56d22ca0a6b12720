/*
 * scene_parts.h: the insides of the scene shared by the files it is split
 * into, scene.c (the scene event by event) and scene_ahead.c (readings
 * shown early while an arrow flies), and by nothing else.
 */
#ifndef SCENE_PARTS_H
#define SCENE_PARTS_H

#include "model/scene.h"

/* Room for one more in an array of *cap objects, n of them in use. */
void			*scene_reserve(void *, size_t n, size_t *cap,
			    size_t size);
/* The slot of a connection in an endpoint's block, grown as needed. */
struct scene_sock	*scene_slot(struct scene_endpoint *, int conn);
/* The slot of one end of a segment, or NULL when that end is not an
 * endpoint of the lesson. */
struct scene_sock	*scene_seg_end(struct scene *, const struct ev_seg *,
			    int ep);
/* Whether a reading changes endpoint ep's block other than its owner's. */
int			 scene_reaches(const struct scene *,
			    const struct event *, size_t ep);
/* Apply one event. */
void			 scene_apply(struct scene *, const struct event *);
/* Restore what scene_ahead changed, newest first. */
void			 scene_take_back(struct scene *);

#endif
