/*
 * lesson_cases.h: what the lesson parser's unit tests share: a lesson's
 * head and a complete step to build inputs from, and the table of
 * malformed lessons, each run as a test of its own that wants the exact
 * error. Included by one test file each (its functions are static).
 */
#ifndef LESSON_CASES_H
#define LESSON_CASES_H

#include <stdlib.h>
#include <string.h>

#include "lesson/lesson.h"

#define TEST_LESSON_PATH	"lessons/t.lesson"

/* Lines 1 to 9 of a lesson that only lacks its steps. */
#define TEST_LESSON_HEAD \
	"lesson t\n" \
	"title en T\n" \
	"title zh T\n" \
	"summary en S\n" \
	"summary zh S\n" \
	"chapter 1\n" \
	"order 1\n" \
	"endpoint client\n" \
	"endpoint server\n"

/* Lines 10 to 13: a complete step. */
#define TEST_LESSON_STEP \
	"step s\n" \
	"key k\n" \
	"say en S\n" \
	"say zh S\n"

/* A malformed lesson and the exact error it must give. */
struct test_lesson_bad {
	const char	*name;
	const char	*input;
	size_t		 len;
	const char	*cause;
};

#define TEST_LESSON_BAD(name, input, cause) \
	{ name, input, sizeof (input) - 1, TEST_LESSON_PATH ":" cause }

/* Parse a string as TEST_LESSON_PATH. */
static struct lesson *
test_lesson_parse(const char *input, size_t len, char **cause)
{
	*cause = NULL;
	return (lesson_parse(TEST_LESSON_PATH, input, len, cause));
}

/* One malformed lesson: NULL and exactly the expected message. */
static void
test_lesson_bad(void **state)
{
	const struct test_lesson_bad	*t = *state;
	struct lesson			*l;
	char				*cause;

	l = test_lesson_parse(t->input, t->len, &cause);
	assert_null(l);
	assert_non_null(cause);
	assert_string_equal(cause, t->cause);
	free(cause);
}

/* Run the fixed tests, then one test per malformed lesson. */
static int
test_lesson_run(const char *group, const struct CMUnitTest *fixed,
    size_t nfixed, const struct test_lesson_bad *bads, size_t nbads)
{
	struct CMUnitTest	*tests;
	size_t			 i, n = 0;
	int			 failed;

	if ((tests = calloc(nfixed + nbads, sizeof *tests)) == NULL)
		return (1);
	for (i = 0; i < nfixed; i++)
		tests[n++] = fixed[i];
	for (i = 0; i < nbads; i++) {
		tests[n].name = bads[i].name;
		tests[n].test_func = test_lesson_bad;
		tests[n++].initial_state = (void *)&bads[i];
	}
	failed = _cmocka_run_group_tests(group, tests, n, NULL, NULL);
	free(tests);
	return (failed);
}

#endif
