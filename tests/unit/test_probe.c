/*
 * test_probe.c: probe_parse on inet_diag_msg payloads built in memory the
 * way the kernel lays them out (ports and addresses in network order),
 * with the tcp_info attribute a full socket has, and the timer names.
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/tcp.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lab/probe.h"

#define LOCALHOST	0x7f000001

/* Parse len bytes of payload and check every field against want. */
static void
test_probe_expect(const void *payload, size_t len,
    const struct sock_reading *want)
{
	struct sock_reading	got;

	memset(&got, 0xa5, sizeof got);
	assert_int_equal(probe_parse(payload, len, &got), 0);
	assert_int_equal(got.saddr, want->saddr);
	assert_int_equal(got.daddr, want->daddr);
	assert_int_equal(got.sport, want->sport);
	assert_int_equal(got.dport, want->dport);
	assert_int_equal(got.state, want->state);
	assert_int_equal(got.timer, want->timer);
	assert_int_equal(got.expires_ms, want->expires_ms);
	assert_int_equal(got.rqueue, want->rqueue);
	assert_int_equal(got.wqueue, want->wqueue);
	assert_int_equal(got.inode, want->inode);
	assert_int_equal(got.info.retrans, want->info.retrans);
	assert_int_equal(got.info.known, want->info.known);
	assert_int_equal(got.info.rto_us, want->info.rto_us);
	assert_int_equal(got.info.backoff, want->info.backoff);
	assert_int_equal(got.info.retransmits, want->info.retransmits);
}

/*
 * Lay out at buf + 1 (unaligned) what the kernel sends for a full socket:
 * the message, an attribute the probe skips, then INET_DIAG_INFO with
 * tcp_info cut to info_len bytes (an older kernel's is shorter). Returns
 * the payload's length.
 */
static size_t
test_probe_with_info(uint8_t *buf, size_t size, const struct inet_diag_msg *m,
    const struct tcp_info *ti, size_t info_len)
{
	struct nlattr	a;
	size_t		off = 1 + NLMSG_ALIGN(sizeof *m);
	uint8_t		mark = 0;

	memset(buf, 0xee, size);
	memcpy(buf + 1, m, sizeof *m);
	a.nla_type = INET_DIAG_SHUTDOWN;
	a.nla_len = NLA_HDRLEN + 1;
	memcpy(buf + off, &a, sizeof a);
	memcpy(buf + off + NLA_HDRLEN, &mark, 1);
	off += NLA_ALIGN(a.nla_len);
	a.nla_type = INET_DIAG_INFO;
	a.nla_len = (uint16_t)(NLA_HDRLEN + info_len);
	memcpy(buf + off, &a, sizeof a);
	memcpy(buf + off + NLA_HDRLEN, ti, info_len);
	return (off + NLA_ALIGN(a.nla_len) - 1);
}

/* A FIN_WAIT_1 whose FIN was retransmitted twice: the message's
 * idiag_retrans, and tcp_info's backed-off RTO, backoff and count. */
static void
test_probe_parse_tcp_info(void **state)
{
	static const struct sock_reading	want = {
		.saddr = LOCALHOST, .sport = 40000,
		.daddr = LOCALHOST, .dport = 9000,
		.state = TS_FIN_WAIT_1, .timer = TCP_TIMER_RETRANSMIT,
		.expires_ms = 790, .rqueue = 0, .wqueue = 1, .inode = 0,
		.info = { .retrans = 2, .known = 1, .rto_us = 816000,
		    .backoff = 2, .retransmits = 2 }
	};
	struct inet_diag_msg		m;
	struct tcp_info			ti;
	uint8_t				buf[1 + sizeof m + 16 + sizeof ti];
	size_t				len;

	(void)state;
	memset(&m, 0, sizeof m);
	m.idiag_family = AF_INET;
	m.idiag_state = 4;
	m.idiag_timer = 1;
	m.idiag_retrans = 2;
	m.id.idiag_sport = htons(40000);
	m.id.idiag_dport = htons(9000);
	m.id.idiag_src[0] = htonl(LOCALHOST);
	m.id.idiag_dst[0] = htonl(LOCALHOST);
	m.idiag_expires = 790;
	m.idiag_wqueue = 1;
	memset(&ti, 0, sizeof ti);
	ti.tcpi_state = 4;
	ti.tcpi_retransmits = 2;
	ti.tcpi_backoff = 2;
	ti.tcpi_rto = 816000;
	ti.tcpi_ato = 40000;
	len = test_probe_with_info(buf, sizeof buf, &m, &ti, sizeof ti);
	test_probe_expect(buf + 1, len, &want);
	/* As much of tcp_info as an old kernel sends, up to tcpi_rto. */
	len = test_probe_with_info(buf, sizeof buf, &m, &ti,
	    offsetof(struct tcp_info, tcpi_ato));
	test_probe_expect(buf + 1, len, &want);
}

/* A tcp_info too short for tcpi_rto, or an attribute longer than the
 * payload, leaves the RTO unknown. */
static void
test_probe_parse_tcp_info_cut(void **state)
{
	struct inet_diag_msg	m;
	struct tcp_info		ti;
	struct sock_reading	got;
	uint8_t			buf[1 + sizeof m + 16 + sizeof ti];
	size_t			len;

	(void)state;
	memset(&m, 0, sizeof m);
	m.idiag_family = AF_INET;
	m.idiag_state = 1;
	memset(&ti, 0, sizeof ti);
	ti.tcpi_rto = 204000;
	len = test_probe_with_info(buf, sizeof buf, &m, &ti,
	    offsetof(struct tcp_info, tcpi_rto));
	assert_int_equal(probe_parse(buf + 1, len, &got), 0);
	assert_int_equal(got.info.known, 0);
	len = test_probe_with_info(buf, sizeof buf, &m, &ti, sizeof ti);
	assert_int_equal(probe_parse(buf + 1, len - 8, &got), 0);
	assert_int_equal(got.info.known, 0);
}

/* An established socket with unread and unacknowledged bytes. */
static void
test_probe_parse_established(void **state)
{
	static const struct sock_reading	want = {
		.saddr = 0x0a010203, .sport = 5000,
		.daddr = 0xc0a80405, .dport = 35944,
		.state = TS_ESTABLISHED, .timer = TCP_TIMER_RETRANSMIT,
		.expires_ms = 204, .rqueue = 5, .wqueue = 1000, .inode = 10456
	};
	struct inet_diag_msg		m;

	(void)state;
	memset(&m, 0, sizeof m);
	m.idiag_family = AF_INET;
	m.idiag_state = 1;
	m.idiag_timer = 1;
	m.id.idiag_sport = htons(5000);
	m.id.idiag_dport = htons(35944);
	m.id.idiag_src[0] = htonl(0x0a010203);	/* 10.1.2.3 */
	m.id.idiag_dst[0] = htonl(0xc0a80405);	/* 192.168.4.5 */
	m.idiag_expires = 204;
	m.idiag_rqueue = 5;
	m.idiag_wqueue = 1000;
	m.idiag_uid = 1000;
	m.idiag_inode = 10456;
	test_probe_expect(&m, sizeof m, &want);
}

/* A TIME_WAIT socket: timer 3, a minute to go, no inode. */
static void
test_probe_parse_time_wait(void **state)
{
	static const struct sock_reading	want = {
		.saddr = LOCALHOST, .sport = 35956,
		.daddr = LOCALHOST, .dport = 5000,
		.state = TS_TIME_WAIT, .timer = TCP_TIMER_TIMEWAIT,
		.expires_ms = 59876, .rqueue = 0, .wqueue = 0, .inode = 0
	};
	struct inet_diag_msg		m;

	(void)state;
	memset(&m, 0, sizeof m);
	m.idiag_family = AF_INET;
	m.idiag_state = 6;
	m.idiag_timer = 3;
	m.id.idiag_sport = htons(35956);
	m.id.idiag_dport = htons(5000);
	m.id.idiag_src[0] = htonl(LOCALHOST);
	m.id.idiag_dst[0] = htonl(LOCALHOST);
	m.idiag_expires = 59876;
	test_probe_expect(&m, sizeof m, &want);
}

/* A listener: rqueue is the accept backlog, wqueue its limit. */
static void
test_probe_parse_listen(void **state)
{
	static const struct sock_reading	want = {
		.saddr = LOCALHOST, .sport = 5000,
		.daddr = 0, .dport = 0,
		.state = TS_LISTEN, .timer = TCP_TIMER_NONE,
		.expires_ms = 0, .rqueue = 3, .wqueue = 128, .inode = 10454
	};
	struct inet_diag_msg		m;

	(void)state;
	memset(&m, 0, sizeof m);
	m.idiag_family = AF_INET;
	m.idiag_state = 10;
	m.id.idiag_sport = htons(5000);
	m.id.idiag_src[0] = htonl(LOCALHOST);
	m.idiag_rqueue = 3;
	m.idiag_wqueue = 128;
	m.idiag_inode = 10454;
	test_probe_expect(&m, sizeof m, &want);
}

/* A message at an odd address, followed by an attribute, still parses. */
static void
test_probe_parse_unaligned(void **state)
{
	static const struct sock_reading	want = {
		.saddr = LOCALHOST, .sport = 40000,
		.daddr = LOCALHOST, .dport = 5000,
		.state = TS_FIN_WAIT_2, .timer = TCP_TIMER_KEEPALIVE,
		.expires_ms = 59000, .rqueue = 0, .wqueue = 0, .inode = 777
	};
	struct inet_diag_msg		m;
	uint8_t				buf[1 + sizeof m + 8];

	(void)state;
	memset(&m, 0, sizeof m);
	m.idiag_family = AF_INET;
	m.idiag_state = 5;
	m.idiag_timer = 2;
	m.id.idiag_sport = htons(40000);
	m.id.idiag_dport = htons(5000);
	m.id.idiag_src[0] = htonl(LOCALHOST);
	m.id.idiag_dst[0] = htonl(LOCALHOST);
	m.idiag_expires = 59000;
	m.idiag_inode = 777;
	memset(buf, 0xee, sizeof buf);
	memcpy(buf + 1, &m, sizeof m);
	test_probe_expect(buf + 1, sizeof buf - 1, &want);
}

/* A payload shorter than inet_diag_msg is refused. */
static void
test_probe_parse_short(void **state)
{
	struct inet_diag_msg	m;
	struct sock_reading	ps;

	(void)state;
	memset(&m, 0, sizeof m);
	m.idiag_family = AF_INET;
	m.idiag_state = 1;
	assert_int_equal(probe_parse(&m, sizeof m - 1, &ps), -1);
	assert_int_equal(probe_parse(&m, 0, &ps), -1);
}

/* A message for another family is refused. */
static void
test_probe_parse_inet6(void **state)
{
	struct inet_diag_msg	m;
	struct sock_reading	ps;

	(void)state;
	memset(&m, 0, sizeof m);
	m.idiag_family = AF_INET6;
	m.idiag_state = 1;
	assert_int_equal(probe_parse(&m, sizeof m, &ps), -1);
}

/* Run the probe tests. */
int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_probe_parse_established),
		cmocka_unit_test(test_probe_parse_time_wait),
		cmocka_unit_test(test_probe_parse_listen),
		cmocka_unit_test(test_probe_parse_unaligned),
		cmocka_unit_test(test_probe_parse_tcp_info),
		cmocka_unit_test(test_probe_parse_tcp_info_cut),
		cmocka_unit_test(test_probe_parse_short),
		cmocka_unit_test(test_probe_parse_inet6)
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
