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
#include "lesson/language.h"
#include "run/check.h"
#include "run/play.h"
#include "share/share.h"
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
"usage: finwave [--lang en|zh] [--theme THEME] [LESSON]\n"
"       finwave list [--lang en|zh]\n"
"       finwave play LESSON [--pcap FILE] [--lang en|zh] [--pace SECONDS]\n"
"                    [--settle wire|quiet] [--svg FILE] [--html FILE]\n"
"                    [--pcapng FILE] [--diagram]\n"
"       finwave check [-j N] [--pace SECONDS] [--settle wire|quiet] [LESSON...]\n"
"       finwave --help | --version\n"
"\n"
"  (no command)  the interactive view: the lesson menu, or LESSON;\n"
"                THEME is dark (default), light, high-contrast or mono\n"
"                (mono also when NO_COLOR is set)\n"
"  list          one line per lesson: id and title\n"
"  play          run a lesson headless, pressing each step's key, and\n"
"                print its transcript (TIME ACTOR KIND DETAILS)\n"
"                --svg: the run's ladder as an SVG picture; --html: a page\n"
"                that replays it step by step; --pcapng: its frames, each\n"
"                with a comment naming its step and the states it led to;\n"
"                --diagram: the ladder as text on stdout (for the\n"
"                transcript); in the view, S saves all of them\n"
"  check         run lessons headless, N at a time (default: the number of\n"
"                CPUs), and judge every expectation against the kernel\n"
"  --pace        wait SECONDS (0 to 600) before each step, as a slow reader\n"
"                would, but never past a step's deadline\n"
"  --settle      when a step is judged: wire (default) as soon as nothing\n"
"                more can happen without a timer or a key; quiet, the old\n"
"                rule, after 300 ms with nothing on the wire or in the kernel\n"
"  --lang        the language; without it, as gettext chooses: LANGUAGE\n"
"                (unless the locale is C), LC_ALL, LC_MESSAGES, LANG;\n"
"                Traditional Chinese locales get Simplified Chinese\n"
"\n"
"LESSON is an id (looked up in ./lessons, then the installed lessons) or a\n"
"path to a .lesson file. Exit status: 0 success, 1 an expectation did not\n"
"hold or a runtime failure, 2 bad usage or a bad lesson file.\n";

/* Print usage to stderr and return the usage exit status. */
static int
main_bad_usage(const char *msg)
{
	if (msg != NULL)
		fprintf(stderr, "finwave: %s\n", msg);
	fputs(main_usage, stderr);
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
main_tui(char *name, const struct language *lang, enum theme_name theme)
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
	r = ui_run(&cat, open, lang, theme);
	catalog_free(&cat);
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
	int				 theme = THEME_DARK;
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
			printf("finwave %s\n", FINWAVE_VERSION);
			return (0);
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
	lang = language_choose(lang_option, NULL, getenv);
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
	if (cmd == NULL)
		return (main_tui(NULL, &lang, (enum theme_name)theme));
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
		return (main_tui(cmd, &lang, (enum theme_name)theme));
	return (main_bad_usage(NULL));
}
