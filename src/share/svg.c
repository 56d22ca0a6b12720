/*
 * svg.c: the ladder drawn as SVG. Everything is measured in terminal
 * columns of a monospaced font (textw, wcwidth), so a Chinese character
 * takes two and nothing overflows its box whatever font the renderer
 * picks from the list. Backgrounds are written to one stream and the
 * rungs to another, then joined: a step's band is as tall as its rungs
 * or its narration, known only once both are laid out.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/textw.h"
#include "base/utf8.h"
#include "base/xmalloc.h"
#include "model/seglabel.h"
#include "share/sharetext.h"
#include "share/svg.h"

#define SVG_FONTS	"DejaVu Sans Mono, WenQuanYi Micro Hei Mono, " \
			"WenQuanYi Micro Hei, Noto Sans Mono CJK SC, monospace"
#define SVG_FONT	16	/* px: labels, states, narration */
#define SVG_SMALL	13	/* px: times and calls */
#define SVG_COL		9.8	/* px a column takes at SVG_FONT (0.6 em) */
#define SVG_SMALL_COL	8.0
#define SVG_TITLE_COL	15.6	/* ... at the title's 26 px */
#define SVG_HEAD_COL	10.8	/* ... at a step heading's 18 px */
#define SVG_MARGIN	24
#define SVG_TIME_W	112	/* the time column */
#define SVG_BESIDE	100	/* room beside an outer lifeline */
#define SVG_LANE	420	/* between two lifelines */
#define SVG_NARR_COLS	46	/* the narration's width, in columns */
#define SVG_NARR_GAP	28
#define SVG_LINE	22	/* a line of narration */
#define SVG_TOP		112	/* title, subtitle, names */
#define SVG_STEP_H	40
#define SVG_CALL_H	24
#define SVG_ARROW_H	48
#define SVG_STATE_H	32
#define SVG_CALL_COLS	48	/* the most of a call shown: a lane's
				 * width at SVG_SMALL_COL, less a margin */
#define SVG_LEGEND_H	(4 * SVG_LINE + 16)

/* Colours of the light theme: a segment's by its kind, a state's fill
 * and line by its phase. */
static const char *const svg_seg_colour[] = {
	[SEGK_RST] = "#c62828", [SEGK_SYN] = "#2e7d32", [SEGK_FIN] = "#1565c0",
	[SEGK_DATA] = "#000000", [SEGK_ACK] = "#616161"
};
static const char *const svg_seg_name[] = {
	[SEGK_RST] = "rst", [SEGK_SYN] = "syn", [SEGK_FIN] = "fin",
	[SEGK_DATA] = "data", [SEGK_ACK] = "ack"
};
static const char *const svg_phase_fill[] = {
	[PHASE_OPEN] = "#c8e6c9", [PHASE_ACTIVE] = "#fff59d",
	[PHASE_PASSIVE] = "#e1bee7", [PHASE_TIMEWAIT] = "#b3e5fc",
	[PHASE_CLOSED] = "#e0e0e0"
};
static const char *const svg_phase_line[] = {
	[PHASE_OPEN] = "#2e7d32", [PHASE_ACTIVE] = "#f9a825",
	[PHASE_PASSIVE] = "#8e24aa", [PHASE_TIMEWAIT] = "#0277bd",
	[PHASE_CLOSED] = "#616161"
};

/* The picture as it is laid out. */
struct svg {
	FILE			*bg;		/* bands, behind everything */
	FILE			*fg;		/* rungs */
	char			*bgbuf, *fgbuf;
	size_t			 bglen, fglen;
	const struct ladder	*ld;
	enum svg_form		 form;
	double			 y;
	double			 width;
	double			 narr_x;
	size_t			 band;		/* the step being drawn: its
						 * index in ld->steps */
};

/* Write s escaped for XML; what XML cannot hold becomes U+FFFD. */
void
svg_escape(FILE *f, const char *s)
{
	size_t		len = strlen(s), n;
	uint32_t	c;

	while (len > 0) {
		if ((n = utf8_decode(s, len, &c)) == 0) {
			fputs("\xef\xbf\xbd", f);
			s++;
			len--;
			continue;
		}
		if (c == '&')
			fputs("&amp;", f);
		else if (c == '<')
			fputs("&lt;", f);
		else if (c == '>')
			fputs("&gt;", f);
		else if (c == '"')
			fputs("&quot;", f);
		else if ((c < 0x20 && c != '\t' && c != '\n') ||
		    (c >= 0x7f && c < 0xa0) || c == 0xfffe || c == 0xffff)
			fputs("\xef\xbf\xbd", f);
		else
			fwrite(s, 1, n, f);
		s += n;
		len -= n;
	}
}

/* The x of a column's lifeline. */
static double
svg_x(int col)
{
	return (SVG_MARGIN + SVG_TIME_W + SVG_BESIDE + col * SVG_LANE);
}

/* A text element: at x, y, with attributes attrs (already escaped). */
static void
svg_text(FILE *f, double x, double y, const char *attrs, const char *s)
{
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\"%s%s>", x, y,
	    *attrs != '\0' ? " " : "", attrs);
	svg_escape(f, s);
	fputs("</text>\n", f);
}

/* s cut to cols columns, with an ellipsis when cut; caller frees. */
static char *
svg_cut(const char *s, int cols)
{
	size_t	n;

	if (textw_width(s) <= cols)
		return (xstrdup(s));
	n = textw_fit(s, cols - 1, NULL);
	return (xasprintf("%.*s\xe2\x80\xa6", (int)n, s));
}

/* The rung's group opens: its kind, its step and, inline, what the
 * replay needs to know of it. */
static void
svg_group(struct svg *sv, const struct rung *r, const char *cls,
    const char *extra)
{
	fprintf(sv->fg, "<g class=\"rung %s\" data-band=\"%zu\" "
	    "data-seq=\"%llu\"%s>\n", cls, sv->band,
	    (unsigned long long)r->ev->seq, extra);
}

/* The time of a rung in the time column. */
static void
svg_time(struct svg *sv, const struct rung *r, double y)
{
	char	buf[32];

	snprintf(buf, sizeof buf, "%.6f", (double)r->ev->t_ns / 1e9);
	svg_text(sv->fg, SVG_MARGIN, y, "class=\"time\"", buf);
}

/* A call or an exit, beside its lifeline, towards the middle. */
static void
svg_call(struct svg *sv, const struct rung *r)
{
	char	*label = ladder_call_label(sv->ld, r), *cut;
	int	 right = r->col + 1 < (int)sv->ld->ncols || sv->ld->ncols == 1;
	double	 x = svg_x(r->col) + (right ? 8 : -8);

	cut = svg_cut(label, SVG_CALL_COLS);
	svg_group(sv, r, r->kind == RUNG_CALL ? "call" : "exit", "");
	svg_time(sv, r, sv->y + 16);
	svg_text(sv->fg, x, sv->y + 16, right ? "class=\"call\"" :
	    "class=\"call\" text-anchor=\"end\"", cut);
	fputs("</g>\n", sv->fg);
	sv->y += SVG_CALL_H;
	free(cut);
	free(label);
}

/* A state box on its lifeline: solid from the kernel, dashed from the
 * wire. */
static void
svg_state(struct svg *sv, const struct rung *r)
{
	const struct ev_state	*st = &r->ev->u.state;
	char			 name[64], label[128], extra[160];
	enum tcp_phase		 ph = tcpstate_phase(st->state);
	int			 wire = st->src == SRC_WIRE;
	double			 w, x = svg_x(r->col);

	ladder_state_label(sv->ld, r, name, sizeof name);
	snprintf(label, sizeof label, "%s%s", name,
	    wire ? sharetext(SH_FROM_WIRE, sv->ld->lang) : "");
	w = textw_width(label) * SVG_COL + 16;
	snprintf(extra, sizeof extra, " data-ep=\"%d\" data-conn=\"%d\" "
	    "data-port=\"%u\" data-src=\"%s\" data-holders=\"%u\"", r->ep,
	    st->conn, st->port, wire ? "wire" : "kernel", st->holders);
	svg_group(sv, r, wire ? "state wire" : "state kernel", extra);
	fprintf(sv->fg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"24\" rx=\"5\" fill=\"%s\" stroke=\"%s\" "
	    "stroke-width=\"1.5\"%s/>\n", x - w / 2, sv->y + 4, w,
	    wire ? "#ffffff" : svg_phase_fill[ph], svg_phase_line[ph],
	    wire ? " stroke-dasharray=\"5 3\"" : "");
	svg_text(sv->fg, x, sv->y + 21, wire ?
	    "class=\"st\" text-anchor=\"middle\" font-style=\"italic\"" :
	    "class=\"st\" text-anchor=\"middle\"", label);
	fputs("</g>\n", sv->fg);
	sv->y += SVG_STATE_H;
}

/* An arrow: from the sender's lifeline, sloping down to the receiver's;
 * one the wire held stops at a bar half way, one it dropped at a cross. */
static void
svg_arrow(struct svg *sv, const struct rung *r)
{
	const struct ev_seg	*s = r->ev->kind == EV_SEG ? &r->ev->u.seg :
				    &r->ev->u.wire.seg;
	enum seg_kind		 k = tcpstate_seg_kind(s->seg.flags,
				    s->seg.len);
	const char		*colour = svg_seg_colour[k];
	char			 label[160], fate[160], text[340], attrs[96];
	double			 x1 = svg_x(r->col), x2 = svg_x(r->to);
	double			 y1 = sv->y + 24, y2 = sv->y + 40, xm, ym;
	double			 dir = x2 >= x1 ? 1 : -1;

	seglabel(s, label, sizeof label);
	if (r->fate == FATE_CAPTURED)
		snprintf(text, sizeof text, "%s", label);
	else
		snprintf(text, sizeof text, "%s \xc2\xb7 %s", label,
		    ladder_fate_label(sv->ld, r, fate, sizeof fate));
	svg_group(sv, r, r->fate == FATE_CAPTURED ? "arrow seg" :
	    r->fate == FATE_HELD ? "arrow held" : "arrow dropped", "");
	svg_time(sv, r, sv->y + 36);
	snprintf(attrs, sizeof attrs, "class=\"seg\" text-anchor=\"middle\" "
	    "fill=\"%s\"", colour);
	svg_text(sv->fg, (x1 + x2) / 2, sv->y + 17, attrs, text);
	fprintf(sv->fg, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
	    "fill=\"%s\"/>\n", x1, y1, colour);
	if (r->fate == FATE_CAPTURED) {
		fprintf(sv->fg, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" "
		    "marker-end=\"url(#head-%s)\"/>\n", x1, y1, x2 - dir * 2,
		    y2, colour, svg_seg_name[k]);
	} else {
		xm = (x1 + x2) / 2;
		ym = (y1 + y2) / 2;
		fprintf(sv->fg, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" "
		    "stroke-dasharray=\"6 3\"/>\n", x1, y1, xm, ym, colour);
		if (r->fate == FATE_HELD)
			fprintf(sv->fg, "<line x1=\"%.1f\" y1=\"%.1f\" "
			    "x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
			    "stroke-width=\"3\"/>\n", xm, ym - 9, xm, ym + 9,
			    colour);
		else
			fprintf(sv->fg, "<path d=\"M%.1f,%.1f l12,12 m0,-12 "
			    "l-12,12\" stroke=\"%s\" stroke-width=\"2.5\"/>\n",
			    xm - 6, ym - 6, colour);
	}
	fputs("</g>\n", sv->fg);
	sv->y += SVG_ARROW_H;
}

/* A step's narration in the right-hand column: each paragraph beside
 * the rung it was told before (at[] holds each rung's y), or below the
 * paragraph before it; returns where it ends. */
static double
svg_narration(struct svg *sv, const struct ladder_step *ls, const double *at)
{
	struct textw_line	*lines;
	size_t			 i, j, n;
	char			*line;
	double			 y = at[0];

	for (i = 0; i < ls->nparas; i++) {
		if (y < at[ls->para_at[i]] + 18)
			y = at[ls->para_at[i]] + 18;
		n = textw_wrap(ls->paras[i], SVG_NARR_COLS, NULL, 0);
		lines = xcalloc(n + 1, sizeof *lines);
		textw_wrap(ls->paras[i], SVG_NARR_COLS, lines, n);
		for (j = 0; j < n; j++) {
			line = xasprintf("%.*s", (int)lines[j].len,
			    lines[j].s);
			svg_text(sv->fg, sv->narr_x, y, "class=\"say\"", line);
			free(line);
			y += SVG_LINE;
		}
		y += SVG_LINE / 2;
		free(lines);
	}
	return (y);
}

/* A step: its band, its heading, its narration and its rungs. */
static void
svg_step(struct svg *sv, size_t k)
{
	const struct ladder_step	*ls = &sv->ld->steps[k];
	const struct rung		*r;
	char				 head[320], num[64], key[64], *cut;
	double				 top = sv->y, said, *at;
	size_t				 i;

	if (ls->step < 0)
		snprintf(num, sizeof num, "%s", sharetext(SH_SETUP,
		    sv->ld->lang));
	else
		sharetextf(num, sizeof num, SH_STEP, sv->ld->lang,
		    ls->step + 1);
	cut = xasprintf("%s \xc2\xb7 %s", num, ls->title);
	snprintf(head, sizeof head, "%s", cut);
	free(cut);
	cut = svg_cut(head, (int)((sv->width - 2 * SVG_MARGIN) / SVG_HEAD_COL) -
	    12);
	snprintf(head, sizeof head, "%s", cut);
	free(cut);
	sv->band = k;
	fprintf(sv->fg, "<g class=\"step\" data-band=\"%zu\">\n", k);
	svg_text(sv->fg, SVG_MARGIN, top + 26, "class=\"head\"", head);
	if (*ls->key != '\0') {
		sharetextf(key, sizeof key, SH_KEY, sv->ld->lang, ls->key);
		svg_text(sv->fg, sv->width - SVG_MARGIN, top + 26,
		    "class=\"key\" text-anchor=\"end\"", key);
	}
	sv->y = top + SVG_STEP_H;
	at = xcalloc(ls->n + 1, sizeof *at);
	for (i = 0; i < ls->n; i++) {
		at[i] = sv->y;
		r = &sv->ld->rungs[ls->first + i];
		switch (r->kind) {
		case RUNG_CALL:
		case RUNG_EXIT:
			svg_call(sv, r);
			break;
		case RUNG_STATE:
			svg_state(sv, r);
			break;
		case RUNG_ARROW:
			svg_arrow(sv, r);
			break;
		case RUNG_STEP:
			break;
		}
	}
	at[ls->n] = sv->y;
	said = svg_narration(sv, ls, at);
	free(at);
	fputs("</g>\n", sv->fg);
	if (sv->y < said)
		sv->y = said;
	sv->y += 10;
	fprintf(sv->bg, "<rect class=\"band\" data-band=\"%zu\" x=\"0\" "
	    "y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
	    k, top, sv->width, sv->y - top,
	    k % 2 == 0 ? "#f4f6f9" : "#ffffff");
	fprintf(sv->bg, "<line x1=\"0\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
	    "stroke=\"#b0bec5\"/>\n", top, sv->width, top);
}

/* The arrowheads, one per colour. */
static void
svg_defs(FILE *f)
{
	size_t	k;

	fputs("<defs>\n", f);
	for (k = 0; k < sizeof svg_seg_name / sizeof svg_seg_name[0]; k++)
		fprintf(f, "<marker id=\"head-%s\" viewBox=\"0 0 10 10\" "
		    "refX=\"9\" refY=\"5\" markerWidth=\"9\" markerHeight=\"9\" "
		    "orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" "
		    "fill=\"%s\"/></marker>\n", svg_seg_name[k],
		    svg_seg_colour[k]);
	fputs("</defs>\n<style>\n"
	    "text { font-family: " SVG_FONTS "; }\n"
	    ".time { font-size: 13px; fill: #78909c; }\n"
	    ".call { font-size: 13px; fill: #37474f; }\n"
	    ".head { font-size: 18px; font-weight: bold; fill: #263238; "
	    "stroke: #ffffff; stroke-width: 5px; paint-order: stroke; }\n"
	    ".key { font-size: 14px; fill: #78909c; }\n"
	    ".say { font-size: 16px; fill: #263238; }\n"
	    ".seg { font-size: 15px; font-weight: bold; stroke: #ffffff; "
	    "stroke-width: 4px; paint-order: stroke; }\n"
	    ".st { font-size: 15px; font-weight: bold; fill: #212121; }\n"
	    ".title { font-size: 26px; font-weight: bold; fill: #263238; }\n"
	    ".sub { font-size: 14px; fill: #546e7a; }\n"
	    ".name { font-size: 18px; font-weight: bold; fill: #ffffff; }\n"
	    ".legend { font-size: 14px; fill: #455a64; }\n"
	    "</style>\n", f);
}

/* The title, the run it comes from, and the endpoints' names. */
static void
svg_header(FILE *f, const struct svg *sv, const struct svg_about *ab,
    double height)
{
	const struct ladder	*ld = sv->ld;
	char			 sub[512], *title;
	const char		*name;
	double			 x, w;
	size_t			 c;

	title = svg_cut(lesson_text(&ld->lesson->title, ld->lang),
	    (int)((sv->width - 2 * SVG_MARGIN) / SVG_TITLE_COL));
	svg_text(f, SVG_MARGIN, 38, "class=\"title\"", title);
	free(title);
	sharetextf(sub, sizeof sub, SH_SUBTITLE, ld->lang, ld->lesson->id,
	    ab->version, ab->kernel, ab->when);
	svg_text(f, SVG_MARGIN, 62, "class=\"sub\"", sub);
	for (c = 0; c < ld->ncols; c++) {
		x = svg_x((int)c);
		name = ld->lesson->endpoints[ld->order[c]].name;
		w = textw_width(name) * 11.0 + 24;
		fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#90a4ae\" stroke-width=\"2\"/>\n",
		    x, SVG_TOP - 8, x, height - SVG_LEGEND_H);
		fprintf(f, "<rect x=\"%.1f\" y=\"76\" width=\"%.1f\" "
		    "height=\"28\" rx=\"6\" fill=\"#37474f\"/>\n", x - w / 2,
		    w);
		svg_text(f, x, 96, "class=\"name\" text-anchor=\"middle\"",
		    name);
	}
}

/* What the boxes, arrows and times mean. */
static void
svg_legend(FILE *f, const struct svg *sv)
{
	enum share_msg	m[] = { SH_LEGEND_KERNEL, SH_LEGEND_WIRE,
			    SH_LEGEND_HELD, SH_LEGEND_TIME };
	size_t		i;

	for (i = 0; i < sizeof m / sizeof m[0]; i++)
		svg_text(f, SVG_MARGIN, sv->y + 28 + (double)i * SVG_LINE,
		    "class=\"legend\"", sharetext(m[i], sv->ld->lang));
}

/* Write the picture. */
void
svg_write(FILE *f, const struct ladder *ld, const struct svg_about *ab,
    enum svg_form form)
{
	struct svg	 sv;
	size_t		 k;
	double		 height;

	memset(&sv, 0, sizeof sv);
	sv.ld = ld;
	sv.form = form;
	sv.narr_x = svg_x((int)(ld->ncols > 0 ? ld->ncols - 1 : 0)) +
	    SVG_BESIDE + SVG_NARR_GAP;
	sv.width = sv.narr_x + SVG_NARR_COLS * SVG_COL + SVG_MARGIN;
	sv.y = SVG_TOP;
	if ((sv.bg = open_memstream(&sv.bgbuf, &sv.bglen)) == NULL ||
	    (sv.fg = open_memstream(&sv.fgbuf, &sv.fglen)) == NULL)
		fatal("open_memstream");
	for (k = 0; k < ld->nsteps; k++)
		svg_step(&sv, k);
	height = sv.y + SVG_LEGEND_H;
	fclose(sv.bg);
	fclose(sv.fg);

	if (form == SVG_FILE)
		fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
	    "font-family=\"%s\" lang=\"%s\">\n", sv.width, height, sv.width,
	    height, SVG_FONTS, ld->lang == LANG_ZH ? "zh-Hans" : "en");
	fputs("<title>", f);
	svg_escape(f, lesson_text(&ld->lesson->title, ld->lang));
	fputs("</title>\n", f);
	svg_defs(f);
	fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" "
	    "fill=\"#ffffff\"/>\n", sv.width, height);
	fwrite(sv.bgbuf, 1, sv.bglen, f);
	svg_header(f, &sv, ab, height);
	fwrite(sv.fgbuf, 1, sv.fglen, f);
	svg_legend(f, &sv);
	fputs("</svg>\n", f);
	free(sv.bgbuf);
	free(sv.fgbuf);
}
