/*
 * lesson_fuzz.c: libFuzzer target for the lesson parser. Any input must
 * give a lesson or a "PATH:LINE: message" error: never a crash, a leak, an
 * endpoint index out of range, or a text that could act on a terminal.
 * The input is named without ".lesson", so any valid id is accepted (a
 * name ending in ".lesson" would have to match every seed's id). Seeded
 * with the catalogue (the .lesson files of lessons/), tests/kernel/data
 * and tests/fuzz/seeds (every form of the actions' options).
 * With FINWAVE_FUZZ_ALL_VALID set, an input that does not parse aborts
 * too (but the empty one libFuzzer always tries first): `-runs=0` over the
 * seeds then proves that every seed parses.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lesson/lesson.h"

#define FUZZ_PATH	"fuzz-input"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Whether a party is a declared endpoint, or a port no endpoint owns. */
static int
fuzz_valid_party(const struct lesson *l, int endpoint, int port)
{
	if (endpoint == LESSON_PORT)
		return (port >= 1 && port <= 65535);
	return (endpoint >= 0 && endpoint < (int)l->nendpoints);
}

/* An expectation names a declared endpoint, a port (segments only), or
 * the lab (its calls and counters only). */
static void
fuzz_check_expect(const struct lesson *l, const struct expect *e)
{
	int	seg = e->kind == EXPECT_SEG || e->kind == EXPECT_WIRE;
	int	lab = e->kind == EXPECT_CALL || e->kind == EXPECT_COUNTER;

	if (e->endpoint == LESSON_LAB ? !lab : e->endpoint == LESSON_PORT ?
	    !seg : !fuzz_valid_party(l, e->endpoint, e->port))
		abort();
	if (seg && (!fuzz_valid_party(l, e->endpoint, e->port) ||
	    !fuzz_valid_party(l, e->peer, e->peer_port)))
		abort();
	if (e->kind == EXPECT_COUNTER && e->counter[0] == '\0')
		abort();
}

/* An action names a declared endpoint, or none (lab, wire). */
static void
fuzz_check_action(const struct lesson *l, const struct action *a)
{
	if (a->endpoint < -1 || a->endpoint >= (int)l->nendpoints)
		abort();
	if (a->kind == ACT_FORK && (a->child < 0 ||
	    a->child >= (int)l->nendpoints))
		abort();
	/* conn N names a connection of the latest kind only; a bound
	 * connect makes one connection. */
	if (a->conn < 0 || a->conn > LESSON_MAX_CONNS || (a->conn != 0 &&
	    a->target != TARGET_CONN) || (a->bind_port != 0 && a->count != 1))
		abort();
}

/* A text holds no control character but the newline joining its lines. */
static void
fuzz_check_text(const struct text *t)
{
	const unsigned char	*p;
	int			 i;

	for (i = 0; i < LANG_COUNT; i++) {
		for (p = (const unsigned char *)t->s[i]; p != NULL && *p != 0;
		    p++) {
			if ((*p < 0x20 && *p != '\n') || *p == 0x7f ||
			    (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
				abort();
		}
	}
}

/* A deadline names a declared endpoint and a state that ends, and says
 * what it is for in every language. */
static void
fuzz_check_deadline(const struct lesson *l, const struct deadline *d)
{
	if (d->endpoint < 0 || d->endpoint >= (int)l->nendpoints ||
	    d->line == 0 || d->state == TS_NONE || d->state == TS_CLOSED ||
	    d->state == TS_LISTEN || d->purpose.s[LANG_EN] == NULL ||
	    d->purpose.s[LANG_ZH] == NULL)
		abort();
	fuzz_check_text(&d->purpose);
}

/* Check one step: its actions, expectations, texts, deadline and
 * question. */
static void
fuzz_check_step(const struct lesson *l, const struct step *s)
{
	size_t	i;

	for (i = 0; i < s->nactions; i++)
		fuzz_check_action(l, &s->actions[i]);
	for (i = 0; i < s->nexpects; i++)
		fuzz_check_expect(l, &s->expects[i]);
	fuzz_check_text(&s->title);
	fuzz_check_text(&s->say);
	fuzz_check_text(&s->after);
	if (s->deadline != NULL)
		fuzz_check_deadline(l, s->deadline);
	if (s->ask == NULL)
		return;
	fuzz_check_text(&s->ask->question);
	for (i = 0; i < s->ask->nchoices; i++) {
		fuzz_check_text(&s->ask->choices[i].text);
		fuzz_check_expect(l, &s->ask->choices[i].when);
	}
}

/* Check the invariants of a parsed lesson that the runner relies on. */
static void
fuzz_check(const struct lesson *l)
{
	size_t	i;

	if (!lesson_valid_id(l->id))
		abort();
	fuzz_check_text(&l->title);
	fuzz_check_text(&l->summary);
	fuzz_check_text(&l->chapter_title);
	for (i = 0; i < l->nsetup; i++)
		fuzz_check_action(l, &l->setup[i]);
	for (i = 0; i < l->nsetup_expects; i++)
		fuzz_check_expect(l, &l->setup_expects[i]);
	for (i = 0; i < l->nsteps; i++)
		fuzz_check_step(l, &l->steps[i]);
}

/* Whether an error is "fuzz-input:LINE: message". */
static int
fuzz_good_cause(const char *cause)
{
	const char	*p = cause + strlen(FUZZ_PATH ":");
	size_t		 digits;

	if (strncmp(cause, FUZZ_PATH ":", strlen(FUZZ_PATH ":")) != 0)
		return (0);
	digits = strspn(p, "0123456789");
	return (digits > 0 && p[digits] == ':' && p[digits + 1] == ' ' &&
	    p[digits + 2] != '\0');
}

/* Parse one input. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lesson	*l;
	char		*cause = NULL;

	l = lesson_parse(FUZZ_PATH, (const char *)data, size, &cause);
	if (l == NULL) {
		if (cause == NULL || !fuzz_good_cause(cause) ||
		    (size > 0 && getenv("FINWAVE_FUZZ_ALL_VALID") != NULL))
			abort();
		free(cause);
		return (0);
	}
	fuzz_check(l);
	lesson_free(l);
	return (0);
}
