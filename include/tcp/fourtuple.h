/*
 * fourtuple.h: a TCP connection's addresses and ports as one hash key, for
 * the tables that find a connection or a socket in constant time.
 */
#ifndef FOURTUPLE_H
#define FOURTUPLE_H

#include <stdint.h>

/* A hash of one side's address and port and the other's (host order). */
uint32_t	fourtuple_hash(uint32_t saddr, uint16_t sport, uint32_t daddr,
		    uint16_t dport);
/* The smallest power of two at least twice n, at least 64: the size of an
 * open-addressing table that holds n keys at most half full. */
size_t		fourtuple_table_size(size_t n);

#endif
