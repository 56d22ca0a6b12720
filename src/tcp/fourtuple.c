/*
 * fourtuple.c: hashing a four-tuple. The mix is splitmix64's finaliser:
 * ephemeral ports differ in their low bits only, and every bit of the key
 * must reach the bucket index.
 */
#include <stddef.h>

#include "tcp/fourtuple.h"

/* A hash of one side's address and port and the other's (host order). */
uint32_t
fourtuple_hash(uint32_t saddr, uint16_t sport, uint32_t daddr, uint16_t dport)
{
	uint64_t	x;

	x = ((uint64_t)saddr << 32 | daddr) ^
	    ((uint64_t)sport << 48 | (uint64_t)dport << 16);
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return ((uint32_t)x);
}

/* The smallest power of two at least twice n, at least 64. */
size_t
fourtuple_table_size(size_t n)
{
	size_t	size = 64;

	while (size < 2 * n)
		size *= 2;
	return (size);
}
