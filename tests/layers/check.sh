#!/bin/sh
# make layers: every include follows the layers, base < tcp < lesson < model
# < lab < run < share < tui (main.c sits above them all): a file names its headers
# with their folder and includes none from a layer after its own; curses
# stays in the TUI files that draw or read keys; no two modules include
# each other, however far round. Prints "FAIL layers: file:line: message"
# for each break and exits 1 when there is one, "PASS ..." otherwise.
# The tree is the project's, or the one named by $1 (the self-test's).
cd "${1:-$(dirname "$0")/../..}" || exit 2

LAYERS="base tcp lesson model lab run share tui"
CURSES_FILES="src/tui/draw.c src/tui/theme.c src/tui/ui.c"

rank() {
	n=0
	for l in $LAYERS; do
		[ "$l" = "$1" ] && { echo $n; return; }
		n=$((n + 1))
	done
	echo -1
}

layer_of() {
	case $1 in
	src/main.c) echo top ;;
	src/*/*|include/*/*) echo "$1" | cut -d/ -f2 ;;
	*) echo none ;;
	esac
}

bad=0
for f in src/*.c src/*/*.c include/*.h include/*/*.h; do
	[ -f "$f" ] || continue
	me=$(layer_of "$f")
	if [ "$me" = none ] || { [ "$me" != top ] && [ "$(rank "$me")" -lt 0 ]; }; then
		echo "$f:1: not in a layer's folder ($LAYERS)"
		bad=1
		continue
	fi
	[ "$me" = top ] && myrank=99 || myrank=$(rank "$me")
	grep -n '^[[:space:]]*#[[:space:]]*include' "$f" | while IFS= read -r hit; do
		line=${hit%%:*}
		inc=$(echo "$hit" | sed -n 's/.*#[[:space:]]*include[[:space:]]*\([<"][^>"]*[>"]\).*/\1/p')
		case $inc in
		\"*/*\")
			dir=$(echo "$inc" | tr -d '"' | cut -d/ -f1)
			r=$(rank "$dir")
			if [ "$r" -lt 0 ]; then
				echo "$f:$line: $inc is not in a layer's folder"
			elif [ "$r" -gt "$myrank" ]; then
				echo "$f:$line: $me includes $inc, from the later layer $dir"
			fi ;;
		\"*\")
			echo "$f:$line: $inc does not name its layer's folder" ;;
		\<curses.h\>|\<ncurses.h\>|\<ncursesw/*|\<term.h\>|\<panel.h\>)
			case " $CURSES_FILES " in
			*" $f "*) ;;
			*) echo "$f:$line: $inc outside the files that draw or read keys ($CURSES_FILES)" ;;
			esac ;;
		esac
	done
done > "${TMPDIR:-/tmp}/layers.$$"
if [ -s "${TMPDIR:-/tmp}/layers.$$" ]; then
	sed 's/^/FAIL layers: /' "${TMPDIR:-/tmp}/layers.$$"
	bad=1
else
	echo "PASS layers: every include follows $LAYERS"
fi
rm -f "${TMPDIR:-/tmp}/layers.$$"

# No circle among modules: a module (tui/pane: its .c and its .h, and
# a private X_parts.h shared by the files X is split into) depends on
# every module whose header it includes; tsort names a loop if any.
for f in src/*/*.c include/*/*.h; do
	m=$(echo "$f" | sed 's|^[a-z]*/||; s|\.[ch]$||; s|_parts$||')
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z]*\/[a-z_]*\)\.h".*/\1/p' "$f" |
	sed 's|_parts$||' |
	while read -r dep; do
		[ "$dep" != "$m" ] && echo "$dep $m"
	done
done | tsort 2> "${TMPDIR:-/tmp}/layers.$$" > /dev/null
if grep -q . "${TMPDIR:-/tmp}/layers.$$"; then
	echo "FAIL circles: modules include each other in a circle:" \
	    $(sed -n 's/^tsort: \([a-z]*\/[a-z_]*\)$/\1/p' "${TMPDIR:-/tmp}/layers.$$")
	bad=1
else
	echo "PASS circles: no circle among the modules"
fi
rm -f "${TMPDIR:-/tmp}/layers.$$"
exit $bad
