/*
 * route.c: the route metric rto_min on the lab's loopback routes. A
 * socket takes the floor of its retransmission timeout from its route when
 * the metric is locked (tcp_rto_min() in the kernel, since long before
 * Linux 6.1), so the lab's local routes are replaced by the same routes
 * with RTAX_RTO_MIN set and locked, as `ip route replace local
 * 127.0.0.1 dev lo table local rto_min lock MSms` would do. Only sockets
 * connected afterwards look the route up, so a lesson sets it first.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>

#include <libmnl/libmnl.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/xmalloc.h"
#include "lab/route.h"

#define ROUTE_LOOPBACK_NET	0x7f000000U	/* 127.0.0.0/8 */
#define ROUTE_LOOPBACK_HOST	0x7f000001U	/* 127.0.0.1 */

/* Replace one local route of lo (dst/len) with the metric set; -1 and
 * *cause. */
static int
route_replace(struct mnl_socket *nl, unsigned ifindex, uint32_t dst,
    unsigned len, unsigned ms, char **cause)
{
	char		 buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr	*nlh;
	struct rtmsg	*rtm;
	struct nlattr	*metrics;
	unsigned	 seq = (unsigned)time(NULL);
	ssize_t		 n;

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE |
	    NLM_F_REPLACE;
	nlh->nlmsg_seq = seq;
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof *rtm);
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = (unsigned char)len;
	rtm->rtm_table = RT_TABLE_LOCAL;
	rtm->rtm_protocol = RTPROT_KERNEL;
	rtm->rtm_scope = RT_SCOPE_HOST;
	rtm->rtm_type = RTN_LOCAL;
	mnl_attr_put_u32(nlh, RTA_TABLE, RT_TABLE_LOCAL);
	mnl_attr_put_u32(nlh, RTA_DST, htonl(dst));
	mnl_attr_put_u32(nlh, RTA_PREFSRC, htonl(ROUTE_LOOPBACK_HOST));
	mnl_attr_put_u32(nlh, RTA_OIF, ifindex);
	metrics = mnl_attr_nest_start(nlh, RTA_METRICS);
	mnl_attr_put_u32(nlh, RTAX_LOCK, 1U << RTAX_RTO_MIN);
	mnl_attr_put_u32(nlh, RTAX_RTO_MIN, ms);
	mnl_attr_nest_end(nlh, metrics);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) == -1 ||
	    (n = mnl_socket_recvfrom(nl, buf, sizeof buf)) == -1 ||
	    mnl_cb_run(buf, (size_t)n, seq, mnl_socket_get_portid(nl), NULL,
	    NULL) == -1) {
		*cause = xasprintf("rtnetlink: replacing the route to "
		    "%u.0.0.%u/%u: %s", dst >> 24, dst & 0xff, len,
		    strerror(errno));
		return (-1);
	}
	return (0);
}

/* Set a locked rto_min on both local routes of lo. */
int
route_set_rto_min(unsigned ms, char **cause)
{
	struct mnl_socket	*nl;
	unsigned		 ifindex;
	int			 r = -1, err = 0;

	if ((ifindex = if_nametoindex("lo")) == 0) {
		*cause = xasprintf("lo: %s", strerror(errno));
		return (-1);
	}
	if ((nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC)) == NULL ||
	    mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) == -1) {
		err = errno;
		*cause = xasprintf("rtnetlink: %s", strerror(err));
		if (nl != NULL)
			mnl_socket_close(nl);
		errno = err;
		return (-1);
	}
	if (route_replace(nl, ifindex, ROUTE_LOOPBACK_NET, 8, ms, cause) == 0 &&
	    route_replace(nl, ifindex, ROUTE_LOOPBACK_HOST, 32, ms,
	    cause) == 0)
		r = 0;
	else
		err = errno;
	mnl_socket_close(nl);
	errno = err;	/* the caller records the failure's own errno */
	return (r);
}
