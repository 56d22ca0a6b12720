/*
 * expectation.c: what a lesson expects of the kernel ("expect BODY") and
 * what it asks the learner to predict ("ask", "choice K"), each choice
 * judged by an expectation of its own.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/xmalloc.h"
#include "lesson/lesson.h"
#include "lesson/lesson_parts.h"

/* The longest accept queue "queued" may name: listen()'s largest backlog
 * (4096), and the one more the kernel takes in. */
#define EXPECTATION_QUEUE_MAX	4097

static const struct {
	const char	*name;
	int		 err;
} expectation_errnos[] = {
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
	{ "ENOENT", ENOENT },
	{ "ESRCH", ESRCH }		/* the lab's kill of a process gone */
};

/* What the wire did, as "expect wire" names it. */
const char *const expectation_wire_ops[] = {
	[WIRE_OP_HOLD] = "hold",
	[WIRE_OP_DELIVER] = "deliver",
	[WIRE_OP_DROP] = "drop"
};

/* The question of a step, created by its first "ask" or "choice". */
static struct prediction *
expectation_prediction(struct step *s)
{
	if (s->ask == NULL)
		s->ask = xcalloc(1, sizeof *s->ask);
	return (s->ask);
}

/* Directive "ask LANG TEXT". */
int
expectation_ask(struct lesson_parser *p)
{
	return (lesson_parse_text(p,
	    &expectation_prediction(step_current(p))->question, "ask", 0));
}

/* A range "MIN..MAX" (or, if single is set, "N" for N..N) within lo..hi. */
static int
expectation_range(struct lesson_parser *p, const char *what, int single,
    int lo, int hi, int *min, int *max)
{
	char	 name[32], *w, *dots;

	if ((w = lexer_word(p, what)) == NULL)
		return (-1);
	if ((dots = strstr(w, "..")) == NULL) {
		if (single) {
			if (lexer_number(p, w, what, lo, hi, min) == -1)
				return (-1);
			*max = *min;
			return (0);
		}
		return (lexer_error(p, "invalid %s '%s': use MIN..MAX", what,
		    w));
	}
	*dots = '\0';
	snprintf(name, sizeof name, "%s minimum", what);
	if (lexer_number(p, w, name, lo, hi, min) == -1)
		return (-1);
	snprintf(name, sizeof name, "%s maximum", what);
	if (lexer_number(p, dots + 2, name, lo, hi, max) == -1)
		return (-1);
	if (*min > *max) {
		return (lexer_error(p, "%s '%d..%d' has its minimum above its "
		    "maximum", what, *min, *max));
	}
	return (0);
}

/* What may follow "state STATE" and "saw STATE", for errors. */
#define EXPECTATION_STATE_OPTIONS \
	"'state STATE' takes all, count N[..M] and armed MIN..MAX"
#define EXPECTATION_SAW_OPTIONS	"'saw STATE' takes all and restart"

/* Refuse an option of "state" or "saw" that the expectation cannot take
 * (it belongs to the other kind, is given twice, or excludes one given
 * before); 0 when it can. */
static int
expectation_state_option(struct lesson_parser *p, const struct expect *e,
    const char *w)
{
	int	for_state = strcmp(w, "count") == 0 || strcmp(w, "armed") == 0;
	int	given;

	if (for_state && e->kind == EXPECT_SAW)
		return (lexer_error(p, "'%s' is for 'state', not 'saw': %s", w,
		    EXPECTATION_SAW_OPTIONS));
	if (strcmp(w, "restart") == 0 && e->kind == EXPECT_STATE)
		return (lexer_error(p, "'restart' is for 'saw', not 'state': "
		    "%s", EXPECTATION_STATE_OPTIONS));
	if ((strcmp(w, "all") == 0 && e->count_min != -1) ||
	    (strcmp(w, "count") == 0 && e->all))
		return (lexer_error(p, "'all' and 'count' exclude each other: "
		    "'all' needs every connection in the state, 'count' says "
		    "how many are"));
	if (strcmp(w, "all") == 0)
		given = e->all;
	else if (strcmp(w, "count") == 0)
		given = e->count_min != -1;
	else if (strcmp(w, "armed") == 0)
		given = e->armed_min != -1;
	else
		given = e->restart;
	if (given)
		return (lexer_error(p, "'%s' given twice", w));
	return (0);
}

/*
 * Expectation "state STATE [all | count N[..M]] [armed MIN..MAX]" or
 * "saw STATE [all] [restart]". The old "timer MIN..MAX" judged the time
 * left when the step ended, which shrinks while the learner reads: it is
 * refused with a pointer to "armed".
 */
static int
expectation_state(struct lesson_parser *p, struct expect *e)
{
	const char	*w;

	if ((w = lexer_word(p, "state")) == NULL)
		return (-1);
	if ((e->state = tcpstate_parse(w)) == TS_NONE)
		return (lexer_error(p, "unknown state '%s'", w));
	while ((w = lexer_peek(p)) != NULL) {
		if (e->kind == EXPECT_STATE && strcmp(w, "timer") == 0) {
			return (lexer_error(p, "'timer' (the seconds left when "
			    "the step ends) changes with the learner's pace; "
			    "use 'armed MIN..MAX' (the seconds it was set to)"));
		}
		if (strcmp(w, "all") != 0 && strcmp(w, "count") != 0 &&
		    strcmp(w, "armed") != 0 && strcmp(w, "restart") != 0)
			return (lexer_error(p, "unexpected '%s' after '%s': %s",
			    w, p->ctx, e->kind == EXPECT_STATE ?
			    EXPECTATION_STATE_OPTIONS :
			    EXPECTATION_SAW_OPTIONS));
		if (expectation_state_option(p, e, w) == -1)
			return (-1);
		p->next++;
		if (strcmp(w, "all") == 0)
			e->all = 1;
		else if (strcmp(w, "restart") == 0)
			e->restart = 1;
		else if (strcmp(w, "count") == 0) {
			if (expectation_range(p, "count", 1, 0,
			    EXPECT_COUNT_MAX, &e->count_min, &e->count_max) ==
			    -1)
				return (-1);
		} else if (expectation_range(p, "armed range", 0, 0, 3600,
		    &e->armed_min, &e->armed_max) == -1)
			return (-1);
	}
	return (0);
}

/* A party of a segment: an endpoint, or ":PORT" for a side no endpoint
 * owns (a port nobody listens on). */
static int
expectation_party(struct lesson_parser *p, const char *w, int *endpoint,
    int *port)
{
	if (w[0] != ':')
		return ((*endpoint = lesson_endpoint_ref(p, w)));
	*endpoint = LESSON_PORT;
	return (lexer_number(p, w + 1, "port", 1, 65535, port));
}

/* Expectation "seg A>B FLAGS [xN]". */
static int
expectation_seg(struct lesson_parser *p, struct expect *e)
{
	char	*w, *gt;

	if ((w = lexer_word(p, "sender>receiver")) == NULL)
		return (-1);
	if ((gt = strchr(w, '>')) == NULL) {
		return (lexer_error(p, "invalid segment '%s': use "
		    "SENDER>RECEIVER", w));
	}
	*gt = '\0';
	if (expectation_party(p, w, &e->endpoint, &e->port) == -1 ||
	    expectation_party(p, gt + 1, &e->peer, &e->peer_port) == -1)
		return (-1);
	if (e->endpoint == e->peer && e->port == e->peer_port)
		return (lexer_error(p, "segment from '%s' to itself", w));
	if ((w = lexer_word(p, "flags")) == NULL)
		return (-1);
	if ((e->flags = tcpstate_parse_flags(w)) == -1) {
		return (lexer_error(p, "invalid flags '%s': use tcpdump's, "
		    "like S, S., F., R or .", w));
	}
	return (lexer_times(p, &e->min_count));
}

/* Expectation "wire hold|deliver|drop A>B FLAGS [xN]". */
static int
expectation_wire(struct lesson_parser *p, struct expect *e)
{
	const char	*w;
	int		 i;

	p->l->uses_wire = 1;
	if ((w = lexer_word(p, "'hold', 'deliver' or 'drop'")) == NULL)
		return (-1);
	i = lexer_lookup(expectation_wire_ops,
	    LESSON_NITEMS(expectation_wire_ops), w);
	if (i == -1) {
		return (lexer_error(p, "unknown wire event '%s': use hold, "
		    "deliver or drop", w));
	}
	p->ctx = "wire";
	e->kind = EXPECT_WIRE;
	e->wire_op = (enum wire_op)i;
	return (expectation_seg(p, e));
}

/* The errno named s, or 0. */
static int
expectation_errno(const char *s)
{
	size_t	i;

	for (i = 0; i < LESSON_NITEMS(expectation_errnos); i++) {
		if (strcmp(expectation_errnos[i].name, s) == 0)
			return (expectation_errnos[i].err);
	}
	return (0);
}

/*
 * Expectation "call NAME = RET [ERRNO] [sigpipe] [took MIN..MAX]" or
 * "call NAME > N"; the duration is in milliseconds.
 */
static int
expectation_call(struct lesson_parser *p, struct expect *e)
{
	const char	*w;
	int		 i, ret;

	if (e->negate)
		return (lexer_error(p, "'no' cannot be used with 'call'"));
	if ((w = lexer_word(p, "system call")) == NULL)
		return (-1);
	if ((i = call_lookup(w)) == -1)
		return (lexer_error(p, "unknown call '%s'", w));
	if (e->endpoint != LESSON_LAB && call_by_lab((enum call_name)i))
		return (lexer_error(p, "'%s' is the lab's call: write 'expect "
		    "lab call %s ...'", w, w));
	if (e->endpoint == LESSON_LAB && !call_by_lab((enum call_name)i))
		return (lexer_error(p, "the lab calls only sysctl, route and "
		    "kill, not '%s'", w));
	e->call = (enum call_name)i;
	if ((w = lexer_word(p, "'=' or '>'")) == NULL)
		return (-1);
	if (strcmp(w, ">") == 0)
		e->op = CALL_OP_GT;
	else if (strcmp(w, "=") != 0)
		return (lexer_error(p, "invalid operator '%s': use = or >",
		    w));
	if (lexer_word_number(p, "return value", -1, 1048576, &ret) == -1)
		return (-1);
	e->ret = ret;
	if (e->op == CALL_OP_GT)
		return (0);
	if (ret == -1) {
		if ((w = lexer_word(p, "errno")) == NULL)
			return (-1);
		if ((e->err = expectation_errno(w)) == 0)
			return (lexer_error(p, "unknown errno '%s'", w));
	} else if ((w = lexer_peek(p)) != NULL && expectation_errno(w) != 0) {
		return (lexer_error(p, "errno '%s' needs return value -1",
		    w));
	}
	while ((w = lexer_peek(p)) != NULL) {
		/* The lab's calls raise no signal and do not block. */
		if (e->endpoint == LESSON_LAB)
			return (lexer_error(p, "unexpected '%s' after 'call': "
			    "the lab's calls take only an ERRNO after -1", w));
		if (strcmp(w, "sigpipe") != 0 && strcmp(w, "took") != 0)
			return (lexer_error(p, "unexpected '%s' after 'call': "
			    "'call NAME = RET' takes an ERRNO after -1, then "
			    "sigpipe and took MIN..MAX", w));
		if (strcmp(w, "sigpipe") == 0 ? e->sigpipe : e->took_min != -1)
			return (lexer_error(p, "'%s' given twice", w));
		p->next++;
		if (strcmp(w, "sigpipe") == 0)
			e->sigpipe = 1;
		else if (expectation_range(p, "duration", 0, 0, 600000,
		    &e->took_min, &e->took_max) == -1)
			return (-1);
	}
	return (0);
}

/* The readings of "ENDPOINT READING N[..M]", by enum expect_reading. */
const char *const expectation_readings[] = {
	[READING_RECV_Q] = "recv-q",
	[READING_SEND_Q] = "send-q",
	[READING_RTO] = "rto",
	[READING_RETRANSMITS] = "retransmits",
	[READING_BACKOFF] = "backoff"
};

/* Expectation "recv-q N[..M]", "send-q N[..M]" (bytes), "rto MIN..MAX"
 * (ms), "retransmits N[..M]" or "backoff N[..M]". */
static int
expectation_reading(struct lesson_parser *p, struct expect *e,
    enum expect_reading reading)
{
	e->kind = EXPECT_READING;
	e->reading = reading;
	switch (reading) {
	case READING_RECV_Q:
	case READING_SEND_Q:
		return (expectation_range(p, "byte count", 1, 0, 1 << 30,
		    &e->value_min, &e->value_max));
	case READING_RTO:
		return (expectation_range(p, "rto range", 0, 0, 120000,
		    &e->value_min, &e->value_max));
	case READING_RETRANSMITS:
	case READING_BACKOFF:
		return (expectation_range(p, expectation_readings[reading], 1,
		    0, 255, &e->value_min, &e->value_max));
	}
	return (-1);
}

/* Expectation "lab counter NAME N[..M]": NAME as the kernel spells it in
 * /proc/net/netstat (TcpExt) or /proc/net/snmp (Tcp). The names differ
 * between kernels, so one the lab's kernel lacks fails the check. */
static int
expectation_counter(struct lesson_parser *p, struct expect *e)
{
	const char	*w;

	if ((w = lexer_word(p, "counter name")) == NULL)
		return (-1);
	if (!lexer_valid_name(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZ" LESSON_LOWER,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ" LESSON_LOWER "0123456789",
	    EXPECT_COUNTER_MAX))
		return (lexer_error(p, "invalid counter name '%s': use the "
		    "kernel's, like PAWSEstab or RetransSegs", w));
	e->kind = EXPECT_COUNTER;
	snprintf(e->counter, sizeof e->counter, "%s", w);
	p->ctx = e->counter;
	return (expectation_range(p, "rise", 1, 0, 1000000, &e->value_min,
	    &e->value_max));
}

/* Expectation "queued N[..M] [port P]": how many connections wait in the
 * accept queue of the endpoint's latest listener, or of the one on P. */
static int
expectation_queued(struct lesson_parser *p, struct expect *e)
{
	const char	*w;

	e->kind = EXPECT_QUEUED;
	if (expectation_range(p, "queue length", 1, 0, EXPECTATION_QUEUE_MAX,
	    &e->count_min, &e->count_max) == -1)
		return (-1);
	if ((w = lexer_peek(p)) == NULL)
		return (0);
	if (strcmp(w, "port") != 0)
		return (lexer_error(p, "unexpected '%s' after 'queued': only "
		    "'port PORT' may follow the queue length", w));
	lexer_eat(p, "port");
	return (lexer_word_number(p, "port", 1, 65535, &e->port));
}

/* Parse an expectation, the words after "expect" or "choice K when". */
static int
expectation_parse(struct lesson_parser *p, struct expect *e)
{
	const char	*w;
	int		 i;

	memset(e, 0, sizeof *e);
	e->line = p->line;
	e->peer = -1;
	e->armed_min = e->armed_max = -1;
	e->count_min = e->count_max = -1;
	e->took_min = e->took_max = -1;
	e->min_count = 1;
	if ((w = lexer_word(p, "endpoint")) == NULL)
		return (-1);
	if (strcmp(w, "no") == 0) {
		e->negate = 1;
		if ((w = lexer_word(p, "endpoint")) == NULL)
			return (-1);
	}
	if (strcmp(w, "seg") == 0) {
		p->ctx = "seg";
		e->kind = EXPECT_SEG;
		return (expectation_seg(p, e));
	}
	if (strcmp(w, "wire") == 0)
		return (expectation_wire(p, e));
	if (strcmp(w, "lab") == 0) {
		/* The lab's own calls (sysctl, route, kill), its counters. */
		e->endpoint = LESSON_LAB;
		if ((w = lexer_word(p, "'call' or 'counter'")) == NULL)
			return (-1);
		p->ctx = w;
		if (strcmp(w, "counter") == 0)
			return (expectation_counter(p, e));
		if (strcmp(w, "call") != 0)
			return (lexer_error(p, "the lab can only be expected "
			    "to make a 'call' or raise a 'counter', not '%s'",
			    w));
		e->kind = EXPECT_CALL;
		return (expectation_call(p, e));
	}
	if ((e->endpoint = lesson_endpoint_ref(p, w)) == -1)
		return (-1);
	if ((w = lexer_word(p, "expectation")) == NULL)
		return (-1);
	p->ctx = w;
	if (strcmp(w, "queued") == 0)
		return (expectation_queued(p, e));
	if ((i = lexer_lookup(expectation_readings,
	    LESSON_NITEMS(expectation_readings), w)) != -1)
		return (expectation_reading(p, e, (enum expect_reading)i));
	if (strcmp(w, "holds") == 0) {
		e->kind = EXPECT_HOLDS;
		return (expectation_range(p, "descriptor count", 1, 0,
		    EXPECT_COUNT_MAX, &e->count_min, &e->count_max));
	}
	if (strcmp(w, "state") == 0 || strcmp(w, "saw") == 0) {
		e->kind = strcmp(w, "state") == 0 ? EXPECT_STATE : EXPECT_SAW;
		return (expectation_state(p, e));
	}
	if (strcmp(w, "call") == 0) {
		e->kind = EXPECT_CALL;
		return (expectation_call(p, e));
	}
	return (lexer_error(p, "unknown expectation '%s': use state, saw, "
	    "call, holds, queued, recv-q, send-q, rto, retransmits or backoff",
	    w));
}

/* Directive "expect BODY". */
int
expectation_line(struct lesson_parser *p)
{
	struct lesson	*l = p->l;
	struct step	*s;

	if (p->section == LESSON_SETUP) {
		l->setup_expects = lesson_grow(l->setup_expects,
		    &l->nsetup_expects, sizeof *l->setup_expects);
		return (expectation_parse(p,
		    &l->setup_expects[l->nsetup_expects - 1]));
	}
	s = step_current(p);
	s->expects = lesson_grow(s->expects, &s->nexpects, sizeof *s->expects);
	return (expectation_parse(p, &s->expects[s->nexpects - 1]));
}

/* Directive "choice K LANG TEXT" or "choice K when BODY". */
int
expectation_choice(struct lesson_parser *p)
{
	struct prediction	*q = expectation_prediction(step_current(p));
	struct choice		*c = NULL;
	const char		*w;
	char			 what[16];
	size_t			 i;

	if ((w = lexer_word(p, "choice key")) == NULL)
		return (-1);
	if (w[1] != '\0' || w[0] < 'a' || w[0] > 'f')
		return (lexer_error(p, "invalid choice key '%s': use a..f",
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
	if (!lexer_eat(p, "when"))
		return (lesson_parse_text(p, &c->text, what, 0));
	if (c->when.line != 0)
		return (lexer_error(p, "duplicate '%s when'", what));
	return (expectation_parse(p, &c->when));
}
