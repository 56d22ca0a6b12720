/*
 * framelog.c: the frames of a run, kept whole in memory. A lesson's run
 * sends a few hundred small segments, so a copy of each costs little.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "lab/framelog.h"

/* Append a copy of the frame. */
void
framelog_add(struct framelog *fl, uint64_t seq, uint64_t t_ns,
    const uint8_t *bytes, size_t caplen, size_t wirelen)
{
	struct frame	*f;

	if (fl->n == fl->cap) {
		fl->cap = fl->cap == 0 ? 64 : fl->cap * 2;
		fl->frames = xreallocarray(fl->frames, fl->cap,
		    sizeof *fl->frames);
	}
	f = &fl->frames[fl->n++];
	f->seq = seq;
	f->t_ns = t_ns;
	f->bytes = xmalloc(caplen > 0 ? caplen : 1);
	memcpy(f->bytes, bytes, caplen);
	f->caplen = caplen;
	f->wirelen = wirelen;
}

/* Free every frame. */
void
framelog_clear(struct framelog *fl)
{
	size_t	i;

	for (i = 0; i < fl->n; i++)
		free(fl->frames[i].bytes);
	free(fl->frames);
	memset(fl, 0, sizeof *fl);
}
