/*
 * pcapout.h: the captured frames written to a pcap file (Ethernet,
 * nanosecond timestamps) that tshark and Wireshark open.
 */
#ifndef PCAPOUT_H
#define PCAPOUT_H

#include <stddef.h>
#include <stdint.h>

struct pcapout;

/* Create path; on error return NULL and set *cause (caller frees). */
struct pcapout	*pcapout_open(const char *path, char **cause);
/* Append one frame captured at t_ns (CLOCK_REALTIME, ns): caplen bytes
 * of a frame wirelen long. */
void		 pcapout_write(struct pcapout *, uint64_t t_ns,
		    const uint8_t *frame, size_t caplen, size_t wirelen);
/* Flush and close the file and free; -1 and *cause (caller frees) when
 * any of it could not be written (a full disk, /dev/full). */
int		 pcapout_close(struct pcapout *, char **cause);

#endif
