/*
 * test_probe.c: probe_parse on inet_diag_msg payloads built in memory the
 * way the kernel lays them out (ports and addresses in network order), and
 * the timer names.
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <linux/inet_diag.h>

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
		cmocka_unit_test(test_probe_parse_short),
		cmocka_unit_test(test_probe_parse_inet6)
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
