/*
 * pane.c: the endpoint panes. A side holds one endpoint or more (a forked
 * child shares its parent's side); each gets an equal share of the height,
 * and with less room the state badge shrinks from three rows to one.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "base/textw.h"
#include "tui/draw.h"
#include "tui/pane.h"
#include "tui/uitext.h"

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

/* The state in large type: a badge rows high, the name in its middle. */
static void
pane_badge(const char *name, enum role role, int y, int x, int w, int rows)
{
	int	i;

	for (i = 0; i < rows; i++)
		draw_fill(y + i, x, w, theme_attr(role));
	draw_center(y + rows / 2, x, w, theme_attr(role) | draw_bold, name);
}

/* "3 sockets: 2 CLOSE_WAIT, 1 TIME_WAIT", counted by state. */
static int
pane_summary(const struct view_model *m, const struct scene_endpoint *e,
    int y, int x, int w, int rows)
{
	char	buf[256];
	size_t	n, off;
	int	s;

	uitextf(buf, sizeof buf, UI_SOCKETS, m->lang, e->nsocks);
	off = strlen(buf);
	for (s = TS_ESTABLISHED; s < TS_COUNT && off < sizeof buf; s++) {
		if ((n = scene_count(e, (enum tcp_state)s)) == 0)
			continue;
		off += (size_t)snprintf(buf + off, sizeof buf - off, " %zu %s",
		    n, tcpstate_name((enum tcp_state)s));
	}
	return (draw_wrapped(y, x, w, rows, theme_attr(ROLE_NORMAL), buf));
}

/* One endpoint's block; h rows from y. */
static void
pane_endpoint(const struct view_model *m, int ep, int y, int x, int h, int w)
{
	const struct scene_endpoint	*e = &m->scene->eps[ep];
	const struct scene_sock		*s = NULL;
	const struct glyphs		*g = theme_glyphs();
	char				 buf[128], secs[16];
	int				 row = y, end = y + h, badge, col;
	double				 left;

	if (e->focus > 0)
		s = &e->socks[e->focus];
	if (viewmodel_free_play(m) && m->selected_ep == ep)
		draw_textf(row, x, w, theme_attr(ROLE_SELECT), "%s %s",
		    g->pointer, m->role[ep][0] != '\0' ? m->role[ep] :
		    m->lesson->endpoints[ep].name);
	else if (strcmp(m->role[ep], m->lesson->endpoints[ep].name) != 0)
		draw_text(row, x, w, theme_attr(ROLE_HEADING), m->role[ep]);
	row++;
	pane_process(m, ep, row++, x, w);
	if (scene_listen_port(e) > 0 && row < end)
		draw_text(row++, x, w, theme_attr(ROLE_NORMAL),
		    uitextf(buf, sizeof buf, UI_LISTENING, m->lang,
		    scene_listen_port(e)));
	badge = h >= 11 ? 3 : 1;
	if (row + badge > end)
		return;
	if (s != NULL)
		pane_badge(tcpstate_name(s->state), theme_state_role(s->state),
		    row, x, w, badge);
	else if (scene_listen_port(e) > 0) {
		/* Not a probed state: the listener is known from its call. */
		pane_badge("LISTEN", ROLE_ST_OPEN, row, x, w, badge);
		if (row + badge < end)
			draw_text(row + badge, x, w, theme_attr(ROLE_DIM),
			    uitext(UI_SRC_LISTEN, m->lang));
	}
	else
		pane_badge(uitext(UI_NO_SOCKET, m->lang), ROLE_ST_CLOSED, row,
		    x, w, badge);
	row += badge;
	if (s != NULL && row < end) {
		col = 0;
		if (e->nsocks > 1)
			col = draw_textf(row, x, w, theme_attr(ROLE_DIM),
			    "#%d ", s->conn);
		draw_text(row++, x + col, w - col, theme_attr(s->src ==
		    SRC_KERNEL ? ROLE_NORMAL : ROLE_NOTE), uitext(s->src ==
		    SRC_KERNEL ? UI_SRC_KERNEL : UI_SRC_WIRE, m->lang));
	}
	if (s != NULL && s->timer != TCP_TIMER_NONE && s->src == SRC_KERNEL &&
	    s->state != TS_CLOSED && row < end) {
		left = scene_time_left(s, m->now_ns);
		/* A retransmission's few hundred milliseconds need tenths. */
		if (left < 10)
			snprintf(secs, sizeof secs, "%.1f", left);
		else
			snprintf(secs, sizeof secs, "%d", (int)(left + 0.999));
		uitextf(buf, sizeof buf, UI_TIME_LEFT, m->lang,
		    tcpstate_timer_name(s->timer), secs);
		/* A narrow pane drops the word "left". */
		if (textw_width(buf) > w)
			uitextf(buf, sizeof buf, UI_TIME_LEFT_SHORT, m->lang,
			    tcpstate_timer_name(s->timer), secs);
		draw_text(row++, x, w, theme_attr(ROLE_ST_TIMEWAIT) & ~draw_reverse,
		    buf);
	}
	if (s != NULL && row < end)
		draw_text(row++, x, w, theme_attr(ROLE_DIM),
		    uitextf(buf, sizeof buf, UI_QUEUES, m->lang,
		    s->rqueue, s->wqueue));
	if (e->nsocks > 1 && row < end)
		row += pane_summary(m, e, row, x, w, end - row > 2 ? 2 : 1);
	if (e->has_call && row + 1 < end) {
		draw_text(row++, x, w, theme_attr(ROLE_DIM),
		    uitext(UI_LAST_CALL, m->lang));
		draw_wrapped(row, x, w, end - row, theme_attr(ROLE_NORMAL),
		    e->last_call.text);
	}
}

/* Draw the pane of a side. */
void
pane_draw(const struct view_model *m, int side, int y, int x, int h, int w)
{
	int	eps[LESSON_MAX_ENDPOINTS], n = 0, i, share, top;
	char	title[128];
	size_t	ep, off = 0;

	title[0] = '\0';
	for (ep = 0; ep < m->lesson->nendpoints; ep++) {
		if (m->side[ep] != side)
			continue;
		/* A forked endpoint appears once it has done something. */
		if (m->lesson->endpoints[ep].by_fork &&
		    !m->scene->eps[ep].started && m->pids[ep] <= 0)
			continue;
		eps[n++] = (int)ep;
		off += (size_t)snprintf(title + off, sizeof title - off, "%s%s",
		    off > 0 ? ", " : "", m->lesson->endpoints[ep].name);
		if (off >= sizeof title)
			off = sizeof title - 1;
	}
	draw_box(y, x, h, w, theme_attr(ROLE_BORDER), title,
	    theme_attr(ROLE_HEADING));
	if (n == 0)
		return;
	share = (h - 2) / n;
	for (i = 0; i < n; i++) {
		top = y + 1 + i * share;
		if (i > 0)
			draw_hline(top - 1, x + 1, w - 2,
			    theme_attr(ROLE_BORDER));
		pane_endpoint(m, eps[i], top, x + 2, share - (i + 1 < n),
		    w - 3);
	}
}
