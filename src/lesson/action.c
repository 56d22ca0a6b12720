/*
 * action.c: the actions of a lesson, "do ENDPOINT ACTION ARGS", "do lab
 * ACTION ARGS" and "do wire ACTION ARGS": the table of actions and the
 * parser of each one's arguments.
 */
#include <sys/socket.h>

#include <limits.h>
#include <string.h>

#include "base/xmalloc.h"
#include "lesson/lesson.h"
#include "lesson/lesson_parts.h"

/* How an action may name the socket it acts on: the first n words of
 * action_target_words, and how an error lists them. */
enum action_targets {
	TARGETS_CONN = 1,	/* conn N */
	TARGETS_ONE = 2,	/* and listener */
	TARGETS_MANY = 4	/* and conns, all */
};

static const struct action_target_word {
	const char	*word;
	enum target	 target;
} action_target_words[] = {
	{ "conn", TARGET_CONN },	/* with a number: the Nth */
	{ "listener", TARGET_LISTENER },
	{ "conns", TARGET_CONNS },
	{ "all", TARGET_ALL }
};

static const char *const action_target_lists[] = {
	[TARGETS_CONN] = "conn N",
	[TARGETS_ONE] = "listener or conn N",
	[TARGETS_MANY] = "listener, conns, all or conn N"
};

/* The index of w among the first n target words, or -1. */
static int
action_target_word(const char *w, enum action_targets n)
{
	int	i;

	for (i = 0; w != NULL && i < (int)n; i++) {
		if (strcmp(action_target_words[i].word, w) == 0)
			return (i);
	}
	return (-1);
}

/*
 * The socket an action acts on, at most one of the allowed words:
 * "conn N" (the endpoint's Nth connection), "listener" (its latest
 * listening socket), "conns" (every connection), "all" (every socket).
 * Without one, the latest connection.
 */
static int
action_target(struct lesson_parser *p, struct action *a,
    enum action_targets allowed)
{
	const char	*w, *first = NULL;
	int		 i;

	while ((i = action_target_word((w = lexer_peek(p)), allowed)) != -1) {
		if (first != NULL) {
			return (lexer_error(p, "'%s' and '%s' exclude each "
			    "other: one of %s", first, w,
			    action_target_lists[allowed]));
		}
		first = w;
		p->next++;
		a->target = action_target_words[i].target;
		if (a->target == TARGET_CONN && lexer_word_number(p,
		    "connection number", 1, LESSON_MAX_CONNS, &a->conn) == -1)
			return (-1);
	}
	return (0);
}

/* The target "[listener|conn N]" of an action on one socket. */
static int
action_one_target(struct lesson_parser *p, struct action *a)
{
	return (action_target(p, a, TARGETS_ONE));
}

/*
 * "PORT [OPTION N] [reuseaddr] [bind LPORT]", options in any order: the
 * words after listen (OPTION backlog) and connect (OPTION count, and bind);
 * N is what the option is called in errors, within lo..hi, stored in *n.
 */
static int
action_port_options(struct lesson_parser *p, struct action *a,
    const char *option, const char *what, int lo, int hi, int *n)
{
	int	seen = 0;

	if (lexer_word_number(p, "port", 1, 65535, &a->port) == -1)
		return (-1);
	for (;;) {
		if (!seen && lexer_eat(p, option)) {
			seen = 1;
			if (lexer_word_number(p, what, lo, hi, n) == -1)
				return (-1);
		} else if (!a->reuseaddr && lexer_eat(p, "reuseaddr"))
			a->reuseaddr = 1;
		else if (a->kind == ACT_CONNECT && a->bind_port == 0 &&
		    lexer_eat(p, "bind")) {
			if (lexer_word_number(p, "local port", 1, 65535,
			    &a->bind_port) == -1)
				return (-1);
		} else
			return (0);
	}
}

/* Action "listen PORT [backlog N] [reuseaddr]". */
static int
action_listen(struct lesson_parser *p, struct action *a)
{
	if (++p->nlistens > LESSON_MAX_LISTENERS) {
		return (lexer_error(p, "more than %d 'listen' actions in a "
		    "lesson", LESSON_MAX_LISTENERS));
	}
	return (action_port_options(p, a, "backlog", "backlog length",
	    0, 4096, &a->backlog));
}

/* Action "connect PORT [count N] [reuseaddr] [bind LPORT]". */
static int
action_connect(struct lesson_parser *p, struct action *a)
{
	if (action_port_options(p, a, "count", "connection count",
	    1, LESSON_MAX_CONNECT, &a->count) == -1)
		return (-1);
	if (a->bind_port != 0 && a->count != 1) {
		return (lexer_error(p, "'bind' needs count 1: one local port "
		    "makes one connection, not %d", a->count));
	}
	return (0);
}

/* Action "accept [all]". */
static int
action_accept(struct lesson_parser *p, struct action *a)
{
	if (lexer_eat(p, "all"))
		a->count = 0;
	return (0);
}

/* The target "[conn N]" of send and recv. */
static int
action_conn_target(struct lesson_parser *p, struct action *a)
{
	return (action_target(p, a, TARGETS_CONN));
}

/* Action "send N [conn N]" or "send [conn N] text TEXT" (the text is the
 * rest of the line, so its target comes first). */
static int
action_send(struct lesson_parser *p, struct action *a)
{
	const char	*s;

	if (action_conn_target(p, a) == -1)
		return (-1);
	if (!lexer_eat(p, "text")) {
		if (lexer_word_number(p, "byte count", 1, 1048576,
		    &a->bytes) == -1)
			return (-1);
		return (a->conn != 0 ? 0 : action_conn_target(p, a));
	}
	if ((s = lexer_rest(p, "text")) == NULL)
		return (-1);
	if (strlen(s) > LESSON_MAX_SEND_TEXT)
		return (lexer_error(p, "text longer than %d bytes",
		    LESSON_MAX_SEND_TEXT));
	a->text = xstrdup(s);
	return (0);
}

/* Action "recv [N] [conn N]". */
static int
action_recv(struct lesson_parser *p, struct action *a)
{
	const char	*w = lexer_peek(p);

	if (w != NULL && strcmp(w, "conn") != 0 && lexer_word_number(p,
	    "byte count", 1, 1048576, &a->bytes) == -1)
		return (-1);
	return (action_conn_target(p, a));
}

/* The target "[listener|conns|all|conn N]" of close and shutdown. */
static int
action_targets(struct lesson_parser *p, struct action *a)
{
	return (action_target(p, a, TARGETS_MANY));
}

/* Action "shutdown rd|wr|rdwr [listener|conns|all|conn N]". */
static int
action_shutdown(struct lesson_parser *p, struct action *a)
{
	static const char *const hows[] = {
		[SHUT_RD] = "rd",
		[SHUT_WR] = "wr",
		[SHUT_RDWR] = "rdwr"
	};
	const char	*w;

	if ((w = lexer_word(p, "'rd', 'wr' or 'rdwr'")) == NULL)
		return (-1);
	if ((a->how = lexer_lookup(hows, LESSON_NITEMS(hows), w)) == -1) {
		return (lexer_error(p, "invalid shutdown '%s': use rd, wr or "
		    "rdwr", w));
	}
	return (action_targets(p, a));
}

/* The "on" or "off" of linger and keepalive, in *on. */
static int
action_on_off(struct lesson_parser *p, int *on)
{
	const char	*w;

	if ((w = lexer_word(p, "'on' or 'off'")) == NULL)
		return (-1);
	if (strcmp(w, "on") != 0 && strcmp(w, "off") != 0)
		return (lexer_error(p, "invalid %s '%s': use on or off",
		    p->ctx, w));
	*on = strcmp(w, "on") == 0;
	return (0);
}

/* Action "linger on SECS [listener|conn N]" or "linger off [...]". */
static int
action_linger(struct lesson_parser *p, struct action *a)
{
	if (action_on_off(p, &a->linger_on) == -1)
		return (-1);
	if (a->linger_on && lexer_word_number(p, "linger time", 0, 3600,
	    &a->linger_secs) == -1)
		return (-1);
	return (action_one_target(p, a));
}

/* Action "keepalive on IDLE INTVL CNT [listener|conn N]" or "keepalive
 * off [...]": the kernel's ranges, 1..32767 s and 1..127 probes. */
static int
action_keepalive(struct lesson_parser *p, struct action *a)
{
	if (action_on_off(p, &a->keepalive_on) == -1)
		return (-1);
	if (a->keepalive_on && (lexer_word_number(p, "keepalive idle time",
	    1, 32767, &a->keep_idle) == -1 || lexer_word_number(p,
	    "keepalive interval", 1, 32767, &a->keep_intvl) == -1 ||
	    lexer_word_number(p, "keepalive probe count", 1, 127,
	    &a->keep_count) == -1))
		return (-1);
	return (action_one_target(p, a));
}

/* Actions "rcvbuf N" and "sndbuf N" [listener|conn N]: bytes. */
static int
action_sockbuf(struct lesson_parser *p, struct action *a)
{
	if (lexer_word_number(p, "buffer size", 1, LESSON_MAX_SOCKBUF,
	    &a->bytes) == -1)
		return (-1);
	return (action_one_target(p, a));
}

/* Action "user-timeout MS [listener|conn N]". */
static int
action_user_timeout(struct lesson_parser *p, struct action *a)
{
	if (lexer_word_number(p, "milliseconds", 0, 600000, &a->msec) == -1)
		return (-1);
	return (action_one_target(p, a));
}

/* Action "fork NAME": NAME becomes a new endpoint. */
static int
action_fork(struct lesson_parser *p, struct action *a)
{
	const char	*name;

	if ((name = lexer_word(p, "endpoint name")) == NULL)
		return (-1);
	if ((a->child = lesson_add_endpoint(p, name, 1)) == -1)
		return (-1);
	return (0);
}

/* Actions "sleep MS" and "wait MS". */
static int
action_msec(struct lesson_parser *p, struct action *a)
{
	return (lexer_word_number(p, "milliseconds", 0, 600000, &a->msec));
}

/* Action "nofile N". */
static int
action_nofile(struct lesson_parser *p, struct action *a)
{
	return (lexer_word_number(p, "descriptor limit", 4, 65536,
	    &a->nofile));
}

/* Lab action "rto-min MS": the floor of the retransmission timeout. */
static int
action_rto_min(struct lesson_parser *p, struct action *a)
{
	return (lexer_word_number(p, "milliseconds", 1, LESSON_RTO_MIN_MAX,
	    &a->msec));
}

/* Lab action "sysctl NAME VALUE", ip_local_port_range LOW HIGH; or
 * "sysctl NAME", which reads it. */
static int
action_sysctl(struct lesson_parser *p, struct action *a)
{
	const char	*w;
	int		 i, low, high;

	if ((w = lexer_word(p, "sysctl name")) == NULL)
		return (-1);
	if ((i = lesson_sysctl_ref(p, w)) == -1)
		return (-1);
	if (lesson_sysctl_since[i] != NULL && (p->l->requires & (1U << i)) ==
	    0)
		return (lexer_error(p, "%s exists only from Linux %s: declare "
		    "'requires sysctl %s' before 'setup'", w,
		    lesson_sysctl_since[i], w));
	a->sysctl = (enum sysctl_name)i;
	/* No value: the lab reads it, for a "{sysctl NAME}" to show. */
	if (a->sysctl != SYSCTL_IP_LOCAL_PORT_RANGE && lexer_peek(p) == NULL) {
		p->reads |= 1U << i;
		return (0);
	}
	if (a->sysctl != SYSCTL_IP_LOCAL_PORT_RANGE) {
		if (lexer_word_number(p, "value", 0, INT_MAX, &low) == -1)
			return (-1);
		a->value = xasprintf("%d", low);
		return (0);
	}
	if (lexer_word_number(p, "low port", 1, 65535, &low) == -1 ||
	    lexer_word_number(p, "high port", 1, 65535, &high) == -1)
		return (-1);
	if (low > high) {
		return (lexer_error(p, "low port '%d' above high port '%d'",
		    low, high));
	}
	a->value = xasprintf("%d %d", low, high);
	return (0);
}

/* The actions: name, kind, whether of the lab, and the argument parser. */
static const struct action_def {
	const char		*name;
	enum action_kind	 kind;
	int			 lab;
	int			(*parse)(struct lesson_parser *,
				    struct action *);
} action_defs[] = {
	{ "listen", ACT_LISTEN, 0, action_listen },
	{ "connect", ACT_CONNECT, 0, action_connect },
	{ "accept", ACT_ACCEPT, 0, action_accept },
	{ "send", ACT_SEND, 0, action_send },
	{ "recv", ACT_RECV, 0, action_recv },
	{ "close", ACT_CLOSE, 0, action_targets },
	{ "shutdown", ACT_SHUTDOWN, 0, action_shutdown },
	{ "linger", ACT_LINGER, 0, action_linger },
	{ "reuseaddr", ACT_REUSEADDR, 0, action_one_target },
	{ "keepalive", ACT_KEEPALIVE, 0, action_keepalive },
	{ "rcvbuf", ACT_RCVBUF, 0, action_sockbuf },
	{ "sndbuf", ACT_SNDBUF, 0, action_sockbuf },
	{ "user-timeout", ACT_USER_TIMEOUT, 0, action_user_timeout },
	{ "kill", ACT_KILL, 0, NULL },
	{ "fork", ACT_FORK, 0, action_fork },
	{ "exit", ACT_EXIT, 0, NULL },
	{ "sleep", ACT_SLEEP, 0, action_msec },
	{ "nofile", ACT_NOFILE, 0, action_nofile },
	{ "sysctl", ACT_SYSCTL, 1, action_sysctl },
	{ "rto-min", ACT_RTO_MIN, 1, action_rto_min },
	{ "wait", ACT_WAIT, 1, action_msec }
};

/* The segments a wire rule can take. */
const char *const action_wire_kinds[] = {
	[WIRE_ANY] = "any",
	[WIRE_SYN] = "syn",
	[WIRE_FIN] = "fin",
	[WIRE_ACK] = "ack",
	[WIRE_DATA] = "data",
	[WIRE_RST] = "rst"
};

/* A wire rule's "SENDER KIND": an endpoint or "any", and what it takes. */
static int
action_wire_rule(struct lesson_parser *p, struct action *a)
{
	const char	*w;
	int		 i;

	if ((w = lexer_word(p, "sender (an endpoint or 'any')")) == NULL)
		return (-1);
	if (strcmp(w, "any") == 0)
		a->sender = WIRE_ANY_SENDER;
	else if ((a->sender = lesson_endpoint_ref(p, w)) == -1)
		return (-1);
	if ((w = lexer_word(p, "segment kind")) == NULL)
		return (-1);
	i = lexer_lookup(action_wire_kinds, LESSON_NITEMS(action_wire_kinds),
	    w);
	if (i == -1) {
		return (lexer_error(p, "unknown segment kind '%s': use any, "
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
action_wire(struct lesson_parser *p, struct action *a)
{
	const char	*w;

	p->l->uses_wire = 1;
	if ((w = lexer_word(p, "wire action")) == NULL)
		return (-1);
	p->ctx = w;
	if (strcmp(w, "hold") == 0) {
		a->wire = WIRE_ACT_HOLD;
		return (action_wire_rule(p, a));
	}
	if (strcmp(w, "drop") == 0) {
		a->wire = WIRE_ACT_DROP_HELD;
		if (lexer_eat(p, "held"))
			return (0);
		a->wire = WIRE_ACT_DROP;
		if (action_wire_rule(p, a) == -1)
			return (-1);
		return (lexer_times(p, &a->count));
	}
	if (strcmp(w, "deliver") == 0) {
		a->wire = lexer_eat(p, "all") ? WIRE_ACT_DELIVER_ALL :
		    WIRE_ACT_DELIVER;
		return (0);
	}
	if (strcmp(w, "pass") == 0) {
		a->wire = WIRE_ACT_PASS;
		return (0);
	}
	return (lexer_error(p, "unknown wire action '%s': use hold, drop, "
	    "deliver or pass", w));
}

/* A new action with its defaults, at the end of setup or the step. */
static struct action *
action_new(struct lesson_parser *p)
{
	struct lesson	*l = p->l;
	struct step	*s;
	struct action	*a;

	if (p->section == LESSON_SETUP) {
		l->setup = lesson_grow(l->setup, &l->nsetup, sizeof *l->setup);
		a = &l->setup[l->nsetup - 1];
	} else {
		s = step_current(p);
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
int
action_do(struct lesson_parser *p)
{
	const struct action_def	*def = NULL;
	struct action		*a;
	const char		*who, *name;
	int			 lab, endpoint = -1;
	size_t			 i;

	if ((who = lexer_word(p, "endpoint")) == NULL)
		return (-1);
	if (strcmp(who, "wire") == 0) {
		a = action_new(p);
		a->kind = ACT_WIRE;
		a->endpoint = -1;
		return (action_wire(p, a));
	}
	lab = strcmp(who, "lab") == 0;
	if (!lab && (endpoint = lesson_endpoint_ref(p, who)) == -1)
		return (-1);
	if ((name = lexer_word(p, "action")) == NULL)
		return (-1);
	for (i = 0; i < LESSON_NITEMS(action_defs); i++) {
		if (strcmp(action_defs[i].name, name) == 0)
			def = &action_defs[i];
	}
	if (def == NULL)
		return (lexer_error(p, "unknown action '%s'", name));
	if (def->lab != lab)
		return (lexer_error(p, def->lab ? "'%s' is an action of the "
		    "lab: use 'do lab %s'" : "'%s' is an endpoint's action: "
		    "use 'do ENDPOINT %s'", name, name));
	a = action_new(p);
	a->kind = def->kind;
	a->endpoint = endpoint;
	p->ctx = name;
	return (def->parse == NULL ? 0 : def->parse(p, a));
}
