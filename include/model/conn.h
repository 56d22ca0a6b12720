/*
 * conn.h: the lab's TCP connections as four-tuples, each side with its
 * initial sequence number, its owner, and its state. A state comes from the
 * kernel (a probe saw it) or from the wire (a segment proves the side went
 * through it, but it was gone before the probe looked). Pure bookkeeping:
 * no I/O, so every rule here is unit-tested.
 */
#ifndef CONN_H
#define CONN_H

#include <stddef.h>
#include <stdint.h>

#include "tcp/reading.h"
#include "tcp/segment.h"
#include "tcp/tcpstate.h"

#define CONN_MAX_PENDING	6
/* How many stretches of a side's numbers past a hole its peer's kernel
 * may keep out of order before the model stops following its order. */
#define CONN_MAX_AHEAD		8

/* conn_window's shift when it shifts nothing: */
#define CONN_WSCALE_UNKNOWN	(-1)	/* a SYN of the connection unseen */
#define CONN_WSCALE_OFF		(-2)	/* a SYN's window, or a SYN lacked
					 * the option (RFC 7323 2.2) */

enum state_src {
	SRC_KERNEL,	/* sock_diag reported it */
	SRC_WIRE	/* only the segments prove it */
};

/* A stretch of sequence numbers [seq, end). */
struct conn_range {
	uint32_t	seq;
	uint32_t	end;
};

/* A state the segments imply, waiting for the kernel to confirm it. */
struct conn_pending {
	enum tcp_state	state;
	uint64_t	t_ns;
};

struct conn_side {
	uint32_t		addr;
	uint16_t		port;
	int			owner;		/* endpoint index, or -1 */
	uint32_t		isn;
	int			isn_known;
	uint32_t		fin_seq;	/* sequence number of its FIN */
	int			fin_sent;
	int			syn_seen;	/* its SYN (or SYN-ACK) came by */
	int8_t			wscale;		/* the shift that SYN announced,
						 * or -1 */
	enum tcp_state		state;		/* the last state recorded */
	enum state_src		src;		/* where that state came from */
	enum tcp_state		model;		/* what the segments imply */
	int			kernel_seen;	/* a probe has seen the socket */
	uint64_t		vanished_ns;	/* gone from the kernel before
						 * the wire said why, or 0 */
	struct conn_pending	pending[CONN_MAX_PENDING];
	int			npending;
	enum tcp_timer		timer;		/* from the latest probe */
	uint32_t		expires_ms;
	uint32_t		armed_ms;	/* left at the first probe that
						 * read this timer in this state
						 * (or since it restarted) */
	uint64_t		probed_ns;	/* when that probe was */
	struct sock_tcpinfo	info;		/* its RTO and retransmissions */
	uint32_t		rqueue;
	uint32_t		wqueue;
	uint32_t		inode;		/* 0: no process holds it (an
						 * orphan, TIME_WAIT); else
						 * socket:[inode] in a
						 * /proc/PID/fd link */
	uint32_t		holders;	/* bit i: endpoint i holds it */
	uint32_t		snd_end;	/* past its last byte, SYN or
						 * FIN on the wire ... */
	int			snd_seen;	/* ... once it sent one */
	uint32_t		ack_max;	/* the most it acknowledged ... */
	int			ack_seen;	/* ... once it sent an ACK */
	uint32_t		taken_end;	/* past the last of its numbers
						 * its peer's kernel took in, in
						 * order (a FIN beyond a hole is
						 * kept, not taken in) ... */
	int			taken_known;	/* ... once its SYN came by */
	struct conn_range	ahead[CONN_MAX_AHEAD];	/* what it sent
						 * past a hole, kept out of
						 * order by the peer */
	int			nahead;
	uint64_t		seg_ns;		/* its latest segment, sent
						 * (the wire's held ones too)
						 * or received, or 0 */
};

struct conn {
	int			number;		/* 1, 2, ... in order of SYN */
	struct conn_side	side[2];	/* [0] sent the first segment */
	int			reset;		/* an RST came by */
};

/* A state to record in the timeline. */
struct conn_change {
	int		side;
	enum tcp_state	state;
	enum state_src	src;
	uint64_t	t_ns;
	int		queues_only;	/* the same state, new Recv-Q/Send-Q
					 * or a new timer: */
	int		retimed;	/* ... a new timer (or none now), or
					 * it retransmitted: a new RTO */
	int		reheld;		/* ... other processes hold it */
	int		restarted;	/* the same state, its timer restarted */
	uint32_t	was_ms;		/* restarted: the time left the probe
					 * before had seen */
};

struct conns;

/* An empty table. */
struct conns	*conns_new(void);
/* Free the table and its connections. */
void		 conns_free(struct conns *);
/* The connection a segment belongs to, or NULL when it would start a new
 * one (its four-tuple is new, or it is a SYN with a new ISN); *side is the
 * sender's side. Changes nothing. */
struct conn	*conns_lookup(struct conns *, const struct segment *, int *side);
/* The connection a segment belongs to, created if new; *side is the
 * sender's side. Applies the segment: ISNs, FINs and implied states. */
struct conn	*conns_segment(struct conns *, const struct segment *,
		    int *side);
/* Find the connection whose side (addr, port) talks to (raddr, rport). */
struct conn	*conns_find(struct conns *, uint32_t addr, uint16_t port,
		    uint32_t raddr, uint16_t rport, int *side);
/* Set up a connection, the number-th, whose first segment is seg: its
 * sides' addresses, no owners, no states. */
void		 conn_init(struct conn *, int number, const struct segment *);
/* How many connections there are. */
size_t		 conns_count(const struct conns *);
/* Connection i (0-based). */
struct conn	*conns_get(struct conns *, size_t);
/* Sequence and acknowledgment numbers relative to each side's ISN, as
 * signed differences: a segment from before the ISN is negative. */
void		 conn_relative(const struct conn *, int side,
		    const struct segment *, int32_t *seq, int32_t *ack);
/* The window of a segment from side, in bytes as its receiver reads it:
 * the field shifted by the sender's window scale once both SYNs offered
 * one. *shift is the shift used, or CONN_WSCALE_UNKNOWN or _OFF. */
uint32_t	 conn_window(const struct conn *, int side,
		    const struct segment *, int *shift);
/*
 * Reconcile a side with a probe: sock is the kernel's socket, or NULL when
 * the kernel has none. Fills changes (room for CONN_MAX_PENDING + 1) with
 * what to record, in order; returns how many.
 */
int		 conn_probe(struct conn *, int side,
		    const struct sock_reading *, uint64_t now_ns,
		    struct conn_change *changes);
/* A call's failure (connect() refused or timed out) is the kernel's word
 * that it had the side's socket and has ended it: the next probe records
 * what the segments proved, then CLOSED, rather than letting the wire's
 * states age as those of a socket the kernel never had. */
void		 conn_kernel_had(struct conn *, int side);
/* The wire held or dropped a segment (pcap never saw it): its sender
 * sent it all the same, which is a cause for its timer to start over. */
void		 conns_note_sent(struct conns *, const struct segment *);
/* Whether the wire and the kernel still disagree about the side: states
 * the segments imply wait for the kernel, or the kernel's end for them. */
int		 conn_unreconciled(const struct conn *, int side);
/* Whether the side sent a byte, SYN or FIN that the wire has not seen the
 * other side acknowledge, on a connection no RST has ended. */
int		 conn_unacked(const struct conn *, int side);

#endif
