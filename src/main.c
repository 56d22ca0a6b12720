/*
 * main.c: the command line. It chooses a mode and wires the modules
 * together; everything else lives in the modules.
 */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/crash.h"
#include "base/textw.h"
#include "base/xmalloc.h"
#include "lesson/catalog.h"
#include "lesson/config.h"
#include "lesson/language.h"
#include "run/check.h"
#include "run/play.h"
#include "share/share.h"
#include "tui/session.h"
#include "tui/ui.h"

#ifndef FINWAVE_VERSION
#define FINWAVE_VERSION "0.1.0"
#endif

#define MAIN_EXIT_USAGE	2

/* What play saves of the run, and in which language. */
struct main_share {
	struct share_files	files;
	enum lang		lang;
};

static const char main_usage[] =
"Usage: finwave [OPTION]... [LESSON]\n"
"  or:  finwave list\n"
"  or:  finwave play LESSON [OPTION]...\n"
"  or:  finwave check [OPTION]... [LESSON]...\n"
"  or:  finwave lint LESSON...\n"
"Watch real TCP connections end, one lesson at a time: a real client and\n"
"server in a network namespace of their own, and what their kernel did.\n"
"\n"
"With no command, the interactive view: the lesson menu, or LESSON.\n"
"  list             one line per lesson: its id and title\n"
"  play             run LESSON headless, pressing each step's key, and print\n"
"                   its transcript (TIME ACTOR KIND DETAILS)\n"
"  check            run lessons headless (all by default) and judge every\n"
"                   expectation against the kernel\n"
"  lint             parse lesson files without running them\n"
"\n"
"Options:\n"
"      --lang=en|zh     the language (else the config, else the locale)\n"
"      --theme=THEME    dark (default), light, high-contrast or mono\n"
"      --speed=X        the view's animation speed: 0.25, 0.5, 1, 2 or 4\n"
"      --pace=SECONDS   play, check: wait 0 to 600 s before each step\n"
"      --settle=RULE    play, check: judge a step once the wire is still\n"
"                       (wire, the default) or after 300 ms of quiet (quiet)\n"
"  -j, --jobs=N         check: lessons at a time (default: the CPUs)\n"
"      --pcap=FILE      play: the frames, as pcap\n"
"      --pcapng=FILE    play: the frames, each commented with its step\n"
"      --svg=FILE       play: the run's ladder as an SVG picture\n"
"      --html=FILE      play: a page that replays the run step by step\n"
"      --diagram        play: the ladder as text on stdout\n"
"      --help           show this help and exit\n"
"      --version        show the version and licence and exit\n"
"\n"
"LESSON is an id, a path to a .lesson file, or (check, lint) a folder of\n"
"them. The config file is $XDG_CONFIG_HOME/finwave/config (by default\n"
"~/.config/finwave/config): theme, language, speed; see finwave(1).\n"
"Exit status: 0 success; 1 an expectation did not hold, or a runtime\n"
"failure; 2 bad usage, a bad lesson file or a bad config file.\n"
"\n"
"Report bugs to: <" FINWAVE_BUGS ">\n";

static const char main_version[] =
"finwave " FINWAVE_VERSION "\n"
"Copyright (C) 2026 The finwave authors\n"
"License ISC: <https://spdx.org/licenses/ISC.html>\n"
"This is free software: you are free to change and redistribute it.\n"
"There is NO WARRANTY, to the extent permitted by law.\n";

/* Say what is wrong and where help is, and return the usage exit status. */
static int
main_bad_usage(const char *msg)
{
	if (msg != NULL)
		fprintf(stderr, "finwave: %s\n", msg);
	fputs("Try 'finwave --help' for more information.\n", stderr);
	return (MAIN_EXIT_USAGE);
}

/* The user's locale; where it is not installed here but names UTF-8
 * (LANG=zh_CN.UTF-8 on a machine without that locale), C.UTF-8 for the
 * characters, so the text is still drawn in UTF-8. */
static void
main_locale(void)
{
	if (setlocale(LC_ALL, "") == NULL && language_utf8(getenv))
		setlocale(LC_CTYPE, "C.UTF-8");
}

/* Load lessons, printing why each file skipped was; returns 0, or the
 * exit status when nothing loaded, or anything was skipped and the
 * command needs every lesson it named (play). */
static int
main_load(struct catalog *cat, char **names, size_t n, int every)
{
	size_t	i;

	if (catalog_load(cat, names, n) == 0)
		return (0);
	for (i = 0; i < cat->nskipped; i++)
		fprintf(stderr, "%s\n", cat->skipped[i]);
	if (cat->n > 0 && !every)
		return (0);
	catalog_free(cat);
	return (MAIN_EXIT_USAGE);
}

/* finwave list. */
static int
main_list(enum lang lang)
{
	struct catalog	 cat;
	char		*title;
	size_t		 i;
	int		 r;

	if ((r = main_load(&cat, NULL, 0, 0)) != 0)
		return (r);
	for (i = 0; i < cat.n; i++) {
		title = textw_escape(lesson_text(&cat.lessons[i]->title, lang),
		    0);
		printf("%-24s %s\n", cat.lessons[i]->id, title);
		free(title);
	}
	catalog_free(&cat);
	return (0);
}

/* Write the forms of the run play was asked for. */
static int
main_share(const struct lesson *l, const struct timeline *tl,
    const struct framelog *frames, void *arg, char **cause)
{
	struct share_run	run;

	memset(&run, 0, sizeof run);
	run.lesson = l;
	run.lang = ((const struct main_share *)arg)->lang;
	run.tl = tl;
	run.upto = timeline_count(tl);
	run.frames = frames;
	return (share_write_files(&run, &((const struct main_share *)arg)->files,
	    cause));
}

/* finwave play LESSON: its transcript on stdout, or its text ladder
 * with --diagram; the files asked for once it has ended. */
static int
main_play(char *name, struct play_options *opts, struct main_share *ms)
{
	struct catalog		cat;
	struct play_result	res;
	char			*cause;
	int			r;

	if ((r = main_load(&cat, &name, 1, 1)) != 0)
		return (r);
	if (share_wanted(&ms->files)) {
		if ((r = share_files_check(&ms->files, opts->pcap_path,
		    &cause)) != 0) {
			fprintf(stderr, "finwave: %s\n", cause);
			free(cause);
			catalog_free(&cat);
			return (r == -2 ? MAIN_EXIT_USAGE : 1);
		}
		ms->lang = opts->lang;
		opts->save = main_share;
		opts->save_arg = ms;
	}
	r = play_run(cat.lessons[0], opts, ms->files.diagram != NULL ? NULL :
	    stdout, &res);
	/* A write that failed while the run went on is still marked on
	 * the stream, though its errno is long gone. */
	errno = 0;
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "finwave: %s: the %s could not be written to "
		    "stdout%s%s\n", cat.lessons[0]->id, ms->files.diagram !=
		    NULL ? "text ladder" : "transcript", errno != 0 ? ": " : "",
		    errno != 0 ? strerror(errno) : "");
		r = 1;
	}
	if (res.error != NULL)
		fprintf(stderr, "finwave: %s: %s\n", cat.lessons[0]->id,
		    res.error);
	if (res.failures > 0 || res.not_reached > 0)
		fprintf(stderr, "finwave: %s: of %d checks, %d failed and %d "
		    "were not reached:\n%s", cat.lessons[0]->id, res.checks,
		    res.failures, res.not_reached, res.report);
	free(res.report);
	free(res.error);
	catalog_free(&cat);
	return (r);
}

/* finwave check [LESSON...]: the lessons that load run; any that did not
 * make it exit 2 once they have. */
static int
main_check(char **names, size_t n, int jobs, const struct play_options *po)
{
	struct catalog	cat;
	int		r;

	if ((r = main_load(&cat, names, n, 0)) != 0)
		return (r);
	r = check_run(&cat, jobs, po, stdout);
	if (cat.nskipped > 0)
		r = MAIN_EXIT_USAGE;
	catalog_free(&cat);
	return (r);
}

/* finwave lint NAME...: parse each lesson without a lab, and ask whether
 * it would clash with the catalogue; every file is reported. */
static int
main_lint(char **names, size_t n)
{
	struct catalog	 all, one;
	char		*cause;
	size_t		 i, j;
	int		 bad = 0;

	catalog_load(&all, NULL, 0);
	for (i = 0; i < n; i++) {
		catalog_load(&one, &names[i], 1);
		for (j = 0; j < one.nskipped; j++, bad++)
			fprintf(stderr, "%s\n", one.skipped[j]);
		for (j = 0; j < one.n; j++) {
			if (catalog_clash(&all, one.lessons[j], &cause) == -1) {
				fprintf(stderr, "%s\n", cause);
				free(cause);
				bad++;
			} else
				printf("%s: ok\n", one.lessons[j]->path);
		}
		catalog_free(&one);
	}
	catalog_free(&all);
	return (bad > 0 ? MAIN_EXIT_USAGE : 0);
}

/* finwave [LESSON]: the interactive view. */
static int
main_tui(char *name, const struct language *lang, const struct ui_options *uo)
{
	struct catalog	 cat;
	struct lesson	*one;
	char		*path, *cause;
	int		 r, open = -1;
	size_t		 i;

	/* The menu shows what was skipped; curses would wipe it off stderr. */
	if (catalog_load(&cat, NULL, 0) == -1 && cat.n == 0) {
		fprintf(stderr, "%s\n", cat.skipped[0]);
		catalog_free(&cat);
		return (MAIN_EXIT_USAGE);
	}
	if (name != NULL) {
		if ((path = catalog_find(name, &cause)) == NULL) {
			fprintf(stderr, "%s\n", cause);
			free(cause);
			catalog_free(&cat);
			return (MAIN_EXIT_USAGE);
		}
		if ((one = lesson_load(path, &cause)) == NULL) {
			fprintf(stderr, "%s\n", cause);
			free(cause);
			free(path);
			catalog_free(&cat);
			return (MAIN_EXIT_USAGE);
		}
		free(path);
		for (i = 0; i < cat.n && open == -1; i++) {
			if (strcmp(cat.lessons[i]->id, one->id) == 0 &&
			    strcmp(cat.lessons[i]->path, one->path) == 0)
				open = (int)i;
		}
		if (open == -1) {
			catalog_add(&cat, one);
			open = (int)cat.n - 1;
		} else
			lesson_free(one);
	}
	r = ui_run(&cat, open, lang, uo);
	catalog_free(&cat);
	return (r);
}

/* What the command line left open, from the config file: the theme and
 * the speed (and its language, for language_choose); then NO_COLOR, which yields to a theme either
 * names (no-color.org). 0, or the exit status of a bad config. */
static int
main_config(int *theme, int *speed, char **config_lang)
{
	struct config	 cfg;
	const char	*nc = getenv("NO_COLOR");
	char		*path = config_path(), *cause;
	const char	*v;
	int		 r = 0;

	*config_lang = NULL;
	if (config_read(&cfg, path, &cause) == -1) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		free(path);
		return (MAIN_EXIT_USAGE);
	}
	free(path);
	if ((v = cfg.value[CONFIG_LANGUAGE]) != NULL) {
		if (strcmp(v, "en") != 0 && strcmp(v, "zh") != 0) {
			fprintf(stderr, "%s:%d: language is en or zh\n",
			    cfg.path, cfg.line[CONFIG_LANGUAGE]);
			r = MAIN_EXIT_USAGE;
		} else
			*config_lang = xstrdup(v);
	}
	if ((v = cfg.value[CONFIG_THEME]) != NULL && r == 0) {
		if (theme_parse(v) == -1) {
			fprintf(stderr, "%s:%d: theme is dark, light, "
			    "high-contrast or mono\n", cfg.path,
			    cfg.line[CONFIG_THEME]);
			r = MAIN_EXIT_USAGE;
		} else if (*theme == -1)
			*theme = theme_parse(v);
	}
	if ((v = cfg.value[CONFIG_SPEED]) != NULL && r == 0) {
		if (session_speed_parse(v) == -1) {
			fprintf(stderr, "%s:%d: speed is 0.25, 0.5, 1, 2 or 4\n",
			    cfg.path, cfg.line[CONFIG_SPEED]);
			r = MAIN_EXIT_USAGE;
		} else if (*speed == -1)
			*speed = session_speed_parse(v);
	}
	config_free(&cfg);
	if (*theme == -1)
		*theme = nc != NULL && nc[0] != '\0' ? THEME_MONO : THEME_DARK;
	if (*speed == -1)
		*speed = 100;
	return (r);
}

/* Choose the mode. */
int
main(int argc, char **argv)
{
	static const struct option	longopts[] = {
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ "lang",	required_argument,	NULL, 'L' },
		{ "pcap",	required_argument,	NULL, 'p' },
		{ "jobs",	required_argument,	NULL, 'j' },
		{ "theme",	required_argument,	NULL, 'T' },
		{ "speed",	required_argument,	NULL, 's' },
		{ "pace",	required_argument,	NULL, 'P' },
		{ "settle",	required_argument,	NULL, 'S' },
		{ "svg",	required_argument,	NULL, 'g' },
		{ "html",	required_argument,	NULL, 'H' },
		{ "pcapng",	required_argument,	NULL, 'n' },
		{ "diagram",	no_argument,		NULL, 'd' },
		{ NULL,		0,			NULL, 0 }
	};
	struct play_options		 play;
	struct main_share		 share;
	struct language			 lang;
	const char			*lang_option = NULL;
	struct ui_options		 uo;
	int				 theme = -1;	/* not given */
	int				 speed = -1;	/* not given */
	char				*config_lang;
	const char			*pcap = NULL;
	char				*cmd;
	char				*end;
	long				 jobs = sysconf(_SC_NPROCESSORS_ONLN);
	double				 pace = -1;	/* not given */
	int				 settle = -1;	/* not given */
	int				 ch;

	memset(&play, 0, sizeof play);
	memset(&share, 0, sizeof share);
	main_locale();
	crash_init();
	/* GNU getopt permutes: options may come before or after the command. */
	while ((ch = getopt_long(argc, argv, "hVj:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			fputs(main_usage, stdout);
			return (0);
		case 'V':
			fputs(main_version, stdout);
			return (0);
		case 's':
			if ((speed = session_speed_parse(optarg)) == -1)
				return (main_bad_usage("--speed is 0.25, 0.5, 1, "
				    "2 or 4"));
			break;
		case 'L':
			if (strcmp(optarg, "en") != 0 &&
			    strcmp(optarg, "zh") != 0)
				return (main_bad_usage("--lang is en or zh"));
			lang_option = optarg;
			break;
		case 'p':
			pcap = optarg;
			break;
		case 'g':
			share.files.svg = optarg;
			break;
		case 'H':
			share.files.html = optarg;
			break;
		case 'n':
			share.files.pcapng = optarg;
			break;
		case 'd':
			share.files.diagram = stdout;
			break;
		case 'T':
			if ((theme = theme_parse(optarg)) == -1)
				return (main_bad_usage("--theme is dark, light, "
				    "high-contrast or mono"));
			break;
		case 'P':
			pace = strtod(optarg, &end);
			if (end == optarg || *end != '\0' || !(pace >= 0) ||
			    pace > 600)
				return (main_bad_usage("--pace takes 0 to 600 "
				    "seconds"));
			break;
		case 'S':
			if (strcmp(optarg, "wire") == 0)
				settle = SETTLE_WIRE;
			else if (strcmp(optarg, "quiet") == 0)
				settle = SETTLE_QUIET;
			else
				return (main_bad_usage("--settle is wire or "
				    "quiet"));
			break;
		case 'j':
			jobs = strtol(optarg, &end, 10);
			if (*end != '\0' || jobs < 1 || jobs > 64)
				return (main_bad_usage("-j takes 1 to 64"));
			break;
		default:
			return (main_bad_usage(NULL));
		}
	}
	cmd = optind < argc ? argv[optind] : NULL;
	if ((ch = main_config(&theme, &speed, &config_lang)) != 0)
		return (ch);
	lang = language_choose(lang_option, config_lang, getenv);
	free(config_lang);
	if (pace >= 0 && (cmd == NULL || (strcmp(cmd, "play") != 0 &&
	    strcmp(cmd, "check") != 0)))
		return (main_bad_usage("--pace is for play and check"));
	if (settle != -1 && (cmd == NULL || (strcmp(cmd, "play") != 0 &&
	    strcmp(cmd, "check") != 0)))
		return (main_bad_usage("--settle is for play and check"));
	if (share_wanted(&share.files) && (cmd == NULL ||
	    strcmp(cmd, "play") != 0))
		return (main_bad_usage("--svg, --html, --pcapng and --diagram "
		    "are for play"));
	uo.theme = (enum theme_name)theme;
	uo.speed = speed;
	if (cmd == NULL)
		return (main_tui(NULL, &lang, &uo));
	argc -= optind + 1;
	argv += optind + 1;

	if (strcmp(cmd, "list") == 0 && argc == 0)
		return (main_list(lang.lang));
	play.lang = lang.lang;
	play.pcap_path = pcap;
	play.pace_ms = pace < 0 ? 0 : (unsigned)(pace * 1000.0 + 0.5);
	play.settle = settle == -1 ? SETTLE_WIRE : (enum settle_rule)settle;
	if (strcmp(cmd, "play") == 0 && argc == 1)
		return (main_play(argv[0], &play, &share));
	if (strcmp(cmd, "check") == 0)
		return (main_check(argv, (size_t)argc, (int)jobs, &play));
	if (strcmp(cmd, "lint") == 0 && argc > 0)
		return (main_lint(argv, (size_t)argc));
	if (argc == 0 && strcmp(cmd, "list") != 0 && strcmp(cmd, "play") != 0 &&
	    strcmp(cmd, "lint") != 0)
		return (main_tui(cmd, &lang, &uo));
	return (main_bad_usage(NULL));
}
