/*
 * reading.h: one TCP socket as the kernel reported it: its four-tuple,
 * state, pending timer, queues and inode. The lab's probe takes readings;
 * the model reconciles connections with them.
 */
#ifndef READING_H
#define READING_H

#include <stdint.h>

#include "tcp/tcpstate.h"

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
	uint32_t		rqueue;		/* unread (listener: backlog) */
	uint32_t		wqueue;		/* bytes unsent or unacked */
	uint32_t		inode;		/* 0: orphan, TIME_WAIT */
};

#endif
