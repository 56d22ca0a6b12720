#!/bin/sh
# The layer check can fail: on a small tree with one break of each kind it
# must name each, and on the same tree mended it must pass.
cd "$(dirname "$0")" || exit 2
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/src/base" "$root/src/model" "$root/src/tui" \
    "$root/include/base" "$root/include/model" "$root/include/tui"
printf '#include "base/a.h"\n' > "$root/src/base/a.c"
: > "$root/include/base/a.h"
printf '#include "tui/v.h"\n#include "base/a.h"\n' > "$root/src/model/m.c"
printf '#include "a.h"\n' > "$root/include/model/m.h"
printf '#include <curses.h>\n#include "tui/w.h"\n' > "$root/src/tui/v.c"
printf '#include "tui/v.h"\n' > "$root/src/tui/w.c"
: > "$root/include/tui/v.h"
: > "$root/include/tui/w.h"
: > "$root/src/stray.c"

out=$(sh ./check.sh "$root")
status=$?
# expect WHAT TEXT: the check's output holds TEXT.
expect() {
	if printf '%s\n' "$out" | grep -qF -- "$2"; then
		echo "PASS layers self-test: $1"
	else
		echo "FAIL layers self-test: $1: no \"$2\" in:"
		printf '%s\n' "$out"
	fi
}
expect "a later layer" 'src/model/m.c:1: model includes "tui/v.h", from the later layer tui'
expect "no folder" 'include/model/m.h:1: "a.h" does not name its layer'
expect "curses" 'src/tui/v.c:1: <curses.h> outside the files'
expect "outside a layer" 'src/stray.c:1: not in a layer'
expect "a circle" 'include each other in a circle: tui/'
[ "$status" -ne 0 ] && echo "PASS layers self-test: a break fails" ||
    echo "FAIL layers self-test: exit status $status with breaks"

rm "$root/src/stray.c" "$root/src/tui/w.c"
printf '#include "base/a.h"\n' > "$root/src/model/m.c"
printf '#include "base/a.h"\n' > "$root/include/model/m.h"
printf '#include "tui/w.h"\n' > "$root/src/tui/v.c"
if out=$(sh ./check.sh "$root"); then
	echo "PASS layers self-test: the mended tree passes"
else
	echo "FAIL layers self-test: the mended tree fails:"
	printf '%s\n' "$out"
fi
