/*
 * pcapout.c: save captured frames to a pcap file with nanosecond
 * timestamps, so a lesson's traffic can be opened again in tshark or
 * Wireshark.
 */
#include <pcap/pcap.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "lab/pcapout.h"

#define PCAPOUT_SNAPLEN	262144

struct pcapout {
	char		*path;
	pcap_t		*pcap;
	pcap_dumper_t	*dumper;
	int		 err;		/* the first write error, or 0 */
};

/* Write out what the stream buffers; remember the first error. Each
 * frame is flushed as it comes, so the error is seen with its errno (a
 * later fflush(NULL), before a fork, would meet it and lose it). */
static void
pcapout_flush(struct pcapout *po)
{
	errno = 0;
	if (pcap_dump_flush(po->dumper) == -1 && po->err == 0)
		po->err = errno != 0 ? errno : EIO;
}

/* Create path as an Ethernet pcap file with nanosecond timestamps. */
struct pcapout *
pcapout_open(const char *path, char **cause)
{
	struct pcapout	*po;
	pcap_t		*p;
	pcap_dumper_t	*d;

	p = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, PCAPOUT_SNAPLEN,
	    PCAP_TSTAMP_PRECISION_NANO);
	if (p == NULL) {
		*cause = xasprintf("%s: pcap_open_dead failed", path);
		return (NULL);
	}
	if ((d = pcap_dump_open(p, path)) == NULL) {
		/* libpcap's message already names the file. */
		*cause = xasprintf("%s", pcap_geterr(p));
		pcap_close(p);
		return (NULL);
	}
	po = xcalloc(1, sizeof *po);
	po->path = xstrdup(path);
	po->pcap = p;
	po->dumper = d;
	/* The file header goes out at once: a file that cannot take it is
	 * refused before the lesson runs. */
	pcapout_flush(po);
	if (po->err != 0) {
		pcapout_close(po, cause);
		return (NULL);
	}
	return (po);
}

/* Append one frame stamped t_ns, as much of it as was captured. */
void
pcapout_write(struct pcapout *po, uint64_t t_ns, const uint8_t *frame,
    size_t caplen, size_t wirelen)
{
	struct pcap_pkthdr	h;

	/* The file is in nanosecond precision, so tv_usec holds ns. */
	h.ts.tv_sec = (time_t)(t_ns / 1000000000);
	h.ts.tv_usec = (suseconds_t)(t_ns % 1000000000);
	h.caplen = (bpf_u_int32)caplen;
	h.len = (bpf_u_int32)wirelen;
	pcap_dump((u_char *)po->dumper, &h, frame);
	pcapout_flush(po);
}

/* Flush, check, close and free. pcap_dump() and pcap_dump_close() say
 * nothing of errors, so the stream is flushed and asked before closing. */
int
pcapout_close(struct pcapout *po, char **cause)
{
	int	err;

	pcapout_flush(po);
	if ((err = po->err) != 0)
		*cause = xasprintf("%s: cannot write: %s", po->path,
		    strerror(err));
	pcap_dump_close(po->dumper);
	pcap_close(po->pcap);
	free(po->path);
	free(po);
	return (err != 0 ? -1 : 0);
}
