/*
 * language.h: which language finwave speaks, chosen as gettext would:
 * --lang, then the config (when there is one), then LANGUAGE (a list,
 * ignored when the locale is C or POSIX), LC_ALL, LC_MESSAGES, LANG. A
 * Traditional Chinese locale (zh_TW, zh_HK, zh_MO, Hant) gets Simplified
 * Chinese, said so, since no Traditional text exists.
 */
#ifndef LANGUAGE_H
#define LANGUAGE_H

#include "lesson/lesson.h"

struct language {
	enum lang	 lang;
	int		 traditional;	/* Traditional Chinese was asked for,
					 * Simplified is given */
};

/* Read a name (en, zh, or a locale or LANGUAGE entry such as zh_TW.UTF-8)
 * into *out; -1 for a language finwave does not have. */
int	language_parse(const char *name, struct language *out);
/* Choose from --lang (NULL when not given), the config's language (NULL
 * when none) and the environment as env reads it (getenv, or a test's
 * table). Both given values are known to parse. */
struct language	language_choose(const char *option, const char *config,
		    char *(*env)(const char *));
/* Whether the locale of the characters (LC_ALL, LC_CTYPE, LANG) names
 * UTF-8, so that C.UTF-8 can stand in when it is not installed. */
int		language_utf8(char *(*env)(const char *));

#endif
