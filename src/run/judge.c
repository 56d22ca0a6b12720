/*
 * judge.c: the verdicts of a step: every expectation in order, then the
 * prediction, whose one choice that holds is the kernel's answer.
 */
#include <stdlib.h>

#include "base/xmalloc.h"
#include "run/judge.h"

/* Judge the prediction: exactly one choice must be what the kernel did. */
static void
judge_prediction(const struct lesson *l, const struct prediction *p,
    enum lang lang, const struct expect_world *w, judge_record *record,
    void *arg)
{
	const struct choice	*right = NULL;
	char			*held = NULL, *observed, *tmp;
	size_t			 i;
	int			 nheld = 0;

	for (i = 0; i < p->nchoices; i++) {
		if (!expect_judge(l, &p->choices[i].when, w, &observed)) {
			free(observed);
			continue;
		}
		right = &p->choices[i];
		nheld++;
		tmp = xasprintf("%s%s(%c)", held ? held : "", held ? ", " : "",
		    right->key);
		free(held);
		held = tmp;
	}
	if (nheld == 1) {
		record(arg, xasprintf("prediction: the kernel's answer is "
		    "(%c) %s", right->key, lesson_text(&right->text, lang)), 1,
		    NULL, right->key);
	} else {
		record(arg, xstrdup("prediction: exactly one choice holds"), 0,
		    nheld == 0 ? xstrdup("none of the choices held") :
		    xasprintf("several held: %s", held), 0);
	}
	free(held);
}

/* Judge a step's expectations and its prediction. */
void
judge_step(const struct lesson *l, int step, enum lang lang,
    const struct expect_world *w, judge_record *record, void *arg)
{
	const struct step	*st = step >= 0 ? &l->steps[step] : NULL;
	const struct expect	*expects;
	char			*observed;
	size_t			 i, n;
	int			 ok;

	expects = st != NULL ? st->expects : l->setup_expects;
	n = st != NULL ? st->nexpects : l->nsetup_expects;
	for (i = 0; i < n; i++) {
		ok = expect_judge(l, &expects[i], w, &observed);
		record(arg, expect_describe(l, &expects[i]), ok, observed, 0);
	}
	if (st != NULL && st->ask != NULL)
		judge_prediction(l, st->ask, lang, w, record, arg);
}
