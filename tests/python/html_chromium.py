#!/usr/bin/env python3
"""html_chromium.py PISAR FIXTURES -- the review page of the quick start, as a
person sees it.

Runs `pisar prep fixtures/prep/*.txt -o DIR/ --html PAGE`, checks that the
page loads nothing from outside and runs no script, renders it in headless
Chromium and checks that the screenshot is not blank: many distinct colours
(text, the coloured status cells, the marked names) and most rows not of
one colour. Exit 77 (CTest SKIP_RETURN_CODE) when Chromium is not installed.
"""

import glob
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

pisar, fixtures = sys.argv[1], sys.argv[2]
browser = shutil.which("chromium") or shutil.which("chromium-browser")
if not browser:
    print("SKIPPED: Chromium is not installed (Debian package chromium)")
    sys.exit(77)


def png_pixels(path):
    """(width, height, rows of bytes, bytes per pixel) of an 8-bit
    non-interlaced PNG (what Chromium writes), with the filters undone."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = ihdr
    assert depth == 8 and interlace == 0 and ctype in (2, 6), "unexpected PNG format"
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
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
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, rows, bpp


work = tempfile.mkdtemp(prefix="pisar-html.")
try:
    page = os.path.join(work, "review.html")
    inputs = sorted(glob.glob(os.path.join(fixtures, "prep", "*.txt")))
    r = subprocess.run([pisar, "prep"] + inputs + ["-o", os.path.join(work, "out") + "/",
                                                   "--html", page], capture_output=True)
    if r.returncode != 0:
        print("pisar prep failed:", r.stderr.decode("utf-8", "replace"))
        sys.exit(1)
    html = open(page, encoding="utf-8").read()
    # self-contained: no script, nothing fetched (no src=, no url(), no
    # <link>, no @import)
    for bad in (r"<script", r"\bsrc\s*=", r"url\(", r"<link", r"@import", r"<iframe"):
        if re.search(bad, html, re.I):
            print("the page must load nothing and run no script, but has", bad)
            sys.exit(1)
    for want in ("d1.p2.s1", "Yuri Ushakov", "gazetteer:yuri-ushakov", "utf-8 read as windows-1251",
                 "koi8-r", "Names across all articles"):
        if want not in html:
            print("the page lacks", want)
            sys.exit(1)
    shot = os.path.join(work, "shot.png")
    profile = tempfile.mkdtemp(prefix="chromium.", dir=work)
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,1800",
           "--screenshot=" + shot, "file://" + page]
    r = subprocess.run(cmd, capture_output=True, timeout=120, env=dict(os.environ, HOME=work))
    if not os.path.exists(shot):
        print("no screenshot:", r.stderr.decode("utf-8", "replace")[-2000:])
        sys.exit(1)
    w, h, rows, bpp = png_pixels(shot)
    colours = set()
    busy = 0
    for y in range(0, h, 2):
        row = rows[y]
        px = {row[i:i + 3] for i in range(0, len(row), bpp * 2)}
        colours |= px
        busy += len(px) > 1
    frac = busy / ((h + 1) // 2)
    print("screenshot %dx%d: %d distinct colours, %.0f %% of rows not of one colour"
          % (w, h, len(colours), 100 * frac))
    if len(colours) < 64 or frac < 0.5:
        print("the screenshot looks blank")
        sys.exit(1)
    keep = os.environ.get("PISAR_KEEP_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)
    sys.exit(0)
finally:
    shutil.rmtree(work, ignore_errors=True)
