/*
 * timerlabel.c: a socket's timer by its meaning, from one table. The
 * kernel's timer kinds are its plumbing: an orphaned FIN_WAIT_2 waits on
 * the full socket's keepalive timer for the part of its timeout above
 * 60 s, then on a FIN_WAIT_2 timewait socket for max(that part, 3.5 x RTO)
 * (tcp_keepalive_timer, tcp_time_wait); a retransmission timer on an
 * orphan ends the socket after tcp_orphan_retries. So the pane says what
 * the timer is for, and the details keep the kernel's name.
 *
 * The queues: tcp_diag reports Recv-Q as rcv_nxt - copied_seq, and the
 * peer's FIN takes a sequence number, which tcp_recvmsg passes only when a
 * read reaches it; Send-Q is write_seq - snd_una, which counts our own FIN
 * until it is acknowledged. In the states after either FIN a queue of one
 * byte or more therefore holds that FIN (measured: 18 bytes and the FIN
 * read Recv-Q 19 in CLOSE_WAIT, and 0 after the recv() that reached it).
 */
#include <stdio.h>
#include <string.h>

#include "base/textw.h"
#include "tui/timerlabel.h"
#include "tui/uitext.h"

/* Who holds a socket: no process (an orphan: inode 0) or one. */
enum timerlabel_holder {
	TL_ANY,
	TL_ORPHAN,
	TL_HELD
};

/* A row's words in one language: its meaning, a shorter one for a narrow
 * pane, and what bounds it (or NULL). */
struct timerlabel_words {
	const char	*text;
	const char	*brief;
	const char	*note;
};

/* One row: a timer in a state (TS_NONE: any) on a socket so held. */
struct timerlabel_row {
	enum tcp_state		 state;
	enum timerlabel_holder	 holder;
	enum tcp_timer		 timer;
	int			 retrans;	/* add its count and RTO */
	int			 then_tw;	/* a timewait socket follows */
	struct timerlabel_words	 words[LANG_COUNT];
};

/* The first row that matches is the socket's. */
static const struct timerlabel_row	timerlabel_rows[] = {
	{ TS_TIME_WAIT, TL_ANY, TCP_TIMER_TIMEWAIT, 0, 0, {
	    { "TIME_WAIT 60 s", "TIME_WAIT", NULL },
	    { "TIME_WAIT 60 秒", "TIME_WAIT", NULL } } },
	{ TS_FIN_WAIT_2, TL_ORPHAN, TCP_TIMER_TIMEWAIT, 0, 0, {
	    { "FIN_WAIT_2 timeout", "timeout", NULL },
	    { "FIN_WAIT_2 超时", "超时", NULL } } },
	{ TS_FIN_WAIT_2, TL_ORPHAN, TCP_TIMER_KEEPALIVE, 0, 1, {
	    { "FIN_WAIT_2 timeout", "timeout", NULL },
	    { "FIN_WAIT_2 超时", "超时", NULL } } },
	{ TS_NONE, TL_ORPHAN, TCP_TIMER_RETRANSMIT, 1, 0, {
	    { "orphan retransmit", "retransmit",
	    "gives up after tcp_orphan_retries" },
	    { "孤儿重传", "重传", "重传 tcp_orphan_retries 次后放弃" } } },
	{ TS_NONE, TL_ANY, TCP_TIMER_RETRANSMIT, 1, 0, {
	    { "retransmit", "retransmit", NULL },
	    { "重传", "重传", NULL } } },
	{ TS_NONE, TL_ANY, TCP_TIMER_PROBE, 1, 0, {
	    { "zero-window probe", "probe", NULL },
	    { "零窗口探测", "探测", NULL } } },
	{ TS_NONE, TL_ANY, TCP_TIMER_KEEPALIVE, 0, 0, {
	    { "keepalive", "keepalive", NULL },
	    { "保活", "保活", NULL } } }
};

/* One way to write the time line, from the widest to the narrowest. */
struct timerlabel_form {
	int		brief;		/* the row's brief words */
	int		detail;		/* its count and RTO */
	int		note;		/* what bounds it */
	enum ui_msg	time;		/* "N s left" or "N s" */
};

static const struct timerlabel_form	timerlabel_forms[] = {
	{ 0, 1, 1, UI_TIME_LEFT },
	{ 0, 1, 0, UI_TIME_LEFT },
	{ 0, 0, 0, UI_TIME_LEFT },
	{ 1, 0, 0, UI_TIME_LEFT },
	{ 1, 0, 0, UI_TIME_LEFT_SHORT }
};

/* The row of a socket, or NULL when no timer of it should be shown. */
static const struct timerlabel_row *
timerlabel_row(const struct scene_sock *s)
{
	const struct timerlabel_row	*r;
	enum timerlabel_holder		 holder;
	size_t				 i;

	if (s->src != SRC_KERNEL || s->state == TS_CLOSED ||
	    s->timer == TCP_TIMER_NONE)
		return (NULL);
	holder = s->inode == 0 ? TL_ORPHAN : TL_HELD;
	for (i = 0; i < sizeof timerlabel_rows / sizeof timerlabel_rows[0];
	    i++) {
		r = &timerlabel_rows[i];
		if ((r->state == TS_NONE || r->state == s->state) &&
		    (r->holder == TL_ANY || r->holder == holder) &&
		    r->timer == s->timer)
			return (r);
	}
	return (NULL);
}

/* Seconds as the pane counts down: tenths below 10 s (a retransmission's
 * few hundred milliseconds), else whole seconds rounded up. */
static const char *
timerlabel_secs(double secs, char *buf, size_t len)
{
	if (secs < 10)
		snprintf(buf, len, "%.1f", secs);
	else
		snprintf(buf, len, "%d", (int)(secs + 0.999));
	return (buf);
}

/* The ms the timewait socket of an orphaned FIN_WAIT_2 will wait once its
 * keepalive timer fires: max(the keepalive's own span, 3.5 x RTO). */
static uint32_t
timerlabel_then_ms(const struct scene_sock *s)
{
	uint32_t	rto_ms = 0;

	if (s->info.known)
		rto_ms = (uint32_t)((uint64_t)s->info.rto_us * 7 / 2 / 1000);
	return (s->armed_ms > rto_ms ? s->armed_ms : rto_ms);
}

/* Write one form of the time line into buf. */
static void
timerlabel_form(const struct scene_sock *s, const struct timerlabel_row *r,
    const struct timerlabel_form *f, const char *secs, enum lang lang,
    char *buf, size_t len)
{
	const struct timerlabel_words	*w = &r->words[lang];
	char				 what[128], part[128], rto[16];
	size_t				 off;

	snprintf(what, sizeof what, "%s", f->brief ? w->brief : w->text);
	if (f->detail && r->retrans) {
		off = strlen(what);
		if (s->info.retrans > 0)
			off += strlen(uitextf(what + off, sizeof what - off,
			    UI_TL_COUNT, lang, s->info.retrans));
		if (s->info.known && off < sizeof what)
			uitextf(what + off, sizeof what - off, UI_TL_RTO, lang,
			    timerlabel_secs(s->info.rto_us / 1e6, rto,
			    sizeof rto));
	}
	uitextf(part, sizeof part, f->time, lang, what, secs);
	if (f->note && w->note != NULL)
		uitextf(buf, len, UI_TL_NOTE, lang, part, w->note);
	else
		snprintf(buf, len, "%s", part);
}

/* The timer's meaning and time left, the widest form that fits. */
const char *
timerlabel_time(const struct scene_sock *s, uint64_t now_ns, enum lang lang,
    int width, char *buf, size_t len)
{
	const struct timerlabel_row	*r;
	char				 secs[16];
	double				 left;
	size_t				 i, n;

	if ((r = timerlabel_row(s)) == NULL)
		return (NULL);
	left = scene_time_left(s, now_ns);
	if (r->then_tw)
		left += timerlabel_then_ms(s) / 1e3;
	timerlabel_secs(left, secs, sizeof secs);
	n = sizeof timerlabel_forms / sizeof timerlabel_forms[0];
	for (i = 0; i < n; i++) {
		timerlabel_form(s, r, &timerlabel_forms[i], secs, lang, buf,
		    len);
		if (textw_width(buf) <= width)
			break;
	}
	return (buf);
}

/* The kernel's timer and reading, and what tcp_info says. */
const char *
timerlabel_kernel(const struct scene_sock *s, enum lang lang, char *buf,
    size_t len)
{
	const struct timerlabel_row	*r;
	size_t				 off;

	if (s->src != SRC_KERNEL || s->state == TS_CLOSED)
		return (NULL);
	if (s->timer == TCP_TIMER_NONE)
		uitextf(buf, len, UI_TL_KERNEL_NONE, lang);
	else
		uitextf(buf, len, UI_TL_KERNEL, lang,
		    tcpstate_timer_name(s->timer), (int)s->timer,
		    s->expires_ms);
	off = strlen(buf);
	if (off < len && s->info.known)
		off += strlen(uitextf(buf + off, len - off, UI_TL_TCPINFO,
		    lang, s->info.rto_us / 1000, s->info.backoff,
		    s->info.retransmits));
	else if (off < len)
		off += strlen(uitextf(buf + off, len - off, UI_TL_NO_TCPINFO,
		    lang));
	if (off < len && (r = timerlabel_row(s)) != NULL && r->then_tw)
		uitextf(buf + off, len - off, UI_TL_THEN_TIMEWAIT, lang,
		    timerlabel_then_ms(s));
	return (buf);
}

/* tcp_info's view of an outstanding segment. */
const char *
timerlabel_outstanding(const struct scene_sock *s, enum lang lang, char *buf,
    size_t len)
{
	char	rto[16];

	if (s->src != SRC_KERNEL || s->state == TS_CLOSED || !s->info.known ||
	    (s->timer != TCP_TIMER_RETRANSMIT && s->timer != TCP_TIMER_PROBE))
		return (NULL);
	return (uitextf(buf, len, UI_TL_OUTSTANDING, lang,
	    timerlabel_secs(s->info.rto_us / 1e6, rto, sizeof rto),
	    s->info.backoff, s->info.retransmits));
}

/* Whether a state comes after the peer's FIN (which Recv-Q then counts
 * until a read reaches it), or after our own (which Send-Q counts until
 * the peer acknowledges it). */
static void
timerlabel_fins(enum tcp_state state, int *peer_fin, int *own_fin)
{
	*peer_fin = *own_fin = 0;
	switch (state) {
	case TS_CLOSE_WAIT:
		*peer_fin = 1;
		break;
	case TS_LAST_ACK:
	case TS_CLOSING:
		*peer_fin = *own_fin = 1;
		break;
	case TS_FIN_WAIT_1:
		*own_fin = 1;
		break;
	case TS_NONE:
	case TS_ESTABLISHED:
	case TS_SYN_SENT:
	case TS_SYN_RECV:
	case TS_NEW_SYN_RECV:
	case TS_FIN_WAIT_2:
	case TS_TIME_WAIT:	/* a timewait socket reports no queues */
	case TS_CLOSED:
	case TS_LISTEN:
	case TS_COUNT:
		break;
	}
}

/* Recv-Q and Send-Q in words, the widest form that fits. */
const char *
timerlabel_queues(const struct scene_sock *s, enum lang lang, int width,
    char *buf, size_t len)
{
	static const enum ui_msg	 forms[] = {
		UI_TQ_LONG, UI_TQ_SHORT, UI_TQ_TINY
	};
	const char			*fin = uitext(UI_TQ_FIN, lang);
	const char			*rfin = "", *wfin = "";
	size_t				 i;
	int				 peer_fin, own_fin;
	uint32_t			 rq = s->rqueue, wq = s->wqueue;

	if (s->src != SRC_KERNEL || s->state == TS_CLOSED)
		return (NULL);
	timerlabel_fins(s->state, &peer_fin, &own_fin);
	if (peer_fin && rq > 0) {
		rq--;
		rfin = fin;
	}
	if (own_fin && wq > 0) {
		wq--;
		wfin = fin;
	}
	for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		uitextf(buf, len, forms[i], lang, rq, rfin, wq, wfin);
		if (textw_width(buf) <= width)
			break;
	}
	return (buf);
}
