/*
 * pcapout.c: save captured frames to a pcap file with nanosecond
 * timestamps, so a lesson's traffic can be opened again in tshark or
 * Wireshark.
 */
#include <pcap/pcap.h>
#include <stdlib.h>

#include "pcapout.h"
#include "xmalloc.h"

#define PCAPOUT_SNAPLEN	262144

struct pcapout {
	pcap_t		*pcap;
	pcap_dumper_t	*dumper;
};

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
	po->pcap = p;
	po->dumper = d;
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
}

/* Close (and so flush) the file and free po. */
void
pcapout_close(struct pcapout *po)
{
	if (po == NULL)
		return;
	pcap_dump_close(po->dumper);
	pcap_close(po->pcap);
	free(po);
}
