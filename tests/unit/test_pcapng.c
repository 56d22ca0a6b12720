/*
 * test_pcapng.c: the pcapng writer, read back by a block reader of the
 * test's own: a section header with its comment and the program's name,
 * one interface (Ethernet, lo, nanoseconds), and a block per frame with
 * its timestamp, lengths, bytes and comment. A full disk and a missing
 * directory are refused with a cause.
 */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_dir.h"

#include "base/xmalloc.h"
#include "lab/pcapng.h"

static char	test_root[] = "/tmp/finwave-pcapng-test.XXXXXX";

/* The section's comment, as a lesson's title would be. */
static const char	test_title[] = "The four-way close";
static const char	test_ascii[] = "client sends FIN";
static const char	test_chinese[] = "服务器确认 FIN，进入 CLOSE_WAIT";

/* Three frames of odd lengths, so that the data needs padding. */
static const uint8_t	test_frame1[] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x45, 0x00,
	0x00, 0x3c, 0x71, 0xcc, 0x40,
};
static const uint8_t	test_frame2[] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x45, 0x00,
	0x00, 0x34, 0x00, 0x00, 0x40, 0x00,
};
static const uint8_t	test_frame3[] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x45,
};
#define TEST_FRAME3_PADDED	16

/* Timestamps: a CLOCK_REALTIME of 2025, one just below a carry into the
 * high 32 bits, and one of the epoch's first second. */
#define TEST_T1	UINT64_C(1764754775018658123)
#define TEST_T2	UINT64_C(0x00000005ffffffff)
#define TEST_T3	UINT64_C(999999999)

/* One block as read back: its type and body. */
struct test_block {
	uint32_t	 type;
	const uint8_t	*body;
	size_t		 len;
};

/* A fresh directory for the test. */
static int
setup(void **state)
{
	(void)state;
	return (test_dir_make(test_root, "/tmp/finwave-pcapng-test.XXXXXX",
	    NULL, NULL));
}

/* Remove the test's directory. */
static int
teardown(void **state)
{
	(void)state;
	return (test_dir_remove(test_root));
}

/* Read the whole of path; the caller frees. */
static uint8_t *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	uint8_t	*buf;
	long	 size;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	assert_true(size >= 0);
	rewind(f);
	buf = xmalloc((size_t)size + 1);
	assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	*len = (size_t)size;
	return (buf);
}

/* A 16-bit number in host byte order at p. */
static uint16_t
get16(const uint8_t *p)
{
	uint16_t	v;

	memcpy(&v, p, sizeof v);
	return (v);
}

/* A 32-bit number in host byte order at p. */
static uint32_t
get32(const uint8_t *p)
{
	uint32_t	v;

	memcpy(&v, p, sizeof v);
	return (v);
}

/* Read the block at *off: both its lengths equal, a multiple of 4, and
 * inside the file. */
static void
next_block(const uint8_t *buf, size_t len, size_t *off,
    struct test_block *b)
{
	uint32_t	total;

	assert_true(len - *off >= 12);
	b->type = get32(buf + *off);
	total = get32(buf + *off + 4);
	assert_int_equal(total % 4, 0);
	assert_true(total >= 12 && total <= len - *off);
	assert_int_equal(get32(buf + *off + total - 4), total);
	b->body = buf + *off + 8;
	b->len = total - 12;
	*off += total;
}

/* Find option code among the options at opts (len bytes), which must
 * each fit, padded, and end with opt_endofopt; NULL if it is not there. */
static const uint8_t *
find_option(const uint8_t *opts, size_t len, uint16_t code, size_t *vlen)
{
	const uint8_t	*found = NULL;
	size_t		 off = 0, padded;
	uint16_t	 c, l;

	for (;;) {
		assert_true(len - off >= 4);
		c = get16(opts + off);
		l = get16(opts + off + 2);
		if (c == 0) {
			assert_int_equal(l, 0);
			assert_int_equal(off + 4, len);
			return (found);
		}
		padded = (l + 3u) & ~3u;
		assert_true(len - off - 4 >= padded);
		if (c == code && found == NULL) {
			found = opts + off + 4;
			*vlen = l;
		}
		off += 4 + padded;
	}
}

/* Assert that option code holds exactly the n bytes at want. */
static void
assert_option(const uint8_t *opts, size_t len, uint16_t code,
    const void *want, size_t n)
{
	const uint8_t	*v;
	size_t		 vlen = 0;

	v = find_option(opts, len, code, &vlen);
	assert_non_null(v);
	assert_int_equal(vlen, n);
	assert_memory_equal(v, want, n);
}

/* Check the section header: magic, 1.0, length -1, the comment (NULL:
 * none) and "finwave " and a version as the program. */
static void
assert_section(const struct test_block *b, const char *comment)
{
	static const char	 userappl[] = "finwave ";
	const uint8_t		*v;
	size_t			 vlen = 0;

	assert_int_equal(b->type, 0x0A0D0D0A);
	assert_true(b->len >= 16);
	assert_int_equal(get32(b->body), 0x1A2B3C4D);
	assert_int_equal(get16(b->body + 4), 1);
	assert_int_equal(get16(b->body + 6), 0);
	assert_int_equal(get32(b->body + 8), 0xffffffff);
	assert_int_equal(get32(b->body + 12), 0xffffffff);
	if (comment != NULL)
		assert_option(b->body + 16, b->len - 16, 1, comment,
		    strlen(comment));
	else
		assert_null(find_option(b->body + 16, b->len - 16, 1, &vlen));
	v = find_option(b->body + 16, b->len - 16, 4, &vlen);
	assert_non_null(v);
	assert_true(vlen > strlen(userappl));
	assert_memory_equal(v, userappl, strlen(userappl));
}

/* Check the interface: Ethernet, snaplen 262144, lo, nanoseconds. */
static void
assert_interface(const struct test_block *b)
{
	static const uint8_t	tsresol = 9;

	assert_int_equal(b->type, 1);
	assert_true(b->len >= 8);
	assert_int_equal(get16(b->body), 1);
	assert_int_equal(get16(b->body + 2), 0);
	assert_int_equal(get32(b->body + 4), 262144);
	assert_option(b->body + 8, b->len - 8, 2, "lo", 2);
	assert_option(b->body + 8, b->len - 8, 9, &tsresol, 1);
}

/* Check an enhanced packet block against the frame and comment written
 * (NULL: no options at all). */
static void
assert_packet(const struct test_block *b, uint64_t t_ns,
    const uint8_t *frame, size_t caplen, size_t wirelen,
    const char *comment)
{
	size_t	padded = (caplen + 3) & ~(size_t)3;

	assert_int_equal(b->type, 6);
	assert_true(b->len >= 20 + padded);
	assert_int_equal(get32(b->body), 0);
	assert_true(((uint64_t)get32(b->body + 4) << 32 |
	    get32(b->body + 8)) == t_ns);
	assert_int_equal(get32(b->body + 12), caplen);
	assert_int_equal(get32(b->body + 16), wirelen);
	assert_memory_equal(b->body + 20, frame, caplen);
	if (comment == NULL)
		assert_int_equal(b->len, 20 + padded);
	else
		assert_option(b->body + 20 + padded, b->len - 20 - padded, 1,
		    comment, strlen(comment));
}

/* Three frames written and read back block by block. */
static void
test_write_and_read_back(void **state)
{
	struct pcapng		*pn;
	struct test_block	 b;
	struct stat		 sb;
	char			*path, *cause = NULL;
	uint8_t			*buf;
	size_t			 len, off = 0;
	mode_t			 mask;

	(void)state;
	path = xasprintf("%s/lesson.pcapng", test_root);
	pn = pcapng_open(path, test_title, &cause);
	assert_non_null(pn);
	pcapng_write(pn, TEST_T1, test_frame1, sizeof test_frame1,
	    sizeof test_frame1, test_ascii);
	pcapng_write(pn, TEST_T2, test_frame2, sizeof test_frame2,
	    sizeof test_frame2 + 1000, test_chinese);
	pcapng_write(pn, TEST_T3, test_frame3, sizeof test_frame3,
	    sizeof test_frame3, NULL);
	assert_int_equal(pcapng_close(pn, &cause), 0);
	assert_null(cause);

	mask = umask(0);
	umask(mask);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0644 & ~mask);

	buf = slurp(path, &len);

	next_block(buf, len, &off, &b);
	assert_section(&b, test_title);
	next_block(buf, len, &off, &b);
	assert_interface(&b);
	next_block(buf, len, &off, &b);
	assert_packet(&b, TEST_T1, test_frame1, sizeof test_frame1,
	    sizeof test_frame1, test_ascii);
	next_block(buf, len, &off, &b);
	assert_packet(&b, TEST_T2, test_frame2, sizeof test_frame2,
	    sizeof test_frame2 + 1000, test_chinese);
	next_block(buf, len, &off, &b);
	assert_packet(&b, TEST_T3, test_frame3, sizeof test_frame3,
	    sizeof test_frame3, NULL);
	assert_int_equal(off, len);

	free(buf);
	free(path);
}

/* A comment longer than a 16-bit length is cut at a character's start:
 * "a" and then 3-byte characters, cut from 65535 bytes back to 65533. */
static void
test_long_comment_cut(void **state)
{
	static const char	 wave[] = "挥";
	struct pcapng		*pn;
	struct test_block	 b;
	char			*path, *comment, *cause = NULL;
	uint8_t			*buf;
	size_t			 len, off = 0, i, n = 30000;

	(void)state;
	comment = xmalloc(1 + n * 3 + 1);
	comment[0] = 'a';
	for (i = 0; i < n; i++)
		memcpy(comment + 1 + i * 3, wave, 3);
	comment[1 + n * 3] = '\0';

	path = xasprintf("%s/long.pcapng", test_root);
	pn = pcapng_open(path, NULL, &cause);
	assert_non_null(pn);
	pcapng_write(pn, TEST_T1, test_frame3, sizeof test_frame3,
	    sizeof test_frame3, comment);
	assert_int_equal(pcapng_close(pn, &cause), 0);

	buf = slurp(path, &len);
	next_block(buf, len, &off, &b);
	assert_section(&b, NULL);
	next_block(buf, len, &off, &b);
	assert_interface(&b);
	next_block(buf, len, &off, &b);
	assert_int_equal(b.type, 6);
	assert_true(b.len >= 20 + TEST_FRAME3_PADDED);
	assert_option(b.body + 20 + TEST_FRAME3_PADDED,
	    b.len - 20 - TEST_FRAME3_PADDED, 1, comment, 65533);
	assert_int_equal(off, len);
	free(buf);
	free(comment);
	free(path);
}

/* A full disk is refused at the header or at the close, naming it. */
static void
test_full_disk(void **state)
{
	struct pcapng	*pn;
	char		*cause = NULL;
	int		 i;

	(void)state;
	if (access("/dev/full", W_OK) != 0)
		skip();
	pn = pcapng_open("/dev/full", test_title, &cause);
	if (pn != NULL) {
		for (i = 0; i < 100; i++)
			pcapng_write(pn, TEST_T1, test_frame1,
			    sizeof test_frame1, sizeof test_frame1, NULL);
		assert_int_equal(pcapng_close(pn, &cause), -1);
	}
	assert_non_null(cause);
	assert_non_null(strstr(cause, "/dev/full"));
	free(cause);
}

/* A path in a missing directory is refused with a cause. */
static void
test_missing_directory(void **state)
{
	struct pcapng	*pn;
	char		*path, *cause = NULL;

	(void)state;
	path = xasprintf("%s/no/such/lesson.pcapng", test_root);
	pn = pcapng_open(path, NULL, &cause);
	assert_null(pn);
	assert_non_null(cause);
	assert_non_null(strstr(cause, path));
	free(cause);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_write_and_read_back,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_comment_cut, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_full_disk, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_missing_directory, setup,
		    teardown),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
