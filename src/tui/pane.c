/*
 * pane.c: the endpoint panes. A side holds one endpoint or more (a forked
 * child shares its parent's side), each in a block of the rows its content
 * needs: its role, its process, its listener, its socket's state in large
 * type, where the state came from, its timer by its meaning (and, given
 * the room, by the kernel's own name), its queues, and its latest
 * calls with their results. With less room a block gives up rows in a
 * fixed order (the state's type shrinks, older calls go); with more, the
 * state is drawn in block letters once the pane has the rows and columns
 * for them.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "base/textw.h"
#include "tui/bigtext.h"
#include "tui/draw.h"
#include "tui/pane.h"
#include "tui/pane_parts.h"
#include "tui/timerlabel.h"
#include "tui/uitext.h"

/* The rows of the state in block letters, a blank row above and below. */
#define PANE_BIG_ROWS	(BIGTEXT_ROWS + 2)

/* A pane's floor: the rows of one endpoint's block, box included, and
 * those each endpoint beside it adds. */
#define PANE_FLOOR_ROWS	9
#define PANE_FLOOR_MORE	2

/* The rows each part of an endpoint's block takes; 0: not shown. */
struct pane_plan {
	int	heading;	/* its role, or the free-play pointer */
	int	process;
	int	listen;
	int	badge;		/* 1, 3, or PANE_BIG_ROWS */
	int	source;
	int	timer;
	int	kernel;		/* the kernel's own timer name and reading */
	int	outstanding;	/* tcp_info's RTO, backoff, retransmits */
	int	queues;
	int	summary;	/* sockets by state, when it has several */
	int	calls;		/* its latest calls, under a heading */
};

/* The socket the block is about: the connection last changed, or NULL. */
static const struct scene_sock *
pane_sock(const struct scene_endpoint *e)
{
	return (e->focus > 0 ? &e->socks[e->focus] : NULL);
}

/* The state name the badge shows. */
static const char *
pane_state_name(const struct view_model *m, const struct scene_endpoint *e)
{
	const struct scene_sock	*s = pane_sock(e);

	if (s != NULL)
		return (tcpstate_name(s->state));
	if (scene_listen_port(e) > 0)
		return ("LISTEN");
	return (uitext(UI_NO_SOCKET, m->lang));
}

/* Whether the block shows a timer line. */
static int
pane_has_timer(const struct view_model *m, const struct scene_sock *s)
{
	char	buf[128];

	return (s != NULL && timerlabel_time(s, m->now_ns, m->lang, 80, buf,
	    sizeof buf) != NULL);
}

/* The rows tcp_info's line on an outstanding segment takes in w columns:
 * at most two, or none. */
static int
pane_outstanding_rows(const struct view_model *m, const struct scene_sock *s,
    int w)
{
	char	buf[128];
	int	rows;

	if (s == NULL || timerlabel_outstanding(s, m->lang, buf,
	    sizeof buf) == NULL)
		return (0);
	rows = draw_wrapped_rows(w, buf);
	return (rows <= 2 ? rows : 0);
}

/* The rows the kernel's own reading of the timer takes in w columns: at
 * most two, or none when it would not be whole in two. */
static int
pane_kernel_rows(const struct view_model *m, const struct scene_sock *s,
    int w)
{
	char	buf[256];
	int	rows;

	if (timerlabel_kernel(s, m->lang, buf, sizeof buf) == NULL)
		return (0);
	rows = draw_wrapped_rows(w, buf);
	return (rows <= 2 ? rows : 0);
}

/* The rows of the block with everything shown, its state in a three-row
 * badge. */
static struct pane_plan
pane_full_plan(const struct view_model *m, int ep, int w)
{
	const struct scene_endpoint	*e = &m->scene->eps[ep];
	const struct scene_sock		*s = pane_sock(e);
	struct pane_plan		 p;
	char				 buf[128];
	size_t				 i;

	memset(&p, 0, sizeof p);
	p.heading = (viewmodel_free_play(m) && m->selected_ep == ep) ||
	    strcmp(m->role[ep], m->lesson->endpoints[ep].name) != 0;
	p.process = 1;
	p.listen = scene_listen_port(e) > 0;
	p.badge = 3;
	p.source = s != NULL || scene_listen_port(e) > 0;
	p.timer = pane_has_timer(m, s);
	p.kernel = p.timer ? pane_kernel_rows(m, s, w) : 0;
	p.outstanding = p.timer ? pane_outstanding_rows(m, s, w) : 0;
	p.queues = s != NULL && timerlabel_queues(s, m->lang, w, buf,
	    sizeof buf) != NULL;
	p.summary = e->nsocks > 1 ? 2 : 0;
	for (i = 0; i < e->ncalls; i++)
		p.calls += pane_call_rows(e, i, w, pane_call_latest(e, i));
	p.calls += p.calls > 0;
	return (p);
}

/* The rows a plan takes. */
static int
pane_plan_rows(const struct pane_plan *p)
{
	return (p->heading + p->process + p->listen + p->badge + p->source +
	    p->timer + p->kernel + p->outstanding + p->queues + p->summary +
	    p->calls);
}

/* Fit a block into h rows of w columns: the state in block letters when
 * the rows and columns allow; else older calls (not those of the latest
 * step, nor the newest that failed), the summary's second row and the
 * badge's padding give way, then the rest from the bottom up, the calls
 * last, and in the end the state and the process. */
static struct pane_plan
pane_fit(const struct view_model *m, int ep, int h, int w)
{
	struct pane_plan	 p = pane_full_plan(m, ep, w);
	int			*cut[] = { &p.outstanding, &p.queues,
	    &p.source, &p.timer,
	    &p.summary, &p.listen, &p.heading };
	int			 floor = pane_calls_floor(&m->scene->eps[ep], w);
	size_t			 i;

	if (pane_plan_rows(&p) > h)
		p.kernel = 0;
	/* The kernel's full reading already gives tcp_info's RTO, backoff
	 * and retransmissions: the short line only stands in for it. */
	if (p.kernel)
		p.outstanding = 0;
	/* Block letters spell a state's name, not "no socket". */
	p.badge = PANE_BIG_ROWS;
	if (pane_plan_rows(&p) > h || bigtext_width(pane_state_name(m,
	    &m->scene->eps[ep])) > w || !p.source)
		p.badge = 3;

	while (pane_plan_rows(&p) > h && p.calls > floor)
		p.calls--;
	if (pane_plan_rows(&p) > h && p.summary > 1)
		p.summary = 1;
	if (pane_plan_rows(&p) > h)
		p.badge = 1;
	for (i = 0; i < sizeof cut / sizeof cut[0] &&
	    pane_plan_rows(&p) > h; i++)
		*cut[i] = 0;
	while (pane_plan_rows(&p) > h && p.calls > 0)
		p.calls = p.calls > 2 ? p.calls - 1 : 0;
	if (pane_plan_rows(&p) > h)
		p.badge = 0;
	if (pane_plan_rows(&p) > h)
		p.process = 0;
	return (p);
}

/* The process line: "pid 1234 · running" or how it ended. */
static void
pane_process(const struct view_model *m, int ep, int y, int x, int w)
{
	const struct scene_endpoint	*e = &m->scene->eps[ep];
	const struct glyphs		*g = theme_glyphs();
	char				 buf[128], sig[32];
	int				 col = 0, pid = m->pids[ep];

	if (pid > 0 && !e->exited) {
		col = draw_text(y, x, w, theme_attr(ROLE_NORMAL),
		    uitextf(buf, sizeof buf, UI_PID, m->lang, pid));
		col += draw_textf(y, x + col, w - col, theme_attr(ROLE_DIM),
		    " %s ", g->dot);
	}
	if (e->exited && e->status != -1 && WIFSIGNALED(e->status)) {
		snprintf(sig, sizeof sig, "SIG%s",
		    sigabbrev_np(WTERMSIG(e->status)));
		draw_text(y, x + col, w - col, theme_attr(ROLE_FAIL),
		    uitextf(buf, sizeof buf, UI_KILLED, m->lang, sig));
	} else if (e->exited) {
		draw_text(y, x + col, w - col, theme_attr(ROLE_FAIL),
		    uitextf(buf, sizeof buf, UI_EXITED, m->lang,
		    e->status == -1 ? -1 :
		    WEXITSTATUS(e->status)));
	} else if (pid > 0) {
		draw_text(y, x + col, w - col, theme_attr(ROLE_OK),
		    uitext(UI_RUNNING, m->lang));
	} else
		draw_text(y, x, w, theme_attr(ROLE_DIM),
		    uitext(UI_NOT_STARTED, m->lang));
}

/* The state in large type: a badge rows high with the name in its middle,
 * in block letters when it has PANE_BIG_ROWS. */
static void
pane_badge(const char *name, enum role role, int y, int x, int w, int rows)
{
	int	i;

	for (i = 0; i < rows; i++)
		draw_fill(y + i, x, w, theme_attr(role));
	if (rows == PANE_BIG_ROWS)
		bigtext_draw(y + 1, x + (w - bigtext_width(name)) / 2,
		    theme_attr(role) | draw_bold, name);
	else
		draw_center(y + rows / 2, x, w, theme_attr(role) | draw_bold,
		    name);
}

/* Where the state came from: the kernel, the wire, or the listen() call;
 * with the connection's number when the endpoint has several. */
static void
pane_source(const struct view_model *m, const struct scene_sock *s, int many,
    int y, int x, int w)
{
	char	buf[64];
	int	col = 0;

	if (s == NULL) {
		draw_text(y, x, w, theme_attr(ROLE_DIM),
		    uitext(UI_SRC_LISTEN, m->lang));
		return;
	}
	if (many)
		col = draw_text(y, x, w, theme_attr(ROLE_DIM), uitextf(buf,
		    sizeof buf, UI_CONN_NUMBER, m->lang, s->conn));
	col += draw_text(y, x + col, w - col, theme_attr(s->src == SRC_KERNEL ?
	    ROLE_NORMAL : ROLE_NOTE), uitext(s->src == SRC_KERNEL ?
	    UI_SRC_KERNEL : UI_SRC_WIRE, m->lang));
	/* More than one process holds it (after fork). */
	if ((s->holders & (s->holders - 1)) != 0)
		draw_text(y, x + col, w - col, theme_attr(ROLE_DIM),
		    uitext(UI_SHARED, m->lang));
}

/* The socket's timer by its meaning, with the time left on it. */
static void
pane_timer(const struct view_model *m, const struct scene_sock *s, int y,
    int x, int w)
{
	char	buf[128];

	if (timerlabel_time(s, m->now_ns, m->lang, w, buf, sizeof buf) != NULL)
		draw_text(y, x, w, theme_attr(ROLE_ST_TIMEWAIT) &
		    ~draw_reverse, buf);
}

/* The kernel's own name for the timer and its reading, dimmed. */
static void
pane_kernel(const struct view_model *m, const struct scene_sock *s, int y,
    int x, int w, int rows)
{
	char	buf[256];

	if (timerlabel_kernel(s, m->lang, buf, sizeof buf) != NULL)
		draw_wrapped(y, x, w, rows, theme_attr(ROLE_DIM), buf);
}

/* tcp_info on the segment the socket waits to have acknowledged. */
static void
pane_outstanding(const struct view_model *m, const struct scene_sock *s,
    int y, int x, int w, int rows)
{
	char	buf[128];

	if (timerlabel_outstanding(s, m->lang, buf, sizeof buf) != NULL)
		draw_wrapped(y, x, w, rows, theme_attr(ROLE_DIM), buf);
}

/* The queues in words, a FIN they count named. */
static void
pane_queues(const struct view_model *m, const struct scene_sock *s, int y,
    int x, int w)
{
	char	buf[128];

	if (timerlabel_queues(s, m->lang, w, buf, sizeof buf) != NULL)
		draw_text(y, x, w, theme_attr(ROLE_DIM), buf);
}

/* "3 sockets: 2 CLOSE_WAIT 1 TIME_WAIT", counted by state: as many whole
 * counts as fit in rows rows, an ellipsis for the rest. */
static void
pane_summary(const struct view_model *m, const struct scene_endpoint *e,
    int y, int x, int w, int rows)
{
	const char	*ell = theme_glyphs()->ellipsis;
	char		 buf[256];
	size_t		 n, off, was;
	int		 s;

	uitextf(buf, sizeof buf, UI_SOCKETS, m->lang, e->nsocks);
	off = strlen(buf);
	for (s = TS_ESTABLISHED; s < TS_COUNT && off < sizeof buf; s++) {
		if ((n = scene_count(e, (enum tcp_state)s)) == 0)
			continue;
		was = off;
		off += (size_t)snprintf(buf + off, sizeof buf - off, " %zu %s",
		    n, tcpstate_name((enum tcp_state)s));
		/* Two columns kept, for the " …" that may replace it. */
		if (off >= sizeof buf || draw_wrapped_rows(w - 2, buf) > rows) {
			snprintf(buf + was, sizeof buf - was, " %s", ell);
			break;
		}
	}
	draw_wrapped(y, x, w, rows, theme_attr(ROLE_NORMAL), buf);
}

/* The endpoint's latest listener: its port and, once the kernel showed
 * it, its accept queue and the queue's limit, in the longest form that
 * fits. */
static void
pane_listener(const struct view_model *m, const struct scene_endpoint *e,
    int y, int x, int w)
{
	static const enum ui_msg	 forms[] = {
		UI_LISTEN_QUEUE, UI_LISTEN_QUEUE_SHORT, UI_LISTEN_QUEUE_TINY
	};
	const struct scene_listener	*l;
	char				 buf[128];
	int				 port = scene_listen_port(e);
	size_t				 i;

	l = scene_listener(m->scene, port);
	if (l == NULL || l->state != TS_LISTEN)
		uitextf(buf, sizeof buf, UI_LISTENING, m->lang, port);
	for (i = 0; l != NULL && l->state == TS_LISTEN &&
	    i < sizeof forms / sizeof forms[0]; i++) {
		uitextf(buf, sizeof buf, forms[i], m->lang, port, l->queued,
		    l->limit);
		if (textw_width(buf) <= w)
			break;
	}
	draw_text(y, x, w, theme_attr(ROLE_NORMAL), buf);
}

/* One endpoint's block, laid out by its plan from y. */
static void
pane_endpoint(const struct view_model *m, int ep, const struct pane_plan *p,
    int y, int x, int w)
{
	const struct scene_endpoint	*e = &m->scene->eps[ep];
	const struct scene_sock		*s = pane_sock(e);

	if (p->heading && viewmodel_free_play(m) && m->selected_ep == ep)
		draw_textf(y, x, w, theme_attr(ROLE_SELECT), "%s %s",
		    theme_glyphs()->pointer, m->role[ep]);
	else if (p->heading)
		draw_text(y, x, w, theme_attr(ROLE_HEADING), m->role[ep]);
	y += p->heading;
	if (p->process)
		pane_process(m, ep, y, x, w);
	y += p->process;
	if (p->listen)
		pane_listener(m, e, y, x, w);
	y += p->listen;
	if (p->badge)
		pane_badge(pane_state_name(m, e), s != NULL ?
		    theme_state_role(s->state) : scene_listen_port(e) > 0 ?
		    ROLE_ST_OPEN : ROLE_ST_CLOSED, y, x, w, p->badge);
	y += p->badge;
	if (p->source)
		pane_source(m, s, e->nsocks > 1, y, x, w);
	y += p->source;
	if (p->timer)
		pane_timer(m, s, y, x, w);
	y += p->timer;
	if (p->kernel)
		pane_kernel(m, s, y, x, w, p->kernel);
	y += p->kernel;
	if (p->outstanding)
		pane_outstanding(m, s, y, x, w, p->outstanding);
	y += p->outstanding;
	if (p->queues)
		pane_queues(m, s, y, x, w);
	y += p->queues;
	if (p->summary)
		pane_summary(m, e, y, x, w, p->summary);
	y += p->summary;
	if (p->calls)
		pane_calls(m, e, y, x, w, p->calls);
}

/* The endpoints a side shows, into eps; returns how many. A forked
 * endpoint appears once it has done something. */
static int
pane_side(const struct view_model *m, int side, int *eps)
{
	size_t	ep;
	int	n = 0;

	for (ep = 0; ep < m->lesson->nendpoints; ep++) {
		if (m->side[ep] != side)
			continue;
		if (m->lesson->endpoints[ep].by_fork &&
		    !m->scene->eps[ep].started && m->pids[ep] <= 0)
			continue;
		eps[n++] = (int)ep;
	}
	return (n);
}

/* The rows the pane of a side, w columns wide, needs to show everything,
 * box included. */
int
pane_rows(const struct view_model *m, int side, int w)
{
	int			eps[LESSON_MAX_ENDPOINTS], n, i, rows = 2;
	struct pane_plan	p;

	n = pane_side(m, side, eps);
	for (i = 0; i < n; i++) {
		p = pane_full_plan(m, eps[i], w);
		rows += pane_plan_rows(&p) + (i > 0);
	}
	return (rows);
}

/* The rows a pane keeps, box included, however long the narration: for
 * one endpoint its state, source, timer, queues and newest call; a few
 * more for each endpoint beside it. Never more than it needs. */
int
pane_floor(const struct view_model *m, int side, int w)
{
	int	eps[LESSON_MAX_ENDPOINTS], n = pane_side(m, side, eps);
	int	floor = PANE_FLOOR_ROWS + PANE_FLOOR_MORE * (n > 1 ? n - 1 : 0);

	return (pane_rows(m, side, w) < floor ? pane_rows(m, side, w) : floor);
}

/* The step of an endpoint's latest call: -2 when it has made none. */
static int
pane_call_step(const struct scene_endpoint *e)
{
	return (e->ncalls > 0 ? e->call_steps[e->ncalls - 1] : -2);
}

/* Share rows among the n endpoints of a pane, in order of priority: those
 * whose calls are the newest (the step just run, as a rule) first. Each
 * gets its process and state, as long as the rows last (an endpoint left
 * without is not drawn); then, in the same order, the rows its content
 * needs; the last drawn takes what is left. A separator row comes before
 * every drawn endpoint but the first. */
static void
pane_share(const struct view_model *m, const int *eps, int n, int rows,
    int w, int *share)
{
	struct pane_plan	p;
	int			order[LESSON_MAX_ENDPOINTS], i, k = 0, pass;
	int			newest = -2, need, last = -1;

	for (i = 0; i < n; i++)
		if (pane_call_step(&m->scene->eps[eps[i]]) > newest)
			newest = pane_call_step(&m->scene->eps[eps[i]]);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++)
			if ((pane_call_step(&m->scene->eps[eps[i]]) ==
			    newest) != pass)
				order[k++] = i;
	for (i = 0; i < n; i++) {
		share[order[i]] = 0;
		need = i > 0 ? 3 : 2;
		if (rows >= need) {
			share[order[i]] = 2;
			rows -= need;
		}
	}
	for (i = 0; i < n && rows > 0; i++) {
		if (share[order[i]] == 0)
			continue;
		p = pane_full_plan(m, eps[order[i]], w);
		need = pane_plan_rows(&p) - share[order[i]];
		if (need > rows)
			need = rows;
		if (need > 0) {
			share[order[i]] += need;
			rows -= need;
		}
	}
	for (i = 0; i < n; i++)
		if (share[i] > 0)
			last = i;
	if (last >= 0)
		share[last] += rows;
}

/* The title of a pane: its endpoints' names, as many whole as fit in w
 * columns, then how many more ("server, child +1"). */
static void
pane_title(const struct view_model *m, const int *eps, int n, int w,
    char *buf, size_t len)
{
	char	more[16];
	size_t	off = 0, was;
	int	i;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		was = off;
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
		    i > 0 ? ", " : "", m->lesson->endpoints[eps[i]].name);
		snprintf(more, sizeof more, " +%d", n - 1 - i);
		if (off >= len || textw_width(buf) + (i + 1 < n ?
		    textw_width(more) : 0) > w) {
			buf[was] = '\0';
			snprintf(buf + was, len - was, " +%d", n - i);
			return;
		}
	}
}

/* Draw the pane of a side: a box titled with its endpoints' names, their
 * blocks sharing its rows (pane_share). */
void
pane_draw(const struct view_model *m, int side, int y, int x, int h, int w)
{
	int			eps[LESSON_MAX_ENDPOINTS], n, i, top = y + 1;
	int			share[LESSON_MAX_ENDPOINTS];
	char			title[128];
	struct pane_plan	p;

	n = pane_side(m, side, eps);
	pane_title(m, eps, n, w - 6, title, sizeof title);
	draw_box(y, x, h, w, theme_attr(ROLE_BORDER), title,
	    theme_attr(ROLE_HEADING));
	if (n == 0 || h <= 2)
		return;
	pane_share(m, eps, n, h - 2, w - 3, share);
	for (i = 0; i < n; i++) {
		if (share[i] == 0)
			continue;
		if (top > y + 1)
			draw_hline(top++, x + 1, w - 2,
			    theme_attr(ROLE_BORDER));
		p = pane_fit(m, eps[i], share[i], w - 3);
		pane_endpoint(m, eps[i], &p, top, x + 2, w - 3);
		top += share[i];
	}
}
