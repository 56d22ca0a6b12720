/*
 * test_tcpstate.c: state names both ways, and segment flags in tcpdump's
 * notation both ways.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

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

/* Run every test. */
int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tcpstate_names),
		cmocka_unit_test(test_tcpstate_parse_errors),
		cmocka_unit_test(test_tcpstate_flags),
		cmocka_unit_test(test_tcpstate_parse_flags)
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
