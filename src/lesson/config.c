/*
 * config.c: reading the config file. One "key = value" a line; blank
 * lines and lines whose first non-blank character is '#' are ignored.
 * Each key may be given once; an unknown key, an empty value or a byte
 * that would act on a terminal is an error at its line. The file is read
 * as lessons are (lexer_read): a regular file of at most 1 MiB.
 */

#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/xmalloc.h"
#include "lesson/config.h"
#include "lesson/lesson_parts.h"

static const char *config_keys[CONFIG_NKEYS] = {
	[CONFIG_THEME] = "theme",
	[CONFIG_LANGUAGE] = "language",
	[CONFIG_SPEED] = "speed"
};

/* The config file's path: under $XDG_CONFIG_HOME when it is absolute,
 * else under ~/.config. */
char *
config_path(void)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME");
	const char	*home = getenv("HOME");

	if (xdg != NULL && xdg[0] == '/')
		return (xasprintf("%s/finwave/config", xdg));
	if (home != NULL && home[0] == '/')
		return (xasprintf("%s/.config/finwave/config", home));
	return (NULL);
}

/* Whether a line holds only printable characters and tabs. */
static int
config_clean(const char *s, size_t len)
{
	uint32_t	c;
	size_t		n;

	while (len > 0) {
		if ((n = utf8_decode(s, len, &c)) == 0 ||
		    (c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0))
			return (0);
		s += n;
		len -= n;
	}
	return (1);
}

/* Trim blanks from both ends of [*s, *s + *len). */
static void
config_trim(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

/* Take one line; 0, or -1 and *cause. */
static int
config_line(struct config *cfg, int line, const char *s, size_t len,
    char **cause)
{
	const char	*eq, *v;
	size_t		 klen, vlen;
	int		 k;

	if (len > 0 && s[len - 1] == '\r')
		len--;	/* a CRLF line end */
	if (!config_clean(s, len)) {
		*cause = xasprintf("%s:%d: a control character or invalid "
		    "UTF-8", cfg->path, line);
		return (-1);
	}
	config_trim(&s, &len);
	if (len == 0 || s[0] == '#')
		return (0);
	if ((eq = memchr(s, '=', len)) == NULL) {
		*cause = xasprintf("%s:%d: expected 'key = value'", cfg->path,
		    line);
		return (-1);
	}
	v = eq + 1;
	vlen = (size_t)(s + len - v);
	config_trim(&v, &vlen);
	klen = (size_t)(eq - s);
	config_trim(&s, &klen);
	for (k = 0; k < CONFIG_NKEYS; k++) {
		if (strlen(config_keys[k]) == klen &&
		    strncmp(config_keys[k], s, klen) == 0)
			break;
	}
	if (k == CONFIG_NKEYS) {
		*cause = xasprintf("%s:%d: unknown key '%.*s': the keys are "
		    "theme, language and speed", cfg->path, line, (int)klen, s);
		return (-1);
	}
	if (cfg->value[k] != NULL) {
		*cause = xasprintf("%s:%d: '%s' is set already, at line %d",
		    cfg->path, line, config_keys[k], cfg->line[k]);
		return (-1);
	}
	if (vlen == 0) {
		*cause = xasprintf("%s:%d: '%s' has no value", cfg->path, line,
		    config_keys[k]);
		return (-1);
	}
	cfg->value[k] = xasprintf("%.*s", (int)vlen, v);
	cfg->line[k] = line;
	return (0);
}

/* Read the config file. */
int
config_read(struct config *cfg, const char *path, char **cause)
{
	struct stat	 st;
	const char	*s, *end, *nl;
	char		*buf;
	size_t		 len;
	int		 line = 1, r = 0;

	memset(cfg, 0, sizeof *cfg);
	if (path == NULL || (stat(path, &st) == -1 && (errno == ENOENT ||
	    errno == ENOTDIR)))
		return (0);
	cfg->path = xstrdup(path);
	if ((buf = lexer_read(path, &len, cause)) == NULL) {
		config_free(cfg);
		return (-1);
	}
	for (s = buf, end = buf + len; s < end && r == 0; s = nl + 1, line++) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		if (memchr(s, '\0', (size_t)(nl - s)) != NULL) {
			*cause = xasprintf("%s:%d: a NUL byte", path, line);
			r = -1;
		} else
			r = config_line(cfg, line, s, (size_t)(nl - s), cause);
	}
	free(buf);
	if (r == -1)
		config_free(cfg);
	return (r);
}

/* Free the config. */
void
config_free(struct config *cfg)
{
	int	k;

	free(cfg->path);
	for (k = 0; k < CONFIG_NKEYS; k++)
		free(cfg->value[k]);
	memset(cfg, 0, sizeof *cfg);
}
