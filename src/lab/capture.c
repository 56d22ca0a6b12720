/*
 * capture.c: watch the lab's loopback with libpcap and turn each Ethernet
 * frame carrying IPv4 TCP into a struct segment, its options included: the
 * one place that reads the bytes. Decoding works on bytes alone, so the
 * unit tests feed it frames recorded on loopback.
 */
#include <pcap/pcap.h>
#include <stdlib.h>

#include "base/xmalloc.h"
#include "lab/capture.h"
#include "tcp/tcpstate.h"

#define CAPTURE_SNAPLEN		2048
#define CAPTURE_BUFFER	(32 * 1024 * 1024)	/* about 16,000 slots */
#define CAPTURE_ETHER_LEN	14
#define CAPTURE_ETHERTYPE_IPV4	0x0800
#define CAPTURE_IP_MIN		20
#define CAPTURE_IP_FRAGMASK	0x3fff	/* more-fragments bit and offset */
#define CAPTURE_TCP_MIN		20
#define CAPTURE_TCP_FLAGS	(TF_FIN|TF_SYN|TF_RST|TF_PSH|TF_ACK|TF_URG)

/* TCP option kinds (RFC 9293, 7323, 2018) and their lengths. */
#define CAPTURE_OPT_END		0
#define CAPTURE_OPT_NOP		1
#define CAPTURE_OPT_MSS		2
#define CAPTURE_OPT_MSS_LEN	4
#define CAPTURE_OPT_WSCALE	3
#define CAPTURE_OPT_WSCALE_LEN	3
#define CAPTURE_OPT_SACK_OK	4
#define CAPTURE_OPT_SACK_OK_LEN	2
#define CAPTURE_OPT_TS		8
#define CAPTURE_OPT_TS_LEN	10
#define CAPTURE_WSCALE_MAX	14	/* RFC 7323 2.3: use 14 for more */

struct capture {
	pcap_t	*pcap;
	int	 fd;
};

/* What capture_read hands to the pcap_dispatch callback. */
struct capture_dispatch {
	capture_cb	*cb;
	void		*arg;
	int		 delivered;
};

/* Read a big-endian 16-bit field. */
static uint16_t
capture_get16(const uint8_t *p)
{
	return ((uint16_t)(p[0] << 8 | p[1]));
}

/* Read a big-endian 32-bit field. */
static uint32_t
capture_get32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3]);
}

/* Take in one option of kind, len bytes long in all (opt is its start);
 * one of a known kind with the wrong length is ignored, as Linux does. */
static void
capture_option(const uint8_t *opt, uint8_t kind, size_t len,
    struct segment *seg)
{
	switch (kind) {
	case CAPTURE_OPT_MSS:
		if (len == CAPTURE_OPT_MSS_LEN)
			seg->mss = capture_get16(opt + 2);
		break;
	case CAPTURE_OPT_WSCALE:
		if (len != CAPTURE_OPT_WSCALE_LEN)
			break;
		seg->wscale = (int8_t)(opt[2] > CAPTURE_WSCALE_MAX ?
		    CAPTURE_WSCALE_MAX : opt[2]);
		break;
	case CAPTURE_OPT_SACK_OK:
		if (len == CAPTURE_OPT_SACK_OK_LEN)
			seg->sack_ok = 1;
		break;
	case CAPTURE_OPT_TS:
		if (len != CAPTURE_OPT_TS_LEN)
			break;
		seg->has_ts = 1;
		seg->tsval = capture_get32(opt + 2);
		seg->tsecr = capture_get32(opt + 6);
		break;
	}
}

/* Decode the n bytes of options after a TCP header's fixed part; stop at
 * the end of the list or at an option whose length is impossible. */
void
capture_options(const uint8_t *opt, size_t n, struct segment *seg)
{
	size_t	i = 0, len;

	seg->mss = 0;
	seg->wscale = -1;
	seg->sack_ok = 0;
	seg->has_ts = 0;
	seg->tsval = seg->tsecr = 0;
	while (i < n && opt[i] != CAPTURE_OPT_END) {
		if (opt[i] == CAPTURE_OPT_NOP) {
			i++;
			continue;
		}
		if (n - i < 2 || (len = opt[i + 1]) < 2 || len > n - i)
			return;
		capture_option(opt + i, opt[i], len, seg);
		i += len;
	}
}

/*
 * Decode an IPv4 packet holding one unfragmented TCP segment, caplen bytes
 * of it at hand out of len. The headers must be there; the payload may be
 * cut short.
 */
int
capture_decode_ip(const uint8_t *ip, size_t caplen, size_t len,
    uint64_t t_ns, struct segment *seg)
{
	const uint8_t	*th;
	size_t		 iplen, ihl, thl;

	if (caplen < CAPTURE_IP_MIN)
		return (-1);
	/* Trailing padding is allowed; a packet cut on the wire is not. */
	ihl = (size_t)(ip[0] & 0x0f) * 4;
	iplen = capture_get16(ip + 2);
	if (len < caplen || ip[0] >> 4 != 4 || ihl < CAPTURE_IP_MIN ||
	    iplen < ihl || iplen > len)
		return (-1);
	if (ip[9] != 6 || (capture_get16(ip + 6) & CAPTURE_IP_FRAGMASK) != 0)
		return (-1);

	th = ip + ihl;
	if (iplen - ihl < CAPTURE_TCP_MIN || ihl + CAPTURE_TCP_MIN > caplen)
		return (-1);
	thl = (size_t)(th[12] >> 4) * 4;
	if (thl < CAPTURE_TCP_MIN || thl > iplen - ihl || ihl + thl > caplen)
		return (-1);

	seg->t_ns = t_ns;
	seg->saddr = capture_get32(ip + 12);
	seg->daddr = capture_get32(ip + 16);
	seg->sport = capture_get16(th);
	seg->dport = capture_get16(th + 2);
	seg->seq = capture_get32(th + 4);
	seg->ack = capture_get32(th + 8);
	seg->flags = th[13] & CAPTURE_TCP_FLAGS;
	seg->win = capture_get16(th + 14);
	seg->len = (uint32_t)(iplen - ihl - thl);
	seg->wirelen = (uint32_t)len;
	capture_options(th + CAPTURE_TCP_MIN, thl - CAPTURE_TCP_MIN, seg);
	return (0);
}

/* Decode an Ethernet frame holding one unfragmented IPv4 TCP segment
 * (wirelen is the frame's length on the wire). */
int
capture_decode(const uint8_t *frame, size_t caplen, size_t wirelen,
    uint64_t t_ns, struct segment *seg)
{
	if (caplen < CAPTURE_ETHER_LEN + CAPTURE_IP_MIN || wirelen < caplen ||
	    capture_get16(frame + 12) != CAPTURE_ETHERTYPE_IPV4)
		return (-1);
	if (capture_decode_ip(frame + CAPTURE_ETHER_LEN,
	    caplen - CAPTURE_ETHER_LEN, wirelen - CAPTURE_ETHER_LEN, t_ns,
	    seg) == -1)
		return (-1);
	seg->wirelen = (uint32_t)wirelen;
	return (0);
}

/* Describe a failed pcap call, preferring libpcap's own message. */
static char *
capture_error(pcap_t *p, const char *what, int status)
{
	const char	*msg = pcap_geterr(p);

	if (*msg == '\0')
		msg = pcap_statustostr(status);
	return (xasprintf("%s lo: %s", what, msg));
}

/* Set the options that must precede pcap_activate; 0 or a pcap error. */
static int
capture_configure(pcap_t *p, const char **what)
{
	int	status;

	*what = "pcap_set_immediate_mode";
	if ((status = pcap_set_immediate_mode(p, 1)) != 0)
		return (status);
	*what = "pcap_set_snaplen";
	if ((status = pcap_set_snaplen(p, CAPTURE_SNAPLEN)) != 0)
		return (status);
	/* In immediate mode libpcap uses TPACKET_V2, whose ring slots are
	 * snaplen-sized: a small snaplen (headers and the start of the
	 * payload) and a large ring give some 16,000 slots, where the
	 * defaults gave a handful and lost most of a burst. */
	*what = "pcap_set_buffer_size";
	if ((status = pcap_set_buffer_size(p, CAPTURE_BUFFER)) != 0)
		return (status);
	*what = "pcap_set_tstamp_precision";
	return (pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO));
}

/* Activate p and install the "tcp" filter; on error set *cause. */
static int
capture_start(pcap_t *p, char **cause)
{
	char			 errbuf[PCAP_ERRBUF_SIZE];
	struct bpf_program	 prog;
	const char		*what;
	int			 status;

	if ((status = capture_configure(p, &what)) != 0) {
		*cause = capture_error(p, what, status);
		return (-1);
	}
	/* A positive status is a warning; the handle still works. */
	if ((status = pcap_activate(p)) < 0) {
		*cause = capture_error(p, "pcap_activate", status);
		return (-1);
	}
	if (pcap_datalink(p) != DLT_EN10MB) {
		*cause = xasprintf("lo: link type %s, not Ethernet",
		    pcap_datalink_val_to_name(pcap_datalink(p)));
		return (-1);
	}
	if (pcap_setnonblock(p, 1, errbuf) == -1) {
		*cause = xasprintf("pcap_setnonblock lo: %s", errbuf);
		return (-1);
	}
	if (pcap_compile(p, &prog, "tcp", 1, PCAP_NETMASK_UNKNOWN) == -1) {
		*cause = capture_error(p, "pcap_compile", PCAP_ERROR);
		return (-1);
	}
	status = pcap_setfilter(p, &prog);
	pcap_freecode(&prog);
	if (status == -1) {
		*cause = capture_error(p, "pcap_setfilter", PCAP_ERROR);
		return (-1);
	}
	return (0);
}

/* Open lo in immediate, non-blocking, nanosecond mode, filtered to TCP. */
struct capture *
capture_open(char **cause)
{
	char		 errbuf[PCAP_ERRBUF_SIZE];
	struct capture	*c;
	pcap_t		*p;
	int		 fd;

	errbuf[0] = '\0';
	if ((p = pcap_create("lo", errbuf)) == NULL) {
		*cause = xasprintf("pcap_create lo: %s", errbuf);
		return (NULL);
	}
	if (capture_start(p, cause) == -1) {
		pcap_close(p);
		return (NULL);
	}
	if ((fd = pcap_get_selectable_fd(p)) == -1) {
		*cause = xasprintf("lo: no descriptor to poll");
		pcap_close(p);
		return (NULL);
	}
	c = xcalloc(1, sizeof *c);
	c->pcap = p;
	c->fd = fd;
	return (c);
}

/* How many frames the kernel dropped because the ring was full. */
unsigned
capture_drops(struct capture *c)
{
	struct pcap_stat	st;

	if (pcap_stats(c->pcap, &st) == -1)
		return (0);
	return (st.ps_drop + st.ps_ifdrop);
}

/* Return the descriptor that becomes readable when frames are waiting. */
int
capture_fd(struct capture *c)
{
	return (c->fd);
}

/* The pcap_dispatch callback: decode one frame and pass it on if TCP. */
static void
capture_handle(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
	struct capture_dispatch	*d = (struct capture_dispatch *)user;
	struct segment		 seg;
	uint64_t		 t_ns;

	/* With nanosecond precision tv_usec holds nanoseconds. */
	t_ns = (uint64_t)h->ts.tv_sec * 1000000000 + (uint64_t)h->ts.tv_usec;
	if (capture_decode(bytes, h->caplen, h->len, t_ns, &seg) == -1)
		return;
	d->cb(&seg, bytes, h->caplen, d->arg);
	d->delivered++;
}

/* Deliver every waiting segment to cb; returns how many, or -1. */
int
capture_read(struct capture *c, capture_cb *cb, void *arg)
{
	struct capture_dispatch	d;

	d.cb = cb;
	d.arg = arg;
	d.delivered = 0;
	if (pcap_dispatch(c->pcap, -1, capture_handle, (u_char *)&d) < 0)
		return (-1);
	return (d.delivered);
}

/* Close the pcap handle and free the capture. */
void
capture_free(struct capture *c)
{
	if (c == NULL)
		return;
	pcap_close(c->pcap);
	free(c);
}
