/*
 * test_wireplan.c: the wire's rules: which segments a rule takes, a hold
 * that lasts, a drop that counts down, senders, and step-by-step mode.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/wireplan.h"
#include "tcp/tcpstate.h"

/* A segment with these flags and payload. */
static struct segment
seg(uint8_t flags, uint32_t len)
{
	struct segment	s;

	memset(&s, 0, sizeof s);
	s.flags = flags;
	s.len = len;
	return (s);
}

/* A wire rule action. */
static struct action
rule(enum wire_action act, int sender, enum wire_kind kind, int count)
{
	struct action	a;

	memset(&a, 0, sizeof a);
	a.kind = ACT_WIRE;
	a.wire = act;
	a.sender = sender;
	a.wire_kind = kind;
	a.count = count;
	return (a);
}

/* Each kind takes the segments the format promises, and only those. */
static void
test_kinds(void **state)
{
	struct segment	syn = seg(TF_SYN, 0), synack = seg(TF_SYN | TF_ACK, 0);
	struct segment	ack = seg(TF_ACK, 0), data = seg(TF_ACK | TF_PSH, 100);
	struct segment	fin = seg(TF_FIN | TF_ACK, 0), rst = seg(TF_RST, 0);
	struct segment	finrst = seg(TF_FIN | TF_ACK, 10);

	(void)state;
	assert_true(wireplan_kind_matches(WIRE_SYN, &syn));
	assert_true(wireplan_kind_matches(WIRE_SYN, &synack));
	assert_false(wireplan_kind_matches(WIRE_ACK, &synack));
	assert_true(wireplan_kind_matches(WIRE_ACK, &ack));
	assert_false(wireplan_kind_matches(WIRE_ACK, &data));
	assert_false(wireplan_kind_matches(WIRE_ACK, &fin));
	assert_true(wireplan_kind_matches(WIRE_DATA, &data));
	assert_true(wireplan_kind_matches(WIRE_DATA, &finrst));
	assert_true(wireplan_kind_matches(WIRE_FIN, &finrst));
	assert_false(wireplan_kind_matches(WIRE_FIN, &ack));
	assert_true(wireplan_kind_matches(WIRE_RST, &rst));
	assert_false(wireplan_kind_matches(WIRE_RST, &fin));
	assert_true(wireplan_kind_matches(WIRE_ANY, &ack));
}

/* A hold lasts until cleared; a drop takes its count and ends. */
static void
test_hold_and_drop(void **state)
{
	struct wireplan	*p = wireplan_new();
	struct action	 hold = rule(WIRE_ACT_HOLD, 0, WIRE_FIN, 1);
	struct action	 drop = rule(WIRE_ACT_DROP, 1, WIRE_ACK, 2);
	struct segment	 fin = seg(TF_FIN | TF_ACK, 0), ack = seg(TF_ACK, 0);

	(void)state;
	assert_int_equal(wireplan_decide(p, 0, &fin), WIRE_PASS);
	wireplan_add(p, &hold);
	wireplan_add(p, &drop);
	assert_int_equal(wireplan_decide(p, 0, &fin), WIRE_HOLD);
	assert_int_equal(wireplan_decide(p, 0, &fin), WIRE_HOLD);
	assert_int_equal(wireplan_decide(p, 1, &fin), WIRE_PASS);
	assert_int_equal(wireplan_decide(p, 0, &ack), WIRE_PASS);
	assert_int_equal(wireplan_decide(p, 1, &ack), WIRE_DROP);
	assert_int_equal(wireplan_decide(p, 1, &ack), WIRE_DROP);
	assert_int_equal(wireplan_decide(p, 1, &ack), WIRE_PASS);
	assert_int_equal(wireplan_decide(p, -1, &fin), WIRE_PASS);
	wireplan_clear(p);
	assert_int_equal(wireplan_decide(p, 0, &fin), WIRE_PASS);
	wireplan_free(p);
}

/* Any sender, the first matching rule, and step-by-step mode above all. */
static void
test_any_and_stepping(void **state)
{
	struct wireplan	*p = wireplan_new();
	struct action	 drop = rule(WIRE_ACT_DROP, WIRE_ANY_SENDER, WIRE_ANY, 1);
	struct action	 hold = rule(WIRE_ACT_HOLD, WIRE_ANY_SENDER, WIRE_ANY, 1);
	struct segment	 ack = seg(TF_ACK, 0);

	(void)state;
	wireplan_add(p, &drop);
	wireplan_add(p, &hold);
	assert_int_equal(wireplan_decide(p, -1, &ack), WIRE_DROP);
	assert_int_equal(wireplan_decide(p, 3, &ack), WIRE_HOLD);
	wireplan_clear(p);
	assert_false(wireplan_stepping(p));
	wireplan_set_stepping(p, 1);
	assert_true(wireplan_stepping(p));
	wireplan_add(p, &drop);
	assert_int_equal(wireplan_decide(p, 0, &ack), WIRE_HOLD);
	wireplan_set_stepping(p, 0);
	assert_int_equal(wireplan_decide(p, 0, &ack), WIRE_DROP);
	assert_int_equal(wireplan_decide(p, 0, &ack), WIRE_PASS);
	wireplan_free(p);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_hold_and_drop),
		cmocka_unit_test(test_any_and_stepping)
	};

	return (cmocka_run_group_tests_name("wireplan", tests, NULL, NULL));
}
