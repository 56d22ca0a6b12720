# finwave(1) completion for bash: commands, options and their values,
# files, and lesson ids from `finwave list`. Plain compgen, so it works with
# and without the bash-completion package. The lesson ids come from the
# finwave being completed: the command's first word, so build/finwave
# completes its checkout's lessons.

# _finwave_lessons: the lesson ids, one a line.
_finwave_lessons()
{
	local prog=${COMP_WORDS[0]}

	prog=${prog/#\~/$HOME}
	"$prog" list 2>/dev/null | while IFS=$' \t' read -r id _; do
		printf '%s\n' "$id"
	done
}

# _finwave: fill COMPREPLY for the word under the cursor.
_finwave()
{
	local cur=${COMP_WORDS[COMP_CWORD]}
	local prev=${COMP_WORDS[COMP_CWORD-1]}
	local cmd="" i opts lessons=1

	COMPREPLY=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		list|play|check|lint) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	case $prev in
	--lang) COMPREPLY=($(compgen -W 'en zh' -- "$cur")); return ;;
	--theme)
		COMPREPLY=($(compgen -W 'dark light high-contrast mono' -- \
		    "$cur"))
		return ;;
	--speed) COMPREPLY=($(compgen -W '0.25 0.5 1 2 4' -- "$cur")); return ;;
	--settle) COMPREPLY=($(compgen -W 'wire quiet' -- "$cur")); return ;;
	--pace|-j) return ;;
	--pcap|--svg|--html|--pcapng)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return ;;
	esac
	case $cmd in
	"") opts='--lang --theme --speed --help --version'
	    [[ $cur == -* ]] ||
		COMPREPLY=($(compgen -W 'list play check lint' -- "$cur")) ;;
	list) opts='--lang'; lessons=0 ;;
	play) opts='--pcap --lang --pace --settle --svg --html --pcapng --diagram' ;;
	check) opts='-j --pace --settle' ;;
	lint) opts='' ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	[ "$lessons" -eq 1 ] || return
	if [[ $cur == */* || $cur == .* || $cur == ~* ]]; then
		# A path: directories, and .lesson files.
		mapfile -t COMPREPLY < <(compgen -d -S / -- "$cur";
		    compgen -f -X '!*.lesson' -- "$cur")
		compopt -o nospace 2>/dev/null
		return
	fi
	COMPREPLY+=($(compgen -W "$(_finwave_lessons)" -- "$cur"))
}

complete -F _finwave finwave
