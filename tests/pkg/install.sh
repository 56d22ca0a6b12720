# make install and make uninstall: the tree under DESTDIR, the pages as
# man renders them, nothing left after uninstall; as root, a real install
# under a prefix of its own that man finds.
. tests/kernel/lib.sh
# A build of its own: a PREFIX changes what is baked into the objects, and
# the build/finwave the other tests run must stay as it is.
export BUILD="$TMP/build"
n=$(ls lessons/*.lesson | wc -l)
dest="$TMP/dest"
make -s -j2 install DESTDIR="$dest" PREFIX=/usr >"$TMP/out" 2>&1
expect_eq "make install" 0 "$?"
for f in usr/bin/finwave usr/share/man/man1/finwave.1 \
    usr/share/man/man5/finwave-lesson.5 \
    usr/share/bash-completion/completions/finwave \
    usr/share/doc/finwave/README.md usr/share/doc/finwave/LICENSE; do
	[ -f "$dest/$f" ]
	expect_eq "installs /$f" 0 "$?"
done
expect_eq "installs every lesson" "$n" \
    "$(ls "$dest"/usr/share/finwave/lessons/*.lesson | wc -l)"
if [ -d /etc/apparmor.d/abi/4.0 ]; then
	profile="$dest/etc/apparmor.d/finwave"
else
	profile="$dest/usr/share/finwave/apparmor/finwave"
fi
grep -q '^profile finwave /usr/bin/finwave ' "$profile"
expect_eq "the AppArmor profile names /usr/bin/finwave" 0 "$?"
grep -q '/usr/share/finwave/lessons' "$dest/usr/share/man/man1/finwave.1"
expect_eq "finwave.1 names the installed lessons" 0 "$?"
for page in man1/finwave.1 man5/finwave-lesson.5; do
	MANWIDTH=80 man -l "$dest/usr/share/man/$page" >"$TMP/page" 2>/dev/null
	grep -q '^NAME' "$TMP/page"
	expect_eq "man -l renders $page" 0 "$?"
done
make -s uninstall DESTDIR="$dest" PREFIX=/usr >"$TMP/out" 2>&1
expect_eq "make uninstall" 0 "$?"
expect_eq "uninstall leaves no file" "" "$(find "$dest" ! -type d)"
expect_eq "uninstall leaves no folder of finwave's" "" \
    "$(find "$dest" -name '*finwave*' -o -name bash-completion)"
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP man finds the installed pages: not root"
	exit 0
fi
prefix="$TMP/prefix"
make -s -j2 install PREFIX="$prefix" APPARMOR="$TMP/apparmor.d" >"$TMP/out" 2>&1
expect_eq "make install PREFIX" 0 "$?"
for page in finwave finwave-lesson; do
	MANPATH="$prefix/share/man" man -w "$page" >/dev/null 2>&1
	expect_eq "man -w $page" 0 "$?"
done
make -s uninstall PREFIX="$prefix" APPARMOR="$TMP/apparmor.d" >/dev/null 2>&1
expect_eq "make uninstall PREFIX leaves no file" "" \
    "$(find "$prefix" ! -type d)"
