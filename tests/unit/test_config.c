/*
 * test_config.c: the config file's reader: keys, comments, blanks and
 * CRLF; every error at its line; a missing file is no config.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lesson/config.h"
#include "test_dir.h"

static char	test_config_root[64];

/* A fresh root, with XDG_CONFIG_HOME in it. */
static int
test_config_setup(void **state)
{
	(void)state;
	return (test_dir_make(test_config_root, "/tmp/fw-config-XXXXXX",
	    "XDG_CONFIG_HOME", "config"));
}

/* Remove the root. */
static int
test_config_teardown(void **state)
{
	(void)state;
	return (test_dir_remove(test_config_root));
}

/* Write text as the config file; returns its path (the caller frees). */
static char *
test_config_write(const char *text, size_t len)
{
	char	*dir = xasprintf("%s/config/finwave", test_config_root);
	char	*path = config_path();
	FILE	*f;

	mkdir(dir, 0700);
	free(dir);
	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	return (path);
}

/* Read text as the config; the error, or NULL when it reads. */
static char *
test_config_error(const char *text, size_t len)
{
	struct config	 cfg;
	char		*path = test_config_write(text, len), *cause = NULL;
	char		*msg;

	if (config_read(&cfg, path, &cause) == 0) {
		config_free(&cfg);
		free(path);
		return (NULL);
	}
	/* Drop the path: the message from the line number on. */
	assert_int_equal(strncmp(cause, path, strlen(path)), 0);
	msg = xstrdup(cause + strlen(path));
	free(cause);
	free(path);
	return (msg);
}

/* A good file: every key, comments, blank lines, spaces, CRLF. */
static void
test_config_good(void **state)
{
	static const char	 text[] = "# my finwave\n\n  theme=light  \r\n"
	    "\tlanguage = zh\nspeed =  0.5\n# the end";
	struct config		 cfg;
	char			*path, *cause = NULL;

	(void)state;
	path = test_config_write(text, sizeof text - 1);
	assert_non_null(strstr(path, "/config/finwave/config"));
	assert_int_equal(config_read(&cfg, path, &cause), 0);
	assert_string_equal(cfg.value[CONFIG_THEME], "light");
	assert_int_equal(cfg.line[CONFIG_THEME], 3);
	assert_string_equal(cfg.value[CONFIG_LANGUAGE], "zh");
	assert_string_equal(cfg.value[CONFIG_SPEED], "0.5");
	assert_int_equal(cfg.line[CONFIG_SPEED], 5);
	config_free(&cfg);
	free(path);
}

/* No file, or no folder: no config, no error. */
static void
test_config_missing(void **state)
{
	struct config	 cfg;
	char		*path = config_path(), *cause = NULL;

	(void)state;
	assert_int_equal(config_read(&cfg, path, &cause), 0);
	assert_null(cfg.path);
	assert_null(cfg.value[CONFIG_THEME]);
	free(path);
}

/* Each error at its line. */
static void
test_config_errors(void **state)
{
	static const struct {
		const char	*text;
		size_t		 len;
		const char	*error;
	} cases[] = {
#define TEST_CONFIG_CASE(t, e) { t, sizeof t - 1, e }
		TEST_CONFIG_CASE("theem = dark\n", ":1: unknown key 'theem': "
		    "the keys are theme, language and speed"),
		TEST_CONFIG_CASE("# c\ntheme dark\n",
		    ":2: expected 'key = value'"),
		TEST_CONFIG_CASE("theme =\n", ":1: 'theme' has no value"),
		TEST_CONFIG_CASE("speed = 1\n\nspeed = 2\n",
		    ":3: 'speed' is set already, at line 1"),
		TEST_CONFIG_CASE("theme = \x1b[31m\n",
		    ":1: a control character or invalid UTF-8"),
		TEST_CONFIG_CASE("language = \xc0\xaf\n",
		    ":1: a control character or invalid UTF-8"),
		TEST_CONFIG_CASE("theme = dark\nlanguage = z\0h\n",
		    ":2: a NUL byte"),
#undef TEST_CONFIG_CASE
	};
	char	*msg;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		msg = test_config_error(cases[i].text, cases[i].len);
		if (msg == NULL)
			fail_msg("case %zu read without an error", i);
		if (strcmp(msg, cases[i].error) != 0)
			fail_msg("case %zu: '%s', not '%s'", i, msg,
			    cases[i].error);
		free(msg);
	}
}

/* A folder where the file should be is an error, not no config. */
static void
test_config_not_a_file(void **state)
{
	struct config	 cfg;
	char		*path = config_path(), *cause = NULL;
	char		*dir = xasprintf("%s/config/finwave", test_config_root);

	(void)state;
	mkdir(dir, 0700);
	mkdir(path, 0700);
	assert_int_equal(config_read(&cfg, path, &cause), -1);
	assert_non_null(strstr(cause, "is not a regular file (a directory)"));
	free(cause);
	free(dir);
	free(path);
}

/* XDG_CONFIG_HOME counts only when absolute; else ~/.config. */
static void
test_config_path(void **state)
{
	char	*path;

	(void)state;
	setenv("XDG_CONFIG_HOME", "relative", 1);
	path = config_path();
	assert_non_null(strstr(path, "/home/.config/finwave/config"));
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_config_good,
		    test_config_setup, test_config_teardown),
		cmocka_unit_test_setup_teardown(test_config_missing,
		    test_config_setup, test_config_teardown),
		cmocka_unit_test_setup_teardown(test_config_errors,
		    test_config_setup, test_config_teardown),
		cmocka_unit_test_setup_teardown(test_config_not_a_file,
		    test_config_setup, test_config_teardown),
		cmocka_unit_test_setup_teardown(test_config_path,
		    test_config_setup, test_config_teardown)
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
