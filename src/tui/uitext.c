/*
 * uitext.c: the interface's words, one row per message: English, Chinese.
 */
#include <stdarg.h>
#include <stdio.h>

#include "tui/uitext.h"

static const char *uitext_table[UI_COUNT][LANG_COUNT] = {
	[UI_APP_TITLE] = { "finwave: how TCP connections end",
	    "finwave：TCP 连接如何结束" },
	[UI_CHAPTER] = { "Chapter %d", "第 %d 章" },
	[UI_CHAPTER_TITLED] = { "Chapter %d  %s", "第 %d 章　%s" },
	[UI_FILTER] = { "Filter: ", "筛选：" },
	[UI_NO_MATCH] = { "No lesson matches the filter.",
	    "没有与筛选匹配的课程。" },
	[UI_CHAPTER_OWN] = { "Your lessons", "你的课程" },
	[UI_CHAPTER_SHARED] = { "Shared lessons", "共享课程" },
	[UI_SKIPPED_ONE] = { "1 lesson file was skipped: press w to see why.",
	    "跳过了 1 个课程文件：按 w 查看原因。" },
	[UI_SKIPPED_MANY] = { "%d lesson files were skipped: press w to see "
	    "why.", "跳过了 %d 个课程文件：按 w 查看原因。" },
	[UI_SKIPPED_TITLE] = { "Lesson files skipped, and why (any key "
	    "closes this):", "跳过的课程文件及原因（按任意键关闭）：" },
	[UI_TOO_SMALL] = { "finwave needs a terminal of at least %dx%d; this "
	    "one is %dx%d. Enlarge it, or press q to quit.",
	    "finwave 需要至少 %dx%d 的终端，当前为 %dx%d。请放大窗口，或按 q "
	    "退出。" },
	[UI_TOO_SMALL_SHORT] = { "Needs %dx%d, not %dx%d. q quits.",
	    "需要 %dx%d，当前 %dx%d。q 退出。" },
	[UI_TOO_SMALL_TINY] = { "%dx%d", "%dx%d" },
	[UI_K_MOVE] = { "move", "移动" },
	[UI_K_OPEN] = { "open", "打开" },
	[UI_K_FILTER] = { "filter", "筛选" },
	[UI_K_LANG] = { "中文", "English" },
	[UI_K_HELP] = { "help", "帮助" },
	[UI_K_QUIT] = { "quit", "退出" },
	[UI_K_BACK] = { "look back", "回看" },
	[UI_K_SELECT] = { "select arrow", "选择箭头" },
	[UI_K_LOG] = { "event log", "事件日志" },
	[UI_K_DIAGRAM] = { "state diagram", "状态图" },
	[UI_K_SPEED] = { "speed", "速度" },
	[UI_K_PAUSE] = { "pause", "暂停" },
	[UI_K_RESTART] = { "restart", "重来" },
	[UI_K_MENU] = { "menu", "菜单" },
	[UI_K_GUESS] = { "your guess", "你的猜测" },
	[UI_K_RUN_STEP] = { "run the step", "执行这一步" },
	[UI_K_NEXT] = { "next lesson", "下一课" },
	[UI_K_YES_RESTART] = { "restart", "重新开始" },
	[UI_K_DELIVER] = { "deliver", "放行" },
	[UI_K_DROP] = { "drop", "丢弃" },
	[UI_K_WIRE_ON] = { "step the wire", "逐段放行" },
	[UI_K_WIRE_OFF] = { "let the wire run", "恢复线路" },
	[UI_K_ENDPOINT] = { "endpoint", "切换端点" },
	[UI_K_CLOSE] = { "close", "close" },
	[UI_K_SHUTDOWN] = { "shutdown", "shutdown" },
	[UI_K_LINGER] = { "linger 0", "linger 0" },
	[UI_K_KILL] = { "kill", "kill" },
	[UI_K_SEND] = { "send", "send" },
	[UI_K_RECV] = { "recv", "recv" },
	[UI_K_CANCEL] = { "cancel", "取消" },
	[UI_K_SCROLL] = { "scroll", "滚动" },
	[UI_K_PRESENTER] = { "presenter", "演示模式" },
	[UI_K_PRESENTER_OFF] = { "leave presenter", "退出演示" },
	[UI_K_SHUT_RD] = { "SHUT_RD", "SHUT_RD" },
	[UI_K_SHUT_WR] = { "SHUT_WR", "SHUT_WR" },
	[UI_K_SHUT_RDWR] = { "SHUT_RDWR", "SHUT_RDWR" },
	[UI_MSG_MOUSE_ON] = { "Mouse on: click a lesson, choice or arrow. M lets "
	    "the terminal select text.",
	    "鼠标已启用：可以点击课程、选项或箭头。按 M 交还终端，以便选择文字。" },
	[UI_MSG_MOUSE_OFF] = { "Mouse off: the terminal selects text again. "
	    "M takes the mouse back.",
	    "鼠标已交还终端，可以选择文字了。按 M 重新启用点击。" },
	[UI_PID] = { "pid %d", "进程 %d" },
	[UI_RUNNING] = { "running", "运行中" },
	[UI_NOT_STARTED] = { "not started", "尚未启动" },
	[UI_EXITED] = { "exited, status %d", "已退出，状态 %d" },
	[UI_KILLED] = { "killed by %s", "被 %s 杀死" },
	[UI_NO_SOCKET] = { "no socket", "没有套接字" },
	[UI_SRC_KERNEL] = { "src: kernel", "来源：内核" },
	[UI_SRC_WIRE] = { "src: the wire", "来源：线路推断" },
	[UI_SRC_LISTEN] = { "src: listen() = 0", "来源：listen() = 0" },
	[UI_SHARED] = { " · shared", " · 共用" },
	[UI_CONN_NUMBER] = { "conn #%d  ", "连接 #%d  " },
	[UI_TIME_LEFT] = { "%s: %s s left", "%s：剩 %s 秒" },
	[UI_TIME_LEFT_SHORT] = { "%s: %s s", "%s：%s 秒" },
	[UI_TL_COUNT] = { " (%u so far)", "（已 %u 次）" },
	[UI_TL_RTO] = { ", RTO %s s", "，RTO %s 秒" },
	[UI_TL_NOTE] = { "%s; %s", "%s；%s" },
	[UI_TL_KERNEL] = { "kernel: %s timer (sock_diag timer %d), %u ms when "
	    "read", "内核：%s 定时器（sock_diag timer %d），读取时 %u 毫秒" },
	[UI_TL_KERNEL_NONE] = { "kernel: no timer", "内核：没有定时器" },
	[UI_TL_OUTSTANDING] = { "RTO %s s, backoff %u, resent %u",
	    "RTO %s 秒，退避 %u 次，已重传 %u 次" },
	[UI_TL_TCPINFO] = { "; rto %u ms, backoff %u, retransmits %u",
	    "；rto %u 毫秒，退避 %u 次，重传 %u 次" },
	[UI_TL_NO_TCPINFO] = { "; a timewait socket, no tcp_info",
	    "；timewait 套接字，没有 tcp_info" },
	[UI_TL_THEN_TIMEWAIT] = { "; then a timewait socket for %u ms",
	    "；随后转为 timewait 套接字，再等 %u 毫秒" },
	[UI_TQ_LONG] = { "unread: %u B%s, unsent or unacked: %u B%s",
	    "未读：%u 字节%s，未发出或未确认：%u 字节%s" },
	[UI_TQ_SHORT] = { "unread %u%s, unacked %u%s", "未读 %u%s，未确认 %u%s" },
	[UI_TQ_TINY] = { "in %u%s, out %u%s", "收 %u%s，发 %u%s" },
	[UI_TQ_FIN] = { " + FIN", " + FIN" },
	[UI_LAST_CALL] = { "calls:", "调用：" },
	[UI_LISTENING] = { "listening on :%d", "监听端口 %d" },
	[UI_LISTEN_QUEUE] = { "LISTEN :%d queue %u/%u",
	    "LISTEN :%d 全连接队列 %u/%u" },
	[UI_LISTEN_QUEUE_SHORT] = { ":%d queue %u/%u", ":%d 全连接队列 %u/%u" },
	[UI_LISTEN_QUEUE_TINY] = { ":%d %u/%u", ":%d %u/%u" },
	[UI_SOCKETS] = { "%zu sockets:", "%zu 个套接字：" },
	[UI_WIRE] = { "the wire (lo)", "线路（lo）" },
	[UI_CONN_LEGEND] = { "#N: connection N of the lab",
	    "#N：实验里的第 N 个连接" },
	[UI_WIRE_STEPPING] = { "the wire: step by step, %zu held",
	    "线路：逐段放行，扣住 %zu 个" },
	[UI_WIRE_STEPPING_SHORT] = { "step by step, %zu held",
	    "逐段放行，扣住 %zu 个" },
	[UI_HELD] = { "held: ", "扣住：" },
	[UI_DROPPED] = { "lost: ", "丢失：" },
	[UI_NO_SEGMENTS] = { "no segment yet", "还没有报文段" },
	[UI_HELD_N] = { "%zu held: ", "扣住 %zu 份：" },
	[UI_LOST_N] = { "%zu lost: ", "丢失 %zu 份：" },
	[UI_HELD_LOST] = { "%zu held, %zu lost: ", "扣住 %zu，丢失 %zu：" },
	[UI_LANE_SECONDS] = { "s", "秒" },
	[UI_SEG_WIRE_TAKEN] = { "taken by the wire at %.3f s; copies still held: "
	    "%zu, dropped: %zu (a copy is the kernel sending the same segment "
	    "again)", "线路在 %.3f 秒截下了它；仍扣住的副本 %zu 份，已丢弃 %zu 份"
	    "（副本是内核再次发送的同一个报文段）" },
	[UI_SEG_WIRE_DROPPED] = { "dropped by the wire at %.3f s, as the lesson's "
	    "rule says: it never arrived", "线路在 %.3f 秒按本课的规则丢弃了它："
	    "它始终没有到达" },
	[UI_STEP] = { "Step %zu of %zu: %s", "第 %zu 步，共 %zu 步：%s" },
	[UI_WORKING] = { "The kernel is at work...", "内核正在处理……" },
	[UI_GUESS_RIGHT] = { "Your guess (%c) was right: %s",
	    "你的猜测（%c）对了：%s" },
	[UI_GUESS_WRONG] = { "Your guess (%c) was wrong: the kernel's answer "
	    "was (%c) %s", "你的猜测（%c）不对：内核的答案是（%c）%s" },
	[UI_ANSWER_IS] = { "The kernel's answer: (%c) %s",
	    "内核的答案：（%c）%s" },
	[UI_GUESS_PROMPT] = { "Press 1-%zu to guess, or %s to run it without "
	    "guessing.", "按 1-%zu 猜一猜，或按“%s”键直接运行，不猜。" },
	[UI_STOPPED_AT_QUESTION] = { "Stopped here: press 1-%zu to guess, or "
	    "%s to run it without guessing.",
	    "停在问题前：按 1-%zu 猜一猜，或按“%s”键直接运行，不猜。" },
	[UI_KEY_SPACE] = { "Space", "空格" },
	[UI_CHOICE_GUESSED] = { "%s  your guess", "%s（你的猜测）" },
	[UI_END_COMPLETE] = { "Lesson complete: all %d checks held.",
	    "课程完成：%d 项检查全部通过。" },
	[UI_END_COMPLETE_GUESSES] = { "Lesson complete: all %d checks held; "
	    "%d of %d questions guessed right.",
	    "课程完成：%d 项检查全部通过；猜对了 %d 个问题（共 %d 个）。" },
	[UI_END_INCOMPLETE] = { "Lesson not complete: %d checks held, %d "
	    "failed, %d not reached.",
	    "课程未完成：%d 项检查通过，%d 项失败，%d 项未能进行。" },
	[UI_END_INCOMPLETE_GUESSES] = { "Lesson not complete: %d checks held, "
	    "%d failed, %d not reached; %d of %d questions guessed right.",
	    "课程未完成：%d 项检查通过，%d 项失败，%d 项未能进行；猜对了 %d 个"
	    "问题（共 %d 个）。" },
	[UI_END_NEXT] = { "Space: next lesson (%s). ", "空格：下一课（%s）。" },
	[UI_END_OFFER] = { "R: this lesson again. q: menu.",
	    "R：重做本课。q：回到菜单。" },
	[UI_DEADLINE] = { "Run it within %d s %s.", "%d 秒内运行，%s。" },
	[UI_DEADLINE_MISSED] = { "Too late: %s; failures will count as not "
	    "reached.", "太晚了：%s；不成立的检查将记为未能进行。" },
	[UI_DEADLINE_OVER] = { "%s's %s is over", "%s 的 %s 已经结束" },
	[UI_DEADLINE_ENDING] = { "%s's %s is ending", "%s 的 %s 即将结束" },
	[UI_DEADLINE_GONE] = { "%s has no connection in %s",
	    "%s 已经没有处于 %s 的连接" },
	[UI_CONFIRM_RESTART] = { "Restart this lesson in a fresh lab? y: yes, "
	    "n: no", "在新的实验环境里重新开始本课？y：是，n：否" },
	[UI_UNEXPECTED] = { "The kernel did not do what this lesson expected:",
	    "内核的行为与本课的预期不符：" },
	[UI_NOT_REACHED] = { "The step began after, or just before, the end of "
	    "the state it needed; these checks were not reached:",
	    "这一步开始时，它需要的状态已经结束或即将结束；以下检查未能进行：" },
	[UI_STEP_TALLY] = { "%d of its %d checks held.",
	    "%d 项检查成立（共 %d 项）。" },
	[UI_FREE_PLAY] = { "Free play: the keys below act on the selected "
	    "endpoint (Tab switches).",
	    "自由练习：下面的按键作用于选中的端点（Tab 切换）。" },
	[UI_SANDBOX] = { "Sandbox: both endpoints are connected. Make either "
	    "one close, shut down, reset, send, receive or die, and watch.",
	    "沙盒：两端已经连接。让任意一端关闭、半关闭、重置、发送、接收或被杀死，"
	    "然后观察。" },
	[UI_LOOKING_BACK] = { "Looking back: the lab as it was after %s. "
	    "Right arrow goes forward, Esc returns to now.",
	    "回看：这是“%s”之后的实验状态。按右方向键前进，Esc 回到现在。" },
	[UI_SETUP_DONE] = { "the setup", "准备阶段" },
	[UI_LAB_FAILED] = { "The lab could not run:", "实验无法运行：" },
	[UI_SEG_HEADING] = { "Segment: %s  %s %s %s", "报文段：%s  %s %s %s" },
	[UI_LIST_SEP] = { "  ", "，" },
	[UI_SEG_CAUSE_CALL] = { "caused by: %s called %s",
	    "起因：%s 调用了 %s" },
	[UI_SEG_CAUSE_SEG] = { "caused by: the kernel answering %s",
	    "起因：内核在回应 %s" },
	[UI_SEG_CAUSE_KERNEL] = { "no call and no segment from the peer just "
	    "before it: the kernel sent it on its own (a timer, a delayed ACK, "
	    "a retransmission)", "之前没有调用，也没有对端的报文段：内核自己发出的"
	    "（定时器、延迟 ACK 或重传）" },
	[UI_SEG_CAUSE_WIRE] = { "held on the wire from %.3f s (when the kernel "
	    "sent it) and delivered at %.3f s",
	    "内核在 %.3f 秒发出，被线路扣住，%.3f 秒才放行" },
	[UI_SEG_WIN_SHIFT] = { "field %u << %d", "字段 %u << %d" },
	[UI_SEG_WIN_SYN] = { "a SYN's window is never scaled",
	    "SYN 的窗口从不缩放" },
	[UI_SEG_WIN_OFF] = { "not scaled: a SYN did not offer window scaling",
	    "不缩放：有一方的 SYN 没有提出窗口缩放" },
	[UI_SEG_WIN_UNKNOWN] = { "scale unknown: the handshake was not seen",
	    "缩放倍数未知：没有看到握手" },
	[UI_SEG_WSCALE] = { "wscale %d", "窗口缩放 %d" },
	[UI_SEG_NO_WSCALE] = { "no window scaling", "不缩放窗口" },
	[UI_SEG_SACK_OK] = { "SACK permitted", "允许 SACK" },
	[UI_LOG_TITLE] = { "Event log: every call, segment and state",
	    "事件日志：所有调用、报文段和状态" },
	[UI_DIAGRAM_TITLE] = { "RFC 793: how a connection closes",
	    "RFC 793：连接的关闭过程" },
	[UI_HELP_TITLE] = { "Keys", "按键" },
	[UI_HELP_TEXT] = {
	    "Space, Right  run the step; at the end, Space: the next lesson\n"
	    "Left          look back at earlier steps; Esc returns to now\n"
	    "1-6           guess the answer before you run the step\n"
	    "Up, Down      select an arrow and see the segment's details\n"
	    "PgUp, PgDn    scroll the narration; Home,"
	    " End: its start, its end\n"
	    "w             step the wire: every segment stops mid-lane;\n"
	    "              Space delivers it, x drops it; w again lets go\n"
	    "P  presenter mode: panes, lane, narration   "
	    "S  save the run: SVG, HTML, pcapng\n"
	    "e  the event log: calls, segments, states   "
	    "D  the RFC 793 close diagram\n"
	    "T  a time column in the lane                "
	    "+ - p  animation speed, pause\n"
	    "M  mouse on, or off to select text          "
	    "L  English or Simplified Chinese\n"
	    "R  restart in a fresh lab (y confirms)      "
	    "q  back to the menu (Ctrl-C quits)\n"
	    "\n"
	    "Free play (sandbox, or once every step is done):\n"
	    "Tab  select an endpoint     c  close()  "
	    "   d  send 100 bytes     r  recv()\n"
	    "s    shutdown(), then r, w or b for SHUT_RD, SHUT_WR, SHUT_RDWR\n"
	    "l    SO_LINGER {1, 0} then close(): an RST"
	    "     k  kill the process (SIGKILL)\n"
	    "\n"
	    "Every arrow is a captured segment; every state is the kernel's\n"
	    "(or marked as read from the wire when it passed too quickly).",
	    "空格、Right     运行这一步；全部完成后，空格打开下一课\n"
	    "Left            回看之前的步骤；Esc 回到现在\n"
	    "1-6             运行之前先猜答案\n"
	    "Up、Down        选择箭头，查看报文段详情\n"
	    "PgUp、PgDn      滚动讲解；Home、End：跳到讲解的开头、结尾\n"
	    "w               逐段放行：每个报文段停在线路中间；\n"
	    "                空格放行，x 丢弃；再按 w 恢复\n"
	    "P  演示模式：只留两端、线路和讲解           "
	    "S  保存运行：SVG、HTML、pcapng\n"
	    "e  事件日志：调用、报文段、状态和时间       "
	    "D  RFC 793 关闭状态图，标出两端\n"
	    "T  在线路里显示时间列                       "
	    "+ - p  动画速度、暂停\n"
	    "M  开关鼠标（关闭后终端可以选择文字）       "
	    "L  English / 简体中文\n"
	    "R  在新的实验环境里重新开始（y 确认）       "
	    "q  返回菜单（Ctrl-C 退出）\n"
	    "\n"
	    "自由练习（沙盒，或完成所有步骤之后）：\n"
	    "Tab  选择端点     c  close()     d  发送 100 字节"
	    "     r  recv()\n"
	    "s    shutdown()，再按 r、w 或 b 选 SHUT_RD、SHUT_WR、SHUT_RDWR\n"
	    "l    设置 SO_LINGER {1, 0} 再 close()：发出 RST"
	    "     k  杀死进程（SIGKILL）\n"
	    "\n"
	    "每个箭头都是抓到的真实报文段；每个状态都来自内核\n"
	    "（状态太短暂、来不及询问内核时，会标明是从线路推断的）。" },
	[UI_MENU_HELP] = {
	    "Up, Down, j, k  move             Enter  open the lesson\n"
	    "Home, End       first, last      PgUp, PgDn  a page\n"
	    "/               filter by text   Esc    clear the filter\n"
	    "L               English or Simplified Chinese\n"
	    "M               the mouse: a click selects a lesson, a second "
	    "opens it;\n"
	    "                M again gives it back to the terminal to select "
	    "text\n"
	    "w               why lesson files were skipped, if any were\n"
	    "q               quit\n"
	    "\n"
	    "Each lesson runs a real client and a real server in a private\n"
	    "network namespace; what you see is what the kernel did.\n"
	    "A mark before a lesson means you have completed it; beside it,\n"
	    "your guesses right out of the questions asked in that run.\n"
	    "Progress is kept in $XDG_STATE_HOME/finwave (by default\n"
	    "~/.local/state).",
	    "Up、Down、j、k  移动             Enter  打开课程\n"
	    "Home、End       第一课、最后一课 PgUp、PgDn  翻页\n"
	    "/               按文字筛选       Esc    清除筛选\n"
	    "L               English / 简体中文\n"
	    "M               鼠标：单击选中课程，再单击打开；\n"
	    "                再按 M 把鼠标交还终端，以便选择文字\n"
	    "w               查看哪些课程文件被跳过及原因（如有）\n"
	    "q               退出\n"
	    "\n"
	    "每一课都在独立的网络命名空间里运行真实的客户端和服务器；\n"
	    "你看到的就是内核实际做的事。\n"
	    "课程前的标记表示你已经完成；旁边是那一次猜对的题数和提问数。\n"
	    "进度保存在 $XDG_STATE_HOME/finwave（默认 ~/.local/state）。" },
	[UI_PAUSED] = { "paused", "已暂停" },
	[UI_ROLE_SERVER] = { "server", "服务器" },
	[UI_ROLE_CLIENT] = { "client", "客户端" },
	[UI_ROLE_CHILD] = { "forked from %s", "由 %s fork" },
	[UI_SAVED] = { "Lesson complete; progress saved.",
	    "课程完成，进度已保存。" },
	[UI_MSG_WAIT] = { "Wait: the kernel is still settling the last step.",
	    "请稍候：内核还在处理上一步。" },
	[UI_MSG_QUEUED] = { "%s: it runs once the kernel has settled the "
	    "last step.", "%s：等内核处理完上一步就执行。" },
	[UI_MSG_KEY] = { "This step runs with %c (or Space).",
	    "这一步用 %c（或空格）运行。" },
	[UI_MSG_LOOKING_BACK] = { "Looking back: Right goes forward, Esc "
	    "returns to now.", "正在回看：右方向键前进，Esc 回到现在。" },
	[UI_MSG_DEAD] = { "%s has no process any more.", "%s 的进程已经不在了。" },
	[UI_MSG_TOO_EARLY] = { "Too early: guess once the step under way has "
	    "finished.", "太早了：等正在运行的这一步结束后再猜。" },
	[UI_MSG_LAST_LESSON] = { "That was the last lesson. q returns to the "
	    "menu.", "这是最后一课了。按 q 回到菜单。" },
	[UI_MSG_NO_UTF8] = { "Chinese needs a UTF-8 locale "
	    "(for example LANG=C.UTF-8).", "简体中文需要 UTF-8 区域设置。" },
	[UI_MSG_TRADITIONAL] = { "There is no Traditional Chinese text yet: "
	    "finwave shows Simplified Chinese. L switches to English.",
	    "尚無繁體中文版本，以下顯示簡體中文；按 L 切換為英文。" },
	[UI_MSG_SAVE_FAILED] = { "Progress not saved: %s", "进度未保存：%s" },
	[UI_MSG_RUN_SAVED] = { "Run saved in %s", "运行已保存到 %s" },
	[UI_MSG_RUN_NOT_SAVED] = { "Run not saved: %s", "运行未保存：%s" },
	[UI_GUESSES_HEAD] = { "# finwave %s: each question, the guess made "
	    "and the kernel's answer", "# finwave %s：每个问题、所做的猜测"
	    "和内核的答案" },
	[UI_GUESS_ANSWER] = { "  \xe2\x86\x90 the kernel's answer",
	    "  \xe2\x86\x90 内核的答案" },
	[UI_GUESS_TALLY] = { "  guess: %c, the kernel: %c, %s",
	    "  猜测：%c，内核：%c，%s" },
	[UI_GUESS_WAS_RIGHT] = { "right", "猜对了" },
	[UI_GUESS_WAS_WRONG] = { "wrong", "猜错了" },
	[UI_GUESS_NOT_RUN] = { "the step has not run yet", "这一步还没有运行" },
	[UI_MSG_NOTHING_TO_SAVE] = { "Nothing to save: the lab did not run",
	    "没有可保存的内容：实验没有运行" },
	[UI_MSG_STEPPING_ON] = { "Step by step: every segment stops on the "
	    "wire. Space delivers it, x drops it.",
	    "逐段放行：每个报文段都停在线路上。空格放行，x 丢弃。" },
	[UI_MSG_STEPPING_OFF] = { "The wire passes every segment again.",
	    "线路恢复：所有报文段直接通过。" },
	[UI_MSG_NO_WIRE] = { "No step-by-step mode: %s",
	    "无法逐段放行：%s" }
};

/* The words of a message. */
const char *
uitext(enum ui_msg m, enum lang lang)
{
	const char	*s = uitext_table[m][lang];

	return (s != NULL ? s : uitext_table[m][LANG_EN]);
}

/* A message with its values filled in, into buf; returns buf. The table
 * is the only source of formats, so this is the one place that formats a
 * string that is not a literal. */
const char *
uitextf(char *buf, size_t len, enum ui_msg m, enum lang lang, ...)
{
	va_list	ap;

	va_start(ap, lang);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(buf, len, uitext(m, lang), ap);
#pragma GCC diagnostic pop
	va_end(ap);
	return (buf);
}
