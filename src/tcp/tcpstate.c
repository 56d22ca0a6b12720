/*
 * tcpstate.c: the names of TCP states as the kernel spells them, and segment
 * flags in tcpdump's notation ("S", "S.", "F.", "FP.", "R", "."), both ways,
 * and the kernel's socket timers with the time left on them.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "tcp/tcpstate.h"

/* Indexed by enum tcp_state. */
static const char *const tcpstate_names[TS_COUNT] = {
	[TS_NONE] = "NONE",
	[TS_ESTABLISHED] = "ESTABLISHED",
	[TS_SYN_SENT] = "SYN_SENT",
	[TS_SYN_RECV] = "SYN_RECV",
	[TS_FIN_WAIT_1] = "FIN_WAIT_1",
	[TS_FIN_WAIT_2] = "FIN_WAIT_2",
	[TS_TIME_WAIT] = "TIME_WAIT",
	[TS_CLOSED] = "CLOSED",
	[TS_CLOSE_WAIT] = "CLOSE_WAIT",
	[TS_LAST_ACK] = "LAST_ACK",
	[TS_LISTEN] = "LISTEN",
	[TS_CLOSING] = "CLOSING",
	[TS_NEW_SYN_RECV] = "SYN_RECV"
};

/* The flag letters in the order tcpdump prints them; ACK is the "." after. */
static const struct {
	char	letter;
	uint8_t	bit;
} tcpstate_letters[] = {
	{ 'S', TF_SYN },
	{ 'F', TF_FIN },
	{ 'P', TF_PSH },
	{ 'R', TF_RST },
	{ 'U', TF_URG }
};

#define TCPSTATE_NLETTERS \
	(sizeof tcpstate_letters / sizeof tcpstate_letters[0])

/* The name of a state; a number the kernel may add later is "UNKNOWN". */
const char *
tcpstate_name(enum tcp_state s)
{
	if ((unsigned)s >= TS_COUNT)
		return ("UNKNOWN");
	return (tcpstate_names[s]);
}

/* Parse a state name, exactly as tcpstate_name spells it; NONE is refused. */
enum tcp_state
tcpstate_parse(const char *s)
{
	int	i;

	if (s == NULL)
		return (TS_NONE);
	for (i = TS_ESTABLISHED; i < TS_NEW_SYN_RECV; i++) {
		if (strcmp(s, tcpstate_names[i]) == 0)
			return ((enum tcp_state)i);
	}
	return (TS_NONE);
}

/* Write flags as tcpdump does: letters S F P R U, then "." for ACK. */
const char *
tcpstate_flags(uint8_t flags, char *buf)
{
	size_t	i, n = 0;

	for (i = 0; i < TCPSTATE_NLETTERS; i++) {
		if (flags & tcpstate_letters[i].bit)
			buf[n++] = tcpstate_letters[i].letter;
	}
	if (flags & TF_ACK)
		buf[n++] = '.';
	buf[n] = '\0';
	if (n == 0)
		strcpy(buf, "none");
	return (buf);
}

/* Parse letters S F P R U, each at most once, then an optional ".". */
int
tcpstate_parse_flags(const char *s)
{
	int	flags = 0, bit;
	size_t	i;

	if (s == NULL || *s == '\0')
		return (-1);
	for (; *s != '\0' && *s != '.'; s++) {
		bit = 0;
		for (i = 0; i < TCPSTATE_NLETTERS; i++) {
			if (*s == tcpstate_letters[i].letter)
				bit = tcpstate_letters[i].bit;
		}
		if (bit == 0 || (flags & bit))
			return (-1);
		flags |= bit;
	}
	if (*s == '.') {
		if (s[1] != '\0')
			return (-1);
		flags |= TF_ACK;
	}
	return (flags);
}

/* Flags in words, most telling first: "SYN ACK", "FIN ACK", "RST". */
const char *
tcpstate_flag_words(uint8_t flags, char *buf, size_t len)
{
	static const struct {
		uint8_t		 bit;
		const char	*word;
	} words[] = {
		{ TF_SYN, "SYN" }, { TF_FIN, "FIN" }, { TF_RST, "RST" },
		{ TF_PSH, "PSH" }, { TF_URG, "URG" }, { TF_ACK, "ACK" }
	};
	size_t	i, off = 0;
	int	n;

	buf[0] = '\0';
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		if ((flags & words[i].bit) == 0 || off >= len)
			continue;
		n = snprintf(buf + off, len - off, "%s%s", off > 0 ? " " : "",
		    words[i].word);
		if (n > 0)
			off += (size_t)n;
	}
	if (off == 0)
		snprintf(buf, len, "none");
	return (buf);
}

/* Return the name ss(8) uses for a timer, or "unknown". */
const char *
tcpstate_timer_name(enum tcp_timer timer)
{
	static const char	*names[] = {
		[TCP_TIMER_NONE] = "none",
		[TCP_TIMER_RETRANSMIT] = "retransmit",
		[TCP_TIMER_KEEPALIVE] = "keepalive",
		[TCP_TIMER_TIMEWAIT] = "timewait",
		[TCP_TIMER_PROBE] = "probe"
	};

	if ((unsigned int)timer >= sizeof names / sizeof names[0])
		return ("unknown");
	return (names[timer]);
}

/* A timer's time left, counted down from a probe's reading. */
uint64_t
tcpstate_time_left_ns(uint32_t expires_ms, uint64_t read_ns, uint64_t now_ns)
{
	uint64_t	left = (uint64_t)expires_ms * 1000000, gone;

	gone = now_ns > read_ns ? now_ns - read_ns : 0;
	return (gone < left ? left - gone : 0);
}

/* Whether the timer's expiry ends the state. */
int
tcpstate_timer_ends(enum tcp_state state, enum tcp_timer timer)
{
	switch (timer) {
	case TCP_TIMER_TIMEWAIT:
		return (state == TS_TIME_WAIT || state == TS_FIN_WAIT_2);
	case TCP_TIMER_KEEPALIVE:
		/* tcp_fin_timeout above 60 s: an orphaned FIN_WAIT_2 waits out
		 * the part above 60 s on its keepalive timer, then goes on in
		 * FIN_WAIT_2 on a timewait timer, whose reading ends it. */
	case TCP_TIMER_NONE:
	case TCP_TIMER_RETRANSMIT:
	case TCP_TIMER_PROBE:
		return (0);
	}
	return (0);
}

/* The states a socket in this one can move to next (RFC 793, Figure 6, as
 * Linux moves: FIN_WAIT_1 may go straight to TIME_WAIT when the peer's FIN
 * acknowledges its own), as bits; CLOSED is reachable from all. */
static unsigned
tcpstate_next(enum tcp_state s)
{
	switch (s) {
	case TS_NONE:
		return (1U << TS_SYN_SENT | 1U << TS_SYN_RECV | 1U << TS_LISTEN);
	case TS_LISTEN:
		return (1U << TS_SYN_SENT);
	case TS_SYN_SENT:
		return (1U << TS_SYN_RECV | 1U << TS_ESTABLISHED);
	case TS_SYN_RECV:
	case TS_NEW_SYN_RECV:
		return (1U << TS_ESTABLISHED | 1U << TS_FIN_WAIT_1);
	case TS_ESTABLISHED:
		return (1U << TS_FIN_WAIT_1 | 1U << TS_CLOSE_WAIT);
	case TS_FIN_WAIT_1:
		return (1U << TS_FIN_WAIT_2 | 1U << TS_CLOSING |
		    1U << TS_TIME_WAIT);
	case TS_FIN_WAIT_2:
	case TS_CLOSING:
		return (1U << TS_TIME_WAIT);
	case TS_CLOSE_WAIT:
		return (1U << TS_LAST_ACK);
	case TS_LAST_ACK:
	case TS_TIME_WAIT:
	case TS_CLOSED:
	case TS_COUNT:
		return (0);
	}
	return (0);
}

/* Whether to can follow from, by any number of moves. */
int
tcpstate_leads_to(enum tcp_state from, enum tcp_state to)
{
	unsigned	seen = 0, frontier = 1U << from, next;
	int		s;

	if (from == to || from == TS_CLOSED || from >= TS_COUNT)
		return (0);
	if (to == TS_CLOSED)
		return (1);
	while (frontier != 0) {
		next = 0;
		for (s = 0; s < TS_COUNT; s++)
			if (frontier & (1U << s))
				next |= tcpstate_next((enum tcp_state)s);
		frontier = next & ~seen;
		seen |= next;
	}
	return ((seen & (1U << to)) != 0);
}

/* The phase of a state. */
enum tcp_phase
tcpstate_phase(enum tcp_state s)
{
	switch (s) {
	case TS_ESTABLISHED:
	case TS_SYN_SENT:
	case TS_SYN_RECV:
	case TS_NEW_SYN_RECV:
	case TS_LISTEN:
		return (PHASE_OPEN);
	case TS_FIN_WAIT_1:
	case TS_FIN_WAIT_2:
	case TS_CLOSING:
		return (PHASE_ACTIVE);
	case TS_CLOSE_WAIT:
	case TS_LAST_ACK:
		return (PHASE_PASSIVE);
	case TS_TIME_WAIT:
		return (PHASE_TIMEWAIT);
	case TS_NONE:
	case TS_CLOSED:
	case TS_COUNT:
		break;
	}
	return (PHASE_CLOSED);
}

/* The kind of a segment: an RST above all, then SYN, FIN, data. */
enum seg_kind
tcpstate_seg_kind(int flags, unsigned len)
{
	if (flags & TF_RST)
		return (SEGK_RST);
	if (flags & TF_SYN)
		return (SEGK_SYN);
	if (flags & TF_FIN)
		return (SEGK_FIN);
	return (len > 0 ? SEGK_DATA : SEGK_ACK);
}
