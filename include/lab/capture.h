/*
 * capture.h: libpcap on the lab's loopback, every TCP segment decoded.
 */
#ifndef CAPTURE_H
#define CAPTURE_H

#include <stddef.h>
#include <stdint.h>

#include "tcp/segment.h"

/* Called for each segment, with the whole frame as captured. */
typedef void capture_cb(const struct segment *, const uint8_t *frame,
    size_t caplen, void *arg);

struct capture;

/*
 * Decode one Ethernet (DLT_EN10MB) frame holding IPv4 TCP, caplen bytes of
 * it captured out of wirelen; t_ns is copied in. Returns 0, or -1 when the
 * headers are not all there or it is not an unfragmented IPv4 TCP segment.
 */
int		 capture_decode(const uint8_t *frame, size_t caplen,
		    size_t wirelen, uint64_t t_ns, struct segment *);
/* Decode the n option bytes between a TCP header's fixed 20 and its data
 * offset into seg's mss, wscale, sack_ok and timestamps; an option cut
 * short or of length 0 or 1 ends the list. Reads no byte past n. */
void		 capture_options(const uint8_t *opt, size_t n,
		    struct segment *);
/* The same for an IPv4 packet without a link header; len is its length. */
int		 capture_decode_ip(const uint8_t *ip, size_t caplen,
		    size_t len, uint64_t t_ns, struct segment *);
/* Open lo of the current network namespace in immediate, non-blocking mode
 * with filter "tcp"; on error return NULL and set *cause (caller frees). */
struct capture	*capture_open(char **cause);
/* The descriptor to poll for readability. */
int		 capture_fd(struct capture *);
/* Deliver every segment waiting; returns how many, or -1 on error. */
int		 capture_read(struct capture *, capture_cb *, void *arg);
/* How many frames were lost so far because the capture ring was full. */
unsigned	 capture_drops(struct capture *);
/* Close the capture. */
void		 capture_free(struct capture *);

#endif
