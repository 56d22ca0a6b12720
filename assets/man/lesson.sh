#!/bin/sh
# lesson.sh README: print finwave-lesson(5), made from README's section
# "The lesson format" (up to the next section of that level, "Writing a
# lesson") with pandoc, the filter lesson.lua and the template lesson.man
# beside this script. make man writes it to assets/finwave-lesson.5, and
# tests/pkg/man.sh checks that the committed page is what this makes.
set -e
here=$(dirname "$0")
readme=${1:?usage: lesson.sh lessons/README.md}
grep -q '^## The lesson format$' "$readme" ||
    { echo "$readme: no '## The lesson format' section" >&2; exit 1; }
# From the section's heading (left out: the page has its own NAME and
# DESCRIPTION) to the next "## " heading outside a code block.
awk '
	/^```/ { fence = !fence }
	!fence && /^## / { inside = ($0 == "## The lesson format"); next }
	inside
' "$readme" |
    pandoc -f gfm -t man --lua-filter="$here/lesson.lua" \
	--template="$here/lesson.man" |
    # A paragraph right after a heading starts by itself: no .PP there.
    awk '!(/^\.PP$/ && heading) { print } { heading = /^\.S[HS] / }'
