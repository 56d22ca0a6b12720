/*
 * framelog.h: every frame the capture saw, kept as captured, each beside
 * the seq of the timeline event it became, so that a run can be saved
 * again later (a pcapng file whose frames carry the story) with exactly
 * the bytes the kernel sent.
 */
#ifndef FRAMELOG_H
#define FRAMELOG_H

#include <stddef.h>
#include <stdint.h>

struct frame {
	uint64_t	 seq;		/* the EV_SEG event it became */
	uint64_t	 t_ns;		/* capture time, CLOCK_REALTIME */
	uint8_t		*bytes;
	size_t		 caplen;
	size_t		 wirelen;
};

struct framelog {
	struct frame	*frames;	/* in the order captured */
	size_t		 n;
	size_t		 cap;
};

/* Keep a copy of a frame captured at t_ns that became event seq. */
void			 framelog_add(struct framelog *, uint64_t seq,
			    uint64_t t_ns, const uint8_t *bytes, size_t caplen,
			    size_t wirelen);
/* Free the frames (the log itself is the caller's). */
void			 framelog_clear(struct framelog *);

#endif
