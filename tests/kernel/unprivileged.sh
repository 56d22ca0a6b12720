# As an ordinary user finwave builds its lab inside a user namespace of its
# own (mapped to root there): capture, probe and sysctls still work.
. tests/kernel/lib.sh
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP unprivileged: not root, so it cannot run finwave as nobody (the other tests already run it unprivileged)"
	exit 0
fi
user=nobody
chmod 755 "$TMP"
cp "$FINWAVE" "$TMP/finwave"
# A copy outside the checkout reads the lessons it is given by name.
mkdir "$TMP/lessons"
cp lessons/close-wait-leak.lesson lessons/linger-zero-rst.lesson \
    lessons/lost-last-ack.lesson "$TMP/lessons/"
chmod -R a+rX "$TMP"
(cd "$TMP" && runuser -u "$user" -- ./finwave check ./lessons) >"$TMP/out" 2>&1
status=$?
sed 's/^/    /' "$TMP/out"
expect_eq "check as $user exits 0" 0 "$status"
expect_eq "every lesson holds as $user (sysctl, capture, probe, wire)" \
    "3 lessons: 3 held, 0 failed" "$(tail -n 1 "$TMP/out")"
(cd "$TMP" &&
    runuser -u "$user" -- ./finwave play lessons/linger-zero-rst.lesson) \
    >"$TMP/t" 2>&1
grep -q 'client>server R' "$TMP/t"
expect_eq "the RST is captured as $user" 0 "$?"
