/*
 * test_conn.c: connections, relative numbers, and how wire and kernel
 * evidence become recorded states.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/conn.h"

#define LO	0x7f000001U
#define CPORT	40000
#define SPORT	9000
#define CISN	1000U
#define SISN	5000U

/* A segment from the client (from_client) or the server. */
static struct segment
seg(int from_client, uint8_t flags, uint32_t seq, uint32_t ack, uint64_t t)
{
	struct segment	s;

	memset(&s, 0, sizeof s);
	s.t_ns = t;
	s.saddr = s.daddr = LO;
	s.sport = from_client ? CPORT : SPORT;
	s.dport = from_client ? SPORT : CPORT;
	s.flags = flags;
	s.seq = seq;
	s.ack = ack;
	return (s);
}

/* A kernel socket of the client (client) or server side. */
static struct sock_reading
sock(int client, enum tcp_state state)
{
	struct sock_reading	p;

	memset(&p, 0, sizeof p);
	p.saddr = p.daddr = LO;
	p.sport = client ? CPORT : SPORT;
	p.dport = client ? SPORT : CPORT;
	p.state = state;
	return (p);
}

/* Build a segment and run it through the table. */
static void
send_seg(struct conns *cs, int from_client, uint8_t flags, uint32_t seq,
    uint32_t ack, uint64_t t)
{
	struct segment	s = seg(from_client, flags, seq, ack, t);
	int		side;

	conns_segment(cs, &s, &side);
}

/* Among thousands of connections, each is found from either side's
 * point of view, and a four-tuple used again belongs to its newest. */
static void
test_find_among_many(void **state)
{
	struct conns	*cs = conns_new();
	struct segment	 s;
	struct conn	*c, *again;
	int		 side, port;

	(void)state;
	for (port = 10000; port < 15000; port++) {
		s = seg(1, TF_SYN, CISN, 0, 1);
		s.sport = (uint16_t)port;
		conns_segment(cs, &s, &side);
	}
	assert_int_equal(conns_count(cs), 5000);
	for (port = 10000; port < 15000; port += 7) {
		c = conns_find(cs, LO, (uint16_t)port, LO, SPORT, &side);
		assert_non_null(c);
		assert_int_equal(c->number, port - 10000 + 1);
		assert_int_equal(side, 0);
		assert_ptr_equal(conns_find(cs, LO, SPORT, LO, (uint16_t)port,
		    &side), c);
		assert_int_equal(side, 1);
	}
	assert_null(conns_find(cs, LO, 15000, LO, SPORT, &side));
	/* A new SYN on port 12345 (another ISN) is a new connection. */
	s = seg(1, TF_SYN, CISN + 99, 0, 2);
	s.sport = 12345;
	again = conns_segment(cs, &s, &side);
	assert_int_equal(again->number, 5001);
	assert_ptr_equal(conns_find(cs, LO, SPORT, LO, 12345, &side), again);
	conns_free(cs);
}

/* Run a handshake through the table; returns the connection. */
static struct conn *
handshake(struct conns *cs)
{
	struct segment	s;
	struct conn	*c;
	int		 side;

	s = seg(1, TF_SYN, CISN, 0, 1);
	c = conns_segment(cs, &s, &side);
	assert_int_equal(side, 0);
	s = seg(0, TF_SYN | TF_ACK, SISN, CISN + 1, 2);
	assert_ptr_equal(conns_segment(cs, &s, &side), c);
	assert_int_equal(side, 1);
	send_seg(cs, 1, TF_ACK, CISN + 1, SISN + 1, 3);
	return (c);
}

/* What each side sent and the other has not acknowledged, as the capture
 * saw it: the SYNs until the handshake's ACKs, data until its ACK, a FIN
 * until its ACK; an RST ends the question. */
static void
test_unacked(void **state)
{
	struct conns	*cs = conns_new();
	struct segment	 s;
	struct conn	*c;
	int		 side;

	(void)state;
	s = seg(1, TF_SYN, CISN, 0, 1);
	c = conns_segment(cs, &s, &side);
	assert_true(conn_unacked(c, 0));
	assert_false(conn_unacked(c, 1));
	send_seg(cs, 0, TF_SYN | TF_ACK, SISN, CISN + 1, 2);
	assert_false(conn_unacked(c, 0));
	assert_true(conn_unacked(c, 1));
	send_seg(cs, 1, TF_ACK, CISN + 1, SISN + 1, 3);
	assert_false(conn_unacked(c, 1));
	/* 100 bytes, acknowledged in two parts. */
	s = seg(1, TF_ACK | TF_PSH, CISN + 1, SISN + 1, 4);
	s.len = 100;
	conns_segment(cs, &s, &side);
	assert_true(conn_unacked(c, 0));
	send_seg(cs, 0, TF_ACK, SISN + 1, CISN + 51, 5);
	assert_true(conn_unacked(c, 0));
	send_seg(cs, 0, TF_ACK, SISN + 1, CISN + 101, 6);
	assert_false(conn_unacked(c, 0));
	/* A FIN, and an old ACK that acknowledges less does not count. */
	send_seg(cs, 1, TF_FIN | TF_ACK, CISN + 101, SISN + 1, 7);
	assert_true(conn_unacked(c, 0));
	send_seg(cs, 0, TF_ACK, SISN + 1, CISN + 102, 8);
	assert_false(conn_unacked(c, 0));
	send_seg(cs, 0, TF_ACK, SISN + 1, CISN + 101, 9);
	assert_false(conn_unacked(c, 0));
	/* The server's data is never acknowledged: the client resets. */
	s = seg(0, TF_ACK | TF_PSH, SISN + 1, CISN + 102, 10);
	s.len = 10;
	conns_segment(cs, &s, &side);
	assert_true(conn_unacked(c, 1));
	send_seg(cs, 1, TF_RST, CISN + 102, 0, 11);
	assert_false(conn_unacked(c, 1));
	conns_free(cs);
}

/* Relative numbers start at 0 with the SYN, as tcpdump prints them. */
static void
test_relative_numbers(void **state)
{
	struct conns	*cs = conns_new();
	struct conn	*c = handshake(cs);
	struct segment	 s = seg(1, TF_FIN | TF_ACK, CISN + 1, SISN + 1, 4);
	int32_t		 rseq, rack;

	(void)state;
	conn_relative(c, 0, &s, &rseq, &rack);
	assert_int_equal(rseq, 1);
	assert_int_equal(rack, 1);
	s = seg(1, TF_SYN, CISN, 0, 1);
	conn_relative(c, 0, &s, &rseq, &rack);
	assert_int_equal(rseq, 0);
	assert_int_equal(rack, 0);
	assert_int_equal(conns_count(cs), 1);
	assert_int_equal(c->number, 1);
	conns_free(cs);
}

/* The handshake: SYN_SENT is proven by the wire, ESTABLISHED by the kernel. */
static void
test_handshake_states(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(1, TS_ESTABLISHED);
	int			 n;

	(void)state;
	n = conn_probe(c, 0, &k, 10, ch);
	assert_int_equal(n, 2);
	assert_int_equal(ch[0].state, TS_SYN_SENT);
	assert_int_equal(ch[0].src, SRC_WIRE);
	assert_int_equal(ch[0].t_ns, 1);
	assert_int_equal(ch[1].state, TS_ESTABLISHED);
	assert_int_equal(ch[1].src, SRC_KERNEL);
	/* Nothing new the second time. */
	assert_int_equal(conn_probe(c, 0, &k, 11, ch), 0);
	conns_free(cs);
}

/* A FIN whose sender the kernel already shows in FIN_WAIT_2: FIN_WAIT_1 is
 * recorded as read from the wire, at the time of the FIN. */
static void
test_fin_wait_1_from_wire(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(1, TS_ESTABLISHED);
	int			 n;

	(void)state;
	conn_probe(c, 0, &k, 10, ch);
	send_seg(cs, 1, TF_FIN | TF_ACK, CISN + 1, SISN + 1, 20);
	send_seg(cs, 0, TF_ACK, SISN + 1, CISN + 2, 21);
	assert_true(conn_unreconciled(c, 0));
	k = sock(1, TS_FIN_WAIT_2);
	k.timer = TCP_TIMER_TIMEWAIT;
	k.expires_ms = 59958;
	n = conn_probe(c, 0, &k, 30, ch);
	assert_int_equal(n, 2);
	assert_int_equal(ch[0].state, TS_FIN_WAIT_1);
	assert_int_equal(ch[0].src, SRC_WIRE);
	assert_int_equal(ch[0].t_ns, 20);
	assert_int_equal(ch[1].state, TS_FIN_WAIT_2);
	assert_int_equal(ch[1].src, SRC_KERNEL);
	assert_int_equal(c->side[0].expires_ms, 59958);
	assert_false(conn_unreconciled(c, 0));
	conns_free(cs);
}

/* When the kernel itself shows the state the wire implied, it is the
 * kernel's; a receiver that has not processed the FIN yet is not rushed. */
static void
test_kernel_confirms_and_lag(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(0, TS_ESTABLISHED);

	(void)state;
	conn_probe(c, 1, &k, 10, ch);
	send_seg(cs, 1, TF_FIN | TF_ACK, CISN + 1, SISN + 1, 20);
	/* The server's kernel still says ESTABLISHED: wait, record nothing. */
	assert_int_equal(conn_probe(c, 1, &k, 21, ch), 0);
	assert_int_equal(c->side[1].npending, 1);
	k = sock(0, TS_CLOSE_WAIT);
	assert_int_equal(conn_probe(c, 1, &k, 22, ch), 1);
	assert_int_equal(ch[0].state, TS_CLOSE_WAIT);
	assert_int_equal(ch[0].src, SRC_KERNEL);
	assert_int_equal(c->side[1].npending, 0);
	conns_free(cs);
}

/* The passive closer: LAST_ACK from the wire, then CLOSED when the kernel
 * no longer has the socket. */
static void
test_last_ack_then_closed(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(0, TS_CLOSE_WAIT);

	(void)state;
	conn_probe(c, 1, &k, 10, ch);
	send_seg(cs, 0, TF_FIN | TF_ACK, SISN + 1, CISN + 2, 20);
	send_seg(cs, 1, TF_ACK, CISN + 2, SISN + 2, 21);
	assert_int_equal(conn_probe(c, 1, NULL, 30, ch), 2);
	assert_int_equal(ch[0].state, TS_LAST_ACK);
	assert_int_equal(ch[0].src, SRC_WIRE);
	assert_int_equal(ch[1].state, TS_CLOSED);
	assert_int_equal(ch[1].src, SRC_KERNEL);
	conns_free(cs);
}

/* The kernel freed the socket before pcap delivered the FIN and its ACK:
 * the end waits for the segments, so LAST_ACK is not lost. */
static void
test_capture_behind_kernel(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(0, TS_CLOSE_WAIT);

	(void)state;
	conn_probe(c, 1, &k, 10, ch);
	assert_int_equal(conn_probe(c, 1, NULL, 30, ch), 0);
	assert_int_equal(c->side[1].state, TS_CLOSE_WAIT);
	assert_true(conn_unreconciled(c, 1));
	assert_true(conn_unreconciled(c, 1));
	send_seg(cs, 0, TF_FIN | TF_ACK, SISN + 1, CISN + 2, 31);
	send_seg(cs, 1, TF_ACK, CISN + 2, SISN + 2, 32);
	assert_int_equal(conn_probe(c, 1, NULL, 40, ch), 2);
	assert_int_equal(ch[0].state, TS_LAST_ACK);
	assert_int_equal(ch[0].src, SRC_WIRE);
	assert_int_equal(ch[1].state, TS_CLOSED);
	assert_int_equal(ch[1].src, SRC_KERNEL);
	assert_false(conn_unreconciled(c, 1));
	conns_free(cs);
}

/* If the segments never come, the kernel is believed after 250 ms. */
static void
test_capture_lag_bounded(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(0, TS_ESTABLISHED);

	(void)state;
	conn_probe(c, 1, &k, 10, ch);
	assert_int_equal(conn_probe(c, 1, NULL, 1000, ch), 0);
	assert_int_equal(conn_probe(c, 1, NULL, 1000 + 249999999ULL, ch), 0);
	assert_int_equal(conn_probe(c, 1, NULL, 1000 + 250000000ULL, ch), 1);
	assert_int_equal(ch[0].state, TS_CLOSED);
	assert_int_equal(ch[0].src, SRC_KERNEL);
	conns_free(cs);
}

/* A FIN_WAIT_2 may end silently (tcp_fin_timeout): no waiting. */
static void
test_fin_wait_2_ends_silently(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(1, TS_FIN_WAIT_2);

	(void)state;
	send_seg(cs, 1, TF_FIN | TF_ACK, CISN + 1, SISN + 1, 5);
	send_seg(cs, 0, TF_ACK, SISN + 1, CISN + 2, 6);
	conn_probe(c, 0, &k, 10, ch);
	assert_int_equal(c->side[0].state, TS_FIN_WAIT_2);
	assert_int_equal(conn_probe(c, 0, NULL, 20, ch), 1);
	assert_int_equal(ch[0].state, TS_CLOSED);
	conns_free(cs);
}

/* New queues in the same state are a change of their own; the same
 * queues again are not. */
static void
test_queues_only(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(0, TS_ESTABLISHED);

	(void)state;
	conn_probe(c, 1, &k, 10, ch);
	k.rqueue = 18;
	assert_int_equal(conn_probe(c, 1, &k, 20, ch), 1);
	assert_int_equal(ch[0].state, TS_ESTABLISHED);
	assert_int_equal(ch[0].queues_only, 1);
	assert_int_equal(c->side[1].rqueue, 18);
	assert_int_equal(conn_probe(c, 1, &k, 30, ch), 0);
	k.state = TS_CLOSE_WAIT;
	k.rqueue = 19;
	assert_int_equal(conn_probe(c, 1, &k, 40, ch), 1);
	assert_int_equal(ch[0].state, TS_CLOSE_WAIT);
	assert_int_equal(ch[0].queues_only, 0);
	conns_free(cs);
}

/* A timer that shows more time left than its countdown from the last
 * probe, in a closing state, started over; one that only runs down did
 * not, and neither does one re-armed while data flows. Times in ms. */
static void
test_timer_restart(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(1, TS_ESTABLISHED);
	const uint64_t		 ms = 1000000;

	(void)state;
	k.timer = TCP_TIMER_RETRANSMIT;
	k.expires_ms = 150;
	conn_probe(c, 0, &k, 10 * ms, ch);
	k.expires_ms = 200;
	assert_int_equal(conn_probe(c, 0, &k, 20 * ms, ch), 0);
	k.state = TS_TIME_WAIT;
	k.timer = TCP_TIMER_TIMEWAIT;
	k.expires_ms = 60000;
	assert_int_equal(conn_probe(c, 0, &k, 30 * ms, ch), 1);
	assert_int_equal(ch[0].restarted, 0);
	/* Running down, give or take a jiffy: no restart. */
	k.expires_ms = 59800;
	assert_int_equal(conn_probe(c, 0, &k, 230 * ms, ch), 0);
	k.expires_ms = 59504;
	assert_int_equal(conn_probe(c, 0, &k, 530 * ms, ch), 0);
	/* Back at 60 s with no segment since: a late dump, not a restart
	 * (it needs a cause on the wire). */
	k.expires_ms = 60000;
	assert_int_equal(conn_probe(c, 0, &k, 1030 * ms, ch), 0);
	k.expires_ms = 59000;
	assert_int_equal(conn_probe(c, 0, &k, 1030 * ms, ch), 0);
	/* The server's FIN again, then back at 60 s: it started over. */
	send_seg(cs, 0, TF_FIN | TF_ACK, SISN + 1, CISN + 2, 2000 * ms);
	k.expires_ms = 60000;
	assert_int_equal(conn_probe(c, 0, &k, 2030 * ms, ch), 1);
	assert_int_equal(ch[0].state, TS_TIME_WAIT);
	assert_int_equal(ch[0].src, SRC_KERNEL);
	assert_int_equal(ch[0].restarted, 1);
	assert_int_equal(ch[0].was_ms, 58000);
	assert_int_equal(ch[0].queues_only, 0);
	assert_int_equal(c->side[0].expires_ms, 60000);
	assert_int_equal(c->side[0].armed_ms, 60000);
	/* 11 s on, 200 ms more than the countdown (a dump that came back
	 * late): the timer did not start over, it stays armed 60 s; nor at
	 * the end of the minute. */
	k.expires_ms = 49400;
	assert_int_equal(conn_probe(c, 0, &k, 12830 * ms, ch), 0);
	assert_int_equal(c->side[0].armed_ms, 60000);
	k.expires_ms = 244;
	assert_int_equal(conn_probe(c, 0, &k, 62030 * ms, ch), 0);
	assert_int_equal(c->side[0].armed_ms, 60000);
	conns_free(cs);
}

/* armed: the time left at the first reading of a timer in a state; later
 * readings count down and leave it, a new state or timer arms it anew. */
static void
test_timer_armed(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(1, TS_FIN_WAIT_2);
	const uint64_t		 ms = 1000000;

	(void)state;
	k.timer = TCP_TIMER_TIMEWAIT;
	k.expires_ms = 59990;
	conn_probe(c, 0, &k, 10 * ms, ch);
	assert_int_equal(c->side[0].armed_ms, 59990);
	k.expires_ms = 30000;
	conn_probe(c, 0, &k, 29990 * ms, ch);
	assert_int_equal(c->side[0].armed_ms, 59990);
	assert_int_equal(c->side[0].expires_ms, 30000);
	k.state = TS_TIME_WAIT;
	k.expires_ms = 60000;
	conn_probe(c, 0, &k, 30000 * ms, ch);
	assert_int_equal(c->side[0].armed_ms, 60000);
	conns_free(cs);
}

/* An orphaned FIN_WAIT_2 whose timeout is over 60 s, as the lab's kernel
 * showed it with tcp_fin_timeout 65: keepalive 5000 ms, then a timewait
 * socket with 4996 ms. The handover is the same state with its timer
 * started over; a keepalive that only runs down is not. */
static void
test_fin_wait_2_keepalive_to_timewait(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(1, TS_FIN_WAIT_2);
	const uint64_t		 ms = 1000000;

	(void)state;
	k.timer = TCP_TIMER_KEEPALIVE;
	k.expires_ms = 5000;
	k.info.known = 1;
	k.info.rto_us = 204000;
	conn_probe(c, 0, &k, 400 * ms, ch);
	assert_int_equal(c->side[0].state, TS_FIN_WAIT_2);
	assert_int_equal(c->side[0].armed_ms, 5000);
	assert_int_equal(c->side[0].info.rto_us, 204000);
	k.expires_ms = 3000;
	assert_int_equal(conn_probe(c, 0, &k, 2400 * ms, ch), 0);
	k.timer = TCP_TIMER_TIMEWAIT;
	k.expires_ms = 4996;
	memset(&k.info, 0, sizeof k.info);
	assert_int_equal(conn_probe(c, 0, &k, 5500 * ms, ch), 1);
	assert_int_equal(ch[0].state, TS_FIN_WAIT_2);
	assert_int_equal(ch[0].restarted, 1);
	assert_int_equal(ch[0].was_ms, 0);
	assert_int_equal(c->side[0].armed_ms, 4996);
	assert_int_equal(c->side[0].info.known, 0);
	/* The timewait socket runs down: nothing new. */
	k.expires_ms = 2000;
	assert_int_equal(conn_probe(c, 0, &k, 8500 * ms, ch), 0);
	conns_free(cs);
}

/* What tcp_info says follows every reading, and is gone with the socket. */
static void
test_tcp_info_follows(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(1, TS_ESTABLISHED);

	(void)state;
	k.info.known = 1;
	k.info.rto_us = 204000;
	conn_probe(c, 0, &k, 10, ch);
	k.timer = TCP_TIMER_RETRANSMIT;
	k.expires_ms = 400;
	k.info.retrans = k.info.retransmits = k.info.backoff = 1;
	k.info.rto_us = 408000;
	conn_probe(c, 0, &k, 20, ch);
	assert_int_equal(c->side[0].info.known, 1);
	assert_int_equal(c->side[0].info.rto_us, 408000);
	assert_int_equal(c->side[0].info.retrans, 1);
	assert_int_equal(c->side[0].info.backoff, 1);
	assert_int_equal(c->side[0].info.retransmits, 1);
	/* Gone from ESTABLISHED: after the wait for the capture, CLOSED. */
	assert_int_equal(conn_probe(c, 0, NULL, 30, ch), 0);
	assert_int_equal(conn_probe(c, 0, NULL, 300000030, ch), 1);
	assert_int_equal(ch[0].state, TS_CLOSED);
	assert_int_equal(c->side[0].info.known, 0);
	assert_int_equal(c->side[0].info.rto_us, 0);
	conns_free(cs);
}

/* A data segment of len bytes from the client at seq, not yet captured
 * (the wire holds it) or captured (delivered). */
static void
send_data(struct conns *cs, int from_client, uint32_t seq, uint32_t ack,
    uint16_t len, uint64_t t)
{
	struct segment	s = seg(from_client, TF_ACK | TF_PSH, seq, ack, t);
	int		side;

	s.len = len;
	conns_segment(cs, &s, &side);
}

/* The wire holds the client's data and its FIN (no payload) overtakes
 * it: the server's kernel keeps the FIN out of order and stays
 * ESTABLISHED, so nothing implies CLOSE_WAIT until the data comes, and
 * then CLOSE_WAIT is the data's, in its time. */
static void
test_fin_overtakes_held_data(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(0, TS_ESTABLISHED);

	(void)state;
	conn_probe(c, 1, &k, 10, ch);
	/* 100 bytes held; the FIN after them is captured. */
	send_seg(cs, 1, TF_FIN | TF_ACK, CISN + 101, SISN + 1, 20);
	assert_int_equal(c->side[0].model, TS_FIN_WAIT_1);
	assert_int_equal(c->side[1].npending, 0);
	assert_int_equal(c->side[1].model, TS_ESTABLISHED);
	/* The server's duplicate ACK, and its kernel still ESTABLISHED. */
	send_seg(cs, 0, TF_ACK, SISN + 1, CISN + 1, 21);
	assert_int_equal(conn_probe(c, 1, &k, 22, ch), 0);
	assert_false(conn_unreconciled(c, 1));
	/* The data is delivered: it fills the hole, the FIN is taken in. */
	send_data(cs, 1, CISN + 1, SISN + 1, 100, 500);
	assert_int_equal(c->side[1].model, TS_CLOSE_WAIT);
	k = sock(0, TS_CLOSE_WAIT);
	assert_int_equal(conn_probe(c, 1, &k, 510, ch), 1);
	assert_int_equal(ch[0].state, TS_CLOSE_WAIT);
	assert_int_equal(ch[0].src, SRC_KERNEL);
	assert_int_equal(ch[0].t_ns, 500);
	conns_free(cs);
}

/* States the wire implied that the kernel's state cannot follow are not
 * recorded: CLOSING and TIME_WAIT, then the kernel's FIN_WAIT_2, would be
 * a TIME_WAIT that ended in FIN_WAIT_2. */
static void
test_no_state_the_kernel_never_had(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(1, TS_ESTABLISHED);
	int			 n;

	(void)state;
	conn_probe(c, 0, &k, 10, ch);
	send_seg(cs, 1, TF_FIN | TF_ACK, CISN + 1, SISN + 1, 20);
	k = sock(1, TS_FIN_WAIT_1);
	assert_int_equal(conn_probe(c, 0, &k, 21, ch), 1);
	/* The server's FIN (not acknowledging the client's), then its ACK. */
	send_seg(cs, 0, TF_FIN | TF_ACK, SISN + 1, CISN + 1, 30);
	send_seg(cs, 0, TF_ACK, SISN + 2, CISN + 2, 31);
	assert_int_equal(c->side[0].model, TS_TIME_WAIT);
	k = sock(1, TS_FIN_WAIT_2);
	n = conn_probe(c, 0, &k, 40, ch);
	assert_int_equal(n, 1);
	assert_int_equal(ch[0].state, TS_FIN_WAIT_2);
	assert_int_equal(ch[0].src, SRC_KERNEL);
	assert_int_equal(c->side[0].npending, 0);
	conns_free(cs);
}

/* A reading that came back after the ACK that ended its state: the state
 * is placed at the segment that proves it, before that ACK, not at the
 * reading; the next state at its own segment. */
static void
test_state_before_the_segment_that_ended_it(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(1, TS_ESTABLISHED);

	(void)state;
	conn_probe(c, 0, &k, 10, ch);
	send_seg(cs, 1, TF_FIN | TF_ACK, CISN + 1, SISN + 1, 20);
	send_seg(cs, 0, TF_ACK, SISN + 1, CISN + 2, 21);
	k = sock(1, TS_FIN_WAIT_1);
	assert_int_equal(conn_probe(c, 0, &k, 30, ch), 1);
	assert_int_equal(ch[0].state, TS_FIN_WAIT_1);
	assert_int_equal(ch[0].src, SRC_KERNEL);
	assert_int_equal(ch[0].t_ns, 20);
	k = sock(1, TS_FIN_WAIT_2);
	assert_int_equal(conn_probe(c, 0, &k, 40, ch), 1);
	assert_int_equal(ch[0].state, TS_FIN_WAIT_2);
	assert_int_equal(ch[0].t_ns, 21);
	conns_free(cs);
}

/* A timer that begins, ends or changes kind in the same state is news:
 * close() on a half-closed FIN_WAIT_2 starts the orphan's timeout. */
static void
test_new_timer_is_a_change(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(1, TS_FIN_WAIT_2);

	(void)state;
	k.inode = 77;
	/* SYN_SENT and ESTABLISHED from the handshake, FIN_WAIT_2. */
	assert_int_equal(conn_probe(c, 0, &k, 10, ch), 3);
	assert_int_equal(ch[2].retimed, 0);
	assert_int_equal(conn_probe(c, 0, &k, 20, ch), 0);
	k.timer = TCP_TIMER_TIMEWAIT;
	k.expires_ms = 3000;
	k.inode = 0;
	assert_int_equal(conn_probe(c, 0, &k, 30, ch), 1);
	assert_int_equal(ch[0].state, TS_FIN_WAIT_2);
	assert_int_equal(ch[0].queues_only, 1);
	assert_int_equal(ch[0].retimed, 1);
	assert_int_equal(c->side[0].armed_ms, 3000);
	/* Running down is not news. */
	k.expires_ms = 2000;
	assert_int_equal(conn_probe(c, 0, &k, 1030000000ULL, ch), 0);
	conns_free(cs);
}

/* Data retransmitted in ESTABLISHED: the same state and timer, but
 * tcp_info's backoff and retransmissions went up, a new RTO; and when
 * the ACK comes they go back to 0. Each is news. */
static void
test_retransmission_is_a_change(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(1, TS_ESTABLISHED);

	(void)state;
	k.timer = TCP_TIMER_RETRANSMIT;
	k.expires_ms = 204;
	k.info.known = 1;
	k.info.rto_us = 204000;
	conn_probe(c, 0, &k, 10, ch);
	k.expires_ms = 408;
	k.info.rto_us = 408000;
	k.info.backoff = k.info.retransmits = 1;
	assert_int_equal(conn_probe(c, 0, &k, 220000000ULL, ch), 1);
	assert_int_equal(ch[0].state, TS_ESTABLISHED);
	assert_int_equal(ch[0].retimed, 1);
	assert_int_equal(c->side[0].info.retransmits, 1);
	assert_int_equal(conn_probe(c, 0, &k, 230000000ULL, ch), 0);
	k.timer = TCP_TIMER_NONE;
	k.info.backoff = k.info.retransmits = 0;
	assert_int_equal(conn_probe(c, 0, &k, 300000000ULL, ch), 1);
	assert_int_equal(ch[0].retimed, 1);
	conns_free(cs);
}

/* tcp_abort_on_overflow: the handshake's last ACK reaches a full accept
 * queue and the server answers it with an RST from its request. The ACK
 * did not make it ESTABLISHED: SYN_RECV, then CLOSED. */
static void
test_refused_ack_not_established(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(0, TS_NEW_SYN_RECV);
	int			 n;

	(void)state;
	/* The request was read before the ACK (handshake() sent it). */
	c->side[1].npending = 0;
	c->side[1].model = TS_SYN_RECV;
	conn_probe(c, 1, &k, 2, ch);
	send_seg(cs, 1, TF_ACK, CISN + 1, SISN + 1, 3);
	assert_int_equal(c->side[1].model, TS_ESTABLISHED);
	send_seg(cs, 0, TF_RST, SISN + 1, 0, 4);
	assert_int_equal(c->side[1].model, TS_CLOSED);
	n = conn_probe(c, 1, NULL, 10, ch);
	assert_int_equal(n, 1);
	assert_int_equal(ch[0].state, TS_CLOSED);
	conns_free(cs);
}

/* Another process taking or dropping the socket (fork, its close) is a
 * change in the same state; the socket gone holds nobody. */
static void
test_holders_change(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(0, TS_ESTABLISHED);

	(void)state;
	k.inode = 9;
	k.holders = 1U << 1;
	conn_probe(c, 1, &k, 10, ch);
	k.holders = 1U << 1 | 1U << 2;
	assert_int_equal(conn_probe(c, 1, &k, 20, ch), 1);
	assert_int_equal(ch[0].reheld, 1);
	assert_int_equal(ch[0].queues_only, 1);
	assert_int_equal(c->side[1].holders, 1U << 1 | 1U << 2);
	assert_int_equal(conn_probe(c, 1, &k, 30, ch), 0);
	k.holders = 1U << 1;
	assert_int_equal(conn_probe(c, 1, &k, 40, ch), 1);
	assert_int_equal(ch[0].reheld, 1);
	send_seg(cs, 1, TF_RST, CISN + 1, 0, 50);
	assert_int_equal(conn_probe(c, 1, NULL, 60, ch), 1);
	assert_int_equal(c->side[1].holders, 0);
	conns_free(cs);
}

/* An RST whose number is not the one the receiver expects (it follows
 * data the wire holds) does not reset it: Linux sends a challenge ACK.
 * The RST that answers it carries the number, and does. */
static void
test_rst_out_of_order_not_taken(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(0, TS_ESTABLISHED);

	(void)state;
	conn_probe(c, 1, &k, 10, ch);
	send_seg(cs, 1, TF_RST | TF_ACK, CISN + 101, SISN + 1, 20);
	assert_int_equal(c->side[0].model, TS_CLOSED);
	assert_int_equal(c->side[1].model, TS_ESTABLISHED);
	assert_int_equal(c->side[1].npending, 0);
	send_seg(cs, 0, TF_ACK, SISN + 1, CISN + 1, 21);
	send_seg(cs, 1, TF_RST, CISN + 1, 0, 22);
	assert_int_equal(c->side[1].model, TS_CLOSED);
	conns_free(cs);
}

/* Simultaneous close: each FIN reaches a side in FIN_WAIT_1: CLOSING. */
static void
test_simultaneous_close_implies_closing(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(1, TS_ESTABLISHED);

	(void)state;
	conn_probe(c, 0, &k, 10, ch);
	k = sock(0, TS_ESTABLISHED);
	conn_probe(c, 1, &k, 10, ch);
	send_seg(cs, 1, TF_FIN | TF_ACK, CISN + 1, SISN + 1, 20);
	send_seg(cs, 0, TF_FIN | TF_ACK, SISN + 1, CISN + 1, 20);
	assert_int_equal(c->side[0].model, TS_CLOSING);
	assert_int_equal(c->side[1].model, TS_CLOSING);
	conns_free(cs);
}

/* An RST closes both ends; a socket the kernel never had is not invented. */
static void
test_rst_and_unknown(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(0, TS_ESTABLISHED);

	(void)state;
	assert_int_equal(conn_probe(c, 0, NULL, 5, ch), 0);
	conn_probe(c, 1, &k, 10, ch);
	send_seg(cs, 1, TF_RST | TF_ACK, CISN + 1, SISN + 1, 20);
	assert_int_equal(conn_probe(c, 1, NULL, 30, ch), 1);
	assert_int_equal(ch[0].state, TS_CLOSED);
	assert_int_equal(ch[0].src, SRC_KERNEL);
	conns_free(cs);
}

/* A wire rule the kernel never confirms is dropped after a second. */
static void
test_stale_pending_dropped(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(0, TS_ESTABLISHED);

	(void)state;
	conn_probe(c, 1, &k, 10, ch);
	send_seg(cs, 1, TF_FIN | TF_ACK, CISN + 1, SISN + 1, 20);
	assert_int_equal(conn_probe(c, 1, &k, 2000000000ULL, ch), 0);
	assert_int_equal(c->side[1].npending, 0);
	assert_int_equal(c->side[1].model, TS_ESTABLISHED);
	conns_free(cs);
}

/* A new SYN on a four-tuple whose old connection is over is a new one. */
static void
test_new_incarnation(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs), *c2;
	struct segment		 s;
	int			 side;

	(void)state;
	send_seg(cs, 1, TF_RST, CISN + 1, 0, 20);
	assert_int_equal(c->side[0].model, TS_CLOSED);
	s = seg(1, TF_SYN, CISN + 777, 0, 30);
	c2 = conns_segment(cs, &s, &side);
	assert_ptr_not_equal(c, c2);
	assert_int_equal(c2->number, 2);
	assert_int_equal(conns_count(cs), 2);
	conns_free(cs);
}

/* A new socket on a four-tuple whose side is over does not revive it. */
static void
test_closed_is_final(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(1, TS_TIME_WAIT);

	(void)state;
	/* SYN_SENT and ESTABLISHED from the wire, TIME_WAIT from the kernel. */
	assert_int_equal(conn_probe(c, 0, &k, 10, ch), 3);
	k = sock(1, TS_SYN_SENT);
	assert_int_equal(conn_probe(c, 0, &k, 20, ch), 1);
	assert_int_equal(ch[0].state, TS_CLOSED);
	k = sock(1, TS_ESTABLISHED);
	assert_int_equal(conn_probe(c, 0, &k, 30, ch), 0);
	assert_int_equal(c->side[0].state, TS_CLOSED);
	conns_free(cs);
}

/* A side keeps the inode of its latest reading: a held socket's, then 0
 * once its program closed it (an orphan), then 0 when it is gone. */
static void
test_inode(void **state)
{
	struct conns		*cs = conns_new();
	struct conn		*c = handshake(cs);
	struct conn_change	 ch[CONN_MAX_PENDING + 1];
	struct sock_reading	 k = sock(1, TS_ESTABLISHED);

	(void)state;
	k.inode = 4242;
	conn_probe(c, 0, &k, 10, ch);
	assert_int_equal(c->side[0].inode, 4242);
	k.state = TS_FIN_WAIT_1;
	k.inode = 0;
	conn_probe(c, 0, &k, 20, ch);
	assert_int_equal(c->side[0].state, TS_FIN_WAIT_1);
	assert_int_equal(c->side[0].inode, 0);
	k.state = TS_FIN_WAIT_2;
	k.inode = 77;
	conn_probe(c, 0, &k, 30, ch);
	assert_int_equal(c->side[0].inode, 77);
	conn_probe(c, 0, NULL, 40000000000ULL, ch);
	assert_int_equal(c->side[0].state, TS_CLOSED);
	assert_int_equal(c->side[0].inode, 0);
	conns_free(cs);
}

/* A segment with a window field, and a window scale option when it is a
 * SYN (wscale -1: none). */
static struct segment
win_seg(int from_client, uint8_t flags, uint32_t seq, uint32_t ack,
    uint16_t win, int8_t wscale)
{
	struct segment	s = seg(from_client, flags, seq, ack, 1);

	s.win = win;
	s.wscale = wscale;
	return (s);
}

/* Apply s and return its window as conn_window gives it; *shift too. */
static uint32_t
window_of(struct conns *cs, struct segment s, int *shift)
{
	struct conn	*c;
	int		 side;

	c = conns_segment(cs, &s, &side);
	return (conn_window(c, side, &s, shift));
}

/* Both SYNs offered window scaling: each side's field is shifted by the
 * shift it announced (the client's as a real loopback handshake had it: a
 * field of 64 is 65536 bytes, as tshark says); a SYN's window is never
 * scaled. */
static void
test_window_scaled(void **state)
{
	struct conns	*cs = conns_new();
	int		 shift;

	(void)state;
	assert_int_equal(window_of(cs, win_seg(1, TF_SYN, CISN, 0, 65495, 10),
	    &shift), 65495);
	assert_int_equal(shift, CONN_WSCALE_OFF);
	assert_int_equal(window_of(cs, win_seg(0, TF_SYN | TF_ACK, SISN,
	    CISN + 1, 65483, 7), &shift), 65483);
	assert_int_equal(shift, CONN_WSCALE_OFF);
	assert_int_equal(window_of(cs, win_seg(1, TF_ACK, CISN + 1, SISN + 1,
	    64, -1), &shift), 65536);
	assert_int_equal(shift, 10);
	assert_int_equal(window_of(cs, win_seg(0, TF_ACK, SISN + 1, CISN + 1,
	    512, -1), &shift), 65536);
	assert_int_equal(shift, 7);
	assert_int_equal(window_of(cs, win_seg(0, TF_ACK, SISN + 1, CISN + 1,
	    65535, -1), &shift), 65535U << 7);
	/* A retransmitted SYN-ACK is still a SYN. */
	assert_int_equal(window_of(cs, win_seg(0, TF_SYN | TF_ACK, SISN,
	    CISN + 1, 65483, 7), &shift), 65483);
	assert_int_equal(shift, CONN_WSCALE_OFF);
	/* A zero window stays zero. */
	assert_int_equal(window_of(cs, win_seg(1, TF_ACK, CISN + 1, SISN + 1,
	    0, -1), &shift), 0);
	assert_int_equal(shift, 10);
	conns_free(cs);
}

/* One SYN without the option turns scaling off both ways, even for the
 * side that offered it; a shift of 0 is an offer all the same. */
static void
test_window_one_side_offers(void **state)
{
	struct conns	*cs = conns_new();
	int		 shift;

	(void)state;
	window_of(cs, win_seg(1, TF_SYN, CISN, 0, 65495, 10), &shift);
	window_of(cs, win_seg(0, TF_SYN | TF_ACK, SISN, CISN + 1, 65495, -1),
	    &shift);
	assert_int_equal(window_of(cs, win_seg(1, TF_ACK, CISN + 1, SISN + 1,
	    64, -1), &shift), 64);
	assert_int_equal(shift, CONN_WSCALE_OFF);
	assert_int_equal(window_of(cs, win_seg(0, TF_ACK, SISN + 1, CISN + 1,
	    65493, -1), &shift), 65493);
	assert_int_equal(shift, CONN_WSCALE_OFF);
	conns_free(cs);

	cs = conns_new();
	window_of(cs, win_seg(1, TF_SYN, CISN, 0, 65495, 0), &shift);
	window_of(cs, win_seg(0, TF_SYN | TF_ACK, SISN, CISN + 1, 65483, 0),
	    &shift);
	assert_int_equal(window_of(cs, win_seg(1, TF_ACK, CISN + 1, SISN + 1,
	    65495, -1), &shift), 65495);
	assert_int_equal(shift, 0);
	conns_free(cs);
}

/* Without both SYNs the shift is unknown and the field is given as it is:
 * a connection met mid-stream, and a SYN answered by an RST. */
static void
test_window_unknown(void **state)
{
	struct conns	*cs = conns_new();
	int		 shift;

	(void)state;
	assert_int_equal(window_of(cs, win_seg(1, TF_ACK, CISN + 1, SISN + 1,
	    64, -1), &shift), 64);
	assert_int_equal(shift, CONN_WSCALE_UNKNOWN);
	assert_int_equal(window_of(cs, win_seg(0, TF_FIN | TF_ACK, SISN + 1,
	    CISN + 1, 64, -1), &shift), 64);
	assert_int_equal(shift, CONN_WSCALE_UNKNOWN);
	conns_free(cs);

	cs = conns_new();
	window_of(cs, win_seg(1, TF_SYN, CISN, 0, 65495, 10), &shift);
	assert_int_equal(window_of(cs, win_seg(0, TF_RST | TF_ACK, 0,
	    CISN + 1, 0, -1), &shift), 0);
	assert_int_equal(shift, CONN_WSCALE_UNKNOWN);
	conns_free(cs);
}

/* A new incarnation of the four-tuple learns its shifts afresh: the old
 * connection's do not carry over. */
static void
test_window_new_incarnation(void **state)
{
	struct conns	*cs = conns_new();
	int		 shift;

	(void)state;
	window_of(cs, win_seg(1, TF_SYN, CISN, 0, 65495, 10), &shift);
	window_of(cs, win_seg(0, TF_SYN | TF_ACK, SISN, CISN + 1, 65483, 10),
	    &shift);
	window_of(cs, win_seg(1, TF_SYN, CISN + 100000, 0, 65495, 7), &shift);
	assert_int_equal(conns_count(cs), 2);
	assert_int_equal(window_of(cs, win_seg(1, TF_ACK, CISN + 100001,
	    SISN + 1, 64, -1), &shift), 64);
	assert_int_equal(shift, CONN_WSCALE_UNKNOWN);
	window_of(cs, win_seg(0, TF_SYN | TF_ACK, SISN + 7, CISN + 100001,
	    65483, 10), &shift);
	assert_int_equal(window_of(cs, win_seg(1, TF_ACK, CISN + 100001,
	    SISN + 8, 64, -1), &shift), 64 << 7);
	assert_int_equal(shift, 7);
	conns_free(cs);
}

/* Run every test. */
int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_find_among_many),
		cmocka_unit_test(test_unacked),
		cmocka_unit_test(test_relative_numbers),
		cmocka_unit_test(test_handshake_states),
		cmocka_unit_test(test_fin_wait_1_from_wire),
		cmocka_unit_test(test_kernel_confirms_and_lag),
		cmocka_unit_test(test_last_ack_then_closed),
		cmocka_unit_test(test_queues_only),
		cmocka_unit_test(test_timer_restart),
		cmocka_unit_test(test_timer_armed),
		cmocka_unit_test(test_fin_wait_2_keepalive_to_timewait),
		cmocka_unit_test(test_tcp_info_follows),
		cmocka_unit_test(test_capture_behind_kernel),
		cmocka_unit_test(test_capture_lag_bounded),
		cmocka_unit_test(test_fin_wait_2_ends_silently),
		cmocka_unit_test(test_fin_overtakes_held_data),
		cmocka_unit_test(test_no_state_the_kernel_never_had),
		cmocka_unit_test(test_state_before_the_segment_that_ended_it),
		cmocka_unit_test(test_new_timer_is_a_change),
		cmocka_unit_test(test_retransmission_is_a_change),
		cmocka_unit_test(test_rst_out_of_order_not_taken),
		cmocka_unit_test(test_holders_change),
		cmocka_unit_test(test_refused_ack_not_established),
		cmocka_unit_test(test_simultaneous_close_implies_closing),
		cmocka_unit_test(test_rst_and_unknown),
		cmocka_unit_test(test_stale_pending_dropped),
		cmocka_unit_test(test_new_incarnation),
		cmocka_unit_test(test_closed_is_final),
		cmocka_unit_test(test_inode),
		cmocka_unit_test(test_window_scaled),
		cmocka_unit_test(test_window_one_side_offers),
		cmocka_unit_test(test_window_unknown),
		cmocka_unit_test(test_window_new_incarnation),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
