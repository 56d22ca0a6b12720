/*
 * test_language.c: the language chosen as gettext would (language.c):
 * --lang, the config, then LANGUAGE unless the locale is C or POSIX, then
 * LC_ALL, LC_MESSAGES and LANG; Traditional Chinese gets Simplified with
 * a note.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lesson/language.h"

/* The environment of one case: LANGUAGE, LC_ALL, LC_MESSAGES, LANG
 * (NULL: unset). */
static const char	*test_env_values[4];

/* getenv over test_env_values. */
static char *
test_env(const char *name)
{
	static const char *const names[] = { "LANGUAGE", "LC_ALL",
	    "LC_MESSAGES", "LANG" };
	size_t	i;

	for (i = 0; i < 4; i++) {
		if (strcmp(name, names[i]) == 0)
			return ((char *)test_env_values[i]);
	}
	return (NULL);
}

/* The environment decides. */
static void
test_language_environment(void **state)
{
	static const struct {
		const char	*language, *lc_all, *lc_messages, *lang;
		enum lang	 want;
		int		 traditional;
	} cases[] = {
		{ NULL, NULL, NULL, NULL, LANG_EN, 0 },
		{ NULL, NULL, NULL, "zh_CN.UTF-8", LANG_ZH, 0 },
		{ NULL, NULL, NULL, "zh_SG.UTF-8", LANG_ZH, 0 },
		{ NULL, NULL, NULL, "en_GB.UTF-8", LANG_EN, 0 },
		{ NULL, NULL, NULL, "fr_FR.UTF-8", LANG_EN, 0 },
		{ NULL, NULL, NULL, "zh_TW.UTF-8", LANG_ZH, 1 },
		{ NULL, NULL, NULL, "zh_HK.UTF-8", LANG_ZH, 1 },
		{ NULL, NULL, NULL, "zh_MO.UTF-8", LANG_ZH, 1 },
		/* LC_ALL, then LC_MESSAGES, then LANG; empty is unset. */
		{ NULL, "en_US.UTF-8", "zh_CN.UTF-8", "zh_CN.UTF-8", LANG_EN,
		    0 },
		{ NULL, "", "zh_CN.UTF-8", "en_US.UTF-8", LANG_ZH, 0 },
		{ NULL, NULL, "", "zh_CN.UTF-8", LANG_ZH, 0 },
		/* LANGUAGE first, its first entry finwave has winning ... */
		{ "zh_CN:en", NULL, NULL, "en_US.UTF-8", LANG_ZH, 0 },
		{ "fr:de:zh", NULL, NULL, "en_US.UTF-8", LANG_ZH, 0 },
		{ "en:zh_CN", NULL, NULL, "zh_CN.UTF-8", LANG_EN, 0 },
		{ "zh_TW:en", NULL, NULL, "en_US.UTF-8", LANG_ZH, 1 },
		{ "zh_Hant", NULL, NULL, "en_US.UTF-8", LANG_ZH, 1 },
		{ "zh_Hans_TW", NULL, NULL, "en_US.UTF-8", LANG_ZH, 0 },
		{ "::zh::", NULL, NULL, "en_US.UTF-8", LANG_ZH, 0 },
		/* ... English when it names none (gettext's untranslated) ... */
		{ "fr:de", NULL, NULL, "zh_CN.UTF-8", LANG_EN, 0 },
		/* ... empty is unset ... */
		{ "", NULL, NULL, "zh_CN.UTF-8", LANG_ZH, 0 },
		/* ... and ignored under C or POSIX, as gettext does. */
		{ "zh_CN", NULL, NULL, NULL, LANG_EN, 0 },
		{ "zh_CN", "C", NULL, "zh_CN.UTF-8", LANG_EN, 0 },
		{ "zh_CN", NULL, NULL, "POSIX", LANG_EN, 0 },
		{ "zh_CN", NULL, "C.UTF-8", NULL, LANG_EN, 0 },
		/* Names that only start like a language are not it. */
		{ NULL, NULL, NULL, "zhx_CN.UTF-8", LANG_EN, 0 },
		{ NULL, NULL, NULL, "e", LANG_EN, 0 },
	};
	struct language	l;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		test_env_values[0] = cases[i].language;
		test_env_values[1] = cases[i].lc_all;
		test_env_values[2] = cases[i].lc_messages;
		test_env_values[3] = cases[i].lang;
		l = language_choose(NULL, NULL, test_env);
		if (l.lang != cases[i].want ||
		    l.traditional != cases[i].traditional)
			fail_msg("case %zu (LANGUAGE=%s LC_ALL=%s "
			    "LC_MESSAGES=%s LANG=%s): got %d/%d", i,
			    cases[i].language, cases[i].lc_all,
			    cases[i].lc_messages, cases[i].lang, l.lang,
			    l.traditional);
	}
}

/* --lang wins over the config, which wins over the environment. */
static void
test_language_order(void **state)
{
	struct language	l;

	(void)state;
	test_env_values[0] = "zh_TW";
	test_env_values[1] = NULL;
	test_env_values[2] = NULL;
	test_env_values[3] = "zh_TW.UTF-8";
	l = language_choose("en", "zh", test_env);
	assert_int_equal(l.lang, LANG_EN);
	l = language_choose(NULL, "en", test_env);
	assert_int_equal(l.lang, LANG_EN);
	l = language_choose("zh", NULL, test_env);
	assert_int_equal(l.lang, LANG_ZH);
	assert_int_equal(l.traditional, 0);
	l = language_choose(NULL, NULL, test_env);
	assert_int_equal(l.lang, LANG_ZH);
	assert_int_equal(l.traditional, 1);
	assert_int_equal(language_parse("de", &l), -1);
	assert_int_equal(language_parse("", &l), -1);
}

/* C.UTF-8 stands in only for a locale of the characters that names
 * UTF-8: LC_ALL, then LC_CTYPE, then LANG. */
static void
test_language_utf8(void **state)
{
	(void)state;
	test_env_values[0] = test_env_values[1] = test_env_values[2] = NULL;
	test_env_values[3] = "zh_CN.UTF-8";
	assert_true(language_utf8(test_env));
	test_env_values[3] = "zh_CN.utf8";
	assert_true(language_utf8(test_env));
	test_env_values[3] = "zh_CN.GB18030";
	assert_false(language_utf8(test_env));
	test_env_values[1] = "C";	/* LC_ALL wins */
	test_env_values[3] = "zh_CN.UTF-8";
	assert_false(language_utf8(test_env));
	test_env_values[1] = "";
	assert_true(language_utf8(test_env));
	test_env_values[3] = NULL;
	assert_false(language_utf8(test_env));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_language_environment),
		cmocka_unit_test(test_language_order),
		cmocka_unit_test(test_language_utf8),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
