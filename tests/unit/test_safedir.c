/*
 * test_safedir.c: a directory of finwave's own, in a directory made for
 * each test with XDG_DATA_HOME and HOME inside it. Missing components are
 * made (0700) below the base, the base is followed as named but nothing
 * below it is, a directory of another user's is neither used nor built
 * in, one that others may write to is not used, and what is made in it is
 * made new. The cases about other owners need root (chown to uid 12345);
 * without it they are skipped.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
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

#include "base/safedir.h"
#include "base/xmalloc.h"

/* Not a user of this system: the owner of a directory that is not ours. */
#define TEST_OTHER_UID	12345

static char	test_root[] = "/tmp/finwave-safedir-test.XXXXXX";

/* A fresh directory for the test; XDG_DATA_HOME and HOME inside it. */
static int
setup(void **state)
{
	(void)state;
	umask(022);
	return (test_dir_make(test_root, "/tmp/finwave-safedir-test.XXXXXX",
	    "XDG_DATA_HOME", "data"));
}

/* Remove the test's directory. */
static int
teardown(void **state)
{
	(void)state;
	return (test_dir_remove(test_root));
}

/* The path of rel under the test's directory; the caller frees. */
static char *
at(const char *rel)
{
	return (xasprintf("%s/%s", test_root, rel));
}

/* Set the mode of a path under the test's directory. */
static void
set_mode(const char *rel, mode_t mode)
{
	char	*path = at(rel);

	assert_int_equal(chmod(path, mode), 0);
	free(path);
}

/* Set the environment variable var to the path of rel. */
static void
set_env_at(const char *var, const char *rel)
{
	char	*path = at(rel);

	setenv(var, path, 1);
	free(path);
}

/* Make a directory under the test's directory, mode as given. */
static void
put_dir(const char *rel, mode_t mode)
{
	char	*path = at(rel);

	assert_int_equal(mkdir(path, 0700), 0);
	free(path);
	set_mode(rel, mode);
}

/* Remove a file, link or empty directory under the test's directory. */
static void
drop(const char *rel)
{
	char	*path = at(rel);

	assert_int_equal(remove(path), 0);
	free(path);
}

/* Write a file under the test's directory. */
static void
put(const char *rel, const char *text)
{
	char	*path = at(rel);
	FILE	*f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

/* Make a symbolic link rel under the test's directory to target there. */
static void
put_link(const char *rel, const char *target)
{
	char	*path = at(rel), *to = at(target);

	assert_int_equal(symlink(to, path), 0);
	free(to);
	free(path);
}

/* Give a path under the test's directory to another user. */
static void
give_away(const char *rel)
{
	char	*path = at(rel);

	assert_int_equal(chown(path, TEST_OTHER_UID, TEST_OTHER_UID), 0);
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

/* Fail unless rel is a directory of ours (links not followed), mode 0700,
 * and, when fd is not -1, the very directory fd is open on. */
static void
assert_our_dir(const char *rel, int fd)
{
	char		*path = at(rel);
	struct stat	 st, fst;

	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0700);
	assert_int_equal(st.st_uid, geteuid());
	if (fd != -1) {
		assert_int_equal(fstat(fd, &fst), 0);
		assert_int_equal(fst.st_dev, st.st_dev);
		assert_int_equal(fst.st_ino, st.st_ino);
	}
	free(path);
}

/* Open $XDG_DATA_HOME/finwave/runs (or ~/.local/share/finwave/runs). */
static int
open_runs(int create, char **path, char **cause)
{
	return (safedir_open("XDG_DATA_HOME", ".local/share", "finwave/runs",
	    create, path, cause));
}

/* The text s with each ROOT in it the test's directory; the caller
 * frees. */
static char *
with_root(const char *s)
{
	const char	*p;
	char		*out = xstrdup(""), *next;

	while ((p = strstr(s, "ROOT")) != NULL) {
		next = xasprintf("%s%.*s%s", out, (int)(p - s), s, test_root);
		free(out);
		out = next;
		s = p + strlen("ROOT");
	}
	next = xasprintf("%s%s", out, s);
	free(out);
	return (next);
}

/* Fail unless cause is want (each ROOT in it the test's directory);
 * cause is freed. */
static void
assert_cause(char *cause, const char *want_rooted)
{
	char	*want = with_root(want_rooted);

	assert_non_null(cause);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
}

/* Fail unless opening the runs directory gives -1, no path, and the
 * cause want (each ROOT in it the test's directory). */
static void
assert_refused(int create, const char *want_rooted)
{
	char	*path = NULL, *cause = NULL;

	assert_int_equal(open_runs(create, &path, &cause), -1);
	assert_null(path);
	assert_cause(cause, want_rooted);
}

/* Fail unless opening the runs directory gives the directory at rel, a
 * directory of ours, mode 0700, with its path and no cause. */
static void
assert_opens(int create, const char *rel)
{
	char	*path = NULL, *cause = NULL, *want = at(rel);
	int	 fd;

	fd = open_runs(create, &path, &cause);
	assert_true(fd >= 0);
	assert_null(cause);
	assert_string_equal(path, want);
	assert_our_dir(rel, fd);
	close(fd);
	free(path);
	free(want);
}

/* The missing components below $XDG_DATA_HOME are made, 0700, and the
 * last is opened; a base that is missing too is made with its parents
 * (a trailing slash dropped from the path). */
static void
test_creates_below_var(void **state)
{
	(void)state;
	assert_opens(1, "data/finwave/runs");
	assert_our_dir("data/finwave", -1);
	assert_opens(0, "data/finwave/runs");
	set_env_at("XDG_DATA_HOME", "new/deeper/data/");
	assert_opens(1, "new/deeper/data/finwave/runs");
	assert_our_dir("new/deeper", -1);
	assert_false(exists("home/.local"));
}

/* Without XDG_DATA_HOME, or with one that is not an absolute path, the
 * directory is ~/.local/share/finwave/runs; without a home either it is
 * nowhere, and the cause says so. */
static void
test_home_fallback(void **state)
{
	const char	*neither = "neither XDG_DATA_HOME nor HOME is an "
			    "absolute path";

	(void)state;
	unsetenv("XDG_DATA_HOME");
	assert_opens(1, "home/.local/share/finwave/runs");
	assert_our_dir("home/.local", -1);
	assert_false(exists("data/finwave"));
	setenv("XDG_DATA_HOME", "data", 1);
	assert_opens(0, "home/.local/share/finwave/runs");
	setenv("HOME", "home", 1);
	assert_refused(1, neither);
	unsetenv("HOME");
	assert_refused(1, neither);
	assert_false(exists("data/finwave"));
}

/* The base is followed as named; a link below it is not, whether the
 * directory is made or only looked for, and nothing is made where the
 * link points. */
static void
test_refuses_link_below(void **state)
{
	(void)state;
	put_dir("elsewhere", 0700);
	put_link("data/finwave", "elsewhere");
	assert_refused(1, "ROOT/data/finwave is a symbolic link");
	assert_refused(0, "ROOT/data/finwave is a symbolic link");
	assert_false(exists("elsewhere/runs"));
	/* The last component, a link to a directory of ours, too. */
	put_dir("data/real", 0700);
	put_dir("data/real/finwave", 0700);
	put_link("data/real/finwave/runs", "elsewhere");
	set_env_at("XDG_DATA_HOME", "data/real");
	assert_refused(1, "ROOT/data/real/finwave/runs is a symbolic link");
	/* The base itself may be a link: it is the user's own choice. */
	drop("data/real/finwave/runs");
	put_link("linked-data", "data/real");
	set_env_at("XDG_DATA_HOME", "linked-data");
	assert_opens(1, "linked-data/finwave/runs");
	assert_our_dir("data/real/finwave/runs", -1);
	assert_false(exists("elsewhere/runs"));
}

/* A directory of another user's is not used, and nothing is made inside
 * one: not a component below the base, not the base or its parents. */
static void
test_refuses_other_owner(void **state)
{
	(void)state;
	if (geteuid() != 0)
		skip();
	put_dir("data/finwave", 0700);
	put_dir("data/finwave/runs", 0700);
	give_away("data/finwave/runs");
	assert_refused(1, "ROOT/data/finwave/runs belongs to uid 12345, not "
	    "to uid 0");
	assert_refused(0, "ROOT/data/finwave/runs belongs to uid 12345, not "
	    "to uid 0");
	drop("data/finwave/runs");
	give_away("data/finwave");
	assert_refused(1, "will not create ROOT/data/finwave/runs: "
	    "ROOT/data/finwave belongs to uid 12345, not to uid 0");
	assert_false(exists("data/finwave/runs"));
	/* A base to make inside a directory of another user's. */
	put_dir("theirs", 0755);
	give_away("theirs");
	set_env_at("XDG_DATA_HOME", "theirs/data");
	assert_refused(1, "will not create ROOT/theirs/data: ROOT/theirs "
	    "belongs to uid 12345, not to uid 0");
	assert_false(exists("theirs/data"));
	/* A home of another user's (sudo -E): nothing is made in it. */
	unsetenv("XDG_DATA_HOME");
	give_away("home");
	assert_refused(1, "will not create ROOT/home/.local: ROOT/home belongs "
	    "to uid 12345, not to uid 0");
	assert_false(exists("home/.local"));
}

/* A last directory that others may write to is not used; the cause
 * gives its mode. */
static void
test_refuses_writable(void **state)
{
	(void)state;
	put_dir("data/finwave", 0700);
	put_dir("data/finwave/runs", 0770);
	assert_refused(1, "ROOT/data/finwave/runs is writable by others (mode "
	    "0770)");
	assert_refused(0, "ROOT/data/finwave/runs is writable by others (mode "
	    "0770)");
	set_mode("data/finwave/runs", 0702);
	assert_refused(1, "ROOT/data/finwave/runs is writable by others (mode "
	    "0702)");
	/* Only the last is judged so: a shared one above it is the user's
	 * own arrangement. */
	set_mode("data/finwave/runs", 0700);
	set_mode("data/finwave", 0775);
	assert_opens(0, "data/finwave/runs");
}

/* Without create, a missing directory is -1 with no cause, and nothing
 * is made: not the base, not below it. */
static void
test_missing_not_created(void **state)
{
	char	*path = NULL, *cause = NULL;

	(void)state;
	assert_int_equal(open_runs(0, &path, &cause), -1);
	assert_null(path);
	assert_null(cause);
	assert_false(exists("data/finwave"));
	put_dir("data/finwave", 0700);
	assert_int_equal(open_runs(0, &path, &cause), -1);
	assert_null(path);
	assert_null(cause);
	assert_false(exists("data/finwave/runs"));
	set_env_at("XDG_DATA_HOME", "missing/data");
	assert_int_equal(open_runs(0, &path, &cause), -1);
	assert_null(path);
	assert_null(cause);
	assert_false(exists("missing"));
}

/* A new directory is made 0700 and opened; a name that exists already,
 * as a directory or as a link, is refused with EEXIST, and the link's
 * target is untouched. */
static void
test_mkdir_new(void **state)
{
	char	*path = NULL, *cause = NULL;
	int	 dfd, fd;

	(void)state;
	dfd = open_runs(1, &path, &cause);
	assert_true(dfd >= 0);
	fd = safedir_mkdir_new(dfd, path, "run-1", &cause);
	assert_true(fd >= 0);
	assert_null(cause);
	assert_our_dir("data/finwave/runs/run-1", fd);
	close(fd);
	errno = 0;
	assert_int_equal(safedir_mkdir_new(dfd, path, "run-1", &cause), -1);
	assert_int_equal(errno, EEXIST);
	assert_cause(cause, "ROOT/data/finwave/runs/run-1: File exists");
	put_dir("elsewhere", 0700);
	put_link("data/finwave/runs/run-2", "elsewhere");
	errno = 0;
	assert_int_equal(safedir_mkdir_new(dfd, path, "run-2", &cause), -1);
	assert_int_equal(errno, EEXIST);
	assert_cause(cause, "ROOT/data/finwave/runs/run-2: File exists");
	assert_our_dir("elsewhere", -1);
	assert_false(exists("elsewhere/run-2"));
	close(dfd);
	free(path);
}

/* A new file is made 0600 and open for writing; a file of that name, or
 * a link of that name (to a file, or to nothing yet), is refused with
 * EEXIST, and nothing is written through it. */
static void
test_create(void **state)
{
	struct stat	 st;
	char		*path = NULL, *cause = NULL, *text, *file;
	int		 dfd, fd;

	(void)state;
	dfd = open_runs(1, &path, &cause);
	assert_true(dfd >= 0);
	fd = safedir_create(dfd, path, "capture", &cause);
	assert_true(fd >= 0);
	assert_null(cause);
	assert_int_equal(write(fd, "first\n", 6), 6);
	close(fd);
	file = at("data/finwave/runs/capture");
	assert_int_equal(lstat(file, &st), 0);
	free(file);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	errno = 0;
	assert_int_equal(safedir_create(dfd, path, "capture", &cause), -1);
	assert_int_equal(errno, EEXIST);
	assert_cause(cause, "ROOT/data/finwave/runs/capture: File exists");
	text = get("data/finwave/runs/capture");
	assert_string_equal(text, "first\n");
	free(text);
	put("victim", "precious\n");
	put_link("data/finwave/runs/summary", "victim");
	errno = 0;
	assert_int_equal(safedir_create(dfd, path, "summary", &cause), -1);
	assert_int_equal(errno, EEXIST);
	assert_cause(cause, "ROOT/data/finwave/runs/summary: File exists");
	text = get("victim");
	assert_string_equal(text, "precious\n");
	free(text);
	put_link("data/finwave/runs/ledger", "created-by-link");
	assert_int_equal(safedir_create(dfd, path, "ledger", &cause), -1);
	assert_int_equal(errno, EEXIST);
	assert_cause(cause, "ROOT/data/finwave/runs/ledger: File exists");
	assert_false(exists("created-by-link"));
	close(dfd);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_creates_below_var, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_home_fallback, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_refuses_link_below, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_refuses_other_owner, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_refuses_writable, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_missing_not_created, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_mkdir_new, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_create, setup, teardown),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
