/*
 * lab.h: a private network namespace with only lo, and the endpoint
 * processes that live in it. The calling process itself moves into the new
 * namespace, so captures and probes it opens afterwards see only the lab.
 */
#ifndef LAB_H
#define LAB_H

#include <sys/types.h>

#include <stdint.h>

#include "base/loop.h"
#include "lab/endpoint.h"

struct lab;

struct lab_events {
	/* An endpoint finished one system call. */
	void	(*call)(int ep, const struct call *, void *arg);
	/* An endpoint finished the command it was given. */
	void	(*done)(int ep, void *arg);
	/* An endpoint process is gone: its channel closed and, when it was
	 * our child, it was reaped. status is a wait status, or -1 when its
	 * own parent reaped it. */
	void	(*exited)(int ep, int status, void *arg);
};

/* Move the calling process into a fresh network namespace (with a user
 * namespace when not root) and bring lo up; the namespace has a private
 * TCP hash of ehash_entries buckets (the kernel rounds it up to a power of
 * two) where the kernel can make one, the host's with 0. -1 and *cause on
 * failure. */
int		 lab_enter(unsigned ehash_entries, char **cause);
/* The current namespace's TCP hash (net.ipv4.tcp_ehash_entries): its
 * bucket count, negated when it is the host's, shared; 0 if unknown. */
long		 lab_ehash_entries(void);
/* Enter a fresh namespace with lo up (lab_enter); NULL and *cause when
 * that fails. */
struct lab	*lab_new(struct loop *, const struct lab_events *, void *arg,
		    unsigned ehash_entries, char **cause);
/* Start endpoint ep as a new process; -1 and *cause on failure. */
int		 lab_spawn(struct lab *, int ep, char **cause);
/* Send a command to endpoint ep; for ACT_FORK, child is the new endpoint. */
int		 lab_command(struct lab *, int ep, const struct ep_command *,
		    int child, char **cause);
/* SIGKILL endpoint ep; returns kill()'s result, errno set on -1. */
int		 lab_kill(struct lab *, int ep);
/* Write a sysctl under /proc/sys/net/ipv4 of the current namespace (the
 * lab's, once entered); -1 and *cause. */
int		 lab_sysctl(const char *name, const char *value, char **cause);
/* Read a sysctl under /proc/sys/net/ipv4 of the current namespace as a
 * number into *value; -1 and *cause. */
int		 lab_sysctl_get(const char *name, long *value, char **cause);
/* Whether the current namespace (the lab's, once entered) has the sysctl
 * /proc/sys/net/ipv4/NAME. */
int		 lab_has_sysctl(const char *name);
/* The process id of endpoint ep, or 0 when it has none yet. */
pid_t		 lab_pid(struct lab *, int ep);
/* When the lab started, CLOCK_REALTIME in ns. */
uint64_t	 lab_start_ns(struct lab *);
/* Kill and reap every endpoint; the namespace dies with the last of them. */
void		 lab_free(struct lab *);

#endif
