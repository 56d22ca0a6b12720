# A run shared: play --svg, --html, --pcapng and --diagram, and the view's
# S key, read back with the real tools: xmllint and rsvg-convert for the
# SVG, headless Chromium for the replay page (no console message, one
# arrow per segment of the transcript, a screenshot with ink on it),
# tshark for the pcapng's comments.
. tests/kernel/lib.sh

# ink PNG: "COLOURS INK" of a picture (tests/kernel/png_ink.py).
ink() { python3 tests/kernel/png_ink.py "$1" | cut -d' ' -f2-; }
# has_ink NAME PNG: PASS when the picture has more than two colours and
# at least 2% of its pixels differ from its background.
has_ink() {
	set -- "$1" "$2" $(ink "$2")
	if [ "${3:-0}" -gt 2 ] && [ "${4:-0}" -ge 20 ]; then
		pass "$1"
	else
		fail "$1" "colours ${3:-?}, ink ${4:-?} per mille"
	fi
}
# chrome ARGS...: headless Chromium, its own profile in $TMP.
chrome() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$TMP/chrome" --enable-logging=stderr --v=0 "$@"
}

fw play four-way-close --svg "$TMP/a.svg" --html "$TMP/a.html" \
    --pcapng "$TMP/a.pcapng" >"$TMP/t" 2>"$TMP/err"
expect_eq "play with --svg --html --pcapng exits 0" 0 "$?"
segs=$(awk '$3 == "seg"' "$TMP/t" | wc -l)
[ "$segs" -ge 7 ] && pass "the transcript still comes ($segs segments)" ||
    fail "the transcript still comes" "$segs segments"

# The SVG: XML, drawn by librsvg, one arrow per segment, the states from
# the kernel solid and those from the wire dashed.
if xmllint --noout "$TMP/a.svg" 2>"$TMP/xml"; then
	pass "the SVG parses as XML"
else
	fail "the SVG parses as XML" "$(head -3 "$TMP/xml")"
fi
expect_eq "the SVG has an arrow per segment" "$segs" \
    "$(grep -c 'class="rung arrow seg"' "$TMP/a.svg")"
# Which states the probe caught is the kernel's timing: the SVG marks as
# read from the wire exactly those the transcript does.
expect_eq "the SVG marks the wire's states as the transcript does" \
    "$(awk '$3 == "state" && / src=wire/' "$TMP/t" | wc -l)" \
    "$(grep -c 'class="rung state wire"' "$TMP/a.svg")"
grep -q '>TIME_WAIT 60 s<' "$TMP/a.svg" &&
    pass "the SVG gives TIME_WAIT its timer as the kernel read it" ||
    fail "the SVG gives TIME_WAIT its timer" "no TIME_WAIT 60 s label"
if rsvg-convert -o "$TMP/a.png" "$TMP/a.svg" 2>"$TMP/rsvg"; then
	pass "rsvg-convert renders the SVG"
	has_ink "the rendered SVG is not blank" "$TMP/a.png"
else
	fail "rsvg-convert renders the SVG" "$(head -3 "$TMP/rsvg")"
fi

# The replay page: nothing but itself, no console message, its script
# ran to the end, one arrow per segment of this run's transcript.
grep -q "default-src 'none'" "$TMP/a.html" &&
    pass "the page's policy fetches nothing" ||
    fail "the page's policy fetches nothing" "no Content-Security-Policy"
grep -Eiq '(src|href)="(https?:)?//' "$TMP/a.html" &&
    fail "the page names no other resource" \
    "$(grep -Eio '(src|href)="[^"]*"' "$TMP/a.html" | head -1)" ||
    pass "the page names no other resource"
chrome --dump-dom "file://$TMP/a.html" >"$TMP/dom" 2>"$TMP/chrome.err"
expect_eq "Chromium loads the page" 0 "$?"
if grep -q ':CONSOLE' "$TMP/chrome.err"; then
	fail "the page logs nothing to the console" \
	    "$(grep ':CONSOLE' "$TMP/chrome.err" | head -2)"
else
	pass "the page logs nothing to the console"
fi
expect_eq "the replay's script ran (data-ready: the setup and 3 steps)" 4 \
    "$(sed -n 's/.*<body[^>]*data-ready="\([0-9]*\)".*/\1/p' "$TMP/dom")"
expect_eq "the DOM holds an arrow per segment of the transcript" "$segs" \
    "$(grep -o 'class="rung arrow seg"' "$TMP/dom" | wc -l)"
expect_eq "the replay starts at the setup (later bands hidden)" 3 \
    "$(grep -o '<rect class="band" data-band="[1-9]"[^>]*display: none' \
    "$TMP/dom" | wc -l)"
grep -q '<li class="kernel"[^>]*>ESTABLISHED</li>' "$TMP/dom" &&
    pass "the panes show the kernel's states at the setup's end" ||
    fail "the panes show the kernel's states" "no ESTABLISHED in a pane"
# An address ending in #3 opens the third band: step 2 of 3, the server
# in CLOSE_WAIT, what came after still hidden.
chrome --dump-dom "file://$TMP/a.html#3" >"$TMP/dom3" 2>/dev/null
expect_eq "#3 opens at step 2 of 3" "Step 2 of 3" \
    "$(sed -n 's/.*id="pos">\([^<]*\)<.*/\1/p' "$TMP/dom3")"
grep -q '<li class="kernel"[^>]*>CLOSE_WAIT</li>' "$TMP/dom3" &&
    pass "... with the server's CLOSE_WAIT in its pane" ||
    fail "... with the server's CLOSE_WAIT in its pane" "$(grep -o '<li[^<]*</li>' "$TMP/dom3")"
expect_eq "... and the last band hidden" 1 \
    "$(grep -o '<rect class="band" data-band="3"[^>]*display: none' \
    "$TMP/dom3" | wc -l)"
chrome --window-size=1280,800 --screenshot="$TMP/shot.png" \
    "file://$TMP/a.html" >/dev/null 2>&1
if [ -s "$TMP/shot.png" ]; then
	expect_eq "the screenshot is 1280x800" 1280x800 \
	    "$(python3 tests/kernel/png_ink.py "$TMP/shot.png" | cut -d' ' -f1)"
	has_ink "the screenshot is not blank" "$TMP/shot.png"
else
	fail "Chromium takes a screenshot" "no file"
fi

# The pcapng: the same frames as the transcript's segments, each with a
# comment naming its step and the states after it; the lesson's title on
# the section.
tshark -r "$TMP/a.pcapng" -T fields -e frame.comment >"$TMP/comments" \
    2>"$TMP/tshark.err"
expect_eq "tshark reads a comment on every frame" "$segs" \
    "$(grep -c '^\[' "$TMP/comments")"
first=$(head -n 1 "$TMP/comments")
case $first in
"[setup] | client>server SYN seq 0 | client SYN_SENT (wire)" | \
    "[setup] | client>server SYN seq 0 | client SYN_SENT (kernel)")
	pass "the first frame is the setup's SYN, with its SYN_SENT" ;;
*)	fail "the first frame is the setup's SYN, with its SYN_SENT" "$first" ;;
esac
grep -Eq '^\[client-closes\] The client closes \| client>server FIN ACK seq 1 ack 1 \| client FIN_WAIT_1 \((kernel|wire)\), server CLOSE_WAIT \((kernel|wire)\)$' \
    "$TMP/comments" && pass "the FIN's comment names its step and both states" ||
    fail "the FIN's comment names its step and both states" \
    "$(grep FIN "$TMP/comments" | head -1)"
capinfos "$TMP/a.pcapng" 2>/dev/null | grep -q 'comment: *finwave lesson four-way-close: The four-way close' &&
    pass "the section comment gives the lesson's title" ||
    fail "the section comment gives the lesson's title" \
    "$(capinfos "$TMP/a.pcapng" 2>&1 | grep -i comment)"
expect_eq "the pcapng's frames are the transcript's, in order" \
    "$(awk '$3 == "seg" { print $5 }' "$TMP/t" | tr '\n' ' ')" \
    "$(tshark -r "$TMP/a.pcapng" -T fields -e tcp.flags.str 2>/dev/null |
    awk '{ f = ""; if ($0 ~ /S/) f = f "S"; if ($0 ~ /F/) f = f "F";
	if ($0 ~ /P/) f = f "P"; if ($0 ~ /R/) f = f "R";
	if ($0 ~ /A/) f = f "."; print f }' | tr '\n' ' ')"

# Chinese: the same picture in the run's language, in a CJK font.
fw play four-way-close --lang zh --svg "$TMP/z.svg" >/dev/null 2>&1
grep -q 'lang="zh-Hans"' "$TMP/z.svg" && grep -q '四次挥手' "$TMP/z.svg" &&
    pass "the Chinese SVG is in Chinese" ||
    fail "the Chinese SVG is in Chinese" "no zh-Hans title"
fc-list :lang=zh family | grep -q . &&
    pass "a CJK font is installed for the renderer" ||
    fail "a CJK font is installed" "fc-list :lang=zh finds none"
rsvg-convert -o "$TMP/z.png" "$TMP/z.svg" 2>/dev/null &&
    has_ink "the Chinese SVG renders" "$TMP/z.png" ||
    fail "the Chinese SVG renders" "rsvg-convert failed"

# The text ladder: on stdout instead of the transcript; a label line and
# a shaft per segment, every lifeline straight.
fw play four-way-close --diagram >"$TMP/d" 2>&1
expect_eq "play --diagram exits 0" 0 "$?"
expect_eq "the ladder has a shaft per segment" "$segs" \
    "$(grep -cE '\|-+>\||\|<-+\|' "$TMP/d")"
expect_eq "no transcript line in the ladder" 0 \
    "$(grep -cE '^ +[0-9.]+ +(wire|lesson|check) ' "$TMP/d")"
bad=$(awk '/^ +[0-9.]* +\|/ || /^ +\|/ || /^ +\[/ {
	c1 = index($0, "|"); if (c1 != 14 && substr($0, 14, 1) != "[") print }' "$TMP/d" | head -1)
[ -z "$bad" ] && pass "the left lifeline stays in its column" ||
    fail "the left lifeline stays in its column" "$bad"

# What the wire held stays on the ladder once let go: fin-wait-1 holds
# the client's FIN (and the kernel's resends) and later delivers it.
fw play fin-wait-1 --svg "$TMP/h.svg" --diagram >"$TMP/h" 2>&1
expect_eq "play fin-wait-1 exits 0" 0 "$?"
[ "$(grep -c 'class="rung arrow held"' "$TMP/h.svg")" -ge 1 ] &&
    pass "the SVG keeps the held FIN's rung" ||
    fail "the SVG keeps the held FIN's rung" "no arrow held"
grep -Eq '^ +[0-9.]+ +\|-+\] +\| held( .[0-9]+)?$' "$TMP/h" &&
    pass "the text ladder stops the held FIN half way, its copies counted" ||
    fail "the text ladder stops the held FIN half way" \
    "$(grep -n 'held' "$TMP/h" | head -3)"

# A connection's comments are its own: backlog-full opens several.
fw play backlog-full --pcapng "$TMP/b.pcapng" >/dev/null 2>&1
tshark -r "$TMP/b.pcapng" -T fields -e frame.comment 2>/dev/null >"$TMP/bc"
grep -Eq '^\[fill\] Three clients, backlog 2 \| client>server #2 SYN seq 0 \| client #2 SYN_SENT \((wire|kernel)\)$' \
    "$TMP/bc" && pass "a second connection's SYN carries its own SYN_SENT" ||
    fail "a second connection's SYN carries its own SYN_SENT" \
    "$(grep '#2 SYN seq' "$TMP/bc")"
expect_eq "no frame names another connection's state" 0 \
    "$(awk -F' [|] ' '{ c = ($2 ~ /#[0-9]/) ? $2 : "";
	sub(/^[^#]*/, "", c); sub(/ .*/, "", c);
	n = split($3, st, ", "); for (i = 1; i <= n; i++) {
	    d = (st[i] ~ /#[0-9]/) ? st[i] : ""; sub(/^[^#]*/, "", d);
	    sub(/ .*/, "", d); if (d != c) { print; break } } }' "$TMP/bc" | wc -l)"

# Bad requests: a path that cannot be made stops before the lab runs;
# the options belong to play.
fw play four-way-close --svg "$TMP/no/such/dir/a.svg" >"$TMP/o" 2>"$TMP/e"
expect_eq "an unwritable --svg exits 1" 1 "$?"
expect_eq "... naming the path and why" \
    "finwave: $TMP/no/such/dir/a.svg: No such file or directory" "$(cat "$TMP/e")"
expect_eq "... before anything ran" 0 "$(wc -c <"$TMP/o")"
fw play four-way-close --html /dev/full >/dev/null 2>"$TMP/e"
expect_eq "a full disk under --html exits 1" 1 "$?"
grep -q '/dev/full: cannot write: No space left on device' "$TMP/e" &&
    pass "... and says the page was not written" ||
    fail "... and says the page was not written" "$(cat "$TMP/e")"
fw check --diagram four-way-close >/dev/null 2>"$TMP/e"
expect_eq "--diagram is refused outside play (exit 2)" 2 "$?"
fw play four-way-close --svg "$TMP/same" --html "$TMP/same" >"$TMP/o" 2>"$TMP/e"
expect_eq "one file named twice is bad usage (exit 2)" \
    "2 finwave: --svg and --html name the same file, $TMP/same" \
    "$? $(cat "$TMP/e")"
fw play four-way-close --svg "" >/dev/null 2>"$TMP/e"
expect_eq "an empty name is bad usage (exit 2)" \
    "2 finwave: --svg needs a file name" "$? $(cat "$TMP/e")"
fw play four-way-close >/dev/full 2>"$TMP/e"
expect_eq "a transcript stdout refuses fails the run (exit 1)" \
    "1 finwave: four-way-close: the transcript could not be written to stdout" \
    "$? $(cat "$TMP/e")"
expect_eq "no temporary file is left beside the outputs" "" \
    "$(ls -A "$TMP" | grep '^\.' | tr '\n' ' ')"

# The view's S: the run so far in a new folder of the data directory,
# the status line saying where; a linked runs directory is refused.
mkdir -p "$TMP/home"
FW_ENV="HOME=$TMP/home XDG_DATA_HOME= XDG_STATE_HOME=$TMP/state"
tmux_start 100 30 four-way-close
check "the lesson opens at its first question" 10 shows \
    "When the client's FIN arrives"
wait_for 10 eval '! shows "The kernel is at work"'
tm send-keys -t fw 1
check "the guess is taken" 5 shows '▸ 1\) It acknowledges.*your guess'
tm send-keys -t fw c
check "the first step has run" 15 shows 'only acknowledged the FIN'
tm send-keys -t fw S
check "S says where the run was saved" 10 shows \
    'Run saved in ~/.local/share/finwave/runs/four-way-close-[0-9]{8}-[0-9]{6}'
dir=$(ls -d "$TMP/home/.local/share/finwave/runs/four-way-close-"* 2>/dev/null | head -1)
expect_eq "the folder holds the six files" \
    "guesses.txt ladder.svg ladder.txt replay.html run.pcapng transcript.txt" \
    "$(ls "$dir" 2>/dev/null | tr '\n' ' ' | sed 's/ $//')"
expect_eq "the folder and its files are the user's alone" "700 600" \
    "$(stat -c %a "$dir") $(stat -c %a "$dir/run.pcapng")"
grep -q '^  >a) It acknowledges the FIN' "$dir/guesses.txt" &&
    grep -q 'guess: a, the kernel: a, right' "$dir/guesses.txt" &&
    pass "the guesses file has the guess and the kernel's answer" ||
    fail "the guesses file has the guess and the kernel's answer" \
    "$(cat "$dir/guesses.txt")"
expect_eq "the saved pcapng holds the run so far (5 frames)" 5 \
    "$(tshark -r "$dir/run.pcapng" -T fields -e frame.comment 2>/dev/null | grep -c .)"
xmllint --noout "$dir/ladder.svg" 2>/dev/null &&
    pass "the saved SVG parses" || fail "the saved SVG parses" "xmllint"
tmux_end
rm -rf "$TMP/home/.local/share/finwave/runs"
mkdir -p "$TMP/elsewhere"
ln -s "$TMP/elsewhere" "$TMP/home/.local/share/finwave/runs"
tmux_start 100 30 four-way-close
check "the lesson opens again" 10 shows 'c/Spc run the step'
tm send-keys -t fw S
check "a linked runs directory is refused" 10 shows \
    'Run not saved: .*runs is a symbolic link'
expect_eq "nothing was written where the link points" 0 \
    "$(ls "$TMP/elsewhere" | wc -l)"
tmux_end
