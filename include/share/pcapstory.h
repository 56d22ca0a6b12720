/*
 * pcapstory.h: a run's frames as a pcapng file that tells its story in
 * Wireshark: the section comment names the lesson, and each frame's
 * comment names the step it came in and the states the kernel (or the
 * wire) recorded after it, before the next segment, call or step.
 */
#ifndef PCAPSTORY_H
#define PCAPSTORY_H

#include "lab/pcapng.h"
#include "share/sharerun.h"

/* The section's comment: the lesson's title and id; caller frees. */
char	*pcapstory_section(const struct share_run *);
/* The comment of the frame whose event is at index i; caller frees. */
char	*pcapstory_comment(const struct share_run *, size_t i);
/* Write every frame of the run up to its point, with its comment. */
void	 pcapstory_write(struct pcapng *, const struct share_run *);

#endif
