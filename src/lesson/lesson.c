/*
 * lesson.c: the lesson file parser. A lesson is read line by line: a line is
 * checked (length, NUL bytes, UTF-8, no control characters), trimmed, split
 * into words, and handed to the handler of its first word. The parser never
 * prints and never exits; the first problem ends it with "PATH:LINE:
 * message" in *cause. The format is described in lessons/README.md.
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xmalloc.h"
#include "lesson/lesson.h"

#define LESSON_FILE_MAX		(1024 * 1024)
#define LESSON_LINE_MAX		4096
#define LESSON_WORDS_MAX	(LESSON_LINE_MAX / 2 + 1)
#define LESSON_BLANKS		" \t\r"
#define LESSON_LOWER		"abcdefghijklmnopqrstuvwxyz"
#define LESSON_NAME_CHARS	LESSON_LOWER "0123456789-"
#define LESSON_ENDPOINT_CHARS	LESSON_LOWER "0123456789_-"
#define LESSON_ENDPOINT_MAX	15
#define LESSON_UI_KEYS		"q?ReDLwxp+-=/0123456789"
#define LESSON_NITEMS(a)	(sizeof (a) / sizeof (a)[0])

/* Where a directive may appear: bits of the section the parser is in. */
enum lesson_section {
	LESSON_TOP = 1,		/* before setup and the first step */
	LESSON_SETUP = 2,
	LESSON_STEP = 4
};

struct lesson_parser {
	struct lesson		*l;
	char			*cause;
	int			 line;
	enum lesson_section	 section;
	const char		*ctx;	/* extra words: "unexpected after" it */
	char			 text[LESSON_LINE_MAX + 1];	/* the line */
	char			 words[LESSON_LINE_MAX + 1];	/* split */
	char			*word[LESSON_WORDS_MAX];
	size_t			 off[LESSON_WORDS_MAX];	/* of word[i] in text */
	size_t			 nwords;
	size_t			 next;	/* the first word not yet consumed */
	int			 nlistens;	/* "listen" actions so far */
};

static const char *const lesson_langs[LANG_COUNT] = {
	[LANG_EN] = "en",
	[LANG_ZH] = "zh"
};

static const char *const lesson_sysctls[SYSCTL_COUNT] = {
	[SYSCTL_TCP_FIN_TIMEOUT] = "tcp_fin_timeout",
	[SYSCTL_TCP_MAX_TW_BUCKETS] = "tcp_max_tw_buckets",
	[SYSCTL_TCP_TW_REUSE] = "tcp_tw_reuse",
	[SYSCTL_TCP_RTO_MIN_US] = "tcp_rto_min_us",
	[SYSCTL_IP_LOCAL_PORT_RANGE] = "ip_local_port_range",
	[SYSCTL_TCP_TW_RECYCLE] = "tcp_tw_recycle"
};

/* The Linux release a sysctl came with, where it is newer than the oldest
 * kernel finwave supports (6.1, Debian 12's). */
static const char *const lesson_sysctl_since[SYSCTL_COUNT] = {
	[SYSCTL_TCP_RTO_MIN_US] = "6.11"
};

static const char *const lesson_reserved[] = {
	"wire", "check", "lab", "lesson", "all", "no", "seg"
};

static const struct {
	const char	*name;
	int		 err;
} lesson_errnos[] = {
	{ "EPIPE", EPIPE },
	{ "ECONNRESET", ECONNRESET },
	{ "EADDRINUSE", EADDRINUSE },
	{ "EADDRNOTAVAIL", EADDRNOTAVAIL },
	{ "EAGAIN", EAGAIN },
	{ "EMFILE", EMFILE },
	{ "ENFILE", ENFILE },
	{ "ENOTCONN", ENOTCONN },
	{ "ECONNREFUSED", ECONNREFUSED },
	{ "EBADF", EBADF },
	{ "EINVAL", EINVAL },
	{ "ETIMEDOUT", ETIMEDOUT },
	{ "EINPROGRESS", EINPROGRESS },
	{ "EISCONN", EISCONN },
	{ "EINTR", EINTR },
	{ "ENOBUFS", ENOBUFS },
	{ "ENOENT", ENOENT }
};

static int	lesson_error(struct lesson_parser *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/* Set the error, "PATH:LINE: message", at the line being parsed; -1. */
static int
lesson_error(struct lesson_parser *p, const char *fmt, ...)
{
	va_list	ap;
	char	msg[3 * LESSON_LINE_MAX];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	free(p->cause);
	p->cause = xasprintf("%s:%d: %s", p->l->path, p->line, msg);
	return (-1);
}

/* Append a zeroed element to an array of n; returns the new array. */
static void *
lesson_grow(void *array, size_t *n, size_t size)
{
	array = xreallocarray(array, *n + 1, size);
	memset((char *)array + *n * size, 0, size);
	(*n)++;
	return (array);
}

/* Decode one UTF-8 character of s (len bytes left) into *c; returns its
 * length, or 0 when it is not valid UTF-8 (overlong forms, surrogates and
 * anything above U+10FFFF included). */
static size_t
lesson_utf8_char(const unsigned char *s, size_t len, uint32_t *c)
{
	size_t	k, n;

	*c = s[0];
	if (*c < 0x80)
		return (1);
	if (*c >= 0xc2 && *c <= 0xdf)
		n = 1;
	else if (*c >= 0xe0 && *c <= 0xef)
		n = 2;
	else if (*c >= 0xf0 && *c <= 0xf4)
		n = 3;
	else
		return (0);
	if (len <= n)
		return (0);
	*c &= 0x3f >> n;
	for (k = 1; k <= n; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return (0);
		*c = (*c << 6) | (s[k] & 0x3f);
	}
	if ((n == 2 && *c < 0x800) || (n == 3 && *c < 0x10000) ||
	    *c > 0x10ffff || (*c >= 0xd800 && *c <= 0xdfff))
		return (0);
	return (n + 1);
}

/*
 * Check a raw line's characters in one pass: valid UTF-8, and nothing that
 * would act on a terminal or hide in a message rather than show: no C0
 * control but TAB (and the CR of a CRLF line end), no DEL, no C1 control
 * U+0080..U+009F, no byte order mark after the start of the file, no
 * control that reorders bidirectional text.
 */
static int
lesson_check_chars(struct lesson_parser *p, const unsigned char *s, size_t n)
{
	size_t		i, k;
	uint32_t	c;

	for (i = 0; i < n; i += k) {
		if ((k = lesson_utf8_char(s + i, n - i, &c)) == 0)
			return (lesson_error(p, "invalid UTF-8"));
		if ((c < 0x20 && c != '\t' && !(c == '\r' && i + 1 == n)) ||
		    (c >= 0x7f && c < 0xa0))
			return (lesson_error(p, "control character U+%04X: a "
			    "lesson cannot carry terminal controls", c));
		if (c == 0xfeff)
			return (lesson_error(p, "a byte order mark (U+FEFF) "
			    "after the start of the file"));
		if (c == 0x200e || c == 0x200f || (c >= 0x202a &&
		    c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
			return (lesson_error(p, "bidirectional control U+%04X: "
			    "it would reorder the text on screen", c));
	}
	return (0);
}

/* Whether s is 1..max characters of set, the first one of first. */
static int
lesson_valid_name(const char *s, const char *first, const char *set,
    size_t max)
{
	size_t	n = strlen(s);

	return (n >= 1 && n <= max && strchr(first, s[0]) != NULL &&
	    s[strspn(s, set)] == '\0');
}

/* Whether s is a valid lesson id. */
int
lesson_valid_id(const char *s)
{
	return (lesson_valid_name(s, LESSON_NAME_CHARS, LESSON_NAME_CHARS,
	    LESSON_ID_MAX));
}

/* The index of s in a table of n strings, or -1. */
static int
lesson_lookup(const char *const *table, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(table[i], s) == 0)
			return ((int)i);
	}
	return (-1);
}

/* The next word, without consuming it; NULL at the end of the line. */
static char *
lesson_peek(struct lesson_parser *p)
{
	return (p->next < p->nwords ? p->word[p->next] : NULL);
}

/* Consume the next word if it is w; returns whether it was. */
static int
lesson_eat(struct lesson_parser *p, const char *w)
{
	const char	*next = lesson_peek(p);

	if (next == NULL || strcmp(next, w) != 0)
		return (0);
	p->next++;
	return (1);
}

/* Consume the next word; when there is none, "missing WHAT after 'PREV'". */
static char *
lesson_word(struct lesson_parser *p, const char *what)
{
	if (p->next >= p->nwords) {
		lesson_error(p, "missing %s after '%s'", what,
		    p->word[p->nwords - 1]);
		return (NULL);
	}
	return (p->word[p->next++]);
}

/* Consume the rest of the line as a text (inner blanks kept; a TAB, which
 * each terminal and view would space differently, is refused). */
static const char *
lesson_rest(struct lesson_parser *p, const char *what)
{
	const char	*s;

	if (lesson_word(p, what) == NULL)
		return (NULL);
	s = p->text + p->off[p->next - 1];
	p->next = p->nwords;
	if (strchr(s, '\t') != NULL) {
		lesson_error(p, "a TAB inside a text: use spaces");
		return (NULL);
	}
	return (s);
}

/* Fail if words are left: "unexpected 'W' after 'CTX'". */
static int
lesson_end(struct lesson_parser *p)
{
	const char	*w = lesson_peek(p);

	if (w != NULL)
		return (lesson_error(p, "unexpected '%s' after '%s'", w,
		    p->ctx));
	return (0);
}

/* Parse s as a decimal integer in min..max. */
static int
lesson_number(struct lesson_parser *p, const char *s, const char *what,
    int min, int max, int *out)
{
	const char	*digits = s + (*s == '-');
	long		 v;

	if (*digits == '\0' || digits[strspn(digits, "0123456789")] != '\0')
		return (lesson_error(p, "%s '%s' is not a number", what, s));
	errno = 0;
	v = strtol(s, NULL, 10);
	if (errno == ERANGE || v < min || v > max) {
		return (lesson_error(p, "%s '%s' out of range %d..%d", what, s,
		    min, max));
	}
	*out = (int)v;
	return (0);
}

/* Consume the next word as an integer in min..max. */
static int
lesson_word_number(struct lesson_parser *p, const char *what, int min,
    int max, int *out)
{
	const char	*w;

	if ((w = lesson_word(p, what)) == NULL)
		return (-1);
	return (lesson_number(p, w, what, min, max, out));
}

/* The step being parsed. */
static struct step *
lesson_step(struct lesson_parser *p)
{
	return (&p->l->steps[p->l->nsteps - 1]);
}

/* Whether a text has any language. */
static int
lesson_has_text(const struct text *t)
{
	return (t->s[LANG_EN] != NULL || t->s[LANG_ZH] != NULL);
}

/* Fail unless t has every language: "missing 'WHAT zh' [in step 'S']". */
static int
lesson_need_text(struct lesson_parser *p, const struct text *t,
    const char *what, const struct step *s)
{
	int	i;

	for (i = 0; i < LANG_COUNT; i++) {
		if (t->s[i] != NULL)
			continue;
		if (s == NULL) {
			return (lesson_error(p, "missing '%s %s'", what,
			    lesson_langs[i]));
		}
		return (lesson_error(p, "missing '%s %s' in step '%s'", what,
		    lesson_langs[i], s->name));
	}
	return (0);
}

/* Parse "LANG TEXT" into t; append with a newline or refuse a second one. */
static int
lesson_parse_text(struct lesson_parser *p, struct text *t, const char *what,
    int append)
{
	const char	*w, *s;
	char		*old;
	int		 lang;

	if ((w = lesson_word(p, "language")) == NULL)
		return (-1);
	lang = lesson_lookup(lesson_langs, LANG_COUNT, w);
	if (lang == -1) {
		return (lesson_error(p, "unknown language '%s': use en or zh",
		    w));
	}
	if ((s = lesson_rest(p, "text")) == NULL)
		return (-1);
	if ((old = t->s[lang]) == NULL)
		t->s[lang] = xstrdup(s);
	else if (append) {
		t->s[lang] = xasprintf("%s\n%s", old, s);
		free(old);
	} else
		return (lesson_error(p, "duplicate '%s %s'", what, w));
	return (0);
}

/* Find an endpoint or fail with "unknown endpoint 'NAME'". */
static int
lesson_endpoint_ref(struct lesson_parser *p, const char *name)
{
	int	i;

	if ((i = lesson_endpoint(p->l, name)) == -1)
		return (lesson_error(p, "unknown endpoint '%s'", name));
	return (i);
}

/* Add an endpoint after checking its name; returns its index or -1. */
static int
lesson_add_endpoint(struct lesson_parser *p, const char *name, int by_fork)
{
	struct lesson	*l = p->l;

	if (!lesson_valid_name(name, LESSON_LOWER, LESSON_ENDPOINT_CHARS,
	    LESSON_ENDPOINT_MAX)) {
		return (lesson_error(p, "invalid endpoint name '%s': use a-z, "
		    "then a-z, 0-9, '_' and '-', at most %d", name,
		    LESSON_ENDPOINT_MAX));
	}
	if (lesson_lookup(lesson_reserved, LESSON_NITEMS(lesson_reserved),
	    name) != -1)
		return (lesson_error(p, "endpoint name '%s' is reserved",
		    name));
	if (lesson_endpoint(l, name) != -1)
		return (lesson_error(p, "duplicate endpoint '%s'", name));
	if (l->nendpoints == LESSON_MAX_ENDPOINTS)
		return (lesson_error(p, "too many endpoints (at most %d)",
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
		return (lesson_error(p, "duplicate 'lesson'"));
	if ((id = lesson_word(p, "lesson id")) == NULL)
		return (-1);
	if (!lesson_valid_id(id)) {
		return (lesson_error(p, "invalid lesson id '%s': use a-z, 0-9 "
		    "and '-', at most %d", id, LESSON_ID_MAX));
	}
	base = strrchr(l->path, '/') != NULL ? strrchr(l->path, '/') + 1 :
	    l->path;
	n = strlen(base);
	if (n >= strlen(".lesson") &&
	    strcmp(base + n - strlen(".lesson"), ".lesson") == 0 &&
	    (strlen(id) != n - strlen(".lesson") ||
	    strncmp(id, base, strlen(id)) != 0)) {
		return (lesson_error(p, "lesson id '%s' does not match file "
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
		return (lesson_parse_text(p, &lesson_step(p)->title, "title",
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
		return (lesson_error(p, "duplicate '%s'", what));
	snprintf(number, sizeof number, "%s number", what);
	return (lesson_word_number(p, number, 1, max, field));
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
		return (lesson_error(p, "duplicate 'sandbox'"));
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

	if ((w = lesson_word(p, "'sysctl'")) == NULL)
		return (-1);
	if (strcmp(w, "sysctl") != 0)
		return (lesson_error(p, "unknown requirement '%s': use "
		    "'requires sysctl NAME'", w));
	p->ctx = "sysctl";
	if ((w = lesson_word(p, "sysctl name")) == NULL)
		return (-1);
	if ((i = lesson_lookup(lesson_sysctls, SYSCTL_COUNT, w)) == -1)
		return (lesson_error(p, "unknown sysctl '%s'", w));
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

	if ((name = lesson_word(p, "endpoint name")) == NULL)
		return (-1);
	return (lesson_add_endpoint(p, name, 0) == -1 ? -1 : 0);
}

/* Directive "setup": once, before the steps. */
static int
lesson_parse_setup(struct lesson_parser *p)
{
	if (p->section == LESSON_SETUP)
		return (lesson_error(p, "duplicate 'setup'"));
	if (p->section == LESSON_STEP) {
		return (lesson_error(p, "'setup' must come before the first "
		    "'step'"));
	}
	p->section = LESSON_SETUP;
	return (0);
}

/* The question of a step, created by its first "ask" or "choice". */
static struct prediction *
lesson_prediction(struct step *s)
{
	if (s->ask == NULL)
		s->ask = xcalloc(1, sizeof *s->ask);
	return (s->ask);
}

/* Check that a finished step has all it needs, reporting at its "step" line. */
static int
lesson_check_step(struct lesson_parser *p, const struct step *s)
{
	const struct prediction	*q = s->ask;
	const struct choice	*c;
	char			 what[16];
	size_t			 i;

	p->line = s->line;
	if (s->key == 0)
		return (lesson_error(p, "missing 'key' in step '%s'", s->name));
	if (lesson_need_text(p, &s->say, "say", s) == -1)
		return (-1);
	if (lesson_has_text(&s->after) &&
	    lesson_need_text(p, &s->after, "after", s) == -1)
		return (-1);
	if (lesson_has_text(&s->title) &&
	    lesson_need_text(p, &s->title, "title", s) == -1)
		return (-1);
	if (q == NULL)
		return (0);
	if (!lesson_has_text(&q->question)) {
		return (lesson_error(p, "'choice' without 'ask' in step '%s'",
		    s->name));
	}
	if (lesson_need_text(p, &q->question, "ask", s) == -1)
		return (-1);
	if (q->nchoices < 2) {
		return (lesson_error(p, "'ask' needs at least 2 choices in "
		    "step '%s'", s->name));
	}
	for (i = 0; i < q->nchoices; i++) {
		c = &q->choices[i];
		snprintf(what, sizeof what, "choice %c", c->key);
		if (lesson_need_text(p, &c->text, what, s) == -1)
			return (-1);
		if (c->when.line == 0) {
			return (lesson_error(p, "missing '%s when' in step "
			    "'%s'", what, s->name));
		}
	}
	return (0);
}

/* Directive "step NAME": finishes the step before it. */
static int
lesson_parse_step(struct lesson_parser *p)
{
	struct lesson	*l = p->l;
	struct step	*s;
	const char	*name;
	int		 line = p->line;
	size_t		 i;

	if ((name = lesson_word(p, "step name")) == NULL)
		return (-1);
	if (!lesson_valid_name(name, LESSON_NAME_CHARS, LESSON_NAME_CHARS,
	    LESSON_LINE_MAX)) {
		return (lesson_error(p, "invalid step name '%s': use a-z, 0-9 "
		    "and '-'", name));
	}
	for (i = 0; i < l->nsteps; i++) {
		if (strcmp(l->steps[i].name, name) == 0)
			return (lesson_error(p, "duplicate step '%s'", name));
	}
	if (lesson_end(p) == -1)
		return (-1);
	if (l->nsteps > 0 && lesson_check_step(p, lesson_step(p)) == -1)
		return (-1);
	l->steps = lesson_grow(l->steps, &l->nsteps, sizeof *l->steps);
	s = lesson_step(p);
	s->name = xstrdup(name);
	s->line = line;
	p->section = LESSON_STEP;
	return (0);
}

/* Directive "key C": one printable character, not the interface's. */
static int
lesson_parse_key(struct lesson_parser *p)
{
	struct lesson	*l = p->l;
	struct step	*s = lesson_step(p);
	const char	*w;
	size_t		 i;

	if (s->key != 0)
		return (lesson_error(p, "duplicate 'key'"));
	if ((w = lesson_word(p, "key")) == NULL)
		return (-1);
	if (w[1] != '\0' || w[0] < '!' || w[0] > '~') {
		return (lesson_error(p, "invalid key '%s': use one printable "
		    "ASCII character", w));
	}
	if (strchr(LESSON_UI_KEYS, w[0]) != NULL) {
		return (lesson_error(p, "key '%s' is reserved by the "
		    "interface", w));
	}
	for (i = 0; i + 1 < l->nsteps; i++) {
		if (l->steps[i].key == w[0]) {
			return (lesson_error(p, "key '%s' is already used by "
			    "step '%s'", w, l->steps[i].name));
		}
	}
	s->key = w[0];
	return (0);
}

/* Directive "say LANG TEXT"; lines in the same language append. */
static int
lesson_parse_say(struct lesson_parser *p)
{
	return (lesson_parse_text(p, &lesson_step(p)->say, "say", 1));
}

/* Directive "after LANG TEXT"; lines in the same language append. */
static int
lesson_parse_after(struct lesson_parser *p)
{
	return (lesson_parse_text(p, &lesson_step(p)->after, "after", 1));
}

/* Directive "ask LANG TEXT". */
static int
lesson_parse_ask(struct lesson_parser *p)
{
	return (lesson_parse_text(p,
	    &lesson_prediction(lesson_step(p))->question, "ask", 0));
}

/* Action option "listener": act on the listening socket. */
static int
lesson_parse_listener(struct lesson_parser *p, struct action *a)
{
	if (lesson_eat(p, "listener"))
		a->target = TARGET_LISTENER;
	return (0);
}

/*
 * "PORT [OPTION N] [reuseaddr]", options in any order: the words after
 * listen (OPTION backlog) and connect (OPTION count); N is what the option
 * is called in errors, within lo..hi, stored in *n.
 */
static int
lesson_parse_port_options(struct lesson_parser *p, struct action *a,
    const char *option, const char *what, int lo, int hi, int *n)
{
	int	seen = 0;

	if (lesson_word_number(p, "port", 1, 65535, &a->port) == -1)
		return (-1);
	for (;;) {
		if (!seen && lesson_eat(p, option)) {
			seen = 1;
			if (lesson_word_number(p, what, lo, hi, n) == -1)
				return (-1);
		} else if (!a->reuseaddr && lesson_eat(p, "reuseaddr"))
			a->reuseaddr = 1;
		else
			return (0);
	}
}

/* Action "listen PORT [backlog N] [reuseaddr]". */
static int
lesson_parse_listen(struct lesson_parser *p, struct action *a)
{
	if (++p->nlistens > LESSON_MAX_LISTENERS) {
		return (lesson_error(p, "more than %d 'listen' actions in a "
		    "lesson", LESSON_MAX_LISTENERS));
	}
	return (lesson_parse_port_options(p, a, "backlog", "backlog length",
	    0, 4096, &a->backlog));
}

/* Action "connect PORT [count N] [reuseaddr]". */
static int
lesson_parse_connect(struct lesson_parser *p, struct action *a)
{
	return (lesson_parse_port_options(p, a, "count", "connection count",
	    1, LESSON_MAX_CONNECT, &a->count));
}

/* Action "accept [all]". */
static int
lesson_parse_accept(struct lesson_parser *p, struct action *a)
{
	if (lesson_eat(p, "all"))
		a->count = 0;
	return (0);
}

/* Action "send N" or "send text TEXT". */
static int
lesson_parse_send(struct lesson_parser *p, struct action *a)
{
	const char	*s;

	if (!lesson_eat(p, "text"))
		return (lesson_word_number(p, "byte count", 1, 1048576,
		    &a->bytes));
	if ((s = lesson_rest(p, "text")) == NULL)
		return (-1);
	if (strlen(s) > LESSON_MAX_SEND_TEXT)
		return (lesson_error(p, "text longer than %d bytes",
		    LESSON_MAX_SEND_TEXT));
	a->text = xstrdup(s);
	return (0);
}

/* Action "recv [N]". */
static int
lesson_parse_recv(struct lesson_parser *p, struct action *a)
{
	if (lesson_peek(p) == NULL)
		return (0);
	return (lesson_word_number(p, "byte count", 1, 1048576, &a->bytes));
}

/* Action "close [listener|conns|all]". */
static int
lesson_parse_close(struct lesson_parser *p, struct action *a)
{
	if (lesson_eat(p, "all")) {
		a->target = TARGET_ALL;
		return (0);
	}
	if (lesson_eat(p, "conns")) {
		a->target = TARGET_CONNS;
		return (0);
	}
	return (lesson_parse_listener(p, a));
}

/* Action "shutdown rd|wr|rdwr [listener]". */
static int
lesson_parse_shutdown(struct lesson_parser *p, struct action *a)
{
	static const char *const hows[] = {
		[SHUT_RD] = "rd",
		[SHUT_WR] = "wr",
		[SHUT_RDWR] = "rdwr"
	};
	const char	*w;

	if ((w = lesson_word(p, "'rd', 'wr' or 'rdwr'")) == NULL)
		return (-1);
	if ((a->how = lesson_lookup(hows, LESSON_NITEMS(hows), w)) == -1) {
		return (lesson_error(p, "invalid shutdown '%s': use rd, wr or "
		    "rdwr", w));
	}
	return (lesson_parse_listener(p, a));
}

/* Action "linger on SECS [listener]" or "linger off [listener]". */
static int
lesson_parse_linger(struct lesson_parser *p, struct action *a)
{
	const char	*w;

	if ((w = lesson_word(p, "'on' or 'off'")) == NULL)
		return (-1);
	if (strcmp(w, "on") == 0) {
		a->linger_on = 1;
		if (lesson_word_number(p, "linger time", 0, 3600,
		    &a->linger_secs) == -1)
			return (-1);
	} else if (strcmp(w, "off") != 0)
		return (lesson_error(p, "invalid linger '%s': use on or off",
		    w));
	return (lesson_parse_listener(p, a));
}

/* Action "fork NAME": NAME becomes a new endpoint. */
static int
lesson_parse_fork(struct lesson_parser *p, struct action *a)
{
	const char	*name;

	if ((name = lesson_word(p, "endpoint name")) == NULL)
		return (-1);
	if ((a->child = lesson_add_endpoint(p, name, 1)) == -1)
		return (-1);
	return (0);
}

/* Actions "sleep MS" and "wait MS". */
static int
lesson_parse_msec(struct lesson_parser *p, struct action *a)
{
	return (lesson_word_number(p, "milliseconds", 0, 600000, &a->msec));
}

/* Action "nofile N". */
static int
lesson_parse_nofile(struct lesson_parser *p, struct action *a)
{
	return (lesson_word_number(p, "descriptor limit", 4, 65536,
	    &a->nofile));
}

/* Lab action "rto-min MS": the floor of the retransmission timeout. */
static int
lesson_parse_rto_min(struct lesson_parser *p, struct action *a)
{
	return (lesson_word_number(p, "milliseconds", 1, LESSON_RTO_MIN_MAX,
	    &a->msec));
}

/* Lab action "sysctl NAME VALUE"; ip_local_port_range takes LOW HIGH. */
static int
lesson_parse_sysctl(struct lesson_parser *p, struct action *a)
{
	const char	*w;
	int		 i, low, high;

	if ((w = lesson_word(p, "sysctl name")) == NULL)
		return (-1);
	if ((i = lesson_lookup(lesson_sysctls, SYSCTL_COUNT, w)) == -1)
		return (lesson_error(p, "unknown sysctl '%s'", w));
	if (lesson_sysctl_since[i] != NULL && (p->l->requires & (1U << i)) ==
	    0)
		return (lesson_error(p, "%s exists only from Linux %s: declare "
		    "'requires sysctl %s' before 'setup'", w,
		    lesson_sysctl_since[i], w));
	a->sysctl = (enum sysctl_name)i;
	if (a->sysctl != SYSCTL_IP_LOCAL_PORT_RANGE) {
		if (lesson_word_number(p, "value", 0, INT_MAX, &low) == -1)
			return (-1);
		a->value = xasprintf("%d", low);
		return (0);
	}
	if (lesson_word_number(p, "low port", 1, 65535, &low) == -1 ||
	    lesson_word_number(p, "high port", 1, 65535, &high) == -1)
		return (-1);
	if (low > high) {
		return (lesson_error(p, "low port '%d' above high port '%d'",
		    low, high));
	}
	a->value = xasprintf("%d %d", low, high);
	return (0);
}

/* The actions: name, kind, whether of the lab, and the argument parser. */
static const struct lesson_action_def {
	const char		*name;
	enum action_kind	 kind;
	int			 lab;
	int			(*parse)(struct lesson_parser *,
				    struct action *);
} lesson_actions[] = {
	{ "listen", ACT_LISTEN, 0, lesson_parse_listen },
	{ "connect", ACT_CONNECT, 0, lesson_parse_connect },
	{ "accept", ACT_ACCEPT, 0, lesson_parse_accept },
	{ "send", ACT_SEND, 0, lesson_parse_send },
	{ "recv", ACT_RECV, 0, lesson_parse_recv },
	{ "close", ACT_CLOSE, 0, lesson_parse_close },
	{ "shutdown", ACT_SHUTDOWN, 0, lesson_parse_shutdown },
	{ "linger", ACT_LINGER, 0, lesson_parse_linger },
	{ "reuseaddr", ACT_REUSEADDR, 0, lesson_parse_listener },
	{ "kill", ACT_KILL, 0, NULL },
	{ "fork", ACT_FORK, 0, lesson_parse_fork },
	{ "exit", ACT_EXIT, 0, NULL },
	{ "sleep", ACT_SLEEP, 0, lesson_parse_msec },
	{ "nofile", ACT_NOFILE, 0, lesson_parse_nofile },
	{ "sysctl", ACT_SYSCTL, 1, lesson_parse_sysctl },
	{ "rto-min", ACT_RTO_MIN, 1, lesson_parse_rto_min },
	{ "wait", ACT_WAIT, 1, lesson_parse_msec }
};

/* An optional segment count "xN"; *count keeps its default without one. */
static int
lesson_parse_times(struct lesson_parser *p, int *count)
{
	const char	*w;

	if ((w = lesson_peek(p)) == NULL || w[0] != 'x')
		return (0);
	p->next++;
	if (w[1] == '\0')
		return (lesson_error(p, "missing segment count after 'x' "
		    "(x2 for two)"));
	return (lesson_number(p, w + 1, "segment count", 1, 1000, count));
}

/* The segments a wire rule can take. */
static const char *const lesson_wire_kinds[] = {
	[WIRE_ANY] = "any",
	[WIRE_SYN] = "syn",
	[WIRE_FIN] = "fin",
	[WIRE_ACK] = "ack",
	[WIRE_DATA] = "data",
	[WIRE_RST] = "rst"
};

/* What the wire did, as "expect wire" names it. */
static const char *const lesson_wire_ops[] = {
	[WIRE_OP_HOLD] = "hold",
	[WIRE_OP_DELIVER] = "deliver",
	[WIRE_OP_DROP] = "drop"
};

/* A wire rule's "SENDER KIND": an endpoint or "any", and what it takes. */
static int
lesson_parse_wire_rule(struct lesson_parser *p, struct action *a)
{
	const char	*w;
	int		 i;

	if ((w = lesson_word(p, "sender (an endpoint or 'any')")) == NULL)
		return (-1);
	if (strcmp(w, "any") == 0)
		a->sender = WIRE_ANY_SENDER;
	else if ((a->sender = lesson_endpoint_ref(p, w)) == -1)
		return (-1);
	if ((w = lesson_word(p, "segment kind")) == NULL)
		return (-1);
	i = lesson_lookup(lesson_wire_kinds, LESSON_NITEMS(lesson_wire_kinds),
	    w);
	if (i == -1) {
		return (lesson_error(p, "unknown segment kind '%s': use any, "
		    "syn, fin, ack, data or rst", w));
	}
	a->wire_kind = (enum wire_kind)i;
	return (0);
}

/*
 * Wire action "hold SENDER KIND", "drop SENDER KIND [xN]", "drop held",
 * "deliver [all]" or "pass".
 */
static int
lesson_parse_wire(struct lesson_parser *p, struct action *a)
{
	const char	*w;

	p->l->uses_wire = 1;
	if ((w = lesson_word(p, "wire action")) == NULL)
		return (-1);
	p->ctx = w;
	if (strcmp(w, "hold") == 0) {
		a->wire = WIRE_ACT_HOLD;
		return (lesson_parse_wire_rule(p, a));
	}
	if (strcmp(w, "drop") == 0) {
		a->wire = WIRE_ACT_DROP_HELD;
		if (lesson_eat(p, "held"))
			return (0);
		a->wire = WIRE_ACT_DROP;
		if (lesson_parse_wire_rule(p, a) == -1)
			return (-1);
		return (lesson_parse_times(p, &a->count));
	}
	if (strcmp(w, "deliver") == 0) {
		a->wire = lesson_eat(p, "all") ? WIRE_ACT_DELIVER_ALL :
		    WIRE_ACT_DELIVER;
		return (0);
	}
	if (strcmp(w, "pass") == 0) {
		a->wire = WIRE_ACT_PASS;
		return (0);
	}
	return (lesson_error(p, "unknown wire action '%s': use hold, drop, "
	    "deliver or pass", w));
}

/* A new action with its defaults, at the end of setup or the step. */
static struct action *
lesson_new_action(struct lesson_parser *p)
{
	struct lesson	*l = p->l;
	struct step	*s;
	struct action	*a;

	if (p->section == LESSON_SETUP) {
		l->setup = lesson_grow(l->setup, &l->nsetup, sizeof *l->setup);
		a = &l->setup[l->nsetup - 1];
	} else {
		s = lesson_step(p);
		s->actions = lesson_grow(s->actions, &s->nactions,
		    sizeof *s->actions);
		a = &s->actions[s->nactions - 1];
	}
	a->line = p->line;
	a->target = TARGET_CONN;
	a->backlog = 16;
	a->count = 1;
	return (a);
}

/* Directive "do ENDPOINT ACTION ARGS", "do lab ACTION ARGS" or
 * "do wire ACTION ARGS". */
static int
lesson_parse_do(struct lesson_parser *p)
{
	const struct lesson_action_def	*def = NULL;
	struct action			*a;
	const char			*who, *name;
	int				 lab, endpoint = -1;
	size_t				 i;

	if ((who = lesson_word(p, "endpoint")) == NULL)
		return (-1);
	if (strcmp(who, "wire") == 0) {
		a = lesson_new_action(p);
		a->kind = ACT_WIRE;
		a->endpoint = -1;
		return (lesson_parse_wire(p, a));
	}
	lab = strcmp(who, "lab") == 0;
	if (!lab && (endpoint = lesson_endpoint_ref(p, who)) == -1)
		return (-1);
	if ((name = lesson_word(p, "action")) == NULL)
		return (-1);
	for (i = 0; i < LESSON_NITEMS(lesson_actions); i++) {
		if (strcmp(lesson_actions[i].name, name) == 0)
			def = &lesson_actions[i];
	}
	if (def == NULL)
		return (lesson_error(p, "unknown action '%s'", name));
	if (def->lab != lab)
		return (lesson_error(p, def->lab ? "'%s' is an action of the "
		    "lab: use 'do lab %s'" : "'%s' is an endpoint's action: "
		    "use 'do ENDPOINT %s'", name, name));
	a = lesson_new_action(p);
	a->kind = def->kind;
	a->endpoint = endpoint;
	p->ctx = name;
	return (def->parse == NULL ? 0 : def->parse(p, a));
}

/* A range "MIN..MAX" (or, if single is set, "N" for N..N) within lo..hi. */
static int
lesson_parse_range(struct lesson_parser *p, const char *what, int single,
    int lo, int hi, int *min, int *max)
{
	char	 name[32], *w, *dots;

	if ((w = lesson_word(p, what)) == NULL)
		return (-1);
	if ((dots = strstr(w, "..")) == NULL) {
		if (single) {
			if (lesson_number(p, w, what, lo, hi, min) == -1)
				return (-1);
			*max = *min;
			return (0);
		}
		return (lesson_error(p, "invalid %s '%s': use MIN..MAX", what,
		    w));
	}
	*dots = '\0';
	snprintf(name, sizeof name, "%s minimum", what);
	if (lesson_number(p, w, name, lo, hi, min) == -1)
		return (-1);
	snprintf(name, sizeof name, "%s maximum", what);
	if (lesson_number(p, dots + 2, name, lo, hi, max) == -1)
		return (-1);
	if (*min > *max) {
		return (lesson_error(p, "%s '%d..%d' has its minimum above its "
		    "maximum", what, *min, *max));
	}
	return (0);
}

/*
 * Expectation "state STATE [all | count N[..M]] [timer MIN..MAX]" or
 * "saw STATE [all] [restart]".
 */
static int
lesson_parse_state(struct lesson_parser *p, struct expect *e)
{
	const char	*w;

	if ((w = lesson_word(p, "state")) == NULL)
		return (-1);
	if ((e->state = tcpstate_parse(w)) == TS_NONE)
		return (lesson_error(p, "unknown state '%s'", w));
	for (;;) {
		if (!e->all && e->count_min == -1 && lesson_eat(p, "all"))
			e->all = 1;
		else if (e->kind == EXPECT_SAW && !e->restart &&
		    lesson_eat(p, "restart"))
			e->restart = 1;
		else if (e->kind == EXPECT_STATE && !e->all &&
		    e->count_min == -1 && lesson_eat(p, "count")) {
			if (lesson_parse_range(p, "count", 1, 0,
			    EXPECT_COUNT_MAX, &e->count_min, &e->count_max) ==
			    -1)
				return (-1);
		} else if (e->kind == EXPECT_STATE && e->timer_min == -1 &&
		    lesson_eat(p, "timer")) {
			if (lesson_parse_range(p, "timer range", 0, 0, 3600,
			    &e->timer_min, &e->timer_max) == -1)
				return (-1);
		} else
			return (0);
	}
}

/* Expectation "seg A>B FLAGS [xN]". */
static int
lesson_parse_seg(struct lesson_parser *p, struct expect *e)
{
	char	*w, *gt;

	if ((w = lesson_word(p, "sender>receiver")) == NULL)
		return (-1);
	if ((gt = strchr(w, '>')) == NULL) {
		return (lesson_error(p, "invalid segment '%s': use "
		    "SENDER>RECEIVER", w));
	}
	*gt = '\0';
	if ((e->endpoint = lesson_endpoint_ref(p, w)) == -1 ||
	    (e->peer = lesson_endpoint_ref(p, gt + 1)) == -1)
		return (-1);
	if (e->endpoint == e->peer)
		return (lesson_error(p, "segment from '%s' to itself", w));
	if ((w = lesson_word(p, "flags")) == NULL)
		return (-1);
	if ((e->flags = tcpstate_parse_flags(w)) == -1) {
		return (lesson_error(p, "invalid flags '%s': use tcpdump's, "
		    "like S, S., F., R or .", w));
	}
	return (lesson_parse_times(p, &e->min_count));
}

/* Expectation "wire hold|deliver|drop A>B FLAGS [xN]". */
static int
lesson_parse_wire_expect(struct lesson_parser *p, struct expect *e)
{
	const char	*w;
	int		 i;

	p->l->uses_wire = 1;
	if ((w = lesson_word(p, "'hold', 'deliver' or 'drop'")) == NULL)
		return (-1);
	i = lesson_lookup(lesson_wire_ops, LESSON_NITEMS(lesson_wire_ops), w);
	if (i == -1) {
		return (lesson_error(p, "unknown wire event '%s': use hold, "
		    "deliver or drop", w));
	}
	p->ctx = "wire";
	e->kind = EXPECT_WIRE;
	e->wire_op = (enum wire_op)i;
	return (lesson_parse_seg(p, e));
}

/* The errno named s, or 0. */
static int
lesson_errno(const char *s)
{
	size_t	i;

	for (i = 0; i < LESSON_NITEMS(lesson_errnos); i++) {
		if (strcmp(lesson_errnos[i].name, s) == 0)
			return (lesson_errnos[i].err);
	}
	return (0);
}

/*
 * Expectation "call NAME = RET [ERRNO] [sigpipe] [took MIN..MAX]" or
 * "call NAME > N"; the duration is in milliseconds.
 */
static int
lesson_parse_call(struct lesson_parser *p, struct expect *e)
{
	const char	*w;
	int		 i, ret;

	if (e->negate)
		return (lesson_error(p, "'no' cannot be used with 'call'"));
	if ((w = lesson_word(p, "system call")) == NULL)
		return (-1);
	if ((i = call_lookup(w)) == -1)
		return (lesson_error(p, "unknown call '%s'", w));
	if ((e->endpoint == LESSON_LAB) != call_by_lab((enum call_name)i)) {
		return (lesson_error(p, "only the lab calls sysctl and route, "
		    "and it calls nothing else"));
	}
	e->call = (enum call_name)i;
	if ((w = lesson_word(p, "'=' or '>'")) == NULL)
		return (-1);
	if (strcmp(w, ">") == 0)
		e->op = CALL_OP_GT;
	else if (strcmp(w, "=") != 0)
		return (lesson_error(p, "invalid operator '%s': use = or >",
		    w));
	if (lesson_word_number(p, "return value", -1, 1048576, &ret) == -1)
		return (-1);
	e->ret = ret;
	if (e->op == CALL_OP_GT)
		return (0);
	if (ret == -1) {
		if ((w = lesson_word(p, "errno")) == NULL)
			return (-1);
		if ((e->err = lesson_errno(w)) == 0)
			return (lesson_error(p, "unknown errno '%s'", w));
	} else if ((w = lesson_peek(p)) != NULL && lesson_errno(w) != 0) {
		return (lesson_error(p, "errno '%s' needs return value -1",
		    w));
	}
	if (e->endpoint == LESSON_LAB)
		return (0);	/* sysctl: no signal, no blocking */
	for (;;) {
		if (!e->sigpipe && lesson_eat(p, "sigpipe"))
			e->sigpipe = 1;
		else if (e->took_min == -1 && lesson_eat(p, "took")) {
			if (lesson_parse_range(p, "duration", 0, 0, 600000,
			    &e->took_min, &e->took_max) == -1)
				return (-1);
		} else
			return (0);
	}
}

/* Parse an expectation, the words after "expect" or "choice K when". */
static int
lesson_parse_expect(struct lesson_parser *p, struct expect *e)
{
	const char	*w;

	memset(e, 0, sizeof *e);
	e->line = p->line;
	e->peer = -1;
	e->timer_min = e->timer_max = -1;
	e->count_min = e->count_max = -1;
	e->took_min = e->took_max = -1;
	e->min_count = 1;
	if ((w = lesson_word(p, "endpoint")) == NULL)
		return (-1);
	if (strcmp(w, "no") == 0) {
		e->negate = 1;
		if ((w = lesson_word(p, "endpoint")) == NULL)
			return (-1);
	}
	if (strcmp(w, "seg") == 0) {
		p->ctx = "seg";
		e->kind = EXPECT_SEG;
		return (lesson_parse_seg(p, e));
	}
	if (strcmp(w, "wire") == 0)
		return (lesson_parse_wire_expect(p, e));
	if (strcmp(w, "lab") == 0) {
		/* The lab's own calls: sysctl. */
		e->endpoint = LESSON_LAB;
		if ((w = lesson_word(p, "'call'")) == NULL)
			return (-1);
		if (strcmp(w, "call") != 0)
			return (lesson_error(p, "the lab can only be expected "
			    "to make a 'call', not '%s'", w));
		p->ctx = w;
		e->kind = EXPECT_CALL;
		return (lesson_parse_call(p, e));
	}
	if ((e->endpoint = lesson_endpoint_ref(p, w)) == -1)
		return (-1);
	if ((w = lesson_word(p, "'state', 'saw', 'call' or 'holds'")) == NULL)
		return (-1);
	p->ctx = w;
	if (strcmp(w, "holds") == 0) {
		e->kind = EXPECT_HOLDS;
		return (lesson_parse_range(p, "descriptor count", 1, 0,
		    EXPECT_COUNT_MAX, &e->count_min, &e->count_max));
	}
	if (strcmp(w, "state") == 0 || strcmp(w, "saw") == 0) {
		e->kind = strcmp(w, "state") == 0 ? EXPECT_STATE : EXPECT_SAW;
		return (lesson_parse_state(p, e));
	}
	if (strcmp(w, "call") == 0) {
		e->kind = EXPECT_CALL;
		return (lesson_parse_call(p, e));
	}
	return (lesson_error(p, "unknown expectation '%s'", w));
}

/* Directive "expect BODY". */
static int
lesson_parse_expect_line(struct lesson_parser *p)
{
	struct lesson	*l = p->l;
	struct step	*s;

	if (p->section == LESSON_SETUP) {
		l->setup_expects = lesson_grow(l->setup_expects,
		    &l->nsetup_expects, sizeof *l->setup_expects);
		return (lesson_parse_expect(p,
		    &l->setup_expects[l->nsetup_expects - 1]));
	}
	s = lesson_step(p);
	s->expects = lesson_grow(s->expects, &s->nexpects, sizeof *s->expects);
	return (lesson_parse_expect(p, &s->expects[s->nexpects - 1]));
}

/* Directive "choice K LANG TEXT" or "choice K when BODY". */
static int
lesson_parse_choice(struct lesson_parser *p)
{
	struct prediction	*q = lesson_prediction(lesson_step(p));
	struct choice		*c = NULL;
	const char		*w;
	char			 what[16];
	size_t			 i;

	if ((w = lesson_word(p, "choice key")) == NULL)
		return (-1);
	if (w[1] != '\0' || w[0] < 'a' || w[0] > 'f')
		return (lesson_error(p, "invalid choice key '%s': use a..f",
		    w));
	for (i = 0; i < q->nchoices; i++) {
		if (q->choices[i].key == w[0])
			c = &q->choices[i];
	}
	if (c == NULL) {
		q->choices = lesson_grow(q->choices, &q->nchoices,
		    sizeof *q->choices);
		c = &q->choices[q->nchoices - 1];
		c->key = w[0];
	}
	snprintf(what, sizeof what, "choice %c", c->key);
	if (!lesson_eat(p, "when"))
		return (lesson_parse_text(p, &c->text, what, 0));
	if (c->when.line != 0)
		return (lesson_error(p, "duplicate '%s when'", what));
	return (lesson_parse_expect(p, &c->when));
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
	{ "step", LESSON_TOP|LESSON_SETUP|LESSON_STEP, lesson_parse_step },
	{ "do", LESSON_SETUP|LESSON_STEP, lesson_parse_do },
	{ "key", LESSON_STEP, lesson_parse_key },
	{ "say", LESSON_STEP, lesson_parse_say },
	{ "after", LESSON_STEP, lesson_parse_after },
	{ "expect", LESSON_SETUP|LESSON_STEP, lesson_parse_expect_line },
	{ "ask", LESSON_STEP, lesson_parse_ask },
	{ "choice", LESSON_STEP, lesson_parse_choice }
};

/* Split the trimmed line into words and run its directive. */
static int
lesson_parse_words(struct lesson_parser *p, const char *s, size_t n)
{
	const struct lesson_directive	*d = NULL;
	size_t				 i;

	memcpy(p->text, s, n);
	p->text[n] = '\0';
	memcpy(p->words, p->text, n + 1);
	p->nwords = 0;
	for (i = 0; i < n;) {
		if (strchr(LESSON_BLANKS, p->words[i]) != NULL) {
			p->words[i++] = '\0';
			continue;
		}
		p->off[p->nwords] = i;
		p->word[p->nwords++] = &p->words[i];
		while (i < n && strchr(LESSON_BLANKS, p->words[i]) == NULL)
			i++;
	}
	for (i = 0; i < LESSON_NITEMS(lesson_directives); i++) {
		if (strcmp(lesson_directives[i].name, p->word[0]) == 0)
			d = &lesson_directives[i];
	}
	if (d == NULL)
		return (lesson_error(p, "unknown directive '%s'", p->word[0]));
	if ((d->where & p->section) == 0) {
		if (d->where == LESSON_TOP) {
			return (lesson_error(p, "'%s' must come before 'setup' "
			    "and the first 'step'", d->name));
		}
		if (d->where == LESSON_STEP)
			return (lesson_error(p, "'%s' outside a step",
			    d->name));
		return (lesson_error(p, "'%s' outside 'setup' or a step",
		    d->name));
	}
	p->next = 1;
	p->ctx = d->name;
	if (d->parse(p) == -1)
		return (-1);
	return (lesson_end(p));
}

/* Check one raw line, skip it if blank or a comment, else parse it. */
static int
lesson_parse_line(struct lesson_parser *p, const char *s, size_t n)
{
	if (n > LESSON_LINE_MAX) {
		return (lesson_error(p, "line longer than %d bytes",
		    LESSON_LINE_MAX));
	}
	if (memchr(s, '\0', n) != NULL)
		return (lesson_error(p, "NUL byte"));
	if (lesson_check_chars(p, (const unsigned char *)s, n) == -1)
		return (-1);
	while (n > 0 && strchr(LESSON_BLANKS, s[n - 1]) != NULL)
		n--;
	while (n > 0 && strchr(LESSON_BLANKS, s[0]) != NULL) {
		s++;
		n--;
	}
	if (n == 0 || s[0] == '#')
		return (0);
	return (lesson_parse_words(p, s, n));
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
		return (lesson_error(p, "missing 'lesson'"));
	if (lesson_need_text(p, &l->title, "title", NULL) == -1 ||
	    lesson_need_text(p, &l->summary, "summary", NULL) == -1)
		return (-1);
	if (lesson_has_text(&l->chapter_title) && lesson_need_text(p,
	    &l->chapter_title, "chapter-title", NULL) == -1)
		return (-1);
	if (l->chapter == 0)
		return (lesson_error(p, "missing 'chapter'"));
	if (l->order == 0)
		return (lesson_error(p, "missing 'order'"));
	if (l->nendpoints == 0)
		return (lesson_error(p, "missing 'endpoint'"));
	if (l->sandbox) {
		if (l->nsteps > 0) {
			p->line = l->steps[0].line;
			return (lesson_error(p, "a 'sandbox' lesson has no "
			    "steps"));
		}
		return (0);
	}
	if (l->nsteps == 0)
		return (lesson_error(p, "missing 'step'"));
	return (lesson_check_step(p, lesson_step(p)));
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
		r = lesson_parse_line(p, buf + pos, n);
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

/* What a file that is not a regular one is, for a message. */
static const char *
lesson_file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return ("a directory");
	if (S_ISFIFO(mode))
		return ("a FIFO");
	if (S_ISSOCK(mode))
		return ("a socket");
	if (S_ISCHR(mode))
		return ("a character device");
	if (S_ISBLK(mode))
		return ("a block device");
	return ("not a plain file");
}

/* Refuse what is not a regular file: "PATH is not a regular file (a FIFO)". */
static int
lesson_need_regular(const char *path, const struct stat *st, char **cause)
{
	if (S_ISREG(st->st_mode))
		return (0);
	*cause = xasprintf("%s is not a regular file (%s)", path,
	    lesson_file_kind(st->st_mode));
	return (-1);
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
	return (lesson_need_regular(path, &st, cause));
}

/*
 * Read and parse a lesson file of at most 1 MiB. It is opened without
 * waiting (a FIFO would block open() and read() forever) and must then be
 * a regular file.
 */
struct lesson *
lesson_load(const char *path, char **cause)
{
	struct lesson	*l = NULL;
	struct stat	 st;
	char		*buf;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd, saved;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC)) == -1) {
		*cause = xasprintf("%s: cannot open: %s", path,
		    strerror(errno));
		return (NULL);
	}
	if (fstat(fd, &st) == -1) {
		*cause = xasprintf("%s: cannot open: %s", path,
		    strerror(errno));
		close(fd);
		return (NULL);
	}
	if (lesson_need_regular(path, &st, cause) == -1) {
		close(fd);
		return (NULL);
	}
	buf = xmalloc(LESSON_FILE_MAX + 1);
	do {
		n = read(fd, buf + len, LESSON_FILE_MAX + 1 - len);
		if (n > 0)
			len += (size_t)n;
	} while ((n > 0 && len <= LESSON_FILE_MAX) ||
	    (n == -1 && errno == EINTR));
	saved = errno;
	close(fd);
	if (n == -1)
		*cause = xasprintf("%s: cannot read: %s", path,
		    strerror(saved));
	else if (len > LESSON_FILE_MAX)
		*cause = xasprintf("%s:1: the file is larger than 1 MiB",
		    path);
	else
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
	return (lesson_wire_kinds[kind]);
}

/* The name of what the wire did, as lessons write it. */
const char *
lesson_wire_op_name(enum wire_op op)
{
	return (lesson_wire_ops[op]);
}
