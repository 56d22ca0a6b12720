/*
 * test_progress.c: the progress file, in a directory made for each test.
 * It is written through no link, read back line by line with each line
 * checked, kept with the fields it does not know (a run's score has
 * fields of its own), and refused where the directory is not the
 * effective user's alone. The cases about other owners need root
 * (chown); without it they are skipped.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <pwd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_dir.h"

#include "base/xmalloc.h"
#include "lesson/progress.h"

static char	test_root[] = "/tmp/finwave-progress-test.XXXXXX";

/* A run's score: 13 checks held, 1 guess right of 2. */
static const struct progress_score	test_score = { 13, 0, 0, 1, 2 };

/* A fresh directory for the test; XDG_STATE_HOME and HOME inside it. */
static int
setup(void **state)
{
	(void)state;
	return (test_dir_make(test_root, "/tmp/finwave-progress-test.XXXXXX",
	    "XDG_STATE_HOME", "state"));
}

/* Remove the test's directory. */
static int
teardown(void **state)
{
	(void)state;
	return (test_dir_remove(test_root));
}

/* Write a file under the test's directory. */
static void
put(const char *rel, const char *text)
{
	char	*path = xasprintf("%s/%s", test_root, rel);
	FILE	*f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

/* Make a directory under the test's directory. */
static void
put_dir(const char *rel)
{
	char	*path = xasprintf("%s/%s", test_root, rel);

	assert_int_equal(mkdir(path, 0700), 0);
	free(path);
}

/* The contents of a file under the test's directory, or NULL. */
static char *
get(const char *rel)
{
	return (test_dir_get(test_root, rel));
}

/* Whether a path under the test's directory exists (links not followed). */
static int
exists(const char *rel)
{
	return (test_dir_exists(test_root, rel));
}

/* The uid of nobody, for a directory that is not ours. */
static uid_t
nobody(void)
{
	struct passwd	*pw = getpwnam("nobody");

	return (pw != NULL ? pw->pw_uid : 65534);
}

/* A mark is saved as "ID completed=TIME" under a header, and read back. */
static void
test_mark_and_read(void **state)
{
	struct progress	 pr;
	char		*cause = NULL, *text;

	(void)state;
	progress_load(&pr);
	assert_null(progress_problem(&pr));
	assert_false(progress_done(&pr, "four-way-close"));
	assert_int_equal(progress_mark(&pr, "four-way-close", &test_score,
	    &cause), 0);
	progress_free(&pr);
	text = get("state/finwave/completed");
	assert_non_null(text);
	assert_non_null(strstr(text, "# finwave progress"));
	assert_non_null(strstr(text, "\nfour-way-close completed=20"));
	free(text);
	progress_load(&pr);
	assert_true(progress_done(&pr, "four-way-close"));
	assert_int_equal(strlen(progress_get(&pr, "four-way-close",
	    "completed")), strlen("2026-12-01T21:14:48Z"));
	assert_false(exists("state/finwave/completed.tmp"));
	progress_free(&pr);
}

/* The run's score is kept in the lesson's fields and read back; a mark
 * again replaces it where it was, keeping the fields finwave does not
 * know; a line without a score (or with one that is not valid) is still
 * completed, with no score. */
static void
test_score_kept(void **state)
{
	struct progress		 pr;
	struct progress_score	 sc, again = { 20, 0, 0, 2, 2 };
	char			*cause = NULL, *text;

	(void)state;
	put_dir("state/finwave");
	put("state/finwave/completed",
	    "four-way-close completed=2026-11-30T10:00:00Z hints=2\n"
	    "half-close completed=2026-11-30T10:00:00Z held=3 failed=0 "
	    "not-reached=0 right=x asked=1\n"
	    "fin-timeout completed=2026-11-30T10:00:00Z held=3 failed=0 "
	    "not-reached=0 right=2 asked=1\n");
	progress_load(&pr);
	assert_int_equal(pr.rejected, 0);
	assert_true(progress_done(&pr, "four-way-close"));
	assert_int_equal(progress_score(&pr, "four-way-close", &sc), -1);
	assert_true(progress_done(&pr, "half-close"));
	assert_int_equal(progress_score(&pr, "half-close", &sc), -1);
	assert_int_equal(progress_score(&pr, "fin-timeout", &sc), -1);
	assert_int_equal(progress_score(&pr, "tw-reuse", &sc), -1);
	assert_int_equal(progress_mark(&pr, "four-way-close", &test_score,
	    &cause), 0);
	progress_free(&pr);
	text = get("state/finwave/completed");
	assert_non_null(strstr(text, "\nfour-way-close completed=20"));
	assert_non_null(strstr(text, "Z hints=2 held=13 failed=0 "
	    "not-reached=0 right=1 asked=2\n"));
	free(text);
	progress_load(&pr);
	assert_int_equal(progress_score(&pr, "four-way-close", &sc), 0);
	assert_int_equal(sc.held, 13);
	assert_int_equal(sc.failed, 0);
	assert_int_equal(sc.not_reached, 0);
	assert_int_equal(sc.right, 1);
	assert_int_equal(sc.asked, 2);
	assert_int_equal(progress_mark(&pr, "four-way-close", &again, &cause),
	    0);
	progress_free(&pr);
	text = get("state/finwave/completed");
	assert_non_null(strstr(text, "Z hints=2 held=20 failed=0 "
	    "not-reached=0 right=2 asked=2\n"));
	free(text);
}

/* Bare ids (the old format) count as completed; fields finwave does not
 * know are written back as they were; invalid lines are dropped. */
static void
test_lines_checked_and_kept(void **state)
{
	struct progress	 pr;
	char		*cause = NULL, *text;

	(void)state;
	put_dir("state/finwave");
	put("state/finwave/completed",
	    "four-way-close\n"
	    "half-close completed=2026-11-30T10:00:00Z score=7 hints=2\r\n"
	    "# a comment\n"
	    "\n"
	    "\x1b[2J\n"
	    "Bad-Id completed=x\n"
	    "shutdown-read completed=\x1b]0;pwned\x07\n"
	    "eof-after-data noequals\n"
	    "fin-timeout a=1 a=2\n"
	    "half-close score=99\n");
	progress_load(&pr);
	assert_null(progress_problem(&pr));
	assert_int_equal(pr.rejected, 5);
	assert_true(progress_done(&pr, "four-way-close"));
	assert_string_equal(progress_get(&pr, "four-way-close", "completed"),
	    "unknown");
	assert_string_equal(progress_get(&pr, "half-close", "score"), "7");
	assert_false(progress_done(&pr, "shutdown-read"));
	assert_int_equal(progress_mark(&pr, "tw-reuse", &test_score,
	    &cause), 0);
	progress_free(&pr);
	text = get("state/finwave/completed");
	assert_non_null(strstr(text, "\nfour-way-close completed=unknown\n"
	    "half-close completed=2026-11-30T10:00:00Z score=7 hints=2\n"
	    "tw-reuse completed=20"));
	assert_null(strchr(text, '\x1b'));
	free(text);
}

/* A completed.tmp that links elsewhere is not written through: the link
 * is replaced, and what it named is untouched. */
static void
test_no_write_through_links(void **state)
{
	struct progress	 pr;
	char		*cause = NULL, *dir, *target, *link, *text;

	(void)state;
	dir = xasprintf("%s/state/finwave", test_root);
	mkdir(dir, 0700);
	put("victim", "precious\n");
	target = xasprintf("%s/victim", test_root);
	link = xasprintf("%s/completed.tmp", dir);
	assert_int_equal(symlink(target, link), 0);
	free(link);
	link = xasprintf("%s/created-by-link", test_root);
	free(target);
	target = xasprintf("%s/completed", dir);
	assert_int_equal(symlink(link, target), 0);
	progress_load(&pr);
	assert_int_equal(progress_mark(&pr, "four-way-close", &test_score,
	    &cause), 0);
	progress_free(&pr);
	text = get("victim");
	assert_string_equal(text, "precious\n");
	free(text);
	assert_false(exists("created-by-link"));
	text = get("state/finwave/completed");
	assert_non_null(strstr(text, "four-way-close completed="));
	free(text);
	free(link);
	free(target);
	free(dir);
}

/* A state directory that others can write to is not used: nothing is
 * read from it or written to it, and the problem says why. */
static void
test_refuses_shared_dir(void **state)
{
	struct progress	 pr;
	char		*cause = NULL, *dir;

	(void)state;
	dir = xasprintf("%s/state/finwave", test_root);
	mkdir(dir, 0700);
	chmod(dir, 0777);
	put("state/finwave/completed", "four-way-close\n");
	progress_load(&pr);
	assert_false(progress_done(&pr, "four-way-close"));
	assert_non_null(strstr(progress_problem(&pr), "writable by others"));
	assert_int_equal(progress_mark(&pr, "half-close", &test_score,
	    &cause), -1);
	assert_non_null(strstr(cause, "writable by others"));
	free(cause);
	assert_true(progress_done(&pr, "half-close"));	/* for this run */
	progress_free(&pr);
	assert_false(exists("state/finwave/completed.tmp"));
	free(dir);
}

/* Root with another user's environment (sudo -E): that user's state
 * directory is not used, and none is created in their home. */
static void
test_refuses_other_owner(void **state)
{
	struct progress	 pr;
	char		*cause = NULL, *path;

	(void)state;
	if (geteuid() != 0)
		skip();
	path = xasprintf("%s/state/finwave", test_root);
	mkdir(path, 0700);
	put("state/finwave/completed", "four-way-close\n");
	assert_int_equal(chown(path, nobody(), nobody()), 0);
	progress_load(&pr);
	assert_false(progress_done(&pr, "four-way-close"));
	assert_non_null(strstr(progress_problem(&pr), "belongs to uid"));
	assert_int_equal(progress_mark(&pr, "half-close", &test_score,
	    &cause), -1);
	free(cause);
	progress_free(&pr);
	free(path);
	/* No XDG_STATE_HOME, a home of nobody's: nothing is created. */
	unsetenv("XDG_STATE_HOME");
	path = xasprintf("%s/home", test_root);
	assert_int_equal(chown(path, nobody(), nobody()), 0);
	progress_load(&pr);
	assert_null(progress_problem(&pr));
	assert_int_equal(progress_mark(&pr, "half-close", &test_score,
	    &cause), -1);
	assert_non_null(strstr(cause, "will not create"));
	free(cause);
	progress_free(&pr);
	assert_false(exists("home/.local"));
	free(path);
}

/* An XDG_STATE_HOME that does not exist yet is made, parents and all,
 * but never inside a directory of another user's. */
static void
test_creates_state_home(void **state)
{
	struct progress	 pr;
	char		*cause = NULL, *path;

	(void)state;
	path = xasprintf("%s/new/deeper/state/", test_root);
	setenv("XDG_STATE_HOME", path, 1);
	free(path);
	progress_load(&pr);
	assert_null(progress_problem(&pr));
	assert_int_equal(progress_mark(&pr, "four-way-close", &test_score,
	    &cause), 0);
	progress_free(&pr);
	assert_true(exists("new/deeper/state/finwave/completed"));
	if (geteuid() != 0)
		return;
	put_dir("theirs");
	path = xasprintf("%s/theirs", test_root);
	assert_int_equal(chown(path, nobody(), nobody()), 0);
	free(path);
	path = xasprintf("%s/theirs/state", test_root);
	setenv("XDG_STATE_HOME", path, 1);
	free(path);
	progress_load(&pr);
	assert_int_equal(progress_mark(&pr, "four-way-close", &test_score,
	    &cause), -1);
	assert_non_null(strstr(cause, "will not create"));
	free(cause);
	progress_free(&pr);
	assert_false(exists("theirs/state"));
}

/* The default place is ~/.local/state/finwave, made as needed. */
static void
test_default_under_home(void **state)
{
	struct progress	 pr;
	char		*cause = NULL;

	(void)state;
	unsetenv("XDG_STATE_HOME");
	progress_load(&pr);
	assert_int_equal(progress_mark(&pr, "four-way-close", &test_score,
	    &cause), 0);
	progress_free(&pr);
	assert_true(exists("home/.local/state/finwave/completed"));
	/* Without a home, nothing is kept, and it says so. */
	unsetenv("HOME");
	progress_load(&pr);
	assert_non_null(progress_problem(&pr));
	assert_int_equal(progress_mark(&pr, "four-way-close", &test_score,
	    &cause), -1);
	free(cause);
	progress_free(&pr);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mark_and_read, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_score_kept, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_lines_checked_and_kept,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_write_through_links,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_shared_dir, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_refuses_other_owner,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_default_under_home, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_creates_state_home, setup,
		    teardown),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
