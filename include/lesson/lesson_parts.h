/*
 * lesson_parts.h: the lesson parser's insides, shared by the files it is
 * split into (src/lesson: lesson.c, lexer.c, step.c, action.c,
 * expectation.c) and by nothing else: the state of a parse and the helpers
 * those files share. lesson.h is the parser's interface.
 */
#ifndef LESSON_PARTS_H
#define LESSON_PARTS_H

#include <stddef.h>

#include "lesson/lesson.h"

struct stat;

#define LESSON_LINE_MAX		4096
#define LESSON_WORDS_MAX	(LESSON_LINE_MAX / 2 + 1)
#define LESSON_LOWER		"abcdefghijklmnopqrstuvwxyz"
#define LESSON_NAME_CHARS	LESSON_LOWER "0123456789-"
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
	unsigned		 reads;		/* 1 << sysctl: read so far */
	unsigned		 reads_before_step;	/* read before the
						 * current step */
};

/* The languages' names, by enum lang (lesson.c). */
extern const char *const lesson_langs[];
/* The sysctls' names, by enum sysctl_name (lesson.c). */
extern const char *const lesson_sysctls[];
/* The release a sysctl came with, where newer than 6.1, else NULL. */
extern const char *const lesson_sysctl_since[];
/* The segment kinds of a wire rule, by enum wire_kind (action.c). */
extern const char *const action_wire_kinds[];
/* What the wire did, by enum wire_op (expectation.c). */
extern const char *const expectation_wire_ops[];
/* The kernel readings an expectation names, by enum expect_reading
 * (expectation.c). */
extern const char *const expectation_readings[];

/* lexer.c */
/* Refuse what is not a regular file: "PATH is not a regular file (a FIFO)". */
int	 lexer_need_regular(const char *, const struct stat *, char **);
/* Read a lesson file of at most 1 MiB, never waiting on it; the caller
 * frees the buffer of *len bytes. NULL and *cause when it cannot. */
char	*lexer_read(const char *, size_t *, char **);
/* Set the error, "PATH:LINE: message", at the line being parsed; -1. */
int	 lexer_error(struct lesson_parser *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Check one raw line and split it into words; a blank line or a comment
 * has none. */
int	 lexer_line(struct lesson_parser *, const char *, size_t);
/* Whether s is 1..max characters of set, the first one of first. */
int	 lexer_valid_name(const char *, const char *, const char *, size_t);
/* The index of s in a table of n strings, or -1. */
int	 lexer_lookup(const char *const *, size_t, const char *);
/* The next word, without consuming it; NULL at the end of the line. */
char	*lexer_peek(struct lesson_parser *);
/* Consume the next word if it is w; returns whether it was. */
int	 lexer_eat(struct lesson_parser *, const char *);
/* Consume the next word; when there is none, "missing WHAT after 'PREV'". */
char	*lexer_word(struct lesson_parser *, const char *);
/* Consume the rest of the line as a text (a TAB in it is refused). */
const char *lexer_rest(struct lesson_parser *, const char *);
/* Fail if words are left: "unexpected 'W' after 'CTX'". */
int	 lexer_end(struct lesson_parser *);
/* Parse s as a decimal integer in min..max. */
int	 lexer_number(struct lesson_parser *, const char *, const char *, int,
	    int, int *);
/* Consume the next word as an integer in min..max. */
int	 lexer_word_number(struct lesson_parser *, const char *, int, int,
	    int *);
/* An optional segment count "xN"; *count keeps its default without one. */
int	 lexer_times(struct lesson_parser *, int *);

/* lesson.c */
/* Append a zeroed element to an array of n; returns the new array. */
void	*lesson_grow(void *, size_t *, size_t);
/* Whether a text has any language. */
int	 lesson_has_text(const struct text *);
/* Fail unless t has every language: "missing 'WHAT zh' [in step 'S']". */
int	 lesson_need_text(struct lesson_parser *, const struct text *,
	    const char *, const struct step *);
/* Parse "LANG TEXT" into t; append with a newline or refuse a second one. */
int	 lesson_parse_text(struct lesson_parser *, struct text *, const char *,
	    int);
/* Find a sysctl by name, or fail naming every one allowed. */
int	 lesson_sysctl_ref(struct lesson_parser *, const char *);
/* Find an endpoint or fail with "unknown endpoint 'NAME'". */
int	 lesson_endpoint_ref(struct lesson_parser *, const char *);
/* Add an endpoint after checking its name; returns its index or -1. */
int	 lesson_add_endpoint(struct lesson_parser *, const char *, int);

/* step.c */
/* The step being parsed. */
struct step *step_current(struct lesson_parser *);
/* Check that a finished step has all it needs, at its "step" line. */
int	 step_check(struct lesson_parser *, const struct step *);
/* Directive "step NAME": finishes the step before it. */
int	 step_parse(struct lesson_parser *);
/* Directive "key C": one printable character, not the interface's. */
int	 step_key(struct lesson_parser *);
/* Directive "say LANG TEXT"; lines in the same language append. */
int	 step_say(struct lesson_parser *);
/* Directive "after LANG TEXT"; lines in the same language append. */
int	 step_after(struct lesson_parser *);
/* Directive "while ENDPOINT STATE" or "while LANG TEXT". */
int	 step_while(struct lesson_parser *);

/* placeholder.c */
/* Check the "{sysctl NAME}" placeholders of a text line of directive
 * WHAT: only a say or after shows one, once the lab has read NAME. */
int	 placeholder_check(struct lesson_parser *, const char *, const char *);

/* action.c */
/* Directive "do ENDPOINT|lab|wire ACTION ARGS". */
int	 action_do(struct lesson_parser *);

/* expectation.c */
/* Directive "ask LANG TEXT". */
int	 expectation_ask(struct lesson_parser *);
/* Directive "expect BODY". */
int	 expectation_line(struct lesson_parser *);
/* Directive "choice K LANG TEXT" or "choice K when BODY". */
int	 expectation_choice(struct lesson_parser *);

#endif
