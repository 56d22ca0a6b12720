/*
 * progress.c: the learner's progress, kept in a file of their own. Root can
 * run finwave with another user's environment (sudo -E, su without -), so
 * nothing here trusts the path: the state directory is opened through
 * safedir (component by component without following links below the base
 * the user named, used only when the effective user owns it and nobody
 * else may write to it, and created only inside directories the effective
 * user owns). The file is rewritten whole through a temporary file made
 * new (O_EXCL | O_NOFOLLOW) in that directory, synced, then renamed over
 * the old one, so a crash never leaves half a list. Every line read back
 * is checked; a line that is not valid is dropped.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/safedir.h"
#include "base/xmalloc.h"
#include "lesson/lesson.h"
#include "lesson/progress.h"

#define PROGRESS_VAR		"XDG_STATE_HOME"
#define PROGRESS_HOME_BELOW	".local/state"	/* under HOME, without it */
#define PROGRESS_BELOW		"finwave"
#define PROGRESS_TMP		PROGRESS_FILE ".tmp"
#define PROGRESS_MAX		(1024 * 1024)	/* the most read back */
#define PROGRESS_KEY_MAX	32
#define PROGRESS_VALUE_MAX	256
#define PROGRESS_KEY_CHARS	"abcdefghijklmnopqrstuvwxyz0123456789_-"
#define PROGRESS_BLANKS		" \t"
#define PROGRESS_COMPLETED	"completed"
#define PROGRESS_SCORE_MAX	999999	/* the largest count kept */
#define PROGRESS_HEADER		"# finwave progress: a lesson id a line, " \
				"then key=value fields\n"

/*
 * Open the state directory, creating what is missing when create is set;
 * its path goes to pr->dir. Returns the descriptor, or -1 and *cause (or
 * no cause: it does not exist and create is not set).
 */
static int
progress_open_dir(struct progress *pr, int create, char **cause)
{
	char	*path;
	int	 fd;

	fd = safedir_open(PROGRESS_VAR, PROGRESS_HOME_BELOW, PROGRESS_BELOW,
	    create, &path, cause);
	if (fd != -1) {
		free(pr->dir);
		pr->dir = path;
	}
	return (fd);
}

/* Whether s is 1..max characters of set. */
static int
progress_valid(const char *s, const char *set, size_t max)
{
	size_t	n = strlen(s);

	return (n >= 1 && n <= max && s[strspn(s, set)] == '\0');
}

/* Whether s is a field's value: printable ASCII without blanks. */
static int
progress_valid_value(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] <= ' ' || s[i] > '~')
			return (0);
	}
	return (i <= PROGRESS_VALUE_MAX);
}

/* The entry of a lesson, or NULL. */
static struct progress_entry *
progress_find(const struct progress *pr, const char *id)
{
	size_t	i;

	for (i = 0; i < pr->n; i++) {
		if (strcmp(pr->entries[i].id, id) == 0)
			return (&pr->entries[i]);
	}
	return (NULL);
}

/* The field of an entry, or NULL. */
static struct progress_field *
progress_field(const struct progress_entry *e, const char *key)
{
	size_t	i;

	for (i = 0; i < e->nfields; i++) {
		if (strcmp(e->fields[i].key, key) == 0)
			return (&e->fields[i]);
	}
	return (NULL);
}

/* Set a field of an entry, at the end when it is new. */
static void
progress_set(struct progress_entry *e, const char *key, const char *value)
{
	struct progress_field	*f = progress_field(e, key);

	if (f == NULL) {
		e->fields = xreallocarray(e->fields, e->nfields + 1,
		    sizeof *e->fields);
		f = &e->fields[e->nfields++];
		f->key = xstrdup(key);
	} else
		free(f->value);
	f->value = xstrdup(value);
}

/* The entry of a lesson, added when it is new. */
static struct progress_entry *
progress_entry(struct progress *pr, const char *id)
{
	struct progress_entry	*e = progress_find(pr, id);

	if (e != NULL)
		return (e);
	pr->entries = xreallocarray(pr->entries, pr->n + 1,
	    sizeof *pr->entries);
	e = &pr->entries[pr->n++];
	memset(e, 0, sizeof *e);
	e->id = xstrdup(id);
	return (e);
}

/* Free an entry's fields and id. */
static void
progress_free_entry(struct progress_entry *e)
{
	size_t	i;

	for (i = 0; i < e->nfields; i++) {
		free(e->fields[i].key);
		free(e->fields[i].value);
	}
	free(e->fields);
	free(e->id);
}

/*
 * Take one line: "ID key=value ...". A line of an id alone (the format of
 * finwave 0.1) means completed at a time not recorded. Returns 0, or -1
 * when the line is not valid (nothing of it is kept). A lesson listed
 * twice keeps its first line.
 */
static int
progress_parse_line(struct progress *pr, char *line)
{
	struct progress_entry	 e;
	char			*word, *eq, *save;
	int			 ok = 1;

	memset(&e, 0, sizeof e);
	if ((word = strtok_r(line, PROGRESS_BLANKS, &save)) == NULL ||
	    !lesson_valid_id(word))
		return (-1);
	e.id = xstrdup(word);
	while (ok && (word = strtok_r(NULL, PROGRESS_BLANKS, &save)) != NULL) {
		if ((eq = strchr(word, '=')) == NULL) {
			ok = 0;
			break;
		}
		*eq = '\0';
		ok = progress_valid(word, PROGRESS_KEY_CHARS,
		    PROGRESS_KEY_MAX) && progress_valid_value(eq + 1) &&
		    progress_field(&e, word) == NULL;
		if (ok)
			progress_set(&e, word, eq + 1);
	}
	if (ok && e.nfields == 0)
		progress_set(&e, PROGRESS_COMPLETED, "unknown");
	if (!ok || progress_find(pr, e.id) != NULL) {
		progress_free_entry(&e);
		return (ok ? 0 : -1);
	}
	pr->entries = xreallocarray(pr->entries, pr->n + 1,
	    sizeof *pr->entries);
	pr->entries[pr->n++] = e;
	return (0);
}

/* Read the file in the open directory dfd. */
static void
progress_read(struct progress *pr, int dfd)
{
	struct stat	 st;
	char		*buf, *line, *end;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd;

	fd = openat(dfd, PROGRESS_FILE, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC);
	if (fd == -1) {
		if (errno != ENOENT)
			pr->problem = xasprintf("%s/%s: %s", pr->dir,
			    PROGRESS_FILE, strerror(errno));
		return;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		pr->problem = xasprintf("%s/%s is not a regular file",
		    pr->dir, PROGRESS_FILE);
		close(fd);
		return;
	}
	buf = xmalloc(PROGRESS_MAX + 1);
	while (len < PROGRESS_MAX && ((n = read(fd, buf + len,
	    PROGRESS_MAX - len)) > 0 || (n == -1 && errno == EINTR)))
		len += n > 0 ? (size_t)n : 0;
	close(fd);
	buf[len] = '\0';
	for (line = buf; line < buf + len; line = end + 1) {
		if ((end = memchr(line, '\n', (size_t)(buf + len - line))) ==
		    NULL)
			end = buf + len;
		if (memchr(line, '\0', (size_t)(end - line)) != NULL) {
			pr->rejected++;		/* a NUL byte */
			continue;
		}
		*end = '\0';
		if (end > line && end[-1] == '\r')
			end[-1] = '\0';
		if (line[strspn(line, PROGRESS_BLANKS)] == '\0' ||
		    line[0] == '#')
			continue;
		else if (progress_parse_line(pr, line) == -1)
			pr->rejected++;
	}
	free(buf);
}

/* Read what was done. */
void
progress_load(struct progress *pr)
{
	char	*cause;
	int	 dfd;

	memset(pr, 0, sizeof *pr);
	if ((dfd = progress_open_dir(pr, 0, &cause)) == -1) {
		pr->problem = cause;
		return;
	}
	progress_read(pr, dfd);
	close(dfd);
}

/* Whether id is completed. */
int
progress_done(const struct progress *pr, const char *id)
{
	return (progress_get(pr, id, PROGRESS_COMPLETED) != NULL);
}

/* A field of a lesson. */
const char *
progress_get(const struct progress *pr, const char *id, const char *key)
{
	const struct progress_entry	*e = progress_find(pr, id);
	const struct progress_field	*f;

	if (e == NULL || (f = progress_field(e, key)) == NULL)
		return (NULL);
	return (f->value);
}

/* The fields of a score, in the order they are written. */
static const struct {
	const char	*key;
	size_t		 off;
} progress_score_fields[] = {
	{ "held", offsetof(struct progress_score, held) },
	{ "failed", offsetof(struct progress_score, failed) },
	{ "not-reached", offsetof(struct progress_score, not_reached) },
	{ "right", offsetof(struct progress_score, right) },
	{ "asked", offsetof(struct progress_score, asked) }
};
#define PROGRESS_NSCORE_FIELDS \
	(sizeof progress_score_fields / sizeof progress_score_fields[0])

/* The count of a score that field i of the table names. */
static int *
progress_score_count(struct progress_score *sc, size_t i)
{
	return ((int *)((char *)sc + progress_score_fields[i].off));
}

/* A score's count: 0 to PROGRESS_SCORE_MAX in decimal, or -1. */
static int
progress_count(const char *s)
{
	char	*end;
	long	 n;

	if (s == NULL || s[0] < '0' || s[0] > '9')
		return (-1);
	n = strtol(s, &end, 10);
	return (*end != '\0' || n > PROGRESS_SCORE_MAX ? -1 : (int)n);
}

/* The score of a lesson's last completed run. */
int
progress_score(const struct progress *pr, const char *id,
    struct progress_score *sc)
{
	size_t	i;
	int	n;

	if (!progress_done(pr, id))
		return (-1);
	for (i = 0; i < PROGRESS_NSCORE_FIELDS; i++) {
		n = progress_count(progress_get(pr, id,
		    progress_score_fields[i].key));
		if (n == -1)
			return (-1);
		*progress_score_count(sc, i) = n;
	}
	return (sc->right <= sc->asked ? 0 : -1);
}

/* Write every entry to fd; -1 with errno on failure. */
static int
progress_write(const struct progress *pr, int fd)
{
	FILE	*f;
	size_t	 i, j;
	int	 bad, saved;

	if ((f = fdopen(fd, "w")) == NULL)
		return (-1);
	fputs(PROGRESS_HEADER, f);
	for (i = 0; i < pr->n; i++) {
		fputs(pr->entries[i].id, f);
		for (j = 0; j < pr->entries[i].nfields; j++)
			fprintf(f, " %s=%s", pr->entries[i].fields[j].key,
			    pr->entries[i].fields[j].value);
		fputc('\n', f);
	}
	bad = fflush(f) == EOF || ferror(f) || fsync(fileno(f)) == -1;
	saved = errno;
	if (fclose(f) == EOF && !bad) {
		bad = 1;
		saved = errno;
	}
	errno = saved;
	return (bad ? -1 : 0);
}

/* Save the whole list in the open directory dfd: a fresh temporary file
 * (a stale one, from a crash, is ours: the directory is), then rename. */
static int
progress_save(const struct progress *pr, int dfd, char **cause)
{
	int	fd;

	fd = safedir_create(dfd, pr->dir, PROGRESS_TMP, cause);
	if (fd == -1 && errno == EEXIST) {
		free(*cause);
		if (unlinkat(dfd, PROGRESS_TMP, 0) == -1) {
			*cause = xasprintf("%s/%s: %s", pr->dir, PROGRESS_TMP,
			    strerror(errno));
			return (-1);
		}
		fd = safedir_create(dfd, pr->dir, PROGRESS_TMP, cause);
	}
	if (fd == -1)
		return (-1);
	if (progress_write(pr, fd) == -1 ||
	    renameat(dfd, PROGRESS_TMP, dfd, PROGRESS_FILE) == -1) {
		*cause = xasprintf("%s/%s: %s", pr->dir, PROGRESS_FILE,
		    strerror(errno));
		unlinkat(dfd, PROGRESS_TMP, 0);
		return (-1);
	}
	(void)fsync(dfd);
	return (0);
}

/* Mark id completed now with its score, and save. */
int
progress_mark(struct progress *pr, const char *id,
    const struct progress_score *sc, char **cause)
{
	struct progress_entry	*e = progress_entry(pr, id);
	struct progress_score	 kept = *sc;
	struct tm		 tm;
	time_t			 now = time(NULL);
	char			 stamp[32], count[16];
	size_t			 i;
	int			 dfd, r, n;

	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ",
	    gmtime_r(&now, &tm));
	progress_set(e, PROGRESS_COMPLETED, stamp);
	for (i = 0; i < PROGRESS_NSCORE_FIELDS; i++) {
		n = *progress_score_count(&kept, i);
		snprintf(count, sizeof count, "%d", n < 0 ? 0 : n >
		    PROGRESS_SCORE_MAX ? PROGRESS_SCORE_MAX : n);
		progress_set(e, progress_score_fields[i].key, count);
	}
	if ((dfd = progress_open_dir(pr, 1, cause)) == -1) {
		free(pr->problem);
		pr->problem = xstrdup(*cause);
		return (-1);
	}
	r = progress_save(pr, dfd, cause);
	close(dfd);
	return (r);
}

/* Why progress is not kept. */
const char *
progress_problem(const struct progress *pr)
{
	return (pr->problem);
}

/* Free everything. */
void
progress_free(struct progress *pr)
{
	size_t	i;

	for (i = 0; i < pr->n; i++)
		progress_free_entry(&pr->entries[i]);
	free(pr->entries);
	free(pr->dir);
	free(pr->problem);
	memset(pr, 0, sizeof *pr);
}
