/*
 * test_share.c: a run's saved forms from a timeline made by hand, with
 * no lab: the ladder's rungs (columns as the view's sides, arrows as the
 * wire lane groups them, the narration beside the rung it was told
 * before), the text ladder drawn to a buffer and compared with a golden
 * file, the SVG's structure and escaping, and each frame's comment.
 * FINWAVE_UPDATE_GOLDEN=1 rewrites the golden file.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/xmalloc.h"
#include "share/diagram.h"
#include "share/ladder.h"
#include "share/pcapstory.h"
#include "share/svg.h"

#define GOLDEN	"tests/unit/golden/ladder-en.txt"

/* Server first in the file, so that the columns must follow the sides. */
static const char lesson_text_src[] =
	"lesson demo\n"
	"title en A <demo> & more\n"
	"title zh 演示\n"
	"summary en The client closes first.\n"
	"summary zh 客户端先关闭。\n"
	"chapter 1\n"
	"order 1\n"
	"endpoint server\n"
	"endpoint client\n"
	"setup\n"
	"\tdo server listen 9000\n"
	"\tdo client connect 9000\n"
	"step closes\n"
	"\tkey c\n"
	"\ttitle en The client closes\n"
	"\ttitle zh 客户端关闭\n"
	"\tsay en The client calls close().\n"
	"\tsay zh 客户端调用 close()。\n"
	"\tdo client close\n"
	"\tafter en Its FIN was held, then dropped.\n"
	"\tafter zh 它的 FIN 被扣住，然后被丢弃。\n";

#define SERVER	0
#define CLIENT	1

static struct lesson	*lesson;
static struct timeline	*tl;

/* Add an event at ms milliseconds, in step. */
static void
add(struct event *ev, enum event_kind kind, int actor, int step, int ms)
{
	ev->kind = kind;
	ev->actor = actor;
	ev->step = step;
	ev->t_ns = (uint64_t)ms * 1000000;
	timeline_add(tl, ev);
}

/* A text event (step, say). */
static void
text(enum event_kind kind, int step, int ms, const char *s)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.text = xstrdup(s);
	add(&ev, kind, ACTOR_LESSON, step, ms);
}

/* A segment from sender to the other, captured or taken by the wire
 * (wire: the id of the copy held, delivered or dropped; 0: captured). */
static void
seg(int sender, uint8_t flags, int32_t rseq, int32_t rack, int step, int ms,
    uint32_t wire, enum wire_op op)
{
	struct event	ev;
	struct ev_seg	s;

	memset(&ev, 0, sizeof ev);
	memset(&s, 0, sizeof s);
	s.sender = sender;
	s.receiver = !sender;
	s.conn = 1;
	s.seg.flags = flags;
	s.seg.sport = sender == CLIENT ? 40000 : 9000;
	s.seg.dport = sender == CLIENT ? 9000 : 40000;
	s.seg.seq = 1000 + (uint32_t)rseq;
	s.rseq = rseq;
	s.rack = rack;
	if (wire) {
		ev.u.wire.op = op;
		ev.u.wire.id = wire;
		ev.u.wire.seg = s;
		add(&ev, EV_WIRE, ACTOR_WIRE, step, ms);
	} else {
		ev.u.seg = s;
		add(&ev, EV_SEG, ACTOR_WIRE, step, ms);
	}
}

/* A state of an endpoint's connection 1; a TIME_WAIT at 50 ms or later
 * has had its timer started over. */
static void
state(int ep, enum tcp_state st, enum state_src src, int step, int ms)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.u.state.restarted = st == TS_TIME_WAIT && ms >= 50;
	ev.u.state.state = st;
	ev.u.state.src = src;
	ev.u.state.conn = 1;
	if (st == TS_TIME_WAIT) {
		ev.u.state.timer = TCP_TIMER_TIMEWAIT;
		ev.u.state.expires_ms = 60000;
	}
	add(&ev, EV_STATE, ep, step, ms);
}

/* A call of an endpoint. */
static void
call(int ep, const char *what, int step, int ms)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	snprintf(ev.u.call.text, sizeof ev.u.call.text, "%s", what);
	add(&ev, EV_CALL, ep, step, ms);
}

/* The run: a handshake in the setup; in the step, the client's FIN held
 * twice (the second reading of FIN_WAIT_1 shows nothing new), both
 * copies dropped. */
static int
setup(void **state_)
{
	char	*cause = NULL;

	(void)state_;
	setlocale(LC_CTYPE, "C.UTF-8");
	lesson = lesson_parse("demo.lesson", lesson_text_src,
	    sizeof lesson_text_src - 1, &cause);
	if (lesson == NULL)
		fail_msg("%s", cause);
	tl = timeline_new();
	text(EV_STEP, -1, 0, "setup");
	text(EV_SAY, -1, 0, "A <demo> & more");
	text(EV_SAY, -1, 0, "The client closes first.");
	call(SERVER, "listen(3, 16) = 0", -1, 1);
	seg(CLIENT, TF_SYN, 0, 0, -1, 2, 0, WIRE_OP_HOLD);
	state(CLIENT, TS_SYN_SENT, SRC_WIRE, -1, 2);
	seg(SERVER, TF_SYN | TF_ACK, 0, 1, -1, 3, 0, WIRE_OP_HOLD);
	state(CLIENT, TS_ESTABLISHED, SRC_KERNEL, -1, 3);
	text(EV_STEP, 0, 10, "closes (key c): The client closes");
	text(EV_SAY, 0, 10, "The client calls close().");
	seg(CLIENT, TF_FIN | TF_ACK, 1, 1, 0, 11, 1, WIRE_OP_HOLD);
	state(CLIENT, TS_FIN_WAIT_1, SRC_KERNEL, 0, 11);
	call(CLIENT, "close(3) = 0", 0, 12);
	seg(CLIENT, TF_FIN | TF_ACK, 1, 1, 0, 20, 2, WIRE_OP_HOLD);
	state(CLIENT, TS_FIN_WAIT_1, SRC_KERNEL, 0, 20);
	seg(CLIENT, TF_FIN | TF_ACK, 1, 1, 0, 30, 1, WIRE_OP_DROP);
	seg(CLIENT, TF_FIN | TF_ACK, 1, 1, 0, 31, 2, WIRE_OP_DROP);
	state(CLIENT, TS_TIME_WAIT, SRC_KERNEL, 0, 40);
	state(CLIENT, TS_TIME_WAIT, SRC_KERNEL, 0, 50);
	text(EV_SAY, 0, 50, "Its FIN was held, then dropped.");
	return (0);
}

/* Free the run. */
static int
teardown(void **state_)
{
	(void)state_;
	timeline_free(tl);
	lesson_free(lesson);
	return (0);
}

/* The rungs: the client's column left of the server's though it comes
 * second in the file; two captured arrows and one for the held FIN's
 * copies, both dropped; the setup's narration without the title, the
 * step's "after" paragraph after its last rung. */
static void
test_ladder_rungs(void **state_)
{
	struct ladder	ld;
	size_t		i, arrows = 0;

	(void)state_;
	ladder_build(&ld, lesson, LANG_EN, tl, timeline_count(tl));
	assert_int_equal(ld.ncols, 2);
	assert_int_equal(ld.order[0], CLIENT);
	assert_int_equal(ld.order[1], SERVER);
	assert_int_equal(ld.nsteps, 2);
	assert_int_equal(ld.arrows, 3);
	for (i = 0; i < ld.nrungs; i++) {
		if (ld.rungs[i].kind != RUNG_ARROW)
			continue;
		arrows++;
		if (arrows == 2) {
			assert_int_equal(ld.rungs[i].col, 1);
			assert_int_equal(ld.rungs[i].to, 0);
			assert_int_equal(ld.rungs[i].fate, FATE_CAPTURED);
		}
		if (arrows == 3) {
			assert_int_equal(ld.rungs[i].col, 0);
			assert_int_equal(ld.rungs[i].fate, FATE_DROPPED);
			assert_int_equal(ld.rungs[i].held, 0);
			assert_int_equal(ld.rungs[i].lost, 2);
			assert_int_equal(ld.rungs[i].step, 0);
		}
	}
	assert_int_equal(ld.steps[0].nparas, 1);
	assert_string_equal(ld.steps[0].paras[0], "The client closes first.");
	assert_string_equal(ld.steps[1].title, "The client closes");
	assert_string_equal(ld.steps[1].key, "c");
	assert_int_equal(ld.steps[1].nparas, 2);
	assert_int_equal(ld.steps[1].para_at[0], 1);
	assert_int_equal(ld.steps[1].para_at[1], ld.steps[1].n);
	ladder_free(&ld);
}

/* Read a whole file, or NULL. */
static char *
slurp(const char *path)
{
	FILE	*f = fopen(path, "r");
	char	*buf;
	long	 n;

	if (f == NULL)
		return (NULL);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = xcalloc(1, (size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		buf[0] = '\0';
	fclose(f);
	return (buf);
}

/* The text ladder, drawn to a buffer, is the golden one. */
static void
test_diagram_golden(void **state_)
{
	struct svg_about	 ab = { "0.1.0", "6.1.0", "2026-12-03T00:00:00Z" };
	struct ladder		 ld;
	char			*out, *want;
	size_t			 len;
	FILE			*f;

	(void)state_;
	ladder_build(&ld, lesson, LANG_EN, tl, timeline_count(tl));
	f = open_memstream(&out, &len);
	diagram_write(f, &ld, &ab);
	fclose(f);
	ladder_free(&ld);
	if (getenv("FINWAVE_UPDATE_GOLDEN") != NULL) {
		f = fopen(GOLDEN, "w");
		fputs(out, f);
		fclose(f);
	}
	want = slurp(GOLDEN);
	assert_non_null(want);
	if (strcmp(out, want) != 0)
		fprintf(stderr, "--- drawn\n%s--- golden\n%s", out, want);
	assert_string_equal(out, want);
	free(out);
	free(want);
}

/* Count the times needle occurs in hay. */
static int
count(const char *hay, const char *needle)
{
	int	n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return (n);
}

/* The SVG: escaped text, a rung group per rung with its band, the
 * dropped arrow's cross and its count, the wire's state dashed; in
 * Chinese, the words and the language. */
static void
test_svg_structure(void **state_)
{
	struct svg_about	 ab = { "0.1.0", "6.1.0", "2026-12-03T00:00:00Z" };
	struct ladder		 ld;
	char			*out;
	size_t			 len;
	FILE			*f;

	(void)state_;
	ladder_build(&ld, lesson, LANG_EN, tl, timeline_count(tl));
	f = open_memstream(&out, &len);
	svg_write(f, &ld, &ab, SVG_FILE);
	fclose(f);
	assert_true(strncmp(out, "<?xml version=\"1.0\"", 19) == 0);
	assert_int_equal(count(out, "<title>A &lt;demo&gt; &amp; more</title>"),
	    1);
	assert_int_equal(count(out, "<demo>"), 0);
	assert_int_equal(count(out, "class=\"rung "), (int)ld.nrungs -
	    (int)ld.nsteps);
	assert_int_equal(count(out, "class=\"rung arrow seg\""), 2);
	assert_int_equal(count(out, "class=\"rung arrow dropped\""), 1);
	assert_int_equal(count(out, "dropped \xc3\x97" "2"), 1);
	assert_int_equal(count(out, "l-12,12"), 1);
	assert_int_equal(count(out, "class=\"rung state wire\""), 1);
	assert_int_equal(count(out, "SYN_SENT (wire)"), 1);
	assert_int_equal(count(out, ">TIME_WAIT 60 s<"), 1);
	assert_int_equal(count(out, ">TIME_WAIT 60 s, restarted<"), 1);
	/* The step's band, its heading and its five rungs. */
	assert_int_equal(count(out, "data-band=\"1\""), 7);
	free(out);
	ladder_free(&ld);

	ladder_build(&ld, lesson, LANG_ZH, tl, timeline_count(tl));
	f = open_memstream(&out, &len);
	svg_write(f, &ld, &ab, SVG_INLINE);
	fclose(f);
	assert_true(strncmp(out, "<svg ", 5) == 0);
	assert_int_equal(count(out, "lang=\"zh-Hans\""), 1);
	assert_int_equal(count(out, "第 1 步 \xc2\xb7 客户端关闭"), 1);
	assert_int_equal(count(out, "SYN_SENT（线路）"), 1);
	free(out);
	ladder_free(&ld);
}

/* A control character in a call's text (a peer's bytes) cannot break
 * the XML: it is written as U+FFFD. */
static void
test_svg_escape(void **state_)
{
	char	*out;
	size_t	 len;
	FILE	*f;

	(void)state_;
	f = open_memstream(&out, &len);
	svg_escape(f, "a\x1b[1m\"<&>\"\xff");
	fclose(f);
	assert_string_equal(out, "a\xef\xbf\xbd[1m&quot;&lt;&amp;&gt;&quot;"
	    "\xef\xbf\xbd");
	free(out);
}

/* A frame's comment: its step, its parties and label, and the states
 * after it, up to the next segment. */
static void
test_frame_comment(void **state_)
{
	struct share_run	 run = { lesson, LANG_EN, NULL, 0, NULL };
	char			*c;
	size_t			 i;

	(void)state_;
	run.tl = tl;
	run.upto = timeline_count(tl);
	for (i = 0; timeline_get(tl, i)->kind != EV_SEG; i++)
		;
	c = pcapstory_comment(&run, i);
	assert_string_equal(c, "[setup] | client>server SYN seq 0 | client "
	    "SYN_SENT (wire)");
	free(c);
	c = pcapstory_section(&run);
	assert_string_equal(c, "finwave lesson demo: A <demo> & more");
	free(c);
	run.lang = LANG_ZH;
	c = pcapstory_comment(&run, i + 2);
	assert_string_equal(c, "[setup] | server>client SYN ACK seq 0 ack 1 | "
	    "client ESTABLISHED（内核）");
	free(c);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_ladder_rungs),
		cmocka_unit_test(test_diagram_golden),
		cmocka_unit_test(test_svg_structure),
		cmocka_unit_test(test_svg_escape),
		cmocka_unit_test(test_frame_comment)
	};

	return (cmocka_run_group_tests_name("share", tests, setup, teardown));
}
