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
# check A B C runs the lessons that load and reports the others, then
# exits 2; lint parses without a lab and reports every file.
XDG_DATA_HOME="$TMP/own" XDG_DATA_DIRS="$TMP/sys" "$FINWAVE" check sandbox \
    "$TMP/bad.lesson" no-such-lesson >"$TMP/out" 2>"$TMP/err"
expect_eq "check with bad names among good: exits 2" 2 "$?"
grep -q '^ok    sandbox ' "$TMP/out"
expect_eq "check with bad names among good: the good one ran" 0 "$?"
expect_eq "check with bad names among good: each bad one reported" \
    "$TMP/bad.lesson:3: unknown directive 'frobnicate'
no lesson 'no-such-lesson' in $PWD/lessons, $TMP/own/finwave/lessons or $TMP/sys/finwave/lessons" \
    "$(cat "$TMP/err")"
"$FINWAVE" lint lessons/sandbox.lesson "$TMP/bad.lesson" \
    lessons/four-way-close.lesson >"$TMP/out" 2>"$TMP/err"
expect_eq "lint with a bad file exits 2" 2 "$?"
expect_eq "lint: the good files are ok" \
    "lessons/sandbox.lesson: ok
lessons/four-way-close.lesson: ok" "$(cat "$TMP/out")"
expect_eq "lint: the bad file's first error" \
    "$TMP/bad.lesson:3: unknown directive 'frobnicate'" "$(cat "$TMP/err")"
"$FINWAVE" lint lessons >"$TMP/out" 2>&1
expect_eq "lint of the shipped folder: every file ok" \
    "0 $(ls lessons/*.lesson | wc -l)" "$? $(grep -c ': ok$' "$TMP/out")"
"$FINWAVE" lint >/dev/null 2>&1
expect_eq "lint without a file is a usage error" 2 "$?"
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
# A teacher's lesson in one place of the curriculum with a shipped one:
# it is skipped, naming both files, and every shipped lesson still lists.
own="$TMP/dup/finwave/lessons"
mkdir -p "$own"
sed 's/^lesson four-way-close$/lesson twin/' lessons/four-way-close.lesson \
    >"$own/twin.lesson"
line=$(grep -n '^order' "$own/twin.lesson" | cut -d: -f1)
XDG_DATA_HOME="$TMP/dup" "$FINWAVE" list >"$TMP/out" 2>"$TMP/err"
expect_eq "a lesson in a taken place: list still exits 0" 0 "$?"
expect_eq "a lesson in a taken place: message naming both" \
    "$own/twin.lesson:$line: 'twin' and 'four-way-close' ($PWD/lessons/four-way-close.lesson:$line) share chapter 1, order 1" \
    "$(cat "$TMP/err")"
expect_eq "a lesson in a taken place: the shipped ones all list" \
    "$(ls lessons/*.lesson | wc -l)" "$(wc -l <"$TMP/out")"

# ./lessons of the current directory is not the catalogue: a course
# folder's lessons do not replace the shipped ones; named, they run.
mkdir -p "$TMP/course/lessons"
cp "$own/twin.lesson" "$TMP/course/lessons/"
fwabs=$(cd "$(dirname "$FINWAVE")" && pwd)/$(basename "$FINWAVE")
(cd "$TMP/course" && "$fwabs" list) >"$TMP/out" 2>&1
expect_eq "./lessons is not read: the shipped lessons list" \
    "$(ls lessons/*.lesson | wc -l)" "$(grep -c . "$TMP/out")"
(cd "$TMP/course" && "$fwabs" lint lessons ./lessons/twin.lesson) \
    >"$TMP/out" 2>"$TMP/err"
expect_eq "./lessons named: lint reads it, and reports the taken place" \
    "2 0" "$? $(wc -l <"$TMP/out")"
expect_eq "./lessons named: lint's message, once a file" \
    "lessons/twin.lesson:$line: 'twin' and 'four-way-close' ($PWD/lessons/four-way-close.lesson:$line) share chapter 1, order 1
./lessons/twin.lesson:$line: 'twin' and 'four-way-close' ($PWD/lessons/four-way-close.lesson:$line) share chapter 1, order 1" \
    "$(cat "$TMP/err")"

# A lesson file that is not a regular one (a FIFO, a directory named
# x.lesson) is refused at once with a clear message; it never hangs
# finwave, list or check. In a teacher's folder it is skipped.
mkdir -p "$TMP/odd/finwave/lessons"
mkfifo "$TMP/odd/finwave/lessons/fifo.lesson"
mkfifo "$TMP/pipe.lesson"
mkdir "$TMP/dir.lesson"
XDG_DATA_HOME="$TMP/odd" timeout 10 "$FINWAVE" list >"$TMP/out" 2>"$TMP/err"
expect_eq "a FIFO in a teacher's folder: list exits 0 at once" 0 "$?"
expect_eq "a FIFO in a teacher's folder: list says why" \
    "$TMP/odd/finwave/lessons/fifo.lesson is not a regular file (a FIFO)" \
    "$(cat "$TMP/err")"
for cmd in fifo "play fifo" "lint fifo"; do
	XDG_DATA_HOME="$TMP/odd" timeout 10 "$FINWAVE" $cmd >/dev/null \
	    2>"$TMP/err"
	expect_eq "a FIFO in a teacher's folder: '$cmd' exits 2 at once" 2 "$?"
	expect_eq "a FIFO in a teacher's folder: '$cmd' says why" \
	    "$TMP/odd/finwave/lessons/fifo.lesson is not a regular file (a FIFO)" \
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
