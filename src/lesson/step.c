/*
 * step.c: a step of a lesson: its directive ("step NAME"), its key, its
 * narration, and the check that it has all it needs once it ends.
 */
#include <stdio.h>
#include <string.h>

#include "base/xmalloc.h"
#include "lesson/lesson.h"
#include "lesson/lesson_parts.h"

#define LESSON_UI_KEYS		"q?ReDLwxpMPST+-=/0123456789"

/* The step being parsed. */
struct step *
step_current(struct lesson_parser *p)
{
	return (&p->l->steps[p->l->nsteps - 1]);
}

/* Check that a step's deadline names a state and says, in every language,
 * what running in time shows. */
static int
step_check_deadline(struct lesson_parser *p, const struct step *s)
{
	if (s->deadline->line == 0) {
		return (lexer_error(p, "'while LANG' without 'while ENDPOINT "
		    "STATE' in step '%s'", s->name));
	}
	return (lesson_need_text(p, &s->deadline->purpose, "while", s));
}

/* Check that a finished step has all it needs, reporting at its "step" line. */
int
step_check(struct lesson_parser *p, const struct step *s)
{
	const struct prediction	*q = s->ask;
	const struct choice	*c;
	char			 what[16];
	size_t			 i;

	p->line = s->line;
	if (s->key == 0)
		return (lexer_error(p, "missing 'key' in step '%s'", s->name));
	if (lesson_need_text(p, &s->say, "say", s) == -1)
		return (-1);
	if (lesson_has_text(&s->after) &&
	    lesson_need_text(p, &s->after, "after", s) == -1)
		return (-1);
	if (lesson_has_text(&s->title) &&
	    lesson_need_text(p, &s->title, "title", s) == -1)
		return (-1);
	if (s->deadline != NULL && step_check_deadline(p, s) == -1)
		return (-1);
	if (q == NULL)
		return (0);
	if (!lesson_has_text(&q->question)) {
		return (lexer_error(p, "'choice' without 'ask' in step '%s'",
		    s->name));
	}
	if (lesson_need_text(p, &q->question, "ask", s) == -1)
		return (-1);
	if (q->nchoices < 2) {
		return (lexer_error(p, "'ask' needs at least 2 choices in "
		    "step '%s'", s->name));
	}
	for (i = 0; i < q->nchoices; i++) {
		c = &q->choices[i];
		snprintf(what, sizeof what, "choice %c", c->key);
		if (lesson_need_text(p, &c->text, what, s) == -1)
			return (-1);
		if (c->when.line == 0) {
			return (lexer_error(p, "missing '%s when' in step "
			    "'%s'", what, s->name));
		}
	}
	return (0);
}

/* Directive "step NAME": finishes the step before it. */
int
step_parse(struct lesson_parser *p)
{
	struct lesson	*l = p->l;
	struct step	*s;
	const char	*name;
	int		 line = p->line;
	size_t		 i;

	if ((name = lexer_word(p, "step name")) == NULL)
		return (-1);
	if (!lexer_valid_name(name, LESSON_NAME_CHARS, LESSON_NAME_CHARS,
	    LESSON_LINE_MAX)) {
		return (lexer_error(p, "invalid step name '%s': use a-z, 0-9 "
		    "and '-'", name));
	}
	for (i = 0; i < l->nsteps; i++) {
		if (strcmp(l->steps[i].name, name) == 0)
			return (lexer_error(p, "duplicate step '%s'", name));
	}
	if (lexer_end(p) == -1)
		return (-1);
	if (l->nsteps > 0 && step_check(p, step_current(p)) == -1)
		return (-1);
	l->steps = lesson_grow(l->steps, &l->nsteps, sizeof *l->steps);
	s = step_current(p);
	s->name = xstrdup(name);
	s->line = line;
	p->section = LESSON_STEP;
	p->reads_before_step = p->reads;
	return (0);
}

/* Directive "key C": one printable character, not the interface's. */
int
step_key(struct lesson_parser *p)
{
	struct lesson	*l = p->l;
	struct step	*s = step_current(p);
	const char	*w;
	size_t		 i;

	if (s->key != 0)
		return (lexer_error(p, "duplicate 'key'"));
	if ((w = lexer_word(p, "key")) == NULL)
		return (-1);
	if (w[1] != '\0' || w[0] < '!' || w[0] > '~') {
		return (lexer_error(p, "invalid key '%s': use one printable "
		    "ASCII character", w));
	}
	if (strchr(LESSON_UI_KEYS, w[0]) != NULL) {
		return (lexer_error(p, "key '%s' is reserved by the "
		    "interface", w));
	}
	for (i = 0; i + 1 < l->nsteps; i++) {
		if (l->steps[i].key == w[0]) {
			return (lexer_error(p, "key '%s' is already used by "
			    "step '%s'", w, l->steps[i].name));
		}
	}
	s->key = w[0];
	return (0);
}

/* Directive "say LANG TEXT"; lines in the same language append. */
int
step_say(struct lesson_parser *p)
{
	return (lesson_parse_text(p, &step_current(p)->say, "say", 1));
}

/* Directive "after LANG TEXT"; lines in the same language append. */
int
step_after(struct lesson_parser *p)
{
	return (lesson_parse_text(p, &step_current(p)->after, "after", 1));
}

/*
 * Directive "while ENDPOINT STATE": the step's story needs the endpoint's
 * latest connection (or, when that is not in STATE, its connections in
 * STATE) to be in STATE when it runs (a TIME_WAIT that makes bind() fail),
 * and the view counts down to the end of that state's kernel timer. Or "while LANG TEXT": what running it in time shows.
 */
int
step_while(struct lesson_parser *p)
{
	struct step	*s = step_current(p);
	const char	*w;
	int		 ep;

	if (s->deadline == NULL)
		s->deadline = xcalloc(1, sizeof *s->deadline);
	if ((w = lexer_peek(p)) != NULL &&
	    lexer_lookup(lesson_langs, LANG_COUNT, w) != -1)
		return (lesson_parse_text(p, &s->deadline->purpose, "while", 0));
	if (s->deadline->line != 0)
		return (lexer_error(p, "duplicate 'while'"));
	if ((w = lexer_word(p, "endpoint")) == NULL)
		return (-1);
	if ((ep = lesson_endpoint_ref(p, w)) == -1)
		return (-1);
	if ((w = lexer_word(p, "state")) == NULL)
		return (-1);
	s->deadline->state = tcpstate_parse(w);
	if (s->deadline->state == TS_NONE)
		return (lexer_error(p, "unknown state '%s'", w));
	if (s->deadline->state == TS_CLOSED || s->deadline->state == TS_LISTEN)
		return (lexer_error(p, "'while' needs a state that ends: not "
		    "'%s'", w));
	s->deadline->endpoint = ep;
	s->deadline->line = p->line;
	return (lexer_end(p));
}
