#!/usr/bin/env python3
"""build.py [FORTUNE_DIR] > heldout7.tsv -- the seventh round's held-out set of
the language-of-short-texts bench (read by ../run.py like dev.tsv), fixed
before the round's tuning.

Two parts, 16-160 characters each (short 16-48, long 49-160):
  written   written/<lang>.txt: headlines, news sentences, subtitle and chat
            lines in the 13 languages, written for this set (by the langid7
            session, before its tuning; not tuned on). Public domain (CC0).
  fortunes  cookies of Debian's fortune packages (1:1.99.1-7.3 fortunes: en;
            fortunes-ru 1.52, fortunes-bg 1.4, fortunes-cs 2.0.9 (its Czech
            files, not klasik-sk), fortunes-de 0.35, fortunes-pl 0.0.20130525):
            quotations, proverbs, jokes and chat quotes, read from FORTUNE_DIR
            (default /usr/share/games/fortunes). Licenses: fortunes BSD (its
            copyright file), the others GPL-2+ (their copyright files). Whole
            cookies only (attribution lines dropped, lines joined), 40 short +
            40 long a language, seed 7, files in C order.
The output is committed (bench/langid/heldout7.tsv), so the set does not
depend on what is installed; this script is how it was made.
"""
import glob, os, random, re, sys

here = os.path.dirname(os.path.abspath(__file__))
FD = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/games/fortunes'
CYR = {'ru', 'uk', 'be', 'bg', 'mk', 'sr'}
SKIP = {'art', 'ascii-art', 'translate-me', 'asciiart', 'klasik-sk', 'off'}
PER = 40


def band(s):
    return 'short' if len(s) <= 48 else 'long'


def ok(s, lang):
    if not 16 <= len(s) <= 160 or sum(c.isalpha() for c in s) < 10:
        return False
    if re.search(r'[/\\=_{}|@#$~`*^]|https?:|\.\w+\(|::', s):
        return False
    letters = [c for c in s if c.isalpha()]
    cyr = sum('\u0400' <= c <= '\u04ff' for c in letters)
    if (lang in CYR) != (cyr * 2 > len(letters)):
        return False
    if lang != 'en' and untranslated(s):
        return False
    return sum(c.isalpha() or c in ' .,;:!?\'"-()«»„“”–—' for c in s) >= 0.9 * len(s)


EN = set('the a an of to is in this that be with for and or not can will are if by it on as '
         'from when which you your use used i no yes do what'.split())


def untranslated(s):
    """English in another language's file (no letter beyond ASCII, 40 % of
    the words among these commonest English ones)."""
    if any(ord(c) > 127 and c.isalpha() for c in s):
        return False
    w = re.findall(r"[A-Za-z']+", s.lower())
    return len(w) >= 2 and sum(x in EN for x in w) * 5 >= len(w) * 2


def cookies(path):
    try:
        t = open(path, encoding='utf-8').read()
    except (UnicodeDecodeError, OSError):
        return []
    o = []
    for c in re.split(r'(?m)^%\s*$', t):
        ls = [l for l in c.split('\n') if l.strip() and not re.match(r'\s*(--|—)', l)]
        s = re.sub(r'\s+', ' ', ' '.join(ls)).strip()
        if s:
            o.append(s)
    return o


rows = []
for lang in sorted(os.listdir(os.path.join(here, 'written'))):
    lang = lang[:-4]
    for s in open(os.path.join(here, 'written', lang + '.txt'), encoding='utf-8'):
        s = s.strip()
        if 16 <= len(s) <= 160:
            rows.append((lang, band(s), 'written', s))
for lang, sub in (('en', ''), ('ru', 'ru'), ('bg', 'bg'), ('cs', 'cs'), ('de', 'de'), ('pl', 'pl')):
    d = os.path.join(FD, sub)
    fs = sorted(f for f in glob.glob(os.path.join(d, '*'))
                if os.path.isfile(f) and '.' not in os.path.basename(f) and os.path.basename(f) not in SKIP)
    pool = [(os.path.basename(f), s) for f in fs for s in cookies(f) if ok(s, lang)]
    rng = random.Random(7)
    rng.shuffle(pool)
    got = {'short': 0, 'long': 0}
    seen = set()
    pkg = 'fortunes' if lang == 'en' else 'fortunes-' + lang
    for f, s in pool:
        b = band(s)
        if got[b] < PER and s not in seen:
            seen.add(s)
            got[b] += 1
            rows.append((lang, b, '%s:%s' % (pkg, f), s))
sys.stdout.write('lang\tband\tsource\ttext\n')
for r in rows:
    sys.stdout.write('\t'.join(r) + '\n')
