/*
 * lexer.c: the lesson parser's input. A lesson file is read safely (a
 * regular file, at most 1 MiB, never waited on); a raw line is checked
 * (length, NUL bytes, UTF-8, no control characters), trimmed and split
 * into words; the directives consume them with the helpers here: a word,
 * a name, a number, the rest of the line. Every error is "PATH:LINE:
 * message", at the line being parsed.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/utf8.h"
#include "base/xmalloc.h"
#include "lesson/lesson.h"
#include "lesson/lesson_parts.h"

#define LESSON_FILE_MAX		(1024 * 1024)
#define LESSON_BLANKS		" \t\r"

/* What a file that is not a regular one is, for a message. */
static const char *
lexer_file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return ("a directory");
	if (S_ISFIFO(mode))
		return ("a FIFO");
	if (S_ISSOCK(mode))
		return ("a socket");
	if (S_ISCHR(mode))
		return ("a character device");
	if (S_ISBLK(mode))
		return ("a block device");
	return ("not a plain file");
}

/* Refuse what is not a regular file: "PATH is not a regular file (a FIFO)". */
int
lexer_need_regular(const char *path, const struct stat *st, char **cause)
{
	if (S_ISREG(st->st_mode))
		return (0);
	*cause = xasprintf("%s is not a regular file (%s)", path,
	    lexer_file_kind(st->st_mode));
	return (-1);
}

/*
 * Read a lesson file of at most 1 MiB into a buffer of *len bytes (the
 * caller frees it); NULL and *cause when it cannot. It is opened without
 * waiting (a FIFO would block open() and read() forever) and must then be
 * a regular file.
 */
char *
lexer_read(const char *path, size_t *len, char **cause)
{
	struct stat	 st;
	char		*buf;
	ssize_t		 n;
	int		 fd, saved;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC)) == -1) {
		*cause = xasprintf("%s: cannot open: %s", path,
		    strerror(errno));
		return (NULL);
	}
	if (fstat(fd, &st) == -1) {
		*cause = xasprintf("%s: cannot open: %s", path,
		    strerror(errno));
		close(fd);
		return (NULL);
	}
	if (lexer_need_regular(path, &st, cause) == -1) {
		close(fd);
		return (NULL);
	}
	buf = xmalloc(LESSON_FILE_MAX + 1);
	*len = 0;
	do {
		n = read(fd, buf + *len, LESSON_FILE_MAX + 1 - *len);
		if (n > 0)
			*len += (size_t)n;
	} while ((n > 0 && *len <= LESSON_FILE_MAX) ||
	    (n == -1 && errno == EINTR));
	saved = errno;
	close(fd);
	if (n == -1)
		*cause = xasprintf("%s: cannot read: %s", path,
		    strerror(saved));
	else if (*len > LESSON_FILE_MAX)
		*cause = xasprintf("%s:1: the file is larger than 1 MiB",
		    path);
	else
		return (buf);
	free(buf);
	return (NULL);
}

/* Set the error, "PATH:LINE: message", at the line being parsed; -1. */
int
lexer_error(struct lesson_parser *p, const char *fmt, ...)
{
	va_list	ap;
	char	msg[3 * LESSON_LINE_MAX];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	free(p->cause);
	p->cause = xasprintf("%s:%d: %s", p->l->path, p->line, msg);
	return (-1);
}

/*
 * Check a raw line's characters in one pass: valid UTF-8, and nothing that
 * would act on a terminal or hide in a message rather than show: no C0
 * control but TAB (and the CR of a CRLF line end), no DEL, no C1 control
 * U+0080..U+009F, no byte order mark after the start of the file, no
 * control that reorders bidirectional text.
 */
static int
lexer_check_chars(struct lesson_parser *p, const char *s, size_t n)
{
	size_t		i, k;
	uint32_t	c;

	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &c)) == 0)
			return (lexer_error(p, "invalid UTF-8"));
		if ((c < 0x20 && c != '\t' && !(c == '\r' && i + 1 == n)) ||
		    (c >= 0x7f && c < 0xa0))
			return (lexer_error(p, "control character U+%04X: a "
			    "lesson cannot carry terminal controls", c));
		if (c == 0xfeff)
			return (lexer_error(p, "a byte order mark (U+FEFF) "
			    "after the start of the file"));
		if (c == 0x200e || c == 0x200f || (c >= 0x202a &&
		    c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
			return (lexer_error(p, "bidirectional control U+%04X: "
			    "it would reorder the text on screen", c));
	}
	return (0);
}

/* Split a trimmed line of n bytes into words, each at its offset. */
static void
lexer_split(struct lesson_parser *p, const char *s, size_t n)
{
	size_t	i;

	memcpy(p->text, s, n);
	p->text[n] = '\0';
	memcpy(p->words, p->text, n + 1);
	for (i = 0; i < n;) {
		if (strchr(LESSON_BLANKS, p->words[i]) != NULL) {
			p->words[i++] = '\0';
			continue;
		}
		p->off[p->nwords] = i;
		p->word[p->nwords++] = &p->words[i];
		while (i < n && strchr(LESSON_BLANKS, p->words[i]) == NULL)
			i++;
	}
}

/* Check one raw line and split it into words; a blank line or a comment
 * has none. */
int
lexer_line(struct lesson_parser *p, const char *s, size_t n)
{
	p->nwords = 0;
	if (n > LESSON_LINE_MAX) {
		return (lexer_error(p, "line longer than %d bytes",
		    LESSON_LINE_MAX));
	}
	if (memchr(s, '\0', n) != NULL)
		return (lexer_error(p, "NUL byte"));
	if (lexer_check_chars(p, s, n) == -1)
		return (-1);
	while (n > 0 && strchr(LESSON_BLANKS, s[n - 1]) != NULL)
		n--;
	while (n > 0 && strchr(LESSON_BLANKS, s[0]) != NULL) {
		s++;
		n--;
	}
	if (n > 0 && s[0] != '#')
		lexer_split(p, s, n);
	return (0);
}

/* Whether s is 1..max characters of set, the first one of first. */
int
lexer_valid_name(const char *s, const char *first, const char *set,
    size_t max)
{
	size_t	n = strlen(s);

	return (n >= 1 && n <= max && strchr(first, s[0]) != NULL &&
	    s[strspn(s, set)] == '\0');
}

/* The index of s in a table of n strings, or -1. */
int
lexer_lookup(const char *const *table, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(table[i], s) == 0)
			return ((int)i);
	}
	return (-1);
}

/* The next word, without consuming it; NULL at the end of the line. */
char *
lexer_peek(struct lesson_parser *p)
{
	return (p->next < p->nwords ? p->word[p->next] : NULL);
}

/* Consume the next word if it is w; returns whether it was. */
int
lexer_eat(struct lesson_parser *p, const char *w)
{
	const char	*next = lexer_peek(p);

	if (next == NULL || strcmp(next, w) != 0)
		return (0);
	p->next++;
	return (1);
}

/* Consume the next word; when there is none, "missing WHAT after 'PREV'". */
char *
lexer_word(struct lesson_parser *p, const char *what)
{
	if (p->next >= p->nwords) {
		lexer_error(p, "missing %s after '%s'", what,
		    p->word[p->nwords - 1]);
		return (NULL);
	}
	return (p->word[p->next++]);
}

/* Consume the rest of the line as a text (inner blanks kept; a TAB, which
 * each terminal and view would space differently, is refused). */
const char *
lexer_rest(struct lesson_parser *p, const char *what)
{
	const char	*s;

	if (lexer_word(p, what) == NULL)
		return (NULL);
	s = p->text + p->off[p->next - 1];
	p->next = p->nwords;
	if (strchr(s, '\t') != NULL) {
		lexer_error(p, "a TAB inside a text: use spaces");
		return (NULL);
	}
	return (s);
}

/* Fail if words are left: "unexpected 'W' after 'CTX'". */
int
lexer_end(struct lesson_parser *p)
{
	const char	*w = lexer_peek(p);

	if (w != NULL)
		return (lexer_error(p, "unexpected '%s' after '%s'", w,
		    p->ctx));
	return (0);
}

/* Parse s as a decimal integer in min..max. */
int
lexer_number(struct lesson_parser *p, const char *s, const char *what,
    int min, int max, int *out)
{
	const char	*digits = s + (*s == '-');
	long		 v;

	if (*digits == '\0' || digits[strspn(digits, "0123456789")] != '\0')
		return (lexer_error(p, "%s '%s' is not a number", what, s));
	errno = 0;
	v = strtol(s, NULL, 10);
	if (errno == ERANGE || v < min || v > max) {
		return (lexer_error(p, "%s '%s' out of range %d..%d", what, s,
		    min, max));
	}
	*out = (int)v;
	return (0);
}

/* Consume the next word as an integer in min..max. */
int
lexer_word_number(struct lesson_parser *p, const char *what, int min,
    int max, int *out)
{
	const char	*w;

	if ((w = lexer_word(p, what)) == NULL)
		return (-1);
	return (lexer_number(p, w, what, min, max, out));
}

/* An optional segment count "xN"; *count keeps its default without one. */
int
lexer_times(struct lesson_parser *p, int *count)
{
	const char	*w;

	if ((w = lexer_peek(p)) == NULL || w[0] != 'x')
		return (0);
	p->next++;
	if (w[1] == '\0')
		return (lexer_error(p, "missing segment count after 'x' "
		    "(x2 for two)"));
	return (lexer_number(p, w + 1, "segment count", 1, 1000, count));
}
