#!/bin/sh
# The config file ($XDG_CONFIG_HOME/finwave/config): the command line wins
# over it and it wins over the environment; a bad one is PATH:LINE: and
# exit 2, yet --help and --version still work. NO_COLOR gives a plain
# view only when neither the command line nor the config names a theme.
. "$(dirname "$0")/lib.sh"

cfg="$TMP/config/finwave/config"
mkdir -p "$(dirname "$cfg")"
export XDG_CONFIG_HOME="$TMP/config"
title() { fw list "$@" | sed -n 's/^four-way-close  *//p'; }

printf '# mine\nlanguage = zh\n' >"$cfg"
expect_eq "the config's language" "四次挥手" "$(title)"
expect_eq "--lang wins over the config" "The four-way close" \
    "$(title --lang en)"
expect_eq "the config wins over LANGUAGE and LANG" "四次挥手" \
    "$(LANGUAGE=en LANG=en_US.UTF-8 title)"
printf 'language = en\n' >"$cfg"
expect_eq "the config wins over LANG=zh_CN.UTF-8" "The four-way close" \
    "$(LANG=zh_CN.UTF-8 title)"

printf 'theme = dark\nlanguage = fr\n' >"$cfg"
fw list >/dev/null 2>"$TMP/err"
expect_eq "a bad value exits 2" 2 "$?"
expect_eq "a bad value: file:line: and the good values" \
    "$cfg:2: language is en or zh" "$(cat "$TMP/err")"
fw --help >"$TMP/out" 2>&1
expect_eq "--help works with a bad config" "0 Usage: finwave [OPTION]... [LESSON]" \
    "$? $(head -n 1 "$TMP/out")"
expect_eq "--help ends with where to report bugs" 1 \
    "$(tail -n 1 "$TMP/out" | grep -c '^Report bugs to: <https\?://.*>$')"
expect_eq "--help fits 80 columns" 0 \
    "$(awk 'length > 79' "$TMP/out" | wc -l)"
fw --version >"$TMP/out" 2>&1
expect_eq "--version works with a bad config, and names the licence" \
    "0 License ISC: <https://spdx.org/licenses/ISC.html>" \
    "$? $(sed -n 3p "$TMP/out")"
fw --speed 3 list >/dev/null 2>"$TMP/err"
expect_eq "--speed 3 is bad usage" "2 finwave: --speed is 0.25, 0.5, 1, 2 or 4" \
    "$? $(head -n 1 "$TMP/err")"
expect_eq "bad usage says where help is" \
    "Try 'finwave --help' for more information." "$(tail -n 1 "$TMP/err")"

# The view: colours (capture-pane -e shows their escapes) and speed.
# colours ARGS...: how many colour codes the menu's screen shows (39 and
# 49, the terminal's own colours, do not count).
colours() {
	tmux_start 80 24 "$@"
	wait_for 5 shows 'finwave: how TCP connections end'
	n=$(tm capture-pane -p -e -t fw | grep -o "$(printf '\033')\[[0-9;]*m" |
	    tr -d 'm\033[' | tr ';' '\n' |
	    awk '($1 >= 30 && $1 <= 38) || ($1 >= 40 && $1 <= 48) ||
	    ($1 >= 90 && $1 <= 107)' | wc -l)
	tm send-keys -t fw q
	wait_for 5 exited_with 0
	tmux_end
	echo "$n"
}
rm -f "$cfg"
FW_ENV="XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_STATE_HOME=$TMP/state TERM=xterm-256color"
expect_eq "without NO_COLOR the menu has colours" 1 \
    "$([ "$(colours)" -gt 0 ] && echo 1)"
FW_ENV="$FW_ENV NO_COLOR=1"
expect_eq "NO_COLOR and no theme: no colours" 0 "$(colours)"
expect_eq "NO_COLOR yields to --theme light" 1 \
    "$([ "$(colours --theme light)" -gt 0 ] && echo 1)"
printf 'theme = light\n' >"$cfg"
expect_eq "NO_COLOR yields to the config's theme" 1 \
    "$([ "$(colours)" -gt 0 ] && echo 1)"
expect_eq "--theme mono wins over the config" 0 "$(colours --theme mono)"

printf 'speed = 2\n' >"$cfg"
tmux_start 100 30 four-way-close
check "the config's speed is the view's" 10 shows ' 2\.00x '
tm send-keys -t fw q q
tmux_end
tmux_start 100 30 --speed 0.5 four-way-close
check "--speed wins over the config" 10 shows ' 0\.50x '
tm send-keys -t fw q q
tmux_end
