/*
 * utf8.c: one UTF-8 character decoded, strictly: only the shortest form
 * of a code point up to U+10FFFF that is not a surrogate is a character.
 */
#include <stddef.h>
#include <stdint.h>

#include "base/utf8.h"

/* Decode the character at s (len bytes there) into *c; its length, or 0. */
size_t
utf8_decode(const char *s, size_t len, uint32_t *c)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 v;
	size_t			 k, n;

	if (len == 0)
		return (0);
	v = u[0];
	if (v < 0x80) {
		*c = v;
		return (1);
	}
	if (v >= 0xc2 && v <= 0xdf)
		n = 1;
	else if (v >= 0xe0 && v <= 0xef)
		n = 2;
	else if (v >= 0xf0 && v <= 0xf4)
		n = 3;
	else
		return (0);
	if (len <= n)
		return (0);
	v &= 0x3f >> n;
	for (k = 1; k <= n; k++) {
		if ((u[k] & 0xc0) != 0x80)
			return (0);
		v = (v << 6) | (u[k] & 0x3f);
	}
	if ((n == 2 && v < 0x800) || (n == 3 && v < 0x10000) ||
	    v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return (0);
	*c = v;
	return (n + 1);
}
