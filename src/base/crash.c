/*
 * crash.c: what finwave does when it crashes. Everything the handler
 * needs is prepared beforehand in static storage (the terminal's reset
 * bytes, its saved settings, the pids to kill), because a signal handler
 * may only call async-signal-safe functions: write(2), tcsetattr(3),
 * kill(2), sigaction(2) and raise(3). The handler runs on a stack of its
 * own, so a stack overflow is handled too.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/common_interface_defs.h>
#endif

#include "base/crash.h"

static const int	crash_signals[] = {
	SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL
};
#define CRASH_NSIGNALS	(sizeof crash_signals / sizeof crash_signals[0])

static struct sigaction		crash_old[CRASH_NSIGNALS];
static int			crash_installed;
static volatile sig_atomic_t	crash_tty_fd = -1;
static struct termios		crash_tty_saved;
static const char *volatile	crash_tty_reset;
static volatile pid_t		crash_pids[CRASH_MAX_PIDS];

/* Give the terminal back and kill the lab: async-signal-safe only. */
static void
crash_clean_up(void)
{
	const char	*reset = crash_tty_reset;
	int		 fd = crash_tty_fd, saved = errno;
	size_t		 i;

	crash_tty_fd = -1;
	if (fd != -1) {
		if (reset != NULL && write(fd, reset, strlen(reset)) == -1) {
			/* a terminal that refuses it: nothing left to try */
		}
		(void)tcsetattr(fd, TCSANOW, &crash_tty_saved);
	}
	for (i = 0; i < CRASH_MAX_PIDS; i++) {
		if (crash_pids[i] > 0)
			(void)kill(crash_pids[i], SIGKILL);
	}
	errno = saved;
}

/* A crash signal: clean up, then let the signal do what it did before. A
 * fault the hardware raised happens again when the handler returns; one
 * that was sent (abort(), kill) is raised again. */
static void
crash_handler(int signo, siginfo_t *info, void *context)
{
	size_t	i;

	(void)context;
	crash_clean_up();
	for (i = 0; i < CRASH_NSIGNALS; i++) {
		if (crash_signals[i] == signo)
			(void)sigaction(signo, &crash_old[i], NULL);
	}
	if (info->si_code <= 0 || signo == SIGABRT)
		(void)raise(signo);
}

#ifdef __SANITIZE_ADDRESS__
/* A sanitizer report ends the process without a signal. */
static void
crash_sanitizer_death(void)
{
	crash_clean_up();
}
#endif

/* Install the handlers, on an alternate stack. */
void
crash_init(void)
{
	static char		stack[64 * 1024];
	struct sigaction	sa;
	stack_t			ss;
	size_t			i;

	if (crash_installed)
		return;
	crash_installed = 1;
	memset(&ss, 0, sizeof ss);
	ss.ss_sp = stack;
	ss.ss_size = sizeof stack;
	(void)sigaltstack(&ss, NULL);
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = crash_handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigfillset(&sa.sa_mask);
	for (i = 0; i < CRASH_NSIGNALS; i++)
		(void)sigaction(crash_signals[i], &sa, &crash_old[i]);
#ifdef __SANITIZE_ADDRESS__
	__sanitizer_set_death_callback(crash_sanitizer_death);
#endif
}

/* Remember how to give the terminal back. */
void
crash_terminal(int fd, const struct termios *saved, const char *reset)
{
	crash_tty_fd = -1;
	crash_tty_saved = *saved;
	crash_tty_reset = reset;
	crash_tty_fd = fd;
}

/* The terminal was given back the ordinary way. */
void
crash_terminal_done(void)
{
	crash_tty_fd = -1;
}

/* Watch a process, in the first free slot. */
int
crash_watch(pid_t pid)
{
	size_t	i;

	for (i = 0; i < CRASH_MAX_PIDS; i++) {
		if (crash_pids[i] <= 0) {
			crash_pids[i] = pid;
			return (0);
		}
	}
	return (-1);
}

/* Forget a process. */
void
crash_unwatch(pid_t pid)
{
	size_t	i;

	for (i = 0; i < CRASH_MAX_PIDS; i++) {
		if (crash_pids[i] == pid)
			crash_pids[i] = 0;
	}
}

/* In a child: nothing of the parent's to clean up; the actions from
 * before crash_init() (the defaults, or a sanitizer's). */
void
crash_child(void)
{
	size_t	i;

	crash_tty_fd = -1;
	for (i = 0; i < CRASH_MAX_PIDS; i++)
		crash_pids[i] = 0;
	for (i = 0; i < CRASH_NSIGNALS && crash_installed; i++)
		(void)sigaction(crash_signals[i], &crash_old[i], NULL);
	crash_installed = 0;
}
