/*
 * conn_parts.h: the insides of the connection table shared by the files
 * it is split into, conn.c (the table), conn_wire.c (what segments prove)
 * and conn_probe.c (kernel readings reconciled), and by nothing else.
 */
#ifndef CONN_PARTS_H
#define CONN_PARTS_H

#include <stdint.h>

#include "model/conn.h"

/* Whether sequence number a is after b, modulo 2^32. */
int	conn_seq_after(uint32_t a, uint32_t b);
/* Apply a segment from side to its connection: what it proves. */
void	conn_wire_apply(struct conn *, int side, const struct segment *);

#endif
