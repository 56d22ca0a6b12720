/*
 * language.c: the language finwave speaks, chosen in gettext's order
 * (language.h). A locale name is language[_TERRITORY][.codeset][@modifier];
 * a LANGUAGE entry the same without the codeset, several separated by
 * colons, the first finwave has winning.
 */
#include <string.h>

#include "lesson/language.h"

/* Whether a locale is C or POSIX (C.UTF-8 included), where gettext ignores
 * LANGUAGE. */
static int
language_is_c(const char *locale)
{
	return (strcmp(locale, "C") == 0 || strcmp(locale, "POSIX") == 0 ||
	    strncmp(locale, "C.", 2) == 0);
}

/* Whether the len bytes at s name Traditional Chinese after "zh": the
 * Hant script, or a territory that writes it (TW, HK, MO) unless the Hans
 * script is named. */
static int
language_traditional(const char *s, size_t len)
{
	static const char *const marks[] = { "_TW", "_HK", "_MO", "_Hant",
	    "-TW", "-HK", "-MO", "-Hant", "@Hant" };
	size_t	i, m;

	if (memmem(s, len, "Hans", 4) != NULL)
		return (0);
	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		m = strlen(marks[i]);
		if (m <= len && memmem(s, len, marks[i], m) != NULL)
			return (1);
	}
	return (0);
}

/* Read the len bytes at s as a language name. */
static int
language_parse_n(const char *s, size_t len, struct language *out)
{
	size_t	code = strcspn(s, "_-.@:");

	if (code > len)
		code = len;
	out->traditional = 0;
	if (code == 2 && strncmp(s, "en", 2) == 0)
		out->lang = LANG_EN;
	else if (code == 2 && strncmp(s, "zh", 2) == 0) {
		out->lang = LANG_ZH;
		out->traditional = language_traditional(s + 2, len - 2);
	} else
		return (-1);
	return (0);
}

/* Read a name into *out. */
int
language_parse(const char *name, struct language *out)
{
	return (language_parse_n(name, strlen(name), out));
}

/* The value of the first of the variables that is set and not empty. */
static const char *
language_env(char *(*env)(const char *), const char *const *vars, size_t n)
{
	const char	*v;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if ((v = env(vars[i])) != NULL && *v != '\0')
			return (v);
	}
	return (NULL);
}

/* Whether the locale of the characters names UTF-8. */
int
language_utf8(char *(*env)(const char *))
{
	static const char *const ctype_vars[] = { "LC_ALL", "LC_CTYPE",
	    "LANG" };
	const char	*v = language_env(env, ctype_vars, 3);

	return (v != NULL && (strcasestr(v, "utf-8") != NULL ||
	    strcasestr(v, "utf8") != NULL));
}

/* Choose the language. */
struct language
language_choose(const char *option, const char *config,
    char *(*env)(const char *))
{
	static const char *const locale_vars[] = { "LC_ALL", "LC_MESSAGES",
	    "LANG" };
	struct language	 l = { LANG_EN, 0 };
	const char	*locale, *list, *entry;
	size_t		 len;

	if (option != NULL && language_parse(option, &l) == 0)
		return (l);
	if (config != NULL && language_parse(config, &l) == 0)
		return (l);
	locale = language_env(env, locale_vars, 3);
	if (locale == NULL || language_is_c(locale))
		return (l);
	if ((list = env("LANGUAGE")) != NULL && *list != '\0') {
		/* As gettext: the first entry finwave has, else English. */
		for (entry = list; *entry != '\0'; entry += len) {
			entry += *entry == ':';
			len = strcspn(entry, ":");
			if (len > 0 && language_parse_n(entry, len, &l) == 0)
				return (l);
		}
		l.lang = LANG_EN;
		l.traditional = 0;
		return (l);
	}
	if (language_parse(locale, &l) == -1) {
		l.lang = LANG_EN;
		l.traditional = 0;
	}
	return (l);
}
