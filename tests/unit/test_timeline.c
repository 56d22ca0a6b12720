/*
 * test_timeline.c: the timeline keeps time order, and the transcript prints
 * each kind of event in the documented format.
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
#include "model/timeline.h"
#include "run/transcript.h"

static struct lesson_endpoint	test_endpoints[] = {
	{ (char *)"client", 0 },
	{ (char *)"server", 0 }
};

/* A lesson with just its two endpoints, which is all a transcript needs. */
static struct lesson
test_lesson(void)
{
	struct lesson	l;

	memset(&l, 0, sizeof l);
	l.endpoints = test_endpoints;
	l.nendpoints = 2;
	return (l);
}

/* An event of a kind at a time (ns since the lab started). */
static struct event
ev_at(enum event_kind kind, int actor, uint64_t t_ns)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = kind;
	ev.actor = actor;
	ev.t_ns = t_ns;
	return (ev);
}

/* An event is found by its seq wherever later insertions moved it, across
 * the array's growth; a seq never given out is not found. */
static void
test_find_by_seq(void **state)
{
	struct timeline	*tl = timeline_new();
	struct event	 ev;
	uint64_t	 seq;

	(void)state;
	for (seq = 0; seq < 3000; seq++) {
		ev = ev_at(EV_SAY, ACTOR_LESSON, 1000 + seq * 10);
		timeline_add(tl, &ev);
	}
	/* Late events land first and push every other one along; each
	 * lookup in between sees the order as it is then. */
	for (seq = 0; seq < 100; seq++) {
		ev = ev_at(EV_SAY, ACTOR_LESSON, seq);
		assert_int_equal(timeline_add(tl, &ev), seq);
		assert_int_equal(timeline_find(tl, 2999), 3000 + seq);
		assert_int_equal(timeline_find(tl, 3000 + seq), seq);
	}
	/* One in the middle, between two events of the same time order. */
	ev = ev_at(EV_SAY, ACTOR_LESSON, 1000 + 1500 * 10);
	assert_int_equal(timeline_add(tl, &ev), 100 + 1501);
	for (seq = 0; seq < 3101; seq++)
		assert_int_equal(timeline_get(tl, timeline_find(tl, seq))->seq,
		    seq);
	assert_int_equal(timeline_find(tl, 0), 100);
	assert_int_equal(timeline_find(tl, 3000), 0);
	assert_int_equal(timeline_find(tl, 3100), 1601);
	assert_int_equal(timeline_find(tl, 3101), TIMELINE_NONE);
	timeline_free(tl);
}

/* A transcript line never carries a terminal control: a received text
 * with escape sequences is written out. */
static void
test_transcript_escapes(void **state)
{
	struct lesson	 l = test_lesson();
	struct event	 ev = ev_at(EV_CALL, 0, 1000000);
	char		*line;

	(void)state;
	snprintf(ev.u.call.text, sizeof ev.u.call.text,
	    "recv(4) = 9 \"\x1b]0;x\x07\x1b[2J\"");
	line = transcript_line(&l, &ev);
	assert_null(strchr(line, '\x1b'));
	assert_null(strchr(line, '\x07'));
	assert_non_null(strstr(line, "recv(4) = 9 \"\\x1b]0;x\\x07\\x1b[2J\""));
	free(line);
}

/* Events land in time order whatever order they arrive in. */
static void
test_time_order(void **state)
{
	struct timeline	*tl = timeline_new();
	struct event	 ev;
	size_t		 i;
	uint64_t	 times[] = { 5, 1, 9, 3, 3, 7 };

	(void)state;
	for (i = 0; i < 6; i++) {
		ev = ev_at(EV_SAY, ACTOR_LESSON, times[i]);
		ev.text = xasprintf("%zu", i);
		timeline_add(tl, &ev);
	}
	assert_int_equal(timeline_count(tl), 6);
	for (i = 1; i < 6; i++)
		assert_true(timeline_get(tl, i - 1)->t_ns <=
		    timeline_get(tl, i)->t_ns);
	/* Equal times keep their arrival order. */
	assert_string_equal(timeline_get(tl, 1)->text, "3");
	assert_string_equal(timeline_get(tl, 2)->text, "4");
	timeline_free(tl);
}

/* Print one event and return the line (static buffer). */
static const char *
line_of(const struct event *ev)
{
	static char		 buf[512];
	struct lesson		 l = test_lesson();
	struct timeline		*tl = timeline_new();
	struct event		 copy = *ev;
	FILE			*f;

	if (copy.text != NULL)
		copy.text = xstrdup(copy.text);
	timeline_add(tl, &copy);
	f = fmemopen(buf, sizeof buf, "w");
	transcript_print_event(f, &l, timeline_get(tl, 0));
	fclose(f);
	timeline_free(tl);
	return (buf);
}

/* Every kind of line, exactly as README.md documents it. */
static void
test_transcript_lines(void **state)
{
	struct event	ev;

	(void)state;
	ev = ev_at(EV_CALL, 0, 4000000);
	snprintf(ev.u.call.text, sizeof ev.u.call.text, "close(3) = 0");
	assert_string_equal(line_of(&ev),
	    "  0.004000  client  call    close(3) = 0\n");

	ev = ev_at(EV_SEG, ACTOR_WIRE, 4000000);
	ev.u.seg.sender = 0;
	ev.u.seg.receiver = 1;
	ev.u.seg.seg.flags = TF_FIN | TF_ACK;
	ev.u.seg.rseq = 1;
	ev.u.seg.rack = 1;
	ev.u.seg.seg.win = 512;
	ev.u.seg.window = 65536;
	ev.u.seg.wshift = 7;
	ev.u.seg.conn = 1;
	assert_string_equal(line_of(&ev), "  0.004000  wire    seg     "
	    "client>server F. seq=1 ack=1 len=0 win=65536\n");
	ev.u.seg.seg.has_ts = 1;
	ev.u.seg.seg.tsval = 2754268081U;
	ev.u.seg.seg.tsecr = 726965373U;
	assert_string_equal(line_of(&ev), "  0.004000  wire    seg     "
	    "client>server F. seq=1 ack=1 len=0 win=65536 tsval=2754268081 "
	    "tsecr=726965373\n");
	ev.u.seg.seg.has_ts = 0;
	ev.u.seg.conn = 3;
	ev.u.seg.receiver = -1;
	ev.u.seg.seg.dport = 9000;
	assert_string_equal(line_of(&ev), "  0.004000  wire    seg     "
	    "client>:9000 F. seq=1 ack=1 len=0 win=65536 conn=3\n");

	ev = ev_at(EV_STATE, 0, 46000000);
	ev.u.state.state = TS_FIN_WAIT_2;
	ev.u.state.src = SRC_KERNEL;
	ev.u.state.timer = TCP_TIMER_TIMEWAIT;
	ev.u.state.expires_ms = 59958;
	ev.u.state.conn = 1;
	assert_string_equal(line_of(&ev), "  0.046000  client  state   "
	    "FIN_WAIT_2 src=kernel timer=timewait expires=59958\n");
	ev.u.state.state = TS_FIN_WAIT_1;
	ev.u.state.src = SRC_WIRE;
	assert_string_equal(line_of(&ev),
	    "  0.046000  client  state   FIN_WAIT_1 src=wire\n");
	ev.u.state.state = TS_CLOSE_WAIT;
	ev.u.state.src = SRC_KERNEL;
	ev.u.state.timer = TCP_TIMER_NONE;
	ev.u.state.rqueue = 19;
	assert_string_equal(line_of(&ev), "  0.046000  client  state   "
	    "CLOSE_WAIT src=kernel recv-q=19 send-q=0\n");
	ev.u.state.queues_only = 1;
	ev.u.state.rqueue = 0;
	ev.u.state.conn = 2;
	assert_string_equal(line_of(&ev), "  0.046000  client  queues  "
	    "CLOSE_WAIT recv-q=0 send-q=0 conn=2\n");

	ev = ev_at(EV_STATE, 0, 250000000);
	ev.u.state.state = TS_TIME_WAIT;
	ev.u.state.src = SRC_KERNEL;
	ev.u.state.timer = TCP_TIMER_TIMEWAIT;
	ev.u.state.expires_ms = 60000;
	ev.u.state.conn = 1;
	ev.u.state.restarted = 1;
	ev.u.state.was_ms = 58492;
	assert_string_equal(line_of(&ev), "  0.250000  client  state   "
	    "TIME_WAIT src=kernel timer=timewait expires=60000 restarted "
	    "was=58492\n");

	/* The wire's acts: the kind column says which. */
	ev = ev_at(EV_WIRE, ACTOR_WIRE, 5000000);
	ev.u.wire.op = WIRE_OP_HOLD;
	ev.u.wire.seg.sender = 0;
	ev.u.wire.seg.receiver = 1;
	ev.u.wire.seg.seg.flags = TF_FIN | TF_ACK;
	ev.u.wire.seg.rseq = 1;
	ev.u.wire.seg.rack = 1;
	ev.u.wire.seg.seg.win = 64;
	ev.u.wire.seg.window = 64;
	ev.u.wire.seg.wshift = CONN_WSCALE_UNKNOWN;
	ev.u.wire.seg.conn = 1;
	assert_string_equal(line_of(&ev), "  0.005000  wire    hold    "
	    "client>server F. seq=1 ack=1 len=0 win=64\n");
	ev.u.wire.op = WIRE_OP_DELIVER;
	assert_string_equal(line_of(&ev), "  0.005000  wire    deliver "
	    "client>server F. seq=1 ack=1 len=0 win=64\n");
	ev.u.wire.op = WIRE_OP_DROP;
	ev.u.wire.seg.rseq = -20772469;
	ev.u.wire.seg.conn = 2;
	assert_string_equal(line_of(&ev), "  0.005000  wire    drop    "
	    "client>server F. seq=-20772469 ack=1 len=0 win=64 conn=2\n");

	ev = ev_at(EV_CHECK, ACTOR_CHECK, 90000000);
	ev.u.check.verdict = VERDICT_HELD;
	ev.text = (char *)"client state TIME_WAIT";
	assert_string_equal(line_of(&ev),
	    "  0.090000  check   check   ok client state TIME_WAIT\n");
	ev.u.check.verdict = VERDICT_FAILED;
	assert_string_equal(line_of(&ev),
	    "  0.090000  check   check   FAIL client state TIME_WAIT\n");
	ev.u.check.verdict = VERDICT_NOT_REACHED;
	assert_string_equal(line_of(&ev), "  0.090000  check   check   "
	    "not-reached client state TIME_WAIT\n");

	ev = ev_at(EV_EXIT, 1, 1500000000);
	ev.u.exit.status = 9;		/* killed by signal 9 */
	assert_string_equal(line_of(&ev),
	    "  1.500000  server  exit    killed by SIGKILL\n");
	ev.u.exit.status = 0;
	assert_string_equal(line_of(&ev),
	    "  1.500000  server  exit    exited with status 0\n");

	ev = ev_at(EV_STEP, ACTOR_LESSON, 0);
	ev.text = (char *)"client-closes (key c)";
	assert_string_equal(line_of(&ev),
	    "  0.000000  lesson  step    client-closes (key c)\n");
}

/* A tally counts each verdict apart, by step and up to an event: a check
 * not reached is neither held nor failed. */
static void
test_tally_verdicts(void **state)
{
	static const enum check_verdict	verdicts[] = { VERDICT_HELD,
	    VERDICT_FAILED, VERDICT_NOT_REACHED, VERDICT_NOT_REACHED };
	struct timeline			*tl = timeline_new();
	struct timeline_tally		 t;
	struct event			 ev;
	size_t				 i;

	(void)state;
	for (i = 0; i < 4; i++) {
		ev = ev_at(EV_CHECK, ACTOR_CHECK, (uint64_t)i);
		ev.step = i < 2 ? 0 : 1;
		ev.u.check.verdict = verdicts[i];
		ev.u.check.choice = i == 3 ? 'b' : 0;
		timeline_add(tl, &ev);
	}
	t = timeline_tally(tl, 4, TIMELINE_ALL_STEPS);
	assert_int_equal(t.checks, 4);
	assert_int_equal(t.failures, 1);
	assert_int_equal(t.not_reached, 2);
	assert_int_equal(t.answer, 'b');
	t = timeline_tally(tl, 4, 1);
	assert_int_equal(t.checks, 2);
	assert_int_equal(t.failures, 0);
	assert_int_equal(t.not_reached, 2);
	t = timeline_tally(tl, 3, TIMELINE_ALL_STEPS);
	assert_int_equal(t.not_reached, 1);
	assert_int_equal(t.answer, 0);
	timeline_free(tl);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_time_order),
		cmocka_unit_test(test_find_by_seq),
		cmocka_unit_test(test_transcript_escapes),
		cmocka_unit_test(test_transcript_lines),
		cmocka_unit_test(test_tally_verdicts),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
