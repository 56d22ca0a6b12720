/*
 * loop.c: one thread, one poll(). Descriptors and their callbacks, one-shot
 * timers kept in a short array, and signals turned into a descriptor with
 * signalfd so they arrive in order with everything else. When nothing is
 * armed and nothing is readable, the process sleeps: idle means no wake-ups.
 */
#include <sys/signalfd.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/loop.h"
#include "base/xmalloc.h"

struct loop_fd {
	int		 fd;
	short		 events;
	loop_fd_cb	*cb;
	void		*arg;
};

struct loop_signal {
	int		 signo;
	loop_signal_cb	*cb;
	void		*arg;
};

struct loop {
	struct loop_fd		*fds;
	size_t			 nfds;
	struct loop_timer	**timers;
	size_t			 ntimers;
	struct loop_signal	*signals;
	size_t			 nsignals;
	int			 signal_fd;
	sigset_t		 watched;
	int			 stop;
	loop_clock_cb		*clock;		/* the timers' clock */
	void			*clock_arg;
};

static sigset_t	loop_saved_mask;
static int	loop_saved_mask_valid;

/* Create an empty loop. */
struct loop *
loop_new(void)
{
	struct loop	*loop;

	loop = xcalloc(1, sizeof *loop);
	loop->signal_fd = -1;
	loop_set_clock(loop, NULL, NULL);
	sigemptyset(&loop->watched);
	if (!loop_saved_mask_valid) {
		sigprocmask(SIG_SETMASK, NULL, &loop_saved_mask);
		loop_saved_mask_valid = 1;
	}
	return (loop);
}

/* Free the loop and its signal descriptor; restore the signal mask. */
void
loop_free(struct loop *loop)
{
	size_t	i;

	for (i = 0; i < loop->ntimers; i++)
		loop->timers[i]->armed = 0;
	if (loop->signal_fd != -1) {
		close(loop->signal_fd);
		sigprocmask(SIG_SETMASK, &loop_saved_mask, NULL);
	}
	free(loop->fds);
	free(loop->timers);
	free(loop->signals);
	free(loop);
}

/* Watch a descriptor. */
void
loop_add_fd(struct loop *loop, int fd, short events, loop_fd_cb *cb,
    void *arg)
{
	struct loop_fd	*lf;

	loop->fds = xreallocarray(loop->fds, loop->nfds + 1, sizeof *loop->fds);
	lf = &loop->fds[loop->nfds++];
	lf->fd = fd;
	lf->events = events == 0 ? POLLIN : events;
	lf->cb = cb;
	lf->arg = arg;
}

/* Forget a descriptor; safe to call from its own callback. */
void
loop_remove_fd(struct loop *loop, int fd)
{
	size_t	i;

	for (i = 0; i < loop->nfds; i++) {
		if (loop->fds[i].fd != fd)
			continue;
		memmove(&loop->fds[i], &loop->fds[i + 1],
		    (loop->nfds - i - 1) * sizeof *loop->fds);
		loop->nfds--;
		return;
	}
}

/* Set up a timer's callback. */
void
loop_timer_init(struct loop_timer *t, loop_timer_cb *cb, void *arg)
{
	memset(t, 0, sizeof *t);
	t->cb = cb;
	t->arg = arg;
}

/* Arm a timer, adding it to the loop's list if it is not there. */
void
loop_timer_arm(struct loop *loop, struct loop_timer *t, uint64_t ms)
{
	t->due_ms = loop_ms(loop) + ms;
	if (t->armed)
		return;
	t->armed = 1;
	loop->timers = xreallocarray(loop->timers, loop->ntimers + 1,
	    sizeof *loop->timers);
	loop->timers[loop->ntimers++] = t;
}

/* Disarm a timer and drop it from the loop's list. */
void
loop_timer_disarm(struct loop *loop, struct loop_timer *t)
{
	size_t	i;

	if (!t->armed)
		return;
	t->armed = 0;
	for (i = 0; i < loop->ntimers; i++) {
		if (loop->timers[i] != t)
			continue;
		memmove(&loop->timers[i], &loop->timers[i + 1],
		    (loop->ntimers - i - 1) * sizeof *loop->timers);
		loop->ntimers--;
		return;
	}
}

/* Read every pending signal from the signalfd and dispatch it. */
static void
loop_signal_ready(int fd, short revents, void *arg)
{
	struct loop			*loop = arg;
	struct signalfd_siginfo		 si;
	size_t				 i;

	(void)revents;
	while (read(fd, &si, sizeof si) == (ssize_t)sizeof si) {
		for (i = 0; i < loop->nsignals; i++) {
			if (loop->signals[i].signo == (int)si.ssi_signo)
				loop->signals[i].cb(si.ssi_signo,
				    loop->signals[i].arg);
		}
	}
}

/* Route a signal through the loop's signalfd. */
void
loop_add_signal(struct loop *loop, int signo, loop_signal_cb *cb, void *arg)
{
	struct loop_signal	*ls;
	int			 first = (loop->signal_fd == -1);

	loop->signals = xreallocarray(loop->signals, loop->nsignals + 1,
	    sizeof *loop->signals);
	ls = &loop->signals[loop->nsignals++];
	ls->signo = signo;
	ls->cb = cb;
	ls->arg = arg;

	sigaddset(&loop->watched, signo);
	if (sigprocmask(SIG_BLOCK, &loop->watched, NULL) == -1)
		fatal("sigprocmask");
	loop->signal_fd = signalfd(loop->signal_fd, &loop->watched,
	    SFD_NONBLOCK | SFD_CLOEXEC);
	if (loop->signal_fd == -1)
		fatal("signalfd");
	if (first)
		loop_add_fd(loop, loop->signal_fd, POLLIN, loop_signal_ready,
		    loop);
}

/* Drop every callback for a signal. */
void
loop_remove_signal(struct loop *loop, int signo)
{
	size_t	i = 0;

	while (i < loop->nsignals) {
		if (loop->signals[i].signo != signo) {
			i++;
			continue;
		}
		memmove(&loop->signals[i], &loop->signals[i + 1],
		    (loop->nsignals - i - 1) * sizeof *loop->signals);
		loop->nsignals--;
	}
}

/* The mask before any loop blocked signals. */
const sigset_t *
loop_original_mask(void)
{
	if (!loop_saved_mask_valid) {
		sigprocmask(SIG_SETMASK, NULL, &loop_saved_mask);
		loop_saved_mask_valid = 1;
	}
	return (&loop_saved_mask);
}

/* The monotonic clock in ms, as a loop_clock_cb. */
static uint64_t
loop_monotonic_ms(void *arg)
{
	(void)arg;
	return (loop_now_ms());
}

/* Give the loop's timers another clock. */
void
loop_set_clock(struct loop *loop, loop_clock_cb *clock, void *arg)
{
	loop->clock = clock != NULL ? clock : loop_monotonic_ms;
	loop->clock_arg = arg;
}

/* The loop's clock now. */
uint64_t
loop_ms(struct loop *loop)
{
	return (loop->clock(loop->clock_arg));
}

/* Fire every timer that is due; returns the ms until the next, or -1. */
int
loop_fire_timers(struct loop *loop)
{
	struct loop_timer	*t;
	uint64_t		 now, next = UINT64_MAX;
	size_t			 i;

	now = loop_ms(loop);
	for (i = 0; i < loop->ntimers; i++) {
		t = loop->timers[i];
		if (t->due_ms > now)
			continue;
		loop_timer_disarm(loop, t);
		t->cb(t->arg);
		return (0);	/* the list changed; look again */
	}
	for (i = 0; i < loop->ntimers; i++) {
		if (loop->timers[i]->due_ms < next)
			next = loop->timers[i]->due_ms;
	}
	if (next == UINT64_MAX)
		return (-1);
	return ((int)(next - now));
}

/* Call the callback still registered for a ready descriptor, if any. */
static void
loop_dispatch(struct loop *loop, const struct pollfd *pfd)
{
	size_t	i;

	for (i = 0; i < loop->nfds; i++) {
		if (loop->fds[i].fd == pfd->fd) {
			loop->fds[i].cb(pfd->fd, pfd->revents, loop->fds[i].arg);
			return;
		}
	}
}

/* Break out of loop_run() once the current callback returns. */
void
loop_break(struct loop *loop)
{
	loop->stop = 1;
}

/* Nanoseconds on a clock. */
static uint64_t
loop_clock_ns(clockid_t clock)
{
	struct timespec	ts;

	clock_gettime(clock, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec);
}

/* Nanoseconds since an arbitrary point, never going back. */
uint64_t
loop_now_ns(void)
{
	return (loop_clock_ns(CLOCK_MONOTONIC));
}

/* Milliseconds since an arbitrary point, never going back. */
uint64_t
loop_now_ms(void)
{
	return (loop_now_ns() / 1000000);
}

/* Nanoseconds since the epoch. */
uint64_t
loop_realtime_ns(void)
{
	return (loop_clock_ns(CLOCK_REALTIME));
}

/* Poll and dispatch until loop_break() or nothing is left to wait for. */
void
loop_run(struct loop *loop)
{
	struct pollfd	*pfd = NULL;
	size_t		 i, n;
	int		 timeout, ready;

	loop->stop = 0;
	while (!loop->stop) {
		timeout = loop_fire_timers(loop);
		if (loop->stop)
			break;
		if (timeout == 0)
			continue;
		n = loop->nfds;
		if (n == 0 && timeout == -1)
			break;
		pfd = xreallocarray(pfd, n + 1, sizeof *pfd);
		for (i = 0; i < n; i++) {
			pfd[i].fd = loop->fds[i].fd;
			pfd[i].events = loop->fds[i].events;
			pfd[i].revents = 0;
		}
		ready = poll(pfd, n, timeout);
		if (ready == -1) {
			if (errno == EINTR)
				continue;
			fatal("poll");
		}
		for (i = 0; i < n && !loop->stop; i++) {
			if (pfd[i].revents == 0)
				continue;
			loop_dispatch(loop, &pfd[i]);
		}
	}
	free(pfd);
}
