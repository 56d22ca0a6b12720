/*
 * lesson.h: a lesson file parsed into memory. The parser only reads; it never
 * prints and never exits: every error is "file:line: message" in *cause.
 */
#ifndef LESSON_H
#define LESSON_H

#include <stddef.h>

#include "tcp/call.h"
#include "tcp/tcpstate.h"

/* The longest lesson id. */
#define LESSON_ID_MAX		40

/* How many endpoints a lab can hold, forked ones included. */
#define LESSON_MAX_ENDPOINTS	32

/* How many listening sockets a lesson may open ("listen" actions). */
#define LESSON_MAX_LISTENERS	8

/* How many connections one connect action may open. */
#define LESSON_MAX_CONNECT	10000

/* How many connections an endpoint keeps (connected and accepted): the
 * highest "conn N" of an action. */
#define LESSON_MAX_CONNS	(2 * LESSON_MAX_CONNECT)

/* The largest SO_RCVBUF or SO_SNDBUF an action may ask for, in bytes. */
#define LESSON_MAX_SOCKBUF	16777216

/* The "endpoint" of an expectation on the lab's own calls (ACTOR_LAB). */
#define LESSON_LAB	(-4)

/* A party of a segment expectation that no endpoint owns, named by its
 * port (":9001", as the transcript shows it). */
#define LESSON_PORT	(-5)

/* The longest counter name a "lab counter" expectation may give. */
#define EXPECT_COUNTER_MAX	47

/* The most connections a "count" expectation may name. */
#define EXPECT_COUNT_MAX	(2 * LESSON_MAX_CONNECT)

/* The largest rto_min a lesson may give the lab's route, in ms. */
#define LESSON_RTO_MIN_MAX	60000

/* The longest text a "send text" action may carry. */
#define LESSON_MAX_SEND_TEXT	511

enum lang {
	LANG_EN,
	LANG_ZH,
	LANG_COUNT
};

/* A text in every language; an untranslated entry is NULL. */
struct text {
	char	*s[LANG_COUNT];
	size_t	 len[LANG_COUNT];	/* while parsing: strlen of s, */
	size_t	 cap[LANG_COUNT];	/* and its room, so that appending
					 * a line costs only that line */
};

/* What an action does to the socket(s) of its endpoint. */
enum target {
	TARGET_CONN,		/* the endpoint's latest connection */
	TARGET_LISTENER,	/* its listening socket */
	TARGET_CONNS,		/* every connection, not the listener */
	TARGET_ALL		/* every socket it holds */
};

enum action_kind {
	ACT_LISTEN,	/* socket, [SO_REUSEADDR], bind 127.0.0.1:port, listen */
	ACT_CONNECT,	/* socket, connect to 127.0.0.1:port, count times */
	ACT_ACCEPT,	/* accept one (count 1) or until it fails (count 0) */
	ACT_SEND,	/* send bytes or text on the target */
	ACT_RECV,	/* recv up to bytes (0: all that is there) */
	ACT_CLOSE,	/* close the target */
	ACT_SHUTDOWN,	/* shutdown(how) the target */
	ACT_LINGER,	/* SO_LINGER {on, secs} on the target */
	ACT_REUSEADDR,	/* SO_REUSEADDR 1 on the target */
	ACT_KEEPALIVE,	/* SO_KEEPALIVE, and its timers when on */
	ACT_RCVBUF,	/* SO_RCVBUF bytes on the target */
	ACT_SNDBUF,	/* SO_SNDBUF bytes on the target */
	ACT_USER_TIMEOUT, /* TCP_USER_TIMEOUT msec on the target */
	ACT_KILL,	/* SIGKILL the endpoint's process */
	ACT_FORK,	/* fork: the child becomes endpoint `child` */
	ACT_EXIT,	/* the endpoint process exits */
	ACT_SLEEP,	/* the endpoint is busy for msec */
	ACT_NOFILE,	/* RLIMIT_NOFILE of the endpoint */
	ACT_SYSCTL,	/* a TCP sysctl of the lab (endpoint is -1) */
	ACT_RTO_MIN,	/* the lab's loopback route metric rto_min, msec */
	ACT_WAIT,	/* the lesson waits msec (endpoint is -1) */
	ACT_WIRE	/* the wire holds, delivers or drops (endpoint is -1) */
};

/* What a wire action does. */
enum wire_action {
	WIRE_ACT_HOLD,		/* hold every matching segment in flight */
	WIRE_ACT_DROP,		/* drop the next count matching segments */
	WIRE_ACT_DELIVER,	/* deliver the oldest held segment */
	WIRE_ACT_DELIVER_ALL,	/* deliver every held segment */
	WIRE_ACT_DROP_HELD,	/* lose the oldest held segment */
	WIRE_ACT_PASS		/* end every rule, deliver all that is held */
};

/* Which segments a wire rule takes. */
enum wire_kind {
	WIRE_ANY,
	WIRE_SYN,	/* SYN set */
	WIRE_FIN,	/* FIN set */
	WIRE_ACK,	/* a bare ACK: no SYN, FIN or RST, no payload */
	WIRE_DATA,	/* a payload */
	WIRE_RST	/* RST set */
};

/* What the wire did with a segment, as the timeline records it. */
enum wire_op {
	WIRE_OP_HOLD,
	WIRE_OP_DELIVER,
	WIRE_OP_DROP
};

/* Any sender, for a wire rule. */
#define WIRE_ANY_SENDER	(-1)

enum sysctl_name {
	SYSCTL_TCP_FIN_TIMEOUT,
	SYSCTL_TCP_MAX_TW_BUCKETS,
	SYSCTL_TCP_TW_REUSE,
	SYSCTL_TCP_RTO_MIN_US,
	SYSCTL_IP_LOCAL_PORT_RANGE,
	SYSCTL_TCP_TW_RECYCLE,	/* gone since Linux 4.12: writing it fails */
	SYSCTL_TCP_RFC1337,
	SYSCTL_TCP_KEEPALIVE_TIME,
	SYSCTL_TCP_KEEPALIVE_INTVL,
	SYSCTL_TCP_KEEPALIVE_PROBES,
	SYSCTL_TCP_SYN_RETRIES,
	SYSCTL_TCP_SYNACK_RETRIES,
	SYSCTL_TCP_ORPHAN_RETRIES,
	SYSCTL_TCP_MAX_SYN_BACKLOG,
	SYSCTL_TCP_ABORT_ON_OVERFLOW,
	SYSCTL_TCP_SYNCOOKIES,
	SYSCTL_TCP_TIMESTAMPS,
	SYSCTL_COUNT
};

struct action {
	enum action_kind	 kind;
	int			 line;
	int			 endpoint;	/* index in lesson->endpoints, or -1 */
	enum target		 target;
	int			 conn;		/* TARGET_CONN: the endpoint's
						 * Nth connection, or 0 for
						 * the latest */
	int			 port;		/* listen, connect */
	int			 bind_port;	/* connect: bind 127.0.0.1:this
						 * first, or 0 */
	int			 backlog;	/* listen; default 16 */
	int			 reuseaddr;	/* listen, connect: SO_REUSEADDR first */
	int			 count;		/* connect (>= 1), accept (0 = all) */
	int			 bytes;		/* send: N bytes; recv: at most N (0 = all);
						 * rcvbuf, sndbuf: the size */
	char			*text;		/* send: this text instead of bytes */
	int			 how;		/* shutdown: SHUT_RD, SHUT_WR, SHUT_RDWR */
	int			 linger_on;	/* linger */
	int			 linger_secs;	/* linger */
	int			 keepalive_on;	/* keepalive: SO_KEEPALIVE 1 */
	int			 keep_idle;	/* keepalive on: TCP_KEEPIDLE, */
	int			 keep_intvl;	/* TCP_KEEPINTVL (seconds) */
	int			 keep_count;	/* and TCP_KEEPCNT */
	int			 msec;		/* sleep, wait, user-timeout */
	int			 nofile;	/* nofile */
	enum sysctl_name	 sysctl;	/* sysctl */
	char			*value;		/* sysctl: digits and single spaces */
	int			 child;		/* fork: index of the new endpoint */
	enum wire_action	 wire;		/* wire */
	enum wire_kind		 wire_kind;	/* wire hold, drop: which */
	int			 sender;	/* wire hold, drop: endpoint or
						 * WIRE_ANY_SENDER */
};

enum expect_kind {
	EXPECT_STATE,	/* the endpoint's state when the step has settled */
	EXPECT_SAW,	/* the state appeared at some time during the step */
	EXPECT_SEG,	/* a segment from endpoint to peer with these flags */
	EXPECT_CALL,	/* the endpoint's last call of that name in the step */
	EXPECT_HOLDS,	/* how many connection descriptors it holds open */
	EXPECT_WIRE,	/* the wire held, delivered or dropped a segment */
	EXPECT_QUEUED,	/* how many wait in a listener's accept queue */
	EXPECT_READING,	/* a kernel reading of its latest connection */
	EXPECT_COUNTER	/* how much a TCP counter of the lab rose */
};

/* What an EXPECT_READING reads of the latest connection. */
enum expect_reading {
	READING_RECV_Q,		/* Recv-Q in bytes, at the latest reading */
	READING_SEND_Q,		/* Send-Q in bytes, at the latest reading */
	READING_RTO,		/* tcpi_rto in ms, the highest in the step */
	READING_RETRANSMITS,	/* tcpi_retransmits, the highest in the step */
	READING_BACKOFF		/* tcpi_backoff, the highest in the step */
};

enum call_op {
	CALL_OP_EQ,	/* = */
	CALL_OP_GT		/* > */
};

struct expect {
	enum expect_kind	 kind;
	int			 line;
	int			 negate;	/* "expect no ..." */
	int			 endpoint;	/* or LESSON_LAB, or LESSON_PORT */
	int			 port;		/* seg, wire: endpoint's port when
						 * it is LESSON_PORT; queued: the
						 * listener's port, or 0 for the
						 * endpoint's latest */
	int			 all;		/* state/saw: every connection of it */
	int			 restart;	/* saw: the state's timer restarted */
	enum wire_op		 wire_op;	/* wire */
	enum tcp_state		 state;		/* state, saw */
	int			 armed_min;	/* state: seconds its timer was */
	int			 armed_max;	/* set to, or -1 */
	int			 count_min;	/* state: how many connections are */
	int			 count_max;	/* in it, or -1; holds: how many */
	int			 peer;		/* seg: the receiver, or LESSON_PORT */
	int			 peer_port;	/* seg: its port, for LESSON_PORT */
	int			 flags;		/* seg: every one of these TF_ bits */
	int			 min_count;	/* seg, wire: at least this many
						 * (default 1) */
	enum call_name		 call;		/* call */
	enum call_op		 op;		/* call */
	long			 ret;		/* call */
	int			 err;		/* call: errno when ret is -1, else 0 */
	int			 sigpipe;	/* call: SIGPIPE must have arrived */
	int			 took_min;	/* call: milliseconds it blocked, */
	int			 took_max;	/* or -1 */
	enum expect_reading	 reading;	/* reading */
	char			 counter[EXPECT_COUNTER_MAX + 1];	/* counter:
						 * its name, as the kernel's */
	int			 value_min;	/* reading: its value; counter: */
	int			 value_max;	/* how much it rose */
};

struct choice {
	char		 key;		/* 'a', 'b', ... */
	struct text	 text;
	struct expect	 when;		/* the choice is right when this holds */
};

struct prediction {
	struct text	 question;
	struct choice	*choices;
	size_t		 nchoices;
};

/* A state a step's story needs: the step must run while the endpoint's
 * latest connection (or, when that is not in it, every connection in it)
 * is still in it ("while server TIME_WAIT"). */
struct deadline {
	int			 line;
	int			 endpoint;
	enum tcp_state		 state;
	struct text		 purpose;	/* what running in time shows:
						 * "to see bind() fail" */
};

struct step {
	char			*name;
	int			 line;
	int			 key;		/* the key that runs it */
	struct text		 title;		/* optional: its heading for people */
	struct text		 say;		/* narration before the action */
	struct text		 after;		/* narration once it has settled */
	struct action		*actions;
	size_t			 nactions;
	struct expect		*expects;
	size_t			 nexpects;
	struct prediction	*ask;		/* NULL when nothing is asked */
	struct deadline		*deadline;	/* NULL when none is declared */
};

struct lesson_endpoint {
	char	*name;
	int	 by_fork;	/* created by a fork action, not at start */
};

struct lesson {
	char			*path;
	char			*id;
	int			 id_line;	/* where "lesson" is */
	struct text		 title;
	struct text		 summary;
	struct text		 chapter_title;	/* optional */
	int			 chapter;	/* 0: none named */
	int			 order;		/* 0: none named */
	int			 order_line;	/* where "order" is */
	int			 sandbox;	/* no steps: free play */
	int			 uses_wire;	/* wire actions or expectations */
	unsigned		 requires;	/* 1 << sysctl: what the kernel
						 * must have to run it */
	struct lesson_endpoint	*endpoints;
	size_t			 nendpoints;
	struct action		*setup;
	size_t			 nsetup;
	struct expect		*setup_expects;
	size_t			 nsetup_expects;
	struct step		*steps;
	size_t			 nsteps;
};

/* Parse a lesson from buf; on error return NULL and set *cause (caller frees). */
struct lesson	*lesson_parse(const char *path, const char *buf, size_t len,
		    char **cause);
/* Read and parse a lesson file; on error return NULL and set *cause.
 * Anything but a regular file is refused without waiting on it. */
struct lesson	*lesson_load(const char *path, char **cause);
/* 0 when path is a regular file (links followed), else -1 and *cause
 * ("PATH is not a regular file (a FIFO)"). */
int		 lesson_regular_file(const char *path, char **cause);
/* Free a lesson and everything it owns. */
void		 lesson_free(struct lesson *);
/* The text in lang, falling back to English; never NULL. */
const char	*lesson_text(const struct text *, enum lang);
/* Whether s is a lesson id: 1 to LESSON_ID_MAX of a-z, 0-9 and '-'. */
int		 lesson_valid_id(const char *);
/* Find an endpoint by name; returns its index or -1. */
int		 lesson_endpoint(const struct lesson *, const char *);
/* A step's say or after may hold "{sysctl NAME}": the value the lab read
 * of net.ipv4.NAME in this run ("do lab sysctl NAME" without a value). */
#define LESSON_PLACEHOLDER	"{sysctl "
/* How the runner records the lab's read of net.ipv4.NAME, the call whose
 * return value fills a placeholder (model/fill.c): "sysctl(net.ipv4.%s)". */
#define LESSON_SYSCTL_READ	"sysctl(net.ipv4.%s)"
/* The first placeholder in s, or NULL; *name is its NAME, *len long, and
 * *end is past its '}' (NULL when it has none). */
const char	*lesson_placeholder(const char *, const char **name,
		    size_t *len, const char **end);
/* The name of a wire rule's segment kind ("fin"). */
const char	*lesson_wire_kind_name(enum wire_kind);
/* The name of a kernel reading an expectation names ("recv-q"). */
const char	*lesson_reading_name(enum expect_reading);
/* The name of what the wire did ("hold"). */
const char	*lesson_wire_op_name(enum wire_op);
/* The name of a sysctl as under /proc/sys/net/ipv4. */
const char	*lesson_sysctl_name(enum sysctl_name);
/* The Linux release that brought a sysctl, where it is newer than 6.1 (the
 * oldest finwave supports), or NULL. */
const char	*lesson_sysctl_since_release(enum sysctl_name);

#endif
