/*
 * seglabel.h: the words an arrow is labelled with, the same in the view's
 * wire lane and in a saved run: its connection (after the first), its
 * flags, its size, its relative seq and ack. Each word is a whole that a
 * label cut short keeps or drops.
 */
#ifndef SEGLABEL_H
#define SEGLABEL_H

#include <stddef.h>

#include "model/timeline.h"

/* The most words a label has: its connection, six flags, size, seq, ack. */
#define SEGLABEL_WORDS		10
#define SEGLABEL_WORD_MAX	24

/* Fill words with a segment's; returns how many. */
size_t		 seglabel_words(const struct ev_seg *,
		    char words[SEGLABEL_WORDS][SEGLABEL_WORD_MAX]);
/* The whole label, its words joined by blanks, into buf. */
const char	*seglabel(const struct ev_seg *, char *buf, size_t len);

#endif
