/*
 * utf8.h: the one UTF-8 decoder, strict (RFC 3629): what it decodes is a
 * valid character, and anything else is not decoded at all. The lesson
 * parser refuses a line with bytes it cannot decode; textw shows such a
 * byte as one column of its own.
 */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The longest UTF-8 character, in bytes. */
#define UTF8_MAX	4

/* Decode the character at s, of the len bytes there, into *c; returns its
 * length (1 to UTF8_MAX), or 0, *c untouched, when the bytes there do not
 * begin with a valid UTF-8 character: a stray continuation byte, a byte
 * UTF-8 never uses, a sequence cut short (by len or by a byte that does
 * not continue it), an overlong form, a surrogate, or a code point above
 * U+10FFFF. */
size_t	utf8_decode(const char *s, size_t len, uint32_t *c);

#endif
