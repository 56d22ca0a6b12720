/*
 * expect.h: a lesson's expectations judged against the timeline. Pure: the
 * runner says which connections each endpoint holds; everything else is
 * read from the events of the step.
 */
#ifndef EXPECT_H
#define EXPECT_H

#include <stddef.h>
#include <stdint.h>

#include "lesson/lesson.h"
#include "model/timeline.h"

/* One side of a connection that an endpoint holds (or that waits to be
 * accepted), as things stand now. */
struct expect_conn {
	int			conn;		/* connection number */
	int			owner;		/* actor of its state events */
	enum tcp_state		state;
	enum state_src		src;
	enum tcp_timer		timer;
	unsigned		expires_ms;	/* left at the latest reading */
	unsigned		armed_ms;	/* left at the first reading of
						 * this timer in this state */
	int			open;		/* the endpoint holds it open */
	int			queued;		/* not accepted: it waits in the
						 * endpoint's listener's accept
						 * queue ("state ... count"
						 * counts it, nothing else) */
	struct sock_tcpinfo	info;		/* at the latest reading */
	uint32_t		rqueue;		/* Recv-Q and Send-Q then */
	uint32_t		wqueue;
};

/* How much one of the lab's TCP counters rose during the step. */
struct expect_counter {
	const char		*name;		/* as the kernel spells it */
	long long		 rose;
};

struct expect_world {
	const struct timeline	*tl;
	size_t			 first;		/* the step's events: [first, last) */
	size_t			 last;
	/* Fill out with the endpoint's connections, latest last; returns n. */
	size_t			(*conns)(void *arg, int ep,
				    struct expect_conn *out, size_t max);
	/* The port of the endpoint's latest open listener, or 0. */
	int			(*listen_port)(void *arg, int ep);
	void			*arg;
	const struct expect_counter *counters;	/* every counter the lab's
						 * kernel has */
	size_t			 ncounters;
	const char		*counters_failed;	/* why they could not
							 * be read, or NULL */
};

/* Describe an expectation ("client state TIME_WAIT"); the caller frees. */
char	*expect_describe(const struct lesson *, const struct expect *);
/* Judge an expectation: 1 if it holds, else 0 and *observed says what the
 * kernel did instead (the caller frees). */
int	 expect_judge(const struct lesson *, const struct expect *,
	    const struct expect_world *, char **observed);

#endif
