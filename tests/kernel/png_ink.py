#!/usr/bin/env python3
# png_ink.py FILE: print "WIDTHxHEIGHT COLOURS INK" for an 8-bit RGB or RGBA
# PNG: its size, how many distinct colours it has, and the share of its
# pixels (in per mille) that differ from its most common colour. A blank
# picture has one colour and no ink. Only the standard library: the PNG
# filters are undone here.
import struct
import sys
import zlib
from collections import Counter


def main(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        sys.exit('%s: not a PNG' % path)
    pos, idat, head = 8, b'', None
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            head = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    w, h, depth, colour = head[0], head[1], head[2], head[3]
    if depth != 8 or colour not in (2, 6):
        sys.exit('%s: not 8-bit RGB or RGBA' % path)
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    counts = Counter()
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        counts.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp))
        prev = line
    common = counts.most_common(1)[0][1]
    print('%dx%d %d %d' % (w, h, len(counts), (w * h - common) * 1000 // (w * h)))


main(sys.argv[1])
