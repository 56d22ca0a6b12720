/*
 * probe.h: sock_diag (NETLINK_SOCK_DIAG) dumps of every TCP connection in
 * the current network namespace: connections, orphans and TIME_WAIT (not
 * listeners), and lookups of one socket by its four-tuple.
 */
#ifndef PROBE_H
#define PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "tcp/reading.h"

struct probe;

/* The states a dump asks for (idiag_states): those of a connection, from
 * ESTABLISHED to NEW_SYN_RECV, but not LISTEN nor the kernel's
 * BOUND_INACTIVE (13, since Linux 6.5): for each of those the kernel walks
 * a table the lab shares with the host (the listening hash, the bind
 * hash: tens of thousands of buckets). */
#define PROBE_DUMP_STATES	\
	(((1U << TS_COUNT) - 1) & ~(1U << TS_NONE) & ~(1U << TS_LISTEN))

/* Decode one inet_diag_msg payload of len bytes, with the tcp_info
 * attribute after it if any; returns 0 or -1 if short. */
int		 probe_parse(const void *payload, size_t len,
		    struct sock_reading *);
/* Open a sock_diag socket in the current namespace; NULL and *cause on
 * error. */
struct probe	*probe_open(char **cause);
/*
 * Dump all IPv4 TCP sockets, synchronously. On success return 0 and set
 * *socks (an array the probe owns, valid until the next dump) and *n.
 */
int		 probe_dump(struct probe *, const struct sock_reading **socks,
		    size_t *n, char **cause);
/* The last dump's socket whose own side is (saddr, sport) and whose peer
 * is (daddr, dport), not a listener: NULL if the dump had none. Constant
 * time; host order. */
const struct sock_reading *probe_find(const struct probe *, uint32_t saddr,
		    uint16_t sport, uint32_t daddr, uint16_t dport);
/*
 * Look up the one socket whose addresses and ports are key's (sport being
 * its own). Returns 1 and fills *out when the kernel has it, 0 when it has
 * none, -1 and *cause on error. Does not touch the last dump's array.
 */
int		 probe_lookup(struct probe *, const struct sock_reading *key,
		    struct sock_reading *out, char **cause);
/* Close the socket and free the probe. */
void		 probe_free(struct probe *);

#endif
