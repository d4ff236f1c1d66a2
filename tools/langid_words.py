#!/usr/bin/env python3
"""langid_words.py CORPORA TABLES -- the frequent-word tables of language
identification, tables/langid/words/<lang>.txt, counted on the training texts
of the letter-pair models (CORPORA: the output of tools/fetch-corpora.sh,
<lang>/train.txt; the held-out parts are not read). TABLES is tables/charset
(each model's alphabet: a word counts only if all its letters are in it).

A word is a run of letters (and apostrophes inside), lower-cased. Kept: the
most frequent words (at most TOP, seen at least twice). Words of another
language that man pages leave untranslated (English option descriptions in
the German pages) are dropped from every table but English's when English
text has them more than twice as often (English is counted on its UDHR and on
a sample of the English man pages as well, see english_man_pages; Serbian
Latin on its UDHR and the Serbian Cyrillic training text transliterated). Same inputs -> same tables.

LANGID_ONLY=LANG,...: rewrite only those tables (the others are kept as
committed).

LANGID_EXTRA=DIR (tools/langid_catalogs.py DIR): software messages of
LibreOffice's language packs for bg, mk, hr, sr and sr-Latn (Serbian Latin also
gets Serbian's transliterated), counted with the training texts: those
languages' letter-pair training text is the UDHR alone, and a table of its
words knows nothing of the language of messages and notices.
LANGID_EXTRA_MIN=N: the messages weigh as N words at least (default: as much
as the training texts). The seventh round rewrote bg and mk with 20000
(their UDHR: 2,247 and 4,925 words, which left 430 and 639 words above a
count of two): LANGID_EXTRA_MIN=20000 LANGID_ONLY=bg,mk LANGID_EXTRA=DIR.
"""
import collections, os, re, sys

corp, charset = sys.argv[1:3]
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tables', 'langid', 'words')
TOP = 300
TOP_EXTRA = int(os.environ.get('LANGID_TOP', '1000'))  # words kept where LANGID_EXTRA adds messages
totals_own = {}
EXTRA_MIN = int(os.environ.get('LANGID_EXTRA_MIN', '0'))  # tokens the messages weigh at least
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


PIECES = os.environ.get('LANGID_PIECES', '1') != '0'  # seventh round


def words_of(line):
    """The words of a line; a letter alone before a hyphen or in
    parentheses after a letter is a piece of another word (е-пошта,
    ДАТОТЕКУ(е)), not a word: counted, it put the copula е of Bulgarian and
    Macedonian among Serbian's commonest words."""
    for m in WORD.finditer(line):
        w = m.group()
        if PIECES and len(w) == 1 and (line[m.end():m.end() + 1] == '-' or (
                line[m.start() - 1:m.start()] == '(' and m.start() >= 2 and line[m.start() - 2].isalpha())):
            continue
        yield w


def alphabet(lang):
    for l in open(os.path.join(charset, lang + '.txt'), encoding='utf-8'):
        if l.startswith('lower '):
            return set(l.split(' ', 1)[1].strip())
    return set()


def sources(lang):
    # the first comment lines of the model name its training texts (the
    # texts/<lang>.txt they name are counted here too)
    src = []
    for l in open(os.path.join(charset, lang + '.txt'), encoding='utf-8'):
        if l.startswith('#   '):
            src.append(l[4:].rstrip())
        elif src:
            break
    return src


def english_man_pages():
    """English man pages (every 20th from the 10th, in C order of the path: not
    the pages bench/langid/build_sets.py cuts its texts from), groff markup
    dropped: the English UDHR alone is too small to know English from the
    English words that translated man pages leave untranslated."""
    import glob, gzip
    # (the thousands of pages of one cloud tool's commands left out: they
    # would make its jargon English's most frequent words)
    fs = [f for f in sorted(glob.glob(os.path.join(MAN, 'man[1-8]', '*.gz')))[10::20]
          if not os.path.basename(f).startswith('gcloud')]
    for f in fs:
        try:
            raw = gzip.open(f).read().decode('utf-8')
        except (OSError, UnicodeDecodeError, EOFError):
            continue
        for l in raw.split('\n'):
            if not l.startswith('.') and not l.startswith("'"):
                yield re.sub(r'\\(f(\(..|\[[^]]*\]|.)|\(..|\*(\[[^]]*\]|\(..|.)|.)', ' ', l)


SR_LAT = dict(zip('абвгдђежзијклљмнњопрстћуфхцчџш',
                  ['a', 'b', 'v', 'g', 'd', 'đ', 'e', 'ž', 'z', 'i', 'j', 'k', 'l', 'lj', 'm',
                   'n', 'nj', 'o', 'p', 'r', 's', 't', 'ć', 'u', 'f', 'h', 'c', 'č', 'dž', 'š']))


def sr_latin(s):
    """Serbian Cyrillic in the Latin alphabet (lower case: one letter for one)."""
    return ''.join(SR_LAT.get(c, c) for c in s)


MAN = os.environ.get('MAN_ROOT', '/usr/share/man')
EXTRA = os.environ.get('LANGID_EXTRA')
counts, totals, extras = {}, {}, {}
langs = sorted(d for d in os.listdir(corp) if os.path.exists(os.path.join(charset, d + '.txt')))
# LANGID_ONLY=fr,hr: rewrite only these tables (English is counted all the
# same: the other tables' words are checked against it)
ONLY = [x for x in os.environ.get('LANGID_ONLY', '').split(',') if x]
for lang in langs:
    if ONLY and lang not in ONLY and lang != 'en':
        continue
    a = alphabet(lang)
    c = collections.Counter()
    tot = 0
    text = open(os.path.join(corp, lang, 'train.txt'), encoding='utf-8').read().split('\n')
    own = os.path.join(charset, 'texts', lang + '.txt')
    if os.path.exists(own):
        # the sentences written for pisar that the model was trained on too
        text += open(own, encoding='utf-8').read().split('\n')
    if lang == 'en':
        text += list(english_man_pages())
    if lang == 'sr-Latn' and not EXTRA:
        # the Serbian Cyrillic training text, transliterated: Serbian Latin's
        # own training text (its UDHR) is too small to know it from Czech
        # (with LANGID_EXTRA, LibreOffice's Serbian messages do that instead,
        # as they do for Croatian, so that the two tables are alike in kind)
        text += [sr_latin(l.lower()) for l in
                 open(os.path.join(corp, 'sr', 'train.txt'), encoding='utf-8').read().split('\n')]
    extra = []
    if EXTRA and os.path.exists(os.path.join(EXTRA, lang + '.txt')):
        extra = open(os.path.join(EXTRA, lang + '.txt'), encoding='utf-8').read().split('\n')
        if lang == 'sr-Latn':
            extra += [sr_latin(l.lower()) for l in
                      open(os.path.join(EXTRA, 'sr.txt'), encoding='utf-8').read().split('\n')]
        extras[lang] = True
    for line in text:
        for w in words_of(line.lower()):
            tot += 1
            if all(ch in a or ch in "'’" for ch in w):
                c[w.replace('’', "'")] += 1
    if extra:
        # the messages weigh as much as the training texts together, so that
        # the words of prose (the UDHR's) keep their place beside theirs
        ce, te = collections.Counter(), 0
        for line in extra:
            for w in words_of(line.lower()):
                te += 1
                if all(ch in a or ch in "'’" for ch in w):
                    ce[w.replace('’', "'")] += 1
        # (at least EXTRA_MIN tokens' worth: where the training text is the
        # UDHR alone (bg: 4,494 words) its size would leave the messages
        # few words above the count of two)
        scaled = max(tot, EXTRA_MIN)
        totals_own[lang] = tot
        for w, n in ce.items():
            c[w] += round(n * scaled / te)
        tot += scaled
    counts[lang], totals[lang] = c, tot

en = counts.get('en', collections.Counter())
os.makedirs(out, exist_ok=True)
for lang in langs:
    if ONLY and lang not in ONLY:
        continue
    c, tot = counts[lang], totals[lang]
    keep = []
    for w, n in c.most_common():
        if n < 2 or len(keep) >= (TOP_EXTRA if extras.get(lang) else TOP):
            break
        if lang != 'en' and en[w] / totals['en'] > 2 * n / tot:
            continue
        keep.append((w, n))
    fw = os.path.join(out, '..', 'function', lang + '.txt')
    added = 0
    if os.path.exists(fw):
        # function words listed by hand (tables/langid/function/<lang>.txt)
        # where the training text is too small to count them all
        have = {w for w, n in keep}
        for l in open(fw, encoding='utf-8'):
            w = l.strip()
            if w and not w.startswith('#') and w not in have:
                keep.append((w, max(2, round(0.003 * tot))))
                have.add(w)
                added += 1
    with open(os.path.join(out, lang + '.txt'), 'w', encoding='utf-8') as f:
        f.write(f'# pisar language identification: the {len(keep)} most frequent words of {lang}\n')
        f.write('# Written by tools/langid_words.py; do not edit by hand. Counted on the\n')
        f.write('# training texts of the letter-pair model (tables/charset/SOURCES.md has the\n')
        f.write('# licenses; held-out parts not read):\n')
        for s in sources(lang):
            f.write(f'#   {s}\n')
        if extras.get(lang):
            f.write('#   LibreOffice 7.4.7 language pack messages (Debian libreoffice-l10n-*,\n'
                    '#   MPL-2.0), tools/langid_catalogs.py\n')
            if EXTRA_MIN > totals_own[lang]:
                f.write(f'#   (weighed as {EXTRA_MIN} words: LANGID_EXTRA_MIN={EXTRA_MIN})\n')
        if added:
            f.write(f'# and {added} function words of tables/langid/function/{lang}.txt at 0.3 %\n')
        f.write('# Format: "tokens N" (words counted), then WORD<TAB>COUNT.\n')
        f.write(f'language {lang}\ntokens {tot}\n')
        for w, n in keep:
            f.write(f'{w}\t{n}\n')
    print(lang, tot, len(keep))
