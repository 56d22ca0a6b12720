/*
 * route.h: the lab's loopback routes, through rtnetlink. The one thing a
 * lesson changes there is the route metric rto_min, the floor of TCP's
 * retransmission timeout: it sets a lesson's pace on every kernel finwave
 * runs on (the sysctl tcp_rto_min_us exists only from Linux 6.11).
 */
#ifndef ROUTE_H
#define ROUTE_H

/* Set a locked rto_min of ms milliseconds on the current namespace's local
 * routes to 127.0.0.0/8 and 127.0.0.1 (the lab's, once entered), so that
 * connections made afterwards use it; -1, errno and *cause (caller frees)
 * on failure. */
int	route_set_rto_min(unsigned ms, char **cause);

#endif
