/*
 * test_catalog.c: the shipped catalogue, the checkout's lessons: every lesson
 * the curriculum promises is there, in both languages down to each step's
 * title, every chapter has a title, no two lessons share a place, and a
 * step's countdown fits the status line.
 * Whether the kernel agrees with them is tests/kernel/check_lessons.sh.
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

#include "base/textw.h"
#include "lesson/catalog.h"
#include "tui/uitext.h"

/* The menu's title column at 80 columns (menu.c: cols / 2 - 5), less one. */
#define TEST_CATALOG_TITLE_MAX	34

/* The status line at 80 columns, less its margins: a deadline's countdown
 * must fit it whole. */
#define TEST_CATALOG_STATUS_MAX	78

static const char *const test_catalog_ids[] = {
	"four-way-close", "linger-zero-rst", "close-wait-leak",
	"server-closes-first", "half-close", "shutdown-read", "fork-refcount",
	"unread-data-rst", "process-kill", "write-after-close",
	"eof-after-data", "linger-timeout", "linger-zero-loses-data",
	"fin-timeout", "time-wait-buckets", "tw-reuse", "recv-error-close",
	"fin-wait-1", "simultaneous-close", "lost-fin", "lost-last-ack",
	"no-time-wait", "time-wait-assassination", "paws",
	"connect-refused", "syn-sent-close", "backlog-full",
	"keepalive-dead-peer", "user-timeout", "sandbox"
};

/* A step's countdown, "Run it within 99 s PURPOSE.", fits the status line
 * at 80 columns in both languages. */
static void
test_catalog_countdown_fits(const struct lesson *l, const struct step *st)
{
	char	buf[512];
	int	lang;

	for (lang = 0; lang < LANG_COUNT; lang++) {
		uitextf(buf, sizeof buf, UI_DEADLINE, (enum lang)lang, 99,
		    st->deadline->purpose.s[lang]);
		if (textw_width(buf) > TEST_CATALOG_STATUS_MAX)
			fail_msg("%s: step '%s': the countdown '%s' is %d "
			    "columns wide", l->id, st->name, buf,
			    textw_width(buf));
	}
}

/* Load the checkout's lessons or fail the test. */
static void
test_catalog_load(struct catalog *cat)
{
	if (catalog_load(cat, NULL, 0) == -1)
		fail_msg("%s", cat->skipped[0]);
}

/* Whether a Chinese text has any character outside ASCII. */
static int
test_catalog_has_cjk(const struct text *t)
{
	const char	*s = t->s[LANG_ZH];

	for (; s != NULL && *s != '\0'; s++) {
		if ((unsigned char)*s >= 0x80)
			return (1);
	}
	return (0);
}

/* Every promised lesson is in the catalogue. */
static void
test_catalog_every_lesson(void **state)
{
	struct catalog	cat;
	size_t		i, j;
	int		found;

	(void)state;
	test_catalog_load(&cat);
	for (i = 0; i < sizeof test_catalog_ids / sizeof *test_catalog_ids;
	    i++) {
		found = 0;
		for (j = 0; j < cat.n; j++)
			found |= strcmp(cat.lessons[j]->id,
			    test_catalog_ids[i]) == 0;
		if (!found)
			fail_msg("lesson '%s' is missing", test_catalog_ids[i]);
	}
	catalog_free(&cat);
}

/* Titles, summaries, step titles and narration are in Chinese too, and
 * titles fit the menu at 80 columns. */
static void
test_catalog_both_languages(void **state)
{
	struct catalog		 cat;
	const struct lesson	*l;
	const struct step	*st;
	size_t			 i, k;

	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	test_catalog_load(&cat);
	for (i = 0; i < cat.n; i++) {
		l = cat.lessons[i];
		if (!test_catalog_has_cjk(&l->title) ||
		    !test_catalog_has_cjk(&l->summary))
			fail_msg("%s: title or summary not in Chinese", l->id);
		if (textw_width(l->title.s[LANG_EN]) > TEST_CATALOG_TITLE_MAX ||
		    textw_width(l->title.s[LANG_ZH]) > TEST_CATALOG_TITLE_MAX)
			fail_msg("%s: title wider than the menu's column",
			    l->id);
		for (k = 0; k < l->nsteps; k++) {
			st = &l->steps[k];
			if (st->title.s[LANG_EN] == NULL)
				fail_msg("%s: step '%s' has no title", l->id,
				    st->name);
			if (!test_catalog_has_cjk(&st->say))
				fail_msg("%s: step '%s' not narrated in "
				    "Chinese", l->id, st->name);
			if (st->deadline != NULL)
				test_catalog_countdown_fits(l, st);
		}
		if (!l->sandbox && l->nsteps < 2)
			fail_msg("%s: fewer than two steps", l->id);
	}
	catalog_free(&cat);
}

/* Every lesson that is not free play asks at least one question. */
static void
test_catalog_predictions(void **state)
{
	struct catalog		 cat;
	const struct lesson	*l;
	size_t			 i, k, asked;

	(void)state;
	test_catalog_load(&cat);
	for (i = 0; i < cat.n; i++) {
		l = cat.lessons[i];
		for (k = 0, asked = 0; k < l->nsteps; k++)
			asked += l->steps[k].ask != NULL;
		if (!l->sandbox && asked == 0)
			fail_msg("%s asks nothing", l->id);
	}
	catalog_free(&cat);
}

/* Every chapter has a title in both languages. */
static void
test_catalog_chapter_titles(void **state)
{
	struct catalog		 cat;
	const struct text	*t;
	size_t			 i;

	(void)state;
	test_catalog_load(&cat);
	for (i = 0; i < cat.n; i++) {
		t = catalog_chapter_title(&cat, cat.lessons[i]->chapter);
		if (t == NULL || !test_catalog_has_cjk(t))
			fail_msg("chapter %d has no title in both languages",
			    cat.lessons[i]->chapter);
	}
	catalog_free(&cat);
}

/* Every shipped lesson names its chapter and its order: the chapters of
 * folders' own (catalog.h) are for lessons that do not. */
static void
test_catalog_places(void **state)
{
	struct catalog	cat;
	size_t		i;

	(void)state;
	test_catalog_load(&cat);
	for (i = 0; i < cat.n; i++) {
		if (cat.lessons[i]->chapter >= CATALOG_CHAPTER_OWN ||
		    cat.lessons[i]->order == 0)
			fail_msg("%s names no chapter or no order",
			    cat.lessons[i]->path);
	}
	catalog_free(&cat);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalog_places),
		cmocka_unit_test(test_catalog_every_lesson),
		cmocka_unit_test(test_catalog_both_languages),
		cmocka_unit_test(test_catalog_predictions),
		cmocka_unit_test(test_catalog_chapter_titles)
	};

	/* The shipped lessons alone: no teacher's, no course's. */
	setenv("XDG_DATA_HOME", "/nonexistent", 1);
	setenv("XDG_DATA_DIRS", "/nonexistent", 1);
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
