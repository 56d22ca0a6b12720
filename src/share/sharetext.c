/*
 * sharetext.c: the table of a saved run's words.
 */
#include <stdarg.h>
#include <stdio.h>

#include "share/sharetext.h"

static const char *const sharetext_table[SH_COUNT][LANG_COUNT] = {
	[SH_SETUP] = { "Setup", "准备" },
	[SH_STEP] = { "Step %d", "第 %d 步" },
	[SH_KEY] = { "key %s", "按键 %s" },
	[SH_FROM_WIRE] = { " (wire)", "（线路）" },
	[SH_FROM_KERNEL] = { " (kernel)", "（内核）" },
	[SH_RESTARTED] = { ", restarted", "，重新计时" },
	[SH_TITLED] = { "%s: %s", "%s：%s" },
	[SH_KEYED] = { " (%s)", "（%s）" },
	[SH_HELD] = { "held", "被扣住" },
	[SH_HELD_N] = { "held \xc3\x97%zu", "扣住 \xc3\x97%zu" },
	[SH_HELD_LOST] = { "held \xc3\x97%zu, %zu dropped",
	    "扣住 \xc3\x97%zu，丢弃 %zu" },
	[SH_DROPPED] = { "dropped", "被丢弃" },
	[SH_DROPPED_N] = { "dropped \xc3\x97%zu", "丢弃 \xc3\x97%zu" },
	[SH_SUBTITLE] = { "lesson %s, a real run: finwave %s, Linux %s, %s",
	    "课程 %s 的一次真实运行：finwave %s，Linux %s，%s" },
	[SH_LEGEND_KERNEL] = { "a solid box: the state as the kernel reported "
	    "it (sock_diag)", "实线框：内核报告的状态（sock_diag）" },
	[SH_LEGEND_WIRE] = { "a dashed box, (wire): a state the segments "
	    "prove, gone before the kernel could be asked",
	    "虚线框（线路）：报文段证明出现过、但来不及询问内核的状态" },
	[SH_LEGEND_TIME] = { "times: seconds since the lab started; an arrow "
	    "that reaches the other side is a captured segment",
	    "时间：从实验开始起的秒数；到达对端的箭头都是抓到的真实报文段" },
	[SH_LEGEND_HELD] = { "an arrow stopped at a bar: held by the wire; "
	    "at a cross: dropped", "停在竖线处的箭头：被线路扣住；"
	    "停在叉处：被丢弃" },
	[SH_HTML_FIRST] = { "First", "开头" },
	[SH_HTML_PREV] = { "Previous", "上一步" },
	[SH_HTML_NEXT] = { "Next", "下一步" },
	[SH_HTML_LAST] = { "All", "全部" },
	[SH_HTML_OF] = { "Step %d of %d", "第 %d 步，共 %d 步" },
	[SH_HTML_KEYS] = { "keys: Right or Space next, Left back, Home, End",
	    "按键：右方向键或空格下一步，左方向键上一步，Home，End" },
	[SH_HTML_NO_STATE] = { "no socket yet", "还没有套接字" },
	[SH_HTML_LADDER] = { "The run so far, time flowing down",
	    "到这一步为止的运行，时间自上而下" }
};

/* The words of a message in a language. */
const char *
sharetext(enum share_msg m, enum lang lang)
{
	return (sharetext_table[m][lang]);
}

/* A marked message with its values. */
const char *
sharetextf(char *buf, size_t len, enum share_msg m, enum lang lang, ...)
{
	va_list	ap;

	va_start(ap, lang);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(buf, len, sharetext(m, lang), ap);
#pragma GCC diagnostic pop
	va_end(ap);
	return (buf);
}
