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
