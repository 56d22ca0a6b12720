/*
 * test_lesson_folders.c: where the catalogue's lessons come from. The
 * checkout's lessons first, then a teacher's own folder
 * ($XDG_DATA_HOME/finwave/lessons), then each of $XDG_DATA_DIRS; a
 * lesson naming no chapter joins its folder's; a bad or clashing file is
 * skipped with a reason naming both files, and the rest still load.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lesson/catalog.h"
#include "test_dir.h"

static char	test_folders_root[64];

/* A lesson with its id, and "chapter N"/"order N" lines unless 0. */
static char *
test_folders_lesson(const char *id, int chapter, int order)
{
	char	place[64] = "";
	int	n = 0;

	if (chapter != 0)
		n = snprintf(place, sizeof place, "chapter %d\n", chapter);
	if (order != 0)
		snprintf(place + n, sizeof place - (size_t)n, "order %d\n",
		    order);
	return (xasprintf("lesson %s\ntitle en Mine %s\ntitle zh 我的 %s\n"
	    "summary en S\nsummary zh 摘要\n%sendpoint client\nstep s\nkey k\n"
	    "say en S\nsay zh 说\n", id, id, id, place));
}

/* Write text to root/rel (its folder made); takes text. */
static void
test_folders_write(const char *rel, char *text)
{
	char	*path = xasprintf("%s/%s", test_folders_root, rel);
	char	*cmd = xasprintf("mkdir -p \"$(dirname '%s')\"", path);
	FILE	*f;

	assert_int_equal(system(cmd), 0);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	free(cmd);
	free(path);
	free(text);
}

/* A fresh root; XDG_DATA_HOME is root/data, XDG_DATA_DIRS root/sys. */
static int
test_folders_setup(void **state)
{
	char	*dirs;

	(void)state;
	if (test_dir_make(test_folders_root, "/tmp/fw-folders-XXXXXX",
	    "XDG_DATA_HOME", "data") == -1)
		return (-1);
	dirs = xasprintf("%s/sys", test_folders_root);
	setenv("XDG_DATA_DIRS", dirs, 1);
	free(dirs);
	return (0);
}

/* Remove the root. */
static int
test_folders_teardown(void **state)
{
	(void)state;
	return (test_dir_remove(test_folders_root));
}

/* The index of lesson id in the catalogue, or -1. */
static int
test_folders_index(const struct catalog *cat, const char *id)
{
	size_t	i;

	for (i = 0; i < cat->n; i++) {
		if (strcmp(cat->lessons[i]->id, id) == 0)
			return ((int)i);
	}
	return (-1);
}

/* Whether some reason kept contains every one of the words. */
static int
test_folders_skipped(const struct catalog *cat, const char *a,
    const char *b)
{
	size_t	i;

	for (i = 0; i < cat->nskipped; i++) {
		if (strstr(cat->skipped[i], a) != NULL && (b == NULL ||
		    strstr(cat->skipped[i], b) != NULL))
			return (1);
	}
	return (0);
}

/* A teacher's lesson and a course's join the menu, each in its folder's
 * chapter after the shipped ones, unless it names a chapter. */
static void
test_folders_teacher_and_course(void **state)
{
	struct catalog	cat;
	int		shipped, mine, course, named;

	(void)state;
	test_folders_write("data/finwave/lessons/mine.lesson",
	    test_folders_lesson("mine", 0, 0));
	test_folders_write("data/finwave/lessons/named.lesson",
	    test_folders_lesson("named", 1, 99));
	test_folders_write("sys/finwave/lessons/course.lesson",
	    test_folders_lesson("course", 0, 0));
	assert_int_equal(catalog_load(&cat, NULL, 0), 0);
	shipped = test_folders_index(&cat, "four-way-close");
	mine = test_folders_index(&cat, "mine");
	course = test_folders_index(&cat, "course");
	named = test_folders_index(&cat, "named");
	assert_true(shipped >= 0 && mine >= 0 && course >= 0 && named >= 0);
	assert_int_equal(cat.lessons[mine]->chapter, CATALOG_CHAPTER_OWN);
	assert_int_equal(cat.lessons[course]->chapter, CATALOG_CHAPTER_SHARED);
	assert_int_equal(cat.lessons[named]->chapter, 1);
	assert_true(mine > shipped && course == mine + 1);
	assert_true(mine == (int)cat.n - 2);
	catalog_free(&cat);
}

/* A bad file, an id or a place already taken: each is skipped with its
 * reason, naming both files, and the others load. A byte-for-byte copy
 * of a shipped lesson is skipped without a word. */
static void
test_folders_bad_and_clashing(void **state)
{
	struct catalog	 cat;
	char		*copy;
	int		 i;

	(void)state;
	test_folders_write("data/finwave/lessons/broken.lesson",
	    xstrdup("lesson broken\nfrobnicate\n"));
	test_folders_write("data/finwave/lessons/four-way-close.lesson",
	    test_folders_lesson("four-way-close", 0, 0));
	test_folders_write("data/finwave/lessons/same-place.lesson",
	    test_folders_lesson("same-place", 1, 1));
	test_folders_write("data/finwave/lessons/good.lesson",
	    test_folders_lesson("good", 0, 0));
	test_folders_write("data/finwave/lessons/.#good.lesson",
	    xstrdup("an editor's lock file\n"));
	assert_non_null(copy = test_dir_get(".", "lessons/sandbox.lesson"));
	test_folders_write("sys/finwave/lessons/sandbox.lesson", copy);
	assert_int_equal(catalog_load(&cat, NULL, 0), -1);
	assert_int_equal(cat.nskipped, 3);
	assert_true(test_folders_skipped(&cat, "/broken.lesson:2: unknown "
	    "directive 'frobnicate'", NULL));
	assert_true(test_folders_skipped(&cat, "data/finwave/lessons/"
	    "four-way-close.lesson:1: the id 'four-way-close' is taken by ",
	    "/lessons/four-way-close.lesson:"));
	assert_true(test_folders_skipped(&cat, "/same-place.lesson:",
	    "share chapter 1, order 1"));
	assert_true(test_folders_skipped(&cat, "/same-place.lesson:",
	    "/lessons/four-way-close.lesson:"));
	assert_true(test_folders_index(&cat, "good") >= 0);
	i = test_folders_index(&cat, "four-way-close");
	assert_null(strstr(cat.lessons[i]->path, test_folders_root));
	i = test_folders_index(&cat, "sandbox");
	assert_null(strstr(cat.lessons[i]->path, test_folders_root));
	catalog_free(&cat);
}

/* A lesson of the teacher's folder is found by id; a shipped id still
 * names the shipped file; an unknown id's message names the folders. */
static void
test_folders_find(void **state)
{
	char	*path, *cause = NULL;

	(void)state;
	test_folders_write("data/finwave/lessons/mine.lesson",
	    test_folders_lesson("mine", 0, 0));
	test_folders_write("data/finwave/lessons/four-way-close.lesson",
	    test_folders_lesson("four-way-close", 0, 0));
	assert_non_null(path = catalog_find("mine", &cause));
	assert_non_null(strstr(path, "/data/finwave/lessons/mine.lesson"));
	free(path);
	assert_non_null(path = catalog_find("four-way-close", &cause));
	assert_null(strstr(path, test_folders_root));
	free(path);
	assert_null(catalog_find("nobody", &cause));
	assert_non_null(strstr(cause, "no lesson 'nobody' in "));
	assert_non_null(strstr(cause, "/data/finwave/lessons"));
	free(cause);
}

/* XDG: a relative entry of $XDG_DATA_DIRS is ignored, a folder named
 * twice is read once, and $XDG_DATA_HOME only counts when absolute
 * (else ~/.local/share). */
static void
test_folders_xdg_rules(void **state)
{
	struct catalog	 cat;
	char		*dirs;

	(void)state;
	test_folders_write("sys/finwave/lessons/course.lesson",
	    test_folders_lesson("course", 0, 0));
	test_folders_write("home/.local/share/finwave/lessons/mine.lesson",
	    test_folders_lesson("mine", 0, 0));
	dirs = xasprintf("relative:%s/sys:%s/sys/:%s/sys/../sys",
	    test_folders_root, test_folders_root, test_folders_root);
	setenv("XDG_DATA_DIRS", dirs, 1);
	setenv("XDG_DATA_HOME", "data", 1);
	free(dirs);
	assert_int_equal(catalog_load(&cat, NULL, 0), 0);
	assert_true(test_folders_index(&cat, "course") >= 0);
	assert_true(test_folders_index(&cat, "mine") >= 0);
	assert_int_equal(cat.lessons[test_folders_index(&cat, "mine")]->chapter,
	    CATALOG_CHAPTER_OWN);
	catalog_free(&cat);
}

/* Named lessons: a folder loads its lessons, and a bad name is kept
 * aside while the others load (check A B C runs A and C). */
static void
test_folders_named(void **state)
{
	struct catalog	 cat;
	char		*names[3];

	(void)state;
	test_folders_write("course/a.lesson", test_folders_lesson("a", 0, 0));
	test_folders_write("course/b.lesson", test_folders_lesson("b", 0, 0));
	names[0] = xasprintf("%s/course", test_folders_root);
	names[1] = xstrdup("no-such-lesson");
	names[2] = xstrdup("sandbox");
	assert_int_equal(catalog_load(&cat, names, 3), -1);
	assert_int_equal(cat.n, 3);
	assert_string_equal(cat.lessons[0]->id, "a");
	assert_string_equal(cat.lessons[1]->id, "b");
	assert_string_equal(cat.lessons[2]->id, "sandbox");
	assert_int_equal(cat.nskipped, 1);
	assert_true(test_folders_skipped(&cat, "no lesson 'no-such-lesson'",
	    NULL));
	catalog_free(&cat);
	free(names[0]);
	free(names[1]);
	free(names[2]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_folders_teacher_and_course,
		    test_folders_setup, test_folders_teardown),
		cmocka_unit_test_setup_teardown(test_folders_bad_and_clashing,
		    test_folders_setup, test_folders_teardown),
		cmocka_unit_test_setup_teardown(test_folders_find,
		    test_folders_setup, test_folders_teardown),
		cmocka_unit_test_setup_teardown(test_folders_xdg_rules,
		    test_folders_setup, test_folders_teardown),
		cmocka_unit_test_setup_teardown(test_folders_named,
		    test_folders_setup, test_folders_teardown)
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
