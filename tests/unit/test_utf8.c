/*
 * test_utf8.c: the one UTF-8 decoder: valid characters of every length,
 * and everything strict decoding refuses: overlong forms, surrogates,
 * code points above U+10FFFF, sequences cut short, stray bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/utf8.h"

/* Fail unless s, all of its bytes, decodes as the one character want. */
static void
test_utf8_is(const char *s, uint32_t want)
{
	uint32_t	c = 0;

	assert_int_equal(utf8_decode(s, strlen(s), &c), strlen(s));
	assert_int_equal(c, want);
}

/* Fail unless the len bytes of s do not decode, leaving *c alone. */
static void
test_utf8_not(const char *s, size_t len)
{
	uint32_t	c = 0xdeadbeef;

	assert_int_equal(utf8_decode(s, len, &c), 0);
	assert_int_equal(c, 0xdeadbeef);
}

/* Characters of one to four bytes, at the ends of each length's range. */
static void
test_utf8_valid(void **state)
{
	uint32_t	c;

	(void)state;
	test_utf8_is("A", 'A');
	test_utf8_is("\x7f", 0x7f);
	test_utf8_is("\xc2\x80", 0x80);
	test_utf8_is("\xc3\xa9", 0xe9);		/* é */
	test_utf8_is("\xdf\xbf", 0x7ff);
	test_utf8_is("\xe0\xa0\x80", 0x800);
	test_utf8_is("\xe4\xb8\xad", 0x4e2d);	/* 中 */
	test_utf8_is("\xed\x9f\xbf", 0xd7ff);
	test_utf8_is("\xee\x80\x80", 0xe000);
	test_utf8_is("\xef\xbf\xbd", 0xfffd);
	test_utf8_is("\xef\xbf\xbf", 0xffff);
	test_utf8_is("\xf0\x90\x80\x80", 0x10000);
	test_utf8_is("\xf0\x9f\x9a\x80", 0x1f680);	/* 🚀 */
	test_utf8_is("\xf4\x8f\xbf\xbf", 0x10ffff);
	/* A NUL is a character when it is inside the range. */
	assert_int_equal(utf8_decode("", 1, &c), 1);
	assert_int_equal(c, 0);
	/* Only the first character is decoded. */
	assert_int_equal(utf8_decode("\xc3\xa9" "a", 3, &c), 2);
	assert_int_equal(c, 0xe9);
}

/* A code point written in more bytes than it needs is not a character. */
static void
test_utf8_overlong(void **state)
{
	(void)state;
	test_utf8_not("\xc0\x80", 2);		/* U+0000 */
	test_utf8_not("\xc0\xaf", 2);		/* '/' */
	test_utf8_not("\xc1\xbf", 2);		/* U+007F */
	test_utf8_not("\xe0\x80\x80", 3);
	test_utf8_not("\xe0\x9f\xbf", 3);	/* U+07FF */
	test_utf8_not("\xf0\x80\x80\x80", 4);
	test_utf8_not("\xf0\x8f\xbf\xbf", 4);	/* U+FFFF */
}

/* UTF-16's surrogates, U+D800..U+DFFF, are not characters. */
static void
test_utf8_surrogate(void **state)
{
	(void)state;
	test_utf8_not("\xed\xa0\x80", 3);	/* U+D800 */
	test_utf8_not("\xed\xb2\x80", 3);	/* U+DC80 */
	test_utf8_not("\xed\xbf\xbf", 3);	/* U+DFFF */
}

/* Nothing above U+10FFFF, and no lead byte that could only start one. */
static void
test_utf8_too_high(void **state)
{
	(void)state;
	test_utf8_not("\xf4\x90\x80\x80", 4);	/* U+110000 */
	test_utf8_not("\xf7\xbf\xbf\xbf", 4);	/* U+1FFFFF */
	test_utf8_not("\xf5\x80\x80\x80", 4);
	test_utf8_not("\xf8\x88\x80\x80\x80", 5);
	test_utf8_not("\xfe", 1);
	test_utf8_not("\xff", 1);
}

/* A sequence cut short by the end of the range, or by a byte that does
 * not continue it, is not decoded, nor is an empty range. */
static void
test_utf8_truncated(void **state)
{
	(void)state;
	test_utf8_not("", 0);
	test_utf8_not("\xc3", 1);
	test_utf8_not("\xe4\xb8", 2);
	test_utf8_not("\xf0\x9f\x9a", 3);
	/* The range ends before the character does. */
	test_utf8_not("\xe4\xb8\xad", 2);
	test_utf8_not("\xf0\x9f\x9a\x80", 3);
	/* A byte that is not a continuation byte. */
	test_utf8_not("\xc3" "a", 2);
	test_utf8_not("\xe4" "a\xad", 3);
	test_utf8_not("\xe4\xb8" "a", 3);
	test_utf8_not("\xf0\x9f\x9a" "\xc3\xa9", 5);
	test_utf8_not("\xe4\x00\xad", 3);
}

/* A continuation byte with no lead byte before it. */
static void
test_utf8_stray(void **state)
{
	(void)state;
	test_utf8_not("\x80", 1);
	test_utf8_not("\xbf", 1);
	test_utf8_not("\x80" "a", 2);
	test_utf8_not("\xad\xb8\xe4", 3);
}

/* Run every test. */
int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_overlong),
		cmocka_unit_test(test_utf8_surrogate),
		cmocka_unit_test(test_utf8_too_high),
		cmocka_unit_test(test_utf8_truncated),
		cmocka_unit_test(test_utf8_stray)
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
