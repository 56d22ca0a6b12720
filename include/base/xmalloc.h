/*
 * xmalloc.h: allocation that never returns NULL, and fatal errors.
 */
#ifndef XMALLOC_H
#define XMALLOC_H

#include <stddef.h>

/* Allocate size bytes; never returns NULL. The caller frees. */
void	*xmalloc(size_t);
/* Allocate n zeroed objects of size bytes; never returns NULL. */
void	*xcalloc(size_t, size_t);
/* Resize ptr to n objects of size bytes; never returns NULL. */
void	*xreallocarray(void *, size_t, size_t);
/* Copy a string; never returns NULL. The caller frees. */
char	*xstrdup(const char *);
/* Print into a new string; never returns NULL. The caller frees. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Report an impossible situation with errno and exit(1). */
void	 fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
/* Report an impossible situation and exit(1). */
void	 fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
