/*
 * pcapng.c: save captured frames to a pcapng file with nanosecond
 * timestamps and comments, so a lesson's traffic opens again in tshark
 * or Wireshark with the lesson's title and its notes on the frames.
 *
 * libpcap 1.10 writes only classic pcap, so the blocks are built here
 * (draft-ietf-opsawg-pcapng), in host byte order: a section header, one
 * interface, then an enhanced packet block per frame. Each block is
 * built whole in a buffer, so its length is known before it goes out,
 * and is written and flushed at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xmalloc.h"
#include "lab/pcapng.h"

#define PCAPNG_SNAPLEN		262144
#define PCAPNG_LINKTYPE_ETHERNET 1
#define PCAPNG_BYTE_ORDER_MAGIC	0x1A2B3C4D

/* Block types. */
#define PCAPNG_SHB		0x0A0D0D0A
#define PCAPNG_IDB		0x00000001
#define PCAPNG_EPB		0x00000006

/* Option codes. */
#define PCAPNG_OPT_ENDOFOPT	0
#define PCAPNG_OPT_COMMENT	1
#define PCAPNG_SHB_USERAPPL	4
#define PCAPNG_IF_NAME		2
#define PCAPNG_IF_TSRESOL	9

/* An option's value is at most this long (its length is 16 bits). */
#define PCAPNG_OPT_MAX		0xffff

struct pcapng {
	char		*name;
	FILE		*f;
	int		 err;		/* the first write error, or 0 */

	uint8_t		*block;		/* the block being built */
	size_t		 len;
	size_t		 size;
};

/* Append n bytes to the block being built (p may be NULL when n is 0). */
static void
pcapng_put(struct pcapng *pn, const void *p, size_t n)
{
	if (n == 0)
		return;
	if (pn->len + n > pn->size) {
		while (pn->len + n > pn->size)
			pn->size = pn->size == 0 ? 256 : pn->size * 2;
		pn->block = xreallocarray(pn->block, pn->size, 1);
	}
	memcpy(pn->block + pn->len, p, n);
	pn->len += n;
}

/* Append a 16-bit number in host byte order. */
static void
pcapng_put16(struct pcapng *pn, uint16_t v)
{
	pcapng_put(pn, &v, sizeof v);
}

/* Append a 32-bit number in host byte order. */
static void
pcapng_put32(struct pcapng *pn, uint32_t v)
{
	pcapng_put(pn, &v, sizeof v);
}

/* Append zeros up to the next multiple of 4 bytes. */
static void
pcapng_pad(struct pcapng *pn)
{
	static const uint8_t	zeros[3];

	pcapng_put(pn, zeros, (4 - pn->len % 4) % 4);
}

/* Start a block of type; its length is filled in by pcapng_end. */
static void
pcapng_begin(struct pcapng *pn, uint32_t type)
{
	pn->len = 0;
	pcapng_put32(pn, type);
	pcapng_put32(pn, 0);
}

/* Append an option: code, length, the value padded to 4 bytes. */
static void
pcapng_option(struct pcapng *pn, uint16_t code, const void *value,
    size_t len)
{
	pcapng_put16(pn, code);
	pcapng_put16(pn, (uint16_t)len);
	pcapng_put(pn, value, len);
	pcapng_pad(pn);
}

/* Append a UTF-8 text option, cut to what a 16-bit length holds at the
 * start of a character so that the text stays valid. */
static void
pcapng_option_text(struct pcapng *pn, uint16_t code, const char *s)
{
	size_t	len = strlen(s);

	if (len > PCAPNG_OPT_MAX) {
		len = PCAPNG_OPT_MAX;
		while (len > 0 && ((uint8_t)s[len] & 0xc0) == 0x80)
			len--;
	}
	pcapng_option(pn, code, s, len);
}

/* Write out what the stream buffers; remember the first error. Each
 * block is flushed as it comes, so the error is seen with its errno. */
static void
pcapng_flush(struct pcapng *pn)
{
	errno = 0;
	if (fflush(pn->f) == EOF && pn->err == 0)
		pn->err = errno != 0 ? errno : EIO;
}

/* Finish the block with its total length at both ends and write it.
 * Once a write has failed the file is broken, and nothing more goes. */
static void
pcapng_end(struct pcapng *pn)
{
	uint32_t	total = (uint32_t)(pn->len + sizeof total);

	memcpy(pn->block + 4, &total, sizeof total);
	pcapng_put32(pn, total);
	if (pn->err != 0)
		return;
	errno = 0;
	if (fwrite(pn->block, 1, pn->len, pn->f) != pn->len) {
		pn->err = errno != 0 ? errno : EIO;
		return;
	}
	pcapng_flush(pn);
}

/* The section header: byte order, version 1.0, length unknown, the
 * writing program and the comment. */
static void
pcapng_section(struct pcapng *pn, const char *comment)
{
	pcapng_begin(pn, PCAPNG_SHB);
	pcapng_put32(pn, PCAPNG_BYTE_ORDER_MAGIC);
	pcapng_put16(pn, 1);
	pcapng_put16(pn, 0);
	pcapng_put32(pn, 0xffffffff);	/* section length -1, 64 bits */
	pcapng_put32(pn, 0xffffffff);
	if (comment != NULL && *comment != '\0')
		pcapng_option_text(pn, PCAPNG_OPT_COMMENT, comment);
	pcapng_option_text(pn, PCAPNG_SHB_USERAPPL,
	    "finwave " FINWAVE_VERSION);
	pcapng_option(pn, PCAPNG_OPT_ENDOFOPT, NULL, 0);
	pcapng_end(pn);
}

/* The one interface: Ethernet on lo, timestamps in nanoseconds. */
static void
pcapng_interface(struct pcapng *pn)
{
	static const uint8_t	tsresol = 9;	/* 10^-9 s */

	pcapng_begin(pn, PCAPNG_IDB);
	pcapng_put16(pn, PCAPNG_LINKTYPE_ETHERNET);
	pcapng_put16(pn, 0);
	pcapng_put32(pn, PCAPNG_SNAPLEN);
	pcapng_option_text(pn, PCAPNG_IF_NAME, "lo");
	pcapng_option(pn, PCAPNG_IF_TSRESOL, &tsresol, sizeof tsresol);
	pcapng_option(pn, PCAPNG_OPT_ENDOFOPT, NULL, 0);
	pcapng_end(pn);
}

/* Start a pcapng file on fd, owned from now on, named name in messages. */
struct pcapng *
pcapng_fdopen(int fd, const char *name, const char *comment, char **cause)
{
	struct pcapng	*pn;
	FILE		*f;

	if ((f = fdopen(fd, "w")) == NULL) {
		*cause = xasprintf("%s: %s", name, strerror(errno));
		close(fd);
		return (NULL);
	}
	pn = xcalloc(1, sizeof *pn);
	pn->name = xstrdup(name);
	pn->f = f;
	/* The header blocks go out at once: a file that cannot take them
	 * is refused before the lesson runs. */
	pcapng_section(pn, comment);
	pcapng_interface(pn);
	if (pn->err != 0) {
		pcapng_close(pn, cause);
		return (NULL);
	}
	return (pn);
}

/* Create or truncate path and start a pcapng file on it. */
struct pcapng *
pcapng_open(const char *path, const char *comment, char **cause)
{
	int	fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return (NULL);
	}
	return (pcapng_fdopen(fd, path, comment, cause));
}

/* Append one frame stamped t_ns, as much of it as was captured (no more
 * than the interface's snaplen), with its comment. */
void
pcapng_write(struct pcapng *pn, uint64_t t_ns, const uint8_t *frame,
    size_t caplen, size_t wirelen, const char *comment)
{
	if (caplen > PCAPNG_SNAPLEN)
		caplen = PCAPNG_SNAPLEN;
	pcapng_begin(pn, PCAPNG_EPB);
	pcapng_put32(pn, 0);			/* interface id */
	pcapng_put32(pn, (uint32_t)(t_ns >> 32));
	pcapng_put32(pn, (uint32_t)t_ns);
	pcapng_put32(pn, (uint32_t)caplen);
	pcapng_put32(pn, (uint32_t)wirelen);
	pcapng_put(pn, frame, caplen);
	pcapng_pad(pn);
	if (comment != NULL && *comment != '\0') {
		pcapng_option_text(pn, PCAPNG_OPT_COMMENT, comment);
		pcapng_option(pn, PCAPNG_OPT_ENDOFOPT, NULL, 0);
	}
	pcapng_end(pn);
}

/* Flush, check, close and free. */
int
pcapng_close(struct pcapng *pn, char **cause)
{
	int	err;

	pcapng_flush(pn);
	errno = 0;
	if (fclose(pn->f) == EOF && pn->err == 0)
		pn->err = errno != 0 ? errno : EIO;
	if ((err = pn->err) != 0)
		*cause = xasprintf("%s: cannot write: %s", pn->name,
		    strerror(err));
	free(pn->block);
	free(pn->name);
	free(pn);
	return (err != 0 ? -1 : 0);
}
