#!/usr/bin/env python3
"""build.py [TEMPLATES_DAT] > ../heldout8.tsv -- the eighth round's held-out
set of the language-of-short-texts bench (read by ../run.py like dev.tsv),
fixed and committed before the round's tuning (branch langid8).

Two parts, 16-160 characters each (short 16-48, long 49-160):
  written   written/<lang>.txt: shop reviews, classified ads, forum and
            chat questions, recipes, local news lines, written for this set
            by the langid8 session before its tuning (not tuned on); many
            are the same message in several languages (mk/bg/sr/hr and
            ru/uk/be and en/de/fr/pl/cs), which tests what tells them apart.
            Public domain (CC0).
  debconf   the translated debconf templates of the Debian packages
            installed on the machine that built the set (po-debconf
            translations, read from /var/cache/debconf/templates.dat:
            Description-<lang> titles and the sentences of
            Extended_description-<lang>); no earlier set read debconf.
            Licenses: each package's own (/usr/share/doc/<pkg>/copyright),
            free; the source column names the template.
At most PER texts of each band a language from debconf, seed 8.
The output is committed (bench/langid/heldout8.tsv), so the set does not
depend on what is installed; this script is how it was made.
"""
import os, random, re, sys

here = os.path.dirname(os.path.abspath(__file__))
TD = sys.argv[1] if len(sys.argv) > 1 else '/var/cache/debconf/templates.dat'
CYR = {'ru', 'uk', 'be', 'bg', 'mk', 'sr'}
LANGS = {'ru': 'ru', 'uk': 'uk', 'be': 'be', 'bg': 'bg', 'mk': 'mk', 'sr': 'sr',
         'sr@latin': 'sr-Latn', 'hr': 'hr', 'en': 'en', 'de': 'de', 'fr': 'fr',
         'pl': 'pl', 'cs': 'cs'}
PER = 15


def band(s):
    return 'short' if len(s) <= 48 else 'long'


def ok(s, lang):
    if not 16 <= len(s) <= 160 or sum(c.isalpha() for c in s) < 10:
        return False
    if re.search(r'[/\\=_{}|@#$~`*^<>\[\]]|https?:|\.\w+\(|::', s):
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
    if any(ord(c) > 127 and c.isalpha() for c in s):
        return False
    w = re.findall(r"[A-Za-z']+", s.lower())
    return len(w) >= 2 and sum(x in EN for x in w) * 5 >= len(w) * 2


def sentences(t):
    t = t.replace('\\n', ' ')
    t = re.sub(r'\s+', ' ', t).strip()
    return [x.strip() for x in re.split(r'(?<=[.!?])\s+(?=[^\W\d_])', t) if x.strip()]


rows = []
for fn in sorted(os.listdir(os.path.join(here, 'written'))):
    lang = fn[:-4]
    for s in open(os.path.join(here, 'written', fn), encoding='utf-8'):
        s = s.strip()
        if 16 <= len(s) <= 160:
            rows.append((lang, band(s), 'written', s))

pool = {l: [] for l in LANGS.values()}
name = None
for line in open(TD, encoding='utf-8', errors='replace'):
    line = line.rstrip('\n')
    if line.startswith('Name: '):
        name = line[6:]
        continue
    m = re.match(r'(Description|Extended_description)(?:-([A-Za-z_@]+)(?:\.[Uu][Tt][Ff]-?8)?)?: (.*)', line)
    if not m or name is None:
        continue
    field, code, text = m.groups()
    code = (code or 'en').lower()
    lang = LANGS.get(code)
    if lang is None:
        continue
    for s in ([text.strip()] if field == 'Description' else sentences(text)):
        if ok(s, lang):
            pool[lang].append((name, s))
for lang in sorted(pool):
    rng = random.Random(8)
    items = sorted(set(pool[lang]))
    rng.shuffle(items)
    got = {'short': 0, 'long': 0}
    seen = set()
    for nm, s in items:
        b = band(s)
        if got[b] < PER and s not in seen:
            seen.add(s)
            got[b] += 1
            rows.append((lang, b, 'debconf:' + nm, s))
sys.stdout.write('lang\tband\tsource\ttext\n')
for r in rows:
    sys.stdout.write('\t'.join(r) + '\n')
