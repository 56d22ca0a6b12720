/*
 * test_zhtext.c: the shipped Chinese set as Chinese readers expect, over
 * every text of ./lessons, every message of the interface and every
 * word of a saved run (share/sharetext.c):
 * - wrapped by the view's own function (textw_wrap) at widths 20 to 100,
 *   in both languages, no line is wider than the width by wcwidth, starts
 *   with closing punctuation or ends with opening punctuation;
 * - full-width punctuation in Chinese sentences, ASCII only in code (a
 *   '.' only in a number, a name or a path), no blank between Chinese
 *   characters or beside full-width punctuation (lessons/README.md,
 *   "Chinese glossary", says the rules in words);
 * - no word the glossary in lessons/README.md rejects.
 * Every fault is printed (lesson, field, the text) before the test fails,
 * so an author sees them all at once.
 */
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
#include "base/utf8.h"
#include "base/xmalloc.h"
#include "lesson/catalog.h"
#include "share/sharetext.h"
#include "tui/uitext.h"

#define ZH_WIDTH_MIN	20
#define ZH_WIDTH_MAX	100
#define ZH_MAX_CHARS	8192
#define ZH_MAX_LINES	4096
#define ZH_GLOSSARY	"lessons/README.md"
#define ZH_GLOSSARY_HEADING "## Chinese glossary"

/* One text to check: where it is, and its words. */
struct zh_text {
	char		 where[160];
	const char	*s;
	enum lang	 lang;
	int		 template;	/* a printf format: conversions skipped */
	int		 quiet;		/* a rule's own case: faults not printed */
	char		*own;		/* s, when the list owns it */
};

struct zh_texts {
	struct zh_text	*t;
	size_t		 n, cap;
};

/* Marks no line may start with: closing punctuation, Chinese and ASCII. */
static const char *const zh_closing[] = {
	"，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "”", "’",
	"》", "〉", "】", "…", ",", ".", ";", ":", "?", "!", ")", "]", "}"
};
/* Marks no line may end with: opening punctuation. */
static const char *const zh_opening[] = {
	"（", "「", "『", "“", "‘", "《", "〈", "【", "(", "[", "{"
};

/* Add a text to the list (NULL and empty texts are skipped). */
static void
zh_add(struct zh_texts *ts, const char *s, enum lang lang, int template,
    const char *fmt, ...)
{
	struct zh_text	*t;
	va_list		 ap;

	if (s == NULL || *s == '\0')
		return;
	if (ts->n == ts->cap) {
		ts->cap = ts->cap == 0 ? 256 : ts->cap * 2;
		ts->t = xreallocarray(ts->t, ts->cap, sizeof *ts->t);
	}
	t = &ts->t[ts->n++];
	va_start(ap, fmt);
	vsnprintf(t->where, sizeof t->where, fmt, ap);
	va_end(ap);
	t->s = s;
	t->lang = lang;
	t->template = template;
	t->own = NULL;
}

/* Free the list and the texts it owns. */
static void
zh_free(struct zh_texts *ts)
{
	size_t	i;

	for (i = 0; i < ts->n; i++)
		free(ts->t[i].own);
	free(ts->t);
}

/* Add a lesson text in both languages, its lines joined as the view
 * joins them (textw_flow). */
static void
zh_add_text(struct zh_texts *ts, const struct text *x, const char *id,
    const char *what)
{
	char	*flowed;
	int	 lang;

	for (lang = 0; lang < LANG_COUNT; lang++) {
		if (x->s[lang] == NULL || *x->s[lang] == '\0')
			continue;
		textw_flow(flowed = xstrdup(x->s[lang]));
		zh_add(ts, flowed, (enum lang)lang, 0, "%s: %s (%s)", id,
		    what, lang == LANG_ZH ? "zh" : "en");
		ts->t[ts->n - 1].own = flowed;
	}
}

/* Every text of a lesson: its titles, summary, each step's narration,
 * question, choices and deadline. */
static void
zh_add_lesson(struct zh_texts *ts, const struct lesson *l)
{
	const struct step	*st;
	char			 what[96];
	size_t			 i, k;

	zh_add_text(ts, &l->title, l->id, "title");
	zh_add_text(ts, &l->summary, l->id, "summary");
	zh_add_text(ts, &l->chapter_title, l->id, "chapter-title");
	for (i = 0; i < l->nsteps; i++) {
		st = &l->steps[i];
		snprintf(what, sizeof what, "step %s title", st->name);
		zh_add_text(ts, &st->title, l->id, what);
		snprintf(what, sizeof what, "step %s say", st->name);
		zh_add_text(ts, &st->say, l->id, what);
		snprintf(what, sizeof what, "step %s after", st->name);
		zh_add_text(ts, &st->after, l->id, what);
		if (st->deadline != NULL) {
			snprintf(what, sizeof what, "step %s while", st->name);
			zh_add_text(ts, &st->deadline->purpose, l->id, what);
		}
		if (st->ask == NULL)
			continue;
		snprintf(what, sizeof what, "step %s ask", st->name);
		zh_add_text(ts, &st->ask->question, l->id, what);
		for (k = 0; k < st->ask->nchoices; k++) {
			snprintf(what, sizeof what, "step %s choice %c",
			    st->name, st->ask->choices[k].key);
			zh_add_text(ts, &st->ask->choices[k].text, l->id, what);
		}
	}
}

/* The shipped lessons' texts and the interface's messages. */
static void
zh_collect(struct zh_texts *ts, struct catalog *cat)
{
	size_t	 i;
	int	 lang;

	memset(ts, 0, sizeof *ts);
	if (catalog_load(cat, NULL, 0) == -1)
		fail_msg("%s", cat->skipped[0]);
	for (i = 0; i < cat->n; i++)
		zh_add_lesson(ts, cat->lessons[i]);
	for (i = 0; i < UI_COUNT; i++) {
		for (lang = 0; lang < LANG_COUNT; lang++)
			zh_add(ts, uitext((enum ui_msg)i, (enum lang)lang),
			    (enum lang)lang, 1, "interface message %zu (%s)",
			    i, lang == LANG_ZH ? "zh" : "en");
	}
	for (i = 0; i < SH_COUNT; i++) {
		for (lang = 0; lang < LANG_COUNT; lang++)
			zh_add(ts, sharetext((enum share_msg)i,
			    (enum lang)lang), (enum lang)lang, 1,
			    "saved-run message %zu (%s)", i,
			    lang == LANG_ZH ? "zh" : "en");
	}
}

/* Whether s at off begins with one of the marks. */
static int
zh_starts_with(const char *s, size_t len, const char *const *marks,
    size_t n)
{
	size_t	i, m;

	for (i = 0; i < n; i++) {
		m = strlen(marks[i]);
		if (m <= len && memcmp(s, marks[i], m) == 0)
			return (1);
	}
	return (0);
}

/* Whether the len bytes at s end with one of the marks. */
static int
zh_ends_with(const char *s, size_t len, const char *const *marks, size_t n)
{
	size_t	i, m;

	for (i = 0; i < n; i++) {
		m = strlen(marks[i]);
		if (m <= len && memcmp(s + len - m, marks[i], m) == 0)
			return (1);
	}
	return (0);
}

/* The width of len bytes by wcwidth itself, apart from textw: a byte
 * that does not decode and a character without a width count one. */
static int
zh_wcwidth(const char *s, size_t len)
{
	mbstate_t	ps;
	wchar_t		wc;
	size_t		n;
	int		w = 0, cw;

	memset(&ps, 0, sizeof ps);
	while (len > 0) {
		n = mbrtowc(&wc, s, len, &ps);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&ps, 0, sizeof ps);
			n = 1;
			cw = 1;
		} else
			cw = (cw = wcwidth(wc)) < 0 ? 1 : cw;
		w += cw;
		s += n;
		len -= n;
	}
	return (w);
}

/* Faults found by one rule across the texts: each printed, then counted. */
static size_t
zh_fault(const struct zh_text *t, const char *fmt, ...)
{
	va_list	ap;
	char	msg[256];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!t->quiet)
		print_error("%s: %s\n    %s\n", t->where, msg, t->s);
	return (1);
}

/* Wrapped at every width from 20 to 100, no line is too wide, starts
 * with a closing mark or ends with an opening one. */
static void
test_zhtext_wrap(void **state)
{
	static struct textw_line	 lines[ZH_MAX_LINES];
	struct catalog			 cat;
	struct zh_texts			 ts;
	const struct textw_line		*ln;
	size_t				 i, j, n, faults = 0, checked = 0;
	int				 w;

	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	zh_collect(&ts, &cat);
	for (i = 0; i < ts.n; i++) {
		for (w = ZH_WIDTH_MIN; w <= ZH_WIDTH_MAX; w++) {
			n = textw_wrap(ts.t[i].s, w, lines, ZH_MAX_LINES);
			assert_true(n <= ZH_MAX_LINES);
			for (j = 0; j < n; j++) {
				ln = &lines[j];
				checked++;
				if (zh_wcwidth(ln->s, ln->len) > w ||
				    ln->cols != zh_wcwidth(ln->s, ln->len))
					faults += zh_fault(&ts.t[i], "at %d "
					    "columns, line %zu is %d wide", w,
					    j + 1, zh_wcwidth(ln->s, ln->len));
				if (j > 0 && zh_starts_with(ln->s, ln->len,
				    zh_closing,
				    sizeof zh_closing / sizeof *zh_closing))
					faults += zh_fault(&ts.t[i], "at %d "
					    "columns, line %zu starts with "
					    "'%.*s'", w, j + 1, 3, ln->s);
				if (j + 1 < n && zh_ends_with(ln->s, ln->len,
				    zh_opening,
				    sizeof zh_opening / sizeof *zh_opening))
					faults += zh_fault(&ts.t[i], "at %d "
					    "columns, line %zu ends with an "
					    "opening mark", w, j + 1);
			}
		}
	}
	print_message("%zu texts, %zu wrapped lines checked\n", ts.n, checked);
	zh_free(&ts);
	catalog_free(&cat);
	if (faults > 0)
		fail_msg("%zu wrapped lines break the rules", faults);
}

/* Whether c is Chinese for the rules: a Han character, CJK punctuation,
 * or a full-width form. */
static int
zh_cjk(uint32_t c)
{
	return ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 &&
	    c <= 0xfaff) || (c >= 0x3000 && c <= 0x303f) ||
	    (c >= 0xff00 && c <= 0xffef));
}

/* Whether c is an ASCII letter or digit. */
static int
zh_alnum(uint32_t c)
{
	return ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'));
}

/* Whether c is in the UTF-8 list of characters set. */
static int
zh_in(uint32_t c, const char *set)
{
	uint32_t	m;
	size_t		n;

	while (*set != '\0') {
		n = utf8_decode(set, strlen(set), &m);
		if (m == c)
			return (1);
		set += n;
	}
	return (0);
}

/* Decode s into c (at most max characters); in a template a printf
 * conversion counts as one letter, 'x': what fills it is a number, a
 * name, or a text of its own that is checked as such. */
static size_t
zh_decode(const char *s, int template, uint32_t *c, size_t max)
{
	size_t	n = 0, k;

	while (*s != '\0' && n < max) {
		if (template && *s == '%' && s[1] == '%') {
			c[n++] = '%';
			s += 2;
			continue;
		}
		if (template && *s == '%') {
			for (s++; *s != '\0' && strchr("-+ #0123456789.lhz",
			    *s) != NULL; s++)
				continue;
			if (*s != '\0')
				s++;
			c[n++] = 'x';
			continue;
		}
		if ((k = utf8_decode(s, strlen(s), &c[n])) == 0) {
			c[n] = 0xfffd;
			k = 1;
		}
		n++;
		s += k;
	}
	return (n);
}

/* The nearest character before i that is not a blank, or 0. */
static uint32_t
zh_before(const uint32_t *c, size_t i)
{
	while (i > 0 && c[i - 1] == ' ')
		i--;
	return (i > 0 ? c[i - 1] : 0);
}

/* The nearest character after i that is not a blank, or 0. */
static uint32_t
zh_after(const uint32_t *c, size_t n, size_t i)
{
	for (i++; i < n && c[i] == ' '; i++)
		continue;
	return (i < n ? c[i] : 0);
}

/* The punctuation faults of one Chinese text; returns how many. */
static size_t
zh_punctuation(const struct zh_text *t)
{
	static uint32_t	c[ZH_MAX_CHARS];
	uint32_t	open[64];
	size_t		n, i, faults = 0, depth = 0;
	uint32_t	prev, next;

	n = zh_decode(t->s, t->template, c, ZH_MAX_CHARS);
	for (i = 0; i < n; i++) {
		prev = i > 0 ? c[i - 1] : 0;
		next = i + 1 < n ? c[i + 1] : 0;
		if (zh_in(c[i], ",;:!?") && (zh_cjk(zh_before(c, i)) ||
		    zh_cjk(zh_after(c, n, i))))
			faults += zh_fault(t, "ASCII '%c' in a Chinese "
			    "sentence: use the full-width mark", (int)c[i]);
		if (c[i] == '.' && !((zh_alnum(prev) || prev == '/') &&
		    zh_alnum(next)))
			faults += zh_fault(t, "ASCII '.' outside a number, a "
			    "name or a path: use 。 (or …… for an ellipsis)");
		if (c[i] == '"')
			faults += zh_fault(t, "ASCII '\"': use “ and ”");
		if (c[i] == '\'' && (zh_cjk(prev) || zh_cjk(next)))
			faults += zh_fault(t, "ASCII ' next to Chinese: use "
			    "‘ and ’");
		if (c[i] == '(' && (zh_cjk(zh_before(c, i)) || zh_cjk(next)))
			faults += zh_fault(t, "ASCII '(' around Chinese: use "
			    "（ and ）");
		if (c[i] == ')' && zh_cjk(prev))
			faults += zh_fault(t, "ASCII ')' after Chinese: use ）");
		if (c[i] == ' ' && zh_cjk(zh_before(c, i)) &&
		    zh_cjk(zh_after(c, n, i)) && zh_before(c, i) == prev)
			faults += zh_fault(t, "a blank between Chinese "
			    "characters");
		if (c[i] == ' ' && (zh_in(next, "，。、；：？！）」』”’》") ||
		    zh_in(prev, "（「『“‘《，。、；：？！")))
			faults += zh_fault(t, "a blank beside full-width "
			    "punctuation");
		if (c[i] == '(' || c[i] == 0xff08) {
			if (depth < sizeof open / sizeof *open)
				open[depth] = c[i];
			depth++;
		}
		if (c[i] == ')' || c[i] == 0xff09) {
			if (depth == 0 || (depth <= sizeof open / sizeof *open
			    && (open[depth - 1] == '(') != (c[i] == ')')))
				faults += zh_fault(t, "'%s' closes what it "
				    "did not open", c[i] == ')' ? ")" : "）");
			if (depth > 0)
				depth--;
		}
	}
	return (faults);
}

/* Chinese sentences use full-width punctuation and no stray blanks. */
static void
test_zhtext_punctuation(void **state)
{
	struct catalog	cat;
	struct zh_texts	ts;
	size_t		i, faults = 0, checked = 0;

	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	zh_collect(&ts, &cat);
	for (i = 0; i < ts.n; i++) {
		if (ts.t[i].lang != LANG_ZH)
			continue;
		checked++;
		faults += zh_punctuation(&ts.t[i]);
	}
	print_message("%zu Chinese texts checked\n", checked);
	zh_free(&ts);
	catalog_free(&cat);
	if (faults > 0)
		fail_msg("%zu punctuation faults in Chinese text", faults);
}

/* The rules catch what they are for, and pass what is right: each bad
 * text has exactly the faults counted. */
static void
test_zhtext_rules(void **state)
{
	static const struct {
		const char	*s;
		size_t		 faults;
	} cases[] = {
		{ "调用 close()；你猜的是 2。", 0 },
		{ "调用 close(); 你猜的是 2。", 1 },
		{ "报文段: ACK", 1 },
		{ "读 /proc/sys/net/ipv4/tcp_fin_timeout，即 1.6 秒。", 0 },
		{ "调用 close().", 1 },
		{ "等一下...", 3 },
		{ "意思是\"没有数据了\"", 2 },
		{ "重传（3 次）", 0 },
		{ "重传(3 次)", 2 },
		{ "回看：这是 准备阶段 之后", 2 },
		{ "结束了。 然后", 2 },	/* between Chinese, after 。 */
		{ "（a)", 1 },
	};
	struct zh_text	t;
	size_t		i, got;

	(void)state;
	memset(&t, 0, sizeof t);
	t.lang = LANG_ZH;
	t.quiet = 1;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		t.s = cases[i].s;
		snprintf(t.where, sizeof t.where, "rule case %zu", i);
		if ((got = zh_punctuation(&t)) != cases[i].faults)
			fail_msg("'%s': %zu faults, want %zu", cases[i].s, got,
			    cases[i].faults);
	}
}

/* The words the glossary rejects, read from its table in
 * lessons/README.md (the third column, separated by 、); returns how
 * many, each a string in *words (caller frees each and the array). */
static size_t
zh_glossary(char ***words)
{
	FILE	*f;
	char	 line[1024], *col, *w, *end;
	size_t	 n = 0, cap = 0, rows = 0, m;
	int	 in = 0, bar;

	if ((f = fopen(ZH_GLOSSARY, "r")) == NULL)
		fail_msg("%s: cannot open", ZH_GLOSSARY);
	*words = NULL;
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "## ", 3) == 0)
			in = strcmp(line, ZH_GLOSSARY_HEADING) == 0;
		if (!in || line[0] != '|' || strncmp(line, "|---", 4) == 0)
			continue;
		/* The third column: after the third bar. */
		for (col = line, bar = 0; *col != '\0' && bar < 3; col++)
			bar += *col == '|';
		if (bar < 3 || rows++ == 0)
			continue;	/* the header row */
		if ((end = strchr(col, '|')) != NULL)
			*end = '\0';
		for (w = col; w != NULL; w = end) {
			if ((end = strstr(w, "、")) != NULL) {
				*end = '\0';
				end += strlen("、");
			}
			w += strspn(w, " ");
			for (m = strlen(w); m > 0 && w[m - 1] == ' '; m--)
				w[m - 1] = '\0';
			if (*w == '\0' || strcmp(w, "—") == 0)
				continue;
			if (n == cap) {
				cap = cap == 0 ? 32 : cap * 2;
				*words = xreallocarray(*words, cap,
				    sizeof **words);
			}
			(*words)[n++] = xstrdup(w);
		}
	}
	fclose(f);
	if (rows < 2)
		fail_msg("%s: no table under '%s'", ZH_GLOSSARY,
		    ZH_GLOSSARY_HEADING);
	return (n);
}

/* No lesson and no message uses a word the glossary rejects. */
static void
test_zhtext_glossary(void **state)
{
	struct catalog	  cat;
	struct zh_texts	  ts;
	char		**words;
	size_t		  i, j, nwords, faults = 0;

	(void)state;
	nwords = zh_glossary(&words);
	assert_true(nwords > 0);
	zh_collect(&ts, &cat);
	for (i = 0; i < ts.n; i++) {
		if (ts.t[i].lang != LANG_ZH)
			continue;
		for (j = 0; j < nwords; j++) {
			if (strstr(ts.t[i].s, words[j]) != NULL)
				faults += zh_fault(&ts.t[i], "'%s' is not the "
				    "glossary's term", words[j]);
		}
	}
	print_message("%zu rejected words checked\n", nwords);
	for (j = 0; j < nwords; j++)
		free(words[j]);
	free(words);
	zh_free(&ts);
	catalog_free(&cat);
	if (faults > 0)
		fail_msg("%zu words the glossary rejects (%s)", faults,
		    ZH_GLOSSARY);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zhtext_wrap),
		cmocka_unit_test(test_zhtext_rules),
		cmocka_unit_test(test_zhtext_punctuation),
		cmocka_unit_test(test_zhtext_glossary),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
