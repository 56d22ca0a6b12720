/*
 * test_draw.c: the views drawn to curses' off-screen buffer (a terminal
 * writing to /dev/null) and compared with golden text in
 * tests/unit/golden/. The lesson view is drawn from a timeline built by
 * hand, as the runner would have written it mid-lesson.
 *
 * FINWAVE_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing.
 */
#include <curses.h>
#include <limits.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "base/textw.h"
#include "base/xmalloc.h"
#include "lesson/catalog.h"
#include "lesson/progress.h"
#include "model/scene.h"
#include "model/timeline.h"
#include "tcp/tcpstate.h"
#include "tui/bigtext.h"
#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/menu.h"
#include "tui/roles.h"
#include "tui/theme.h"
#include "tui/view.h"

#define GOLDEN_DIR	"tests/unit/golden"
#define MS		1000000ULL

static SCREEN	*test_screen;
static FILE	*test_out, *test_in;

/* A terminal of rows x cols that writes nowhere, in a locale. */
static void
screen_open(const char *locale, int rows, int cols)
{
	assert_non_null(setlocale(LC_ALL, locale));
	test_out = fopen("/dev/null", "w");
	test_in = fopen("/dev/null", "r");
	test_screen = newterm("xterm", test_out, test_in);
	assert_non_null(test_screen);
	resizeterm(rows, cols);
	theme_init(THEME_DARK);
}

/* Close the terminal. */
static void
screen_close(void)
{
	endwin();
	delscreen(test_screen);
	fclose(test_out);
	fclose(test_in);
}

/* The screen as text: UTF-8 rows, trailing blanks dropped. */
static char *
screen_text(void)
{
	cchar_t		 cc;
	wchar_t		 wc[CCHARW_MAX + 1];
	attr_t		 attr;
	short		 pair;
	char		*out = xcalloc(1, (size_t)(LINES * (COLS * 4 + 1) + 1));
	char		 mb[MB_LEN_MAX];
	size_t		 off = 0, end;
	int		 y, x, n, w;

	for (y = 0; y < LINES; y++) {
		end = off;
		for (x = 0; x < COLS; x += w > 0 ? w : 1) {
			mvin_wch(y, x, &cc);
			getcchar(&cc, wc, &attr, &pair, NULL);
			w = wcwidth(wc[0]);
			n = (int)wcrtomb(mb, wc[0], NULL);
			if (n <= 0) {
				mb[0] = '?';
				n = 1;
			}
			memcpy(out + off, mb, (size_t)n);
			off += (size_t)n;
			if (wc[0] != L' ')
				end = off;
		}
		off = end;
		out[off++] = '\n';
	}
	out[off] = '\0';
	return (out);
}

/* Compare the screen with a golden file (or write it). */
static void
golden(const char *name)
{
	char	*got = screen_text(), *path, *want;
	FILE	*f;
	long	 len;

	path = xasprintf("%s/%s.txt", GOLDEN_DIR, name);
	if (getenv("FINWAVE_UPDATE_GOLDEN") != NULL) {
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(got, f);
		fclose(f);
	}
	f = fopen(path, "r");
	if (f == NULL)
		fail_msg("%s: missing; FINWAVE_UPDATE_GOLDEN=1 writes it", path);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	want = xcalloc(1, (size_t)len + 1);
	assert_int_equal(fread(want, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "--- %s\n%s--- drawn\n%s", path, want, got);
	assert_string_equal(got, want);
	free(want);
	free(path);
	free(got);
}

/* Load the lessons of the checkout. */
static void
load_catalog(struct catalog *cat)
{

	assert_int_equal(catalog_load(cat, NULL, 0), 0);
}

/* The menu, English and Chinese, two lessons completed: the first with
 * its score (a guess right of two), the third before scores were kept. */
static void
test_menu(void **state)
{
	struct catalog		 cat;
	struct progress		 pr;
	struct progress_field	 scored[] = {
		{ (char *)"completed", (char *)"2026-12-01T09:00:00Z" },
		{ (char *)"held", (char *)"13" },
		{ (char *)"failed", (char *)"0" },
		{ (char *)"not-reached", (char *)"0" },
		{ (char *)"right", (char *)"1" },
		{ (char *)"asked", (char *)"2" }
	};
	struct progress_field	 old = { (char *)"completed",
				    (char *)"unknown" };
	struct progress_entry	 done[] = { { NULL, scored, 6 },
				    { NULL, &old, 1 } };
	struct menu		 m;
	char			*text;

	(void)state;
	load_catalog(&cat);
	memset(&pr, 0, sizeof pr);
	done[0].id = cat.lessons[0]->id;
	done[1].id = cat.lessons[2]->id;
	pr.entries = done;
	pr.n = 2;
	screen_open("C.UTF-8", 24, 80);
	menu_init(&m, &cat, &pr, LANG_EN);
	assert_int_equal(m.selected, 1);
	menu_draw(&m, LINES, COLS);
	golden("menu-en");
	m.lang = LANG_ZH;
	menu_draw(&m, LINES, COLS);
	golden("menu-zh");
	/* Progress that cannot be kept says why, on the second row. */
	m.lang = LANG_EN;
	pr.problem = (char *)"/home/x/.local/state/finwave belongs to uid 1000";
	menu_draw(&m, LINES, COLS);
	text = screen_text();
	assert_non_null(strstr(text, "\n Progress not saved: /home/x/.local/"
	    "state/finwave belongs to uid 1000\n"));
	free(text);
	screen_close();
	catalog_free(&cat);
}

/* The menu outside UTF-8: ASCII glyphs. */
static void
test_menu_ascii(void **state)
{
	struct catalog	cat;
	struct progress	pr;
	struct menu	m;

	(void)state;
	load_catalog(&cat);
	memset(&pr, 0, sizeof pr);
	screen_open("C", 24, 80);
	menu_init(&m, &cat, &pr, LANG_EN);
	menu_draw(&m, LINES, COLS);
	golden("menu-ascii");
	screen_close();
	catalog_free(&cat);
}

/* The menu filtered to what matches "linger". */
static void
test_menu_filter(void **state)
{
	struct catalog	cat;
	struct progress	pr;
	struct menu	m;
	const char	*s;

	(void)state;
	load_catalog(&cat);
	memset(&pr, 0, sizeof pr);
	screen_open("C.UTF-8", 24, 80);
	menu_init(&m, &cat, &pr, LANG_EN);
	assert_int_equal(menu_key(&m, '/'), MENU_HANDLED);
	for (s = "LINGER"; *s != '\0'; s++)
		assert_int_equal(menu_key(&m, *s), MENU_HANDLED);
	assert_int_equal(menu_key(&m, KEYS_ENTER), MENU_HANDLED);
	assert_string_equal(cat.lessons[m.selected]->id, "linger-zero-rst");
	menu_draw(&m, LINES, COLS);
	golden("menu-filter");
	screen_close();
	catalog_free(&cat);
}

/* Add an event to a timeline. */
static void
add(struct timeline *tl, struct event ev)
{
	timeline_add(tl, &ev);
}

/* A call event. */
static struct event
call(uint64_t t, int ep, int step, enum call_name name, long ret,
    const char *text)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_CALL;
	ev.t_ns = t;
	ev.actor = ep;
	ev.step = step;
	ev.u.call.name = name;
	snprintf(ev.u.call.text, sizeof ev.u.call.text, "%s", text);
	ev.u.call.ret = ret;
	ev.u.call.lport = name == CALL_LISTEN ? 9000 : 0;
	return (ev);
}

/*
 * A segment event, from endpoint `from` to the other one, with what a
 * loopback handshake on Linux 6.x gives: each SYN offers MSS 65495, window
 * scale 10 and SACK, so a window field of 64 is 65536 bytes; every segment
 * carries timestamps on millisecond clocks that started apart.
 */
static struct event
seg(uint64_t t, int from, int flags, int32_t rseq, int32_t rack)
{
	static const uint32_t	clock0[2] = { 2754268031U, 726965373U };
	struct event		ev;
	uint32_t		ms = (uint32_t)(t / 1000000);

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_SEG;
	ev.t_ns = t;
	ev.actor = ACTOR_WIRE;
	ev.u.seg.sender = from;
	ev.u.seg.receiver = !from;
	ev.u.seg.rseq = rseq;
	ev.u.seg.rack = rack;
	ev.u.seg.conn = 1;
	ev.u.seg.seg.flags = (uint8_t)flags;
	ev.u.seg.seg.win = 64;
	ev.u.seg.window = 65536;
	ev.u.seg.wshift = 10;
	ev.u.seg.seg.wscale = -1;
	if (flags & TF_SYN) {
		ev.u.seg.seg.win = from == 0 ? 65495 : 65483;
		ev.u.seg.window = ev.u.seg.seg.win;
		ev.u.seg.wshift = CONN_WSCALE_OFF;
		ev.u.seg.seg.mss = 65495;
		ev.u.seg.seg.wscale = 10;
		ev.u.seg.seg.sack_ok = 1;
	}
	ev.u.seg.seg.has_ts = 1;
	ev.u.seg.seg.tsval = clock0[from != 0] + ms;
	if (flags & TF_ACK)
		ev.u.seg.seg.tsecr = clock0[from == 0] + ms;
	ev.u.seg.seg.sport = from == 0 ? 40000 : 9000;
	ev.u.seg.seg.dport = from == 0 ? 9000 : 40000;
	return (ev);
}

/* A state event. */
static struct event
state(uint64_t t, int ep, enum tcp_state st, uint32_t expires_ms,
    uint32_t rq)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_STATE;
	ev.t_ns = t;
	ev.actor = ep;
	ev.u.state.state = st;
	ev.u.state.src = SRC_KERNEL;
	ev.u.state.conn = 1;
	ev.u.state.rqueue = rq;
	if (expires_ms > 0) {
		ev.u.state.timer = TCP_TIMER_TIMEWAIT;
		ev.u.state.expires_ms = expires_ms;
	}
	return (ev);
}

/* A text event (step, say, check). */
static struct event
text(uint64_t t, enum event_kind kind, int step, const char *s, char choice)
{
	struct event	ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = kind;
	ev.t_ns = t;
	ev.actor = kind == EV_CHECK ? ACTOR_CHECK : ACTOR_LESSON;
	ev.step = step;
	ev.text = xstrdup(s);
	ev.u.check.verdict = VERDICT_HELD;
	ev.u.check.choice = choice;
	return (ev);
}

/* A check event of a step, with its verdict. */
static struct event
check(uint64_t t, int step, const char *s, enum check_verdict verdict)
{
	struct event	ev = text(t, EV_CHECK, step, s, 0);

	ev.u.check.verdict = verdict;
	return (ev);
}

/* The second step of four-way-close, as the runner records it. */
static void
add_read_step(struct timeline *tl)
{
	add(tl, text(2000 * MS, EV_STEP, 1, "server-reads-eof (key r)", 0));
	add(tl, call(2001 * MS, 1, 1, CALL_RECV, 0, "recv(4) = 0"));
	add(tl, check(2310 * MS, 1, "server call recv = 0", VERDICT_HELD));
	add(tl, check(2310 * MS, 1, "server state CLOSE_WAIT", VERDICT_HELD));
}

/* The third step of four-way-close, its checks with a verdict (not
 * reached: run after a deadline), its prediction answered (a). */
static void
add_close_step(struct timeline *tl, enum check_verdict verdict)
{
	add(tl, text(3000 * MS, EV_STEP, 2, "server-closes (key s)", 0));
	add(tl, seg(3001 * MS, 1, TF_FIN | TF_ACK, 1, 2));
	add(tl, call(3001 * MS + 50, 1, 2, CALL_CLOSE, 0, "close(4) = 0"));
	add(tl, seg(3002 * MS, 0, TF_ACK, 2, 2));
	add(tl, state(3003 * MS, 0, TS_TIME_WAIT, 60000, 0));
	add(tl, state(3003 * MS, 1, TS_CLOSED, 0, 0));
	add(tl, check(3310 * MS, 2, "seg server>client F", verdict));
	add(tl, check(3310 * MS, 2, "server state CLOSED", verdict));
	add(tl, check(3310 * MS, 2, "client state TIME_WAIT timer 50..60",
	    verdict));
	add(tl, text(3310 * MS, EV_CHECK, 2, "prediction: the kernel's answer "
	    "is (a)", 'a'));
}

/* four-way-close after its first step, as the runner records it. */
static struct timeline *
four_way_timeline(void)
{
	struct timeline	*tl = timeline_new();

	add(tl, text(0, EV_STEP, -1, "setup", 0));
	add(tl, call(1 * MS, 1, -1, CALL_LISTEN, 0, "listen(3, 16) = 0"));
	add(tl, seg(2 * MS, 0, TF_SYN, 0, 0));
	add(tl, seg(2 * MS + 10, 1, TF_SYN | TF_ACK, 0, 1));
	add(tl, seg(2 * MS + 20, 0, TF_ACK, 1, 1));
	add(tl, call(3 * MS, 0, -1, CALL_CONNECT, 0,
	    "connect(3, 127.0.0.1:9000) = 0"));
	add(tl, state(3 * MS, 0, TS_ESTABLISHED, 0, 0));
	add(tl, state(3 * MS, 1, TS_ESTABLISHED, 0, 0));
	add(tl, call(4 * MS, 1, -1, CALL_ACCEPT, 4, "accept(3) = 4"));
	add(tl, text(1000 * MS, EV_STEP, 0, "client-closes (key c)", 0));
	add(tl, seg(1001 * MS, 0, TF_FIN | TF_ACK, 1, 1));
	add(tl, call(1001 * MS + 50, 0, 0, CALL_CLOSE, 0, "close(3) = 0"));
	add(tl, seg(1006 * MS, 1, TF_ACK, 1, 2));
	add(tl, state(1007 * MS, 0, TS_FIN_WAIT_2, 60000, 0));
	add(tl, state(1007 * MS, 1, TS_CLOSE_WAIT, 0, 1));
	add(tl, text(1310 * MS, EV_CHECK, 0, "client state FIN_WAIT_2", 0));
	add(tl, text(1310 * MS, EV_CHECK, 0,
	    "prediction: the kernel's answer is (a)", 'a'));
	return (tl);
}

/* What the wire did with a segment from endpoint `from`, as event id. */
static struct event
wire(uint64_t t, enum wire_op op, uint32_t id, int from, int flags,
    int32_t rseq, int32_t rack)
{
	struct event	ev = seg(t, from, flags, rseq, rack);
	struct ev_seg	s = ev.u.seg;

	memset(&ev.u, 0, sizeof ev.u);
	ev.kind = EV_WIRE;
	ev.u.wire.op = op;
	ev.u.wire.id = id;
	ev.u.wire.seg = s;
	return (ev);
}

/* The lab's second step with the wire stepped: the server's FIN held and
 * then delivered, its retransmission still held, the client's ACK lost. */
static void
add_wire_step(struct timeline *tl)
{
	add(tl, text(5000 * MS, EV_STEP, 2, "server-closes (key s)", 0));
	add(tl, wire(5001 * MS, WIRE_OP_HOLD, 7, 1, TF_FIN | TF_ACK, 1, 2));
	add(tl, state(5002 * MS, 1, TS_LAST_ACK, 0, 0));
	add(tl, wire(5100 * MS, WIRE_OP_DELIVER, 7, 1, TF_FIN | TF_ACK, 1, 2));
	add(tl, seg(5100 * MS + 10, 1, TF_FIN | TF_ACK, 1, 2));
	add(tl, wire(5101 * MS, WIRE_OP_DROP, 8, 0, TF_ACK, 2, 2));
	add(tl, wire(5205 * MS, WIRE_OP_HOLD, 9, 1, TF_FIN | TF_ACK, 1, 2));
}

/* A model of lesson l at step k (its steps before run without events),
 * just after its setup, in a language. */
static void
question_model(struct view_model *m, const struct lesson *l, size_t k,
    enum lang lang, const struct timeline *tl, struct scene *sc)
{
	memset(sc, 0, sizeof *sc);
	scene_build(sc, l, tl, timeline_count(tl));
	memset(m, 0, sizeof *m);
	m->lesson = l;
	m->lang = lang;
	m->tl = tl;
	m->scene = sc;
	m->anim_seq = VIEW_NO_EVENT;
	m->selected_seq = VIEW_NO_EVENT;
	m->next_step = k;
	m->speed = 100;
	roles_assign(m);
}

/* A view model of four-way-close after its first step, 4.5 s later, over
 * the timeline tl and its scene sc (built here), in a language. */
static void
four_way_model(struct view_model *m, const struct lesson *l, enum lang lang,
    const struct timeline *tl, struct scene *sc, char *guesses)
{
	question_model(m, l, 1, lang, tl, sc);
	m->now_ns = 5500 * MS;
	m->pids[0] = 4242;
	m->pids[1] = 4243;
	m->side[1] = 1;
	snprintf(m->role[1], sizeof m->role[1], "%s", lang == LANG_EN ?
	    "server" : "服务器");
	snprintf(m->role[0], sizeof m->role[0], "%s", lang == LANG_EN ?
	    "client" : "客户端");
	m->guesses = guesses;
}

/* Draw four-way-close after its first step, in a language, the arrow
 * numbered selected (VIEW_NO_EVENT: none) selected; with wire set, after
 * a second step run with the wire stepped. */
static void
draw_four_way(enum lang lang, const char *name, int rows, int cols,
    enum view_overlay overlay, uint64_t selected, int wire_step)
{
	struct catalog		 cat;
	struct timeline		*tl = four_way_timeline();
	struct scene		 sc;
	struct view_model	 m;
	char			 guesses[4] = { 'a', 0, 0, 0 };
	char			*names[] = { (char *)"four-way-close" };

	assert_int_equal(catalog_load(&cat, names, 1), 0);
	if (wire_step)
		add_wire_step(tl);
	four_way_model(&m, cat.lessons[0], lang, tl, &sc, guesses);
	m.selected_seq = selected;
	m.overlay = overlay;
	m.wire_stepping = wire_step;
	m.wire_held = wire_step ? 1 : 0;
	view_draw(&m, rows, cols);
	golden(name);
	scene_free(&sc);
	timeline_free(tl);
	catalog_free(&cat);
}

/* The selected arrow is the same segment after a late event lands before
 * it (timeline_add moves the events after it); a selection that names no
 * captured segment shows the narration, never another event's bytes. */
static void
test_selection_by_seq(void **state)
{
	struct catalog		 cat;
	struct timeline		*tl = four_way_timeline();
	struct scene		 sc;
	struct view_model	 m;
	char			 guesses[4] = { 'a', 0, 0, 0 };
	char			*names[] = { (char *)"four-way-close" };
	char			*before, *after;

	(void)state;
	screen_open("C.UTF-8", 24, 80);
	assert_int_equal(catalog_load(&cat, names, 1), 0);
	four_way_model(&m, cat.lessons[0], LANG_EN, tl, &sc, guesses);
	m.selected_seq = 10;		/* the client's FIN */
	view_draw(&m, LINES, COLS);
	before = screen_text();
	assert_non_null(strstr(before, "Segment: FIN ACK"));
	/* A narration line stamped before the FIN arrives late. */
	add(tl, text(900 * MS, EV_SAY, -1, "late", 0));
	assert_int_equal(timeline_find(tl, 10), 11);
	scene_build(&sc, cat.lessons[0], tl, timeline_count(tl));
	view_draw(&m, LINES, COLS);
	after = screen_text();
	assert_string_equal(after, before);
	free(after);
	/* A state event selected by mistake: the narration, no details. */
	m.selected_seq = 13;
	assert_int_equal(timeline_get(tl, timeline_find(tl, 13))->kind,
	    EV_STATE);
	view_draw(&m, LINES, COLS);
	after = screen_text();
	assert_null(strstr(after, "Segment:"));
	assert_non_null(strstr(after, "Step 2 of 3"));
	free(after);
	free(before);
	scene_free(&sc);
	timeline_free(tl);
	catalog_free(&cat);
	screen_close();
}

/* A narration too long for its rows scrolls: marked below at first,
 * above once scrolled to its end (the verdict still in view), and a
 * scroll past its end draws its end. */
static void
assert_scrolls(struct view_model *m)
{
	struct narration_fit	 fit = view_draw(m, LINES, COLS);
	char			*end, *past;

	assert_true(fit.max_scroll > 0);
	assert_true(fit.page > 0);
	m->narration_scroll = fit.max_scroll;
	view_draw(m, LINES, COLS);
	golden("end-late-scrolled");
	end = screen_text();
	assert_non_null(strstr(end, "▲ PgUp"));
	assert_null(strstr(end, "▼ PgDn"));
	assert_non_null(strstr(end, "Lesson not complete"));
	m->narration_scroll = fit.max_scroll + 5;
	view_draw(m, LINES, COLS);
	past = screen_text();
	assert_string_equal(past, end);
	free(past);
	free(end);
	m->narration_scroll = 0;
}

/* The projector's screen, 160x45: the states in block letters; then in
 * presenter mode, the title bar's row to the panes and the lane (its
 * arrows spaced out), the key bar down to what moves the lesson. */
static void
test_projector(void **state)
{
	struct catalog		 cat;
	struct timeline		*tl = four_way_timeline();
	struct scene		 sc;
	struct view_model	 m;
	char			 guesses[4] = { 'a', 0, 0, 0 };
	char			*names[] = { (char *)"four-way-close" };
	char			*got;

	(void)state;
	screen_open("C.UTF-8", 45, 160);
	assert_int_equal(catalog_load(&cat, names, 1), 0);
	four_way_model(&m, cat.lessons[0], LANG_EN, tl, &sc, guesses);
	view_draw(&m, LINES, COLS);
	golden("projector-160x45");
	got = screen_text();
	assert_non_null(strstr(got, "███"));
	free(got);
	m.presenter = 1;
	view_draw(&m, LINES, COLS);
	golden("presenter-160x45");
	got = screen_text();
	assert_null(strstr(got, "finwave ▸"));
	assert_non_null(strstr(got, "P leave presenter"));
	free(got);
	scene_free(&sc);
	timeline_free(tl);
	catalog_free(&cat);
	screen_close();
}

/* The lesson view mid-lesson, in English and in Chinese, at 80x24. */
static void
test_lesson_view(void **state)
{
	(void)state;
	screen_open("C.UTF-8", 24, 80);
	draw_four_way(LANG_EN, "lesson-en", 24, 80, OVERLAY_NONE, VIEW_NO_EVENT,
	    0);
	draw_four_way(LANG_ZH, "lesson-zh", 24, 80, OVERLAY_NONE, VIEW_NO_EVENT,
	    0);
	screen_close();
}

/* A larger terminal: the panes and the lane grow. */
static void
test_lesson_view_large(void **state)
{
	(void)state;
	screen_open("C.UTF-8", 40, 132);
	draw_four_way(LANG_EN, "lesson-large", 40, 132, OVERLAY_NONE, VIEW_NO_EVENT,
	    0);
	screen_close();
}

/* The state diagram with both endpoints marked; a selected segment. */
static void
test_lesson_overlays(void **state)
{
	(void)state;
	screen_open("C.UTF-8", 24, 80);
	draw_four_way(LANG_EN, "diagram", 24, 80, OVERLAY_DIAGRAM, VIEW_NO_EVENT,
	    0);
	draw_four_way(LANG_EN, "segment", 24, 80, OVERLAY_NONE, 10, 0);
	screen_close();
}

/* Step by step: a held arrow stops mid-lane at a bar, a dropped one ends
 * in a cross, a delivered one is its captured arrival; Space and x. */
static void
test_lesson_wire(void **state)
{
	(void)state;
	screen_open("C.UTF-8", 30, 100);
	draw_four_way(LANG_EN, "wire", 30, 100, OVERLAY_NONE, VIEW_NO_EVENT,
	    1);
	/* The delivered FIN's arrival: its cause is the wire's hold. */
	draw_four_way(LANG_EN, "wire-segment", 30, 100, OVERLAY_NONE, 21, 1);
	screen_close();
}

/* A step's outcome: the checks' mark on the after text, a wrong guess on
 * a line of its own, a check that failed and one not reached, apart. */
static void
test_lesson_outcome(void **state)
{
	struct catalog		 cat;
	struct timeline		*tl = four_way_timeline();
	struct scene		 sc;
	struct view_model	 m;
	char			 guesses[4] = { 'b', 0, 0, 0 };
	char			*names[] = { (char *)"four-way-close" };

	(void)state;
	screen_open("C.UTF-8", 30, 100);
	assert_int_equal(catalog_load(&cat, names, 1), 0);
	add(tl, check(1310 * MS, 0, "no seg server>client F; observed: one at "
	    "1.006 s", VERDICT_FAILED));
	add(tl, check(1310 * MS, 0, "server state CLOSE_WAIT",
	    VERDICT_NOT_REACHED));
	four_way_model(&m, cat.lessons[0], LANG_EN, tl, &sc, guesses);
	view_draw(&m, LINES, COLS);
	golden("outcome");
	scene_free(&sc);
	timeline_free(tl);
	catalog_free(&cat);
	screen_close();
}

/* Keys typed ahead stopped at the third step's question: the outcome of
 * the second gives up rows so that the question, its choices and how to
 * go on fit in 80x24; a long narration gives up rows too, where the
 * choices would not fit. */
static void
test_lesson_stopped(void **state)
{
	struct catalog		 cat;
	struct timeline		*tl = four_way_timeline();
	struct scene		 sc;
	struct view_model	 m;
	char			 guesses[4] = { 0, 0, 0, 0 };
	char			*names[] = { (char *)"four-way-close" };

	(void)state;
	screen_open("C.UTF-8", 24, 80);
	assert_int_equal(catalog_load(&cat, names, 1), 0);
	add_read_step(tl);
	four_way_model(&m, cat.lessons[0], LANG_EN, tl, &sc, guesses);
	m.next_step = 2;
	m.stopped_at_question = 1;
	view_draw(&m, LINES, COLS);
	golden("stopped-en");
	m.lang = LANG_ZH;
	view_draw(&m, LINES, COLS);
	golden("stopped-zh");
	scene_free(&sc);
	catalog_free(&cat);
	/* A step whose narration is long: it gives way to the choices. */
	names[0] = (char *)"fin-timeout";
	assert_int_equal(catalog_load(&cat, names, 1), 0);
	/* Its setup read tcp_fin_timeout, which its first say shows. */
	add(tl, call(10 * MS, ACTOR_LAB, -1, CALL_SYSCTL, 60,
	    "sysctl(net.ipv4.tcp_fin_timeout) = 60"));
	four_way_model(&m, cat.lessons[0], LANG_EN, tl, &sc, guesses);
	scene_build(&sc, cat.lessons[0], tl, timeline_step_start(tl, 1));
	m.next_step = 0;
	m.stopped_at_question = 1;
	view_draw(&m, LINES, COLS);
	golden("stopped-long");
	scene_free(&sc);
	timeline_free(tl);
	catalog_free(&cat);
	screen_close();
}

/* four-way-close at its end, every step run and shown, the next lesson
 * offered: complete in English and Chinese, a guess right of two; then
 * not complete (the last step ran after its deadline) with R pressed. */
static void
test_lesson_end(void **state)
{
	static const struct progress_score	 complete = { 8, 0, 0, 1, 2 };
	static const struct progress_score	 late = { 5, 0, 3, 1, 2 };
	struct catalog				 cat;
	struct timeline				*tl;
	struct scene				 sc;
	struct view_model			 m;
	char					 guesses[4] = { 'a', 0, 'b', 0 };
	int					 late_run;

	(void)state;
	screen_open("C.UTF-8", 24, 80);
	load_catalog(&cat);
	for (late_run = 0; late_run <= 1; late_run++) {
		tl = four_way_timeline();
		add_read_step(tl);
		add_close_step(tl, late_run ? VERDICT_NOT_REACHED :
		    VERDICT_HELD);
		four_way_model(&m, cat.lessons[0], LANG_EN, tl, &sc, guesses);
		m.next_step = 3;
		m.next_lesson = cat.lessons[1];
		m.score = late_run ? late : complete;
		m.now_ns = 3500 * MS;
		if (late_run) {
			m.confirm_restart = 1;
			view_draw(&m, LINES, COLS);
			golden("end-late");
			assert_scrolls(&m);
		} else {
			view_draw(&m, LINES, COLS);
			golden("end-en");
			scene_free(&sc);
			four_way_model(&m, cat.lessons[0], LANG_ZH, tl, &sc,
			    guesses);
			m.next_step = 3;
			m.next_lesson = cat.lessons[1];
			m.score = complete;
			m.now_ns = 3500 * MS;
			view_draw(&m, LINES, COLS);
			golden("end-zh");
		}
		scene_free(&sc);
		timeline_free(tl);
	}
	catalog_free(&cat);
	screen_close();
}

/* The next step's deadline on the status line: the time left to run it
 * in and what that shows, in either language; once too late, which state
 * ended and that its checks cannot be reached; a message comes first. */
static void
test_lesson_deadline(void **state)
{
	static const struct {
		enum lang	 lang;
		int		 missed;
		uint64_t	 ended_ns;
		const char	*want;
	} cases[] = {
		{ LANG_EN, 0, 0, "\n Run it within 48 s to see the server's FIN "
		    "end it.\n" },
		{ LANG_ZH, 0, 0, "\n 48 秒内运行，才能看到服务器的 FIN 结束它。\n" },
		{ LANG_EN, 1, 5000 * MS, "\n Too late: client's FIN_WAIT_2 is "
		    "over; failures will count as not reached.\n" },
		{ LANG_EN, 1, 6000 * MS, "\n Too late: client's FIN_WAIT_2 is "
		    "ending; failures will count as not reached.\n" },
		{ LANG_ZH, 1, 0, "\n 太晚了：client 已经没有处于 FIN_WAIT_2 的连接；"
		    "不成立的检查将记为未能进行。\n" }
	};
	struct catalog		 cat;
	struct timeline		*tl = four_way_timeline();
	struct scene		 sc;
	struct view_model	 m;
	struct deadline		 need;
	char			 guesses[4] = { 'a', 0, 0, 0 }, *screen;
	size_t			 i;

	(void)state;
	screen_open("C.UTF-8", 24, 80);
	load_catalog(&cat);
	memset(&need, 0, sizeof need);
	need.endpoint = 0;
	need.state = TS_FIN_WAIT_2;
	need.purpose.s[LANG_EN] = (char *)"to see the server's FIN end it";
	need.purpose.s[LANG_ZH] = (char *)"才能看到服务器的 FIN 结束它";
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		four_way_model(&m, cat.lessons[0], cases[i].lang, tl, &sc,
		    guesses);
		m.deadline.need = &need;
		m.deadline.due_ns = m.now_ns + 47300 * MS;
		m.deadline.missed = cases[i].missed;
		m.deadline.ended_ns = cases[i].ended_ns;
		view_draw(&m, LINES, COLS);
		screen = screen_text();
		if (strstr(screen, cases[i].want) == NULL)
			fail_msg("case %zu: no [%s] in\n%s", i, cases[i].want,
			    screen);
		free(screen);
		scene_free(&sc);
	}
	four_way_model(&m, cat.lessons[0], LANG_EN, tl, &sc, guesses);
	m.deadline.need = &need;
	m.message = "A message.";
	view_draw(&m, LINES, COLS);
	screen = screen_text();
	assert_non_null(strstr(screen, "\n A message.\n"));
	free(screen);
	scene_free(&sc);
	timeline_free(tl);
	catalog_free(&cat);
	screen_close();
}

/* A terminal below the minimum gets a message, in either language. */
static void
test_too_small(void **state)
{
	(void)state;
	screen_open("C.UTF-8", 12, 50);
	view_draw_too_small(LANG_EN, LINES, COLS);
	golden("too-small-en");
	view_draw_too_small(LANG_ZH, LINES, COLS);
	golden("too-small-zh");
	screen_close();
}

/* Smaller still, the message gets shorter instead of being cut; at 1x1
 * nothing legible fits, and nothing breaks. */
static void
test_too_small_tiny(void **state)
{
	static const struct {
		int		 rows, cols;
		const char	*want;
	} cases[] = {
		{ 5, 20, "finwave needs a\nterminal of at least\n80x24; this "
		    "one is\n20x5. Enlarge it, or\npress q to quit.\n" },
		{ 4, 20, "\nNeeds 80x24, not\n20x4. q quits.\n" },
		{ 3, 12, "Needs 80x24,\nnot 12x3. q\nquits.\n" },
		{ 1, 5, "80x24\n" },
		{ 1, 1, "" }
	};
	char	*text;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		screen_open("C.UTF-8", cases[i].rows, cases[i].cols);
		view_draw_too_small(LANG_EN, LINES, COLS);
		text = screen_text();
		if (cases[i].want[0] == '\0')
			assert_string_equal(text, "\n");	/* nothing fits */
		else
			assert_non_null(strstr(text, cases[i].want));
		free(text);
		screen_close();
	}
}

/* What a terminal would act on is written out, never passed through:
 * in the text helpers and in what draw_text puts on the screen. */
static void
test_escape(void **state)
{
	char	*s, *text;

	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	assert_true(textw_printable("close(3) = 0 四次挥手", 0));
	assert_true(textw_printable("one\ntwo", 1));
	assert_false(textw_printable("one\ntwo", 0));
	assert_false(textw_printable("\x1b[2J", 1));
	assert_false(textw_printable("\xc2\x9b" "2J", 1));
	assert_false(textw_printable("bad \xff byte", 1));
	s = textw_escape("a\x1b]0;x\x07" "b\xc2\x9b" "c\x7f\xff\n四", 0);
	assert_string_equal(s, "a\\x1b]0;x\\x07b\\u009bc\\x7f\\xff\\x0a四");
	free(s);
	s = textw_escape("one\ntwo", 1);
	assert_string_equal(s, "one\ntwo");
	free(s);
	/* Decoded strictly: a surrogate, an overlong form and a code point
	 * above U+10FFFF are bytes that are not UTF-8, each written out. */
	assert_false(textw_printable("\xed\xa0\x80", 1));
	s = textw_escape("a\xed\xa0\x80" "b\xe0\x80\xaf" "c\xf4\x90\x80\x80",
	    1);
	assert_string_equal(s, "a\\xed\\xa0\\x80b\\xe0\\x80\\xafc"
	    "\\xf4\\x90\\x80\\x80");
	free(s);
	screen_open("C.UTF-8", 24, 80);
	erase();
	draw_text(0, 0, 40, A_NORMAL, "recv(4) = 3 \"\x1b[2J\"");
	text = screen_text();
	assert_non_null(strstr(text, "recv(4) = 3 \"\\x1b[2J\""));
	free(text);
	screen_close();
}

/* Scene: the latest state of each socket, and the countdown. */
static void
test_scene(void **state)
{
	struct catalog		 cat;
	struct timeline		*tl = four_way_timeline();
	struct scene		 sc;
	char			*names[] = { (char *)"four-way-close" };

	(void)state;
	assert_int_equal(catalog_load(&cat, names, 1), 0);
	memset(&sc, 0, sizeof sc);
	scene_build(&sc, cat.lessons[0], tl, 9);
	assert_int_equal(sc.eps[0].socks[1].state, TS_ESTABLISHED);
	assert_int_equal(scene_listen_port(&sc.eps[1]), 9000);
	scene_build(&sc, cat.lessons[0], tl, timeline_count(tl));
	assert_int_equal(sc.eps[0].socks[1].state, TS_FIN_WAIT_2);
	assert_int_equal(sc.eps[1].socks[1].state, TS_CLOSE_WAIT);
	assert_int_equal(sc.eps[1].socks[1].rqueue, 1);
	assert_string_equal(sc.eps[0].calls[sc.eps[0].ncalls - 1].text,
	    "close(3) = 0");
	/* 60 s left at 1.007 s: 55.5 s left at 5.507 s. */
	assert_true(scene_time_left(&sc.eps[0].socks[1], 5507 * MS) > 55.49);
	assert_true(scene_time_left(&sc.eps[0].socks[1], 5507 * MS) < 55.51);
	assert_true(scene_time_left(&sc.eps[0].socks[1], 99000 * MS) == 0);
	assert_int_equal(scene_count(&sc.eps[1], TS_CLOSE_WAIT), 1);
	scene_free(&sc);
	timeline_free(tl);
	catalog_free(&cat);
}


/* Scene: the pane shows the newest listener still open. */
static void
test_scene_listeners(void **state)
{
	static const struct {
		enum call_name	 name;
		int		 fd, port;
	} calls[] = {
		{ CALL_LISTEN, 3, 9000 }, { CALL_LISTEN, 4, 9001 },
		{ CALL_CLOSE, 4, 0 }, { CALL_CLOSE, 3, 0 }
	};
	static const int	 shown[] = { 0, 9000, 9001, 9000, 0 };
	struct catalog		 cat;
	struct timeline		*tl = timeline_new();
	struct scene		 sc;
	struct event		 ev;
	char			*names[] = { (char *)"four-way-close" };
	size_t			 n;

	(void)state;
	assert_int_equal(catalog_load(&cat, names, 1), 0);
	memset(&sc, 0, sizeof sc);
	for (n = 0; n < 4; n++) {
		ev = call(n * MS, 1, 0, calls[n].name, 0,
		    call_word(calls[n].name));
		ev.u.call.fd = calls[n].fd;
		ev.u.call.lport = (uint16_t)calls[n].port;
		add(tl, ev);
	}
	for (n = 0; n <= 4; n++) {
		scene_build(&sc, cat.lessons[0], tl, n);
		assert_int_equal(scene_listen_port(&sc.eps[1]), shown[n]);
	}
	scene_free(&sc);
	timeline_free(tl);
	catalog_free(&cat);
}

/* The server's FIN held five times in step-by-step mode (the kernel's
 * retransmissions at 5.205, 5.410, 5.820 and 6.640 s), then Space
 * delivered the oldest copy, x dropped the next, and the client's ACK of
 * the one delivered is held. */
static void
add_copies_step(struct timeline *tl)
{
	add(tl, text(5000 * MS, EV_STEP, 2, "server-closes (key s)", 0));
	add(tl, wire(5001 * MS, WIRE_OP_HOLD, 11, 1, TF_FIN | TF_ACK, 1, 2));
	add(tl, state(5002 * MS, 1, TS_LAST_ACK, 0, 0));
	add(tl, wire(5205 * MS, WIRE_OP_HOLD, 12, 1, TF_FIN | TF_ACK, 1, 2));
	add(tl, wire(5410 * MS, WIRE_OP_HOLD, 13, 1, TF_FIN | TF_ACK, 1, 2));
	add(tl, wire(5820 * MS, WIRE_OP_HOLD, 14, 1, TF_FIN | TF_ACK, 1, 2));
	add(tl, wire(6640 * MS, WIRE_OP_HOLD, 15, 1, TF_FIN | TF_ACK, 1, 2));
	add(tl, wire(7000 * MS, WIRE_OP_DELIVER, 11, 1, TF_FIN | TF_ACK, 1, 2));
	add(tl, seg(7000 * MS + 10, 1, TF_FIN | TF_ACK, 1, 2));
	add(tl, wire(7001 * MS, WIRE_OP_HOLD, 16, 0, TF_ACK, 2, 2));
	add(tl, wire(7200 * MS, WIRE_OP_DROP, 12, 1, TF_FIN | TF_ACK, 1, 2));
}

/* Draw four-way-close with add_copies_step's events, all but the last
 * hidden of them shown, the arrow numbered selected selected, the time
 * column on or off. */
static void
draw_copies(enum lang lang, const char *name, size_t hidden,
    uint64_t selected, int times)
{
	struct catalog		 cat;
	struct timeline		*tl = four_way_timeline();
	struct scene		 sc;
	struct view_model	 m;
	char			 guesses[4] = { 'a', 0, 0, 0 };
	char			*names[] = { (char *)"four-way-close" };

	assert_int_equal(catalog_load(&cat, names, 1), 0);
	add_copies_step(tl);
	four_way_model(&m, cat.lessons[0], lang, tl, &sc, guesses);
	scene_free(&sc);
	memset(&sc, 0, sizeof sc);
	scene_build(&sc, cat.lessons[0], tl, timeline_count(tl) - hidden);
	m.selected_seq = selected;
	m.wire_stepping = 1;
	m.wire_held = hidden == 4 ? 5 : 4;
	m.lane_times = times;
	view_draw(&m, LINES, COLS);
	golden(name);
	scene_free(&sc);
	timeline_free(tl);
	catalog_free(&cat);
}

/* The copies of a held segment are one row that counts them: five held
 * before Space; four once Space delivered the oldest (its arrival is
 * captured); three held and one lost, in the same row, once x dropped
 * the next. */
static void
test_lesson_wire_copies(void **state)
{
	(void)state;
	screen_open("C.UTF-8", 30, 100);
	draw_copies(LANG_EN, "wire-copies-5", 4, VIEW_NO_EVENT, 0);
	draw_copies(LANG_EN, "wire-copies-4", 2, VIEW_NO_EVENT, 0);
	draw_copies(LANG_EN, "wire-copies", 0, VIEW_NO_EVENT, 0);
	draw_copies(LANG_ZH, "wire-copies-zh", 0, VIEW_NO_EVENT, 0);
	screen_close();
}

/* A held row selected shows what became of its copies, even when the
 * seq selected is a copy since delivered; a rule's drop selected shows
 * it was dropped. */
static void
test_lesson_wire_selected(void **state)
{
	(void)state;
	screen_open("C.UTF-8", 30, 100);
	/* 18: the first hold of the FIN, delivered at 7.000 s. */
	draw_copies(LANG_EN, "wire-copies-selected", 0, 18, 0);
	/* 22: the client's ACK that a rule dropped. */
	draw_four_way(LANG_EN, "wire-lost-selected", 30, 100, OVERLAY_NONE,
	    22, 1);
	screen_close();
}

/* T's time column: each row's time since its step began, at the lane's
 * left edge, in columns the lane gives up. */
static void
test_lesson_wire_times(void **state)
{
	(void)state;
	screen_open("C.UTF-8", 30, 100);
	draw_copies(LANG_EN, "wire-times", 0, VIEW_NO_EVENT, 1);
	draw_copies(LANG_ZH, "wire-times-zh", 0, 18, 1);
	screen_close();
}

/* The row of the menu's list lesson i is on: every lesson before it and
 * a heading for each chapter up to its own. */
static long
menu_list_row(const struct catalog *cat, size_t i)
{
	size_t	j;
	long	row = 0;
	int	chapter = 0;

	for (j = 0; j <= i; j++) {
		if (cat->lessons[j]->chapter != chapter) {
			chapter = cat->lessons[j]->chapter;
			row++;
		}
		row += j < i;
	}
	return (row);
}

/* The lesson at or just under row `row` of the list. */
static size_t
menu_lesson_at(const struct catalog *cat, long row)
{
	size_t	i;

	for (i = 0; i + 1 < cat->n && menu_list_row(cat, i) < row; i++)
		;
	return (i);
}

/* Home and End go to the first and the last lesson, of those the filter
 * matches; PgDn and PgUp move by the rows the menu shows (18 at 24 rows,
 * 34 at 40), over chapter headings, and stop at the ends. */
static void
test_menu_home_end_page(void **state)
{
	struct catalog	cat;
	struct progress	pr;
	struct menu	m;
	const char	*s;
	size_t		want, first, last, i;

	(void)state;
	load_catalog(&cat);
	assert_true(menu_list_row(&cat, cat.n - 1) > 18);
	memset(&pr, 0, sizeof pr);
	menu_init(&m, &cat, &pr, LANG_EN);
	m.rows = 24;
	assert_int_equal(menu_key(&m, KEYS_END), MENU_HANDLED);
	assert_int_equal(m.selected, cat.n - 1);
	assert_int_equal(menu_key(&m, KEYS_HOME), MENU_HANDLED);
	assert_int_equal(m.selected, 0);
	assert_int_equal(menu_key(&m, KEYS_PAGE_UP), MENU_HANDLED);
	assert_int_equal(m.selected, 0);
	assert_int_equal(menu_key(&m, KEYS_PAGE_DOWN), MENU_HANDLED);
	want = menu_lesson_at(&cat, menu_list_row(&cat, 0) + 18);
	assert_int_equal(m.selected, want);
	assert_int_equal(menu_key(&m, KEYS_PAGE_UP), MENU_HANDLED);
	assert_int_equal(m.selected, menu_lesson_at(&cat,
	    menu_list_row(&cat, want) - 18));
	m.selected = cat.n - 2;
	assert_int_equal(menu_key(&m, KEYS_PAGE_DOWN), MENU_HANDLED);
	assert_int_equal(m.selected, cat.n - 1);
	/* A taller screen pages further. */
	m.rows = 40;
	m.selected = 0;
	assert_int_equal(menu_key(&m, KEYS_PAGE_DOWN), MENU_HANDLED);
	assert_int_equal(m.selected, menu_lesson_at(&cat,
	    menu_list_row(&cat, 0) + 34));
	/* Filtered: the ends are those of the lessons that match. */
	assert_int_equal(menu_key(&m, '/'), MENU_HANDLED);
	for (s = "linger"; *s != '\0'; s++)
		assert_int_equal(menu_key(&m, *s), MENU_HANDLED);
	assert_int_equal(menu_key(&m, KEYS_ENTER), MENU_HANDLED);
	for (first = last = SIZE_MAX, i = 0; i < cat.n; i++) {
		if (strcasestr(cat.lessons[i]->id, "linger") != NULL ||
		    strcasestr(lesson_text(&cat.lessons[i]->title, LANG_EN),
		    "linger") != NULL ||
		    strcasestr(lesson_text(&cat.lessons[i]->summary, LANG_EN),
		    "linger") != NULL) {
			if (first == SIZE_MAX)
				first = i;
			last = i;
		}
	}
	assert_true(first > 0 && last < cat.n - 1 && first < last);
	assert_int_equal(menu_key(&m, KEYS_END), MENU_HANDLED);
	assert_int_equal(m.selected, last);
	assert_int_equal(menu_key(&m, KEYS_HOME), MENU_HANDLED);
	assert_int_equal(m.selected, first);
	catalog_free(&cat);
}

/* The screen row that shows s, or -1. */
static int
screen_row_of(const char *s)
{
	char	*text = screen_text(), *at, *p;
	int	 row = -1;

	if ((at = strstr(text, s)) != NULL) {
		for (row = 0, p = text; p < at; p++)
			row += *p == '\n';
	}
	free(text);
	return (row);
}

/* A click on a lesson of the menu selects it, a click on the selected one
 * opens it, a click on a heading or after the list does nothing; the
 * wheel moves as Up and Down do; M's message shows on the second row. */
static void
test_menu_mouse(void **state)
{
	struct catalog	cat;
	struct progress	pr;
	struct menu	m;
	int		y;

	(void)state;
	load_catalog(&cat);
	memset(&pr, 0, sizeof pr);
	screen_open("C.UTF-8", 24, 80);
	menu_init(&m, &cat, &pr, LANG_EN);
	m.rows = LINES;
	assert_int_equal(m.selected, 0);
	menu_draw(&m, LINES, COLS);
	y = screen_row_of(lesson_text(&cat.lessons[2]->title, LANG_EN));
	assert_true(y > 2);
	assert_int_equal(menu_mouse(&m, y, 60, KEYS_CLICK), MENU_HANDLED);
	assert_int_equal(m.selected, 2);
	menu_draw(&m, LINES, COLS);
	assert_int_equal(menu_mouse(&m, y, 0, KEYS_CLICK), MENU_OPEN);
	y = screen_row_of("Chapter 1");
	assert_int_equal(menu_mouse(&m, y, 10, KEYS_CLICK), MENU_IGNORED);
	assert_int_equal(menu_mouse(&m, LINES - 3, 10, KEYS_CLICK),
	    MENU_IGNORED);
	assert_int_equal(m.selected, 2);
	assert_int_equal(menu_mouse(&m, 0, 0, KEYS_WHEEL_DOWN), MENU_HANDLED);
	assert_int_equal(m.selected, 3);
	assert_int_equal(menu_mouse(&m, 0, 0, KEYS_WHEEL_UP), MENU_HANDLED);
	assert_int_equal(m.selected, 2);
	/* Scrolled down, a row shows another lesson than it did. */
	assert_int_equal(menu_key(&m, KEYS_END), MENU_HANDLED);
	menu_draw(&m, LINES, COLS);
	y = screen_row_of(lesson_text(&cat.lessons[cat.n - 2]->title,
	    LANG_EN));
	assert_int_equal(menu_mouse(&m, y, 20, KEYS_CLICK), MENU_HANDLED);
	assert_int_equal(m.selected, cat.n - 2);
	m.message = "Mouse off.";
	menu_draw(&m, LINES, COLS);
	assert_int_equal(screen_row_of(" Mouse off.\n"), 1);
	assert_int_equal(menu_key(&m, KEYS_DOWN), MENU_HANDLED);
	assert_null(m.message);
	screen_close();
	catalog_free(&cat);
}

/* The lesson view outside UTF-8: the ASCII glyphs in the boxes, the
 * arrows and the marks of a step's outcome: a guess judged right (+), a
 * check that failed (x), one not reached (-), a line cut short (...). */
static void
test_lesson_ascii(void **state)
{
	struct catalog		 cat;
	struct timeline		*tl = four_way_timeline();
	struct scene		 sc;
	struct view_model	 m;
	char			 guesses[4] = { 'a', 0, 0, 0 };
	char			*names[] = { (char *)"four-way-close" };
	struct progress_field	 when = { (char *)"completed",
				    (char *)"2026-12-01T09:00:00Z" };
	struct progress_entry	 done = { NULL, &when, 1 };
	struct progress		 pr;
	struct menu		 mn;
	char			*text, *p;

	(void)state;
	screen_open("C", 30, 100);
	assert_false(theme_utf8());
	assert_int_equal(catalog_load(&cat, names, 1), 0);
	add(tl, check(1310 * MS, 0, "no seg server>client F; observed: one at "
	    "1.006 s", VERDICT_FAILED));
	add(tl, check(1310 * MS, 0, "server state CLOSE_WAIT",
	    VERDICT_NOT_REACHED));
	four_way_model(&m, cat.lessons[0], LANG_EN, tl, &sc, guesses);
	view_draw(&m, LINES, COLS);
	golden("lesson-ascii");
	text = screen_text();
	assert_non_null(strstr(text, "\n + Your guess (1) was right"));
	assert_non_null(strstr(text, "\n x no seg server>client F"));
	assert_non_null(strstr(text, "\n - server state CLOSE_WAIT"));
	assert_non_null(strstr(text, "pid 4242 - running"));
	for (p = text; *p != '\0'; p++)
		assert_true((unsigned char)*p < 0x80);
	free(text);
	draw_erase();
	assert_int_equal(draw_wrapped(0, 0, 20, 1, 0, "a line far too long "
	    "for twenty columns"), 1);
	text = screen_text();
	assert_true(strncmp(text, "a line far too lo...\n", 21) == 0);
	free(text);
	scene_free(&sc);
	timeline_free(tl);
	catalog_free(&cat);
	/* A lesson completed: its mark in the menu. */
	load_catalog(&cat);
	memset(&pr, 0, sizeof pr);
	done.id = cat.lessons[0]->id;
	pr.entries = &done;
	pr.n = 1;
	menu_init(&mn, &cat, &pr, LANG_EN);
	menu_draw(&mn, LINES, COLS);
	text = screen_text();
	assert_non_null(strstr(text, "\n   + The four-way close"));
	assert_non_null(strstr(text, "\n >   The server closes first"));
	free(text);
	catalog_free(&cat);
	screen_close();
}

/* Big text: four columns a character less the last gap (ESTABLISHED, the
 * longest a pane shows, in 43); a character the font lacks is one blank
 * cell; every glyph has blocks and no two are alike; outside UTF-8 the
 * blocks are '#'; every state name, in a golden. */
static void
test_bigtext(void **state)
{
	static const char	 chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
	char			 shapes[sizeof chars][BIGTEXT_ROWS * 4 + 1];
	char			*text, one[2] = { 0, 0 }, *p;
	size_t			 i, j;
	int			 r, st;

	(void)state;
	assert_int_equal(bigtext_width("ESTABLISHED"), 43);
	assert_int_equal(bigtext_width(""), 0);
	assert_int_equal(bigtext_width("A"), 3);
	assert_int_equal(bigtext_width("A\xe4\xb8\xad" "B"), 11);
	screen_open("C", 6, 20);
	for (i = 0; i < sizeof chars - 1; i++) {
		draw_erase();
		one[0] = chars[i];
		bigtext_draw(0, 0, 0, one);
		text = screen_text();
		for (r = 0, p = text; r < BIGTEXT_ROWS; r++) {
			memcpy(shapes[i] + r * 4, p, 4);
			p = strchr(p, '\n') + 1;
		}
		shapes[i][BIGTEXT_ROWS * 4] = '\0';
		assert_non_null(strchr(shapes[i], '#'));
		for (j = 0; j < i; j++) {
			if (strcmp(shapes[i], shapes[j]) == 0)
				fail_msg("%c and %c look alike", chars[i],
				    chars[j]);
		}
		free(text);
	}
	/* An unknown character, and one of two bytes: a blank cell each. */
	draw_erase();
	bigtext_draw(0, 0, 0, "I?\xc3\xa9I");
	text = screen_text();
	assert_string_equal(text, "###         ###\n"
	    " #           #\n #           #\n #           #\n"
	    "###         ###\n\n");
	free(text);
	screen_close();
	screen_open("C.UTF-8", 6 * (TS_COUNT - 1), 50);
	for (st = TS_NONE + 1, r = 0; st < TS_COUNT; st++, r += 6)
		bigtext_draw(r, 1, 0, tcpstate_name((enum tcp_state)st));
	golden("bigtext");
	screen_close();
}

/* The help fits at 80x24 in both languages: its last line shown whole,
 * no line cut short. */
static void
test_help_fits(void **state)
{
	char	*text;

	(void)state;
	screen_open("C.UTF-8", 24, 80);
	draw_four_way(LANG_EN, "help-en", 24, 80, OVERLAY_HELP, VIEW_NO_EVENT,
	    0);
	text = screen_text();
	assert_non_null(strstr(text, "\n (or marked as read from the wire when "
	    "it passed too quickly).\n"));
	assert_non_null(strstr(text, "\n P  presenter mode: panes, lane, "
	    "narration   S  save the run: SVG, HTML, pcapng\n"));
	assert_null(strstr(text, "\xe2\x80\xa6"));
	free(text);
	draw_four_way(LANG_ZH, "help-zh", 24, 80, OVERLAY_HELP, VIEW_NO_EVENT,
	    0);
	text = screen_text();
	assert_non_null(strstr(text, "\n （状态太短暂、来不及询问内核时，会标明是"
	    "从线路推断的）。\n"));
	assert_null(strstr(text, "\xe2\x80\xa6"));
	free(text);
	screen_close();
}

/* Whether the screen shows step k's question whole: the start of the
 * question, each choice numbered with its first word, and the key bar's
 * ? and q on the last row. */
static void
assert_question_whole(const struct lesson *l, size_t k, enum lang lang)
{
	const struct prediction	*q = l->steps[k].ask;
	char			*got = screen_text(), *last, want[128];
	size_t			 i;

	snprintf(want, sizeof want, "%.*s", (int)strcspn(lesson_text(
	    &q->question, lang), " "), lesson_text(&q->question, lang));
	if (strstr(got, want) == NULL)
		fail_msg("%s step %zu: no question '%s' in\n%s", l->id, k + 1,
		    want, got);
	for (i = 0; i < q->nchoices; i++) {
		snprintf(want, sizeof want, "%zu) %.*s", i + 1,
		    (int)strcspn(lesson_text(&q->choices[i].text, lang), " "),
		    lesson_text(&q->choices[i].text, lang));
		if (strstr(got, want) == NULL)
			fail_msg("%s step %zu: no '%s' in\n%s", l->id, k + 1,
			    want, got);
	}
	got[strlen(got) - 1] = '\0';
	last = strrchr(got, '\n') + 1;
	if (strstr(last, lang == LANG_EN ? "? help" : "? 帮助") == NULL ||
	    strstr(last, lang == LANG_EN ? "q menu" : "q 菜单") == NULL)
		fail_msg("%s step %zu: key bar '%s'", l->id, k + 1, last);
	free(got);
}

/* Every question of every lesson, in both languages, is whole at 80x24;
 * the one that lost its choices at 100x30 is drawn at 80x24, 100x30 and
 * 160x45 as golden screens, and in Chinese at 80x24 and 100x30. */
static void
test_question_steps(void **state)
{
	static const struct {
		int		 rows, cols;
		enum lang	 lang;
		const char	*golden;
	} sizes[] = {
		{ 24, 80, LANG_EN, "question-80x24" },
		{ 30, 100, LANG_EN, "question-100x30" },
		{ 45, 160, LANG_EN, "question-160x45" },
		{ 24, 80, LANG_ZH, "question-zh-80x24" },
		{ 30, 100, LANG_ZH, "question-zh-100x30" }
	};
	struct catalog		 cat;
	struct timeline		*tl = timeline_new();
	struct scene		 sc;
	struct view_model	 m;
	const struct lesson	*l, *found = NULL;
	size_t			 i, k, n;
	int			 lang;

	(void)state;
	load_catalog(&cat);
	add(tl, text(0, EV_STEP, -1, "setup", 0));
	screen_open("C.UTF-8", 24, 80);
	for (i = 0; i < cat.n; i++) {
		l = cat.lessons[i];
		if (strcmp(l->id, "server-closes-first") == 0)
			found = l;
		for (k = 0; k < l->nsteps; k++) {
			if (l->steps[k].ask == NULL)
				continue;
			for (lang = LANG_EN; lang <= LANG_ZH; lang++) {
				question_model(&m, l, k, (enum lang)lang, tl,
				    &sc);
				view_draw(&m, 24, 80);
				assert_question_whole(l, k, (enum lang)lang);
				scene_free(&sc);
			}
		}
	}
	screen_close();
	assert_non_null(l = found);
	for (n = 0; n < sizeof sizes / sizeof sizes[0]; n++) {
		screen_open("C.UTF-8", sizes[n].rows, sizes[n].cols);
		question_model(&m, l, 2, sizes[n].lang, tl, &sc);
		view_draw(&m, sizes[n].rows, sizes[n].cols);
		assert_question_whole(l, 2, sizes[n].lang);
		golden(sizes[n].golden);
		scene_free(&sc);
		screen_close();
	}
	timeline_free(tl);
	catalog_free(&cat);
}

/* The SYN-ACK's details at 80 columns, in Chinese and in English: what it
 * offers (MSS, window scale, SACK) and its timestamps, in the rows the
 * narration would have had. */
static void
test_segment_syn(void **state)
{
	(void)state;
	screen_open("C.UTF-8", 24, 80);
	draw_four_way(LANG_ZH, "segment-syn-zh", 24, 80, OVERLAY_NONE, 3, 0);
	draw_four_way(LANG_EN, "segment-syn", 24, 80, OVERLAY_NONE, 3, 0);
	screen_close();
}

/* Run every test. */
int
main(void)
{
	static const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_scene),
		cmocka_unit_test(test_scene_listeners),
		cmocka_unit_test(test_menu),
		cmocka_unit_test(test_menu_ascii),
		cmocka_unit_test(test_menu_filter),
		cmocka_unit_test(test_lesson_view),
		cmocka_unit_test(test_lesson_view_large),
		cmocka_unit_test(test_lesson_overlays),
		cmocka_unit_test(test_lesson_wire),
		cmocka_unit_test(test_lesson_outcome),
		cmocka_unit_test(test_lesson_stopped),
		cmocka_unit_test(test_lesson_end),
		cmocka_unit_test(test_lesson_deadline),
		cmocka_unit_test(test_too_small),
		cmocka_unit_test(test_too_small_tiny),
		cmocka_unit_test(test_selection_by_seq),
		cmocka_unit_test(test_lesson_wire_copies),
		cmocka_unit_test(test_lesson_wire_selected),
		cmocka_unit_test(test_lesson_wire_times),
		cmocka_unit_test(test_question_steps),
		cmocka_unit_test(test_projector),
		cmocka_unit_test(test_menu_home_end_page),
		cmocka_unit_test(test_menu_mouse),
		cmocka_unit_test(test_lesson_ascii),
		cmocka_unit_test(test_bigtext),
		cmocka_unit_test(test_help_fits),
		cmocka_unit_test(test_segment_syn)
	};

	return (cmocka_run_group_tests_name("draw", tests, NULL, NULL));
}
