/*
 * channel.h: one message over an endpoint's SOCK_SEQPACKET channel,
 * optionally carrying a descriptor (SCM_RIGHTS) with it.
 */
#ifndef CHANNEL_H
#define CHANNEL_H

#include <sys/types.h>

#include <stddef.h>

/* Send buf as one message, passing fd along unless it is -1. Returns what
 * sendmsg() returns. */
ssize_t	channel_send(int sock, const void *buf, size_t len, int fd);
/* Receive one message into buf; *fd is a passed descriptor (close-on-exec)
 * or -1. Retries on EINTR; returns what recvmsg() returns. */
ssize_t	channel_recv(int sock, void *buf, size_t len, int *fd);

#endif
