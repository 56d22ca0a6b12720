/*
 * segment.c: questions about captured segments.
 */
#include "tcp/segment.h"

/* Whether two segments are copies of one: the same parties, flags, seq,
 * ack and length (a retransmission of it, or the same one seen again). */
int
segment_same(const struct segment *a, const struct segment *b)
{
	return (a->saddr == b->saddr && a->sport == b->sport &&
	    a->daddr == b->daddr && a->dport == b->dport &&
	    a->flags == b->flags && a->seq == b->seq && a->ack == b->ack &&
	    a->len == b->len);
}
