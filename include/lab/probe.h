/*
 * probe.h: sock_diag (NETLINK_SOCK_DIAG) dumps of every TCP socket in the
 * current network namespace: listeners, connections, orphans and TIME_WAIT.
 */
#ifndef PROBE_H
#define PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "tcp/tcpstate.h"

/* idiag_timer values. */
enum probe_timer {
	PROBE_TIMER_NONE = 0,
	PROBE_TIMER_RETRANSMIT = 1,
	PROBE_TIMER_KEEPALIVE = 2,
	PROBE_TIMER_TIMEWAIT = 3,
	PROBE_TIMER_PROBE = 4		/* zero-window probe */
};

/* One socket as the kernel reports it; addresses and ports in host order. */
struct probe_sock {
	uint32_t		saddr;
	uint32_t		daddr;
	uint16_t		sport;
	uint16_t		dport;
	enum tcp_state		state;
	enum probe_timer	timer;
	uint32_t		expires_ms;	/* time left on the timer */
	uint32_t		rqueue;		/* bytes unread (listener: backlog) */
	uint32_t		wqueue;		/* bytes unsent or unacked */
	uint32_t		inode;		/* 0 for orphans and TIME_WAIT */
};

struct probe;

/* Decode one inet_diag_msg payload of len bytes; returns 0 or -1 if short. */
int		 probe_parse(const void *payload, size_t len,
		    struct probe_sock *);
/* Name of a timer ("timewait", "retransmit", ...). */
const char	*probe_timer_name(enum probe_timer);
/* The time left at now_ns on a timer a probe at read_ns saw with expires_ms
 * left, counted down from that reading; never below 0. In ns. */
uint64_t	 probe_time_left_ns(uint32_t expires_ms, uint64_t read_ns,
		    uint64_t now_ns);
/* Open a sock_diag socket in the current namespace; NULL and *cause on error. */
struct probe	*probe_open(char **cause);
/*
 * Dump all IPv4 TCP sockets, synchronously. On success return 0 and set
 * *socks (an array the probe owns, valid until the next dump) and *n.
 */
int		 probe_dump(struct probe *, const struct probe_sock **socks,
		    size_t *n, char **cause);
/*
 * Look up the one socket whose addresses and ports are key's (sport being
 * its own). Returns 1 and fills *out when the kernel has it, 0 when it has
 * none, -1 and *cause on error. Does not touch the last dump's array.
 */
int		 probe_lookup(struct probe *, const struct probe_sock *key,
		    struct probe_sock *out, char **cause);
/* Close the socket and free the probe. */
void		 probe_free(struct probe *);

#endif
