/*
 * pcapng.h: the captured frames written to a pcapng file (Ethernet,
 * nanosecond timestamps) with comments: the lesson's title on the
 * section and a line of its own on any frame. libpcap 1.10 cannot write
 * pcapng, so the blocks are written here; tshark and Wireshark open them.
 */
#ifndef PCAPNG_H
#define PCAPNG_H

#include <stddef.h>
#include <stdint.h>

struct pcapng;

/* Start a pcapng file on fd, which the writer owns from now on and
 * closes; name is the path used in messages. The section header names
 * finwave and carries comment when it is not NULL; one interface
 * follows (Ethernet, lo, nanoseconds). NULL and *cause (caller frees)
 * when the blocks cannot be written. */
struct pcapng	*pcapng_fdopen(int fd, const char *name, const char *comment,
		    char **cause);
/* The same on path, created or truncated (mode 0644 as umask allows). */
struct pcapng	*pcapng_open(const char *path, const char *comment,
		    char **cause);
/* Append one frame captured at t_ns (CLOCK_REALTIME, ns): caplen bytes
 * of a frame wirelen long, with comment when it is neither NULL nor
 * empty. */
void		 pcapng_write(struct pcapng *, uint64_t t_ns,
		    const uint8_t *frame, size_t caplen, size_t wirelen,
		    const char *comment);
/* Flush and close the file and free; -1 and *cause (caller frees) when
 * any of it could not be written (a full disk, /dev/full). */
int		 pcapng_close(struct pcapng *, char **cause);

#endif
