/*
 * test_capture.c: capture_decode on frames that tcpdump recorded on lo in
 * a fresh network namespace (a client on 127.0.0.1.40000 and .40001 talking
 * to a server on port 5000), and on frames it must refuse. Under each
 * tcpdump line, what tshark 3.x/4.x reads in the same bytes: the options
 * are checked against it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lab/capture.h"
#include "tcp/tcpstate.h"

#define LOCALHOST	0x7f000001

/*
 * 09:39:35.018658 IP 127.0.0.1.40000 > 127.0.0.1.5000: Flags [S],
 *   seq 3677914422, win 65495, options [mss 65495,sackOK,
 *   TS val 2754268031 ecr 0,nop,wscale 10], length 0
 * tshark: [SYN] Seq=0 Win=65495 Len=0 MSS=65495 SACK_PERM TSval=2754268031
 *   TSecr=0 WS=1024 (tcp.options.wscale.shift 10)
 */
static const uint8_t test_capture_syn[] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x45, 0x00,
	0x00, 0x3c, 0x71, 0xcc, 0x40, 0x00, 0x40, 0x06,
	0xca, 0xed, 0x7f, 0x00, 0x00, 0x01, 0x7f, 0x00,
	0x00, 0x01, 0x9c, 0x40, 0x13, 0x88, 0xdb, 0x38,
	0x85, 0x36, 0x00, 0x00, 0x00, 0x00, 0xa0, 0x02,
	0xff, 0xd7, 0xfe, 0x30, 0x00, 0x00, 0x02, 0x04,
	0xff, 0xd7, 0x04, 0x02, 0x08, 0x0a, 0xa4, 0x2a,
	0xcb, 0x7f, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03,
	0x03, 0x0a,
};

/*
 * 09:39:35.018673 IP 127.0.0.1.5000 > 127.0.0.1.40000: Flags [S.],
 *   seq 2234224773, ack 3677914423, win 65483, options [mss 65495,sackOK,
 *   TS val 726965373 ecr 2754268031,nop,wscale 10], length 0
 * tshark: [SYN, ACK] Seq=0 Ack=1 Win=65483 Len=0 MSS=65495 SACK_PERM
 *   TSval=726965373 TSecr=2754268031 WS=1024
 */
static const uint8_t test_capture_synack[] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x45, 0x00,
	0x00, 0x3c, 0x00, 0x00, 0x40, 0x00, 0x40, 0x06,
	0x3c, 0xba, 0x7f, 0x00, 0x00, 0x01, 0x7f, 0x00,
	0x00, 0x01, 0x13, 0x88, 0x9c, 0x40, 0x85, 0x2b,
	0x90, 0x85, 0xdb, 0x38, 0x85, 0x37, 0xa0, 0x12,
	0xff, 0xcb, 0xfe, 0x30, 0x00, 0x00, 0x02, 0x04,
	0xff, 0xd7, 0x04, 0x02, 0x08, 0x0a, 0x2b, 0x54,
	0x9c, 0x7d, 0xa4, 0x2a, 0xcb, 0x7f, 0x01, 0x03,
	0x03, 0x0a,
};

/*
 * 09:39:35.018753 IP 127.0.0.1.40000 > 127.0.0.1.5000: Flags [P.],
 *   seq 3677914423:3677914438, ack 2234224774, win 64, options [nop,nop,
 *   TS val 2754268031 ecr 726965373], length 15
 * tshark: [PSH, ACK] Seq=1 Ack=1 Win=65536 Len=15 TSval=2754268031
 *   TSecr=726965373 (window field 64, scaling factor 1024)
 */
static const uint8_t test_capture_data[] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x45, 0x00,
	0x00, 0x43, 0x71, 0xce, 0x40, 0x00, 0x40, 0x06,
	0xca, 0xe4, 0x7f, 0x00, 0x00, 0x01, 0x7f, 0x00,
	0x00, 0x01, 0x9c, 0x40, 0x13, 0x88, 0xdb, 0x38,
	0x85, 0x37, 0x85, 0x2b, 0x90, 0x86, 0x80, 0x18,
	0x00, 0x40, 0xfe, 0x37, 0x00, 0x00, 0x01, 0x01,
	0x08, 0x0a, 0xa4, 0x2a, 0xcb, 0x7f, 0x2b, 0x54,
	0x9c, 0x7d, 0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x2c,
	0x20, 0x66, 0x69, 0x6e, 0x77, 0x61, 0x76, 0x65,
	0x0a,
};

/*
 * 09:39:35.069052 IP 127.0.0.1.40000 > 127.0.0.1.5000: Flags [F.],
 *   seq 3677914438, ack 2234224774, win 64, options [nop,nop,
 *   TS val 2754268081 ecr 726965373], length 0
 * tshark: [FIN, ACK] Seq=16 Ack=1 Win=65536 Len=0 TSval=2754268081
 *   TSecr=726965373
 */
static const uint8_t test_capture_fin[] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x45, 0x00,
	0x00, 0x34, 0x71, 0xcf, 0x40, 0x00, 0x40, 0x06,
	0xca, 0xf2, 0x7f, 0x00, 0x00, 0x01, 0x7f, 0x00,
	0x00, 0x01, 0x9c, 0x40, 0x13, 0x88, 0xdb, 0x38,
	0x85, 0x46, 0x85, 0x2b, 0x90, 0x86, 0x80, 0x11,
	0x00, 0x40, 0xfe, 0x28, 0x00, 0x00, 0x01, 0x01,
	0x08, 0x0a, 0xa4, 0x2a, 0xcb, 0xb1, 0x2b, 0x54,
	0x9c, 0x7d,
};

/*
 * 09:39:35.220125 IP 127.0.0.1.40001 > 127.0.0.1.5000: Flags [R.],
 *   seq 218268650, ack 4254360293, win 64, options [nop,nop,
 *   TS val 4056814443 ecr 3405747556], length 0
 * tshark: [RST, ACK] Seq=1 Ack=1 Win=64 Len=0 TSval=4056814443
 *   TSecr=3405747556 (its SYNs not in the capture: scaling unknown)
 */
static const uint8_t test_capture_rst[] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x45, 0x00,
	0x00, 0x34, 0xb2, 0xaa, 0x40, 0x00, 0x40, 0x06,
	0x8a, 0x17, 0x7f, 0x00, 0x00, 0x01, 0x7f, 0x00,
	0x00, 0x01, 0x9c, 0x41, 0x13, 0x88, 0x0d, 0x02,
	0x83, 0xea, 0xfd, 0x94, 0x62, 0xe5, 0x80, 0x14,
	0x00, 0x40, 0xfe, 0x28, 0x00, 0x00, 0x01, 0x01,
	0x08, 0x0a, 0xf1, 0xce, 0x13, 0x6b, 0xca, 0xff,
	0x95, 0x64,
};

/*
 * A SYN in a namespace with net.ipv4.tcp_window_scaling, tcp_timestamps and
 * tcp_sack set to 0, captured on lo by dumpcap; its only option is the MSS.
 * tshark: 39400 -> 9000 [SYN] Seq=0 Win=65495 Len=0 MSS=65495
 */
static const uint8_t test_capture_syn_bare[] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x45, 0x00,
	0x00, 0x2c, 0x61, 0xf3, 0x40, 0x00, 0x40, 0x06,
	0xda, 0xd6, 0x7f, 0x00, 0x00, 0x01, 0x7f, 0x00,
	0x00, 0x01, 0x99, 0xe8, 0x23, 0x28, 0x1f, 0x9a,
	0x3b, 0x0f, 0x00, 0x00, 0x00, 0x00, 0x60, 0x02,
	0xff, 0xd7, 0xfe, 0x20, 0x00, 0x00, 0x02, 0x04,
	0xff, 0xd7,
};

/* 10:09:01.923573 IP 127.0.0.1.40002 > 127.0.0.1.9999: UDP, length 4 */
static const uint8_t test_capture_udp[] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x45, 0x00,
	0x00, 0x20, 0xf2, 0xce, 0x40, 0x00, 0x40, 0x11,
	0x49, 0xfc, 0x7f, 0x00, 0x00, 0x01, 0x7f, 0x00,
	0x00, 0x01, 0x9c, 0x42, 0x27, 0x0f, 0x00, 0x0c,
	0xfe, 0x1f, 0x70, 0x69, 0x6e, 0x67,
};

/* Decode frame and check every field of the result against want. */
static void
test_capture_expect(const uint8_t *frame, size_t caplen,
    const struct segment *want)
{
	struct segment	got;

	memset(&got, 0xa5, sizeof got);
	assert_int_equal(capture_decode(frame, caplen, caplen, want->t_ns,
	    &got), 0);
	assert_int_equal(got.t_ns, want->t_ns);
	assert_int_equal(got.saddr, want->saddr);
	assert_int_equal(got.daddr, want->daddr);
	assert_int_equal(got.sport, want->sport);
	assert_int_equal(got.dport, want->dport);
	assert_int_equal(got.seq, want->seq);
	assert_int_equal(got.ack, want->ack);
	assert_int_equal(got.flags, want->flags);
	assert_int_equal(got.win, want->win);
	assert_int_equal(got.len, want->len);
	assert_int_equal(got.mss, want->mss);
	assert_int_equal(got.wscale, want->wscale);
	assert_int_equal(got.sack_ok, want->sack_ok);
	assert_int_equal(got.has_ts, want->has_ts);
	assert_int_equal(got.tsval, want->tsval);
	assert_int_equal(got.tsecr, want->tsecr);
}

/* The client's SYN. */
static void
test_capture_decode_syn(void **state)
{
	static const struct segment	want = {
		.t_ns = 1795426775018658000ULL,
		.saddr = LOCALHOST, .sport = 40000,
		.daddr = LOCALHOST, .dport = 5000,
		.seq = 3677914422U, .ack = 0,
		.flags = TF_SYN, .win = 65495, .len = 0,
		.mss = 65495, .wscale = 10, .sack_ok = 1,
		.has_ts = 1, .tsval = 2754268031U, .tsecr = 0
	};

	(void)state;
	test_capture_expect(test_capture_syn,
	    sizeof test_capture_syn, &want);
}

/* The server's SYN-ACK. */
static void
test_capture_decode_synack(void **state)
{
	static const struct segment	want = {
		.t_ns = 1795426775018673000ULL,
		.saddr = LOCALHOST, .sport = 5000,
		.daddr = LOCALHOST, .dport = 40000,
		.seq = 2234224773U, .ack = 3677914423U,
		.flags = TF_SYN|TF_ACK, .win = 65483, .len = 0,
		.mss = 65495, .wscale = 10, .sack_ok = 1,
		.has_ts = 1, .tsval = 726965373U, .tsecr = 2754268031U
	};

	(void)state;
	test_capture_expect(test_capture_synack,
	    sizeof test_capture_synack, &want);
}

/* A PSH-ACK carrying the 15 bytes "hello, finwave\n". */
static void
test_capture_decode_data(void **state)
{
	static const struct segment	want = {
		.t_ns = 1795426775018753000ULL,
		.saddr = LOCALHOST, .sport = 40000,
		.daddr = LOCALHOST, .dport = 5000,
		.seq = 3677914423U, .ack = 2234224774U,
		.flags = TF_PSH|TF_ACK, .win = 64, .len = 15,
		.wscale = -1,
		.has_ts = 1, .tsval = 2754268031U, .tsecr = 726965373U
	};

	(void)state;
	test_capture_expect(test_capture_data,
	    sizeof test_capture_data, &want);
}

/* The client's FIN-ACK, the first step of the teardown. */
static void
test_capture_decode_fin(void **state)
{
	static const struct segment	want = {
		.t_ns = 1795426775069052000ULL,
		.saddr = LOCALHOST, .sport = 40000,
		.daddr = LOCALHOST, .dport = 5000,
		.seq = 3677914438U, .ack = 2234224774U,
		.flags = TF_FIN|TF_ACK, .win = 64, .len = 0,
		.wscale = -1,
		.has_ts = 1, .tsval = 2754268081U, .tsecr = 726965373U
	};

	(void)state;
	test_capture_expect(test_capture_fin,
	    sizeof test_capture_fin, &want);
}

/* An abortive close (SO_LINGER 0) sends RST-ACK. */
static void
test_capture_decode_rst(void **state)
{
	static const struct segment	want = {
		.t_ns = 1795426775220125000ULL,
		.saddr = LOCALHOST, .sport = 40001,
		.daddr = LOCALHOST, .dport = 5000,
		.seq = 218268650U, .ack = 4254360293U,
		.flags = TF_RST|TF_ACK, .win = 64, .len = 0,
		.wscale = -1,
		.has_ts = 1, .tsval = 4056814443U, .tsecr = 3405747556U
	};

	(void)state;
	test_capture_expect(test_capture_rst,
	    sizeof test_capture_rst, &want);
}

/* Ethernet padding after the IP packet is not payload. */
static void
test_capture_decode_padded(void **state)
{
	static const struct segment	want = {
		.t_ns = 1,
		.saddr = LOCALHOST, .sport = 40000,
		.daddr = LOCALHOST, .dport = 5000,
		.seq = 3677914438U, .ack = 2234224774U,
		.flags = TF_FIN|TF_ACK, .win = 64, .len = 0,
		.wscale = -1,
		.has_ts = 1, .tsval = 2754268081U, .tsecr = 726965373U
	};
	uint8_t				frame[sizeof test_capture_fin + 6];

	(void)state;
	memset(frame, 0, sizeof frame);
	memcpy(frame, test_capture_fin, sizeof test_capture_fin);
	test_capture_expect(frame, sizeof frame, &want);
}

/* ECE and CWR (the top two flag bits) are not TF_* flags. */
static void
test_capture_decode_ecn(void **state)
{
	static const struct segment	want = {
		.t_ns = 2,
		.saddr = LOCALHOST, .sport = 40000,
		.daddr = LOCALHOST, .dport = 5000,
		.seq = 3677914422U, .ack = 0,
		.flags = TF_SYN, .win = 65495, .len = 0,
		.mss = 65495, .wscale = 10, .sack_ok = 1,
		.has_ts = 1, .tsval = 2754268031U, .tsecr = 0
	};
	uint8_t				frame[sizeof test_capture_syn];

	(void)state;
	memcpy(frame, test_capture_syn, sizeof frame);
	frame[47] |= 0xc0;
	test_capture_expect(frame, sizeof frame, &want);
}

/* Every prefix of a frame, down to nothing, is refused. */
static void
test_capture_decode_truncated(void **state)
{
	struct segment	seg;
	size_t		n;

	(void)state;
	for (n = 0; n < sizeof test_capture_data; n++) {
		assert_int_equal(capture_decode(test_capture_data, n, n, 0,
		    &seg), -1);
	}
}

/* A payload cut by the snaplen still decodes, with its length from the IP
 * header; headers cut by the snaplen do not. */
static void
test_capture_decode_snaplen(void **state)
{
	struct segment	whole, seg;
	size_t		wire = sizeof test_capture_data, hdr;

	(void)state;
	assert_int_equal(capture_decode(test_capture_data, wire, wire, 0,
	    &whole), 0);
	assert_true(whole.len > 2);
	hdr = wire - whole.len;
	assert_int_equal(capture_decode(test_capture_data, hdr + 2, wire, 0,
	    &seg), 0);
	assert_int_equal(seg.len, whole.len);
	assert_int_equal(seg.wirelen, wire);
	assert_int_equal(seg.seq, whole.seq);
	assert_int_equal(capture_decode(test_capture_data, hdr - 1, wire, 0,
	    &seg), -1);
}

/* A UDP datagram is refused. */
static void
test_capture_decode_udp(void **state)
{
	struct segment	seg;

	(void)state;
	assert_int_equal(capture_decode(test_capture_udp,
	    sizeof test_capture_udp, sizeof test_capture_udp, 0, &seg), -1);
}

/* The SYN with one big-endian 16-bit field overwritten is refused. */
static void
test_capture_decode_bad(void **state)
{
	static const struct {
		size_t		 off;
		uint16_t	 val;
		const char	*what;
	} bad[] = {
		{ 12, 0x86dd, "IPv6 ethertype" },
		{ 12, 0x0806, "ARP ethertype" },
		{ 14, 0x6500, "IP version 6" },
		{ 14, 0x4000, "IHL 0" },
		{ 14, 0x4400, "IHL 4" },
		{ 14, 0x4f00, "IHL 15, no room for TCP" },
		{ 16, 0x0000, "total length 0" },
		{ 16, 0x0013, "total length inside the IP header" },
		{ 16, 0x003d, "total length past the frame" },
		{ 20, 0x2000, "more fragments" },
		{ 20, 0x0001, "fragment offset 8" },
		{ 22, 0x4011, "protocol UDP" },
		{ 46, 0x4002, "data offset 4" },
		{ 46, 0xb002, "data offset 11, past the segment" }
	};
	uint8_t		frame[sizeof test_capture_syn];
	struct segment	seg;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memcpy(frame, test_capture_syn, sizeof frame);
		frame[bad[i].off] = bad[i].val >> 8;
		frame[bad[i].off + 1] = bad[i].val & 0xff;
		if (capture_decode(frame, sizeof frame, sizeof frame, 0,
		    &seg) != -1)
			fail_msg("accepted a frame with %s", bad[i].what);
	}
}

/* A SYN from a namespace with scaling, timestamps and SACK off. */
static void
test_capture_decode_syn_bare(void **state)
{
	static const struct segment	want = {
		.t_ns = 3,
		.saddr = LOCALHOST, .sport = 39400,
		.daddr = LOCALHOST, .dport = 9000,
		.seq = 530201359U, .ack = 0,
		.flags = TF_SYN, .win = 65495, .len = 0,
		.mss = 65495, .wscale = -1
	};

	(void)state;
	test_capture_expect(test_capture_syn_bare,
	    sizeof test_capture_syn_bare, &want);
}

/* A data offset of 5 on the SYN: its option bytes are payload. */
static void
test_capture_decode_doff_short(void **state)
{
	uint8_t		frame[sizeof test_capture_syn];
	struct segment	seg;

	(void)state;
	memcpy(frame, test_capture_syn, sizeof frame);
	frame[46] = 0x50;
	assert_int_equal(capture_decode(frame, sizeof frame, sizeof frame, 0,
	    &seg), 0);
	assert_int_equal(seg.len, 20);
	assert_int_equal(seg.mss, 0);
	assert_int_equal(seg.wscale, -1);
	assert_int_equal(seg.sack_ok, 0);
	assert_int_equal(seg.has_ts, 0);
}

/* Options from n bytes copied into a buffer of exactly n, so that a read
 * past them is one past an allocation (AddressSanitizer catches it). */
static struct segment
test_capture_opts(const uint8_t *bytes, size_t n)
{
	struct segment	 seg;
	uint8_t		*copy;

	memset(&seg, 0xa5, sizeof seg);
	copy = test_malloc(n > 0 ? n : 1);
	memcpy(copy, bytes, n);
	capture_options(copy, n, &seg);
	test_free(copy);
	return (seg);
}

/* Every prefix of the SYN's options holds the options wholly inside it,
 * and none that it cuts. */
static void
test_capture_options_prefixes(void **state)
{
	const uint8_t	*opts = test_capture_syn + 54;
	struct segment	 seg;
	size_t		 n;

	(void)state;
	for (n = 0; n <= 20; n++) {
		seg = test_capture_opts(opts, n);
		assert_int_equal(seg.mss, n >= 4 ? 65495 : 0);
		assert_int_equal(seg.sack_ok, n >= 6);
		assert_int_equal(seg.has_ts, n >= 16);
		assert_int_equal(seg.tsval, n >= 16 ? 2754268031U : 0);
		assert_int_equal(seg.wscale, n >= 20 ? 10 : -1);
	}
}

/* Garbage ends the list where it starts; what came before it stays. */
static void
test_capture_options_garbage(void **state)
{
	static const uint8_t	end[] = { 0, 2, 4, 0x05, 0xb4 };
	static const uint8_t	nops[] = { 1, 1, 1, 2, 4, 0x05, 0xb4 };
	static const uint8_t	len0[] = { 4, 2, 8, 0, 2, 4, 0x05, 0xb4 };
	static const uint8_t	len1[] = { 4, 2, 3, 1, 2, 4, 0x05, 0xb4 };
	static const uint8_t	past[] = { 4, 2, 8, 10, 0, 0, 0, 1 };
	static const uint8_t	lone[] = { 1, 1, 8 };
	struct segment		seg;

	(void)state;
	seg = test_capture_opts(end, sizeof end);
	assert_int_equal(seg.mss, 0);
	seg = test_capture_opts(nops, sizeof nops);
	assert_int_equal(seg.mss, 1460);
	seg = test_capture_opts(len0, sizeof len0);
	assert_int_equal(seg.sack_ok, 1);
	assert_int_equal(seg.has_ts, 0);
	assert_int_equal(seg.mss, 0);
	seg = test_capture_opts(len1, sizeof len1);
	assert_int_equal(seg.sack_ok, 1);
	assert_int_equal(seg.wscale, -1);
	assert_int_equal(seg.mss, 0);
	seg = test_capture_opts(past, sizeof past);
	assert_int_equal(seg.sack_ok, 1);
	assert_int_equal(seg.has_ts, 0);
	seg = test_capture_opts(lone, sizeof lone);
	assert_int_equal(seg.has_ts, 0);
	assert_int_equal(seg.wscale, -1);
}

/* A known option of the wrong length and an unknown kind are skipped by
 * their length; a shift above 14 counts as 14 (RFC 7323 2.3). */
static void
test_capture_options_odd(void **state)
{
	static const uint8_t	wrong[] = { 2, 3, 0xff, 3, 3, 7 };
	static const uint8_t	unknown[] = { 30, 4, 0xde, 0xad, 4, 2 };
	static const uint8_t	huge[] = { 3, 3, 15 };
	static const uint8_t	ts9[] = { 8, 9, 0, 0, 0, 1, 0, 0, 0 };
	struct segment		seg;

	(void)state;
	seg = test_capture_opts(wrong, sizeof wrong);
	assert_int_equal(seg.mss, 0);
	assert_int_equal(seg.wscale, 7);
	seg = test_capture_opts(unknown, sizeof unknown);
	assert_int_equal(seg.sack_ok, 1);
	seg = test_capture_opts(huge, sizeof huge);
	assert_int_equal(seg.wscale, 14);
	seg = test_capture_opts(ts9, sizeof ts9);
	assert_int_equal(seg.has_ts, 0);
}

/* Run the capture tests. */
int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_capture_decode_syn),
		cmocka_unit_test(test_capture_decode_synack),
		cmocka_unit_test(test_capture_decode_data),
		cmocka_unit_test(test_capture_decode_fin),
		cmocka_unit_test(test_capture_decode_rst),
		cmocka_unit_test(test_capture_decode_padded),
		cmocka_unit_test(test_capture_decode_ecn),
		cmocka_unit_test(test_capture_decode_truncated),
		cmocka_unit_test(test_capture_decode_snaplen),
		cmocka_unit_test(test_capture_decode_udp),
		cmocka_unit_test(test_capture_decode_bad),
		cmocka_unit_test(test_capture_decode_syn_bare),
		cmocka_unit_test(test_capture_decode_doff_short),
		cmocka_unit_test(test_capture_options_prefixes),
		cmocka_unit_test(test_capture_options_garbage),
		cmocka_unit_test(test_capture_options_odd)
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
