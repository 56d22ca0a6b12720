/*
 * seglabel.c: a segment's label as words ("#2 FIN ACK 5 B seq 1 ack 1").
 */
#include <stdio.h>
#include <string.h>

#include "model/seglabel.h"
#include "tcp/tcpstate.h"

/* A segment's words: connection, flags, size, seq, ack. */
size_t
seglabel_words(const struct ev_seg *s,
    char words[SEGLABEL_WORDS][SEGLABEL_WORD_MAX])
{
	char	flags[48], *w, *last;
	size_t	n = 0;

	if (s->conn > 1)
		snprintf(words[n++], SEGLABEL_WORD_MAX, "#%d", s->conn);
	tcpstate_flag_words(s->seg.flags, flags, sizeof flags);
	for (w = strtok_r(flags, " ", &last);
	    w != NULL && n < SEGLABEL_WORDS - 3; w = strtok_r(NULL, " ", &last))
		snprintf(words[n++], SEGLABEL_WORD_MAX, "%s", w);
	if (s->seg.len > 0)
		snprintf(words[n++], SEGLABEL_WORD_MAX, "%u B", s->seg.len);
	snprintf(words[n++], SEGLABEL_WORD_MAX, "seq %d", s->rseq);
	if (s->seg.flags & TF_ACK)
		snprintf(words[n++], SEGLABEL_WORD_MAX, "ack %d", s->rack);
	return (n);
}

/* The words joined by blanks. */
const char *
seglabel(const struct ev_seg *s, char *buf, size_t len)
{
	char	words[SEGLABEL_WORDS][SEGLABEL_WORD_MAX];
	size_t	i, n = seglabel_words(s, words), off = 0;

	buf[0] = '\0';
	for (i = 0; i < n && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
		    i > 0 ? " " : "", words[i]);
	return (buf);
}
