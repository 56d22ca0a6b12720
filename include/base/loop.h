/*
 * loop.h: the one poll() loop: descriptors, one-shot timers and signals
 * (through signalfd). It knows nothing of what a descriptor means.
 */
#ifndef LOOP_H
#define LOOP_H

#include <signal.h>
#include <stdint.h>

struct loop;

typedef void loop_fd_cb(int fd, short revents, void *arg);
typedef void loop_timer_cb(void *arg);
typedef void loop_signal_cb(int signo, void *arg);
typedef uint64_t loop_clock_cb(void *arg);

/* A one-shot timer; the caller owns the storage, the loop only points at it. */
struct loop_timer {
	uint64_t	 due_ms;
	loop_timer_cb	*cb;
	void		*arg;
	int		 armed;
};

/* Create a loop; blocks the signals it will be asked to watch. */
struct loop	*loop_new(void);
/* Free the loop; every timer is disarmed, no descriptor is closed. */
void		 loop_free(struct loop *);
/* Watch fd for events (POLLIN by default) and call cb when they happen. */
void		 loop_add_fd(struct loop *, int fd, short events, loop_fd_cb *,
		    void *arg);
/* Stop watching fd. */
void		 loop_remove_fd(struct loop *, int fd);
/* Prepare a timer that calls cb(arg). */
void		 loop_timer_init(struct loop_timer *, loop_timer_cb *, void *arg);
/* Arm (or re-arm) a timer to fire once after ms milliseconds. */
void		 loop_timer_arm(struct loop *, struct loop_timer *, uint64_t ms);
/* Disarm a timer; harmless when it is not armed. */
void		 loop_timer_disarm(struct loop *, struct loop_timer *);
/* Call cb when signo arrives (SIGCHLD, SIGINT, SIGTERM, SIGHUP, SIGWINCH). */
void		 loop_add_signal(struct loop *, int signo, loop_signal_cb *,
		    void *arg);
/* Stop calling anything for signo; it stays blocked. */
void		 loop_remove_signal(struct loop *, int signo);
/* The signal mask finwave started with, for children to restore. */
const sigset_t	*loop_original_mask(void);
/* Time the loop's timers by clock (milliseconds; NULL: the monotonic
 * clock, the default), so a test can move time by hand. */
void		 loop_set_clock(struct loop *, loop_clock_cb *clock, void *arg);
/* The loop's clock now, in ms: what timers are due by. */
uint64_t	 loop_ms(struct loop *);
/* Fire every timer that is due by the loop's clock, without polling;
 * returns the ms until the next is due, or -1 when none is armed. */
int		 loop_fire_timers(struct loop *);
/* Run until loop_break(); returns at once when nothing is watched. */
void		 loop_run(struct loop *);
/* Make loop_run() return after the current callback. */
void		 loop_break(struct loop *);
/* Milliseconds on the monotonic clock. */
uint64_t	 loop_now_ms(void);
/* Nanoseconds on the monotonic clock. */
uint64_t	 loop_now_ns(void);
/* Nanoseconds on the real-time clock, the clock of captured segments. */
uint64_t	 loop_realtime_ns(void);

#endif
