/*
 * test_placeholder.c: "do lab sysctl NAME" without a value reads it, and a
 * step's say or after shows the value read as "{sysctl NAME}": where the
 * parser accepts a placeholder (the lab reads NAME before the text is
 * shown), the exact error where it does not, and the text filled in from
 * the lab's call in the timeline.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lesson/lesson.h"
#include "model/fill.h"
#include "model/timeline.h"

#include "lesson_cases.h"

/* A read in setup, a say and an after of the next step that show it, and
 * an after that shows what its own step read above it. */
static const char test_good[] =
	TEST_LESSON_HEAD
	"setup\n"
	"do lab sysctl tcp_max_tw_buckets\n"
	"step s\n"
	"key k\n"
	"say en The lab read {sysctl tcp_max_tw_buckets}.\n"
	"say zh 读到 {sysctl tcp_max_tw_buckets}。\n"
	"do lab sysctl tcp_fin_timeout\n"
	"do lab sysctl tcp_max_tw_buckets 4\n"
	"after en {sysctl tcp_fin_timeout} s, then {sysctl tcp_max_tw_buckets}\n"
	"after zh {sysctl tcp_fin_timeout} 秒\n";

/* The read is an action without a value; the texts keep the placeholder. */
static void
test_parse(void **state)
{
	struct lesson	*l;
	char		*cause;

	(void)state;
	l = test_lesson_parse(test_good, sizeof test_good - 1, &cause);
	if (cause != NULL)
		fail_msg("%s", cause);
	assert_int_equal(l->nsetup, 1);
	assert_int_equal(l->setup[0].kind, ACT_SYSCTL);
	assert_null(l->setup[0].value);
	assert_null(l->steps[0].actions[0].value);
	assert_string_equal(l->steps[0].actions[1].value, "4");
	assert_string_equal(l->steps[0].say.s[LANG_EN],
	    "The lab read {sysctl tcp_max_tw_buckets}.");
	lesson_free(l);
}

/* A lab call as the runner records it. */
static void
test_add_call(struct timeline *tl, uint64_t t_ns, const char *text, long ret)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_CALL;
	ev.actor = ACTOR_LAB;
	ev.t_ns = t_ns;
	ev.u.call.name = CALL_SYSCTL;
	ev.u.call.ret = ret;
	ev.u.call.fd = -1;
	snprintf(ev.u.call.text, sizeof ev.u.call.text, "%s", text);
	timeline_add(tl, &ev);
}

/* Each placeholder takes the latest read of its name; a write, a failed
 * read or no read at all is not a value ("?"); other braces stay. */
static void
test_fill(void **state)
{
	struct timeline	*tl = timeline_new();
	char		*s;

	(void)state;
	s = fill_text("{sysctl tcp_max_tw_buckets} {1, 0}", NULL);
	assert_string_equal(s, "? {1, 0}");
	free(s);
	test_add_call(tl, 1, "sysctl(net.ipv4.tcp_max_tw_buckets) = 131072",
	    131072);
	test_add_call(tl, 2, "sysctl(net.ipv4.tcp_max_tw_buckets, \"4\") = 0",
	    0);
	test_add_call(tl, 3, "sysctl(net.ipv4.tcp_fin_timeout) = 60", 60);
	test_add_call(tl, 4, "sysctl(net.ipv4.tcp_tw_recycle) = -1 ENOENT",
	    -1);
	s = fill_text("was {sysctl tcp_max_tw_buckets}, {sysctl "
	    "tcp_fin_timeout} s; {sysctl tcp_tw_recycle}; {sysctl "
	    "tcp_tw_reuse}.", tl);
	assert_string_equal(s, "was 131072, 60 s; ?; ?.");
	free(s);
	test_add_call(tl, 5, "sysctl(net.ipv4.tcp_fin_timeout) = 3", 3);
	s = fill_text("{sysctl tcp_fin_timeout}", tl);
	assert_string_equal(s, "3");
	free(s);
	s = fill_text("no placeholder", tl);
	assert_string_equal(s, "no placeholder");
	free(s);
	timeline_free(tl);
}

/* A say at line 14, the first line of a step after TEST_LESSON_STEP's. */
#define TEST_BAD(name, lines, cause) \
	TEST_LESSON_BAD(name, TEST_LESSON_HEAD TEST_LESSON_STEP lines, cause)

static const struct test_lesson_bad test_bads[] = {
	TEST_BAD("say before its step reads it",
	    "do lab sysctl tcp_fin_timeout\n"
	    "say en {sysctl tcp_fin_timeout}\n",
	    "15: '{sysctl tcp_fin_timeout}' before the lab reads it: put "
	    "'do lab sysctl tcp_fin_timeout' in setup or an earlier step"),
	TEST_BAD("after above the read",
	    "after en {sysctl tcp_fin_timeout}\n"
	    "do lab sysctl tcp_fin_timeout\n",
	    "14: '{sysctl tcp_fin_timeout}' before the lab reads it: put "
	    "'do lab sysctl tcp_fin_timeout' in setup, an earlier step or "
	    "this one, above this line"),
	TEST_BAD("a write is not a read",
	    "do lab sysctl tcp_fin_timeout 3\n"
	    "after en {sysctl tcp_fin_timeout}\n",
	    "15: '{sysctl tcp_fin_timeout}' before the lab reads it: put "
	    "'do lab sysctl tcp_fin_timeout' in setup, an earlier step or "
	    "this one, above this line"),
	TEST_BAD("in a question",
	    "do lab sysctl tcp_fin_timeout\n"
	    "ask en {sysctl tcp_fin_timeout}?\n",
	    "15: '{sysctl tcp_fin_timeout}' in 'ask': only 'say' and 'after' "
	    "show what the lab read"),
	TEST_BAD("unknown name",
	    "say en {sysctl tcp_frob}\n",
	    "14: unknown sysctl 'tcp_frob': use tcp_fin_timeout, "
	    "tcp_max_tw_buckets, tcp_tw_reuse, tcp_rto_min_us, "
	    "ip_local_port_range, tcp_tw_recycle, tcp_rfc1337, "
	    "tcp_keepalive_time, tcp_keepalive_intvl, tcp_keepalive_probes, "
	    "tcp_syn_retries, tcp_synack_retries, tcp_orphan_retries, "
	    "tcp_max_syn_backlog, tcp_abort_on_overflow, tcp_syncookies or "
	    "tcp_timestamps"),
	TEST_BAD("unclosed",
	    "say en {sysctl tcp_fin_timeout\n",
	    "14: malformed placeholder: write '{sysctl NAME}'"),
	TEST_BAD("port range has no read",
	    "do lab sysctl ip_local_port_range\n",
	    "14: missing low port after 'ip_local_port_range'"),
	TEST_LESSON_BAD("not in a lesson's title",
	    "lesson t\ntitle en {sysctl tcp_fin_timeout}\n",
	    "2: '{sysctl tcp_fin_timeout}' in 'title': only 'say' and 'after' "
	    "show what the lab read")
};

/* Run every test, one per malformed lesson. */
int
main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_fill)
	};

	return (test_lesson_run("placeholder", fixed, sizeof fixed /
	    sizeof fixed[0], test_bads, sizeof test_bads / sizeof test_bads[0]));
}
