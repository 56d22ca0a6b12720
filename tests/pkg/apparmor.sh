# The AppArmor profile names the installed binary, and where the parser
# knows abi 4.0 (Ubuntu 23.10+), apparmor_parser accepts it.
. tests/kernel/lib.sh
sed 's|@BINDIR@|/usr/bin|g' assets/apparmor/finwave >"$TMP/finwave"
grep -q '^profile finwave /usr/bin/finwave flags=(unconfined) {$' \
    "$TMP/finwave"
expect_eq "the profile names the binary" 0 "$?"
grep -q '^  userns,$' "$TMP/finwave"
expect_eq "the profile allows a user namespace" 0 "$?"
if [ ! -e /etc/apparmor.d/abi/4.0 ]; then
	echo "SKIP apparmor_parser accepts the profile: no abi 4.0 here (AppArmor $(apparmor_parser -V 2>/dev/null | sed -n '1s/.* //p'); older parsers reject userns, so install keeps the profile in DATADIR/apparmor)"
elif ! command -v apparmor_parser >/dev/null; then
	echo "SKIP apparmor_parser accepts the profile: no apparmor_parser"
else
	apparmor_parser -Q -K "$TMP/finwave" >"$TMP/out" 2>&1
	expect_eq "apparmor_parser accepts the profile" 0 "$?"
fi
