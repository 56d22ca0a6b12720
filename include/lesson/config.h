/*
 * config.h: the config file, $XDG_CONFIG_HOME/finwave/config (by default
 * ~/.config/finwave/config): "key = value" lines for the theme, the
 * language and the view's speed. The command line wins over it, and it
 * wins over the environment; main.c applies that order.
 */
#ifndef CONFIG_H
#define CONFIG_H

enum config_key {
	CONFIG_THEME,
	CONFIG_LANGUAGE,
	CONFIG_SPEED,
	CONFIG_NKEYS
};

struct config {
	char	*path;			/* NULL when there is none */
	char	*value[CONFIG_NKEYS];	/* NULL when not set */
	int	 line[CONFIG_NKEYS];
};

/* The config file's path from the environment, or NULL without a home. */
char	*config_path(void);
/* Read the file at path; a missing one is an empty config. 0, or -1 and
 * "PATH:LINE: message" (or "PATH: message") in *cause. */
int	 config_read(struct config *, const char *path, char **cause);
/* Free what config_read kept. */
void	 config_free(struct config *);

#endif
