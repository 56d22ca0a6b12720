/*
 * wire.h: the lab's wire. Every TCP segment lo carries passes through
 * finwave (NFQUEUE), which passes it on at once, holds it in flight, or
 * drops it. A held segment is in flight as on a real network: its sender's
 * kernel keeps its timers and retransmits on its own.
 */
#ifndef WIRE_H
#define WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "base/loop.h"
#include "model/wireplan.h"
#include "tcp/segment.h"

struct wire_events {
	/* Decide what becomes of a segment the kernel just sent; id is the
	 * wire's number for it, the same in wire_deliver's and
	 * wire_discard's report. */
	enum wire_verdict	(*decide)(const struct segment *, uint32_t id,
				    void *arg);
	/* The queue broke: segments pass untouched from now on. */
	void			(*failed)(const char *cause, void *arg);
};

struct wire;

/* Take hold of the current namespace's loopback: an NFQUEUE queue and the
 * iptables rule that feeds it. NULL and *cause (caller frees) on failure. */
struct wire	*wire_open(struct loop *, const struct wire_events *,
		    void *arg, char **cause);
/* Decide on every segment the kernel has queued so far, so that what is
 * held is up to date (the loop may not have read the queue yet). */
void		 wire_poll(struct wire *);
/* How many segments are held. */
size_t		 wire_held(const struct wire *);
/* The i-th held segment, oldest first, and its id. */
const struct segment *wire_held_get(const struct wire *, size_t i,
		    uint32_t *id);
/* Send held segment i (0 is the oldest) on; *seg and *id say which it
 * was. Returns 0, or -1 and *cause when there is no such segment or it
 * could not be sent. */
int		 wire_deliver(struct wire *, size_t i, struct segment *seg,
		    uint32_t *id, char **cause);
/* Forget held segment i: it is lost. -1 when there is no such segment. */
int		 wire_discard(struct wire *, size_t i, struct segment *seg,
		    uint32_t *id);
/* Stop taking segments (they pass untouched from now on) and free the wire;
 * held segments are lost. */
void		 wire_free(struct wire *);

#endif
