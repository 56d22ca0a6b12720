/*
 * share.c: writing a run's saved forms. Widths are measured in a UTF-8
 * locale whatever the user's is (wcwidth follows LC_CTYPE, and a Chinese
 * ladder printed under LANG=C must still line up), through a locale of
 * this thread's own for as long as a form is written.
 */
#include <sys/stat.h>
#include <sys/utsname.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/safedir.h"
#include "base/xmalloc.h"
#include "run/transcript.h"
#include "share/diagram.h"
#include "share/html.h"
#include "share/ladder.h"
#include "share/pcapstory.h"
#include "share/share.h"
#include "share/svg.h"

#ifndef FINWAVE_VERSION
#define FINWAVE_VERSION "0.1.0"
#endif

#define SHARE_RUNS	"finwave/runs"

/* What is being written, and the facts its header gives. */
struct share_job {
	const struct share_run	*run;
	const char		*guesses;	/* the learner's, or NULL */
	struct ladder		 ladder;
	struct utsname		 uts;
	char			 when[32];
	struct svg_about	 about;
	locale_t		 utf8;
	locale_t		 old;
};

/* Lay out the run and note where it comes from; measure in UTF-8. */
static void
share_begin(struct share_job *j, const struct share_run *run)
{
	time_t		now = time(NULL);
	struct tm	tm;

	memset(j, 0, sizeof *j);
	j->run = run;
	if ((j->utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0)) !=
	    (locale_t)0)
		j->old = uselocale(j->utf8);
	if (uname(&j->uts) == -1)
		snprintf(j->uts.release, sizeof j->uts.release, "?");
	gmtime_r(&now, &tm);
	strftime(j->when, sizeof j->when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	j->about.version = FINWAVE_VERSION;
	j->about.kernel = j->uts.release;
	j->about.when = j->when;
	ladder_build(&j->ladder, run->lesson, run->lang, run->tl, run->upto);
}

/* Done: back to the caller's locale. */
static void
share_end(struct share_job *j)
{
	ladder_free(&j->ladder);
	if (j->utf8 != (locale_t)0) {
		uselocale(j->old);
		freelocale(j->utf8);
	}
}

/* The forms written as text. */
enum share_form {
	FORM_SVG,
	FORM_HTML,
	FORM_DIAGRAM,
	FORM_TRANSCRIPT,
	FORM_GUESSES
};

/* Write one text form. */
static void
share_form(FILE *f, struct share_job *j, enum share_form form)
{
	size_t	i;

	switch (form) {
	case FORM_SVG:
		svg_write(f, &j->ladder, &j->about, SVG_FILE);
		break;
	case FORM_HTML:
		html_write(f, &j->ladder, &j->about);
		break;
	case FORM_DIAGRAM:
		diagram_write(f, &j->ladder, &j->about);
		break;
	case FORM_TRANSCRIPT:
		for (i = 0; i < j->run->upto; i++)
			transcript_print_event(f, j->run->lesson,
			    timeline_get(j->run->tl, i));
		break;
	case FORM_GUESSES:
		fputs(j->guesses, f);
		break;
	}
}

/* Finish a stream written to name: -1 and *cause when any of it could
 * not be written. */
static int
share_close(FILE *f, const char *name, char **cause)
{
	int	bad = fflush(f) == EOF || ferror(f), saved = errno;

	if (fclose(f) == EOF && !bad) {
		bad = 1;
		saved = errno;
	}
	if (bad)
		*cause = xasprintf("%s: cannot write: %s", name,
		    strerror(saved != 0 ? saved : EIO));
	return (bad ? -1 : 0);
}

/*
 * Open where a file named on the command line goes: a temporary file
 * beside it, renamed over it once whole (share_out_done), so a failed run
 * leaves nothing half-written; a path that is not a regular file (a
 * device, a FIFO) is written directly. -1 and *cause.
 */
static int
share_out_open(const char *path, char **tmp, char **cause)
{
	struct stat	 st;
	char		*copy, *dir, *base;
	mode_t		 mask;
	int		 fd;

	*tmp = NULL;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if ((fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)) == -1)
			*cause = xasprintf("%s: %s", path, strerror(errno));
		return (fd);
	}
	copy = xstrdup(path);
	dir = xstrdup(dirname(copy));
	free(copy);
	copy = xstrdup(path);
	base = basename(copy);
	*tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	free(copy);
	free(dir);
	if ((fd = mkostemp(*tmp, O_CLOEXEC)) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return (-1);
	}
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	return (fd);
}

/* The file is written (ok) or not: rename it into place, or remove it. */
static int
share_out_done(const char *path, char *tmp, int ok, char **cause)
{
	if (tmp == NULL)
		return (ok ? 0 : -1);
	if (ok && rename(tmp, path) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		ok = 0;
	}
	if (!ok)
		unlink(tmp);
	free(tmp);
	return (ok ? 0 : -1);
}

/* Write a text form to path. */
static int
share_to_path(struct share_job *j, enum share_form form, const char *path,
    char **cause)
{
	FILE	*f;
	char	*tmp;
	int	 fd;

	if ((fd = share_out_open(path, &tmp, cause)) == -1)
		return (-1);
	if ((f = fdopen(fd, "w")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		close(fd);
		return (share_out_done(path, tmp, 0, cause));
	}
	share_form(f, j, form);
	return (share_out_done(path, tmp, share_close(f, path, cause) == 0,
	    cause));
}

/* Write the pcapng file on fd (owned from here on), named name. */
static int
share_pcapng_fd(struct share_job *j, int fd, const char *name, char **cause)
{
	struct pcapng	*pg;
	char		*section = pcapstory_section(j->run);

	pg = pcapng_fdopen(fd, name, section, cause);
	free(section);
	if (pg == NULL)
		return (-1);
	pcapstory_write(pg, j->run);
	return (pcapng_close(pg, cause));
}

/* Whether any file is asked for. */
int
share_wanted(const struct share_files *sf)
{
	return (sf->svg != NULL || sf->html != NULL || sf->pcapng != NULL ||
	    sf->diagram != NULL);
}

/* Whether a file can be written at path: an existing one that may be
 * written, or a new one in a directory that may be written to. */
static int
share_writable(const char *path, char **cause)
{
	char	*copy, *dir;
	int	 ok;

	if (access(path, F_OK) == 0)
		ok = access(path, W_OK) == 0;
	else if (errno != ENOENT)
		ok = 0;
	else {
		copy = xstrdup(path);
		dir = dirname(copy);
		ok = access(dir, W_OK | X_OK) == 0;
		free(copy);
	}
	if (!ok)
		*cause = xasprintf("%s: %s", path, strerror(errno));
	return (ok);
}

/* Whether each file asked for can be written, and no two are one. */
int
share_files_check(const struct share_files *sf, const char *pcap,
    char **cause)
{
	const char	*paths[] = { sf->svg, sf->html, sf->pcapng, pcap };
	const char	*names[] = { "--svg", "--html", "--pcapng", "--pcap" };
	size_t		 i, k;

	for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		if (paths[i] == NULL)
			continue;
		if (*paths[i] == '\0') {
			*cause = xasprintf("%s needs a file name", names[i]);
			return (-2);
		}
		for (k = 0; k < i; k++) {
			if (paths[k] != NULL && strcmp(paths[k], paths[i]) == 0) {
				*cause = xasprintf("%s and %s name the same "
				    "file, %s", names[k], names[i], paths[i]);
				return (-2);
			}
		}
		if (i < 3 && !share_writable(paths[i], cause))
			return (-1);
	}
	return (0);
}

/* Write what `finwave play` was asked for. */
int
share_write_files(const struct share_run *run, const struct share_files *sf,
    char **cause)
{
	struct share_job	 j;
	char			*tmp;
	int			 ret = 0, fd;

	share_begin(&j, run);
	if (sf->svg != NULL)
		ret = share_to_path(&j, FORM_SVG, sf->svg, cause);
	if (ret == 0 && sf->html != NULL)
		ret = share_to_path(&j, FORM_HTML, sf->html, cause);
	if (ret == 0 && sf->pcapng != NULL) {
		if ((fd = share_out_open(sf->pcapng, &tmp, cause)) == -1)
			ret = -1;
		else
			ret = share_out_done(sf->pcapng, tmp,
			    share_pcapng_fd(&j, fd, sf->pcapng, cause) == 0,
			    cause);
	}
	if (ret == 0 && sf->diagram != NULL) {
		share_form(sf->diagram, &j, FORM_DIAGRAM);
		if (fflush(sf->diagram) == EOF || ferror(sf->diagram)) {
			*cause = xasprintf("the text ladder: cannot write: %s",
			    strerror(errno));
			ret = -1;
		}
	}
	share_end(&j);
	return (ret);
}

/* Make the run's folder, "ID-YYYYMMDD-HHMMSS" (then "-2", "-3" ... when
 * two saves fall in one second), in the runs directory dfd. */
static int
share_folder(int dfd, const char *runs, const char *id, char **dir,
    char **cause)
{
	time_t		 now = time(NULL);
	struct tm	 tm;
	char		 stamp[32], *name;
	int		 fd, n;

	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	for (n = 1; n < 100; n++) {
		name = n == 1 ? xasprintf("%s-%s", id, stamp) :
		    xasprintf("%s-%s-%d", id, stamp, n);
		free(*cause);
		*cause = NULL;
		fd = safedir_mkdir_new(dfd, runs, name, cause);
		if (fd != -1 || errno != EEXIST) {
			*dir = fd != -1 ? xasprintf("%s/%s", runs, name) : NULL;
			free(name);
			return (fd);
		}
		free(name);
	}
	return (-1);
}

/* Write a text form as a new file name in the folder dfd. */
static int
share_to_dir(struct share_job *j, enum share_form form, int dfd,
    const char *dir, const char *name, char **cause)
{
	FILE	*f;
	char	*path;
	int	 fd, ret;

	if ((fd = safedir_create(dfd, dir, name, cause)) == -1)
		return (-1);
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		*cause = xasprintf("%s/%s: %s", dir, name, strerror(errno));
		return (-1);
	}
	path = xasprintf("%s/%s", dir, name);
	share_form(f, j, form);
	ret = share_close(f, path, cause);
	free(path);
	return (ret);
}

/* Save the run in a folder of its own. */
int
share_save(const struct share_run *run, const char *guesses, char **dir,
    char **cause)
{
	struct share_job	 j;
	char			*runs = NULL, *path;
	int			 rfd, dfd, fd, ret = -1;

	*dir = NULL;
	*cause = NULL;
	rfd = safedir_open("XDG_DATA_HOME", ".local/share", SHARE_RUNS, 1,
	    &runs, cause);
	if (rfd == -1)
		return (-1);
	dfd = share_folder(rfd, runs, run->lesson->id, dir, cause);
	close(rfd);
	free(runs);
	if (dfd == -1)
		return (-1);
	share_begin(&j, run);
	j.guesses = guesses;
	path = xasprintf("%s/run.pcapng", *dir);
	if (share_to_dir(&j, FORM_TRANSCRIPT, dfd, *dir, "transcript.txt",
	    cause) == 0 &&
	    (fd = safedir_create(dfd, *dir, "run.pcapng", cause)) != -1 &&
	    share_pcapng_fd(&j, fd, path, cause) == 0 &&
	    share_to_dir(&j, FORM_SVG, dfd, *dir, "ladder.svg", cause) == 0 &&
	    share_to_dir(&j, FORM_HTML, dfd, *dir, "replay.html", cause) == 0 &&
	    share_to_dir(&j, FORM_DIAGRAM, dfd, *dir, "ladder.txt",
	    cause) == 0 &&
	    share_to_dir(&j, FORM_GUESSES, dfd, *dir, "guesses.txt",
	    cause) == 0)
		ret = 0;
	free(path);
	share_end(&j);
	close(dfd);
	return (ret);
}
