/*
 * timerlabel.h: what a socket's kernel timer and queues mean, in words,
 * from one table of state, holder (an orphan or a process) and the
 * kernel's timer: "FIN_WAIT_2 timeout: 42 s left", whichever timer the
 * kernel runs it on; the kernel's own timer name and raw reading go to
 * the details.
 */
#ifndef TIMERLABEL_H
#define TIMERLABEL_H

#include <stddef.h>
#include <stdint.h>

#include "lesson/lesson.h"
#include "model/scene.h"

/* The timer's meaning and its time left at now_ns, in the longest form
 * that fits width columns (the shortest when none does), written into
 * buf; NULL when no timer should be shown. */
const char	*timerlabel_time(const struct scene_sock *, uint64_t now_ns,
		    enum lang, int width, char *buf, size_t len);
/* The kernel's own timer name and reading, and tcp_info's RTO, backoff
 * and retransmissions, written into buf; NULL when the kernel did not
 * report the socket. */
const char	*timerlabel_kernel(const struct scene_sock *, enum lang,
		    char *buf, size_t len);
/* While a segment is outstanding (a retransmission or zero-window probe
 * timer runs): tcp_info's RTO, backoff and retransmissions in words
 * ("RTO 3.2 s, backoff 4, resent 4"), or NULL. */
const char	*timerlabel_outstanding(const struct scene_sock *, enum lang,
		    char *buf, size_t len);
/* Recv-Q and Send-Q in words, a FIN they count named as such, in the
 * longest form that fits width columns; NULL when the kernel did not
 * report the socket. */
const char	*timerlabel_queues(const struct scene_sock *, enum lang,
		    int width, char *buf, size_t len);

#endif
