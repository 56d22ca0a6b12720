/*
 * check.c: the kernel as judge of every lesson. Each lesson runs in a
 * forked worker (so in a network namespace of its own, and N at a time);
 * the worker writes its verdict down a pipe and exits. A worker that has
 * not finished after CHECK_TIMEOUT_MS, and the pace's wait before each of
 * its steps, is killed and the lesson fails. A
 * lesson whose requirements this kernel lacks is skipped, and said to be:
 * never counted as held.
 */
#include <sys/prctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/loop.h"
#include "base/xmalloc.h"
#include "run/check.h"
#include "run/play.h"

/* How long a lesson may take, besides the pace's waits. */
#define CHECK_TIMEOUT_MS	180000

struct check_job {
	pid_t		 pid;
	int		 fd;		/* the verdict pipe, -1 once read */
	char		*verdict;
	size_t		 len;
	uint64_t	 began_ms;
	int		 done;
	int		 status;
	int		 timed_out;
};

/* ", paced 10 s, 2 waits cut short by a deadline", or "" unpaced. */
static char *
check_pace_note(unsigned pace_ms, const struct play_result *res)
{
	if (pace_ms == 0)
		return (xstrdup(""));
	if (res->cut_short == 0)
		return (xasprintf(", paced %.1f s", pace_ms / 1000.0));
	return (xasprintf(", paced %.1f s, %d wait%s cut short by a deadline",
	    pace_ms / 1000.0, res->cut_short, res->cut_short == 1 ? "" : "s"));
}

/* In the worker: run the lesson, write the verdict, exit. */
static void __attribute__((noreturn))
check_worker(const struct lesson *l, const struct play_options *po, int fd,
    pid_t parent)
{
	struct play_options	 opts = *po;
	struct play_result	 res;
	char			*line, *pace;
	int			 status;
	ssize_t			 w;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(1);
	opts.lang = LANG_EN;
	opts.pcap_path = NULL;
	opts.save = NULL;
	status = play_run(l, &opts, NULL, &res);
	pace = check_pace_note(opts.pace_ms, &res);
	if (res.unsupported) {
		line = xasprintf("skip  %-24s %s\n", l->id, res.error);
		status = 0;
	} else if (res.error != NULL)
		line = xasprintf("FAIL  %-24s the lab could not run: %s\n",
		    l->id, res.error);
	else if (status != 0)
		line = xasprintf("FAIL  %-24s %d of %d checks failed, %d not "
		    "reached, %.1f s%s\n%s", l->id, res.failures, res.checks,
		    res.not_reached, res.seconds, pace, res.report);
	else
		line = xasprintf("ok    %-24s %zu steps, %d checks, %.1f s%s\n",
		    l->id, l->nsteps, res.checks, res.seconds, pace);
	free(pace);
	w = write(fd, line, strlen(line));
	_exit(w == (ssize_t)strlen(line) ? status : 1);
}

/* Start a worker for lesson i. */
static void
check_start(const struct catalog *cat, const struct play_options *po,
    struct check_job *jobs, size_t i)
{
	pid_t	parent = getpid();
	int	fds[2];
	size_t	j;

	if (pipe2(fds, O_CLOEXEC) == -1)
		fatal("pipe");
	fflush(NULL);
	jobs[i].pid = fork();
	if (jobs[i].pid == -1)
		fatal("fork");
	if (jobs[i].pid == 0) {
		close(fds[0]);
		for (j = 0; j < cat->n; j++) {
			if (jobs[j].fd != -1)
				close(jobs[j].fd);
		}
		check_worker(cat->lessons[i], po, fds[1], parent);
	}
	close(fds[1]);
	jobs[i].fd = fds[0];
	jobs[i].began_ms = loop_now_ms();
}

/* Read what a worker wrote; at EOF, reap it. */
static void
check_read(struct check_job *job)
{
	char	buf[4096];
	ssize_t	n;
	int	status;

	n = read(job->fd, buf, sizeof buf);
	if (n == -1 && errno == EINTR)
		return;
	if (n > 0) {
		job->verdict = xreallocarray(job->verdict, job->len + (size_t)n
		    + 1, 1);
		memcpy(job->verdict + job->len, buf, (size_t)n);
		job->len += (size_t)n;
		job->verdict[job->len] = '\0';
		return;
	}
	close(job->fd);
	job->fd = -1;
	while (waitpid(job->pid, &status, 0) == -1 && errno == EINTR)
		;
	job->status = status;
	job->done = 1;
}

/* Kill workers that ran too long; their lessons fail. The limit grows by
 * the pace before each step. */
static void
check_timeouts(const struct catalog *cat, unsigned pace_ms,
    struct check_job *jobs, size_t n)
{
	uint64_t	limit;
	size_t		i;

	for (i = 0; i < n; i++) {
		limit = CHECK_TIMEOUT_MS + (uint64_t)pace_ms *
		    cat->lessons[i]->nsteps;
		if (jobs[i].fd == -1 || jobs[i].done || jobs[i].timed_out ||
		    loop_now_ms() - jobs[i].began_ms < limit)
			continue;
		kill(jobs[i].pid, SIGKILL);
		free(jobs[i].verdict);
		jobs[i].verdict = xasprintf("FAIL  %-24s did not finish in "
		    "%.0f s\n", cat->lessons[i]->id, (double)limit / 1000.0);
		jobs[i].len = strlen(jobs[i].verdict);
		jobs[i].timed_out = 1;
	}
}

/* Whether poll() found fd readable (or at EOF). */
static int
check_poll_ready(const struct pollfd *pfd, size_t n, int fd)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (pfd[i].fd == fd)
			return (pfd[i].revents != 0);
	}
	return (0);
}

/* Wait for any running worker to say something. */
static void
check_wait(struct check_job *jobs, size_t started)
{
	struct pollfd	*pfd;
	size_t		 i, n = 0;

	pfd = xcalloc(started, sizeof *pfd);
	for (i = 0; i < started; i++) {
		if (jobs[i].fd == -1)
			continue;
		pfd[n].fd = jobs[i].fd;
		pfd[n].events = POLLIN;
		n++;
	}
	if (poll(pfd, n, 1000) > 0) {
		for (i = 0; i < started; i++) {
			if (jobs[i].fd == -1)
				continue;
			if (check_poll_ready(pfd, n, jobs[i].fd))
				check_read(&jobs[i]);
		}
	}
	free(pfd);
}

/* Print a finished lesson's verdict; counts it as held, failed or
 * skipped. */
static void
check_print(const struct lesson *l, const struct check_job *job, FILE *out,
    size_t *failed, size_t *skipped)
{
	if (job->verdict == NULL) {
		fprintf(out, "FAIL  %-24s the worker died (%s %d)\n", l->id,
		    WIFSIGNALED(job->status) ? "signal" : "exit status",
		    WIFSIGNALED(job->status) ? WTERMSIG(job->status) :
		    WEXITSTATUS(job->status));
		(*failed)++;
		return;
	}
	fputs(job->verdict, out);
	if (strncmp(job->verdict, "skip ", 5) == 0 && job->status == 0)
		(*skipped)++;
	else if (strncmp(job->verdict, "ok ", 3) != 0 || job->status != 0)
		(*failed)++;
}

/* Run the catalog, jobs lessons at a time, printing verdicts in order. */
int
check_run(const struct catalog *cat, int jobs_max,
    const struct play_options *po, FILE *out)
{
	struct check_job	*jobs;
	size_t			 i, started = 0, printed = 0, running, failed = 0;
	size_t			 skipped = 0;

	jobs = xcalloc(cat->n, sizeof *jobs);
	for (i = 0; i < cat->n; i++)
		jobs[i].fd = -1;
	while (printed < cat->n) {
		running = 0;
		for (i = 0; i < started; i++)
			running += !jobs[i].done;
		while (started < cat->n && running < (size_t)jobs_max) {
			check_start(cat, po, jobs, started++);
			running++;
		}
		check_wait(jobs, started);
		check_timeouts(cat, po->pace_ms, jobs, started);
		while (printed < started && jobs[printed].done) {
			check_print(cat->lessons[printed], &jobs[printed], out,
			    &failed, &skipped);
			fflush(out);
			printed++;
		}
	}
	fprintf(out, "%zu lesson%s: %zu held, %zu failed", cat->n,
	    cat->n == 1 ? "" : "s", cat->n - failed - skipped, failed);
	if (skipped > 0)
		fprintf(out, ", %zu skipped (this kernel lacks what they "
		    "need)", skipped);
	fputc('\n', out);
	for (i = 0; i < cat->n; i++)
		free(jobs[i].verdict);
	free(jobs);
	return (failed > 0);
}
