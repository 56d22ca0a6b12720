# The man pages: finwave-lesson(5) is what make man makes from
# lessons/README.md (so the two cannot drift), and both pages pass
# mandoc's lint with no warning, as installed (paths filled in).
. tests/kernel/lib.sh
if ! command -v pandoc >/dev/null; then
	echo "SKIP finwave-lesson.5 is up to date: pandoc is not installed"
elif sh assets/man/lesson.sh lessons/README.md >"$TMP/lesson.5" &&
    cmp -s "$TMP/lesson.5" assets/finwave-lesson.5; then
	pass "finwave-lesson.5 is made from lessons/README.md"
else
	fail "finwave-lesson.5 is made from lessons/README.md" \
	    "assets/finwave-lesson.5 differs from lessons/README.md: run make man"
fi
for page in assets/finwave.1 assets/finwave-lesson.5; do
	sed -e 's|@DATADIR@|/usr/local/share/finwave|g' \
	    -e 's|@DOCDIR@|/usr/local/share/doc/finwave|g' "$page" \
	    >"$TMP/page"
	out=$(mandoc -T lint -W warning "$TMP/page" 2>&1)
	expect_eq "mandoc -T lint $(basename "$page")" "" "$out"
done
grep -q '@[A-Z]*@' assets/finwave-lesson.5
expect_eq "finwave-lesson.5 needs nothing filled in" 1 "$?"
