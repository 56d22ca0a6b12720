/*
 * segment.h: one TCP segment as it crossed the wire: its four-tuple,
 * absolute numbers, flags, window, the options the kernel reads from it,
 * lengths, and when it was seen.
 */
#ifndef SEGMENT_H
#define SEGMENT_H

#include <stdint.h>

/* One TCP segment as captured; addresses and ports in host byte order. */
struct segment {
	uint64_t	t_ns;		/* capture time, CLOCK_REALTIME in ns */
	uint32_t	saddr;
	uint32_t	daddr;
	uint16_t	sport;
	uint16_t	dport;
	uint32_t	seq;		/* absolute; relative numbers are conn.c's */
	uint32_t	ack;
	uint8_t		flags;		/* TF_* from tcpstate.h */
	uint16_t	win;		/* the raw window field, unscaled */
	uint32_t	len;		/* payload bytes */
	uint32_t	wirelen;	/* the frame's length on the wire */
	uint16_t	mss;		/* MSS option, or 0: none */
	int8_t		wscale;		/* window scale shift (at most 14),
					 * or -1: none */
	uint8_t		sack_ok;	/* SACK-permitted option */
	uint8_t		has_ts;		/* timestamps option: */
	uint32_t	tsval;		/* the sender's clock */
	uint32_t	tsecr;		/* the peer's clock, echoed */
};

/* Whether two segments are copies of one: the same parties, flags, seq,
 * ack and length. */
int	segment_same(const struct segment *, const struct segment *);

#endif
