/*
 * test_listener.c: listeners in the timeline. The "queued" expectation as
 * parsed (and every malformed form's message), as judged on a hand-built
 * timeline of listener readings, the queued connections counted by
 * "state ... count" and by nothing else, a listener's transcript line,
 * and the scene's reading of it.
 */
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
#include "model/scene.h"
#include "run/transcript.h"

/* The server's connections as the fake runner reports them, and the port
 * of its latest listener. */
static struct expect_conn	test_conns[4];
static size_t			test_nconns;
static int			test_port;

/* The fake runner's connections of the server (endpoint 1). */
static size_t
test_world_conns(void *arg, int ep, struct expect_conn *out, size_t max)
{
	size_t	n = ep == 1 ? test_nconns : 0;

	(void)arg;
	if (n > max)
		n = max;
	memcpy(out, test_conns, n * sizeof *out);
	return (n);
}

/* The fake runner's latest listener of the server. */
static int
test_world_port(void *arg, int ep)
{
	(void)arg;
	return (ep == 1 ? test_port : 0);
}

/* A lesson whose only step has one more line, or NULL and *cause. */
static struct lesson *
test_lesson(const char *line, char **cause)
{
	struct lesson	*l;
	char		*buf;

	*cause = NULL;
	buf = xasprintf("lesson t\ntitle en T\ntitle zh T\nsummary en S\n"
	    "summary zh S\nchapter 1\norder 1\nendpoint client\n"
	    "endpoint server\nstep s\nkey k\nsay en S\nsay zh S\n%s\n", line);
	l = lesson_parse("t.lesson", buf, strlen(buf), cause);
	free(buf);
	return (l);
}

/* The expectation of "expect BODY", parsed; the lesson is the caller's. */
static struct lesson *
test_parse(const char *body)
{
	struct lesson	*l;
	char		*line, *cause;

	line = xasprintf("expect %s", body);
	l = test_lesson(line, &cause);
	free(line);
	if (l == NULL)
		fail_msg("%s", cause);
	return (l);
}

/* "queued" parsed: the range, the port, negation, and its description. */
static void
test_queued_parsed(void **state)
{
	static const struct {
		const char	*body;
		int		 negate, min, max, port;
	} cases[] = {
		{ "server queued 3", 0, 3, 3, 0 },
		{ "server queued 0..2 port 9000", 0, 0, 2, 9000 },
		{ "no server queued 1..4097", 1, 1, 4097, 0 }
	};
	const struct expect	*e;
	struct lesson		*l;
	char			*text;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		l = test_parse(cases[i].body);
		e = &l->steps[0].expects[0];
		assert_int_equal(e->kind, EXPECT_QUEUED);
		assert_int_equal(e->endpoint, 1);
		assert_int_equal(e->negate, cases[i].negate);
		assert_int_equal(e->count_min, cases[i].min);
		assert_int_equal(e->count_max, cases[i].max);
		assert_int_equal(e->port, cases[i].port);
		text = expect_describe(l, e);
		assert_string_equal(text, cases[i].body);
		free(text);
		lesson_free(l);
	}
}

/* Every malformed "queued" gives file:line: and says what is allowed. */
static void
test_queued_errors(void **state)
{
	static const struct {
		const char	*line;
		const char	*cause;
	} cases[] = {
		{ "expect server queued",
		    "t.lesson:14: missing queue length after 'queued'" },
		{ "expect server queued many",
		    "t.lesson:14: queue length 'many' is not a number" },
		{ "expect server queued 4098",
		    "t.lesson:14: queue length '4098' out of range 0..4097" },
		{ "expect server queued 3..1",
		    "t.lesson:14: queue length '3..1' has its minimum above "
		    "its maximum" },
		{ "expect server queued 3 all",
		    "t.lesson:14: unexpected 'all' after 'queued': only "
		    "'port PORT' may follow the queue length" },
		{ "expect server queued 3 port",
		    "t.lesson:14: missing port after 'port'" },
		{ "expect server queued 3 port 70000",
		    "t.lesson:14: port '70000' out of range 1..65535" },
		{ "expect server queued 3 port 9000 port 9001",
		    "t.lesson:14: unexpected 'port' after 'queued'" },
		{ "expect server frob",
		    "t.lesson:14: unknown expectation 'frob': use state, saw, "
		    "call, holds, queued, recv-q, send-q, rto, retransmits or "
		    "backoff" }
	};
	struct lesson	*l;
	char		*cause;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		l = test_lesson(cases[i].line, &cause);
		if (l != NULL)
			fail_msg("'%s' parsed", cases[i].line);
		assert_string_equal(cause, cases[i].cause);
		free(cause);
	}
}

/* Add a reading of the listener on port by the server: a new state, or
 * new queues only. */
static void
test_add_listener(struct timeline *tl, uint64_t t_ms, int port,
    enum tcp_state st, unsigned queued, unsigned limit, int queues_only)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_STATE;
	ev.actor = 1;
	ev.t_ns = t_ms * 1000000;
	ev.u.state.state = st;
	ev.u.state.src = SRC_KERNEL;
	ev.u.state.port = (uint16_t)port;
	ev.u.state.rqueue = queued;
	ev.u.state.wqueue = limit;
	ev.u.state.queues_only = queues_only;
	timeline_add(tl, &ev);
}

/* Judge "expect BODY": NULL when it must hold, else what it must say it
 * observed. */
static void
test_judge(const struct timeline *tl, const char *body, const char *observed)
{
	struct lesson		*l = test_parse(body);
	struct expect_world	 w;
	char			*seen = NULL;
	int			 ok;

	memset(&w, 0, sizeof w);
	w.tl = tl;
	w.last = timeline_count(tl);
	w.conns = test_world_conns;
	w.listen_port = test_world_port;
	ok = expect_judge(l, &l->steps[0].expects[0], &w, &seen);
	if (observed == NULL && !ok)
		fail_msg("'%s' failed: %s", body, seen);
	if (observed != NULL) {
		if (ok)
			fail_msg("'%s' held", body);
		assert_string_equal(seen, observed);
	}
	free(seen);
	lesson_free(l);
}

/* The latest reading of the latest listener (or of port P) decides; a
 * closed listener has nothing queued. */
static void
test_queued_judged(void **state)
{
	static const struct {
		const char	*body;
		const char	*observed;	/* NULL: it holds */
	} cases[] = {
		{ "server queued 3", NULL },
		{ "server queued 2..3 port 9000", NULL },
		{ "server queued 0 port 9001", NULL },
		{ "no server queued 1..3 port 9001", NULL },
		{ "server queued 2",
		    "the listener on :9000 has 3 in its accept queue, limit 2" },
		{ "no server queued 3",
		    "the listener on :9000 has 3 in its accept queue, limit 2" }
	};
	struct timeline	*tl = timeline_new();
	size_t		 i;

	(void)state;
	test_port = 0;
	test_judge(tl, "server queued 0", "server has no listener open");
	test_port = 9000;
	test_judge(tl, "server queued 0",
	    "the kernel never showed a listener on :9000");
	test_add_listener(tl, 1, 9000, TS_LISTEN, 0, 2, 0);
	test_add_listener(tl, 2, 9001, TS_LISTEN, 0, 16, 0);
	test_add_listener(tl, 3, 9000, TS_LISTEN, 3, 2, 1);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		test_judge(tl, cases[i].body, cases[i].observed);
	test_add_listener(tl, 4, 9000, TS_CLOSED, 0, 0, 0);
	test_judge(tl, "server queued 0", NULL);
	test_judge(tl, "server queued 1",
	    "the listener on :9000 is CLOSED");
	timeline_free(tl);
}

/* Queued connections count for "state ... count" only: not as the latest,
 * not for "all", not for "holds". */
static void
test_queued_conns(void **state)
{
	struct timeline	*tl = timeline_new();
	size_t		 i;

	(void)state;
	memset(test_conns, 0, sizeof test_conns);
	for (i = 0; i < 3; i++) {
		test_conns[i].conn = (int)i + 1;
		test_conns[i].owner = 1;
		test_conns[i].state = TS_ESTABLISHED;
		test_conns[i].queued = i < 2;
	}
	test_conns[2].state = TS_CLOSE_WAIT;
	test_conns[2].open = 1;
	test_nconns = 3;
	test_judge(tl, "server state ESTABLISHED count 2", NULL);
	test_judge(tl, "server state CLOSE_WAIT count 1", NULL);
	test_judge(tl, "server state CLOSE_WAIT all", NULL);
	test_judge(tl, "server state CLOSE_WAIT", NULL);
	test_judge(tl, "server holds 1", NULL);
	test_judge(tl, "server holds 3", "server holds 1 of its 1 connections "
	    "open");
	test_nconns = 2;
	test_judge(tl, "server state ESTABLISHED count 2", NULL);
	test_judge(tl, "server state ESTABLISHED", "server holds no "
	    "connection");
	test_nconns = 0;
	timeline_free(tl);
}

/* A listener's transcript line names its port and its accept queue. */
static void
test_listener_transcript(void **state)
{
	static const char *const lines[] = {
		"listener :9000 LISTEN src=kernel accept-queue 0/16",
		"listener :9000 LISTEN accept-queue 13/16",
		"listener :9000 CLOSED src=kernel"
	};
	struct timeline	*tl = timeline_new();
	struct lesson	*l = test_parse("server queued 0");
	char		*text;
	size_t		 i;

	(void)state;
	test_add_listener(tl, 1, 9000, TS_LISTEN, 0, 16, 0);
	test_add_listener(tl, 2, 9000, TS_LISTEN, 13, 16, 1);
	test_add_listener(tl, 3, 9000, TS_CLOSED, 0, 0, 0);
	for (i = 0; i < timeline_count(tl); i++) {
		text = transcript_details(l, timeline_get(tl, i));
		assert_string_equal(text, lines[i]);
		free(text);
	}
	text = transcript_line(l, timeline_get(tl, 1));
	assert_string_equal(text, "  0.002000  server  queues  "
	    "listener :9000 LISTEN accept-queue 13/16");
	free(text);
	lesson_free(l);
	timeline_free(tl);
}

/* The scene keeps each listener's latest reading, and no socket for it. */
static void
test_listener_scene(void **state)
{
	const struct scene_listener	*x;
	struct timeline			*tl = timeline_new();
	struct lesson			*l = test_parse("server queued 0");
	struct scene			 sc;

	(void)state;
	memset(&sc, 0, sizeof sc);
	test_add_listener(tl, 1, 9000, TS_LISTEN, 0, 16, 0);
	test_add_listener(tl, 2, 9001, TS_LISTEN, 1, 4, 0);
	test_add_listener(tl, 3, 9000, TS_LISTEN, 13, 16, 1);
	scene_build(&sc, l, tl, 2);
	x = scene_listener(&sc, 9000);
	assert_non_null(x);
	assert_int_equal(x->queued, 0);
	scene_extend(&sc, tl, timeline_count(tl));
	x = scene_listener(&sc, 9000);
	assert_int_equal(x->state, TS_LISTEN);
	assert_int_equal(x->queued, 13);
	assert_int_equal(x->limit, 16);
	assert_int_equal(scene_listener(&sc, 9001)->queued, 1);
	assert_null(scene_listener(&sc, 9002));
	assert_null(scene_listener(&sc, 0));
	assert_int_equal(sc.eps[1].nsocks, 0);
	scene_free(&sc);
	lesson_free(l);
	timeline_free(tl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_queued_parsed),
		cmocka_unit_test(test_queued_errors),
		cmocka_unit_test(test_queued_judged),
		cmocka_unit_test(test_queued_conns),
		cmocka_unit_test(test_listener_transcript),
		cmocka_unit_test(test_listener_scene)
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
