#!/bin/sh
# A teacher's own lessons ($XDG_DATA_HOME/finwave/lessons) and a course's
# ($XDG_DATA_DIRS): they join list, check and the menu, each in its
# folder's chapter; a broken file is skipped with a note in the menu and
# its reason one key away, and never keeps the rest from running.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	fail "teacher" "tmux is not installed"
	exit 0
fi
own="$TMP/data/finwave/lessons"
course="$TMP/sys/finwave/lessons"
mkdir -p "$own" "$course"
# mine: the four-way close under another id, naming no chapter or order.
sed -e 's/^lesson four-way-close$/lesson mine/' \
    -e 's/^\(title[ \t]*en[ \t]*\).*/\1My own close/' \
    -e '/^chapter/d' -e '/^order/d' lessons/four-way-close.lesson \
    >"$own/mine.lesson"
sed -e 's/^lesson sandbox$/lesson course-play/' \
    -e 's/^\(title[ \t]*en[ \t]*\).*/\1The course sandbox/' \
    -e '/^chapter/d' -e '/^order/d' lessons/sandbox.lesson \
    >"$course/course-play.lesson"
printf 'lesson broken\ntitle en Broken\nfrobnicate\n' >"$own/broken.lesson"
export XDG_DATA_HOME="$TMP/data" XDG_DATA_DIRS="$TMP/sys"

fw list >"$TMP/out" 2>"$TMP/err"
expect_eq "list with a broken teacher's file exits 0" 0 "$?"
expect_eq "list: the broken file's reason, on stderr" \
    "$own/broken.lesson:3: unknown directive 'frobnicate'" "$(cat "$TMP/err")"
expect_eq "list: the shipped lessons, then the teacher's, then the course's" \
    "$(ls lessons/*.lesson | wc -l) mine course-play" \
    "$(($(wc -l <"$TMP/out") - 2)) $(tail -n 2 "$TMP/out" | cut -d' ' -f1 | tr '\n' ' ' | sed 's/ $//')"

fw check mine >"$TMP/out" 2>&1
expect_eq "check runs a teacher's lesson by id" 0 "$?"
grep -q '^ok    mine ' "$TMP/out"
expect_eq "check says the teacher's lesson held" 0 "$?"

# The menu: the note, the chapters, the reasons; the lesson opens and runs.
FW_ENV="XDG_DATA_HOME=$XDG_DATA_HOME XDG_DATA_DIRS=$XDG_DATA_DIRS XDG_STATE_HOME=$TMP/state"
tmux_start 80 24
check "the menu opens with a broken teacher's file" 5 \
    shows '1 lesson file was skipped: press w to see why'
tm send-keys -t fw NPage NPage NPage NPage NPage
check "the teacher's lesson is in a chapter of its own" 5 \
    shows '^ Your lessons$'
check "the course's lesson is in the shared chapter" 5 \
    shows '^ Shared lessons$'
check "the course's lesson is listed" 5 shows 'The course sandbox'
tm send-keys -t fw w
check "w shows why the file was skipped" 5 \
    shows "broken.lesson:3: unknown directive"
tm send-keys -t fw x Up
check "any key closes the reasons; the teacher's lesson is selected" 5 \
    shows '▸ +My own close'
tm send-keys -t fw Enter
check "the teacher's lesson opens" 5 shows 'My own close'
# Keys typed while the setup is shown are not taken as answers: wait.
check "the teacher's lesson asks its question" 30 shows 'Press 1-2 to guess'
tm send-keys -t fw 1
sleep 0.5
tm send-keys -t fw c
check "its first step runs against the kernel" 15 shows 'FIN_WAIT_2'
tm send-keys -t fw q
tm send-keys -t fw q
check "finwave quits" 5 exited_with 0
tmux_end
