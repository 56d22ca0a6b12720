/*
 * test_ledger.c: who holds which socket: listeners open and close newest
 * last, a close ends a listener before a connection on the same number,
 * an exit closes everything, a fork copies, and the latest connection is
 * the newest still open.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/ledger.h"

/* A call that returned ret on fd. */
static struct call
call_of(enum call_name name, int fd, long ret, int lport)
{
	struct call	c;

	memset(&c, 0, sizeof c);
	c.name = name;
	c.fd = fd;
	c.ret = ret;
	c.lport = (uint16_t)lport;
	return (c);
}

/* Listeners are kept newest last; a failed listen() or close() does not
 * count; closing the newest shows the one before. */
static void
test_ledger_listeners(void **state)
{
	struct ledger	g;
	struct call	c;

	(void)state;
	memset(&g, 0, sizeof g);
	assert_int_equal(ledger_listen_port(&g), 0);
	c = call_of(CALL_LISTEN, 3, 0, 9000);
	ledger_call(&g, &c);
	c = call_of(CALL_LISTEN, 4, -1, 9001);
	ledger_call(&g, &c);
	c = call_of(CALL_LISTEN, 5, 0, 9002);
	ledger_call(&g, &c);
	assert_int_equal(ledger_listen_port(&g), 9002);
	assert_true(ledger_listens_on(&g, 9000));
	assert_false(ledger_listens_on(&g, 9001));
	c = call_of(CALL_CLOSE, 5, -1, 0);
	ledger_call(&g, &c);
	assert_int_equal(ledger_listen_port(&g), 9002);
	c = call_of(CALL_CLOSE, 5, 0, 0);
	ledger_call(&g, &c);
	assert_int_equal(ledger_listen_port(&g), 9000);
	ledger_clear(&g);
}

/* More listeners than the lesson allows are not kept. */
static void
test_ledger_full(void **state)
{
	struct ledger	g;
	struct call	c;
	int		i;

	(void)state;
	memset(&g, 0, sizeof g);
	for (i = 0; i <= LESSON_MAX_LISTENERS; i++) {
		c = call_of(CALL_LISTEN, 3 + i, 0, 9000 + i);
		ledger_call(&g, &c);
	}
	assert_int_equal(g.nlisteners, LESSON_MAX_LISTENERS);
	assert_false(ledger_listens_on(&g, 9000 + LESSON_MAX_LISTENERS));
	ledger_clear(&g);
}

/* The latest connection is the newest open one; with all closed, the
 * newest; with none held, -1. A close finds the newest open on its fd. */
static void
test_ledger_latest(void **state)
{
	struct ledger	g;
	struct call	c;

	(void)state;
	memset(&g, 0, sizeof g);
	assert_int_equal(ledger_latest(&g), -1);
	ledger_hold(&g, 1, 0, 4);
	ledger_hold(&g, 2, 1, 5);
	ledger_hold(&g, 3, 0, 4);	/* fd 4 again, after a close */
	assert_int_equal(ledger_latest(&g), 2);
	c = call_of(CALL_CLOSE, 4, 0, 0);
	ledger_call(&g, &c);
	assert_int_equal(g.refs[0].open, 1);
	assert_int_equal(g.refs[2].open, 0);
	assert_int_equal(ledger_latest(&g), 1);
	c = call_of(CALL_CLOSE, 5, 0, 0);
	ledger_call(&g, &c);
	assert_int_equal(ledger_latest(&g), 0);
	ledger_exit(&g);
	assert_int_equal(g.refs[0].open, 0);
	assert_int_equal(ledger_latest(&g), 2);
	ledger_clear(&g);
}

/* A fork's child holds what its parent held, independently; an exit
 * closes every listener. */
static void
test_ledger_inherit(void **state)
{
	struct ledger	parent, child;
	struct call	c;

	(void)state;
	memset(&parent, 0, sizeof parent);
	memset(&child, 0, sizeof child);
	c = call_of(CALL_LISTEN, 3, 0, 9000);
	ledger_call(&parent, &c);
	ledger_hold(&parent, 1, 1, 4);
	ledger_inherit(&child, &parent);
	assert_int_equal(ledger_listen_port(&child), 9000);
	assert_int_equal(child.nrefs, 1);
	assert_int_equal(child.refs[0].conn, 1);
	ledger_exit(&parent);
	assert_int_equal(ledger_listen_port(&parent), 0);
	assert_int_equal(parent.refs[0].open, 0);
	assert_int_equal(ledger_listen_port(&child), 9000);
	assert_int_equal(child.refs[0].open, 1);
	ledger_clear(&parent);
	ledger_clear(&child);
}

/* Run every test. */
/* Thousands of connections closed in any order: each close() takes the
 * newest open connection on its fd, a reused fd included, and an exit
 * closes the rest. */
static void
test_ledger_many_fds(void **state)
{
	struct ledger	g;
	struct call	c;
	size_t		i;
	int		fd;

	(void)state;
	memset(&g, 0, sizeof g);
	for (fd = 3; fd < 5003; fd++)
		ledger_hold(&g, fd - 2, 0, fd);
	for (fd = 5002; fd >= 3; fd -= 2) {
		c = call_of(CALL_CLOSE, fd, 0, 0);
		ledger_call(&g, &c);
	}
	for (i = 0; i < g.nrefs; i++)
		assert_int_equal(g.refs[i].open, (g.refs[i].fd & 1) != 0);
	/* fd 4 again: a new connection; fd 3 twice over (the ledger missed
	 * a close): the newest goes first. */
	ledger_hold(&g, 5001, 0, 4);
	ledger_hold(&g, 5002, 0, 3);
	c = call_of(CALL_CLOSE, 3, 0, 0);
	ledger_call(&g, &c);
	assert_false(g.refs[5001].open);
	assert_true(g.refs[0].open);
	ledger_call(&g, &c);
	assert_false(g.refs[0].open);
	assert_int_equal(ledger_latest(&g), 5000);
	ledger_exit(&g);
	for (i = 0; i < g.nrefs; i++)
		assert_false(g.refs[i].open);
	ledger_clear(&g);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_ledger_listeners),
		cmocka_unit_test(test_ledger_full),
		cmocka_unit_test(test_ledger_latest),
		cmocka_unit_test(test_ledger_inherit),
		cmocka_unit_test(test_ledger_many_fds)
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
