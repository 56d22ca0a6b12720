/*
 * session_save.c: S saves the run so far (share/share.h): the timeline
 * and frames as the runner has them now, with the learner's guesses, in a
 * folder of its own; the status line says where, or why not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "share/share.h"
#include "tui/session_parts.h"
#include "tui/uitext.h"

/* Append a line to a growing text. */
static void
session_save_line(char **text, char *line)
{
	char	*s = xasprintf("%s%s\n", *text, line);

	free(*text);
	free(line);
	*text = s;
}

/* The guesses as text: for each step that asks, its question and
 * choices, the learner's guess and, once the step has run, the kernel's
 * answer. */
static char *
session_save_guesses(struct session *s)
{
	const struct lesson	*l = s->lesson;
	const struct prediction	*q;
	enum lang		 lang = s->model.lang;
	char			*text, buf[512], answer, guess;
	const char		*verdict;
	size_t			 k, c;

	text = xstrdup("");
	session_save_line(&text, xstrdup(uitextf(buf, sizeof buf,
	    UI_GUESSES_HEAD, lang, l->id)));
	for (k = 0; k < l->nsteps; k++) {
		if ((q = l->steps[k].ask) == NULL)
			continue;
		guess = s->guesses[k];
		answer = k < s->scene.nsteps ? s->scene.step_tally[k].answer : 0;
		session_save_line(&text, xasprintf("\n%s: %s",
		    l->steps[k].name, lesson_text(&q->question, lang)));
		for (c = 0; c < q->nchoices; c++)
			session_save_line(&text, xasprintf("  %c%c) %s%s",
			    q->choices[c].key == guess ? '>' : ' ',
			    q->choices[c].key, lesson_text(&q->choices[c].text,
			    lang), q->choices[c].key == answer ?
			    uitext(UI_GUESS_ANSWER, lang) : ""));
		verdict = uitext(answer == 0 ? UI_GUESS_NOT_RUN :
		    guess == answer ? UI_GUESS_WAS_RIGHT : UI_GUESS_WAS_WRONG, lang);
		session_save_line(&text, xstrdup(uitextf(buf, sizeof buf,
		    UI_GUESS_TALLY, lang, guess != 0 ? guess : '-',
		    answer != 0 ? answer : '-', verdict)));
	}
	return (text);
}

/* A path with the home directory written as ~. */
static char *
session_save_short(const char *path)
{
	const char	*home = getenv("HOME");
	size_t		 n = home != NULL ? strlen(home) : 0;

	if (n > 1 && strncmp(path, home, n) == 0 && path[n] == '/')
		return (xasprintf("~%s", path + n));
	return (xstrdup(path));
}

/* S: save the run so far. */
void
session_save(struct session *s)
{
	struct share_run	 run;
	char			 buf[sizeof s->message], *guesses, *dir, *cause;
	char			*shown;

	if (s->runner == NULL) {
		session_message(s, uitext(UI_MSG_NOTHING_TO_SAVE,
		    s->model.lang));
		return;
	}
	memset(&run, 0, sizeof run);
	run.lesson = s->lesson;
	run.lang = s->model.lang;
	run.tl = s->lab->timeline(s->runner);
	run.upto = timeline_count(run.tl);
	run.frames = s->lab->frames(s->runner);
	guesses = session_save_guesses(s);
	if (share_save(&run, guesses, &dir, &cause) == -1) {
		session_message(s, uitextf(buf, sizeof buf,
		    UI_MSG_RUN_NOT_SAVED, s->model.lang, cause != NULL ?
		    cause : "?"));
		free(cause);
	} else {
		shown = session_save_short(dir);
		session_message(s, uitextf(buf, sizeof buf, UI_MSG_RUN_SAVED,
		    s->model.lang, shown));
		free(shown);
	}
	free(dir);
	free(guesses);
}
