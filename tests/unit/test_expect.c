/*
 * test_expect.c: judging expectations on a hand-built world: an endpoint's
 * connections as the runner would report them, and a step's events. Each
 * expectation is parsed from lesson text, so what is judged is what a
 * lesson writes.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/xmalloc.h"
#include "lesson/lesson.h"
#include "model/expect.h"

/* The connections the fake runner reports for the client (endpoint 0). */
static struct expect_conn	test_conns[8];
static size_t			test_nconns;

/* The fake runner: the client holds test_conns; the server holds none. */
static size_t
test_world_conns(void *arg, int ep, struct expect_conn *out, size_t max)
{
	size_t	i;

	(void)arg;
	if (ep != 0)
		return (0);
	for (i = 0; i < test_nconns && i < max; i++)
		out[i] = test_conns[i];
	return (i);
}

/* A lesson whose only step expects one line: the expectation. */
static struct lesson *
test_parse(const char *expectation)
{
	struct lesson	*l;
	char		*buf, *cause = NULL;

	buf = xasprintf("lesson t\ntitle en T\ntitle zh T\nsummary en S\n"
	    "summary zh S\nchapter 1\norder 1\nendpoint client\n"
	    "endpoint server\nstep s\nkey k\nsay en S\nsay zh S\nexpect %s\n",
	    expectation);
	l = lesson_parse("t.lesson", buf, strlen(buf), &cause);
	free(buf);
	if (l == NULL)
		fail_msg("%s", cause);
	return (l);
}

/* Judge an expectation against the world; returns whether it held and
 * leaves what was observed in *observed (NULL when it held). */
static int
test_judge(const char *expectation, const struct timeline *tl,
    char **observed)
{
	struct lesson		*l = test_parse(expectation);
	struct expect_world	 w;
	int			 ok;

	memset(&w, 0, sizeof w);
	w.tl = tl;
	w.first = 0;
	w.last = timeline_count(tl);
	w.conns = test_world_conns;
	ok = expect_judge(l, &l->steps[0].expects[0], &w, observed);
	lesson_free(l);
	return (ok);
}

/* Set the client's connections: states, and timers in ms (0: none). */
static void
test_set_conns(size_t n, const enum tcp_state *states,
    const unsigned *timers)
{
	size_t	i;

	memset(test_conns, 0, sizeof test_conns);
	for (i = 0; i < n; i++) {
		test_conns[i].conn = (int)i + 1;
		test_conns[i].state = states[i];
		test_conns[i].src = SRC_KERNEL;
		test_conns[i].timer = timers[i] != 0 ? TCP_TIMER_TIMEWAIT :
		    TCP_TIMER_NONE;
		test_conns[i].expires_ms = timers[i];
		test_conns[i].armed_ms = timers[i];
	}
	test_nconns = n;
}

/* Assert an expectation holds, or fails with exactly this observation. */
static void
test_expect(const struct timeline *tl, const char *expectation,
    const char *observed_if_failed)
{
	char	*observed = NULL;
	int	 ok = test_judge(expectation, tl, &observed);

	if (observed_if_failed == NULL) {
		if (!ok)
			fail_msg("'%s' failed: %s", expectation, observed);
	} else {
		if (ok)
			fail_msg("'%s' held", expectation);
		assert_string_equal(observed, observed_if_failed);
	}
	free(observed);
}

/* armed: the timer as it was set, not the time left when the step ended,
 * so a learner who read for 20 s before the step does not fail it. */
static void
test_armed_at_any_pace(void **state)
{
	static const enum tcp_state	 states[] = { TS_TIME_WAIT };
	static const unsigned		 timers[] = { 40000 };
	struct timeline			*tl = timeline_new();

	(void)state;
	test_set_conns(1, states, timers);
	test_conns[0].armed_ms = 59960;
	test_expect(tl, "client state TIME_WAIT armed 50..60", NULL);
	test_expect(tl, "client state TIME_WAIT armed 0..40",
	    "TIME_WAIT (src=kernel, timewait timer armed 59960 ms, 40000 ms "
	    "left)");
	test_conns[0].armed_ms = 3000;
	test_conns[0].expires_ms = 1000;
	test_expect(tl, "client state TIME_WAIT armed 50..60",
	    "TIME_WAIT (src=kernel, timewait timer armed 3000 ms, 1000 ms "
	    "left)");
	test_expect(tl, "no client state TIME_WAIT armed 50..60", NULL);
	timeline_free(tl);
}

/* count: how many of the endpoint's connections are in the state. */
static void
test_count(void **state)
{
	static const enum tcp_state	 states[] = {
		TS_TIME_WAIT, TS_TIME_WAIT, TS_CLOSED, TS_TIME_WAIT
	};
	static const unsigned		 timers[] = { 59000, 58000, 0, 3000 };
	struct timeline			*tl = timeline_new();

	(void)state;
	test_set_conns(4, states, timers);
	test_expect(tl, "client state TIME_WAIT count 3", NULL);
	test_expect(tl, "client state TIME_WAIT count 2..3", NULL);
	test_expect(tl, "client state CLOSED count 1", NULL);
	test_expect(tl, "client state TIME_WAIT count 4",
	    "3 TIME_WAIT, 1 CLOSED (4 connections)");
	test_expect(tl, "no client state TIME_WAIT count 4", NULL);
	test_expect(tl, "no client state TIME_WAIT count 3",
	    "3 TIME_WAIT, 1 CLOSED (4 connections)");
	test_expect(tl, "client state TIME_WAIT count 2 armed 50..60", NULL);
	test_expect(tl, "client state TIME_WAIT count 3 armed 50..60",
	    "2 with that timer armed; 3 TIME_WAIT, 1 CLOSED (4 connections)");
	timeline_free(tl);
}

/* holds: the connection descriptors still open, whatever their state. */
static void
test_holds(void **state)
{
	static const enum tcp_state	 states[] = {
		TS_CLOSE_WAIT, TS_CLOSED, TS_CLOSED
	};
	static const unsigned		 timers[] = { 0, 0, 0 };
	struct timeline			*tl = timeline_new();

	(void)state;
	test_set_conns(3, states, timers);
	test_conns[0].open = 1;
	test_conns[1].open = 1;
	test_expect(tl, "client holds 2", NULL);
	test_expect(tl, "client holds 1..3", NULL);
	test_expect(tl, "client holds 3",
	    "client holds 2 of its 3 connections open");
	test_expect(tl, "no client holds 0", NULL);
	test_expect(tl, "no client holds 2",
	    "client holds 2 of its 3 connections open");
	test_expect(tl, "server holds 0", NULL);
	timeline_free(tl);
}

/* count 0 holds when the endpoint holds nothing at all. */
static void
test_count_of_nothing(void **state)
{
	struct timeline	*tl = timeline_new();

	(void)state;
	test_set_conns(0, NULL, NULL);
	test_expect(tl, "client state TIME_WAIT count 0", NULL);
	test_expect(tl, "client state TIME_WAIT count 1", "no connection");
	test_expect(tl, "client state TIME_WAIT", "client holds no connection");
	timeline_free(tl);
}

/* A segment event from the client to the server: captured (EV_SEG) or
 * what the wire did with it (EV_WIRE). */
static void
test_add_seg(struct timeline *tl, enum event_kind kind, enum wire_op op,
    uint8_t flags)
{
	struct event	 ev;
	struct ev_seg	*s = kind == EV_SEG ? &ev.u.seg : &ev.u.wire.seg;

	memset(&ev, 0, sizeof ev);
	ev.kind = kind;
	ev.actor = ACTOR_WIRE;
	ev.t_ns = timeline_count(tl) * 1000;
	if (kind == EV_WIRE)
		ev.u.wire.op = op;
	s->sender = 0;
	s->receiver = 1;
	s->seg.flags = flags;
	timeline_add(tl, &ev);
}

/* wire: what the wire held, delivered or dropped, apart from what was
 * captured; "no ... xN" means fewer than N. */
static void
test_wire(void **state)
{
	struct timeline	*tl = timeline_new();

	(void)state;
	test_add_seg(tl, EV_WIRE, WIRE_OP_DROP, TF_FIN | TF_ACK);
	test_add_seg(tl, EV_WIRE, WIRE_OP_DROP, TF_FIN | TF_ACK);
	test_add_seg(tl, EV_WIRE, WIRE_OP_HOLD, TF_ACK);
	test_add_seg(tl, EV_SEG, WIRE_OP_HOLD, TF_FIN | TF_ACK);
	test_expect(tl, "wire drop client>server F x2", NULL);
	test_expect(tl, "wire drop client>server F x3",
	    "the wire's drop: F., F.");
	test_expect(tl, "wire hold client>server .", NULL);
	test_expect(tl, "no wire hold client>server F", NULL);
	test_expect(tl, "wire deliver client>server F",
	    "the wire did not deliver a segment in that direction");
	test_expect(tl, "wire drop server>client F",
	    "the wire did not drop a segment in that direction");
	test_expect(tl, "seg client>server F", NULL);
	test_expect(tl, "seg client>server F x2", "segments sent: F.");
	test_expect(tl, "no seg client>server F x2", NULL);
	test_expect(tl, "no seg client>server F", "segments sent: F.");
	timeline_free(tl);
}

/* saw ... restart: the state line repeated because its timer started over. */
static void
test_saw_restart(void **state)
{
	static const enum tcp_state	 states[] = { TS_TIME_WAIT };
	static const unsigned		 timers[] = { 60000 };
	struct timeline			*tl = timeline_new();
	struct event			 ev;

	(void)state;
	test_set_conns(1, states, timers);
	memset(&ev, 0, sizeof ev);
	ev.kind = EV_STATE;
	ev.actor = 0;
	ev.u.state.conn = 1;
	ev.u.state.state = TS_TIME_WAIT;
	ev.u.state.timer = TCP_TIMER_TIMEWAIT;
	ev.u.state.expires_ms = 59996;
	timeline_add(tl, &ev);
	test_expect(tl, "client saw TIME_WAIT", NULL);
	test_expect(tl, "client saw TIME_WAIT restart",
	    "went through TIME_WAIT (src=kernel)");
	ev.t_ns = 200;
	ev.u.state.expires_ms = 60000;
	ev.u.state.restarted = 1;
	timeline_add(tl, &ev);
	test_expect(tl, "client saw TIME_WAIT restart", NULL);
	timeline_free(tl);
}

/* A call event of the client or the lab, taking took_ms. */
static void
test_add_call(struct timeline *tl, int actor, enum call_name name, long ret,
    int err, uint64_t took_ms, const char *text)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_CALL;
	ev.actor = actor;
	ev.t_ns = timeline_count(tl) * 1000;
	ev.u.call.name = name;
	snprintf(ev.u.call.text, sizeof ev.u.call.text, "%s", text);
	ev.u.call.ret = ret;
	ev.u.call.err = err;
	ev.u.call.took_ns = took_ms * 1000000;
	timeline_add(tl, &ev);
}

/* took: how long the call blocked; the lab's own calls. */
static void
test_took_and_lab(void **state)
{
	struct timeline	*tl = timeline_new();

	(void)state;
	test_add_call(tl, 0, CALL_CLOSE, 0, 0, 2016,
	    "close(4) = 0 after 2016 ms");
	test_add_call(tl, 0, CALL_CONNECT, 0, 0, 3,
	    "connect(3, 127.0.0.1:9000) = 0");
	test_add_call(tl, ACTOR_LAB, CALL_SYSCTL, -1, ENOENT, 0,
	    "sysctl(net.ipv4.tcp_tw_recycle, \"1\") = -1 ENOENT");
	test_expect(tl, "client call close = 0 took 1500..3000", NULL);
	test_expect(tl, "client call close = 0 took 0..500",
	    "close(4) = 0 after 2016 ms");
	test_expect(tl, "client call connect = 0 took 10..20",
	    "connect(3, 127.0.0.1:9000) = 0 (it took 3 ms)");
	test_expect(tl, "lab call sysctl = -1 ENOENT", NULL);
	test_expect(tl, "lab call sysctl = 0",
	    "sysctl(net.ipv4.tcp_tw_recycle, \"1\") = -1 ENOENT");
	timeline_free(tl);
}

/* Descriptions read as the lesson wrote them, and parse again. */
static void
test_describe(void **state)
{
	static const char *const lines[] = {
		"client state TIME_WAIT count 3",
		"client state TIME_WAIT count 2..3 armed 50..60",
		"no client state CLOSED all armed 5..5",
		"client call close = 0 took 5..5",
		"lab call sysctl = -1 ENOENT",
		"no server holds 1..2",
		"wire drop client>server F. x2",
		"no wire hold server>client .",
		"client saw TIME_WAIT restart"
	};
	struct lesson	*l, *again;
	char		*d;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof lines / sizeof *lines; i++) {
		l = test_parse(lines[i]);
		d = expect_describe(l, &l->steps[0].expects[0]);
		assert_string_equal(d, lines[i]);
		again = test_parse(d);
		lesson_free(again);
		free(d);
		lesson_free(l);
	}
}

/* close-wait-leak, step clients-time-out: each of 5 clients' sides CLOSED
 * and the server's 5 in CLOSE_WAIT, or one of them reset (kind 1). */
static size_t
test_leak_conns(void *arg, int ep, struct expect_conn *out, size_t max)
{
	int	reset = *(int *)arg;
	size_t	i;

	for (i = 0; i < 5 && i < max; i++) {
		memset(&out[i], 0, sizeof out[i]);
		out[i].conn = (int)i + 1;
		out[i].owner = ep;
		out[i].src = SRC_KERNEL;
		out[i].state = ep == 0 || (reset && i == 2) ? TS_CLOSED :
		    TS_CLOSE_WAIT;
		out[i].open = ep == 1;
	}
	return (i);
}

/* The shipped close-wait-leak: its clients half-close first and close
 * only in clients-time-out, so no orphan is made while its FIN is being
 * acknowledged, and the RST such an orphan could end with cannot come.
 * The step holds when every client's side ends quietly, and an RST (one
 * server socket CLOSED) fails it: the lesson would show the race. */
static void
test_close_wait_leak_quiet_end(void **state)
{
	struct timeline		*tl;
	struct expect_world	 w;
	struct lesson		*l;
	const struct step	*st = NULL;
	char			*cause = NULL, *observed;
	size_t			 i;
	int			 reset, held, failed;

	(void)state;
	l = lesson_load("lessons/close-wait-leak.lesson", &cause);
	if (l == NULL)
		fail_msg("%s", cause);
	for (i = 0; i < l->nsteps; i++) {
		if (strcmp(l->steps[i].name, "clients-time-out") == 0)
			st = &l->steps[i];
	}
	assert_non_null(st);
	assert_non_null(st->ask);
	for (reset = 0; reset < 2; reset++) {
		tl = timeline_new();
		if (reset)
			test_add_seg(tl, EV_SEG, WIRE_OP_HOLD, TF_RST);
		memset(&w, 0, sizeof w);
		w.tl = tl;
		w.last = timeline_count(tl);
		w.conns = test_leak_conns;
		w.arg = &reset;
		for (i = 0, failed = 0; i < st->nexpects; i++) {
			if (!expect_judge(l, &st->expects[i], &w, &observed))
				failed++;
			free(observed);
		}
		assert_int_equal(failed > 0, reset);
		for (i = 0, held = 0; i < st->ask->nchoices; i++) {
			if (expect_judge(l, &st->ask->choices[i].when, &w,
			    &observed))
				held |= 1 << i;
			free(observed);
		}
		assert_int_equal(held, reset ? 0 : 1);	/* choice a, quietly */
		timeline_free(tl);
	}
	lesson_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_armed_at_any_pace),
		cmocka_unit_test(test_count_of_nothing),
		cmocka_unit_test(test_holds),
		cmocka_unit_test(test_took_and_lab),
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_wire),
		cmocka_unit_test(test_saw_restart),
		cmocka_unit_test(test_close_wait_leak_quiet_end)
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
