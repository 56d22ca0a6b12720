/*
 * xmalloc.c: allocation wrappers that never return NULL, and fatal().
 * Running out of memory in a teaching tool is not recoverable; say so and
 * stop.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

/* Allocate size bytes or die. */
void *
xmalloc(size_t size)
{
	void	*p;

	if ((p = malloc(size == 0 ? 1 : size)) == NULL)
		fatal("malloc %zu", size);
	return (p);
}

/* Allocate n zeroed objects or die. */
void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		fatal("calloc %zu*%zu", n, size);
	return (p);
}

/* Resize an array of n objects or die. */
void *
xreallocarray(void *ptr, size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		fatalx("xreallocarray: %zu*%zu overflows", n, size);
	if ((p = realloc(ptr, n * size == 0 ? 1 : n * size)) == NULL)
		fatal("realloc %zu*%zu", n, size);
	return (p);
}

/* Duplicate a string or die. */
char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		fatal("strdup");
	return (p);
}

/* Format into a new string or die. */
char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		fatal("vasprintf");
	va_end(ap);
	return (s);
}

/* Print a message with the errno text and exit. */
void
fatal(const char *fmt, ...)
{
	va_list	ap;
	int	saved = errno;

	fputs("finwave: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(saved));
	exit(1);
}

/* Print a message and exit. */
void
fatalx(const char *fmt, ...)
{
	va_list	ap;

	fputs("finwave: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}
