/*
 * lesson_fuzz.c: libFuzzer target for the lesson parser. Any input must
 * give a lesson or a "PATH:LINE: message" error: never a crash, a leak, or
 * an endpoint index out of range. Seeded with lessons/*.lesson.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lesson.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Check the invariants of a parsed lesson that the runner relies on. */
static void
lesson_fuzz_check(const struct lesson *l)
{
	size_t	i, j;

	for (i = 0; i < l->nsteps; i++) {
		for (j = 0; j < l->steps[i].nactions; j++) {
			if (l->steps[i].actions[j].endpoint >=
			    (int)l->nendpoints)
				abort();
		}
		for (j = 0; j < l->steps[i].nexpects; j++) {
			if (l->steps[i].expects[j].endpoint < 0 ||
			    l->steps[i].expects[j].endpoint >=
			    (int)l->nendpoints)
				abort();
		}
	}
}

/* Parse one input. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char	 prefix[] = "fuzz.lesson:";
	struct lesson		*l;
	char			*cause = NULL;

	l = lesson_parse("fuzz.lesson", (const char *)data, size, &cause);
	if (l == NULL) {
		if (cause == NULL || strncmp(cause, prefix,
		    sizeof prefix - 1) != 0)
			abort();
		free(cause);
		return (0);
	}
	lesson_fuzz_check(l);
	lesson_free(l);
	return (0);
}
