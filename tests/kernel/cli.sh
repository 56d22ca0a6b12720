# The command line: usage errors and bad lesson files exit 2 with a clear
# message; list shows every lesson.
. tests/kernel/lib.sh
"$FINWAVE" frobnicate extra >/dev/null 2>&1
expect_eq "unknown command exits 2" 2 "$?"
"$FINWAVE" play >/dev/null 2>&1
expect_eq "play without a lesson exits 2" 2 "$?"
"$FINWAVE" play no-such-lesson 2>"$TMP/err" >/dev/null
expect_eq "unknown lesson exits 2" 2 "$?"
printf 'lesson bad\ntitle en Bad\nfrobnicate\n' >"$TMP/bad.lesson"
"$FINWAVE" check "$TMP/bad.lesson" >/dev/null 2>"$TMP/err"
expect_eq "malformed lesson exits 2" 2 "$?"
expect_eq "malformed lesson message" "$TMP/bad.lesson:3: unknown directive 'frobnicate'" \
    "$(cat "$TMP/err")"
n=$(ls lessons/*.lesson | wc -l)
expect_eq "list shows every lesson" "$n" "$("$FINWAVE" list | wc -l)"
"$FINWAVE" list | grep -q '^four-way-close  *The four-way close$'
expect_eq "list shows id and title" 0 "$?"
"$FINWAVE" list --lang zh | grep -q '^four-way-close  *四次挥手$'
expect_eq "list in Chinese" 0 "$?"
# The language as gettext chooses it: LANGUAGE first (not under C), then
# LC_ALL, LC_MESSAGES, LANG; --lang wins. zh_CN.UTF-8 need not be
# installed: its characters are drawn through C.UTF-8.
title() {
	env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$@" "$FINWAVE" list \
	    ${LIST_ARGS:-} |
	    sed -n 's/^four-way-close  *//p'
}
expect_eq "LANG=zh_CN.UTF-8 is Chinese" "四次挥手" "$(title LANG=zh_CN.UTF-8)"
expect_eq "LC_ALL wins over LANG" "The four-way close" \
    "$(title LANG=zh_CN.UTF-8 LC_ALL=en_US.UTF-8)"
expect_eq "LC_MESSAGES wins over LANG" "四次挥手" \
    "$(title LANG=en_US.UTF-8 LC_MESSAGES=zh_CN.UTF-8)"
expect_eq "LANGUAGE wins over the locale" "四次挥手" \
    "$(title LANG=en_US.UTF-8 LANGUAGE=fr:zh_CN:en)"
expect_eq "LANGUAGE is ignored under C" "The four-way close" \
    "$(title LANG=C LANGUAGE=zh_CN)"
expect_eq "Traditional Chinese gets Simplified" "四次挥手" \
    "$(title LANG=zh_TW.UTF-8)"
expect_eq "--lang wins over LANGUAGE" "The four-way close" \
    "$(LIST_ARGS="--lang en" title LANG=zh_CN.UTF-8 LANGUAGE=zh)"
"$FINWAVE" --version | grep -q '^finwave [0-9]'
expect_eq "--version" 0 "$?"
# Two lessons in one place of the curriculum: the second is refused.
mkdir -p "$TMP/dup/lessons"
cp lessons/four-way-close.lesson "$TMP/dup/lessons/"
sed 's/^lesson four-way-close$/lesson twin/' lessons/four-way-close.lesson \
    >"$TMP/dup/lessons/twin.lesson"
line=$(grep -n '^order' "$TMP/dup/lessons/twin.lesson" | cut -d: -f1)
fw=$(cd "$(dirname "$FINWAVE")" && pwd)/$(basename "$FINWAVE")
(cd "$TMP/dup" && "$fw" list >/dev/null 2>"$TMP/err")
expect_eq "two lessons in one place exit 2" 2 "$?"
expect_eq "two lessons in one place: message" \
    "lessons/twin.lesson:$line: 'twin' and 'four-way-close' (lessons/four-way-close.lesson:$line) share chapter 1, order 1" \
    "$(cat "$TMP/err")"

# A lesson path or ./lessons entry that is not a regular file (a FIFO, a
# directory named x.lesson) is refused at once with a clear message; it
# never hangs finwave, list or check.
mkdir -p "$TMP/odd/lessons"
cp lessons/four-way-close.lesson "$TMP/odd/lessons/"
mkfifo "$TMP/odd/lessons/fifo.lesson"
mkfifo "$TMP/pipe.lesson"
mkdir "$TMP/dir.lesson"
fwabs=$(cd "$(dirname "$FINWAVE")" && pwd)/$(basename "$FINWAVE")
for cmd in list check fifo "play fifo"; do
	(cd "$TMP/odd" && timeout 10 "$fwabs" $cmd >/dev/null 2>"$TMP/err")
	expect_eq "a FIFO in ./lessons: '$cmd' exits 2 at once" 2 "$?"
	expect_eq "a FIFO in ./lessons: '$cmd' says why" \
	    "lessons/fifo.lesson is not a regular file (a FIFO)" \
	    "$(cat "$TMP/err")"
done
timeout 10 "$FINWAVE" play "$TMP/pipe.lesson" >/dev/null 2>"$TMP/err"
expect_eq "play FIFO exits 2 at once" 2 "$?"
expect_eq "play FIFO says why" \
    "$TMP/pipe.lesson is not a regular file (a FIFO)" "$(cat "$TMP/err")"
timeout 10 "$FINWAVE" check "$TMP/dir.lesson" >/dev/null 2>"$TMP/err"
expect_eq "check DIR.lesson exits 2" 2 "$?"
expect_eq "check DIR.lesson says why" \
    "$TMP/dir.lesson is not a regular file (a directory)" "$(cat "$TMP/err")"
"$FINWAVE" check "$TMP/none.lesson" >/dev/null 2>"$TMP/err"
expect_eq "a missing file names the problem" \
    "$TMP/none.lesson: cannot open: No such file or directory" \
    "$(cat "$TMP/err")"

# Texts that would drive the terminal are refused, with file:line:.
mkdir "$TMP/esc"
sed 's/^\(\tsay en The connection\)/\1 \x1b]0;owned\x07/' \
    lessons/four-way-close.lesson >"$TMP/esc/four-way-close.lesson"
line=$(grep -n "$(printf '\033')" "$TMP/esc/four-way-close.lesson" | cut -d: -f1)
"$FINWAVE" play "$TMP/esc/four-way-close.lesson" >"$TMP/out" 2>"$TMP/err"
expect_eq "an escape sequence in a lesson exits 2" 2 "$?"
expect_eq "an escape sequence in a lesson: file:line:" \
    "$TMP/esc/four-way-close.lesson:$line: control character U+001B: a lesson cannot carry terminal controls" \
    "$(cat "$TMP/err")"
expect_eq "an escape sequence in a lesson: nothing reaches stdout" "" \
    "$(cat "$TMP/out")"

# --pace: seconds from 0 to 600, for play and check only.
for pace in -1 abc 601 nan inf ""; do
	"$FINWAVE" check --pace "$pace" sandbox >/dev/null 2>"$TMP/err"
	expect_eq "--pace '$pace' exits 2" 2 "$?"
done
expect_eq "--pace's message" "finwave: --pace takes 0 to 600 seconds" \
    "$(head -n 1 "$TMP/err")"
"$FINWAVE" --pace 5 list >/dev/null 2>"$TMP/err"
expect_eq "--pace with list exits 2" 2 "$?"
expect_eq "--pace with list: message" "finwave: --pace is for play and check" \
    "$(head -n 1 "$TMP/err")"
fw check --pace 0.5 sandbox >"$TMP/out" 2>&1
expect_eq "--pace 0.5 is a pace" 0 "$?"
grep -q '^ok    sandbox .*, paced 0.5 s$' "$TMP/out"
expect_eq "check says the pace it read at" 0 "$?"
