/*
 * tcpstate.h: TCP states, segment flags and socket timers, and their names
 * as the kernel, ss(8) and tcpdump spell them.
 */
#ifndef TCPSTATE_H
#define TCPSTATE_H

#include <stddef.h>
#include <stdint.h>

/* The kernel's numbering (include/net/tcp_states.h), so sock_diag maps 1:1. */
enum tcp_state {
	TS_NONE = 0,
	TS_ESTABLISHED = 1,
	TS_SYN_SENT,
	TS_SYN_RECV,
	TS_FIN_WAIT_1,
	TS_FIN_WAIT_2,
	TS_TIME_WAIT,
	TS_CLOSED,
	TS_CLOSE_WAIT,
	TS_LAST_ACK,
	TS_LISTEN,
	TS_CLOSING,
	TS_NEW_SYN_RECV,
	TS_COUNT
};

/* TCP header flag bits, as on the wire. */
#define TF_FIN	0x01
#define TF_SYN	0x02
#define TF_RST	0x04
#define TF_PSH	0x08
#define TF_ACK	0x10
#define TF_URG	0x20

/* A socket's pending timer: sock_diag's idiag_timer values. */
enum tcp_timer {
	TCP_TIMER_NONE = 0,
	TCP_TIMER_RETRANSMIT = 1,
	TCP_TIMER_KEEPALIVE = 2,
	TCP_TIMER_TIMEWAIT = 3,
	TCP_TIMER_PROBE = 4		/* zero-window probe */
};

/* How a state stands in the closing of a connection, for its colour:
 * open (the handshake, ESTABLISHED, LISTEN), closing first (FIN_WAIT_*,
 * CLOSING), closing second (CLOSE_WAIT, LAST_ACK), TIME_WAIT, closed. */
enum tcp_phase {
	PHASE_OPEN,
	PHASE_ACTIVE,
	PHASE_PASSIVE,
	PHASE_TIMEWAIT,
	PHASE_CLOSED
};

/* What a segment is above all, for its colour: RST, SYN, FIN, data, or
 * only an ACK. */
enum seg_kind {
	SEGK_RST,
	SEGK_SYN,
	SEGK_FIN,
	SEGK_DATA,
	SEGK_ACK
};

/* The phase of a state. */
enum tcp_phase	 tcpstate_phase(enum tcp_state);
/* The kind of a segment with these flags and len payload bytes. */
enum seg_kind	 tcpstate_seg_kind(int flags, unsigned len);
/* The name of a state ("TIME_WAIT"); NEW_SYN_RECV is named SYN_RECV. */
const char	*tcpstate_name(enum tcp_state);
/* Parse a state name; returns TS_NONE when it is not one. */
enum tcp_state	 tcpstate_parse(const char *);
/* Write flags in tcpdump's notation ("F.", "S.", "R") into buf (>= 8). */
const char	*tcpstate_flags(uint8_t, char *);
/* Flags in words ("FIN ACK"), most telling first, into buf (>= 24). */
const char	*tcpstate_flag_words(uint8_t, char *buf, size_t len);
/* Parse tcpdump flag notation; returns -1 when it is not valid. */
int		 tcpstate_parse_flags(const char *);
/* Name of a timer ("timewait", "retransmit", ...). */
const char	*tcpstate_timer_name(enum tcp_timer);
/* The time left at now_ns on a timer a probe at read_ns saw with expires_ms
 * left, counted down from that reading; never below 0. In ns. */
uint64_t	 tcpstate_time_left_ns(uint32_t expires_ms, uint64_t read_ns,
		    uint64_t now_ns);
/* Whether a timer running in a state ends that state when it fires
 * (TIME_WAIT's, an orphaned FIN_WAIT_2's) rather than resending. */
int		 tcpstate_timer_ends(enum tcp_state, enum tcp_timer);
/* Whether a socket in state from can be in state to later on, by the
 * moves of RFC 793's diagram as Linux makes them (CLOSED, which every
 * state can reach by an RST or a timer, included); never from == to. */
int		 tcpstate_leads_to(enum tcp_state from, enum tcp_state to);

#endif
