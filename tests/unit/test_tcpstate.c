/*
 * test_tcpstate.c: state names both ways, segment flags in tcpdump's
 * notation both ways, timer names, and call names both ways.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tcp/call.h"
#include "tcp/tcpstate.h"

/* Every state's name parses back to it; NEW_SYN_RECV reads as SYN_RECV. */
static void
test_tcpstate_names(void **state)
{
	int	s;

	(void)state;
	for (s = TS_ESTABLISHED; s < TS_NEW_SYN_RECV; s++)
		assert_int_equal(tcpstate_parse(tcpstate_name(s)), s);
	assert_string_equal(tcpstate_name(TS_TIME_WAIT), "TIME_WAIT");
	assert_string_equal(tcpstate_name(TS_CLOSE_WAIT), "CLOSE_WAIT");
	assert_string_equal(tcpstate_name(TS_FIN_WAIT_1), "FIN_WAIT_1");
	assert_string_equal(tcpstate_name(TS_NEW_SYN_RECV), "SYN_RECV");
	assert_string_equal(tcpstate_name(TS_NONE), "NONE");
	assert_string_equal(tcpstate_name(TS_COUNT), "UNKNOWN");
	assert_int_equal(tcpstate_parse("SYN_RECV"), TS_SYN_RECV);
}

/* Anything but an exact name is TS_NONE, "NONE" included. */
static void
test_tcpstate_parse_errors(void **state)
{
	(void)state;
	assert_int_equal(tcpstate_parse("NONE"), TS_NONE);
	assert_int_equal(tcpstate_parse("TIME-WAIT"), TS_NONE);
	assert_int_equal(tcpstate_parse("time_wait"), TS_NONE);
	assert_int_equal(tcpstate_parse("TIME_WAIT "), TS_NONE);
	assert_int_equal(tcpstate_parse("NEW_SYN_RECV"), TS_NONE);
	assert_int_equal(tcpstate_parse(""), TS_NONE);
	assert_int_equal(tcpstate_parse(NULL), TS_NONE);
}

/* Flags print in tcpdump's order, ACK as a trailing ".". */
static void
test_tcpstate_flags(void **state)
{
	static const struct {
		uint8_t		 flags;
		const char	*s;
	} cases[] = {
		{ TF_SYN, "S" },
		{ TF_SYN | TF_ACK, "S." },
		{ TF_FIN | TF_ACK, "F." },
		{ TF_FIN | TF_PSH | TF_ACK, "FP." },
		{ TF_PSH | TF_ACK, "P." },
		{ TF_RST, "R" },
		{ TF_RST | TF_ACK, "R." },
		{ TF_ACK, "." },
		{ TF_URG | TF_ACK, "U." },
		{ TF_SYN | TF_FIN | TF_PSH | TF_RST | TF_URG | TF_ACK,
		    "SFPRU." },
		{ 0, "none" }
	};
	char	buf[8];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_string_equal(tcpstate_flags(cases[i].flags, buf),
		    cases[i].s);
		if (cases[i].flags != 0)
			assert_int_equal(tcpstate_parse_flags(cases[i].s),
			    cases[i].flags);
	}
	assert_string_equal(tcpstate_flags(0xc0 | TF_FIN, buf), "F");
}

/* Letters in any order are fine; anything else is -1. */
static void
test_tcpstate_parse_flags(void **state)
{
	static const char *const bad[] = {
		"", "none", "..", "F..", ".F", "FF", "f", "A", "F.x", "S .",
		"E", "W"
	};
	size_t	i;

	(void)state;
	assert_int_equal(tcpstate_parse_flags("PF."),
	    TF_FIN | TF_PSH | TF_ACK);
	assert_int_equal(tcpstate_parse_flags("RS"), TF_SYN | TF_RST);
	assert_int_equal(tcpstate_parse_flags("F"), TF_FIN);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(tcpstate_parse_flags(bad[i]), -1);
	assert_int_equal(tcpstate_parse_flags(NULL), -1);
}

/* Every timer has its ss(8) name; anything else is "unknown". */
static void
test_tcpstate_timer_name(void **state)
{
	(void)state;
	assert_string_equal(tcpstate_timer_name(TCP_TIMER_NONE), "none");
	assert_string_equal(tcpstate_timer_name(TCP_TIMER_RETRANSMIT),
	    "retransmit");
	assert_string_equal(tcpstate_timer_name(TCP_TIMER_KEEPALIVE),
	    "keepalive");
	assert_string_equal(tcpstate_timer_name(TCP_TIMER_TIMEWAIT),
	    "timewait");
	assert_string_equal(tcpstate_timer_name(TCP_TIMER_PROBE), "probe");
	assert_string_equal(tcpstate_timer_name((enum tcp_timer)5), "unknown");
	assert_string_equal(tcpstate_timer_name((enum tcp_timer)-1),
	    "unknown");
}

/* Every call's name looks it back up; the lab's calls are sysctl and route;
 * a word that is no call is -1. */
static void
test_call_names(void **state)
{
	int	i;

	(void)state;
	for (i = 0; i < CALL_NAMES; i++)
		assert_int_equal(call_lookup(call_word((enum call_name)i)), i);
	assert_string_equal(call_word(CALL_RECV), "recv");
	assert_string_equal(call_word(CALL_NAMES), "unknown");
	assert_int_equal(call_lookup("exit"), -1);
	assert_int_equal(call_lookup(""), -1);
	assert_true(call_by_lab(CALL_SYSCTL) && call_by_lab(CALL_ROUTE));
	assert_false(call_by_lab(CALL_CLOSE));
	assert_true(call_sends(CALL_CLOSE) && call_sends(CALL_KILL));
	assert_false(call_sends(CALL_LISTEN) || call_sends(CALL_BIND));
}

/* A timer counts down from its reading, and never below 0. */
static void
test_tcpstate_time_left(void **state)
{
	(void)state;
	assert_int_equal(tcpstate_time_left_ns(1000, 5000000000ULL,
	    5400000000ULL), 600000000ULL);
	assert_int_equal(tcpstate_time_left_ns(1000, 5000000000ULL,
	    4000000000ULL), 1000000000ULL);
	assert_int_equal(tcpstate_time_left_ns(1000, 5000000000ULL,
	    9000000000ULL), 0);
}

/* Run every test. */
/* Only the timers whose expiry ends their state give a deadline. */
static void
test_tcpstate_timer_ends(void **state)
{
	(void)state;
	assert_true(tcpstate_timer_ends(TS_TIME_WAIT, TCP_TIMER_TIMEWAIT));
	assert_true(tcpstate_timer_ends(TS_FIN_WAIT_2, TCP_TIMER_TIMEWAIT));
	assert_false(tcpstate_timer_ends(TS_FIN_WAIT_2, TCP_TIMER_KEEPALIVE));
	assert_false(tcpstate_timer_ends(TS_ESTABLISHED, TCP_TIMER_KEEPALIVE));
	assert_false(tcpstate_timer_ends(TS_FIN_WAIT_1, TCP_TIMER_RETRANSMIT));
	assert_false(tcpstate_timer_ends(TS_LAST_ACK, TCP_TIMER_RETRANSMIT));
	assert_false(tcpstate_timer_ends(TS_CLOSE_WAIT, TCP_TIMER_NONE));
}

/* The diagram's order: what can follow what, and what never can. */
static void
test_tcpstate_leads_to(void **state)
{
	(void)state;
	assert_true(tcpstate_leads_to(TS_ESTABLISHED, TS_TIME_WAIT));
	assert_true(tcpstate_leads_to(TS_FIN_WAIT_1, TS_TIME_WAIT));
	assert_true(tcpstate_leads_to(TS_CLOSE_WAIT, TS_LAST_ACK));
	assert_true(tcpstate_leads_to(TS_NONE, TS_CLOSE_WAIT));
	assert_true(tcpstate_leads_to(TS_LAST_ACK, TS_CLOSED));
	assert_false(tcpstate_leads_to(TS_TIME_WAIT, TS_FIN_WAIT_2));
	assert_false(tcpstate_leads_to(TS_CLOSING, TS_FIN_WAIT_2));
	assert_false(tcpstate_leads_to(TS_CLOSE_WAIT, TS_TIME_WAIT));
	assert_false(tcpstate_leads_to(TS_FIN_WAIT_2, TS_CLOSING));
	assert_false(tcpstate_leads_to(TS_CLOSED, TS_ESTABLISHED));
	assert_false(tcpstate_leads_to(TS_ESTABLISHED, TS_ESTABLISHED));
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tcpstate_names),
		cmocka_unit_test(test_tcpstate_parse_errors),
		cmocka_unit_test(test_tcpstate_flags),
		cmocka_unit_test(test_tcpstate_parse_flags),
		cmocka_unit_test(test_tcpstate_timer_name),
		cmocka_unit_test(test_tcpstate_time_left),
		cmocka_unit_test(test_tcpstate_timer_ends),
		cmocka_unit_test(test_tcpstate_leads_to),
		cmocka_unit_test(test_call_names)
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
