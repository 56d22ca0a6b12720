/*
 * safedir.h: a directory of finwave's own under a base the environment
 * names ($XDG_STATE_HOME/finwave for progress, $XDG_DATA_HOME/finwave/runs
 * for saved runs), opened so that root running with another user's
 * environment (sudo -E, su without -) writes nothing where that user, or
 * anyone else, could steer it. The base is followed as named; below it no
 * link is followed, nothing is created inside a directory another user
 * owns, and the last directory is used only when the effective user owns
 * it and nobody else may write to it. What is made in it is made new.
 */
#ifndef SAFEDIR_H
#define SAFEDIR_H

/* Open the directory below the base the environment names: $var/below
 * when var is set to an absolute path, else $HOME/home_below/below
 * (e.g. "XDG_DATA_HOME", ".local/share", "finwave/runs"). The base is
 * followed as named (created with its missing parents when create is
 * set, each only in a parent the effective user owns); the components
 * below it are opened without following links and created (0700) when
 * missing and create is set, only inside one the effective user owns;
 * the last is used only when the effective user owns it and nobody
 * else may write to it. Returns the descriptor and its path in *path
 * (caller frees), or -1 and *cause (caller frees), or -1 with *cause
 * NULL when it is missing and create is not set. */
int	safedir_open(const char *var, const char *home_below,
	    const char *below, int create, char **path, char **cause);
/* Make a new directory name (0700) in the open directory dfd (path in
 * messages) and open it without following links; -1 with errno EEXIST
 * kept and *cause set when it exists already, so the caller can pick
 * another name. */
int	safedir_mkdir_new(int dfd, const char *path, const char *name,
	    char **cause);
/* Create a new file name (0600) in dfd with O_EXCL | O_NOFOLLOW and
 * open it for writing; -1 and *cause when it exists or cannot be
 * made (errno kept: EEXIST for a file or a link of that name). */
int	safedir_create(int dfd, const char *path, const char *name,
	    char **cause);

#endif
