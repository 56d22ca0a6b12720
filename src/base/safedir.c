/*
 * safedir.c: a directory of finwave's own under a base the environment
 * names. Root can run finwave with another user's environment (sudo -E,
 * su without -), so nothing here trusts the path: the base the user named
 * is followed as named, the components below it are opened one by one
 * without following links, a missing one is created (0700) only inside a
 * directory the effective user owns, and the last is used only when the
 * effective user owns it and nobody else may write to it. Directories and
 * files made in it are made new (mkdirat, O_EXCL | O_NOFOLLOW), never
 * taken over from whoever got there first.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/safedir.h"
#include "base/xmalloc.h"

/* How a directory below the base is opened: never through a link. */
#define SAFEDIR_OPEN_FLAGS	(O_RDONLY | O_DIRECTORY | O_NOFOLLOW | \
				 O_CLOEXEC)

/* Where the directory is: a base the user chose (followed as it is) and
 * the components below it, which finwave may create; -1 when neither var
 * nor HOME is an absolute path. */
static int
safedir_locate(const char *var, const char *home_below, const char *below,
    char **base, char **rest)
{
	const char	*named = getenv(var);
	const char	*home = getenv("HOME");

	if (named != NULL && named[0] == '/') {
		*base = xstrdup(named);
		*rest = xstrdup(below);
	} else if (home != NULL && home[0] == '/') {
		*base = xstrdup(home);
		*rest = xasprintf("%s/%s", home_below, below);
	} else
		return (-1);
	while (strlen(*base) > 1 && (*base)[strlen(*base) - 1] == '/')
		(*base)[strlen(*base) - 1] = '\0';
	return (0);
}

/* Why name in the directory fd (path) could not be opened or made, from
 * errno, which is kept. A link opened with O_NOFOLLOW fails with ELOOP,
 * or with ENOTDIR when O_DIRECTORY is set too (Linux): either is said to
 * be a link when it is one. */
static char *
safedir_failed(int fd, const char *path, const char *name)
{
	struct stat	 st;
	char		*cause;
	int		 saved = errno;

	if ((saved == ELOOP || saved == ENOTDIR) &&
	    fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(st.st_mode))
		cause = xasprintf("%s/%s is a symbolic link", path, name);
	else
		cause = xasprintf("%s/%s: %s", path, name, strerror(saved));
	errno = saved;
	return (cause);
}

/* Whether the open directory fd (path) is the effective user's alone. */
static int
safedir_ours(int fd, const char *path, char **cause)
{
	struct stat	st;

	if (fstat(fd, &st) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return (0);
	}
	if (st.st_uid != geteuid()) {
		*cause = xasprintf("%s belongs to uid %u, not to uid %u", path,
		    (unsigned)st.st_uid, (unsigned)geteuid());
		return (0);
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		*cause = xasprintf("%s is writable by others (mode %04o)", path,
		    (unsigned)(st.st_mode & 0777));
		return (0);
	}
	return (1);
}

/* Open component name of the directory at fd (path), creating it when
 * create is set and fd belongs to the effective user; -1 and *cause, or
 * -1 and no cause when it is missing and create is not set. */
static int
safedir_open_below(int fd, const char *path, const char *name, int create,
    char **cause)
{
	struct stat	st;
	int		nfd;

	nfd = openat(fd, name, SAFEDIR_OPEN_FLAGS);
	if (nfd == -1 && errno == ENOENT && create) {
		if (fstat(fd, &st) == -1) {
			*cause = xasprintf("%s: %s", path, strerror(errno));
			return (-1);
		}
		if (st.st_uid != geteuid()) {
			*cause = xasprintf("will not create %s/%s: %s belongs "
			    "to uid %u, not to uid %u", path, name, path,
			    (unsigned)st.st_uid, (unsigned)geteuid());
			return (-1);
		}
		if (mkdirat(fd, name, 0700) == -1 && errno != EEXIST) {
			*cause = safedir_failed(fd, path, name);
			return (-1);
		}
		nfd = openat(fd, name, SAFEDIR_OPEN_FLAGS);
	}
	if (nfd == -1 && (errno != ENOENT || create))
		*cause = safedir_failed(fd, path, name);
	return (nfd);
}

/*
 * Open the base directory the user named (links followed, as named),
 * creating it and its missing parents when create is set, each only in a
 * parent the effective user owns. -1 and *cause, or -1 and no cause when
 * it is missing and create is not set.
 */
static int
safedir_open_base(const char *base, int create, char **cause)
{
	char	*parent, *slash;
	int	 fd, pfd;

	if ((fd = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1)
		return (fd);
	if (errno != ENOENT) {
		*cause = xasprintf("%s: %s", base, strerror(errno));
		return (-1);
	}
	if (!create)
		return (-1);
	parent = xstrdup(base);
	slash = strrchr(parent, '/');
	if (slash == parent)
		slash[1] = '\0';
	else
		*slash = '\0';
	pfd = safedir_open_base(parent, create, cause);
	if (pfd != -1) {
		fd = safedir_open_below(pfd, parent, strrchr(base, '/') + 1,
		    create, cause);
		close(pfd);
	}
	free(parent);
	return (fd);
}

/* Open the directory below the base the environment names. */
int
safedir_open(const char *var, const char *home_below, const char *below,
    int create, char **path, char **cause)
{
	const char	*p;
	char		*base, *rest, *name, *next;
	size_t		 len;
	int		 fd, nfd;

	*path = NULL;
	*cause = NULL;
	if (safedir_locate(var, home_below, below, &base, &rest) == -1) {
		*cause = xasprintf("neither %s nor HOME is an absolute path",
		    var);
		return (-1);
	}
	if ((fd = safedir_open_base(base, create, cause)) == -1) {
		free(rest);
		free(base);
		return (-1);
	}
	for (p = rest; fd != -1 && *p != '\0'; p += len + (p[len] == '/')) {
		if ((len = strcspn(p, "/")) == 0)
			continue;
		name = xasprintf("%.*s", (int)len, p);
		nfd = safedir_open_below(fd, base, name, create, cause);
		close(fd);
		fd = nfd;
		next = xasprintf("%s/%s", base, name);
		free(base);
		base = next;
		free(name);
	}
	free(rest);
	if (fd != -1 && !safedir_ours(fd, base, cause)) {
		close(fd);
		fd = -1;
	}
	if (fd == -1)
		free(base);
	else
		*path = base;
	return (fd);
}

/* Make a new directory in dfd and open it. */
int
safedir_mkdir_new(int dfd, const char *path, const char *name, char **cause)
{
	int	fd;

	if (mkdirat(dfd, name, 0700) == -1) {
		*cause = safedir_failed(dfd, path, name);
		return (-1);
	}
	if ((fd = openat(dfd, name, SAFEDIR_OPEN_FLAGS)) == -1)
		*cause = safedir_failed(dfd, path, name);
	return (fd);
}

/* Create a new file in dfd and open it for writing. */
int
safedir_create(int dfd, const char *path, const char *name, char **cause)
{
	int	fd;

	fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (fd == -1)
		*cause = safedir_failed(dfd, path, name);
	return (fd);
}
