/*
 * test_timerlabel.c: every row of the timer table in both languages, the
 * narrower forms and the widths they were chosen for, the kernel's own
 * reading in the details, and the queues with the FIN they count. The
 * sockets are shaped as the kernel reported them in the lab: an orphaned
 * FIN_WAIT_2 with tcp_fin_timeout 65 read keepalive 5000 ms, then
 * timewait 4996 ms; with an RTO of 20 s, keepalive 10016 ms, then timewait
 * 70016 ms; a CLOSE_WAIT that had 18 bytes and the FIN read Recv-Q 19.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/textw.h"
#include "tui/timerlabel.h"

#define MS	1000000ULL

/* A socket the kernel reported at time 0: a state, an inode (0: an
 * orphan), a timer with ms left. */
static struct scene_sock
sock(enum tcp_state state, uint32_t inode, enum tcp_timer timer,
    uint32_t ms)
{
	struct scene_sock	s;

	memset(&s, 0, sizeof s);
	s.conn = 1;
	s.state = state;
	s.src = SRC_KERNEL;
	s.inode = inode;
	s.timer = timer;
	s.expires_ms = s.armed_ms = ms;
	return (s);
}

/* The same, a full socket: tcp_info known with an RTO, retransmissions. */
static struct scene_sock
full(enum tcp_state state, uint32_t inode, enum tcp_timer timer,
    uint32_t ms, uint32_t rto_us, uint8_t retrans)
{
	struct scene_sock	s = sock(state, inode, timer, ms);

	s.info.known = 1;
	s.info.rto_us = rto_us;
	s.info.retrans = retrans;
	s.info.retransmits = retrans;
	s.info.backoff = retrans;
	return (s);
}

/* The time line of s at now_ms, width columns, in one language. */
static const char *
timeline(const struct scene_sock *s, uint64_t now_ms, enum lang lang,
    int width, char *buf, size_t len)
{
	return (timerlabel_time(s, now_ms * MS, lang, width, buf, len));
}

/* Check the time line at a wide and at a 20-column pane (80x24). */
static void
expect_time(const struct scene_sock *s, uint64_t now_ms, const char *en_wide,
    const char *en_narrow, const char *zh_wide, const char *zh_narrow)
{
	char	buf[256];

	assert_string_equal(timeline(s, now_ms, LANG_EN, 200, buf, sizeof buf),
	    en_wide);
	assert_string_equal(timeline(s, now_ms, LANG_EN, 20, buf, sizeof buf),
	    en_narrow);
	assert_string_equal(timeline(s, now_ms, LANG_ZH, 200, buf, sizeof buf),
	    zh_wide);
	assert_string_equal(timeline(s, now_ms, LANG_ZH, 20, buf, sizeof buf),
	    zh_narrow);
}

/* TIME_WAIT: the fixed 60 s, held or not. */
static void
test_timerlabel_time_wait(void **state)
{
	struct scene_sock	s = sock(TS_TIME_WAIT, 0, TCP_TIMER_TIMEWAIT,
	    60000);

	(void)state;
	expect_time(&s, 18000, "TIME_WAIT 60 s: 42 s left",
	    "TIME_WAIT: 42 s left", "TIME_WAIT 60 秒：剩 42 秒",
	    "TIME_WAIT：剩 42 秒");
}

/* An orphaned FIN_WAIT_2 on a timewait socket, and on the keepalive
 * timer, where the time left adds the timewait socket's turn. */
static void
test_timerlabel_fin_wait_2(void **state)
{
	struct scene_sock	tw = sock(TS_FIN_WAIT_2, 0, TCP_TIMER_TIMEWAIT,
	    60000);
	struct scene_sock	ka = full(TS_FIN_WAIT_2, 0, TCP_TIMER_KEEPALIVE,
	    5000, 204000, 0);
	struct scene_sock	slow = full(TS_FIN_WAIT_2, 0,
	    TCP_TIMER_KEEPALIVE, 10000, 20000000, 0);

	(void)state;
	expect_time(&tw, 18000, "FIN_WAIT_2 timeout: 42 s left",
	    "timeout: 42 s left", "FIN_WAIT_2 超时：剩 42 秒",
	    "超时：剩 42 秒");
	/* tcp_fin_timeout 65: 5 s on keepalive, then 5 s on timewait. */
	expect_time(&ka, 0, "FIN_WAIT_2 timeout: 10 s left",
	    "timeout: 10 s left", "FIN_WAIT_2 超时：剩 10 秒",
	    "超时：剩 10 秒");
	/* An RTO of 20 s: 10 s on keepalive, then 3.5 x RTO on timewait. */
	expect_time(&slow, 2000, "FIN_WAIT_2 timeout: 78 s left",
	    "timeout: 78 s left", "FIN_WAIT_2 超时：剩 78 秒",
	    "超时：剩 78 秒");
}

/* A retransmission timer: its count and RTO, tenths below 10 s; none
 * retransmitted yet says no count. */
static void
test_timerlabel_retransmit(void **state)
{
	struct scene_sock	s = full(TS_ESTABLISHED, 777,
	    TCP_TIMER_RETRANSMIT, 1600, 1600000, 3);
	struct scene_sock	first = full(TS_FIN_WAIT_1, 777,
	    TCP_TIMER_RETRANSMIT, 204, 204000, 0);

	(void)state;
	expect_time(&s, 800, "retransmit (3 so far), RTO 1.6 s: 0.8 s left",
	    "retransmit: 0.8 s", "重传（已 3 次），RTO 1.6 秒：剩 0.8 秒",
	    "重传：剩 0.8 秒");
	expect_time(&first, 0, "retransmit, RTO 0.2 s: 0.2 s left",
	    "retransmit: 0.2 s", "重传，RTO 0.2 秒：剩 0.2 秒",
	    "重传：剩 0.2 秒");
}

/* An orphan's retransmissions, in FIN_WAIT_1 or LAST_ACK, are bounded by
 * tcp_orphan_retries. */
static void
test_timerlabel_orphan(void **state)
{
	struct scene_sock	s = full(TS_FIN_WAIT_1, 0,
	    TCP_TIMER_RETRANSMIT, 800, 800000, 2);
	char			buf[256];

	(void)state;
	expect_time(&s, 400, "orphan retransmit (2 so far), RTO 0.8 s: 0.4 s "
	    "left; gives up after tcp_orphan_retries", "retransmit: 0.4 s",
	    "孤儿重传（已 2 次），RTO 0.8 秒：剩 0.4 秒；重传 tcp_orphan_retries "
	    "次后放弃", "孤儿重传：剩 0.4 秒");
	s.state = TS_LAST_ACK;
	assert_string_equal(timeline(&s, 400, LANG_EN, 40, buf, sizeof buf),
	    "orphan retransmit: 0.4 s left");
	s.inode = 778;
	assert_string_equal(timeline(&s, 400, LANG_EN, 50, buf, sizeof buf),
	    "retransmit (2 so far), RTO 0.8 s: 0.4 s left");
}

/* A zero-window probe and a keepalive timer. */
static void
test_timerlabel_probe_keepalive(void **state)
{
	struct scene_sock	p = full(TS_ESTABLISHED, 777, TCP_TIMER_PROBE,
	    12000, 3200000, 4);
	struct scene_sock	k = full(TS_ESTABLISHED, 777,
	    TCP_TIMER_KEEPALIVE, 7200000, 204000, 0);

	(void)state;
	expect_time(&p, 0, "zero-window probe (4 so far), RTO 3.2 s: 12 s "
	    "left", "probe: 12 s left",
	    "零窗口探测（已 4 次），RTO 3.2 秒：剩 12 秒",
	    "零窗口探测：剩 12 秒");
	expect_time(&k, 0, "keepalive: 7200 s left", "keepalive: 7200 s",
	    "保活：剩 7200 秒", "保活：剩 7200 秒");
}

/* No line without a kernel timer: none running, a state read from the
 * wire, a socket gone, a timer the table does not name. */
static void
test_timerlabel_none(void **state)
{
	struct scene_sock	s = sock(TS_FIN_WAIT_2, 777, TCP_TIMER_NONE, 0);
	char			buf[64];

	(void)state;
	assert_null(timeline(&s, 0, LANG_EN, 80, buf, sizeof buf));
	s = sock(TS_TIME_WAIT, 0, TCP_TIMER_TIMEWAIT, 60000);
	s.src = SRC_WIRE;
	assert_null(timeline(&s, 0, LANG_EN, 80, buf, sizeof buf));
	s = sock(TS_CLOSED, 0, TCP_TIMER_TIMEWAIT, 60000);
	assert_null(timeline(&s, 0, LANG_ZH, 80, buf, sizeof buf));
	s = sock(TS_FIN_WAIT_2, 777, TCP_TIMER_TIMEWAIT, 60000);
	assert_null(timeline(&s, 0, LANG_EN, 80, buf, sizeof buf));
}

/* Every row, both languages, every width: the form chosen fits, or it is
 * the narrowest there is; one column more never gives a narrower one. */
static void
test_timerlabel_widths(void **state)
{
	const struct scene_sock	socks[] = {
		sock(TS_TIME_WAIT, 0, TCP_TIMER_TIMEWAIT, 60000),
		sock(TS_FIN_WAIT_2, 0, TCP_TIMER_TIMEWAIT, 59000),
		full(TS_FIN_WAIT_2, 0, TCP_TIMER_KEEPALIVE, 5000, 204000, 0),
		full(TS_LAST_ACK, 0, TCP_TIMER_RETRANSMIT, 800, 800000, 2),
		full(TS_ESTABLISHED, 9, TCP_TIMER_RETRANSMIT, 800, 800000, 2),
		full(TS_ESTABLISHED, 9, TCP_TIMER_PROBE, 800, 800000, 2),
		full(TS_ESTABLISHED, 9, TCP_TIMER_KEEPALIVE, 800, 200000, 0)
	};
	char			 buf[256], narrowest[256];
	size_t			 i;
	int			 lang, w, got, before;

	(void)state;
	for (i = 0; i < sizeof socks / sizeof socks[0]; i++) {
		for (lang = 0; lang < LANG_COUNT; lang++) {
			timerlabel_time(&socks[i], 0, (enum lang)lang, 0,
			    narrowest, sizeof narrowest);
			before = 0;
			for (w = 1; w <= 120; w++) {
				assert_non_null(timerlabel_time(&socks[i], 0,
				    (enum lang)lang, w, buf, sizeof buf));
				got = textw_width(buf);
				assert_true(got <= w ||
				    strcmp(buf, narrowest) == 0);
				assert_true(got >= before);
				before = got;
			}
		}
	}
}

/* The details: the kernel's timer by its own name and number, the raw
 * ms, and tcp_info where the socket has one. */
static void
test_timerlabel_kernel(void **state)
{
	struct scene_sock	ka = full(TS_FIN_WAIT_2, 0, TCP_TIMER_KEEPALIVE,
	    42000, 204000, 0);
	struct scene_sock	tw = sock(TS_TIME_WAIT, 0, TCP_TIMER_TIMEWAIT,
	    59958);
	struct scene_sock	none = full(TS_CLOSE_WAIT, 9, TCP_TIMER_NONE, 0,
	    201000, 0);
	char			buf[256];

	(void)state;
	assert_string_equal(timerlabel_kernel(&ka, LANG_EN, buf, sizeof buf),
	    "kernel: keepalive timer (sock_diag timer 2), 42000 ms when "
	    "read; rto 204 ms, backoff 0, retransmits 0; then a timewait "
	    "socket for 42000 ms");
	assert_string_equal(timerlabel_kernel(&ka, LANG_ZH, buf, sizeof buf),
	    "内核：keepalive 定时器（sock_diag timer 2），读取时 42000 毫秒；"
	    "rto 204 毫秒，退避 0 次，重传 0 次；随后转为 timewait 套接字，"
	    "再等 42000 毫秒");
	assert_string_equal(timerlabel_kernel(&tw, LANG_EN, buf, sizeof buf),
	    "kernel: timewait timer (sock_diag timer 3), 59958 ms when "
	    "read; a timewait socket, no tcp_info");
	assert_string_equal(timerlabel_kernel(&tw, LANG_ZH, buf, sizeof buf),
	    "内核：timewait 定时器（sock_diag timer 3），读取时 59958 毫秒；"
	    "timewait 套接字，没有 tcp_info");
	assert_string_equal(timerlabel_kernel(&none, LANG_EN, buf, sizeof buf),
	    "kernel: no timer; rto 201 ms, backoff 0, retransmits 0");
	none.src = SRC_WIRE;
	assert_null(timerlabel_kernel(&none, LANG_EN, buf, sizeof buf));
}

/* An outstanding segment: tcp_info's RTO, backoff and retransmissions,
 * in both languages; nothing without a retransmission or probe timer, or
 * without tcp_info (a timewait socket). */
static void
test_timerlabel_outstanding(void **state)
{
	struct scene_sock	fw1 = full(TS_FIN_WAIT_1, 9,
	    TCP_TIMER_RETRANSMIT, 816, 1632000, 3);
	struct scene_sock	ka = full(TS_ESTABLISHED, 9,
	    TCP_TIMER_KEEPALIVE, 7000, 204000, 0);
	struct scene_sock	tw = sock(TS_TIME_WAIT, 0, TCP_TIMER_TIMEWAIT,
	    59958);
	char			buf[128];

	(void)state;
	assert_string_equal(timerlabel_outstanding(&fw1, LANG_EN, buf,
	    sizeof buf), "RTO 1.6 s, backoff 3, resent 3");
	assert_string_equal(timerlabel_outstanding(&fw1, LANG_ZH, buf,
	    sizeof buf), "RTO 1.6 秒，退避 3 次，已重传 3 次");
	fw1.timer = TCP_TIMER_PROBE;
	assert_non_null(timerlabel_outstanding(&fw1, LANG_EN, buf,
	    sizeof buf));
	assert_null(timerlabel_outstanding(&ka, LANG_EN, buf, sizeof buf));
	assert_null(timerlabel_outstanding(&tw, LANG_EN, buf, sizeof buf));
	fw1.src = SRC_WIRE;
	assert_null(timerlabel_outstanding(&fw1, LANG_EN, buf, sizeof buf));
}

/* The queues: Recv-Q after the peer's FIN counts it, Send-Q after our own
 * FIN counts that; elsewhere a byte is a byte. */
static void
test_timerlabel_queues(void **state)
{
	struct scene_sock	s = sock(TS_CLOSE_WAIT, 9, TCP_TIMER_NONE, 0);
	char			buf[128];

	(void)state;
	s.rqueue = 19;
	assert_string_equal(timerlabel_queues(&s, LANG_EN, 80, buf,
	    sizeof buf), "unread: 18 B + FIN, unsent or unacked: 0 B");
	assert_string_equal(timerlabel_queues(&s, LANG_ZH, 80, buf,
	    sizeof buf), "未读：18 字节 + FIN，未发出或未确认：0 字节");
	assert_string_equal(timerlabel_queues(&s, LANG_EN, 30, buf,
	    sizeof buf), "unread 18 + FIN, unacked 0");
	assert_string_equal(timerlabel_queues(&s, LANG_ZH, 30, buf,
	    sizeof buf), "未读 18 + FIN，未确认 0");
	/* Once a read reached the FIN, nothing is left. */
	s.rqueue = 0;
	assert_string_equal(timerlabel_queues(&s, LANG_EN, 80, buf,
	    sizeof buf), "unread: 0 B, unsent or unacked: 0 B");
	s = sock(TS_FIN_WAIT_1, 0, TCP_TIMER_RETRANSMIT, 204);
	s.wqueue = 1;
	assert_string_equal(timerlabel_queues(&s, LANG_EN, 80, buf,
	    sizeof buf), "unread: 0 B, unsent or unacked: 0 B + FIN");
	s.state = TS_LAST_ACK;
	s.rqueue = 1;
	assert_string_equal(timerlabel_queues(&s, LANG_EN, 40, buf,
	    sizeof buf), "unread 0 + FIN, unacked 0 + FIN");
	/* A 20-column pane (80x24). */
	assert_string_equal(timerlabel_queues(&s, LANG_EN, 20, buf,
	    sizeof buf), "in 0 + FIN, out 0 + FIN");
	s.wqueue = 0;
	assert_string_equal(timerlabel_queues(&s, LANG_EN, 20, buf,
	    sizeof buf), "in 0 + FIN, out 0");
	assert_string_equal(timerlabel_queues(&s, LANG_ZH, 20, buf,
	    sizeof buf), "收 0 + FIN，发 0");
	s = sock(TS_ESTABLISHED, 9, TCP_TIMER_NONE, 0);
	s.rqueue = 5;
	s.wqueue = 1000;
	assert_string_equal(timerlabel_queues(&s, LANG_EN, 80, buf,
	    sizeof buf), "unread: 5 B, unsent or unacked: 1000 B");
	s.src = SRC_WIRE;
	assert_null(timerlabel_queues(&s, LANG_EN, 80, buf, sizeof buf));
}

/* Run the timer label tests in a UTF-8 locale, as the view measures. */
int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_timerlabel_time_wait),
		cmocka_unit_test(test_timerlabel_fin_wait_2),
		cmocka_unit_test(test_timerlabel_retransmit),
		cmocka_unit_test(test_timerlabel_orphan),
		cmocka_unit_test(test_timerlabel_probe_keepalive),
		cmocka_unit_test(test_timerlabel_none),
		cmocka_unit_test(test_timerlabel_widths),
		cmocka_unit_test(test_timerlabel_kernel),
		cmocka_unit_test(test_timerlabel_outstanding),
		cmocka_unit_test(test_timerlabel_queues)
	};

	setlocale(LC_CTYPE, "C.UTF-8");
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
