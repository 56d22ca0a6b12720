/*
 * reading.h: one TCP socket as the kernel reported it: its four-tuple,
 * state, pending timer (with what tcp_info says of retransmissions), queues
 * and inode. The lab's probe takes readings; the model reconciles
 * connections with them.
 */
#ifndef READING_H
#define READING_H

#include <stdint.h>

#include "tcp/tcpstate.h"

/* What the kernel says of a socket's retransmissions. retrans is
 * sock_diag's idiag_retrans: with timer 1 the retransmissions of the
 * oldest unacknowledged segment, with timers 2 and 4 the probes sent; the
 * rest is struct tcp_info's, which only a full socket has (a TIME_WAIT or
 * FIN_WAIT_2 timewait mini-socket has none: known is 0). */
struct sock_tcpinfo {
	uint32_t		retrans;
	int			known;		/* the fields below were read */
	uint32_t		rto_us;		/* tcpi_rto, backed off */
	uint8_t			backoff;	/* tcpi_backoff: RTO doublings */
	uint8_t			retransmits;	/* tcpi_retransmits */
};

/* One socket as the kernel reported it at one moment (a sock_diag reading);
 * addresses and ports in host order. */
struct sock_reading {
	uint32_t		saddr;
	uint32_t		daddr;
	uint16_t		sport;
	uint16_t		dport;
	enum tcp_state		state;
	enum tcp_timer		timer;
	uint32_t		expires_ms;	/* time left on the timer */
	struct sock_tcpinfo	info;
	uint32_t		rqueue;		/* unread (listener: backlog) */
	uint32_t		wqueue;		/* bytes unsent or unacked */
	uint32_t		inode;		/* 0: orphan, TIME_WAIT */
	uint32_t		holders;	/* bit i: endpoint i holds a
						 * descriptor of it (the runner
						 * reads /proc; 0 from a dump) */
};

#endif
