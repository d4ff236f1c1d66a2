#!/usr/bin/env python3
"""varied_ru.py -- OUT.txt of SIZE MB of varied Russian text in windows-1251.

    python3 bench/detect/varied_ru.py OUT [SIZE_MB]

Many different documents concatenated, never one text repeated (a line that
was seen is skipped): the HTML pages of Debian's gimp-help-ru (GIMP manual,
GFDL), developers-reference-ru and debian-faq-ru (Debian documentation, GPL /
MIT-like), aptitude-doc-ru, the Russian man pages (manpages-ru, GPL-3+ and
others), the Russian message catalogs of installed packages
(/usr/share/locale/ru/LC_MESSAGES, each package's license) and fortunes-ru;
tags and groff requests stripped, only lines with a Cyrillic letter kept.
Characters windows-1251 lacks are dropped from their line. Debian holds
about 7.6 MB of distinct Russian lines this way; a larger SIZE is filled with
the same lines again, each round shuffled anew (so no document repeats as a
block, but each line does: say so beside any figure).
"""
import glob
import gzip
import html
import os
import random
import re
import subprocess
import sys

out, size = sys.argv[1], int(float(sys.argv[2] if len(sys.argv) > 2 else 50) * 1e6)
CYR = re.compile('[А-Яа-яЁё]')
CTRL = re.compile('[\x00-\x08\x0b-\x1f\x7f]')
seen = set()
total = 0


def files():
    for pat in ('/usr/share/gimp/2.0/help/ru/**/*.html', '/usr/share/libreoffice/help/ru/**/*.html',
                '/usr/share/libreoffice/help/ru/**/*.xhp', '/usr/share/developers-reference/ru/**/*.html',
                '/usr/share/doc/debian-faq/**/*.ru.html', '/usr/share/doc/aptitude/html/ru/**/*.html',
                '/usr/share/doc/debian-faq/**/*ru*.html'):
        for f in sorted(glob.glob(pat, recursive=True)):
            yield 'html', f
    for f in sorted(glob.glob('/usr/share/man/ru/**/*.gz', recursive=True)):
        yield 'man', f
    for f in sorted(glob.glob('/usr/share/locale/ru/LC_MESSAGES/*.mo')):
        yield 'mo', f
    for f in sorted(glob.glob('/usr/share/games/fortunes/ru/*')):
        if f.endswith('.u8'):  # the UTF-8 copies (the others are KOI8-R)
            yield 'text', f


def lines(kind, f):
    try:
        if kind == 'html':
            t = open(f, encoding='utf-8', errors='replace').read()
            t = re.sub(r'(?s)<(script|style)\b.*?</\1>', ' ', t)
            t = html.unescape(re.sub(r'<[^>]*>', ' ', t))
        elif kind == 'man':
            t = gzip.open(f).read().decode('utf-8', 'replace')
            t = '\n'.join(l for l in t.split('\n') if not l.startswith(('.', "'")))
            t = re.sub(r'\\f.|\\\(..|\\.', '', t)
        elif kind == 'mo':
            t = subprocess.run(['msgunfmt', f], capture_output=True).stdout.decode('utf-8', 'replace')
            t = '\n'.join(m.replace('\\n', '\n') for m in re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', t, re.M))
        else:
            t = open(f, encoding='utf-8', errors='replace').read()
    except OSError:
        return []
    return t.split('\n')


distinct = []
with open(out, 'wb') as o:
    for kind, f in files():
        for l in lines(kind, f):
            l = ' '.join(l.split())
            if len(l) < 20 or not CYR.search(l) or l in seen or CTRL.search(l):
                continue
            seen.add(l)
            b = l.encode('cp1251', 'ignore') + b'\n'
            distinct.append(b)
            o.write(b)
            total += len(b)
            if total >= size:
                break
        if total >= size:
            break
    # Debian holds less distinct Russian than SIZE: the distinct lines again,
    # each round in a new random order (never one text repeated as a block)
    r = random.Random(1)
    rounds = 0
    while total < size and distinct:
        rounds += 1
        r.shuffle(distinct)
        for b in distinct:
            o.write(b)
            total += len(b)
            if total >= size:
                break
print(f'{out}: {total / 1e6:.1f} MB, {len(seen)} distinct lines'
      f'{f", then {rounds} reshuffled rounds of them" if rounds else ""}', file=sys.stderr)
