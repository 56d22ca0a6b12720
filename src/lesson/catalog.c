/*
 * catalog.c: where lessons live. A name with a slash or ending in
 * ".lesson" is a path; anything else is an id, looked for in each folder
 * in turn (catalog.h gives the order), or else a folder of lessons. The
 * catalogue is every lesson of the folders; a file that cannot join it
 * is skipped with its reason kept, so one bad file of a teacher's never
 * keeps the others from the menu.
 */

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xmalloc.h"
#include "lesson/catalog.h"

#ifndef FINWAVE_LESSONS_DIR
#define FINWAVE_LESSONS_DIR "/usr/local/share/finwave/lessons"
#endif
#ifndef FINWAVE_CHECKOUT
#define FINWAVE_CHECKOUT ""
#endif

/* XDG's default when $XDG_DATA_DIRS is unset or empty. */
#define CATALOG_DATA_DIRS	"/usr/local/share:/usr/share"

/* Which folder a lesson came from. */
enum catalog_source {
	CATALOG_SHIPPED,
	CATALOG_OWN,
	CATALOG_SHARED
};

struct catalog_folder {
	char			*path;
	enum catalog_source	 source;
};

struct catalog_folders {
	struct catalog_folder	*f;
	size_t			 n;
};

/* Whether a name ends with ".lesson". */
static int
catalog_is_lesson_file(const char *name)
{
	size_t	len = strlen(name);

	return (len > 7 && strcmp(name + len - 7, ".lesson") == 0);
}

/* Whether this finwave runs from inside the checkout it was built in. */
static int
catalog_in_checkout(void)
{
	char	exe[PATH_MAX];
	ssize_t	len;
	size_t	n = strlen(FINWAVE_CHECKOUT);

	if (n == 0 || (len = readlink("/proc/self/exe", exe,
	    sizeof exe - 1)) == -1)
		return (0);
	exe[len] = '\0';
	return (strncmp(exe, FINWAVE_CHECKOUT, n) == 0 && exe[n] == '/');
}

/* Whether two paths name one file or folder. */
static int
catalog_same_file(const char *a, const char *b)
{
	struct stat	sa, sb;

	return (strcmp(a, b) == 0 || (stat(a, &sa) == 0 &&
	    stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	    sa.st_ino == sb.st_ino));
}

/* Add a folder unless it is one of those already there. */
static void
catalog_folders_add(struct catalog_folders *fs, char *path,
    enum catalog_source source)
{
	size_t	i;

	for (i = 0; i < fs->n; i++) {
		if (catalog_same_file(fs->f[i].path, path)) {
			free(path);
			return;
		}
	}
	fs->f = xreallocarray(fs->f, fs->n + 1, sizeof *fs->f);
	fs->f[fs->n].path = path;
	fs->f[fs->n++].source = source;
}

/* The folders to read, in order. In a checkout the installed lessons are
 * an older copy of its own, so they are left out of $XDG_DATA_DIRS. */
static void
catalog_folders_get(struct catalog_folders *fs)
{
	const char	*home = getenv("HOME"), *dirs, *end;
	const char	*data = getenv("XDG_DATA_HOME");
	int		 checkout = catalog_in_checkout();
	char		*path;
	size_t		 len;

	memset(fs, 0, sizeof *fs);
	catalog_folders_add(fs, checkout ? xasprintf("%s/lessons",
	    FINWAVE_CHECKOUT) : xstrdup(FINWAVE_LESSONS_DIR), CATALOG_SHIPPED);
	if (data != NULL && data[0] == '/')
		catalog_folders_add(fs, xasprintf("%s/finwave/lessons", data),
		    CATALOG_OWN);
	else if (home != NULL && home[0] == '/')
		catalog_folders_add(fs, xasprintf("%s/.local/share/finwave/"
		    "lessons", home), CATALOG_OWN);
	if ((dirs = getenv("XDG_DATA_DIRS")) == NULL || dirs[0] == '\0')
		dirs = CATALOG_DATA_DIRS;
	for (; *dirs != '\0'; dirs = *end == ':' ? end + 1 : end) {
		end = strchrnul(dirs, ':');
		len = (size_t)(end - dirs);
		if (len == 0 || dirs[0] != '/')
			continue;	/* XDG: relative entries are ignored */
		path = xasprintf("%.*s/finwave/lessons", (int)len, dirs);
		if (checkout && catalog_same_file(path, FINWAVE_LESSONS_DIR))
			free(path);
		else
			catalog_folders_add(fs, path, CATALOG_SHARED);
	}
}

/* Free the folder list. */
static void
catalog_folders_free(struct catalog_folders *fs)
{
	size_t	i;

	for (i = 0; i < fs->n; i++)
		free(fs->f[i].path);
	free(fs->f);
}

/* Resolve an id or a path to a lesson file. A file of that name that is
 * not a regular one (a FIFO, a directory) is refused, not skipped. */
char *
catalog_find(const char *name, char **cause)
{
	struct catalog_folders	 fs;
	struct stat		 st;
	char			*path, *where;
	size_t			 i;

	if (strchr(name, '/') != NULL || catalog_is_lesson_file(name))
		return (xstrdup(name));
	catalog_folders_get(&fs);
	for (i = 0; i < fs.n; i++) {
		path = xasprintf("%s/%s.lesson", fs.f[i].path, name);
		if (lstat(path, &st) == 0 || errno != ENOENT) {
			catalog_folders_free(&fs);
			if (lesson_regular_file(path, cause) == 0)
				return (path);
			free(path);
			return (NULL);
		}
		free(path);
	}
	where = xstrdup(fs.f[0].path);
	for (i = 1; i < fs.n; i++) {
		path = xasprintf("%s%s %s", where, i + 1 < fs.n ? "," : " or",
		    fs.f[i].path);
		free(where);
		where = path;
	}
	*cause = xasprintf("no lesson '%s' in %s", name, where);
	free(where);
	catalog_folders_free(&fs);
	return (NULL);
}

/* Append a loaded lesson. */
void
catalog_add(struct catalog *cat, struct lesson *l)
{
	cat->lessons = xreallocarray(cat->lessons, cat->n + 1,
	    sizeof *cat->lessons);
	cat->lessons[cat->n++] = l;
}

/* Keep why something was not loaded; takes why. */
static void
catalog_skip(struct catalog *cat, char *why)
{
	cat->skipped = xreallocarray(cat->skipped, cat->nskipped + 1,
	    sizeof *cat->skipped);
	cat->skipped[cat->nskipped++] = why;
}

/* Whether two files hold the same bytes. */
static int
catalog_same_bytes(const char *a, const char *b)
{
	struct stat	 sa, sb;
	char		 ba[4096], bb[4096];
	ssize_t		 na, nb;
	int		 fa, fb, same = 0;

	if ((fa = open(a, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return (0);
	if ((fb = open(b, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1) {
		close(fa);
		return (0);
	}
	if (fstat(fa, &sa) == 0 && fstat(fb, &sb) == 0 &&
	    S_ISREG(sa.st_mode) && S_ISREG(sb.st_mode) &&
	    sa.st_size == sb.st_size) {
		do {
			na = read(fa, ba, sizeof ba);
			nb = read(fb, bb, sizeof bb);
			same = na == nb && na >= 0 &&
			    memcmp(ba, bb, (size_t)na) == 0;
		} while (same && na > 0);
	}
	close(fa);
	close(fb);
	return (same);
}

/* Whether l's id or place in the curriculum is taken (catalog.h). */
int
catalog_clash(const struct catalog *cat, const struct lesson *l,
    char **cause)
{
	const struct lesson	*o;
	size_t			 i;

	for (i = 0; i < cat->n; i++) {
		o = cat->lessons[i];
		if (catalog_same_file(o->path, l->path))
			continue;
		if (strcmp(o->id, l->id) == 0) {
			if (catalog_same_bytes(o->path, l->path))
				return (1);
			*cause = xasprintf("%s:%d: the id '%s' is taken by "
			    "%s:%d", l->path, l->id_line, l->id, o->path,
			    o->id_line);
			return (-1);
		}
		if (l->order != 0 && o->chapter == l->chapter &&
		    o->order == l->order) {
			*cause = xasprintf("%s:%d: '%s' and '%s' (%s:%d) "
			    "share chapter %d, order %d", l->path,
			    l->order_line, l->id, o->id, o->path,
			    o->order_line, l->chapter, l->order);
			return (-1);
		}
	}
	return (0);
}

/* Load one file: into the catalogue when from a folder of it (where it
 * must not clash, and a lesson naming no chapter joins its folder's), or
 * as named. */
static void
catalog_load_file(struct catalog *cat, const char *path,
    const struct catalog_folder *from)
{
	struct lesson	*l;
	char		*cause;

	if ((l = lesson_load(path, &cause)) == NULL) {
		catalog_skip(cat, cause);
		return;
	}
	if (from != NULL) {
		if (l->chapter == 0)
			l->chapter = from->source == CATALOG_OWN ?
			    CATALOG_CHAPTER_OWN : CATALOG_CHAPTER_SHARED;
		switch (catalog_clash(cat, l, &cause)) {
		case 1:
			lesson_free(l);
			return;
		case -1:
			catalog_skip(cat, cause);
			lesson_free(l);
			return;
		default:
			break;
		}
	}
	catalog_add(cat, l);
}

/* Load every *.lesson of a folder, by name; a missing folder has none.
 * Names starting with a dot (an editor's lock or backup) are not
 * lessons. */
static void
catalog_load_dir(struct catalog *cat, const char *dir,
    const struct catalog_folder *from)
{
	struct dirent	**names;
	char		 *path;
	int		  n, i;

	if ((n = scandir(dir, &names, NULL, alphasort)) == -1) {
		if (errno != ENOENT)
			catalog_skip(cat, xasprintf("%s: %s", dir,
			    strerror(errno)));
		return;
	}
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.' &&
		    catalog_is_lesson_file(names[i]->d_name)) {
			path = xasprintf("%s/%s", dir, names[i]->d_name);
			catalog_load_file(cat, path, from);
			free(path);
		}
		free(names[i]);
	}
	free(names);
}

/* Curriculum order: chapter, then order (none last), then id. */
static int
catalog_compare(const void *a, const void *b)
{
	const struct lesson	*x = *(struct lesson * const *)a;
	const struct lesson	*y = *(struct lesson * const *)b;
	int			 ox = x->order == 0 ? INT_MAX : x->order;
	int			 oy = y->order == 0 ? INT_MAX : y->order;

	if (x->chapter != y->chapter)
		return (x->chapter < y->chapter ? -1 : 1);
	if (ox != oy)
		return (ox < oy ? -1 : 1);
	return (strcmp(x->id, y->id));
}

/* Load every lesson of the folders, in curriculum order. */
static void
catalog_load_all(struct catalog *cat)
{
	struct catalog_folders	fs;
	size_t			i;

	catalog_folders_get(&fs);
	for (i = 0; i < fs.n; i++)
		catalog_load_dir(cat, fs.f[i].path, &fs.f[i]);
	if (cat->n == 0)
		catalog_skip(cat, xasprintf("no lessons in %s", fs.f[0].path));
	catalog_folders_free(&fs);
	qsort(cat->lessons, cat->n, sizeof *cat->lessons, catalog_compare);
}

/* Load one name: a lesson file, an id, or a folder of lessons. A name
 * ending in ".lesson" is always a file, so that a directory of that name
 * is refused as one. */
static void
catalog_load_name(struct catalog *cat, const char *name)
{
	struct stat	 st;
	char		*path, *cause;
	int		 dir;

	dir = !catalog_is_lesson_file(name) && stat(name, &st) == 0 &&
	    S_ISDIR(st.st_mode);
	if (dir && strchr(name, '/') != NULL) {
		catalog_load_dir(cat, name, NULL);
		return;
	}
	if ((path = catalog_find(name, &cause)) == NULL) {
		if (dir) {
			free(cause);
			catalog_load_dir(cat, name, NULL);
		} else
			catalog_skip(cat, cause);
		return;
	}
	catalog_load_file(cat, path, NULL);
	free(path);
}

/* Load the named lessons, or all of them. */
int
catalog_load(struct catalog *cat, char **names, size_t n)
{
	size_t	i;

	memset(cat, 0, sizeof *cat);
	if (n == 0)
		catalog_load_all(cat);
	for (i = 0; i < n; i++)
		catalog_load_name(cat, names[i]);
	return (cat->nskipped == 0 ? 0 : -1);
}

/* Free the lessons and the reasons. */
void
catalog_free(struct catalog *cat)
{
	size_t	i;

	for (i = 0; i < cat->n; i++)
		lesson_free(cat->lessons[i]);
	free(cat->lessons);
	for (i = 0; i < cat->nskipped; i++)
		free(cat->skipped[i]);
	free(cat->skipped);
	memset(cat, 0, sizeof *cat);
}

/* The title of a chapter: from the first of its lessons that gives one. */
const struct text *
catalog_chapter_title(const struct catalog *cat, int chapter)
{
	size_t	i;

	for (i = 0; i < cat->n; i++) {
		if (cat->lessons[i]->chapter == chapter &&
		    cat->lessons[i]->chapter_title.s[LANG_EN] != NULL)
			return (&cat->lessons[i]->chapter_title);
	}
	return (NULL);
}
