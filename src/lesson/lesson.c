/*
 * lesson.c: the lesson file parser. A lesson is read line by line: the
 * lexer (lexer.c) checks a line (length, NUL bytes, UTF-8, no control
 * characters), trims it and splits it into words, and the directive its
 * first word names takes them: the lesson's own directives are here, a
 * step's in step.c, "do" in action.c, "expect", "ask" and "choice" in
 * expectation.c. The parser never prints and never exits; the first
 * problem ends it with "PATH:LINE: message" in *cause. The format is
 * described in lessons/README.md.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "lesson/lesson.h"
#include "lesson/lesson_parts.h"

#define LESSON_ENDPOINT_CHARS	LESSON_LOWER "0123456789_-"
#define LESSON_ENDPOINT_MAX	15

const char *const lesson_langs[LANG_COUNT] = {
	[LANG_EN] = "en",
	[LANG_ZH] = "zh"
};

const char *const lesson_sysctls[SYSCTL_COUNT] = {
	[SYSCTL_TCP_FIN_TIMEOUT] = "tcp_fin_timeout",
	[SYSCTL_TCP_MAX_TW_BUCKETS] = "tcp_max_tw_buckets",
	[SYSCTL_TCP_TW_REUSE] = "tcp_tw_reuse",
	[SYSCTL_TCP_RTO_MIN_US] = "tcp_rto_min_us",
	[SYSCTL_IP_LOCAL_PORT_RANGE] = "ip_local_port_range",
	[SYSCTL_TCP_TW_RECYCLE] = "tcp_tw_recycle",
	[SYSCTL_TCP_RFC1337] = "tcp_rfc1337",
	[SYSCTL_TCP_KEEPALIVE_TIME] = "tcp_keepalive_time",
	[SYSCTL_TCP_KEEPALIVE_INTVL] = "tcp_keepalive_intvl",
	[SYSCTL_TCP_KEEPALIVE_PROBES] = "tcp_keepalive_probes",
	[SYSCTL_TCP_SYN_RETRIES] = "tcp_syn_retries",
	[SYSCTL_TCP_SYNACK_RETRIES] = "tcp_synack_retries",
	[SYSCTL_TCP_ORPHAN_RETRIES] = "tcp_orphan_retries",
	[SYSCTL_TCP_MAX_SYN_BACKLOG] = "tcp_max_syn_backlog",
	[SYSCTL_TCP_ABORT_ON_OVERFLOW] = "tcp_abort_on_overflow",
	[SYSCTL_TCP_SYNCOOKIES] = "tcp_syncookies",
	[SYSCTL_TCP_TIMESTAMPS] = "tcp_timestamps"
};

/* The Linux release a sysctl came with, where it is newer than the oldest
 * kernel finwave supports (6.1, Debian 12's). */
const char *const lesson_sysctl_since[SYSCTL_COUNT] = {
	[SYSCTL_TCP_RTO_MIN_US] = "6.11"
};

static const char *const lesson_reserved[] = {
	"wire", "check", "lab", "lesson", "all", "no", "seg", "en", "zh"
};

/* Append a zeroed element to an array of n; returns the new array. Its
 * room doubles whenever n reaches a power of two, so n appends cost O(n). */
void *
lesson_grow(void *array, size_t *n, size_t size)
{
	if ((*n & (*n - 1)) == 0)
		array = xreallocarray(array, *n == 0 ? 1 : 2 * *n, size);
	memset((char *)array + *n * size, 0, size);
	(*n)++;
	return (array);
}

/* Whether s is a valid lesson id. */
int
lesson_valid_id(const char *s)
{
	return (lexer_valid_name(s, LESSON_NAME_CHARS, LESSON_NAME_CHARS,
	    LESSON_ID_MAX));
}

/* Whether a text has any language. */
int
lesson_has_text(const struct text *t)
{
	return (t->s[LANG_EN] != NULL || t->s[LANG_ZH] != NULL);
}

/* Fail unless t has every language: "missing 'WHAT zh' [in step 'S']". */
int
lesson_need_text(struct lesson_parser *p, const struct text *t,
    const char *what, const struct step *s)
{
	int	i;

	for (i = 0; i < LANG_COUNT; i++) {
		if (t->s[i] != NULL)
			continue;
		if (s == NULL) {
			return (lexer_error(p, "missing '%s %s'", what,
			    lesson_langs[i]));
		}
		return (lexer_error(p, "missing '%s %s' in step '%s'", what,
		    lesson_langs[i], s->name));
	}
	return (0);
}

/* Parse "LANG TEXT" into t; append with a newline or refuse a second one. */
int
lesson_parse_text(struct lesson_parser *p, struct text *t, const char *what,
    int append)
{
	const char	*w, *s;
	size_t		 len, need;
	int		 lang, first;

	if ((w = lexer_word(p, "language")) == NULL)
		return (-1);
	lang = lexer_lookup(lesson_langs, LANG_COUNT, w);
	if (lang == -1) {
		return (lexer_error(p, "unknown language '%s': use en or zh",
		    w));
	}
	if ((s = lexer_rest(p, "text")) == NULL)
		return (-1);
	if (placeholder_check(p, s, what) == -1)
		return (-1);
	if (t->s[lang] != NULL && !append)
		return (lexer_error(p, "duplicate '%s %s'", what, w));
	first = t->s[lang] == NULL;
	len = strlen(s);
	need = first ? len + 1 : t->len[lang] + 1 + len + 1;
	if (need > t->cap[lang]) {
		t->cap[lang] = need > 2 * t->cap[lang] ? need : 2 * t->cap[lang];
		t->s[lang] = xreallocarray(t->s[lang], t->cap[lang], 1);
	}
	if (!first)
		t->s[lang][t->len[lang]++] = '\n';
	memcpy(t->s[lang] + t->len[lang], s, len + 1);
	t->len[lang] += len;
	return (0);
}

/* Find a sysctl by name, or fail with "unknown sysctl 'NAME': use ..."
 * listing every name finwave knows. */
int
lesson_sysctl_ref(struct lesson_parser *p, const char *name)
{
	char	names[SYSCTL_COUNT * 32];
	size_t	len = 0;
	int	i;

	if ((i = lexer_lookup(lesson_sysctls, SYSCTL_COUNT, name)) != -1)
		return (i);
	for (i = 0; i < SYSCTL_COUNT && len < sizeof names; i++) {
		len += (size_t)snprintf(names + len, sizeof names - len,
		    "%s%s", i == 0 ? "" : i == SYSCTL_COUNT - 1 ? " or " :
		    ", ", lesson_sysctls[i]);
	}
	return (lexer_error(p, "unknown sysctl '%s': use %s", name, names));
}

/* Find an endpoint or fail with "unknown endpoint 'NAME'". */
int
lesson_endpoint_ref(struct lesson_parser *p, const char *name)
{
	int	i;

	if ((i = lesson_endpoint(p->l, name)) == -1)
		return (lexer_error(p, "unknown endpoint '%s'", name));
	return (i);
}

/* Add an endpoint after checking its name; returns its index or -1. */
int
lesson_add_endpoint(struct lesson_parser *p, const char *name, int by_fork)
{
	struct lesson	*l = p->l;

	if (!lexer_valid_name(name, LESSON_LOWER, LESSON_ENDPOINT_CHARS,
	    LESSON_ENDPOINT_MAX)) {
		return (lexer_error(p, "invalid endpoint name '%s': use a-z, "
		    "then a-z, 0-9, '_' and '-', at most %d", name,
		    LESSON_ENDPOINT_MAX));
	}
	if (lexer_lookup(lesson_reserved, LESSON_NITEMS(lesson_reserved),
	    name) != -1)
		return (lexer_error(p, "endpoint name '%s' is reserved",
		    name));
	if (lesson_endpoint(l, name) != -1)
		return (lexer_error(p, "duplicate endpoint '%s'", name));
	if (l->nendpoints == LESSON_MAX_ENDPOINTS)
		return (lexer_error(p, "too many endpoints (at most %d)",
		    LESSON_MAX_ENDPOINTS));
	l->endpoints = lesson_grow(l->endpoints, &l->nendpoints,
	    sizeof *l->endpoints);
	l->endpoints[l->nendpoints - 1].name = xstrdup(name);
	l->endpoints[l->nendpoints - 1].by_fork = by_fork;
	return ((int)l->nendpoints - 1);
}

/* Directive "lesson ID". */
static int
lesson_parse_id(struct lesson_parser *p)
{
	struct lesson	*l = p->l;
	const char	*id, *base;
	size_t		 n;

	if (l->id != NULL)
		return (lexer_error(p, "duplicate 'lesson'"));
	l->id_line = p->line;
	if ((id = lexer_word(p, "lesson id")) == NULL)
		return (-1);
	if (!lesson_valid_id(id)) {
		return (lexer_error(p, "invalid lesson id '%s': use a-z, 0-9 "
		    "and '-', at most %d", id, LESSON_ID_MAX));
	}
	base = strrchr(l->path, '/') != NULL ? strrchr(l->path, '/') + 1 :
	    l->path;
	n = strlen(base);
	if (n >= strlen(".lesson") &&
	    strcmp(base + n - strlen(".lesson"), ".lesson") == 0 &&
	    (strlen(id) != n - strlen(".lesson") ||
	    strncmp(id, base, strlen(id)) != 0)) {
		return (lexer_error(p, "lesson id '%s' does not match file "
		    "name '%s'", id, base));
	}
	l->id = xstrdup(id);
	return (0);
}

/* Directive "title LANG TEXT": the lesson's title, or in a step the step's. */
static int
lesson_parse_title(struct lesson_parser *p)
{
	if (p->section == LESSON_STEP) {
		return (lesson_parse_text(p, &step_current(p)->title, "title",
		    0));
	}
	return (lesson_parse_text(p, &p->l->title, "title", 0));
}

/* Directive "summary LANG TEXT". */
static int
lesson_parse_summary(struct lesson_parser *p)
{
	return (lesson_parse_text(p, &p->l->summary, "summary", 0));
}

/* Directives "chapter N" and "order N": a number from 1 to max, once. */
static int
lesson_parse_position(struct lesson_parser *p, int *field, int max)
{
	const char	*what = p->word[0];
	char		 number[32];

	if (*field != 0)
		return (lexer_error(p, "duplicate '%s'", what));
	snprintf(number, sizeof number, "%s number", what);
	return (lexer_word_number(p, number, 1, max, field));
}

/* Directive "chapter N". */
static int
lesson_parse_chapter(struct lesson_parser *p)
{
	return (lesson_parse_position(p, &p->l->chapter, 99));
}

/* Directive "chapter-title LANG TEXT". */
static int
lesson_parse_chapter_title(struct lesson_parser *p)
{
	return (lesson_parse_text(p, &p->l->chapter_title, "chapter-title",
	    0));
}

/* Directive "sandbox": no steps; the learner acts freely. */
static int
lesson_parse_sandbox(struct lesson_parser *p)
{
	if (p->l->sandbox)
		return (lexer_error(p, "duplicate 'sandbox'"));
	p->l->sandbox = 1;
	return (0);
}

/* Directive "requires sysctl NAME": the lesson needs a kernel that has
 * net.ipv4.NAME (in the lab's namespace); without it, it is skipped. */
static int
lesson_parse_requires(struct lesson_parser *p)
{
	const char	*w;
	int		 i;

	if ((w = lexer_word(p, "'sysctl'")) == NULL)
		return (-1);
	if (strcmp(w, "sysctl") != 0)
		return (lexer_error(p, "unknown requirement '%s': use "
		    "'requires sysctl NAME'", w));
	p->ctx = "sysctl";
	if ((w = lexer_word(p, "sysctl name")) == NULL)
		return (-1);
	if ((i = lesson_sysctl_ref(p, w)) == -1)
		return (-1);
	p->ctx = w;
	p->l->requires |= 1U << i;
	return (0);
}

/* Directive "order N". */
static int
lesson_parse_order(struct lesson_parser *p)
{
	p->l->order_line = p->line;
	return (lesson_parse_position(p, &p->l->order, 999));
}

/* Directive "endpoint NAME". */
static int
lesson_parse_endpoint(struct lesson_parser *p)
{
	const char	*name;

	if ((name = lexer_word(p, "endpoint name")) == NULL)
		return (-1);
	return (lesson_add_endpoint(p, name, 0) == -1 ? -1 : 0);
}

/* Directive "setup": once, before the steps. */
static int
lesson_parse_setup(struct lesson_parser *p)
{
	if (p->section == LESSON_SETUP)
		return (lexer_error(p, "duplicate 'setup'"));
	if (p->section == LESSON_STEP) {
		return (lexer_error(p, "'setup' must come before the first "
		    "'step'"));
	}
	p->section = LESSON_SETUP;
	return (0);
}

/* The directives: name, the sections they may appear in, the parser. */
static const struct lesson_directive {
	const char	*name;
	int		 where;
	int		(*parse)(struct lesson_parser *);
} lesson_directives[] = {
	{ "lesson", LESSON_TOP, lesson_parse_id },
	{ "title", LESSON_TOP|LESSON_STEP, lesson_parse_title },
	{ "summary", LESSON_TOP, lesson_parse_summary },
	{ "chapter", LESSON_TOP, lesson_parse_chapter },
	{ "chapter-title", LESSON_TOP, lesson_parse_chapter_title },
	{ "order", LESSON_TOP, lesson_parse_order },
	{ "sandbox", LESSON_TOP, lesson_parse_sandbox },
	{ "requires", LESSON_TOP, lesson_parse_requires },
	{ "endpoint", LESSON_TOP, lesson_parse_endpoint },
	{ "setup", LESSON_TOP|LESSON_SETUP|LESSON_STEP, lesson_parse_setup },
	{ "step", LESSON_TOP|LESSON_SETUP|LESSON_STEP, step_parse },
	{ "do", LESSON_SETUP|LESSON_STEP, action_do },
	{ "key", LESSON_STEP, step_key },
	{ "say", LESSON_STEP, step_say },
	{ "after", LESSON_STEP, step_after },
	{ "expect", LESSON_SETUP|LESSON_STEP, expectation_line },
	{ "ask", LESSON_STEP, expectation_ask },
	{ "choice", LESSON_STEP, expectation_choice },
	{ "while", LESSON_STEP, step_while }
};

/* Run the directive a line's words name, if it may appear here. */
static int
lesson_directive(struct lesson_parser *p)
{
	const struct lesson_directive	*d = NULL;
	size_t				 i;

	for (i = 0; i < LESSON_NITEMS(lesson_directives); i++) {
		if (strcmp(lesson_directives[i].name, p->word[0]) == 0)
			d = &lesson_directives[i];
	}
	if (d == NULL)
		return (lexer_error(p, "unknown directive '%s'", p->word[0]));
	if ((d->where & p->section) == 0) {
		if (d->where == LESSON_TOP) {
			return (lexer_error(p, "'%s' must come before 'setup' "
			    "and the first 'step'", d->name));
		}
		if (d->where == LESSON_STEP)
			return (lexer_error(p, "'%s' outside a step",
			    d->name));
		return (lexer_error(p, "'%s' outside 'setup' or a step",
		    d->name));
	}
	p->next = 1;
	p->ctx = d->name;
	if (d->parse(p) == -1)
		return (-1);
	return (lexer_end(p));
}

/*
 * Check what can only be checked at the end: the lesson's required
 * directives (reported at the last line, 1 in an empty file) and the last
 * step (at its "step" line).
 */
static int
lesson_finish(struct lesson_parser *p, int last)
{
	struct lesson	*l = p->l;

	p->line = last > 0 ? last : 1;
	if (l->id == NULL)
		return (lexer_error(p, "missing 'lesson'"));
	if (lesson_need_text(p, &l->title, "title", NULL) == -1 ||
	    lesson_need_text(p, &l->summary, "summary", NULL) == -1)
		return (-1);
	if (lesson_has_text(&l->chapter_title) && lesson_need_text(p,
	    &l->chapter_title, "chapter-title", NULL) == -1)
		return (-1);
	if (l->nendpoints == 0)
		return (lexer_error(p, "missing 'endpoint'"));
	if (l->sandbox) {
		if (l->nsteps > 0) {
			p->line = l->steps[0].line;
			return (lexer_error(p, "a 'sandbox' lesson has no "
			    "steps"));
		}
		return (0);
	}
	if (l->nsteps == 0)
		return (lexer_error(p, "missing 'step'"));
	return (step_check(p, step_current(p)));
}

/* Parse a lesson from buf; on error return NULL and set *cause. */
struct lesson *
lesson_parse(const char *path, const char *buf, size_t len, char **cause)
{
	struct lesson_parser	*p;
	struct lesson		*l;
	const char		*nl;
	size_t			 pos = 0, n;
	int			 r = 0, line = 0;

	p = xcalloc(1, sizeof *p);
	l = p->l = xcalloc(1, sizeof *l);
	l->path = xstrdup(path);
	p->section = LESSON_TOP;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	while (r == 0 && pos < len) {
		nl = memchr(buf + pos, '\n', len - pos);
		n = nl == NULL ? len - pos : (size_t)(nl - (buf + pos));
		p->line = ++line;
		r = lexer_line(p, buf + pos, n);
		if (r == 0 && p->nwords > 0)
			r = lesson_directive(p);
		pos += n + 1;
	}
	if (r == 0)
		r = lesson_finish(p, line);
	if (r == -1) {
		*cause = p->cause;
		lesson_free(l);
		l = NULL;
	}
	free(p);
	return (l);
}

/* Whether path names a regular file (links followed); -1 and *cause. */
int
lesson_regular_file(const char *path, char **cause)
{
	struct stat	st;

	if (stat(path, &st) == -1) {
		*cause = xasprintf("%s: cannot open: %s", path,
		    strerror(errno));
		return (-1);
	}
	return (lexer_need_regular(path, &st, cause));
}

/* Read and parse a lesson file (lexer_read). */
struct lesson *
lesson_load(const char *path, char **cause)
{
	struct lesson	*l;
	char		*buf;
	size_t		 len;

	if ((buf = lexer_read(path, &len, cause)) == NULL)
		return (NULL);
	l = lesson_parse(path, buf, len, cause);
	free(buf);
	return (l);
}

/* Free the languages of a text. */
static void
lesson_free_text(struct text *t)
{
	int	i;

	for (i = 0; i < LANG_COUNT; i++)
		free(t->s[i]);
}

/* Free an array of actions. */
static void
lesson_free_actions(struct action *a, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(a[i].text);
		free(a[i].value);
	}
	free(a);
}

/* Free a step's question and choices. */
static void
lesson_free_prediction(struct prediction *q)
{
	size_t	i;

	if (q == NULL)
		return;
	lesson_free_text(&q->question);
	for (i = 0; i < q->nchoices; i++)
		lesson_free_text(&q->choices[i].text);
	free(q->choices);
	free(q);
}

/* Free a lesson and everything it owns, complete or not. */
void
lesson_free(struct lesson *l)
{
	struct step	*s;
	size_t		 i;

	if (l == NULL)
		return;
	free(l->path);
	free(l->id);
	lesson_free_text(&l->title);
	lesson_free_text(&l->summary);
	lesson_free_text(&l->chapter_title);
	for (i = 0; i < l->nendpoints; i++)
		free(l->endpoints[i].name);
	free(l->endpoints);
	lesson_free_actions(l->setup, l->nsetup);
	free(l->setup_expects);
	for (i = 0; i < l->nsteps; i++) {
		s = &l->steps[i];
		free(s->name);
		lesson_free_text(&s->title);
		lesson_free_text(&s->say);
		lesson_free_text(&s->after);
		lesson_free_actions(s->actions, s->nactions);
		free(s->expects);
		lesson_free_prediction(s->ask);
		if (s->deadline != NULL)
			lesson_free_text(&s->deadline->purpose);
		free(s->deadline);
	}
	free(l->steps);
	free(l);
}

/* The text in lang, else in English, else "". */
const char *
lesson_text(const struct text *t, enum lang lang)
{
	if (t->s[lang] != NULL)
		return (t->s[lang]);
	return (t->s[LANG_EN] != NULL ? t->s[LANG_EN] : "");
}

/* The index of the endpoint called name, or -1. */
int
lesson_endpoint(const struct lesson *l, const char *name)
{
	size_t	i;

	for (i = 0; i < l->nendpoints; i++) {
		if (strcmp(l->endpoints[i].name, name) == 0)
			return ((int)i);
	}
	return (-1);
}

/* The name of a sysctl under /proc/sys/net/ipv4. */
const char *
lesson_sysctl_name(enum sysctl_name n)
{
	return (lesson_sysctls[n]);
}

/* The release a sysctl newer than Linux 6.1 came with, or NULL. */
const char *
lesson_sysctl_since_release(enum sysctl_name n)
{
	return (lesson_sysctl_since[n]);
}

/* The name of a wire rule's segment kind, as lessons write it. */
const char *
lesson_wire_kind_name(enum wire_kind kind)
{
	return (action_wire_kinds[kind]);
}

/* The name of a reading, as lessons write it ("recv-q"). */
const char *
lesson_reading_name(enum expect_reading reading)
{
	return (expectation_readings[reading]);
}

/* The name of what the wire did, as lessons write it. */
const char *
lesson_wire_op_name(enum wire_op op)
{
	return (expectation_wire_ops[op]);
}
