# make deb: the package lintian passes, what it holds and declares, and,
# as root, that it installs, runs from any folder with the shipped
# lessons only, has its pages found by man, and removes cleanly.
. tests/kernel/lib.sh
for tool in dpkg-buildpackage dh lintian; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP make deb: $tool is not installed"
		exit 0
	fi
done
n=$(ls lessons/*.lesson | wc -l)
make -s deb >"$TMP/build.log" 2>&1
status=$?
expect_eq "make deb" 0 "$status"
[ "$status" -eq 0 ] || { tail -n 20 "$TMP/build.log"; exit 1; }
version=$(sed -n 's/^VERSION[[:space:]]*=[[:space:]]*//p' Makefile)
expect_eq "the changelog's version is the Makefile's" "$version" \
    "$(dpkg-parsechangelog -l assets/debian/changelog -S Version)"
deb=$(ls build/deb/finwave_"$version"_*.deb)
lintian --fail-on error build/deb/finwave_"$version"_*.changes \
    >"$TMP/lintian" 2>&1
expect_eq "lintian --fail-on error" 0 "$?"
grep '^[EW]:' "$TMP/lintian" | sed 's/^/  lintian: /'
dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' >"$TMP/files"
for f in /usr/bin/finwave /usr/share/man/man1/finwave.1.gz \
    /usr/share/man/man5/finwave-lesson.5.gz \
    /usr/share/bash-completion/completions/finwave \
    /usr/share/doc/finwave/copyright /usr/share/doc/finwave/changelog.gz \
    /usr/share/finwave/apparmor/finwave; do
	grep -qx "$f" "$TMP/files"
	expect_eq "the package holds $f" 0 "$?"
done
expect_eq "the package holds every lesson" "$n" \
    "$(grep -c '^/usr/share/finwave/lessons/.*\.lesson$' "$TMP/files")"
dpkg-deb -I "$deb" >"$TMP/info"
expect_eq "Package" "finwave" "$(sed -n 's/^ Package: //p' "$TMP/info")"
expect_eq "Version" "$version" "$(sed -n 's/^ Version: //p' "$TMP/info")"
depends=$(sed -n 's/^ Depends: //p' "$TMP/info")
for p in libncursesw6 libpcap0.8 libmnl0 libnetfilter-queue1 iptables; do
	case ", $depends" in
	*", $p"[\ ,]*|*", $p") pass "Depends: $p" ;;
	*) fail "Depends: $p" "not in [$depends]" ;;
	esac
done
expect_eq "Recommends" "fonts-wqy-microhei, man-db" \
    "$(sed -n 's/^ Recommends: //p' "$TMP/info")"
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP the package installs: not root"
	exit 0
fi
if dpkg-query -W -f='${Status}' finwave 2>/dev/null | grep -q installed; then
	echo "SKIP the package installs: a finwave package is installed already"
	exit 0
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "./$deb" \
    >"$TMP/apt" 2>&1
expect_eq "apt-get install ./$(basename "$deb")" 0 "$?"
# From a folder with lessons of its own, which are not read.
mkdir -p "$TMP/course/lessons"
sed 's/^lesson four-way-close$/lesson stray/' lessons/four-way-close.lesson \
    >"$TMP/course/lessons/stray.lesson"
(cd "$TMP/course" && XDG_DATA_DIRS=/usr/local/share:/usr/share \
    /usr/bin/finwave list >"$TMP/list" 2>"$TMP/list.err")
expect_eq "the installed finwave lists the shipped lessons" "$n" \
    "$(wc -l <"$TMP/list")"
grep -q '^stray ' "$TMP/list"
expect_eq "./lessons is not read" 1 "$?"
for page in finwave finwave-lesson; do
	man -w "$page" >/dev/null 2>&1
	expect_eq "man -w $page" 0 "$?"
done
DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y -q finwave \
    >"$TMP/apt" 2>&1
expect_eq "apt-get remove --purge finwave" 0 "$?"
[ -e /usr/bin/finwave ]
expect_eq "/usr/bin/finwave is gone" 1 "$?"
