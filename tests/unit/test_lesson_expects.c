/*
 * test_lesson_expects.c: the expectations on what a teardown can do beyond
 * states and segments between endpoints: a side no endpoint owns (":PORT"),
 * the kernel's readings of a connection (recv-q, send-q, rto, retransmits,
 * backoff), the lab's TCP counters and its kill. Each is parsed from lesson
 * text (good, and malformed with the exact message), then judged on a
 * hand-built world.
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

#include "lesson_cases.h"

static const char *const test_good[] = {
	"seg client>:9001 S",
	"seg :9001>client R.",
	"no seg :9001>client F x2",
	"wire drop client>:9001 S",
	"client recv-q 19",
	"no server send-q 0..10",
	"client rto 200..400",
	"client retransmits 1..3",
	"client backoff 2",
	"lab counter PAWSEstab 1",
	"no lab counter TCPChallengeACK 1..5",
	"lab call kill = 0",
	"client state TIME_WAIT count 2 armed 50..60",
	"client saw CLOSED all restart",
	"client call send = -1 EPIPE sigpipe took 0..5"
};

/* Parse a lesson whose one step expects one line; the test fails if it
 * does not parse. */
static struct lesson *
test_parse_one(const char *expectation)
{
	struct lesson	*l;
	char		*buf, *cause;

	buf = xasprintf(TEST_LESSON_HEAD TEST_LESSON_STEP "expect %s\n",
	    expectation);
	l = test_lesson_parse(buf, strlen(buf), &cause);
	free(buf);
	if (l == NULL)
		fail_msg("%s", cause);
	return (l);
}

/* Every good expectation parses and is described as it was written. */
static void
test_good_round_trip(void **state)
{
	struct lesson	*l;
	char		*text;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof test_good / sizeof test_good[0]; i++) {
		l = test_parse_one(test_good[i]);
		text = expect_describe(l, &l->steps[0].expects[0]);
		assert_string_equal(text, test_good[i]);
		free(text);
		lesson_free(l);
	}
}

/* What the parser keeps of each new form. */
static void
test_good_fields(void **state)
{
	struct lesson		*l;
	const struct expect	*e;

	(void)state;
	l = test_parse_one("seg :9001>client R.");
	e = &l->steps[0].expects[0];
	assert_int_equal(e->kind, EXPECT_SEG);
	assert_int_equal(e->endpoint, LESSON_PORT);
	assert_int_equal(e->port, 9001);
	assert_int_equal(e->peer, 0);
	lesson_free(l);

	l = test_parse_one("server rto 200..400");
	e = &l->steps[0].expects[0];
	assert_int_equal(e->kind, EXPECT_READING);
	assert_int_equal(e->endpoint, 1);
	assert_int_equal(e->reading, READING_RTO);
	assert_int_equal(e->value_min, 200);
	assert_int_equal(e->value_max, 400);
	lesson_free(l);

	l = test_parse_one("lab counter PAWSEstab 1");
	e = &l->steps[0].expects[0];
	assert_int_equal(e->kind, EXPECT_COUNTER);
	assert_int_equal(e->endpoint, LESSON_LAB);
	assert_string_equal(e->counter, "PAWSEstab");
	assert_int_equal(e->value_min, 1);
	assert_int_equal(e->value_max, 1);
	lesson_free(l);

	l = test_parse_one("lab call kill = -1 ESRCH");
	lesson_free(l);
}

/* A malformed expectation: line 14, the first of a step. */
#define TEST_BAD(name, expectation, cause) \
	TEST_LESSON_BAD(name, TEST_LESSON_HEAD TEST_LESSON_STEP "expect " \
	    expectation "\n", "14: " cause)

static const struct test_lesson_bad test_bads[] = {
	TEST_BAD("port out of range", "seg client>:70000 S",
	    "port '70000' out of range 1..65535"),
	TEST_BAD("port not a number", "seg :web>client R.",
	    "port 'web' is not a number"),
	TEST_BAD("a port to itself", "seg :9001>:9001 S",
	    "segment from ':9001' to itself"),
	TEST_BAD("an unknown endpoint beside a port", "seg router>:9001 S",
	    "unknown endpoint 'router'"),
	TEST_BAD("recv-q without a number", "client recv-q",
	    "missing byte count after 'recv-q'"),
	TEST_BAD("recv-q too large", "client send-q 2000000000",
	    "byte count '2000000000' out of range 0..1073741824"),
	TEST_BAD("rto as one number", "client rto 200",
	    "invalid rto range '200': use MIN..MAX"),
	TEST_BAD("rto reversed", "client rto 400..200",
	    "rto range '400..200' has its minimum above its maximum"),
	TEST_BAD("backoff too large", "client backoff 300",
	    "backoff '300' out of range 0..255"),
	TEST_BAD("retransmits with an option", "client retransmits 1 all",
	    "unexpected 'all' after 'retransmits'"),
	TEST_BAD("counter without a name", "lab counter",
	    "missing counter name after 'counter'"),
	TEST_BAD("counter name with a dash", "lab counter PAWS-Estab 1",
	    "invalid counter name 'PAWS-Estab': use the kernel's, like "
	    "PAWSEstab or RetransSegs"),
	TEST_BAD("counter without a rise", "lab counter PAWSEstab",
	    "missing rise after 'PAWSEstab'"),
	TEST_BAD("counter rise negative", "lab counter PAWSEstab -1",
	    "rise '-1' out of range 0..1000000"),
	TEST_BAD("counter of an endpoint", "client counter PAWSEstab 1",
	    "unknown expectation 'counter': use state, saw, call, holds, "
	    "queued, recv-q, send-q, rto, retransmits or backoff"),
	TEST_BAD("lab reading", "lab recv-q 1",
	    "the lab can only be expected to make a 'call' or raise a "
	    "'counter', not 'recv-q'"),
	TEST_BAD("kill as the endpoint's call", "server call kill = 0",
	    "'kill' is the lab's call: write 'expect lab call kill ...'"),
	TEST_BAD("lab kill took", "lab call kill = 0 took 0..5",
	    "unexpected 'took' after 'call': the lab's calls take only an "
	    "ERRNO after -1"),
	TEST_BAD("count after all", "client state CLOSED all count 2",
	    "'all' and 'count' exclude each other: 'all' needs every "
	    "connection in the state, 'count' says how many are"),
	TEST_BAD("all after count", "client state CLOSED count 2 all",
	    "'all' and 'count' exclude each other: 'all' needs every "
	    "connection in the state, 'count' says how many are"),
	TEST_BAD("all twice", "client saw CLOSED all all",
	    "'all' given twice"),
	TEST_BAD("restart twice", "client saw TIME_WAIT restart restart",
	    "'restart' given twice"),
	TEST_BAD("unknown option of state", "client state CLOSED soon",
	    "unexpected 'soon' after 'state': 'state STATE' takes all, count "
	    "N[..M] and armed MIN..MAX"),
	TEST_BAD("unknown option of saw", "client saw CLOSED twice",
	    "unexpected 'twice' after 'saw': 'saw STATE' takes all and "
	    "restart"),
	TEST_BAD("unknown option of call", "client call close = 0 slowly",
	    "unexpected 'slowly' after 'call': 'call NAME = RET' takes an "
	    "ERRNO after -1, then sigpipe and took MIN..MAX"),
	TEST_BAD("sigpipe twice", "client call send = -1 EPIPE sigpipe sigpipe",
	    "'sigpipe' given twice"),
	TEST_BAD("took twice", "client call close = 0 took 0..5 took 0..5",
	    "'took' given twice"),
	TEST_BAD("nothing after the endpoint", "client",
	    "missing expectation after 'client'")
};

/* The client's connections in the fake world, latest last; the server
 * has none. */
struct test_client {
	struct expect_conn	conns[2];
	size_t			n;
};

/* The fake runner's connections: those of the test_client in arg. */
static size_t
test_world_conns(void *arg, int ep, struct expect_conn *out, size_t max)
{
	const struct test_client	*c = arg;
	size_t				 n = ep == 0 ? c->n : 0;

	n = n < max ? n : max;
	memcpy(out, c->conns, n * sizeof *out);
	return (n);
}

/* Judge an expectation on the world; *observed as expect_judge sets it. */
static int
test_judge(const char *expectation, struct expect_world *w, char **observed)
{
	static struct test_client	 none;
	struct lesson			*l = test_parse_one(expectation);
	int				 ok;

	w->conns = test_world_conns;
	if (w->arg == NULL)
		w->arg = &none;
	ok = expect_judge(l, &l->steps[0].expects[0], w, observed);
	lesson_free(l);
	return (ok);
}

/* Assert whether an expectation holds, and what it observed (NULL: none). */
static void
test_verdict(struct expect_world *w, const char *expectation, int holds,
    const char *observed_want)
{
	char	*observed = NULL;
	int	 ok = test_judge(expectation, w, &observed);

	if (ok != holds)
		fail_msg("'%s' %s: %s", expectation, ok ? "held" : "failed",
		    observed ? observed : "");
	if (observed_want == NULL)
		assert_null(observed);
	else
		assert_string_equal(observed, observed_want);
	free(observed);
}

/* An empty event of a kind, by an actor. */
static struct event
test_event(enum event_kind kind, int actor)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = kind;
	ev.actor = actor;
	return (ev);
}

/* A captured segment from (sender, sport) to (receiver, dport). */
static void
test_add_seg(struct timeline *tl, int sender, int sport, int receiver,
    int dport, uint8_t flags)
{
	struct event	ev = test_event(EV_SEG, ACTOR_WIRE);

	ev.u.seg.sender = sender;
	ev.u.seg.receiver = receiver;
	ev.u.seg.seg.sport = (uint16_t)sport;
	ev.u.seg.seg.dport = (uint16_t)dport;
	ev.u.seg.seg.flags = flags;
	ev.u.seg.conn = 1;
	timeline_add(tl, &ev);
}

/* ":PORT" names a side no endpoint owns, and only such a side. */
static void
test_judge_port(void **state)
{
	struct timeline		*tl = timeline_new();
	struct expect_world	 w;

	(void)state;
	test_add_seg(tl, 0, 40000, -1, 9001, TF_SYN);
	test_add_seg(tl, -1, 9001, 0, 40000, TF_RST | TF_ACK);
	memset(&w, 0, sizeof w);
	w.tl = tl;
	w.last = timeline_count(tl);
	test_verdict(&w, "seg client>:9001 S", 1, NULL);
	test_verdict(&w, "seg :9001>client R.", 1, NULL);
	test_verdict(&w, "no seg :9001>client F", 1, NULL);
	test_verdict(&w, "seg :9002>client R", 0,
	    "no segment in that direction");
	test_verdict(&w, "seg server>client R", 0,
	    "no segment in that direction");
	timeline_free(tl);
}

/* An endpoint with no connection: "no" state and saw hold, the rest
 * fail saying so. */
static void
test_judge_no_connection(void **state)
{
	struct timeline		*tl = timeline_new();
	struct expect_world	 w;

	(void)state;
	memset(&w, 0, sizeof w);
	w.tl = tl;
	test_verdict(&w, "no server saw SYN_RECV", 1, NULL);
	test_verdict(&w, "no server state ESTABLISHED", 1, NULL);
	test_verdict(&w, "no server recv-q 1", 1, NULL);
	test_verdict(&w, "server state CLOSED", 0, "server holds no connection");
	test_verdict(&w, "server saw SYN_RECV", 0,
	    "server holds no connection");
	test_verdict(&w, "server state CLOSED count 0", 1, NULL);
	timeline_free(tl);
}

/* A state event of the client's latest connection with tcp_info. */
static void
test_add_info(struct timeline *tl, uint32_t rto_us, uint8_t backoff,
    uint8_t retransmits)
{
	struct event	ev = test_event(EV_STATE, 0);

	ev.u.state.state = TS_FIN_WAIT_1;
	ev.u.state.conn = 2;
	ev.u.state.info.known = 1;
	ev.u.state.info.rto_us = rto_us;
	ev.u.state.info.backoff = backoff;
	ev.u.state.info.retransmits = retransmits;
	timeline_add(tl, &ev);
}

/* Queues are the latest reading's; tcp_info's values the highest of the
 * step's readings, which an ACK at the end does not undo. */
static void
test_judge_readings(void **state)
{
	struct timeline		*tl = timeline_new();
	struct test_client	 client;
	struct expect_world	 w;

	(void)state;
	memset(&client, 0, sizeof client);
	client.conns[0].conn = 1;
	client.conns[0].rqueue = 7;
	client.conns[1].conn = 2;
	client.conns[1].state = TS_FIN_WAIT_2;
	client.conns[1].rqueue = 19;
	client.conns[1].info.known = 1;
	client.conns[1].info.rto_us = 204000;
	client.n = 2;
	test_add_info(tl, 408000, 1, 1);
	test_add_info(tl, 816000, 2, 2);
	memset(&w, 0, sizeof w);
	w.tl = tl;
	w.last = timeline_count(tl);
	w.arg = &client;
	test_verdict(&w, "client recv-q 19", 1,
	    "recv-q 19 (conn 2, the latest reading)");
	test_verdict(&w, "client send-q 1..10", 0,
	    "send-q 0 (conn 2, the latest reading)");
	test_verdict(&w, "client rto 800..900", 1,
	    "rto 816 ms (conn 2, the highest reading in the step)");
	test_verdict(&w, "client backoff 2", 1,
	    "backoff 2 (conn 2, the highest reading in the step)");
	test_verdict(&w, "no client retransmits 2", 0,
	    "retransmits 2 (conn 2, the highest reading in the step)");
	w.last = 0;
	client.conns[1].info.known = 0;
	test_verdict(&w, "client rto 0..1000", 0, "the kernel gave no "
	    "tcp_info of conn 2 in the step (only a socket the probe read "
	    "has one, and not a TIME_WAIT or FIN_WAIT_2 timewait socket)");
	timeline_free(tl);
}

/* A counter's rise, with the others that changed; a name the kernel lacks
 * and counters that could not be read fail. */
static void
test_judge_counters(void **state)
{
	static const struct expect_counter counters[] = {
		{ "PAWSEstab", 1 },
		{ "TCPChallengeACK", 0 },
		{ "CurrEstab", -2 },
		{ "InSegs", 3 }
	};
	struct timeline		*tl = timeline_new();
	struct expect_world	 w;

	(void)state;
	memset(&w, 0, sizeof w);
	w.tl = tl;
	w.counters = counters;
	w.ncounters = sizeof counters / sizeof counters[0];
	test_verdict(&w, "lab counter PAWSEstab 1", 1, "PAWSEstab +1; the "
	    "others that changed: CurrEstab -2, InSegs +3");
	test_verdict(&w, "no lab counter TCPChallengeACK 1..5", 1,
	    "TCPChallengeACK +0; the others that changed: PAWSEstab +1, "
	    "CurrEstab -2, InSegs +3");
	test_verdict(&w, "lab counter InSegs 0..2", 0, "InSegs +3; the others "
	    "that changed: PAWSEstab +1, CurrEstab -2");
	test_verdict(&w, "lab counter PAWSEstabs 1", 0, "the kernel has no "
	    "counter PAWSEstabs (in TcpExt of /proc/net/netstat or Tcp of "
	    "/proc/net/snmp)");
	w.counters_failed = "/proc/net/netstat: No such file or directory";
	test_verdict(&w, "lab counter PAWSEstab 1", 0, "the lab's counters "
	    "could not be read: /proc/net/netstat: No such file or directory");
	timeline_free(tl);
}

/* The lab's kill: judged as the lab's call, not the endpoint's. */
static void
test_judge_lab_kill(void **state)
{
	struct timeline		*tl = timeline_new();
	struct expect_world	 w;
	struct event		 ev = test_event(EV_CALL, ACTOR_LAB);

	(void)state;
	ev.u.call.name = CALL_KILL;
	ev.u.call.target = 1;
	snprintf(ev.u.call.text, sizeof ev.u.call.text,
	    "kill(1234 server, SIGKILL) = 0");
	timeline_add(tl, &ev);
	memset(&w, 0, sizeof w);
	w.tl = tl;
	w.last = timeline_count(tl);
	test_verdict(&w, "lab call kill = 0", 1, NULL);
	test_verdict(&w, "lab call kill = -1 ESRCH", 0,
	    "kill(1234 server, SIGKILL) = 0");
	timeline_free(tl);
}

/* Run the fixed tests, then one per malformed expectation. */
int
main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_good_round_trip),
		cmocka_unit_test(test_good_fields),
		cmocka_unit_test(test_judge_port),
		cmocka_unit_test(test_judge_no_connection),
		cmocka_unit_test(test_judge_readings),
		cmocka_unit_test(test_judge_counters),
		cmocka_unit_test(test_judge_lab_kill)
	};

	return (test_lesson_run("lesson_expects", fixed, sizeof fixed /
	    sizeof fixed[0], test_bads, sizeof test_bads / sizeof test_bads[0]));
}
