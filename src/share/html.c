/*
 * html.c: the replay page. The ladder is the SVG of svg.c, inline; each
 * step's narration is a hidden block of the page; a small script shows
 * the bands up to the current one, fills the panes from the states drawn
 * so far, and answers the buttons and the keys. The page's content
 * policy allows nothing but its own inline style and script.
 */
#include <stdio.h>
#include <string.h>

#include "base/xmalloc.h"
#include "share/html.h"
#include "share/sharetext.h"

static const char html_style[] =
	"body { font-family: 'DejaVu Sans', 'WenQuanYi Micro Hei', "
	"'Noto Sans CJK SC', sans-serif; margin: 0; color: #263238; "
	"background: #eceff1; }\n"
	"header { background: #37474f; color: #fff; padding: 12px 20px; }\n"
	"header h1 { margin: 0; font-size: 24px; }\n"
	"header p { margin: 4px 0 0; font-size: 14px; color: #cfd8dc; }\n"
	"nav { display: flex; gap: 8px; align-items: center; padding: 10px "
	"20px; background: #fff; border-bottom: 1px solid #cfd8dc; "
	"position: sticky; top: 0; z-index: 1; }\n"
	"nav button { font-size: 16px; padding: 6px 14px; }\n"
	"#pos { font-weight: bold; min-width: 10em; text-align: center; }\n"
	".keys { color: #78909c; font-size: 13px; margin-left: auto; }\n"
	"main { padding: 12px 20px; }\n"
	"#panes { display: flex; gap: 12px; }\n"
	".pane { flex: 1; background: #fff; border: 1px solid #b0bec5; "
	"border-radius: 6px; padding: 8px 12px; min-height: 4em; }\n"
	".pane h2 { margin: 0 0 6px; font-size: 18px; }\n"
	".pane ul { margin: 0; padding: 0; list-style: none; }\n"
	".pane li { font-family: 'DejaVu Sans Mono', monospace; font-size: "
	"16px; font-weight: bold; padding: 3px 8px; margin: 3px 0; "
	"border-radius: 4px; border: 2px solid; }\n"
	".pane li.wire { border-style: dashed; font-style: italic; }\n"
	".pane li.none { border: none; font-weight: normal; color: #78909c; }\n"
	"#story { background: #fff; border: 1px solid #b0bec5; border-radius: "
	"6px; margin: 12px 0; padding: 8px 14px; font-size: 18px; }\n"
	"#story h2 { margin: 4px 0; font-size: 20px; }\n"
	".say p { margin: 6px 0; }\n"
	"#ladder { background: #fff; border: 1px solid #b0bec5; overflow-x: "
	"auto; }\n"
	"#ladder svg { display: block; max-width: 100%; height: auto; }\n";

/* The replay: show band cur and those before it; each pane lists the
 * latest state of each socket its endpoint holds (after a fork, the
 * kernel's reading names every holder), listeners first, then by
 * connection. The address ends in #N,
 * the band shown (1 the setup), so a link or a reload opens it there. */
static const char html_script[] =
	"(function () {\n"
	"  'use strict';\n"
	"  var body = document.body;\n"
	"  var svg = document.querySelector('#ladder svg');\n"
	"  var bands = svg.querySelectorAll('rect.band');\n"
	"  var n = bands.length, cur = 0;\n"
	"  var full = svg.getAttribute('height');\n"
	"  var width = svg.getAttribute('width');\n"

	"  function band(e) { return +e.getAttribute('data-band'); }\n"
	"  function panes() {\n"
	"    var last = {};\n"
	"    svg.querySelectorAll('g.state').forEach(function (g) {\n"
	"      if (band(g) > cur) return;\n"
	"      var ep = +g.getAttribute('data-ep');\n"
	"      var held = +g.getAttribute('data-holders');\n"
	"      var key = g.getAttribute('data-port') + ':' +\n"
	"          g.getAttribute('data-conn');\n"
	"      document.querySelectorAll('.pane').forEach(function (p) {\n"
	"        var at = +p.getAttribute('data-ep');\n"
	"        last[at] = last[at] || {};\n"
	"        if (at === ep || (held & (1 << at)))\n"
	"          last[at][key] = g;\n"
	"        else if (held)\n"
	"          delete last[at][key];\n"
	"      });\n"
	"    });\n"
	"    document.querySelectorAll('.pane').forEach(function (p) {\n"
	"      var ul = p.querySelector('ul'), socks = last[p.getAttribute("
	"'data-ep')] || {};\n"
	"      ul.textContent = '';\n"
	"      Object.keys(socks).sort(function (a, b) {\n"
	"        var x = a.split(':'), y = b.split(':');\n"
	"        return (x[1] - y[1]) || (x[0] - y[0]);\n"
	"      }).forEach(function (k) {\n"
	"        var g = socks[k], r = g.querySelector('rect');\n"
	"        var li = document.createElement('li');\n"
	"        li.textContent = g.textContent.trim();\n"
	"        li.className = g.getAttribute('data-src');\n"
	"        li.style.background = r.getAttribute('fill');\n"
	"        li.style.borderColor = r.getAttribute('stroke');\n"
	"        ul.appendChild(li);\n"
	"      });\n"
	"      if (!ul.firstChild) {\n"
	"        var none = document.createElement('li');\n"
	"        none.className = 'none';\n"
	"        none.textContent = body.getAttribute('data-none');\n"
	"        ul.appendChild(none);\n"
	"      }\n"
	"    });\n"
	"  }\n"
	"  function show(k) {\n"
	"    cur = Math.max(0, Math.min(n - 1, k));\n"
	"    svg.querySelectorAll('[data-band]').forEach(function (e) {\n"
	"      e.style.display = band(e) <= cur ? '' : 'none';\n"
	"    });\n"
	"    document.querySelectorAll('div.say').forEach(function (e) {\n"
	"      e.hidden = band(e) !== cur;\n"
	"    });\n"
	"    var r = bands[cur];\n"
	"    var h = cur === n - 1 ? +full : +r.getAttribute('y') +\n"
	"        +r.getAttribute('height') + 8;\n"
	"    svg.setAttribute('height', h);\n"
	"    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + h);\n"
	"    var say = document.querySelector('div.say[data-band=\"' + cur +\n"
	"        '\"]');\n"
	"    document.getElementById('pos').textContent =\n"
	"        say.getAttribute('data-pos');\n"
	"    panes();\n"
	"    if (location.hash !== '#' + (cur + 1))\n"
	"      history.replaceState(null, '', '#' + (cur + 1));\n"
	"  }\n"
	"  function go(id, f) {\n"
	"    document.getElementById(id).addEventListener('click', f);\n"
	"  }\n"
	"  function move(k) {\n"
	"    show(k);\n"
	"    var head = svg.querySelector('g.step[data-band=\"' + cur + '\"]');\n"
	"    var top = head.getBoundingClientRect().top -\n"
	"        document.querySelector('nav').offsetHeight - 12;\n"
	"    window.scrollBy({ top: top, behavior: 'smooth' });\n"
	"  }\n"
	"  go('first', function () { move(0); });\n"
	"  go('prev', function () { move(cur - 1); });\n"
	"  go('next', function () { move(cur + 1); });\n"
	"  go('last', function () { move(n - 1); });\n"
	"  document.addEventListener('keydown', function (e) {\n"
	"    var to = { ArrowRight: cur + 1, ' ': cur + 1, PageDown: cur + 1,\n"
	"      ArrowLeft: cur - 1, Backspace: cur - 1, PageUp: cur - 1,\n"
	"      Home: 0, End: n - 1 }[e.key];\n"
	"    if (to === undefined) return;\n"
	"    e.preventDefault();\n"
	"    move(to);\n"
	"  });\n"
	"  var at = /^#([0-9]+)$/.exec(location.hash);\n"
	"  show(at ? +at[1] - 1 : 0);\n"
	"  body.setAttribute('data-ready', String(n));\n"
	"})();\n";

/* An element's text, escaped: <tag attrs>text</tag>. */
static void
html_element(FILE *f, const char *tag, const char *attrs, const char *text)
{
	fprintf(f, "<%s%s%s>", tag, *attrs != '\0' ? " " : "", attrs);
	svg_escape(f, text);
	fprintf(f, "</%s>\n", tag);
}

/* A button of the bar. */
static void
html_button(FILE *f, const char *id, enum share_msg m, enum lang lang)
{
	char	attrs[64];

	snprintf(attrs, sizeof attrs, "id=\"%s\" type=\"button\"", id);
	html_element(f, "button", attrs, sharetext(m, lang));
}

/* Each step's title and narration, hidden but the current one's. */
static void
html_story(FILE *f, const struct ladder *ld)
{
	const struct ladder_step	*ls;
	char				 num[64], head[320], pos[96];
	size_t				 k, i;

	fputs("<section id=\"story\">\n", f);
	for (k = 0; k < ld->nsteps; k++) {
		ls = &ld->steps[k];
		if (ls->step < 0)
			snprintf(num, sizeof num, "%s",
			    sharetext(SH_SETUP, ld->lang));
		else
			sharetextf(num, sizeof num, SH_STEP, ld->lang,
			    ls->step + 1);
		snprintf(head, sizeof head, "%s \xc2\xb7 %s", num, ls->title);
		if (ls->step < 0)
			snprintf(pos, sizeof pos, "%s", num);
		else
			sharetextf(pos, sizeof pos, SH_HTML_OF, ld->lang,
			    ls->step + 1, (int)ld->lesson->nsteps);
		fprintf(f, "<div class=\"say\" data-band=\"%zu\" data-pos=\"", k);
		svg_escape(f, pos);
		fputs("\">\n", f);
		html_element(f, "h2", "", head);
		for (i = 0; i < ls->nparas; i++)
			html_element(f, "p", "", ls->paras[i]);
		fputs("</div>\n", f);
	}
	fputs("</section>\n", f);
}

/* The page. */
void
html_write(FILE *f, const struct ladder *ld, const struct svg_about *ab)
{
	const char	*lang = ld->lang == LANG_ZH ? "zh-Hans" : "en";
	char		 sub[512], attrs[96];
	size_t		 c;

	fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; "
	    "script-src 'unsafe-inline'\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width\">\n", lang);
	html_element(f, "title", "", lesson_text(&ld->lesson->title,
	    ld->lang));
	fprintf(f, "<style>\n%s</style>\n</head>\n", html_style);
	fputs("<body data-none=\"", f);
	svg_escape(f, sharetext(SH_HTML_NO_STATE, ld->lang));
	fputs("\">\n<header>\n", f);
	html_element(f, "h1", "", lesson_text(&ld->lesson->title, ld->lang));
	html_element(f, "p", "", sharetextf(sub, sizeof sub, SH_SUBTITLE,
	    ld->lang, ld->lesson->id, ab->version, ab->kernel, ab->when));
	fputs("</header>\n<nav>\n", f);
	html_button(f, "first", SH_HTML_FIRST, ld->lang);
	html_button(f, "prev", SH_HTML_PREV, ld->lang);
	html_element(f, "span", "id=\"pos\"", "");
	html_button(f, "next", SH_HTML_NEXT, ld->lang);
	html_button(f, "last", SH_HTML_LAST, ld->lang);
	html_element(f, "span", "class=\"keys\"", sharetext(SH_HTML_KEYS,
	    ld->lang));
	fputs("</nav>\n<main>\n<section id=\"panes\">\n", f);
	for (c = 0; c < ld->ncols; c++) {
		snprintf(attrs, sizeof attrs, "class=\"pane\" data-ep=\"%d\"",
		    ld->order[c]);
		fprintf(f, "<div %s>\n", attrs);
		html_element(f, "h2", "",
		    ld->lesson->endpoints[ld->order[c]].name);
		fputs("<ul></ul>\n</div>\n", f);
	}
	fputs("</section>\n", f);
	html_story(f, ld);
	fputs("<div id=\"ladder\" role=\"img\" aria-label=\"", f);
	svg_escape(f, sharetext(SH_HTML_LADDER, ld->lang));
	fputs("\">\n", f);
	svg_write(f, ld, ab, SVG_INLINE);
	fprintf(f, "</div>\n</main>\n<script>\n%s</script>\n</body>\n</html>\n",
	    html_script);
}
