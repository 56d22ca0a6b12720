/*
 * crash.h: the last word when finwave itself fails. On SIGSEGV, SIGBUS,
 * SIGABRT, SIGFPE and SIGILL the terminal is given back (the alternate
 * screen left, the cursor shown, the saved settings restored) and every
 * endpoint process is killed, with async-signal-safe calls only; then the
 * signal takes its course, so a core dump or a sanitizer report still
 * follows. A class never faces a dead terminal or a lab left running.
 */
#ifndef CRASH_H
#define CRASH_H

#include <sys/types.h>

#include <termios.h>

/* How many processes the crash handler can kill: every endpoint of a lab. */
#define CRASH_MAX_PIDS	64

/* Install the handlers (once; later calls do nothing). */
void	crash_init(void);
/* On a crash, write reset (not copied: it must outlive the terminal) to
 * fd and restore the settings saved (copied) before curses took the
 * terminal. */
void	crash_terminal(int fd, const struct termios *saved, const char *reset);
/* The terminal is restored already: nothing to do for it on a crash. */
void	crash_terminal_done(void);
/* Kill pid on a crash; -1 when CRASH_MAX_PIDS are watched already. */
int	crash_watch(pid_t pid);
/* Forget pid (it was reaped). */
void	crash_unwatch(pid_t pid);
/* In a new child process: forget the parent's terminal and processes and
 * give every crash signal back its action from before crash_init(). */
void	crash_child(void);

#endif
