/*
 * test_lesson_actions.c: the parser on the actions that set a socket's
 * options (keepalive, rcvbuf, sndbuf, user-timeout), bind before connect,
 * the choice of a connection ("conn N"), and the lab's sysctls: a lesson
 * that uses each, and a table of malformed lines, each with the exact
 * message it must give.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lesson/lesson.h"

#include "lesson_cases.h"

static const char test_good[] =
	TEST_LESSON_HEAD
	TEST_LESSON_STEP
	"do client connect 9000 bind 40000\n"
	"do client connect 9000 reuseaddr bind 40001 count 1\n"
	"do client keepalive on 1 2 3\n"
	"do server keepalive off listener\n"
	"do client keepalive on 32767 32767 127 conn 2\n"
	"do client rcvbuf 4096\n"
	"do server sndbuf 16777216 listener\n"
	"do client user-timeout 0 conn 1\n"
	"do client send 10 conn 2\n"
	"do client send conn 1 text hi conn 3\n"
	"do server recv conn 2\n"
	"do server recv 5 conn 1\n"
	"do client close conn 20000\n"
	"do client shutdown wr conn 1\n"
	"do client linger on 0 conn 2\n"
	"do client reuseaddr conn 1\n"
	"do lab sysctl tcp_rfc1337 1\n"
	"do lab sysctl tcp_timestamps 0\n";

/* The lesson above, parsed; fails the test if it does not parse. */
static struct lesson *
test_good_lesson(void)
{
	struct lesson	*l;
	char		*cause;

	l = test_lesson_parse(test_good, sizeof test_good - 1, &cause);
	if (cause != NULL)
		fail_msg("%s", cause);
	assert_non_null(l);
	assert_int_equal(l->nsteps, 1);
	assert_int_equal(l->steps[0].nactions, 18);
	return (l);
}

/* connect's bind option, in any order with the others. */
static void
test_connect_bind(void **state)
{
	struct lesson		*l = test_good_lesson();
	const struct action	*a = l->steps[0].actions;

	(void)state;
	assert_int_equal(a[0].kind, ACT_CONNECT);
	assert_int_equal(a[0].port, 9000);
	assert_int_equal(a[0].bind_port, 40000);
	assert_int_equal(a[0].count, 1);
	assert_int_equal(a[1].bind_port, 40001);
	assert_int_equal(a[1].reuseaddr, 1);
	lesson_free(l);
}

/* keepalive on and off, rcvbuf, sndbuf and user-timeout, and their
 * targets. */
static void
test_socket_options(void **state)
{
	struct lesson		*l = test_good_lesson();
	const struct action	*a = l->steps[0].actions;

	(void)state;
	assert_int_equal(a[2].kind, ACT_KEEPALIVE);
	assert_int_equal(a[2].keepalive_on, 1);
	assert_int_equal(a[2].keep_idle, 1);
	assert_int_equal(a[2].keep_intvl, 2);
	assert_int_equal(a[2].keep_count, 3);
	assert_int_equal(a[2].target, TARGET_CONN);
	assert_int_equal(a[2].conn, 0);
	assert_int_equal(a[3].keepalive_on, 0);
	assert_int_equal(a[3].target, TARGET_LISTENER);
	assert_int_equal(a[4].keep_count, 127);
	assert_int_equal(a[4].conn, 2);
	assert_int_equal(a[5].kind, ACT_RCVBUF);
	assert_int_equal(a[5].bytes, 4096);
	assert_int_equal(a[6].kind, ACT_SNDBUF);
	assert_int_equal(a[6].bytes, 16777216);
	assert_int_equal(a[6].target, TARGET_LISTENER);
	assert_int_equal(a[7].kind, ACT_USER_TIMEOUT);
	assert_int_equal(a[7].msec, 0);
	assert_int_equal(a[7].conn, 1);
	lesson_free(l);
}

/* "conn N" on every action that takes it, the text of send unharmed. */
static void
test_conn_choice(void **state)
{
	struct lesson		*l = test_good_lesson();
	const struct action	*a = l->steps[0].actions;

	(void)state;
	assert_int_equal(a[8].kind, ACT_SEND);
	assert_int_equal(a[8].bytes, 10);
	assert_int_equal(a[8].conn, 2);
	assert_string_equal(a[9].text, "hi conn 3");
	assert_int_equal(a[9].conn, 1);
	assert_int_equal(a[10].kind, ACT_RECV);
	assert_int_equal(a[10].bytes, 0);
	assert_int_equal(a[10].conn, 2);
	assert_int_equal(a[11].bytes, 5);
	assert_int_equal(a[11].conn, 1);
	assert_int_equal(a[12].kind, ACT_CLOSE);
	assert_int_equal(a[12].conn, LESSON_MAX_CONNS);
	assert_int_equal(a[12].target, TARGET_CONN);
	assert_int_equal(a[13].kind, ACT_SHUTDOWN);
	assert_int_equal(a[13].conn, 1);
	assert_int_equal(a[14].kind, ACT_LINGER);
	assert_int_equal(a[14].linger_on, 1);
	assert_int_equal(a[14].conn, 2);
	assert_int_equal(a[15].kind, ACT_REUSEADDR);
	assert_int_equal(a[15].conn, 1);
	lesson_free(l);
}

/* Every sysctl by its name under net.ipv4, as action and requirement. */
static void
test_sysctls(void **state)
{
	static const char *const names[] = {
		"tcp_rfc1337", "tcp_keepalive_time", "tcp_keepalive_intvl",
		"tcp_keepalive_probes", "tcp_syn_retries",
		"tcp_synack_retries", "tcp_orphan_retries",
		"tcp_max_syn_backlog", "tcp_abort_on_overflow",
		"tcp_syncookies", "tcp_timestamps"
	};
	struct lesson	*l;
	char		 buf[256], *cause;
	size_t		 i;
	int		 n;

	(void)state;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		n = snprintf(buf, sizeof buf, TEST_LESSON_HEAD "requires "
		    "sysctl %s\n" TEST_LESSON_STEP "do lab sysctl %s 3\n",
		    names[i], names[i]);
		l = test_lesson_parse(buf, (size_t)n, &cause);
		if (cause != NULL)
			fail_msg("%s", cause);
		assert_string_equal(lesson_sysctl_name(
		    l->steps[0].actions[0].sysctl), names[i]);
		assert_string_equal(l->steps[0].actions[0].value, "3");
		assert_int_equal(l->requires,
		    1U << l->steps[0].actions[0].sysctl);
		assert_null(lesson_sysctl_since_release(
		    l->steps[0].actions[0].sysctl));
		lesson_free(l);
	}
}

/* A malformed action: line 14, the first of a step. */
#define TEST_BAD(name, line, cause) \
	TEST_LESSON_BAD(name, TEST_LESSON_HEAD TEST_LESSON_STEP line "\n", \
	    "14: " cause)

/* Every sysctl finwave knows, as an error lists them. */
#define TEST_SYSCTLS \
	"tcp_fin_timeout, tcp_max_tw_buckets, tcp_tw_reuse, tcp_rto_min_us, " \
	"ip_local_port_range, tcp_tw_recycle, tcp_rfc1337, " \
	"tcp_keepalive_time, tcp_keepalive_intvl, tcp_keepalive_probes, " \
	"tcp_syn_retries, tcp_synack_retries, tcp_orphan_retries, " \
	"tcp_max_syn_backlog, tcp_abort_on_overflow, tcp_syncookies or " \
	"tcp_timestamps"

static const struct test_lesson_bad test_bads[] = {
	TEST_BAD("bind without a port", "do client connect 9000 bind",
	    "missing local port after 'bind'"),
	TEST_BAD("bind port out of range", "do client connect 9000 bind 0",
	    "local port '0' out of range 1..65535"),
	TEST_BAD("bind twice", "do client connect 9000 bind 1 bind 2",
	    "unexpected 'bind' after 'connect'"),
	TEST_BAD("bind with count", "do client connect 9000 bind 4000 count 2",
	    "'bind' needs count 1: one local port makes one connection, "
	    "not 2"),
	TEST_BAD("bind on listen", "do server listen 9000 bind 4000",
	    "unexpected 'bind' after 'listen'"),
	TEST_BAD("keepalive without on or off", "do client keepalive",
	    "missing 'on' or 'off' after 'keepalive'"),
	TEST_BAD("keepalive yes", "do client keepalive yes",
	    "invalid keepalive 'yes': use on or off"),
	TEST_BAD("keepalive on without its timers",
	    "do client keepalive on 1 2",
	    "missing keepalive probe count after '2'"),
	TEST_BAD("keepalive idle 0", "do client keepalive on 0 1 1",
	    "keepalive idle time '0' out of range 1..32767"),
	TEST_BAD("keepalive interval too long",
	    "do client keepalive on 1 32768 1",
	    "keepalive interval '32768' out of range 1..32767"),
	TEST_BAD("keepalive count 128", "do client keepalive on 1 1 128",
	    "keepalive probe count '128' out of range 1..127"),
	TEST_BAD("keepalive off with timers", "do client keepalive off 1",
	    "unexpected '1' after 'keepalive'"),
	TEST_BAD("rcvbuf without a size", "do client rcvbuf",
	    "missing buffer size after 'rcvbuf'"),
	TEST_BAD("rcvbuf 0", "do client rcvbuf 0",
	    "buffer size '0' out of range 1..16777216"),
	TEST_BAD("sndbuf too large", "do client sndbuf 16777217",
	    "buffer size '16777217' out of range 1..16777216"),
	TEST_BAD("sndbuf not a number", "do client sndbuf 4k",
	    "buffer size '4k' is not a number"),
	TEST_BAD("user-timeout too long", "do client user-timeout 600001",
	    "milliseconds '600001' out of range 0..600000"),
	TEST_BAD("user-timeout on all", "do client user-timeout 10 all",
	    "unexpected 'all' after 'user-timeout'"),
	TEST_BAD("user-timeout as the lab's", "do lab user-timeout 10",
	    "'user-timeout' is an endpoint's action: use 'do ENDPOINT "
	    "user-timeout'"),
	TEST_BAD("conn without a number", "do client close conn",
	    "missing connection number after 'conn'"),
	TEST_BAD("conn 0", "do client send 1 conn 0",
	    "connection number '0' out of range 1..20000"),
	TEST_BAD("conn beyond what an endpoint keeps", "do client recv conn "
	    "20001", "connection number '20001' out of range 1..20000"),
	TEST_BAD("conn with listener", "do client close conn 1 listener",
	    "'conn' and 'listener' exclude each other: one of listener, "
	    "conns, all or conn N"),
	TEST_BAD("listener with conn", "do client linger off listener conn 1",
	    "'listener' and 'conn' exclude each other: one of listener or "
	    "conn N"),
	TEST_BAD("all and conns", "do client shutdown rd all conns",
	    "'all' and 'conns' exclude each other: one of listener, conns, "
	    "all or conn N"),
	TEST_BAD("conn twice", "do client keepalive off conn 1 conn 2",
	    "'conn' and 'conn' exclude each other: one of listener or conn N"),
	TEST_BAD("send to a listener", "do client send 1 listener",
	    "unexpected 'listener' after 'send'"),
	TEST_BAD("send conn twice", "do client send conn 1 5 conn 2",
	    "unexpected 'conn' after 'send'"),
	TEST_BAD("send text without a text",
	    "do client send text", "missing text after 'text'"),
	TEST_BAD("recv from a listener", "do client recv 5 listener",
	    "unexpected 'listener' after 'recv'"),
	TEST_BAD("unknown sysctl lists the names",
	    "do lab sysctl tcp_frob 1",
	    "unknown sysctl 'tcp_frob': use " TEST_SYSCTLS),
	TEST_LESSON_BAD("requires an unknown sysctl", TEST_LESSON_HEAD
	    "requires sysctl net.core.somaxconn\n", "10: unknown sysctl "
	    "'net.core.somaxconn': use " TEST_SYSCTLS),
	TEST_BAD("sysctl without a value reads it, but not a value",
	    "do lab sysctl tcp_syn_retries x",
	    "value 'x' is not a number"),
	TEST_BAD("sysctl negative", "do lab sysctl tcp_rfc1337 -1",
	    "value '-1' out of range 0..2147483647")
};

/* Run every test, one per malformed lesson. */
int
main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_connect_bind),
		cmocka_unit_test(test_socket_options),
		cmocka_unit_test(test_conn_choice),
		cmocka_unit_test(test_sysctls)
	};

	return (test_lesson_run("lesson_actions", fixed, sizeof fixed /
	    sizeof fixed[0], test_bads, sizeof test_bads / sizeof test_bads[0]));
}
