# The bash completion: commands, options, their values and lesson ids,
# the ids read from the finwave being completed.
. tests/kernel/lib.sh
if ! command -v bash >/dev/null; then
	echo "SKIP completion: bash is not installed"
	exit 0
fi
# complete WORDS...: what the completion offers for the last word.
complete_words() {
	bash -c '. assets/finwave.bash
	    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _finwave
	    echo "${COMPREPLY[*]}"' complete "$@"
}
expect_eq "a lesson id" "four-way-close" \
    "$(complete_words "$FINWAVE" play four)"
expect_eq "a theme" "high-contrast" \
    "$(complete_words "$FINWAVE" --theme h)"
expect_eq "a command" "play" "$(complete_words "$FINWAVE" pl)"
expect_eq "play's options" "--settle --svg" \
    "$(complete_words "$FINWAVE" play four-way-close --s)"
expect_eq "check's options" "-j --pace --settle" "$(complete_words "$FINWAVE" check -)"
expect_eq "a speed" "0.25 0.5" "$(complete_words "$FINWAVE" --speed 0.)"
expect_eq "a lesson file" "lessons/four-way-close.lesson" \
    "$(complete_words "$FINWAVE" lint lessons/four-w)"
expect_eq "no lesson after list" "" "$(complete_words "$FINWAVE" list four)"
# The binary completed is the one asked: one that knows no lesson offers
# none.
printf '#!/bin/sh\necho "only-mine  Mine"\n' >"$TMP/finwave"
chmod +x "$TMP/finwave"
expect_eq "the ids of the finwave completed" "only-mine" \
    "$(complete_words "$TMP/finwave" play o)"
