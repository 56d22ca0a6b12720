/*
 * probe.c: ask the kernel, over NETLINK_SOCK_DIAG, for every IPv4 TCP socket
 * in this network namespace (the same dump ss(8) reads), so the lab can show
 * states, timers and queues that never appear on the wire. Each full
 * socket comes with its struct tcp_info (INET_DIAG_INFO), for the RTO and
 * the retransmissions behind a retransmit timer.
 *
 * A dump asks for a connection's states only (PROBE_DUMP_STATES): the lab's
 * connection hash is its own, but the listening and bind hashes are the
 * host's, and walking them for LISTEN and BOUND_INACTIVE was most of a
 * small lab's dump (0.5 ms of 0.55 here). A lookup by four-tuple can still
 * find a listener.
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>

#include <errno.h>
#include <libmnl/libmnl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/xmalloc.h"
#include "lab/probe.h"
#include "tcp/fourtuple.h"

/* Large enough for the biggest dump skb the kernel sends (32 KiB). */
#define PROBE_BUFSIZE	65536

struct probe {
	struct mnl_socket	*nl;
	unsigned int		 portid;
	unsigned int		 seq;		/* of the last dump */
	char			*buf;		/* PROBE_BUFSIZE bytes */
	struct sock_reading	*socks;		/* reused by every dump */
	size_t			 n;
	size_t			 size;
	size_t			*table;		/* by four-tuple: 1 + the index
						 * of the first non-listener in
						 * socks, or 0; open addressing */
	size_t			 tsize;		/* a power of two */
};

/* Read tcp_info's RTO, backoff and retransmissions from the attributes
 * after the message, when they hold INET_DIAG_INFO (a full socket); the
 * attributes may be unaligned, and tcp_info as short as an older kernel's. */
static void
probe_parse_info(const uint8_t *attrs, size_t len, struct sock_tcpinfo *info)
{
	struct nlattr	a;
	struct tcp_info	ti;
	size_t		alen, step;

	while (len >= sizeof a) {
		memcpy(&a, attrs, sizeof a);
		if (a.nla_len < NLA_HDRLEN || a.nla_len > len)
			return;
		alen = a.nla_len - NLA_HDRLEN;
		if ((a.nla_type & NLA_TYPE_MASK) == INET_DIAG_INFO &&
		    alen >= offsetof(struct tcp_info, tcpi_rto) +
		    sizeof ti.tcpi_rto) {
			memset(&ti, 0, sizeof ti);
			memcpy(&ti, attrs + NLA_HDRLEN,
			    alen < sizeof ti ? alen : sizeof ti);
			info->known = 1;
			info->rto_us = ti.tcpi_rto;
			info->backoff = ti.tcpi_backoff;
			info->retransmits = ti.tcpi_retransmits;
			return;
		}
		if ((step = NLA_ALIGN(a.nla_len)) >= len)
			return;
		attrs += step;
		len -= step;
	}
}

/* Decode one inet_diag_msg, and the tcp_info after it, into ps; -1 if it
 * is short or not IPv4. */
int
probe_parse(const void *payload, size_t len, struct sock_reading *ps)
{
	struct inet_diag_msg	m;
	size_t			off = NLMSG_ALIGN(sizeof m);

	if (len < sizeof m)
		return (-1);
	memcpy(&m, payload, sizeof m);	/* payload may be unaligned */
	if (m.idiag_family != AF_INET)
		return (-1);

	ps->saddr = ntohl(m.id.idiag_src[0]);
	ps->daddr = ntohl(m.id.idiag_dst[0]);
	ps->sport = ntohs(m.id.idiag_sport);
	ps->dport = ntohs(m.id.idiag_dport);
	ps->state = (enum tcp_state)m.idiag_state;
	ps->timer = (enum tcp_timer)m.idiag_timer;
	ps->expires_ms = m.idiag_expires;
	ps->rqueue = m.idiag_rqueue;
	ps->wqueue = m.idiag_wqueue;
	ps->inode = m.idiag_inode;
	memset(&ps->info, 0, sizeof ps->info);
	ps->info.retrans = m.idiag_retrans;
	if (len > off)
		probe_parse_info((const uint8_t *)payload + off, len - off,
		    &ps->info);
	return (0);
}

/* Open and bind a sock_diag netlink socket. */
struct probe *
probe_open(char **cause)
{
	struct probe		*p;
	struct mnl_socket	*nl;

	if ((nl = mnl_socket_open2(NETLINK_SOCK_DIAG, SOCK_CLOEXEC)) == NULL) {
		*cause = xasprintf("sock_diag socket: %s", strerror(errno));
		return (NULL);
	}
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) == -1) {
		*cause = xasprintf("sock_diag bind: %s", strerror(errno));
		mnl_socket_close(nl);
		return (NULL);
	}
	p = xcalloc(1, sizeof *p);
	p->nl = nl;
	p->portid = mnl_socket_get_portid(nl);
	p->seq = (unsigned int)time(NULL);
	p->buf = xmalloc(PROBE_BUFSIZE);
	return (p);
}

/* Store one dumped socket in the probe's array, growing it as needed. */
static int
probe_dump_msg(const struct nlmsghdr *nlh, void *arg)
{
	struct probe	*p = arg;

	if (p->n == p->size) {
		p->size = p->size == 0 ? 256 : p->size * 2;
		p->socks = xreallocarray(p->socks, p->size, sizeof *p->socks);
	}
	if (probe_parse(mnl_nlmsg_get_payload(nlh),
	    mnl_nlmsg_get_payload_len(nlh), &p->socks[p->n]) == -1) {
		errno = EBADMSG;
		return (MNL_CB_ERROR);
	}
	p->n++;
	return (MNL_CB_OK);
}

/* End the dump at NLMSG_DONE, failing if the kernel reports an error in it. */
static int
probe_dump_done(const struct nlmsghdr *nlh, void *arg)
{
	int	error;

	(void)arg;
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof error)
		return (MNL_CB_STOP);
	memcpy(&error, mnl_nlmsg_get_payload(nlh), sizeof error);
	if (error < 0) {
		errno = -error;
		return (MNL_CB_ERROR);
	}
	return (MNL_CB_STOP);
}

/* Send a request for IPv4 TCP sockets: every connection (a dump, of the
 * states PROBE_DUMP_STATES), or the one socket with the four-tuple in id. */
static int
probe_request(struct probe *p, const struct inet_diag_sockid *id)
{
	struct nlmsghdr		*nlh;
	struct inet_diag_req_v2	*req;

	/* A fresh sequence number per request; 0 would turn checking off. */
	if (++p->seq == 0)
		p->seq = 1;
	nlh = mnl_nlmsg_put_header(p->buf);
	nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
	nlh->nlmsg_flags = NLM_F_REQUEST | (id == NULL ? NLM_F_DUMP : 0);
	nlh->nlmsg_seq = p->seq;
	req = mnl_nlmsg_put_extra_header(nlh, sizeof *req);
	req->sdiag_family = AF_INET;
	req->sdiag_protocol = IPPROTO_TCP;
	req->idiag_states = id == NULL ? PROBE_DUMP_STATES : ~0U;
	req->idiag_ext = 1U << (INET_DIAG_INFO - 1);
	if (id != NULL)
		req->id = *id;
	if (mnl_socket_sendto(p->nl, nlh, nlh->nlmsg_len) == -1)
		return (-1);
	return (0);
}

/* Receive and decode the dump until NLMSG_DONE. */
static int
probe_dump_receive(struct probe *p)
{
	static mnl_cb_t	 ctl[NLMSG_MIN_TYPE] = {
		[NLMSG_DONE] = probe_dump_done
	};
	ssize_t		 len;
	int		 ret;

	do {
		len = mnl_socket_recvfrom(p->nl, p->buf, PROBE_BUFSIZE);
		if (len == -1)
			return (-1);
		ret = mnl_cb_run2(p->buf, (size_t)len, p->seq, p->portid,
		    probe_dump_msg, p, ctl, NLMSG_MIN_TYPE);
	} while (ret > MNL_CB_STOP);
	return (ret == MNL_CB_ERROR ? -1 : 0);
}

/* Throw away whatever is left of a failed dump so the next starts clean. */
static void
probe_dump_drain(struct probe *p)
{
	int	fd = mnl_socket_get_fd(p->nl);

	/* The kernel queues the next part of a dump as each one is read. */
	while (recv(fd, p->buf, PROBE_BUFSIZE, MSG_DONTWAIT) > 0)
		continue;
}

/* The table slot of a four-tuple: its socket's, or the empty one. */
static size_t *
probe_slot(const struct probe *p, uint32_t saddr, uint16_t sport,
    uint32_t daddr, uint16_t dport)
{
	const struct sock_reading	*sr;
	size_t				 i, mask = p->tsize - 1;

	i = fourtuple_hash(saddr, sport, daddr, dport) & mask;
	while (p->table[i] != 0) {
		sr = &p->socks[p->table[i] - 1];
		if (sr->saddr == saddr && sr->sport == sport &&
		    sr->daddr == daddr && sr->dport == dport)
			break;
		i = (i + 1) & mask;
	}
	return (&p->table[i]);
}

/* Index the dump's connections (not its listeners) by four-tuple; a
 * socket the walk met twice keeps its first reading. */
static void
probe_index(struct probe *p)
{
	const struct sock_reading	*sr;
	size_t				*slot, i, want;

	want = fourtuple_table_size(p->n);
	if (want > p->tsize) {
		free(p->table);
		p->tsize = want;
		p->table = xcalloc(p->tsize, sizeof *p->table);
	} else
		memset(p->table, 0, p->tsize * sizeof *p->table);
	for (i = 0; i < p->n; i++) {
		sr = &p->socks[i];
		if (sr->state == TS_LISTEN)
			continue;
		slot = probe_slot(p, sr->saddr, sr->sport, sr->daddr,
		    sr->dport);
		if (*slot == 0)
			*slot = i + 1;
	}
}

/* The last dump's socket whose own side is (saddr, sport) and whose peer
 * is (daddr, dport), not a listener; NULL if it had none. */
const struct sock_reading *
probe_find(const struct probe *p, uint32_t saddr, uint16_t sport,
    uint32_t daddr, uint16_t dport)
{
	size_t	slot;

	if (p->tsize == 0)
		return (NULL);
	slot = *probe_slot(p, saddr, sport, daddr, dport);
	return (slot == 0 ? NULL : &p->socks[slot - 1]);
}

/* Dump every IPv4 TCP socket into the probe's array. */
int
probe_dump(struct probe *p, const struct sock_reading **socks, size_t *n,
    char **cause)
{
	p->n = 0;
	if (probe_request(p, NULL) == -1) {
		*cause = xasprintf("sock_diag request: %s", strerror(errno));
		return (-1);
	}
	if (probe_dump_receive(p) == -1) {
		*cause = xasprintf("sock_diag dump: %s", strerror(errno));
		probe_dump_drain(p);
		p->n = 0;
		probe_index(p);
		return (-1);
	}
	probe_index(p);
	*socks = p->socks;
	*n = p->n;
	return (0);
}

/* Decode the one socket a lookup returns. */
static int
probe_lookup_msg(const struct nlmsghdr *nlh, void *arg)
{
	if (probe_parse(mnl_nlmsg_get_payload(nlh),
	    mnl_nlmsg_get_payload_len(nlh), arg) == -1) {
		errno = EBADMSG;
		return (MNL_CB_ERROR);
	}
	return (MNL_CB_STOP);
}

/* Ask for one socket by its four-tuple: a hash lookup in the kernel, not
 * a walk of every bucket, and nothing a concurrent change can skip. */
int
probe_lookup(struct probe *p, const struct sock_reading *key,
    struct sock_reading *out, char **cause)
{
	struct inet_diag_sockid	id;
	ssize_t			len;

	memset(&id, 0, sizeof id);
	id.idiag_src[0] = htonl(key->saddr);
	id.idiag_dst[0] = htonl(key->daddr);
	id.idiag_sport = htons(key->sport);
	id.idiag_dport = htons(key->dport);
	id.idiag_cookie[0] = id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
	if (probe_request(p, &id) == -1 ||
	    (len = mnl_socket_recvfrom(p->nl, p->buf, PROBE_BUFSIZE)) == -1) {
		*cause = xasprintf("sock_diag lookup: %s", strerror(errno));
		return (-1);
	}
	if (mnl_cb_run(p->buf, (size_t)len, p->seq, p->portid,
	    probe_lookup_msg, out) != -1)
		return (1);
	if (errno == ENOENT)
		return (0);
	*cause = xasprintf("sock_diag lookup: %s", strerror(errno));
	return (-1);
}

/* Close the netlink socket and free the probe. */
void
probe_free(struct probe *p)
{
	if (p == NULL)
		return;
	mnl_socket_close(p->nl);
	free(p->socks);
	free(p->table);
	free(p->buf);
	free(p);
}
