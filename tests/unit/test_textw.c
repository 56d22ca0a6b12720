/*
 * test_textw.c: text measured in terminal columns and wrapped by the
 * Unicode line breaking rules (base/textw.c), in English and Chinese:
 * widths as wcwidth gives them, breaks where UAX #14 allows one, an
 * emergency break inside a run with none, blanks that hang, and bytes
 * that are not UTF-8.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "base/textw.h"

/* Wrap s to cols and compare its lines with want, "|" between them. */
static void
test_textw_lines(const char *s, int cols, const char *want)
{
	struct textw_line	lines[32];
	char			got[1024] = "";
	size_t			n, i, off = 0;

	n = textw_wrap(s, cols, lines, 32);
	assert_true(n <= 32);
	for (i = 0; i < n; i++) {
		off += (size_t)snprintf(got + off, sizeof got - off, "%s%.*s",
		    i > 0 ? "|" : "", (int)lines[i].len, lines[i].s);
		assert_true(lines[i].cols <= (cols < 2 ? 2 : cols));
	}
	if (strcmp(got, want) != 0)
		fail_msg("wrapping '%s' to %d: got '%s', want '%s'", s, cols,
		    got, want);
}

/* Display widths and wrapping of English and Chinese. */
static void
test_textw(void **state)
{
	struct textw_line	lines[8];
	size_t			n;
	int			used;

	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	assert_int_equal(textw_width("CLOSE_WAIT"), 10);
	assert_int_equal(textw_width("四次挥手"), 8);
	assert_int_equal(textw_width("a\xff" "b"), 3);
	assert_int_equal(textw_width("\xed\xa0\x80"), 3);	/* a surrogate */
	/* A wide character is never cut in half. */
	assert_int_equal(textw_fit("四次挥手", 5, &used), 6);
	assert_int_equal(used, 4);
	n = textw_wrap("the client closes first", 10, lines, 8);
	assert_int_equal(n, 3);
	assert_int_equal(lines[0].len, 10);
	assert_memory_equal(lines[0].s, "the client", 10);
	assert_memory_equal(lines[1].s, "closes", 6);
	n = textw_wrap("两端都处于ESTABLISHED。", 10, lines, 8);
	assert_int_equal(n, 3);
	assert_int_equal(lines[0].cols, 10);
	n = textw_wrap("one\ntwo", 40, lines, 8);
	assert_int_equal(n, 2);
	assert_int_equal(lines[1].len, 3);
}

/* A character's width is wcwidth's, the one ncursesw places it with:
 * emoji and CJK two columns, a combining mark none, ASCII one; where
 * wcwidth has none (a control, or LANG=C for all but ASCII), one. */
static void
test_textw_wcwidth(void **state)
{
	static const struct {
		const char	*s;
		wchar_t		 wc;
		int		 cols;
	} cases[] = {
		{ "\u2705", 0x2705, 2 },	/* white heavy check mark */
		{ "\u274c", 0x274c, 2 },	/* cross mark */
		{ "\U0001f680", 0x1f680, 2 },	/* rocket */
		{ "\u0301", 0x301, 0 },		/* combining acute accent */
		{ "\u4e2d", 0x4e2d, 2 },		/* 中 */
		{ "A", 'A', 1 }
	};
	size_t	i;
	int	used;

	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(wcwidth(cases[i].wc), cases[i].cols);
		assert_int_equal(textw_width(cases[i].s), cases[i].cols);
	}
	assert_int_equal(textw_width("e\u0301t\u00e9 \u2705"), 6);
	assert_int_equal(textw_fit("ok \u2705\u2705", 4, &used), 3);
	assert_int_equal(used, 3);
	assert_int_equal(textw_width("\x1b\x7f"), 2);
	assert_non_null(setlocale(LC_CTYPE, "C"));
	assert_int_equal(wcwidth(0x4e2d), -1);
	assert_int_equal(textw_width("\u4e2d\u2705\u0301A"), 4);
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
}

/* Chinese breaks between characters, but never before a closing mark
 * (，。、：” ）……) nor after an opening one (“（): the character before
 * such a mark moves down with it. */
static void
test_textw_chinese_marks(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	/* 10 columns would end the line before ，: 客户端发出 then ，. */
	test_textw_lines("客户端发出，意思是", 10, "客户端发|出，意思是");
	test_textw_lines("内核确认了。然后", 10, "内核确认|了。然后");
	test_textw_lines("他说“我没有数据”", 8, "他说“我|没有数|据”");
	test_textw_lines("等待（3 次）重传", 6, "等待|（3|次）重|传");
	test_textw_lines("等待（3 次）重传", 7, "等待（3|次）重|传");
	test_textw_lines("recv() 返回 0，即 EOF……然后", 12,
	    "recv() 返回|0，即 EOF……|然后");
	test_textw_lines("调用 close()；你猜的是 2", 12,
	    "调用|close()；你|猜的是 2");
}

/* English breaks after blanks and hyphens; blanks that reach past the
 * width hang and are not in the line; a newline always breaks. */
static void
test_textw_english(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	test_textw_lines("the client closes first", 10,
	    "the client|closes|first");
	test_textw_lines("ab     cd", 3, "ab|cd");
	test_textw_lines("read-only socket", 6, "read-|only|socket");
	test_textw_lines("one\n\ntwo", 40, "one||two");
	test_textw_lines("  indented", 40, "  indented");
	test_textw_lines("", 10, "");
}

/* A run with no break opportunity is cut after its last character that
 * fits, never in the middle of a character. */
static void
test_textw_emergency(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	test_textw_lines("net_ipv4_tcp_fin_timeout", 10,
	    "net_ipv4_t|cp_fin_tim|eout");
	test_textw_lines("see net_ipv4_tcp_fin_timeout", 10,
	    "see|net_ipv4_t|cp_fin_tim|eout");
	test_textw_lines("ééééé", 2, "éé|éé|é");
	/* Nor before a closing mark, nor after an opening one. */
	test_textw_lines("（net.ipv4.tcp_max_tw_buckets）", 12,
	    "（net.ipv4.|tcp_max_tw_b|uckets）");
	test_textw_lines("（tcp_max_tw_buckets）", 20, "（tcp_max_tw_bucket|s）");
	test_textw_lines("(tcp_max)", 8, "(tcp_ma|x)");
	test_textw_lines("(((((", 3, "(((|((");
	/* Two columns: a wide character fills a line of its own. */
	test_textw_lines("四次挥手", 2, "四|次|挥|手");
	/* Narrower than two is taken as two. */
	test_textw_lines("四次", 1, "四|次");
}

/* Bytes that are not UTF-8 are a column each and never cut: every byte
 * of the text is in exactly one line, in order. */
static void
test_textw_bad_bytes(void **state)
{
	static const char *const texts[] = {
		"\xff\xfe\xfd\xfc\xfb\xfa\xf9",
		"a\xed\xa0\x80" "b\xe0\x80\xaf" "c\xf4\x90\x80\x80 d",
		"四\xe5\x9b" "次\xc2",
		"\xe3\x80\x82\xe3\x80\x82\xe3\x80\x82\xe3\x80\x82",
	};
	struct textw_line	lines[32];
	size_t			i, j, n, at;
	int			cols;

	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		for (cols = 2; cols < 8; cols++) {
			n = textw_wrap(texts[i], cols, lines, 32);
			assert_true(n > 0 && n <= 32);
			at = 0;
			for (j = 0; j < n; j++) {
				while (texts[i][at] == ' ')
					at++;
				assert_ptr_equal(lines[j].s, texts[i] + at);
				assert_true(lines[j].cols <= cols);
				at += lines[j].len;
			}
			assert_int_equal(at, strlen(texts[i]));
		}
	}
}

/* Flow text and compare. */
static void
test_textw_flowed(const char *s, const char *want)
{
	char	buf[256];

	snprintf(buf, sizeof buf, "%s", s);
	textw_flow(buf);
	if (strcmp(buf, want) != 0)
		fail_msg("flowing '%s': got '%s', want '%s'", s, buf, want);
}

/* A paragraph's lines join as the view shows them: a blank where ASCII
 * meets, none between Chinese characters or beside full-width marks. */
static void
test_textw_flow(void **state)
{
	(void)state;
	test_textw_flowed("the client\ncloses", "the client closes");
	test_textw_flowed("客户端\n关闭", "客户端关闭");
	test_textw_flowed("客户端调用\nclose()", "客户端调用 close()");
	test_textw_flowed("调用 close()\n之后", "调用 close() 之后");
	test_textw_flowed("调用 close()\n，然后", "调用 close()，然后");
	test_textw_flowed("关闭。\nFIN 到达", "关闭。FIN 到达");
	test_textw_flowed("ends \nhere", "ends here");
	test_textw_flowed("one\n\ntwo\n", "one two");
	test_textw_flowed("\nfirst", "first");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_textw),
		cmocka_unit_test(test_textw_wcwidth),
		cmocka_unit_test(test_textw_chinese_marks),
		cmocka_unit_test(test_textw_english),
		cmocka_unit_test(test_textw_emergency),
		cmocka_unit_test(test_textw_bad_bytes),
		cmocka_unit_test(test_textw_flow),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
