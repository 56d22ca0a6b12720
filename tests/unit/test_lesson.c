/*
 * test_lesson.c: the lesson parser on a lesson that uses every directive,
 * action and expectation, on a table of malformed lessons (each its own
 * test, each with the exact message it must give), and lesson_load.
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lesson/lesson.h"
#include "tcp/tcpstate.h"

#include "lesson_cases.h"

static const char test_lesson_good[] =
	"# Every directive, action and expectation of the format.\n"
	"lesson t\n"
	"title   en  The demo  \n"
	"title zh 演示\n"
	"summary en Everything the format has.\n"
	"summary zh 格式的全部内容。\n"
	"chapter 2\n"
	"order 10\n"
	"endpoint client\n"
	"endpoint server\n"
	"\n"
	"setup\n"
	"\tdo lab sysctl ip_local_port_range 1024  2048\n"
	"\tdo lab sysctl tcp_fin_timeout 007\n"
	"\tdo server nofile 64\n"
	"\tdo server listen 9000 reuseaddr backlog 0\n"
	"\tdo client connect 9000 count 3\n"
	"\tdo server accept all\n"
	"\n"
	"step first\n"
	"\tkey c\n"
	"\tsay en Line one.\n"
	"\tsay zh 第一行。\n"
	"\tsay en Line two.\n"
	"\tafter en Done.\n"
	"\tafter zh 完成。\n"
	"\tdo client send 100\n"
	"\tdo client send text hello,   world \n"
	"\tdo server recv\n"
	"\tdo server recv 10\n"
	"\tdo client shutdown wr\n"
	"\tdo server shutdown rdwr listener\n"
	"\tdo client linger on 0\n"
	"\tdo server linger off listener\n"
	"\tdo server reuseaddr listener\n"
	"\tdo server close listener\n"
	"\tdo client close all\n"
	"\tdo server close\n"
	"\tdo server fork worker\n"
	"\tdo worker sleep 250\n"
	"\tdo worker exit\n"
	"\tdo client kill\n"
	"\tdo lab wait 4000\n"
	"\tdo server accept\n"
	"\texpect client state FIN_WAIT_2\n"
	"\texpect no server state CLOSE_WAIT all armed 0..60\n"
	"\texpect client state TIME_WAIT armed 50..60 all\n"
	"\texpect server saw LAST_ACK all\n"
	"\texpect seg client>server F. x5\n"
	"\texpect no seg server>client R\n"
	"\texpect server call accept = -1 EAGAIN\n"
	"\texpect client call send = -1 EPIPE sigpipe\n"
	"\texpect server call recv > 0\n"
	"\texpect worker call close = 0\n"
	"\n"
	"step second\n"
	"\tkey n\n"
	"\tsay en Second.\n"
	"\tsay zh 第二。\n"
	"\task en What happens?\n"
	"\task zh 会怎样？\n"
	"\tchoice b en Bee\n"
	"\tchoice a en Ay\n"
	"\tchoice a zh 甲\n"
	"\tchoice b zh 乙\n"
	"\tchoice a when client state CLOSED\n"
	"\tchoice b when no seg server>client F\n";

static const struct test_lesson_bad test_lesson_bads[] = {
	TEST_LESSON_BAD("empty file", "",
	    "1: missing 'lesson'"),
	TEST_LESSON_BAD("unknown directive", TEST_LESSON_HEAD "frobnicate 1\n",
	    "10: unknown directive 'frobnicate'"),
	TEST_LESSON_BAD("unknown action",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "do client clsoe\n",
	    "14: unknown action 'clsoe'"),
	TEST_LESSON_BAD("endpoint action on the lab",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "do lab close\n",
	    "14: 'close' is an endpoint's action: use 'do ENDPOINT close'"),
	TEST_LESSON_BAD("unknown endpoint",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "do router close\n",
	    "14: unknown endpoint 'router'"),
	TEST_LESSON_BAD("forked endpoint used before the fork",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "do worker close\ndo server fork worker\n",
	    "14: unknown endpoint 'worker'"),
	TEST_LESSON_BAD("fork to an existing endpoint",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "do server fork client\n",
	    "14: duplicate endpoint 'client'"),
	TEST_LESSON_BAD("bad number",
	    TEST_LESSON_HEAD "setup\ndo server listen 90x0\n",
	    "11: port '90x0' is not a number"),
	TEST_LESSON_BAD("out of range",
	    TEST_LESSON_HEAD "setup\ndo server listen 70000\n",
	    "11: port '70000' out of range 1..65535"),
	TEST_LESSON_BAD("negative",
	    TEST_LESSON_HEAD "setup\ndo client connect -5\n",
	    "11: port '-5' out of range 1..65535"),
	TEST_LESSON_BAD("beyond long",
	    TEST_LESSON_HEAD "setup\ndo client sleep 99999999999999999999\n",
	    "11: milliseconds '99999999999999999999' out of range 0..600000"),
	TEST_LESSON_BAD("missing argument",
	    TEST_LESSON_HEAD "setup\ndo server listen\n",
	    "11: missing port after 'listen'"),
	TEST_LESSON_BAD("missing option value",
	    TEST_LESSON_HEAD "setup\ndo server listen 9000 backlog\n",
	    "11: missing backlog length after 'backlog'"),
	TEST_LESSON_BAD("option twice",
	    TEST_LESSON_HEAD "setup\ndo server listen 9000 reuseaddr "
	    "reuseaddr\n",
	    "11: unexpected 'reuseaddr' after 'listen'"),
	TEST_LESSON_BAD("trailing token",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "do client close foo\n",
	    "14: unexpected 'foo' after 'close'"),
	TEST_LESSON_BAD("trailing comment",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "do client close all # bye\n",
	    "14: unexpected '#' after 'close'"),
	TEST_LESSON_BAD("bad shutdown",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "do client shutdown both\n",
	    "14: invalid shutdown 'both': use rd, wr or rdwr"),
	TEST_LESSON_BAD("reversed port range",
	    TEST_LESSON_HEAD "setup\ndo lab sysctl ip_local_port_range "
	    "9000 8000\n",
	    "11: low port '9000' above high port '8000'"),
	TEST_LESSON_BAD("duplicate title", TEST_LESSON_HEAD "title en Again\n",
	    "10: duplicate 'title en'"),
	TEST_LESSON_BAD("duplicate chapter", TEST_LESSON_HEAD "chapter 2\n",
	    "10: duplicate 'chapter'"),
	TEST_LESSON_BAD("unknown language",
	    TEST_LESSON_HEAD "step s\nsay fr Bonjour\n",
	    "11: unknown language 'fr': use en or zh"),
	TEST_LESSON_BAD("missing text", TEST_LESSON_HEAD "summary zh   \n",
	    "10: missing text after 'zh'"),
	TEST_LESSON_BAD("missing zh title",
	    "lesson t\ntitle en T\nsummary en S\nsummary zh S\nchapter 1\n"
	    "order 1\nendpoint client\nstep s\nkey k\nsay en S\nsay zh S\n",
	    "11: missing 'title zh'"),
	TEST_LESSON_BAD("a last step with nothing in it, the last line",
	    "lesson t\ntitle en T\ntitle zh T\nsummary en S\nsummary zh S\n"
	    "chapter 1\nendpoint client\n" TEST_LESSON_STEP "step t\n",
	    "12: missing 'key' in step 't'"),
	TEST_LESSON_BAD("missing step", TEST_LESSON_HEAD "\n# the end\n",
	    "11: missing 'step'"),
	TEST_LESSON_BAD("missing endpoint",
	    "lesson t\ntitle en T\ntitle zh T\nsummary en S\nsummary zh S\n"
	    "chapter 1\norder 1\nstep s\nkey k\nsay en S\nsay zh S",
	    "11: missing 'endpoint'"),
	TEST_LESSON_BAD("missing say",
	    TEST_LESSON_HEAD "step s\nkey k\n",
	    "10: missing 'say en' in step 's'"),
	TEST_LESSON_BAD("missing zh say",
	    TEST_LESSON_HEAD "step s\nkey k\nsay en S\nstep t\nkey t\n"
	    "say en T\nsay zh T\n",
	    "10: missing 'say zh' in step 's'"),
	TEST_LESSON_BAD("after in one language",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "after en A\n",
	    "10: missing 'after zh' in step 's'"),
	TEST_LESSON_BAD("step without key",
	    TEST_LESSON_HEAD "step s\nsay en S\nsay zh S\n",
	    "10: missing 'key' in step 's'"),
	TEST_LESSON_BAD("duplicate key",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "step t\nkey k\n",
	    "15: key 'k' is already used by step 's'"),
	TEST_LESSON_BAD("key twice in a step",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "key j\n",
	    "14: duplicate 'key'"),
	TEST_LESSON_BAD("reserved key", TEST_LESSON_HEAD "step s\nkey q\n",
	    "11: key 'q' is reserved by the interface"),
	TEST_LESSON_BAD("key reserved for guesses",
	    TEST_LESSON_HEAD "step s\nkey 3\n",
	    "11: key '3' is reserved by the interface"),
	TEST_LESSON_BAD("long key", TEST_LESSON_HEAD "step s\nkey ab\n",
	    "11: invalid key 'ab': use one printable ASCII character"),
	TEST_LESSON_BAD("duplicate step",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "step s\n",
	    "14: duplicate step 's'"),
	TEST_LESSON_BAD("bad step name", TEST_LESSON_HEAD "step Step_1\n",
	    "10: invalid step name 'Step_1': use a-z, 0-9 and '-'"),
	TEST_LESSON_BAD("bad state name",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "expect client state TIME-WAIT\n",
	    "14: unknown state 'TIME-WAIT'"),
	TEST_LESSON_BAD("unknown expectation",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "expect client is CLOSED\n",
	    "14: unknown expectation 'is': use state, saw, call, holds, "
	    "queued, recv-q, send-q, rto, retransmits or backoff"),
	TEST_LESSON_BAD("armed with saw",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect client saw TIME_WAIT armed 1..2\n",
	    "14: 'armed' is for 'state', not 'saw': 'saw STATE' takes all and "
	    "restart"),
	TEST_LESSON_BAD("reversed armed range",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect client state TIME_WAIT armed 60..50\n",
	    "14: armed range '60..50' has its minimum above its maximum"),
	TEST_LESSON_BAD("time left, which depends on the pace",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect client state TIME_WAIT timer 50..60\n",
	    "14: 'timer' (the seconds left when the step ends) changes with "
	    "the learner's pace; use 'armed MIN..MAX' (the seconds it was set "
	    "to)"),
	TEST_LESSON_BAD("armed twice",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect client state TIME_WAIT armed 50..60 armed 1..2\n",
	    "14: 'armed' given twice"),
	TEST_LESSON_BAD("too many listeners",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "do server listen 1\ndo server listen 2\ndo server listen 3\n"
	    "do server listen 4\ndo server listen 5\ndo server listen 6\n"
	    "do server listen 7\ndo server listen 8\ndo server listen 9\n",
	    "22: more than 8 'listen' actions in a lesson"),
	TEST_LESSON_BAD("count with all",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect client state TIME_WAIT all count 3\n",
	    "14: 'all' and 'count' exclude each other: 'all' needs every "
	    "connection in the state, 'count' says how many are"),
	TEST_LESSON_BAD("count with saw",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect client saw TIME_WAIT count 3\n",
	    "14: 'count' is for 'state', not 'saw': 'saw STATE' takes all and "
	    "restart"),
	TEST_LESSON_BAD("reversed count",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect client state TIME_WAIT count 5..4\n",
	    "14: count '5..4' has its minimum above its maximum"),
	TEST_LESSON_BAD("count too large",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect client state TIME_WAIT count 20001\n",
	    "14: count '20001' out of range 0..20000"),
	TEST_LESSON_BAD("took without a range",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect client call close = 0 took 5\n",
	    "14: invalid duration '5': use MIN..MAX"),
	TEST_LESSON_BAD("lab close",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect lab call close = 0\n",
	    "14: the lab calls only sysctl, route and kill, not 'close'"),
	TEST_LESSON_BAD("endpoint sysctl",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect client call sysctl = 0\n",
	    "14: 'sysctl' is the lab's call: write 'expect lab call sysctl "
	    "...'"),
	TEST_LESSON_BAD("lab took",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect lab call sysctl = 0 took 0..5\n",
	    "14: unexpected 'took' after 'call': the lab's calls take only an "
	    "ERRNO after -1"),
	TEST_LESSON_BAD("holds without a number",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "expect client holds\n",
	    "14: missing descriptor count after 'holds'"),
	TEST_LESSON_BAD("lab state",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect lab state CLOSED\n",
	    "14: the lab can only be expected to make a 'call' or raise a "
	    "'counter', not 'state'"),
	TEST_LESSON_BAD("step title in one language",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "title en Only English\n",
	    "10: missing 'title zh' in step 's'"),
	TEST_LESSON_BAD("bad flags",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "expect seg client>server FA\n",
	    "14: invalid flags 'FA': use tcpdump's, like S, S., F., R or ."),
	TEST_LESSON_BAD("segment to itself",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "expect seg client>client F\n",
	    "14: segment from 'client' to itself"),
	TEST_LESSON_BAD("segment count",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect seg client>server F x1001\n",
	    "14: segment count '1001' out of range 1..1000"),
	TEST_LESSON_BAD("unknown call",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "expect client call read = 0\n",
	    "14: unknown call 'read'"),
	TEST_LESSON_BAD("errno missing after -1",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "expect client call send = -1\n",
	    "14: missing errno after '-1'"),
	TEST_LESSON_BAD("unknown errno",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect client call send = -1 EFOO\n",
	    "14: unknown errno 'EFOO'"),
	TEST_LESSON_BAD("errno after non -1",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect client call send = 5 EPIPE\n",
	    "14: errno 'EPIPE' needs return value -1"),
	TEST_LESSON_BAD("no with call",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect no client call close = 0\n",
	    "14: 'no' cannot be used with 'call'"),
	TEST_LESSON_BAD("choice without ask",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "choice a en A\nchoice a zh A\nchoice a when client state CLOSED\n",
	    "10: 'choice' without 'ask' in step 's'"),
	TEST_LESSON_BAD("ask with one choice",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "ask en Q\nask zh Q\n"
	    "choice a en A\nchoice a zh A\nchoice a when client state CLOSED\n",
	    "10: 'ask' needs at least 2 choices in step 's'"),
	TEST_LESSON_BAD("choice missing when",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "ask en Q\nask zh Q\n"
	    "choice a en A\nchoice a zh A\nchoice a when client state CLOSED\n"
	    "choice b en B\nchoice b zh B\n",
	    "10: missing 'choice b when' in step 's'"),
	TEST_LESSON_BAD("choice twice when",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "choice a when client state CLOSED\n"
	    "choice a when client state LISTEN\n",
	    "15: duplicate 'choice a when'"),
	TEST_LESSON_BAD("bad choice key",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "choice g en G\n",
	    "14: invalid choice key 'g': use a..f"),
	TEST_LESSON_BAD("lesson id mismatching the file name", "lesson other\n",
	    "1: lesson id 'other' does not match file name 't.lesson'"),
	TEST_LESSON_BAD("bad lesson id", "lesson T\n",
	    "1: invalid lesson id 'T': use a-z, 0-9 and '-', at most 40"),
	TEST_LESSON_BAD("directive after steps",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "chapter 2\n",
	    "14: 'chapter' must come before 'setup' and the first 'step'"),
	TEST_LESSON_BAD("setup after a step",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "setup\n",
	    "14: 'setup' must come before the first 'step'"),
	TEST_LESSON_BAD("do before setup", TEST_LESSON_HEAD "do client close\n",
	    "10: 'do' outside 'setup' or a step"),
	TEST_LESSON_BAD("expect before setup",
	    TEST_LESSON_HEAD "expect client state ESTABLISHED\n",
	    "10: 'expect' outside 'setup' or a step"),
	TEST_LESSON_BAD("sandbox with a step",
	    TEST_LESSON_HEAD "sandbox\n" TEST_LESSON_STEP,
	    "11: a 'sandbox' lesson has no steps"),
	TEST_LESSON_BAD("duplicate sandbox",
	    TEST_LESSON_HEAD "sandbox\nsandbox\n",
	    "11: duplicate 'sandbox'"),
	TEST_LESSON_BAD("sandbox after setup",
	    TEST_LESSON_HEAD "setup\nsandbox\n",
	    "11: 'sandbox' must come before 'setup' and the first 'step'"),
	TEST_LESSON_BAD("chapter-title in English only",
	    TEST_LESSON_HEAD "chapter-title en Basics\n" TEST_LESSON_STEP,
	    "14: missing 'chapter-title zh'"),
	TEST_LESSON_BAD("invalid UTF-8", TEST_LESSON_HEAD "# caf\xc3\n",
	    "10: invalid UTF-8"),
	TEST_LESSON_BAD("overlong UTF-8", TEST_LESSON_HEAD "# \xc0\xaf\n",
	    "10: invalid UTF-8"),
	TEST_LESSON_BAD("UTF-8 surrogate", TEST_LESSON_HEAD "# \xed\xa0\x80\n",
	    "10: invalid UTF-8"),
	TEST_LESSON_BAD("NUL byte", TEST_LESSON_HEAD "title en a\0b\n",
	    "10: NUL byte"),
	TEST_LESSON_BAD("escape sequence in a text", TEST_LESSON_HEAD
	    TEST_LESSON_STEP "say en \x1b[2J\x1b]0;owned\x07\n",
	    "14: control character U+001B: a lesson cannot carry terminal "
	    "controls"),
	TEST_LESSON_BAD("bell in a comment", TEST_LESSON_HEAD "# ding\a\n",
	    "10: control character U+0007: a lesson cannot carry terminal "
	    "controls"),
	TEST_LESSON_BAD("a CR inside a line", TEST_LESSON_HEAD
	    "title en a\rb\n",
	    "10: control character U+000D: a lesson cannot carry terminal "
	    "controls"),
	TEST_LESSON_BAD("DEL", TEST_LESSON_HEAD "title en a\x7f\n",
	    "10: control character U+007F: a lesson cannot carry terminal "
	    "controls"),
	TEST_LESSON_BAD("C1 control (CSI)", TEST_LESSON_HEAD TEST_LESSON_STEP
	    "say zh \xc2\x9b" "2J\n",
	    "14: control character U+009B: a lesson cannot carry terminal "
	    "controls"),
	TEST_LESSON_BAD("a second byte order mark",
	    "\xef\xbb\xbf\xef\xbb\xbf" TEST_LESSON_HEAD,
	    "1: a byte order mark (U+FEFF) after the start of the file"),
	TEST_LESSON_BAD("bidirectional override", TEST_LESSON_HEAD
	    TEST_LESSON_STEP "say en abc\xe2\x80\xae" "fed\n",
	    "14: bidirectional control U+202E: it would reorder the text on "
	    "screen"),
	TEST_LESSON_BAD("TAB inside a text", TEST_LESSON_HEAD TEST_LESSON_STEP
	    "say en one\ttwo\n",
	    "14: a TAB inside a text: use spaces"),
	TEST_LESSON_BAD("sysctl newer than 6.1 without requires",
	    TEST_LESSON_HEAD "setup\ndo lab sysctl tcp_rto_min_us 50000\n",
	    "11: tcp_rto_min_us exists only from Linux 6.11: declare 'requires "
	    "sysctl tcp_rto_min_us' before 'setup'"),
	TEST_LESSON_BAD("requires what",
	    TEST_LESSON_HEAD "requires kernel 6.11\n",
	    "10: unknown requirement 'kernel': use 'requires sysctl NAME'"),
	TEST_LESSON_BAD("requires after setup",
	    TEST_LESSON_HEAD "setup\nrequires sysctl tcp_rto_min_us\n",
	    "11: 'requires' must come before 'setup' and the first 'step'"),
	TEST_LESSON_BAD("rto-min 0", TEST_LESSON_HEAD "setup\ndo lab rto-min 0\n",
	    "11: milliseconds '0' out of range 1..60000"),
	TEST_LESSON_BAD("rto-min of an endpoint",
	    TEST_LESSON_HEAD "setup\ndo client rto-min 50\n",
	    "11: 'rto-min' is an action of the lab: use 'do lab rto-min'"),
	TEST_LESSON_BAD("bare x", TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect seg client>server F x\n",
	    "14: missing segment count after 'x' (x2 for two)"),
	TEST_LESSON_BAD("endpoint reserved name",
	    TEST_LESSON_HEAD "endpoint wire\n",
	    "10: endpoint name 'wire' is reserved"),
	TEST_LESSON_BAD("too many endpoints", TEST_LESSON_HEAD
	    "endpoint e1\n" "endpoint e2\n" "endpoint e3\n" "endpoint e4\n"
	    "endpoint e5\n" "endpoint e6\n" "endpoint e7\n" "endpoint e8\n"
	    "endpoint e9\n" "endpoint e10\n" "endpoint e11\n" "endpoint e12\n"
	    "endpoint e13\n" "endpoint e14\n" "endpoint e15\n" "endpoint e16\n"
	    "endpoint e17\n" "endpoint e18\n" "endpoint e19\n" "endpoint e20\n"
	    "endpoint e21\n" "endpoint e22\n" "endpoint e23\n" "endpoint e24\n"
	    "endpoint e25\n" "endpoint e26\n" "endpoint e27\n" "endpoint e28\n"
	    "endpoint e29\n" "endpoint e30\n" "endpoint e31\n",
	    "40: too many endpoints (at most 32)"),
	TEST_LESSON_BAD("endpoint named like the narration actor",
	    TEST_LESSON_HEAD "endpoint lesson\n",
	    "10: endpoint name 'lesson' is reserved"),
	TEST_LESSON_BAD("send text too long",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "do client send text "
	    "0123456789012345678901234567890123456789012345678901234567890123"
	    "0123456789012345678901234567890123456789012345678901234567890123"
	    "0123456789012345678901234567890123456789012345678901234567890123"
	    "0123456789012345678901234567890123456789012345678901234567890123"
	    "0123456789012345678901234567890123456789012345678901234567890123"
	    "0123456789012345678901234567890123456789012345678901234567890123"
	    "0123456789012345678901234567890123456789012345678901234567890123"
	    "0123456789012345678901234567890123456789012345678901234567890123"
	    "\n",
	    "14: text longer than 511 bytes"),
	TEST_LESSON_BAD("endpoint bad name", TEST_LESSON_HEAD "endpoint 2nd\n",
	    "10: invalid endpoint name '2nd': use a-z, then a-z, 0-9, '_' and "
	    "'-', at most 15"),
	TEST_LESSON_BAD("duplicate endpoint",
	    TEST_LESSON_HEAD "endpoint client\n",
	    "10: duplicate endpoint 'client'"),
	TEST_LESSON_BAD("wire action missing",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "do wire\n",
	    "14: missing wire action after 'wire'"),
	TEST_LESSON_BAD("unknown wire action",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "do wire stall client fin\n",
	    "14: unknown wire action 'stall': use hold, drop, deliver "
	    "or pass"),
	TEST_LESSON_BAD("wire rule without a kind",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "do wire hold client\n",
	    "14: missing segment kind after 'client'"),
	TEST_LESSON_BAD("unknown segment kind",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "do wire drop client psh\n",
	    "14: unknown segment kind 'psh': use any, syn, fin, ack, "
	    "data or rst"),
	TEST_LESSON_BAD("wire rule for an unknown sender",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "do wire hold bob fin\n",
	    "14: unknown endpoint 'bob'"),
	TEST_LESSON_BAD("wire drop count zero",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "do wire drop any ack x0\n",
	    "14: segment count '0' out of range 1..1000"),
	TEST_LESSON_BAD("wire deliver with junk",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "do wire deliver some\n",
	    "14: unexpected 'some' after 'deliver'"),
	TEST_LESSON_BAD("unknown wire event",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect wire lose client>server F\n",
	    "14: unknown wire event 'lose': use hold, deliver or drop"),
	TEST_LESSON_BAD("restart on a state expectation",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "expect client state TIME_WAIT restart\n",
	    "14: 'restart' is for 'saw', not 'state': 'state STATE' takes all, "
	    "count N[..M] and armed MIN..MAX"),
	TEST_LESSON_BAD("while with an unknown endpoint",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "while worker TIME_WAIT\n",
	    "14: unknown endpoint 'worker'"),
	TEST_LESSON_BAD("while with an unknown state",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "while client TIMEWAIT\n",
	    "14: unknown state 'TIMEWAIT'"),
	TEST_LESSON_BAD("while with a state that never ends",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "while client CLOSED\n",
	    "14: 'while' needs a state that ends: not 'CLOSED'"),
	TEST_LESSON_BAD("while without a state",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "while client\n",
	    "14: missing state after 'client'"),
	TEST_LESSON_BAD("while with junk",
	    TEST_LESSON_HEAD TEST_LESSON_STEP "while client TIME_WAIT now\n",
	    "14: unexpected 'now' after 'while'"),
	TEST_LESSON_BAD("while twice",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "while client TIME_WAIT\nwhile server TIME_WAIT\n",
	    "15: duplicate 'while'"),
	TEST_LESSON_BAD("while in the setup",
	    TEST_LESSON_HEAD "setup\nwhile client TIME_WAIT\n"
	    TEST_LESSON_STEP,
	    "11: 'while' outside a step"),
	TEST_LESSON_BAD("while's purpose in one language",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "while client TIME_WAIT\nwhile en to see it\n",
	    "10: missing 'while zh' in step 's'"),
	TEST_LESSON_BAD("while's purpose without its state",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "while en to see it\nwhile zh 看到它\n",
	    "10: 'while LANG' without 'while ENDPOINT STATE' in step 's'"),
	TEST_LESSON_BAD("while's purpose twice",
	    TEST_LESSON_HEAD TEST_LESSON_STEP
	    "while en to see it\nwhile en again\n",
	    "15: duplicate 'while en'"),
	TEST_LESSON_BAD("an endpoint named like a language",
	    "lesson t\nendpoint zh\n",
	    "2: endpoint name 'zh' is reserved"),
	TEST_LESSON_BAD("key reserved for the mouse",
	    TEST_LESSON_HEAD "step s\nkey M\n",
	    "11: key 'M' is reserved by the interface"),
	TEST_LESSON_BAD("key reserved for presenter mode",
	    TEST_LESSON_HEAD "step s\nkey P\n",
	    "11: key 'P' is reserved by the interface"),
	TEST_LESSON_BAD("key reserved for the lane's time column",
	    TEST_LESSON_HEAD "step s\nkey T\n",
	    "11: key 'T' is reserved by the interface"),
	TEST_LESSON_BAD("key reserved for saving the run",
	    TEST_LESSON_HEAD "step s\nkey S\n",
	    "11: key 'S' is reserved by the interface")
};

/* Check one action's kind, endpoint and target. */
static void
test_lesson_action(const struct lesson *l, const struct action *a,
    enum action_kind kind, const char *who, enum target target)
{
	assert_int_equal(a->kind, kind);
	if (who == NULL)
		assert_int_equal(a->endpoint, -1);
	else
		assert_int_equal(a->endpoint, lesson_endpoint(l, who));
	assert_int_equal(a->target, target);
}

/* The lesson-level directives and the setup. */
static void
test_lesson_good_head(void **state)
{
	struct lesson	*l;
	char		*cause;

	(void)state;
	l = test_lesson_parse(test_lesson_good, strlen(test_lesson_good),
	    &cause);
	assert_null(cause);
	assert_non_null(l);
	assert_string_equal(l->path, TEST_LESSON_PATH);
	assert_string_equal(l->id, "t");
	assert_string_equal(lesson_text(&l->title, LANG_EN), "The demo");
	assert_string_equal(lesson_text(&l->title, LANG_ZH), "演示");
	assert_string_equal(l->summary.s[LANG_ZH], "格式的全部内容。");
	assert_int_equal(l->chapter, 2);
	assert_int_equal(l->order, 10);
	assert_int_equal(l->nendpoints, 3);
	assert_string_equal(l->endpoints[0].name, "client");
	assert_int_equal(l->endpoints[0].by_fork, 0);
	assert_string_equal(l->endpoints[2].name, "worker");
	assert_int_equal(l->endpoints[2].by_fork, 1);
	assert_int_equal(lesson_endpoint(l, "server"), 1);
	assert_int_equal(lesson_endpoint(l, "nobody"), -1);

	assert_int_equal(l->nsetup, 6);
	test_lesson_action(l, &l->setup[0], ACT_SYSCTL, NULL, TARGET_CONN);
	assert_int_equal(l->setup[0].sysctl, SYSCTL_IP_LOCAL_PORT_RANGE);
	assert_string_equal(l->setup[0].value, "1024 2048");
	assert_int_equal(l->setup[0].line, 13);
	assert_int_equal(l->setup[1].sysctl, SYSCTL_TCP_FIN_TIMEOUT);
	assert_string_equal(l->setup[1].value, "7");
	test_lesson_action(l, &l->setup[2], ACT_NOFILE, "server", TARGET_CONN);
	assert_int_equal(l->setup[2].nofile, 64);
	test_lesson_action(l, &l->setup[3], ACT_LISTEN, "server", TARGET_CONN);
	assert_int_equal(l->setup[3].port, 9000);
	assert_int_equal(l->setup[3].backlog, 0);
	assert_int_equal(l->setup[3].reuseaddr, 1);
	test_lesson_action(l, &l->setup[4], ACT_CONNECT, "client", TARGET_CONN);
	assert_int_equal(l->setup[4].count, 3);
	assert_int_equal(l->setup[4].backlog, 16);
	test_lesson_action(l, &l->setup[5], ACT_ACCEPT, "server", TARGET_CONN);
	assert_int_equal(l->setup[5].count, 0);
	lesson_free(l);
}

/* A lesson may leave out its chapter and order: the catalogue puts it in
 * a chapter of its folder's (a teacher's own lessons). */
static void
test_lesson_no_place(void **state)
{
	static const char	 text[] = "# mine\nlesson t\ntitle en T\n"
	    "title zh T\nsummary en S\nsummary zh S\nchapter-title en Mine\n"
	    "chapter-title zh 我的\nendpoint client\n" TEST_LESSON_STEP;
	struct lesson		*l;
	char			*cause;

	(void)state;
	l = test_lesson_parse(text, strlen(text), &cause);
	assert_null(cause);
	assert_non_null(l);
	assert_int_equal(l->id_line, 2);
	assert_int_equal(l->chapter, 0);
	assert_int_equal(l->order, 0);
	assert_string_equal(lesson_text(&l->chapter_title, LANG_ZH), "我的");
	lesson_free(l);
}

/* The first step: narration and every action. */
static void
test_lesson_good_actions(void **state)
{
	struct lesson	*l;
	struct step	*s;
	struct action	*a;
	char		*cause;

	(void)state;
	l = test_lesson_parse(test_lesson_good, strlen(test_lesson_good),
	    &cause);
	assert_non_null(l);
	assert_int_equal(l->nsteps, 2);
	s = &l->steps[0];
	assert_string_equal(s->name, "first");
	assert_int_equal(s->line, 20);
	assert_int_equal(s->key, 'c');
	assert_string_equal(s->say.s[LANG_EN], "Line one.\nLine two.");
	assert_string_equal(s->say.s[LANG_ZH], "第一行。");
	assert_string_equal(s->after.s[LANG_EN], "Done.");
	assert_null(s->ask);
	assert_int_equal(s->nactions, 18);
	a = s->actions;
	test_lesson_action(l, &a[0], ACT_SEND, "client", TARGET_CONN);
	assert_int_equal(a[0].bytes, 100);
	assert_null(a[0].text);
	assert_string_equal(a[1].text, "hello,   world");
	test_lesson_action(l, &a[2], ACT_RECV, "server", TARGET_CONN);
	assert_int_equal(a[2].bytes, 0);
	assert_int_equal(a[3].bytes, 10);
	test_lesson_action(l, &a[4], ACT_SHUTDOWN, "client", TARGET_CONN);
	assert_int_equal(a[4].how, SHUT_WR);
	test_lesson_action(l, &a[5], ACT_SHUTDOWN, "server", TARGET_LISTENER);
	assert_int_equal(a[5].how, SHUT_RDWR);
	test_lesson_action(l, &a[6], ACT_LINGER, "client", TARGET_CONN);
	assert_int_equal(a[6].linger_on, 1);
	assert_int_equal(a[6].linger_secs, 0);
	test_lesson_action(l, &a[7], ACT_LINGER, "server", TARGET_LISTENER);
	assert_int_equal(a[7].linger_on, 0);
	test_lesson_action(l, &a[8], ACT_REUSEADDR, "server", TARGET_LISTENER);
	test_lesson_action(l, &a[9], ACT_CLOSE, "server", TARGET_LISTENER);
	test_lesson_action(l, &a[10], ACT_CLOSE, "client", TARGET_ALL);
	test_lesson_action(l, &a[11], ACT_CLOSE, "server", TARGET_CONN);
	test_lesson_action(l, &a[12], ACT_FORK, "server", TARGET_CONN);
	assert_int_equal(a[12].child, 2);
	test_lesson_action(l, &a[13], ACT_SLEEP, "worker", TARGET_CONN);
	assert_int_equal(a[13].msec, 250);
	test_lesson_action(l, &a[14], ACT_EXIT, "worker", TARGET_CONN);
	test_lesson_action(l, &a[15], ACT_KILL, "client", TARGET_CONN);
	test_lesson_action(l, &a[16], ACT_WAIT, NULL, TARGET_CONN);
	assert_int_equal(a[16].msec, 4000);
	test_lesson_action(l, &a[17], ACT_ACCEPT, "server", TARGET_CONN);
	assert_int_equal(a[17].count, 1);
	lesson_free(l);
}

/* "while": the state a step needs, and what running it in time shows. */
static void
test_lesson_while(void **state)
{
	static const char	 input[] = TEST_LESSON_HEAD TEST_LESSON_STEP
	    "while server TIME_WAIT\n"
	    "while en to see bind() fail\n"
	    "while zh 才能看到 bind() 失败\n";
	struct lesson		*l;
	const struct deadline	*d;
	char			*cause;

	(void)state;
	l = test_lesson_parse(input, sizeof input - 1, &cause);
	if (l == NULL)
		fail_msg("%s", cause);
	d = l->steps[0].deadline;
	assert_non_null(d);
	assert_int_equal(d->line, 14);
	assert_int_equal(d->endpoint, 1);
	assert_int_equal(d->state, TS_TIME_WAIT);
	assert_string_equal(d->purpose.s[LANG_EN], "to see bind() fail");
	assert_string_equal(d->purpose.s[LANG_ZH], "才能看到 bind() 失败");
	lesson_free(l);
}

/* shutdown takes the targets close does. */
static void
test_lesson_shutdown_targets(void **state)
{
	static const char	 input[] = TEST_LESSON_HEAD TEST_LESSON_STEP
	    "do client shutdown wr conns\n"
	    "do client shutdown rdwr all\n"
	    "do server shutdown rd listener\n";
	struct lesson		*l;
	char			*cause;

	(void)state;
	l = test_lesson_parse(input, sizeof input - 1, &cause);
	if (l == NULL)
		fail_msg("%s", cause);
	assert_int_equal(l->steps[0].nactions, 3);
	test_lesson_action(l, &l->steps[0].actions[0], ACT_SHUTDOWN, "client",
	    TARGET_CONNS);
	test_lesson_action(l, &l->steps[0].actions[1], ACT_SHUTDOWN, "client",
	    TARGET_ALL);
	test_lesson_action(l, &l->steps[0].actions[2], ACT_SHUTDOWN, "server",
	    TARGET_LISTENER);
	lesson_free(l);
}

/* The first step's expectations, one of every kind. */
static void
test_lesson_good_expects(void **state)
{
	struct lesson	*l;
	struct expect	*e;
	char		*cause;

	(void)state;
	l = test_lesson_parse(test_lesson_good, strlen(test_lesson_good),
	    &cause);
	assert_non_null(l);
	assert_int_equal(l->steps[0].nexpects, 10);
	e = l->steps[0].expects;
	assert_int_equal(e[0].kind, EXPECT_STATE);
	assert_int_equal(e[0].negate, 0);
	assert_int_equal(e[0].endpoint, 0);
	assert_int_equal(e[0].state, TS_FIN_WAIT_2);
	assert_int_equal(e[0].all, 0);
	assert_int_equal(e[0].armed_min, -1);
	assert_int_equal(e[0].armed_max, -1);
	assert_int_equal(e[1].negate, 1);
	assert_int_equal(e[1].endpoint, 1);
	assert_int_equal(e[1].all, 1);
	assert_int_equal(e[1].armed_min, 0);
	assert_int_equal(e[1].armed_max, 60);
	assert_int_equal(e[2].state, TS_TIME_WAIT);
	assert_int_equal(e[2].all, 1);
	assert_int_equal(e[2].armed_min, 50);
	assert_int_equal(e[2].armed_max, 60);
	assert_int_equal(e[3].kind, EXPECT_SAW);
	assert_int_equal(e[3].state, TS_LAST_ACK);
	assert_int_equal(e[3].all, 1);
	assert_int_equal(e[3].armed_min, -1);
	assert_int_equal(e[4].kind, EXPECT_SEG);
	assert_int_equal(e[4].endpoint, 0);
	assert_int_equal(e[4].peer, 1);
	assert_int_equal(e[4].flags, TF_FIN | TF_ACK);
	assert_int_equal(e[4].min_count, 5);
	assert_int_equal(e[5].negate, 1);
	assert_int_equal(e[5].endpoint, 1);
	assert_int_equal(e[5].flags, TF_RST);
	assert_int_equal(e[5].min_count, 1);
	assert_int_equal(e[6].kind, EXPECT_CALL);
	assert_int_equal(e[6].call, CALL_ACCEPT);
	assert_int_equal(e[6].op, CALL_OP_EQ);
	assert_int_equal(e[6].ret, -1);
	assert_int_equal(e[6].err, EAGAIN);
	assert_int_equal(e[6].sigpipe, 0);
	assert_int_equal(e[7].err, EPIPE);
	assert_int_equal(e[7].sigpipe, 1);
	assert_int_equal(e[8].call, CALL_RECV);
	assert_int_equal(e[8].op, CALL_OP_GT);
	assert_int_equal(e[8].ret, 0);
	assert_int_equal(e[8].err, 0);
	assert_int_equal(e[9].endpoint, 2);
	assert_int_equal(e[9].line, 54);
	lesson_free(l);
}

/* A step title, counted states, a call's duration and the lab's calls. */
static void
test_lesson_good_counts(void **state)
{
	static const char	 input[] = TEST_LESSON_HEAD
	    "setup\n"
	    "do lab sysctl tcp_tw_recycle 1\n"
	    "expect lab call sysctl = -1 ENOENT\n"
	    TEST_LESSON_STEP
	    "title en The first step\n"
	    "title zh 第一步\n"
	    "do server close conns\n"
	    "do client connect 9000 reuseaddr count 2\n"
	    "expect client state TIME_WAIT count 3..5 armed 1..60\n"
	    "expect no client state CLOSED count 2\n"
	    "expect client call close = 0 took 1500..3000\n"
	    "expect no server holds 2..3\n";
	struct lesson		*l;
	struct expect		*e;
	char			*cause;

	(void)state;
	l = test_lesson_parse(input, strlen(input), &cause);
	assert_non_null(l);
	assert_int_equal(l->setup[0].sysctl, SYSCTL_TCP_TW_RECYCLE);
	assert_string_equal(lesson_sysctl_name(SYSCTL_TCP_TW_RECYCLE),
	    "tcp_tw_recycle");
	e = l->setup_expects;
	assert_int_equal(e[0].endpoint, LESSON_LAB);
	assert_int_equal(e[0].call, CALL_SYSCTL);
	assert_int_equal(e[0].err, ENOENT);
	assert_string_equal(l->steps[0].title.s[LANG_EN], "The first step");
	assert_string_equal(l->steps[0].title.s[LANG_ZH], "第一步");
	assert_int_equal(l->steps[0].actions[0].target, TARGET_CONNS);
	assert_int_equal(l->steps[0].actions[1].reuseaddr, 1);
	assert_int_equal(l->steps[0].actions[1].count, 2);
	assert_string_equal(l->title.s[LANG_EN], "T");
	e = l->steps[0].expects;
	assert_int_equal(e[0].count_min, 3);
	assert_int_equal(e[0].count_max, 5);
	assert_int_equal(e[0].armed_min, 1);
	assert_int_equal(e[1].negate, 1);
	assert_int_equal(e[1].count_min, 2);
	assert_int_equal(e[1].count_max, 2);
	assert_int_equal(e[2].took_min, 1500);
	assert_int_equal(e[2].took_max, 3000);
	assert_int_equal(e[2].count_min, -1);
	assert_int_equal(e[3].kind, EXPECT_HOLDS);
	assert_int_equal(e[3].negate, 1);
	assert_int_equal(e[3].endpoint, 1);
	assert_int_equal(e[3].count_min, 2);
	assert_int_equal(e[3].count_max, 3);
	lesson_free(l);
}

/* The second step: a prediction with choices in the order first seen. */
static void
test_lesson_good_prediction(void **state)
{
	struct lesson		*l;
	struct prediction	*q;
	char			*cause;

	(void)state;
	l = test_lesson_parse(test_lesson_good, strlen(test_lesson_good),
	    &cause);
	assert_non_null(l);
	assert_int_equal(l->steps[1].key, 'n');
	assert_null(l->steps[1].after.s[LANG_EN]);
	q = l->steps[1].ask;
	assert_non_null(q);
	assert_string_equal(q->question.s[LANG_EN], "What happens?");
	assert_string_equal(q->question.s[LANG_ZH], "会怎样？");
	assert_int_equal(q->nchoices, 2);
	assert_int_equal(q->choices[0].key, 'b');
	assert_string_equal(q->choices[0].text.s[LANG_EN], "Bee");
	assert_string_equal(q->choices[0].text.s[LANG_ZH], "乙");
	assert_int_equal(q->choices[0].when.kind, EXPECT_SEG);
	assert_int_equal(q->choices[0].when.negate, 1);
	assert_int_equal(q->choices[0].when.flags, TF_FIN);
	assert_int_equal(q->choices[1].key, 'a');
	assert_int_equal(q->choices[1].when.kind, EXPECT_STATE);
	assert_int_equal(q->choices[1].when.state, TS_CLOSED);
	lesson_free(l);
}

/* A byte-order mark, CRLF line ends and a file without a final newline. */
static void
test_lesson_crlf(void **state)
{
	static const char	 input[] = "\xef\xbb\xbflesson t\r\n"
				    "title en T\r\ntitle zh T\r\n"
				    "summary en S\r\nsummary zh S\r\n"
				    "chapter 1\r\norder 1\r\n"
				    "endpoint client\r\nstep s\r\nkey k\r\n"
				    "say en S \r\nsay zh S";
	struct lesson		*l;
	char			*cause;

	(void)state;
	l = test_lesson_parse(input, sizeof input - 1, &cause);
	assert_null(cause);
	assert_non_null(l);
	assert_string_equal(l->id, "t");
	assert_string_equal(l->steps[0].say.s[LANG_EN], "S");
	assert_string_equal(l->steps[0].say.s[LANG_ZH], "S");
	lesson_free(l);
}

/* A line of 4096 bytes is fine; one byte more is not. */
static void
test_lesson_long_line(void **state)
{
	static const char	 head[] = TEST_LESSON_HEAD "# ";
	static const char	 tail[] = "\n" TEST_LESSON_STEP;
	char			*input, *cause;
	size_t			 n, len;
	struct lesson		*l;

	(void)state;
	for (n = 4094; n <= 4095; n++) {
		len = sizeof head - 1 + n + sizeof tail - 1;
		input = malloc(len);
		assert_non_null(input);
		memcpy(input, head, sizeof head - 1);
		memset(input + sizeof head - 1, 'x', n);
		memcpy(input + sizeof head - 1 + n, tail, sizeof tail - 1);
		l = test_lesson_parse(input, len, &cause);
		if (n == 4094) {
			assert_non_null(l);
			lesson_free(l);
		} else {
			assert_null(l);
			assert_string_equal(cause, TEST_LESSON_PATH
			    ":10: line longer than 4096 bytes");
			free(cause);
		}
		free(input);
	}
}

/* Thousands of appended say lines join with newlines, in order, exactly as
 * written. */
static void
test_lesson_many_say_lines(void **state)
{
	static const char	 head[] = TEST_LESSON_HEAD "step s\nkey k\n";
	char			*input, *p, line[32];
	const char		*en, *zh;
	size_t			 i, n = 20000;
	struct lesson		*l;
	char			*cause;

	(void)state;
	input = malloc(sizeof head + n * 2 * sizeof line);
	assert_non_null(input);
	p = input + strlen(strcpy(input, head));
	for (i = 0; i < n; i++)
		p += sprintf(p, "say en line %zu\nsay zh 第 %zu 行\n", i, i);
	l = test_lesson_parse(input, (size_t)(p - input), &cause);
	assert_non_null(l);
	en = l->steps[0].say.s[LANG_EN];
	zh = l->steps[0].say.s[LANG_ZH];
	for (i = 0; i < n; i++) {
		snprintf(line, sizeof line, "line %zu", i);
		assert_memory_equal(en, line, strlen(line));
		en += strlen(line);
		assert_int_equal(*en, i + 1 < n ? '\n' : '\0');
		en++;
		snprintf(line, sizeof line, "第 %zu 行", i);
		assert_memory_equal(zh, line, strlen(line));
		zh += strlen(line) + 1;
	}
	lesson_free(l);
	free(input);
}

/* lesson_text falls back to English, then to "". */
static void
test_lesson_text_fallback(void **state)
{
	char		 en[] = "hello";
	struct text	 t;

	(void)state;
	memset(&t, 0, sizeof t);
	assert_string_equal(lesson_text(&t, LANG_ZH), "");
	t.s[LANG_EN] = en;
	assert_string_equal(lesson_text(&t, LANG_ZH), "hello");
	assert_string_equal(lesson_sysctl_name(SYSCTL_TCP_RTO_MIN_US),
	    "tcp_rto_min_us");
	assert_string_equal(lesson_sysctl_name(SYSCTL_IP_LOCAL_PORT_RANGE),
	    "ip_local_port_range");
}

/* What a lesson needs of the kernel: a sysctl newer than Linux 6.1 is
 * declared; the route's rto_min works everywhere. */
static void
test_lesson_kernel_features(void **state)
{
	static const char	 input[] = "lesson t\ntitle en T\ntitle zh T\n"
				    "summary en S\nsummary zh S\nchapter 1\n"
				    "order 1\nendpoint client\n"
				    "requires sysctl tcp_rto_min_us\n"
				    "setup\ndo lab sysctl tcp_rto_min_us 50000\n"
				    "do lab rto-min 50\n"
				    "expect lab call route = 0\n"
				    "step s\nkey k\nsay en S\nsay zh S\n";
	struct lesson		*l;
	char			*cause = NULL;

	(void)state;
	l = lesson_parse("t.lesson", input, sizeof input - 1, &cause);
	if (l == NULL)
		fail_msg("%s", cause);
	assert_int_equal(l->requires, 1U << SYSCTL_TCP_RTO_MIN_US);
	assert_int_equal(l->setup[1].kind, ACT_RTO_MIN);
	assert_int_equal(l->setup[1].msec, 50);
	assert_int_equal(l->setup[1].endpoint, -1);
	assert_int_equal(l->setup_expects[0].call, CALL_ROUTE);
	assert_string_equal(lesson_sysctl_since_release(SYSCTL_TCP_RTO_MIN_US),
	    "6.11");
	assert_null(lesson_sysctl_since_release(SYSCTL_TCP_FIN_TIMEOUT));
	lesson_free(l);
}

/* The id is only checked against names that end in ".lesson". */
static void
test_lesson_other_path(void **state)
{
	static const char	 input[] = "lesson t\ntitle en T\ntitle zh T\n"
				    "summary en S\nsummary zh S\nchapter 1\n"
				    "order 1\nendpoint client\n"
				    TEST_LESSON_STEP;
	struct lesson		*l;
	char			*cause = NULL;

	(void)state;
	l = lesson_parse("<stdin>", input, sizeof input - 1, &cause);
	assert_non_null(l);
	lesson_free(l);
}

/* A sandbox: no steps, expectations in the setup, a chapter title. */
static void
test_lesson_sandbox(void **state)
{
	static const char	 input[] = TEST_LESSON_HEAD
				    "chapter-title en Free play\n"
				    "chapter-title zh 自由练习\n"
				    "sandbox\n"
				    "setup\n"
				    "do server listen 9000\n"
				    "do client connect 9000\n"
				    "expect client state ESTABLISHED\n";
	struct lesson		*l;
	char			*cause = NULL;

	(void)state;
	l = lesson_parse(TEST_LESSON_PATH, input, sizeof input - 1, &cause);
	assert_non_null(l);
	assert_int_equal(l->sandbox, 1);
	assert_int_equal(l->nsteps, 0);
	assert_int_equal(l->nsetup, 2);
	assert_int_equal(l->nsetup_expects, 1);
	assert_int_equal(l->setup_expects[0].kind, EXPECT_STATE);
	assert_int_equal(l->setup_expects[0].state, TS_ESTABLISHED);
	assert_string_equal(lesson_text(&l->chapter_title, LANG_ZH),
	    "自由练习");
	lesson_free(l);
}

/* Wire actions and expectations, and the flag that the lab needs the wire. */
static void
test_lesson_wire(void **state)
{
	static const char	 plain[] = TEST_LESSON_HEAD TEST_LESSON_STEP
	    "do client close\n";
	static const char	 input[] = TEST_LESSON_HEAD TEST_LESSON_STEP
	    "do wire hold client fin\n"
	    "do wire drop any ack x3\n"
	    "do wire drop server data\n"
	    "do wire drop held\n"
	    "do wire deliver\n"
	    "do wire deliver all\n"
	    "do wire pass\n"
	    "expect wire drop client>server . x2\n"
	    "expect no wire hold server>client F\n"
	    "expect client saw TIME_WAIT restart\n";
	struct lesson		*l;
	struct action		*a;
	struct expect		*e;
	char			*cause;

	(void)state;
	l = test_lesson_parse(plain, strlen(plain), &cause);
	assert_non_null(l);
	assert_int_equal(l->uses_wire, 0);
	lesson_free(l);

	l = test_lesson_parse(input, strlen(input), &cause);
	assert_non_null(l);
	assert_int_equal(l->uses_wire, 1);
	assert_int_equal(l->steps[0].nactions, 7);
	a = l->steps[0].actions;
	assert_int_equal(a[0].kind, ACT_WIRE);
	assert_int_equal(a[0].endpoint, -1);
	assert_int_equal(a[0].wire, WIRE_ACT_HOLD);
	assert_int_equal(a[0].sender, 0);
	assert_int_equal(a[0].wire_kind, WIRE_FIN);
	assert_int_equal(a[1].wire, WIRE_ACT_DROP);
	assert_int_equal(a[1].sender, WIRE_ANY_SENDER);
	assert_int_equal(a[1].wire_kind, WIRE_ACK);
	assert_int_equal(a[1].count, 3);
	assert_int_equal(a[2].sender, 1);
	assert_int_equal(a[2].wire_kind, WIRE_DATA);
	assert_int_equal(a[2].count, 1);
	assert_int_equal(a[3].wire, WIRE_ACT_DROP_HELD);
	assert_int_equal(a[4].wire, WIRE_ACT_DELIVER);
	assert_int_equal(a[5].wire, WIRE_ACT_DELIVER_ALL);
	assert_int_equal(a[6].wire, WIRE_ACT_PASS);
	e = l->steps[0].expects;
	assert_int_equal(e[0].kind, EXPECT_WIRE);
	assert_int_equal(e[0].wire_op, WIRE_OP_DROP);
	assert_int_equal(e[0].endpoint, 0);
	assert_int_equal(e[0].peer, 1);
	assert_int_equal(e[0].flags, TF_ACK);
	assert_int_equal(e[0].min_count, 2);
	assert_int_equal(e[1].negate, 1);
	assert_int_equal(e[1].wire_op, WIRE_OP_HOLD);
	assert_int_equal(e[2].kind, EXPECT_SAW);
	assert_int_equal(e[2].restart, 1);
	assert_string_equal(lesson_wire_kind_name(WIRE_FIN), "fin");
	assert_string_equal(lesson_wire_op_name(WIRE_OP_DELIVER), "deliver");
	lesson_free(l);
}

/* lesson_load: a missing file, a file too large, and a good file. */
static void
test_lesson_load(void **state)
{
	char		 dir[] = "/tmp/test_lesson.XXXXXX", path[64];
	char		*cause = NULL, *big;
	struct lesson	*l;
	FILE		*f;

	(void)state;
	assert_null(lesson_load("/nonexistent/x.lesson", &cause));
	assert_string_equal(cause,
	    "/nonexistent/x.lesson: cannot open: No such file or directory");
	free(cause);

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.lesson", dir);
	assert_non_null(f = fopen(path, "w"));
	assert_non_null(big = calloc(1024 * 1024 + 1, 1));
	memset(big, '#', 1024 * 1024 + 1);
	assert_int_equal(fwrite(big, 1, 1024 * 1024 + 1, f), 1024 * 1024 + 1);
	assert_int_equal(fclose(f), 0);
	free(big);
	assert_null(lesson_load(path, &cause));
	assert_string_equal(cause + strlen(dir),
	    "/t.lesson:1: the file is larger than 1 MiB");
	free(cause);

	/* Not a regular file: refused at once, never waited on. */
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_null(lesson_load(path, &cause));
	assert_string_equal(cause + strlen(dir),
	    "/t.lesson is not a regular file (a FIFO)");
	free(cause);
	assert_int_equal(lesson_regular_file(path, &cause), -1);
	assert_string_equal(cause + strlen(dir),
	    "/t.lesson is not a regular file (a FIFO)");
	free(cause);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_null(lesson_load(path, &cause));
	assert_string_equal(cause + strlen(dir),
	    "/t.lesson is not a regular file (a directory)");
	free(cause);
	assert_int_equal(rmdir(path), 0);

	assert_non_null(f = fopen(path, "w"));
	fputs(TEST_LESSON_HEAD TEST_LESSON_STEP, f);
	assert_int_equal(fclose(f), 0);
	l = lesson_load(path, &cause);
	assert_non_null(l);
	assert_string_equal(l->id, "t");
	lesson_free(l);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

/* Run every test, one per malformed lesson. */
int
main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_lesson_good_head),
		cmocka_unit_test(test_lesson_no_place),
		cmocka_unit_test(test_lesson_good_actions),
		cmocka_unit_test(test_lesson_good_expects),
		cmocka_unit_test(test_lesson_while),
		cmocka_unit_test(test_lesson_shutdown_targets),
		cmocka_unit_test(test_lesson_good_prediction),
		cmocka_unit_test(test_lesson_good_counts),
		cmocka_unit_test(test_lesson_crlf),
		cmocka_unit_test(test_lesson_long_line),
		cmocka_unit_test(test_lesson_many_say_lines),
		cmocka_unit_test(test_lesson_text_fallback),
		cmocka_unit_test(test_lesson_other_path),
		cmocka_unit_test(test_lesson_sandbox),
		cmocka_unit_test(test_lesson_wire),
		cmocka_unit_test(test_lesson_load),
		cmocka_unit_test(test_lesson_kernel_features)
	};

	return (test_lesson_run("lesson", fixed, sizeof fixed /
	    sizeof fixed[0], test_lesson_bads, sizeof test_lesson_bads /
	    sizeof test_lesson_bads[0]));
}
