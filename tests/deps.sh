#!/bin/sh
# Install the Debian packages named as arguments that are missing: through
# apt-get when root, otherwise print the exact command and fail.
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
	    grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "finwave needs these Debian packages; install them with:" >&2
	echo "  sudo apt-get install$missing" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null && apt-get install -y -q $missing >/dev/null ||
    { echo "apt-get install$missing failed" >&2; exit 1; }
