/*
 * test_scene.c: the endpoints at one point of the timeline, an arrow in
 * flight included. The timelines are the four-way close as the kernel
 * recorded it: each reading stands after the segment that caused it, the
 * client's FIN_WAIT_1 even after the ACK that ended it. A sender's reading
 * shows once its segment has left, a receiver's once it has landed; a
 * reading no segment explains, or one a segment still on its way could,
 * or one read more than a second later, waits its turn, and the socket's
 * later readings with it. The wire lane's arrows: the copies of a held
 * segment share one, drawn at the oldest not delivered; and a scene
 * extended event by event is the scene built at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/scene.h"

#define CLIENT	0
#define SERVER	1

static struct lesson	two = { .nendpoints = 2 };

/* Add an event of a kind by an actor, 1 ms after the one before. */
static size_t
add(struct timeline *tl, struct event *ev, enum event_kind kind, int actor)
{
	size_t	n = timeline_count(tl);

	ev->kind = kind;
	ev->actor = actor;
	ev->t_ns = (n + 1) * 1000000;
	return (timeline_add(tl, ev));
}

/* Add a segment of connection 1 from sender to the other endpoint. */
static size_t
seg(struct timeline *tl, int sender, uint8_t flags)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.u.seg.sender = sender;
	ev.u.seg.receiver = !sender;
	ev.u.seg.conn = 1;
	ev.u.seg.seg.flags = flags;
	return (add(tl, &ev, EV_SEG, ACTOR_WIRE));
}

/* Add a reading of an endpoint's socket on connection 1. */
static size_t
state(struct timeline *tl, int ep, enum tcp_state st, enum state_src src,
    uint32_t rqueue)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.u.state.state = st;
	ev.u.state.src = src;
	ev.u.state.conn = 1;
	ev.u.state.rqueue = rqueue;
	return (add(tl, &ev, EV_STATE, ep));
}

/* Add a call of an endpoint. */
static size_t
call(struct timeline *tl, int ep, enum call_name name)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.u.call.name = name;
	return (add(tl, &ev, EV_CALL, ep));
}

/* The state of an endpoint's socket on connection 1 in a scene. */
static enum tcp_state
shown(const struct scene *sc, int ep)
{
	return (sc->eps[ep].nslots > 1 ? sc->eps[ep].socks[1].state :
	    TS_NONE);
}

/* Both ends ESTABLISHED, as a handshake leaves them. */
static struct timeline *
established(void)
{
	struct timeline	*tl = timeline_new();

	seg(tl, CLIENT, TF_SYN);
	seg(tl, SERVER, TF_SYN | TF_ACK);
	seg(tl, CLIENT, TF_ACK);
	state(tl, CLIENT, TS_ESTABLISHED, SRC_KERNEL, 0);
	state(tl, SERVER, TS_ESTABLISHED, SRC_KERNEL, 0);
	return (tl);
}

/* The scene at upto, the segment there in flight or not. */
static void
at(struct scene *sc, const struct timeline *tl, size_t upto, int flying)
{
	scene_build(sc, &two, tl, upto);
	scene_ahead(sc, tl, flying);
}

/* The client closes: its FIN_WAIT_1 shows as its FIN leaves, though the
 * probe read it after the server's ACK; the server's CLOSE_WAIT once the
 * FIN has landed, while its ACK is on its way; FIN_WAIT_2 once the ACK
 * has landed. Before the FIN leaves, nothing has changed. */
static void
test_scene_client_closes(void **state_)
{
	struct timeline	*tl = established();
	struct scene	 sc;
	size_t		 fin, ack;

	(void)state_;
	memset(&sc, 0, sizeof sc);
	fin = seg(tl, CLIENT, TF_FIN | TF_ACK);
	call(tl, CLIENT, CALL_CLOSE);
	ack = seg(tl, SERVER, TF_ACK);
	state(tl, CLIENT, TS_FIN_WAIT_1, SRC_KERNEL, 0);
	state(tl, SERVER, TS_CLOSE_WAIT, SRC_KERNEL, 1);
	state(tl, CLIENT, TS_FIN_WAIT_2, SRC_KERNEL, 0);

	at(&sc, tl, fin, 0);
	assert_int_equal(shown(&sc, CLIENT), TS_ESTABLISHED);
	assert_int_equal(shown(&sc, SERVER), TS_ESTABLISHED);
	at(&sc, tl, fin, 1);
	assert_int_equal(shown(&sc, CLIENT), TS_FIN_WAIT_1);
	assert_int_equal(sc.eps[CLIENT].socks[1].src, SRC_KERNEL);
	assert_int_equal(shown(&sc, SERVER), TS_ESTABLISHED);
	assert_int_equal(sc.upto, fin);
	at(&sc, tl, ack, 1);
	assert_int_equal(shown(&sc, CLIENT), TS_FIN_WAIT_1);
	assert_int_equal(shown(&sc, SERVER), TS_CLOSE_WAIT);
	assert_int_equal(sc.eps[SERVER].socks[1].rqueue, 1);
	at(&sc, tl, timeline_count(tl), 0);
	assert_int_equal(shown(&sc, CLIENT), TS_FIN_WAIT_2);
	assert_int_equal(shown(&sc, SERVER), TS_CLOSE_WAIT);
	scene_free(&sc);
	timeline_free(tl);
}

/* The server closes: LAST_ACK (read from the wire) as its FIN leaves;
 * the client's TIME_WAIT once that FIN has landed, so it is in TIME_WAIT
 * while its last ACK crosses; the server's CLOSED once that has landed. */
static void
test_scene_server_closes(void **state_)
{
	struct timeline	*tl = established();
	struct scene	 sc;
	size_t		 fin, ack;

	(void)state_;
	memset(&sc, 0, sizeof sc);
	seg(tl, CLIENT, TF_FIN | TF_ACK);
	seg(tl, SERVER, TF_ACK);
	state(tl, CLIENT, TS_FIN_WAIT_1, SRC_KERNEL, 0);
	state(tl, SERVER, TS_CLOSE_WAIT, SRC_KERNEL, 1);
	state(tl, CLIENT, TS_FIN_WAIT_2, SRC_KERNEL, 0);
	fin = seg(tl, SERVER, TF_FIN | TF_ACK);
	state(tl, SERVER, TS_LAST_ACK, SRC_WIRE, 0);
	ack = seg(tl, CLIENT, TF_ACK);
	call(tl, SERVER, CALL_CLOSE);
	state(tl, CLIENT, TS_TIME_WAIT, SRC_KERNEL, 0);
	state(tl, SERVER, TS_CLOSED, SRC_KERNEL, 0);

	at(&sc, tl, fin, 1);
	assert_int_equal(shown(&sc, SERVER), TS_LAST_ACK);
	assert_int_equal(sc.eps[SERVER].socks[1].src, SRC_WIRE);
	assert_int_equal(shown(&sc, CLIENT), TS_FIN_WAIT_2);
	at(&sc, tl, ack, 1);
	assert_int_equal(shown(&sc, CLIENT), TS_TIME_WAIT);
	assert_int_equal(shown(&sc, SERVER), TS_LAST_ACK);
	at(&sc, tl, ack + 1, 0);
	assert_int_equal(shown(&sc, SERVER), TS_CLOSED);
	scene_free(&sc);
	timeline_free(tl);
}

/* A reading no segment explains (a close without a segment), and one of
 * the same state while a segment to its socket is on its way (new
 * queues), wait their turn; so do the socket's readings after them, one
 * that the FIN already sent explains included. */
static void
test_scene_waits(void **state_)
{
	struct timeline	*tl = established(), *late = established();
	struct scene	 sc;
	size_t		 data, fin, ack;

	(void)state_;
	memset(&sc, 0, sizeof sc);
	data = seg(tl, CLIENT, TF_PSH | TF_ACK);
	state(tl, SERVER, TS_ESTABLISHED, SRC_KERNEL, 100);
	at(&sc, tl, data, 1);
	assert_int_equal(sc.eps[SERVER].socks[1].rqueue, 0);
	at(&sc, tl, data + 1, 0);
	assert_int_equal(sc.eps[SERVER].socks[1].rqueue, 100);

	fin = seg(tl, SERVER, TF_FIN | TF_ACK);
	state(tl, CLIENT, TS_CLOSED, SRC_KERNEL, 0);
	state(tl, SERVER, TS_FIN_WAIT_1, SRC_KERNEL, 100);
	at(&sc, tl, fin, 1);
	assert_int_equal(shown(&sc, CLIENT), TS_ESTABLISHED);
	assert_int_equal(shown(&sc, SERVER), TS_FIN_WAIT_1);

	seg(late, CLIENT, TF_FIN | TF_ACK);
	ack = seg(late, SERVER, TF_ACK);
	state(late, CLIENT, TS_ESTABLISHED, SRC_KERNEL, 5);
	state(late, CLIENT, TS_FIN_WAIT_1, SRC_KERNEL, 0);
	at(&sc, late, ack, 1);
	assert_int_equal(shown(&sc, CLIENT), TS_ESTABLISHED);
	assert_int_equal(sc.eps[CLIENT].socks[1].rqueue, 0);
	scene_free(&sc);
	timeline_free(tl);
	timeline_free(late);
}

/* A reading stamped more than a second after the point is not one the
 * segments there explain (the probe reads after every segment): it waits
 * its turn. */
static void
test_scene_a_second_ahead(void **state_)
{
	struct timeline	*tl = established();
	struct scene	 sc;
	struct event	 ev;
	size_t		 fin;

	(void)state_;
	memset(&sc, 0, sizeof sc);
	fin = seg(tl, CLIENT, TF_FIN | TF_ACK);
	memset(&ev, 0, sizeof ev);
	ev.kind = EV_STATE;
	ev.actor = CLIENT;
	ev.t_ns = timeline_get(tl, fin)->t_ns + 1000000001;
	ev.u.state.state = TS_FIN_WAIT_1;
	ev.u.state.conn = 1;
	timeline_add(tl, &ev);
	at(&sc, tl, fin, 1);
	assert_int_equal(shown(&sc, CLIENT), TS_ESTABLISHED);
	scene_free(&sc);
	timeline_free(tl);
}

/* What scene_ahead shows is taken back before the scene moves on: an
 * extended scene with its readings ahead is the one built afresh, and
 * the same point twice shows the same. */
static void
test_scene_take_back(void **state_)
{
	struct timeline	*tl = established();
	struct scene	 grown, fresh;
	size_t		 fin, ack, ep;

	(void)state_;
	memset(&grown, 0, sizeof grown);
	memset(&fresh, 0, sizeof fresh);
	fin = seg(tl, CLIENT, TF_FIN | TF_ACK);
	ack = seg(tl, SERVER, TF_ACK);
	state(tl, CLIENT, TS_FIN_WAIT_1, SRC_KERNEL, 0);
	state(tl, SERVER, TS_CLOSE_WAIT, SRC_KERNEL, 1);
	state(tl, CLIENT, TS_FIN_WAIT_2, SRC_KERNEL, 0);
	at(&grown, tl, fin, 1);
	scene_ahead(&grown, tl, 1);
	assert_int_equal(shown(&grown, CLIENT), TS_FIN_WAIT_1);
	assert_int_equal(scene_count(&grown.eps[CLIENT], TS_FIN_WAIT_1), 1);
	scene_ahead(&grown, tl, 0);
	assert_int_equal(shown(&grown, CLIENT), TS_ESTABLISHED);
	assert_int_equal(scene_count(&grown.eps[CLIENT], TS_FIN_WAIT_1), 0);
	assert_int_equal(scene_count(&grown.eps[CLIENT], TS_ESTABLISHED), 1);
	scene_extend(&grown, tl, ack);
	scene_ahead(&grown, tl, 1);
	at(&fresh, tl, ack, 1);
	for (ep = 0; ep < 2; ep++) {
		assert_int_equal(grown.eps[ep].nsocks, fresh.eps[ep].nsocks);
		assert_int_equal(grown.eps[ep].focus, fresh.eps[ep].focus);
		assert_memory_equal(grown.eps[ep].bystate,
		    fresh.eps[ep].bystate, sizeof grown.eps[ep].bystate);
		assert_memory_equal(&grown.eps[ep].socks[1],
		    &fresh.eps[ep].socks[1], sizeof grown.eps[ep].socks[1]);
	}
	scene_free(&grown);
	scene_free(&fresh);
	timeline_free(tl);
}

/* A socket shared after fork shows in the block of each process that
 * holds it, and leaves the child's once the child has closed its copy;
 * what scene_ahead showed there is taken back too. */
static void
test_scene_shared_after_fork(void **state_)
{
	static struct lesson	three = { .nendpoints = 3 };
	struct timeline		*tl = established();
	struct scene		 sc;
	struct event		 ev;
	size_t			 shared, fin, alone;
	const int		 child = 2;

	(void)state_;
	memset(&sc, 0, sizeof sc);
	memset(&ev, 0, sizeof ev);
	ev.u.state.state = TS_ESTABLISHED;
	ev.u.state.src = SRC_KERNEL;
	ev.u.state.conn = 1;
	ev.u.state.queues_only = ev.u.state.reheld = 1;
	ev.u.state.holders = 1U << SERVER | 1U << child;
	shared = add(tl, &ev, EV_STATE, SERVER);
	fin = seg(tl, CLIENT, TF_FIN | TF_ACK);
	ev.u.state.state = TS_CLOSE_WAIT;
	ev.u.state.queues_only = ev.u.state.reheld = 0;
	add(tl, &ev, EV_STATE, SERVER);
	ev.u.state.queues_only = ev.u.state.reheld = 1;
	ev.u.state.holders = 1U << SERVER;
	alone = add(tl, &ev, EV_STATE, SERVER);
	scene_build(&sc, &three, tl, shared);
	assert_int_equal(sc.eps[child].nsocks, 0);
	scene_build(&sc, &three, tl, shared + 1);
	assert_int_equal(sc.eps[child].nsocks, 1);
	assert_int_equal(sc.eps[child].focus, 1);
	assert_true(sc.eps[child].socks[1].shared);
	assert_int_equal(shown(&sc, child), TS_ESTABLISHED);
	assert_int_equal(sc.eps[SERVER].socks[1].shared, 0);
	/* The FIN lands: both blocks show CLOSE_WAIT ahead, and taking it
	 * back leaves ESTABLISHED in both. */
	scene_build(&sc, &three, tl, fin + 1);
	scene_ahead(&sc, tl, 0);
	assert_int_equal(shown(&sc, SERVER), TS_CLOSE_WAIT);
	assert_int_equal(shown(&sc, child), TS_CLOSE_WAIT);
	scene_extend(&sc, tl, fin + 1);
	assert_int_equal(shown(&sc, child), TS_ESTABLISHED);
	assert_int_equal(scene_count(&sc.eps[child], TS_CLOSE_WAIT), 0);
	scene_build(&sc, &three, tl, alone + 1);
	assert_int_equal(sc.eps[child].nsocks, 0);
	assert_int_equal(sc.eps[child].focus, 0);
	assert_int_equal(sc.eps[SERVER].nsocks, 1);
	assert_int_equal(shown(&sc, SERVER), TS_CLOSE_WAIT);
	scene_free(&sc);
	timeline_free(tl);
}

/* A reading's timer travels whole into the scene: the kernel's reading,
 * what the timer began with, and tcp_info's RTO and retransmissions. */
static void
test_scene_timer_reading(void **state_)
{
	struct timeline		*tl = established();
	struct scene		 sc;
	struct event		 ev;
	const struct scene_sock	*s;

	(void)state_;
	memset(&sc, 0, sizeof sc);
	memset(&ev, 0, sizeof ev);
	ev.u.state.state = TS_FIN_WAIT_1;
	ev.u.state.src = SRC_KERNEL;
	ev.u.state.conn = 1;
	ev.u.state.timer = TCP_TIMER_RETRANSMIT;
	ev.u.state.expires_ms = 790;
	ev.u.state.armed_ms = 816;
	ev.u.state.info.retrans = 2;
	ev.u.state.info.known = 1;
	ev.u.state.info.rto_us = 816000;
	ev.u.state.info.backoff = 2;
	ev.u.state.info.retransmits = 2;
	add(tl, &ev, EV_STATE, CLIENT);
	at(&sc, tl, timeline_count(tl), 0);
	s = &sc.eps[CLIENT].socks[1];
	assert_int_equal(s->timer, TCP_TIMER_RETRANSMIT);
	assert_int_equal(s->expires_ms, 790);
	assert_int_equal(s->armed_ms, 816);
	assert_int_equal(s->info.retrans, 2);
	assert_int_equal(s->info.known, 1);
	assert_int_equal(s->info.rto_us, 816000);
	assert_int_equal(s->info.backoff, 2);
	assert_int_equal(s->info.retransmits, 2);
	scene_free(&sc);
	timeline_free(tl);
}

/* Add what the wire did with a segment of connection 1 from sender. */
static size_t
wire(struct timeline *tl, enum wire_op op, uint32_t id, int sender,
    uint8_t flags)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.u.wire.op = op;
	ev.u.wire.id = id;
	ev.u.wire.seg.sender = sender;
	ev.u.wire.seg.receiver = !sender;
	ev.u.wire.seg.conn = 1;
	ev.u.wire.seg.seg.flags = flags;
	ev.u.wire.seg.seg.sport = sender == CLIENT ? 40000 : 9000;
	return (add(tl, &ev, EV_WIRE, ACTOR_WIRE));
}

/* Add a check of step 0 with a verdict. */
static size_t
check(struct timeline *tl, enum check_verdict verdict)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.u.check.verdict = verdict;
	return (add(tl, &ev, EV_CHECK, ACTOR_CHECK));
}

/* Step 0: the server's FIN held twice (the kernel retransmits it), the
 * first copy delivered and captured, the client's ACK dropped by a rule,
 * the second copy of the FIN dropped; a check holds, another fails. */
static struct timeline *
copies(void)
{
	struct timeline	*tl = established();
	struct event	 ev;

	memset(&ev, 0, sizeof ev);
	add(tl, &ev, EV_STEP, ACTOR_LESSON);
	wire(tl, WIRE_OP_HOLD, 1, SERVER, TF_FIN | TF_ACK);	/* 6 */
	wire(tl, WIRE_OP_HOLD, 2, SERVER, TF_FIN | TF_ACK);
	wire(tl, WIRE_OP_DELIVER, 1, SERVER, TF_FIN | TF_ACK);
	seg(tl, SERVER, TF_FIN | TF_ACK);			/* 9 */
	wire(tl, WIRE_OP_DROP, 3, CLIENT, TF_ACK);
	wire(tl, WIRE_OP_DROP, 2, SERVER, TF_FIN | TF_ACK);
	check(tl, VERDICT_HELD);
	check(tl, VERDICT_FAILED);
	return (tl);
}

/* The copies of the held FIN are one arrow: at the first copy while it is
 * held, at the second once the first was delivered (its arrival is an
 * arrow of its own), which counts it lost once dropped. A rule's drop is
 * an arrow; every event of the FIN's copies finds the copies' arrow. */
static void
test_scene_arrows(void **state_)
{
	struct timeline			*tl = copies();
	struct scene			 sc;
	const struct scene_arrow	*a;

	(void)state_;
	memset(&sc, 0, sizeof sc);
	scene_build(&sc, &two, tl, 8);
	assert_int_equal(sc.narrows, 4);
	assert_int_equal(sc.arrows[3].ev, 6);
	assert_int_equal(sc.arrows[3].held, 2);
	assert_int_equal(sc.arrows[3].step_ns, timeline_get(tl, 5)->t_ns);
	scene_build(&sc, &two, tl, timeline_count(tl));
	assert_int_equal(sc.narrows, 6);
	a = sc.arrows;
	assert_int_equal(a[3].ev, 7);
	assert_int_equal(a[3].held, 0);
	assert_int_equal(a[3].lost, 1);
	assert_int_equal(a[4].ev, 9);
	assert_int_equal(a[5].ev, 10);
	assert_int_equal(a[5].lost, 1);
	assert_int_equal(scene_arrow_find(&sc, tl, timeline_get(tl, 6)->seq),
	    3);
	assert_int_equal(scene_arrow_find(&sc, tl, timeline_get(tl, 8)->seq),
	    3);
	assert_int_equal(scene_arrow_find(&sc, tl, timeline_get(tl, 9)->seq),
	    4);
	assert_int_equal(scene_arrow_find(&sc, tl, timeline_get(tl, 3)->seq),
	    -1);
	scene_free(&sc);
	timeline_free(tl);
}

/* Extended from any point to any later one, the scene is the one built
 * at once: its arrows, its sockets, its tally and its point. */
static void
test_scene_extend_is_build(void **state_)
{
	struct lesson	 one = { .nendpoints = 2, .nsteps = 1 };
	struct timeline	*tl = copies();
	struct scene	 built, grown;
	size_t		 n = timeline_count(tl), from, to, i;

	(void)state_;
	memset(&built, 0, sizeof built);
	memset(&grown, 0, sizeof grown);
	for (from = 0; from <= n; from++) {
		for (to = from; to <= n; to++) {
			scene_build(&built, &one, tl, to);
			scene_build(&grown, &one, tl, from);
			scene_extend(&grown, tl, to);
			assert_memory_equal(&grown.tally, &built.tally,
			    sizeof built.tally);
			assert_memory_equal(grown.step_tally, built.step_tally,
			    sizeof *built.step_tally);
			assert_int_equal(grown.upto, built.upto);
			assert_int_equal(grown.narrows, built.narrows);
			for (i = 0; i < built.narrows; i++)
				assert_memory_equal(&grown.arrows[i],
				    &built.arrows[i], sizeof built.arrows[i]);
			assert_int_equal(shown(&grown, CLIENT),
			    shown(&built, CLIENT));
			assert_int_equal(shown(&grown, SERVER),
			    shown(&built, SERVER));
			for (i = 0; i < 2; i++)
				assert_memory_equal(grown.eps[i].bystate,
				    built.eps[i].bystate,
				    sizeof built.eps[i].bystate);
		}
	}
	assert_int_equal(built.step_tally[0].checks, 2);
	assert_int_equal(built.step_tally[0].failures, 1);
	scene_free(&built);
	scene_free(&grown);
	timeline_free(tl);
}

/* Run every test. */
int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_scene_client_closes),
		cmocka_unit_test(test_scene_server_closes),
		cmocka_unit_test(test_scene_waits),
		cmocka_unit_test(test_scene_a_second_ahead),
		cmocka_unit_test(test_scene_take_back),
		cmocka_unit_test(test_scene_shared_after_fork),
		cmocka_unit_test(test_scene_timer_reading),
		cmocka_unit_test(test_scene_arrows),
		cmocka_unit_test(test_scene_extend_is_build)
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
