#!/usr/bin/env python3
"""realfiles.py -- pick real legacy-encoded text files out of unpacked Debian
packages, with the truth of each file's encoding and how it is known.

    python3 bench/detect/realfiles.py UNPACKED OUT [--show]

UNPACKED holds one folder per package, named PACKAGE_VERSION_ARCH (as
`dpkg-deb -x` of an `apt-get download`ed .deb is laid out by realfiles.sh).
OUT receives files/<lang>/<encoding>/<n>-<name> (the first 64 KB of each
file, cut at a line end; .gz files are read uncompressed) and manifest.tsv,
dev.tsv, heldout.tsv in the shape bench/score/detect_score.py reads, with the
columns package, version, license, sha256, how, path and split added.

A file is kept when it has at least MIN_NONASCII bytes >= 0x80 and its
encoding is known by one of (the `how` column, strongest first):
  bom          a byte-order mark;
  utf8-valid   it is valid UTF-8 (at most UTF8_PER_PACKAGE a package);
  decl:<kind>  a declaration inside the file: hunspell .aff `SET`, aspell
               .dat `charset`, MySpell thesaurus / hyphenation first line,
               vim `scriptencoding`, LaTeX inputenc option, HTML/XML charset,
               Emacs/Python `coding:`, Free Pascal `{$codepage}`, a comment
               naming the encoding, a Linux keymap's `charset` line;
  name         the file name says it (tutor.ru.cp1251, menu_uk_ua.koi8-u.vim,
               README.ru.koi8-r, serbian_iso-8859-5.vim);
  pkg-decl     the package's dictionaries-common entry (`Coding-System:`)
               or aspell language file (`charset`) names it for the
               package's dictionary files;
  path         a folder of the path names it (gost/examples/cp1251/,
               lhcyrkoi/, lhcyralt/ = the "alternative" code page, CP866);
  vim-tutor    vim's tutor.vim picks `tutor.ru` for a koi8 'encoding',
               `tutor.hu`/`tutor.hr` for iso-8859-2; the other tutors
               without a suffix are in vim's 8-bit default for the
               language (Latin-1 for Western, Latin-2 for cs/sk/pl);
  by-eye       a rule below (BY_EYE), written after reading a sample of the
               files it covers decoded under the rule's encoding;
  lexicon      no declaration, but one reading (of all code pages pisar
               knows, readings that give the same text counted as one) makes
               at least 10 and at least half of the file's words with
               non-ASCII letters words of a Debian word list of the language
               (hunspell-*/myspell-* .dic, w* /usr/share/dict lists, in the
               packages realfiles.sh unpacks; see lex_score), and at least
               3 (and 5 %) more of them than the next best reading.
A declared encoding is checked by the same word lists: when another reading
wins as above and makes 15 % more words than the declared one, the
declaration is taken as wrong and the file left out.
The declared encoding must then decode the file strictly, without C1
control characters (U+0080-U+009F) and without U+FFFD; a file that fails is
left out and listed in OUT/rejected.tsv, so a wrong declaration costs a file,
not a wrong truth. Encodings pisar does not claim (Greek, Hebrew, CJK,
Armenian) are left out.

Split: by package, before any answer is looked at: a package whose name's
SHA-256 (hex) read as a number is 0 mod 3 is held out, the others are dev.
TeX Live's collections bundle many CTAN packages by different authors: for
them the unit is the CTAN package (unit()), else the held-out part would be
nearly all vim (the first split by Debian package alone put all of
texlive-lang-cyrillic, -polish and fpc-source in dev: 31 legacy files held
out; changed before any detector was run on the files).
At most PER_DIR files are kept from one folder of one package (the first by
SHA-256 of their path), so a package with hundreds of alike files does not
make the set.
"""
import codecs
import gzip
import hashlib
import os
import re
import sys

CAP = 65536
MIN_NONASCII = 4
PER_DIR = 6
UTF8_PER_PACKAGE = 2

# declared name -> the manifest's name (WHATWG/IANA, as pisar answers)
NAMES = {
    'koi8-r': 'koi8-r', 'koi8r': 'koi8-r', 'koi8': 'koi8-r', 'koi8-u': 'koi8-u', 'koi8u': 'koi8-u',
    'cp1251': 'windows-1251', 'windows-1251': 'windows-1251', 'microsoft-cp1251': 'windows-1251',
    '1251': 'windows-1251', 'win1251': 'windows-1251',
    'iso8859-5': 'iso-8859-5', 'iso-8859-5': 'iso-8859-5', 'iso_8859-5': 'iso-8859-5', 'iso88595': 'iso-8859-5',
    'cp866': 'ibm866', 'ibm866': 'ibm866', 'cp855': 'ibm855', 'cp1125': 'cp1125',
    'maccyr': 'x-mac-cyrillic', 'mac-cyrillic': 'x-mac-cyrillic', 'x-mac-cyrillic': 'x-mac-cyrillic',
    'latin1': 'iso-8859-1', 'iso8859-1': 'iso-8859-1', 'iso-8859-1': 'iso-8859-1', 'iso_8859-1': 'iso-8859-1',
    'iso88591': 'iso-8859-1', 'isolatin1': 'iso-8859-1', 'iso-latin-1': 'iso-8859-1', 'l1': 'iso-8859-1',
    'latin2': 'iso-8859-2', 'iso8859-2': 'iso-8859-2', 'iso-8859-2': 'iso-8859-2', 'iso_8859-2': 'iso-8859-2',
    'il2': 'iso-8859-2', 'iso-latin-2': 'iso-8859-2', 'iso88592': 'iso-8859-2',
    'latin3': 'iso-8859-3', 'iso8859-3': 'iso-8859-3', 'iso-8859-3': 'iso-8859-3', 'iso-latin-3': 'iso-8859-3',
    'iso3': 'iso-8859-3',
    'latin4': 'iso-8859-4', 'iso8859-4': 'iso-8859-4', 'iso-8859-4': 'iso-8859-4',
    'latin5': 'iso-8859-9', 'iso8859-9': 'iso-8859-9', 'iso-8859-9': 'iso-8859-9', 'iso_8859-9': 'iso-8859-9',
    'iso9': 'iso-8859-9',
    'latin6': 'iso-8859-10', 'iso8859-10': 'iso-8859-10', 'iso-8859-10': 'iso-8859-10',
    'latin7': 'iso-8859-13', 'iso8859-13': 'iso-8859-13', 'iso-8859-13': 'iso-8859-13',
    'latin8': 'iso-8859-14', 'iso8859-14': 'iso-8859-14', 'iso-8859-14': 'iso-8859-14',
    'latin9': 'iso-8859-15', 'latin0': 'iso-8859-15', 'iso8859-15': 'iso-8859-15', 'iso-8859-15': 'iso-8859-15',
    'latin10': 'iso-8859-16', 'iso8859-16': 'iso-8859-16', 'iso-8859-16': 'iso-8859-16',
    'cp1250': 'windows-1250', 'windows-1250': 'windows-1250', '1250': 'windows-1250',
    'cp1252': 'windows-1252', 'windows-1252': 'windows-1252', 'ansinew': 'windows-1252',
    'cp1254': 'windows-1254', 'windows-1254': 'windows-1254',
    'cp1257': 'windows-1257', 'windows-1257': 'windows-1257',
    'cp437': 'ibm437', 'ibm437': 'ibm437', 'cp850': 'ibm850', 'ibm850': 'ibm850',
    'cp852': 'ibm852', 'ibm852': 'ibm852', 'cp775': 'ibm775',
    'applemac': 'macintosh', 'macintosh': 'macintosh', 'mac-roman': 'macintosh', 'macroman': 'macintosh',
    'maccentraleurope': 'x-mac-ce', 'macce': 'x-mac-ce',
    'utf-8': 'utf-8', 'utf8': 'utf-8',
}
PY = {'x-mac-cyrillic': 'mac_cyrillic', 'x-mac-ce': 'mac_latin2', 'macintosh': 'mac_roman'}
DOS_MAC = {'ibm437', 'ibm850', 'ibm852', 'ibm775', 'ibm866', 'ibm855', 'cp1125', 'macintosh',
           'x-mac-ce', 'x-mac-cyrillic'}

# Rules written after reading a sample decoded under the rule's encoding
# (package name, path regex, encoding, language).
BY_EYE = [
    # Apple's interface headers, translated to Pascal: MacRoman (™ © • “ ” … in comments)
    ('fpc-source-3.2.2', r'/packages/univint/src/', 'macintosh', 'en'),
    # OS/2 keyboard API: DOS box-drawing tables and the author's name Klämpfl (ä = 0x84)
    ('fpc-source-3.2.2', r'/rtl/os2/kbdcalls\.pas$', 'ibm437', 'en'),
]

SKIP_EXT = ('.pbm', '.png', '.gif', '.jpg', '.xpm', '.mo', '.cwl', '.cwl.gz', '.rws', '.hash',
            '.acm', '.acm.gz', '.sfm', '.sfm.gz', '.psf', '.psf.gz', '.pdf', '.dvi', '.ps.gz',
            '.eps', '.tfm', '.pfb', '.vf', '.afm', '.idx')

PKG_LANG = {
    'irussian': 'ru', 'ibulgarian': 'bg', 'iczech': 'cs', 'ipolish': 'pl', 'ihungarian': 'hu',
    'ingerman': 'de', 'ifrench-gut': 'fr', 'iitalian': 'it', 'ispanish': 'es', 'idanish': 'da',
    'idutch': 'nl', 'iswedish': 'sv', 'inorwegian': 'no', 'icatalan': 'ca', 'iesperanto': 'eo',
    'iirish': 'ga', 'igaelic': 'gd', 'wbulgarian': 'bg', 'wpolish': 'pl', 'wfrench': 'fr',
    'wngerman': 'de', 'witalian': 'it', 'wspanish': 'es', 'wportuguese': 'pt', 'wdanish': 'da',
    'wswedish': 'sv', 'wnorwegian': 'no', 'wfaroese': 'fo', 'wcatalan': 'ca', 'wgalician-minimos': 'gl',
    'wukrainian': 'uk', 'wmanx': 'gv', 'wirish': 'ga', 'wbritish': 'en', 'hyphen-ru': 'ru',
    'texlive-lang-polish': 'pl', 'texlive-lang-czechslovak': 'cs', 'texlive-lang-cyrillic': 'ru',
    'fpc-source-3.2.2': 'en', 'mc-data': 'en', 'console-data': 'en', 'emacs-common': 'en',
    'libpython3.11-testsuite': 'en', 'fortunes-eo-iso3': 'eo', 'vim-runtime': 'en',
    # the second held-out part (packages2.txt)
    'iestonian': 'et', 'ilithuanian': 'lt', 'ibrazilian': 'pt', 'iportuguese': 'pt', 'ifaroese': 'fo',
    'wbrazilian': 'pt', 'wogerman': 'de', 'wswiss': 'de', 'wdutch': 'nl', 'verbiste': 'fr',
    'texlive-lang-german': 'de', 'texlive-lang-italian': 'it', 'texlive-lang-spanish': 'es',
    'texlive-lang-portuguese': 'pt', 'aspell-hsb': 'hsb',
    # the third held-out part (packages-real3.txt)
    'iogerman': 'de', 'iswiss': 'de', 'itagalog': 'tl', 'ifrench': 'fr', 'ding': 'de', 'trans-de-en': 'de',
    'dict-de-en': 'de', 'festival-czech': 'cs', 'festvox-czech-ph': 'cs', 'festvox-itapc16k': 'it',
    'libtext-german-perl': 'de', 'fortunes-debian-hints': 'en',
}
VIM_LANG = {'czech': 'cs', 'polish': 'pl', 'slovak': 'sk', 'serbian': 'sr', 'croatian': 'hr',
            'canfr': 'fr', 'russian': 'ru', 'ukrainian': 'uk', 'bulgarian': 'bg'}


def language(pkg, path, enc):
    base = os.path.basename(path)
    if pkg == 'vim-runtime':
        m = re.match(r'tutor\.([a-z]{2})\b', base) or re.match(r'menu_([a-z]{2})_', base)
        if m:
            return m.group(1)
        m = re.match(r'(?:menu_)?([a-z]+)', base)
        if m and m.group(1) in VIM_LANG:
            lang = VIM_LANG[m.group(1)]
            return 'hr' if lang == 'sr' and enc in ('windows-1250', 'iso-8859-2') else lang
        return 'en'
    if pkg == 'texlive-lang-cyrillic':
        for key, lang in (('-bg', 'bg'), ('mongol', 'mn'), ('ukr', 'uk'), ('serbian', 'sr')):
            if key in path:
                return lang
        return 'ru'
    if pkg == 'texlive-lang-european':
        return 'fi' if 'finnish' in path else 'und'
    if pkg == 'fpc-source-3.2.2':
        m = re.search(r'dbf_str_([a-z]{2})\.pas$', path)
        if m:
            return m.group(1)
    if pkg == 'libpython3.11-testsuite' and 'koi8' in path:
        return 'ru'
    m = re.match(r'(?:aspell|hunspell|myspell|mythes|hyphen|fortunes)-([a-z]{2})', pkg)
    if m:
        return m.group(1)
    return PKG_LANG.get(pkg, 'und')


def norm(name):
    n = name.strip().strip('"\'').lower().replace('_', '-')
    if n in NAMES:
        return NAMES[n]
    n2 = n.replace('-', '')
    for k, v in NAMES.items():
        if k.replace('-', '') == n2:
            return v
    return None


DECLS = [
    ('aff-SET', re.compile(rb'^SET[ \t]+([A-Za-z0-9_-]+)', re.M)),
    ('aspell-charset', re.compile(rb'^charset[ \t]+([A-Za-z0-9_-]+)', re.M)),
    ('vim-scriptencoding', re.compile(rb'^\s*scriptencoding[ \t]+([A-Za-z0-9_-]+)', re.M)),
    ('vim-fenc', re.compile(rb'(?:fenc|fileencoding)=([A-Za-z0-9_-]+)')),
    ('inputenc', re.compile(rb'\\usepackage\[([A-Za-z0-9_,-]+)\]\{inputenc\}')),
    ('inputencoding', re.compile(rb'\\inputencoding\{([A-Za-z0-9_-]+)\}')),
    ('xml', re.compile(rb'<\?xml[^>]*encoding=["\']([A-Za-z0-9_-]+)')),
    ('html-meta', re.compile(rb'<meta[^>]*charset=["\']?([A-Za-z0-9_-]+)', re.I)),
    ('coding-cookie', re.compile(rb'-\*-.*coding:[ \t]*([A-Za-z0-9_-]+)')),
    ('coding-cookie', re.compile(rb'^#.*coding[:=][ \t]*([A-Za-z0-9_-]+)', re.M)),
    ('fpc-codepage', re.compile(rb'\{\$codepage[ \t]+([A-Za-z0-9_-]+)\}', re.I)),
    ('comment', re.compile(rb'(?:encoded in|encoding is|in encoding)[ \t]+([A-Za-z0-9_-]+)', re.I)),
    ('keymap-charset', re.compile(rb'^charset[ \t]+"([A-Za-z0-9_-]+)"', re.M)),
]
# read only for the second part (--split heldout2), so that the first part collects as committed:
# a MIME Content-Type header (e-mail, a .po file's header entry) in the first MIME_HEAD bytes
# (further on it is an example in a text: apache2-doc's content-negotiation page, in EUC-KR,
# names ISO-8859-2 in one)
MIME_HEAD = 1024
DECLS2 = [
    ('mime-charset', re.compile(rb'Content-Type:[ \t]*[a-z]+/[a-z+.-]+;[ \t]*charset=["\']?([A-Za-z0-9_-]+)', re.I)),
]


def declared(data, decls=None):
    found = []
    for kind, rx in decls or DECLS:
        for m in rx.finditer(data[:CAP]):
            for part in m.group(1).decode('ascii', 'replace').split(','):
                e = norm(part)
                if e:
                    found.append((kind, e))
            if found:
                break
        if found:
            return found[0]
    return None


def by_name(base):
    b = base.lower()
    if b.endswith('.gz'):
        b = b[:-3]
    b = re.sub(r'\.(vim|txt)$', '', b)
    m = re.search(r'[._]([a-z0-9-]+)$', b)
    if m:
        tail = m.group(1)
        if tail in ('latin1', 'latin2', 'iso9', 'cp1250', 'cp1251', 'cp1253', 'cp1254', 'koi8-r', 'koi8-u',
                    'cp737', 'utf-8', 'euc', 'sjis', 'big5', '1250', '1251', 'iso3'):
            return norm(tail) or 'unsupported'
        m2 = re.search(r'(iso-8859-\d+|iso_8859-\d+)$', b)
        if m2:
            return norm(m2.group(1)) or 'unsupported'
        m2 = re.search(r'_(cp\d+|iso-8859-\d+|koi8-[ru])$', b)
        if m2:
            return norm(m2.group(1)) or 'unsupported'
    return None


def read(path):
    with open(path, 'rb') as f:
        raw = f.read(8 << 20)
    if path.endswith('.gz'):
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError):
            return None
    return raw


def cap(data):
    if len(data) <= CAP:
        return data
    cut = data.rfind(b'\n', 0, CAP)
    return data[:cut + 1] if cut > 0 else data[:CAP]


def pkg_decls(root):
    """package-wide declarations: dictionaries-common Coding-System, aspell charset"""
    out = None
    for dp, _, fn in os.walk(root):
        for f in fn:
            p = os.path.join(dp, f)
            if '/dictionaries-common/' in p and not os.path.islink(p):
                m = re.search(rb'^Coding-System:[ \t]*(\S+)', open(p, 'rb').read(), re.M | re.I)
                if m and norm(m.group(1).decode('ascii', 'replace')):
                    out = norm(m.group(1).decode('ascii', 'replace'))
            if '/usr/lib/aspell/' in p and re.match(r'^[a-z]{2,3}(_[A-Z]{2})?\.dat$', f):
                m = re.search(rb'^charset[ \t]+(\S+)', open(p, 'rb').read(), re.M)
                if m and norm(m.group(1).decode('ascii', 'replace')):
                    out = norm(m.group(1).decode('ascii', 'replace'))
    return out


def license_of(root, pkg):
    p = os.path.join(root, 'usr/share/doc', pkg, 'copyright')
    if not os.path.exists(p):
        return '?'
    lic = []
    for line in open(p, 'rb').read().decode('utf-8', 'replace').splitlines():
        if line.startswith('License:'):
            v = line[8:].strip()
            if v and v not in lic:
                lic.append(v)
    return '+'.join(lic)[:80] or 'see copyright'


def clean(text):
    return not any(0x80 <= ord(c) <= 0x9f or c == '\ufffd' for c in text)


# the most common first: a group of code pages that read a file alike is named by its first
CANDIDATES = ['windows-1251', 'koi8-r', 'koi8-u', 'ibm866', 'iso-8859-5', 'x-mac-cyrillic', 'cp1125',
              'ibm855', 'windows-1252', 'iso-8859-1', 'iso-8859-15', 'windows-1250', 'iso-8859-2',
              'ibm850', 'ibm437', 'macintosh', 'ibm852', 'x-mac-ce', 'windows-1257', 'iso-8859-13',
              'iso-8859-4', 'iso-8859-16', 'windows-1254', 'iso-8859-9', 'iso-8859-3', 'iso-8859-10',
              'iso-8859-14', 'ibm775']
WORD = re.compile(r'[^\W\d_]+')


def lexicons(srcs):
    """{lang: set of lower-case words} from the unpacked hunspell .dic and /usr/share/dict lists"""
    lex = {}
    for src, folder in sorted((src, f) for src in srcs for f in os.listdir(src)):
        for sub in ('usr/share/hunspell', 'usr/share/dict'):
            d = os.path.join(src, folder, sub)
            if not os.path.isdir(d):
                continue
            for f in sorted(os.listdir(d)):
                p = os.path.join(d, f)
                if os.path.islink(p):
                    continue
                if sub.endswith('hunspell'):
                    if not f.endswith('.dic'):
                        continue
                    lang = re.split(r'[_.-]', f)[0]
                    enc = 'iso-8859-1'
                    aff = p[:-4] + '.aff'
                    if os.path.exists(aff):
                        m = re.search(rb'^SET[ \t]+(\S+)', open(aff, 'rb').read(), re.M)
                        if m:
                            enc = norm(m.group(1).decode('ascii', 'replace')) or 'utf-8'
                else:
                    m = re.match(r'(?:aspell|hunspell|myspell|w)-?([a-z]+)', folder)
                    lang = PKG_LANG.get(folder.split('_')[0], None)
                    enc = 'utf-8'
                    if not lang:
                        continue
                try:
                    text = open(p, 'rb').read().decode(PY.get(enc, enc))
                except (UnicodeDecodeError, LookupError):
                    continue
                words = lex.setdefault(lang, set())
                for line in text.splitlines()[1:] if sub.endswith('hunspell') else text.splitlines():
                    w = line.split('/')[0].strip().lower()
                    if w and ' ' not in w:
                        words.add(w)
    return lex


def lex_score(text, words):
    """(words with non-ASCII letters found in the list, such words) over the first 2,000;
    a word counts when it, or itself less up to 3 final letters (an inflection), is listed,
    the part kept holding its first non-ASCII letter and at least 3 letters"""
    seen = []
    for w in WORD.findall(text):
        if len(w) >= 3 and any(ord(c) > 127 for c in w):
            seen.append(w.lower())
            if len(seen) >= 2000:
                break
    hit = 0
    for w in seen:
        first = next(i for i, c in enumerate(w) if ord(c) > 127)
        for k in range(len(w), max(first + 1, len(w) - 3, 3) - 1, -1):
            if w[:k] in words:
                hit += 1
                break
    return hit, len(seen)


def readings(data, lex, langs):
    """[(hits, words, lang, encodings reading alike)], most hits first"""
    groups = {}
    for enc in CANDIDATES:
        try:
            t = data.decode(PY.get(enc, enc))
        except UnicodeDecodeError:
            continue
        if not clean(t):
            continue
        groups.setdefault(t, []).append(enc)
    out = []
    for t, encs in groups.items():
        best = (0, 0, None)
        for lang in langs:
            if lang in lex:
                h, n = lex_score(t, lex[lang])
                if h > best[0]:
                    best = (h, n, lang)
        out.append((best[0], best[1], best[2], encs))
    out.sort(key=lambda x: -x[0])
    return out


def lexicon_truth(rd):
    """the one reading the word lists prefer clearly, or None"""
    if not rd or rd[0][0] < 10 or rd[0][0] < 0.5 * rd[0][1]:
        return None
    if len(rd) > 1 and rd[0][0] - rd[1][0] < max(3, 0.05 * rd[0][0]):
        return None
    return rd[0]


PATH_ENC = [(r'/cp1251/', 'windows-1251'), (r'/koi8-?r?/', 'koi8-r'), (r'/lhcyrkoi/', 'koi8-r'),
            (r'/lhcyralt/', 'ibm866'), (r'/lhcyrwin/', 'windows-1251')]
VIM_TUTOR = {'ru': 'koi8-r', 'cs': 'iso-8859-2', 'sk': 'iso-8859-2', 'pl': 'iso-8859-2', 'hu': 'iso-8859-2',
             'hr': 'iso-8859-2', 'el': 'unsupported', 'ko': 'unsupported'}


def main():
    src, out = sys.argv[1], sys.argv[2]
    show = '--show' in sys.argv
    # --split heldout2 --lex DIR --exclude MANIFEST: the second held-out part (every file held out,
    # word lists also from the first part's unpacked packages, files of the first manifest left out)
    opt = {a: sys.argv[i + 1] for i, a in enumerate(sys.argv) if a in ('--split', '--lex', '--exclude')}
    split2 = opt.get('--split')
    rows, rejected, seen = [], [], set()
    # --lex and --exclude may name several, comma-separated (the third part reads the word lists of
    # both earlier parts and leaves out the files of both their manifests)
    for m in opt.get('--exclude', '').split(','):
        if m:
            seen |= {l.split('\t')[10] for l in open(m, encoding='utf-8').read().splitlines()[1:]}
    lex = lexicons([src] + [d for d in opt.get('--lex', '').split(',') if d])
    print('word lists: ' + ' '.join('%s %d' % (k, len(v)) for k, v in sorted(lex.items())), file=sys.stderr)
    for folder in sorted(os.listdir(src)):
        root = os.path.join(src, folder)
        parts = folder.split('_')
        pkg, ver = parts[0], parts[1].replace('%3a', ':') if len(parts) > 1 else '?'
        pdecl = pkg_decls(root)
        lic = license_of(root, pkg)
        cands = []
        for dp, _, fn in os.walk(root):
            for f in sorted(fn):
                p = os.path.join(dp, f)
                rel = os.path.relpath(p, root)
                if os.path.islink(p) or not os.path.isfile(p) or rel.endswith(SKIP_EXT):
                    continue
                if '/dictionaries-common/' in p or rel.startswith('usr/share/doc/') and f in ('changelog.gz', 'changelog.Debian.gz', 'copyright'):
                    continue
                data = read(p)
                if data is None or b'\0' in data[:CAP]:
                    continue
                data = cap(data)
                if sum(1 for b in data if b >= 0x80) < MIN_NONASCII:
                    continue
                cands.append((hashlib.sha256(rel.encode()).hexdigest(), rel, data))
        per_dir, nutf8 = {}, 0
        for _, rel, data in sorted(cands):
            truth, how = None, None
            if data[:2] in (b'\xff\xfe', b'\xfe\xff'):
                truth, how = ('utf-16le' if data[:2] == b'\xff\xfe' else 'utf-16be'), 'bom'
            else:
                try:
                    data.decode('utf-8')
                    truth, how = 'utf-8', 'utf8-valid'
                except UnicodeDecodeError:
                    pass
            if truth is None:
                d = declared(data) or (declared(data[:MIME_HEAD], DECLS2) if split2 else None)
                if d and d[1] != 'utf-8':
                    truth, how = d[1], 'decl:' + d[0]
            if truth is None:
                n = by_name(os.path.basename(rel))
                if n:
                    truth, how = n, 'name'
            if truth is None:
                for rx, enc in PATH_ENC:
                    if re.search(rx, '/' + rel):
                        truth, how = enc, 'path'
                        break
            if truth is None and pkg == 'vim-runtime':
                m = re.search(r'/tutor/tutor\.([a-z]+)(\.gz)?$', rel)
                if m:
                    truth, how = VIM_TUTOR.get(m.group(1), 'iso-8859-1'), 'vim-tutor'
            if truth is None:
                for rp, rx, enc, _ in BY_EYE:
                    if rp == pkg and re.search(rx, '/' + rel):
                        truth, how = enc, 'by-eye'
            if truth is None and pdecl and re.search(r'(/ispell/|/aspell/|/hunspell/|/dict/|/myspell/)', rel):
                truth, how = pdecl, 'pkg-decl'
            if per_dir.get(os.path.dirname(rel), 0) >= PER_DIR:
                continue  # as below, before the costly readings (the files kept are the same)
            lang = language(pkg, '/' + rel, truth)
            langs = [lang] if lang in lex else sorted(lex)
            rd = readings(data, lex, langs) if truth not in ('utf-8', 'utf-16le', 'utf-16be') else []
            if truth is None:
                lt = lexicon_truth(rd)
                if lt:
                    truth, how = lt[3][0], 'lexicon'
                    if lt[2] and lang in ('en', 'und'):
                        lang = lt[2]
                else:
                    rejected.append((pkg, rel, '-', 'no truth (best readings %s)' % [
                        (x[0], x[1], x[2], x[3][0]) for x in rd[:2]]))
                    continue
            elif rd and truth != 'unsupported':
                mine = [x for x in rd if truth in x[3]]
                lt = lexicon_truth(rd)
                if mine and lt and truth not in lt[3] and lt[0] > 1.15 * mine[0][0]:
                    rejected.append((pkg, rel, truth, 'declaration contradicted: %s reads %d of %d words, %s %d'
                                     % (truth, mine[0][0], mine[0][1], lt[3][0], lt[0])))
                    continue
            if truth == 'unsupported':
                rejected.append((pkg, rel, truth, 'encoding pisar does not claim'))
                continue
            if truth == 'utf-8':
                if nutf8 >= UTF8_PER_PACKAGE:
                    continue
            d = os.path.dirname(rel)
            if per_dir.get(d, 0) >= PER_DIR:
                continue
            codec = PY.get(truth, truth)
            try:
                text = data.decode(codec)
            except (UnicodeDecodeError, LookupError) as e:
                rejected.append((pkg, rel, truth, 'does not decode: %s' % str(e)[:60]))
                continue
            if not clean(text):
                rejected.append((pkg, rel, truth, 'C1 control or U+FFFD once decoded'))
                continue
            sha = hashlib.sha256(data).hexdigest()
            if sha in seen:
                continue
            seen.add(sha)
            if truth == 'utf-8':
                nutf8 += 1
            per_dir[d] = per_dir.get(d, 0) + 1
            split = split2 or ('heldout' if int(hashlib.sha256(unit(pkg, rel).encode()).hexdigest(), 16) % 3 == 0 else 'dev')
            rows.append(dict(pkg=pkg, ver=ver, lic=lic, rel=rel, truth=truth, how=how, lang=lang,
                             data=data, sha=sha, split=split, text=text))
    os.makedirs(out, exist_ok=True)
    head = ['relpath', 'true_encoding', 'language', 'bytes', 'tier', 'source', 'flags',
            'package', 'version', 'license', 'sha256', 'how', 'path', 'split']
    parts = ('manifest', split2) if split2 else ('manifest', 'dev', 'heldout')
    outs = {k: open(os.path.join(out, k + '.tsv'), 'w', encoding='utf-8') for k in parts}
    for f in outs.values():
        f.write('\t'.join(head) + '\n')
    for i, r in enumerate(rows):
        base = re.sub(r'[^A-Za-z0-9._-]', '_', os.path.basename(r['rel']))
        if base.endswith('.gz'):
            base = base[:-3]
        relpath = '%s/%s/%03d-%s' % (r['lang'], r['truth'], i, base)
        os.makedirs(os.path.join(out, os.path.dirname(relpath)), exist_ok=True)
        with open(os.path.join(out, relpath), 'wb') as f:
            f.write(r['data'])
        tier = kind(r['rel'])
        line = [relpath, r['truth'], r['lang'], str(len(r['data'])), tier, 'debian', '-',
                r['pkg'], r['ver'], r['lic'], r['sha'], r['how'], r['rel'], r['split']]
        outs['manifest'].write('\t'.join(line) + '\n')
        outs[r['split']].write('\t'.join(line) + '\n')
        if show:
            words = sorted({w for w in re.findall(r'\w*[^\x00-\x7f]\w*', r['text'])})[:12]
            print(r['pkg'], r['rel'], r['truth'], r['how'], ' '.join(words), sep='\t')
    with open(os.path.join(out, 'rejected.tsv'), 'w', encoding='utf-8') as f:
        for x in rejected:
            f.write('\t'.join(x) + '\n')
    n = {s: sum(1 for r in rows if r['split'] == s) for s in parts[1:]}
    print('%d files (%s), %d left out (OUT/rejected.tsv)'
          % (len(rows), ', '.join('%s %d' % kv for kv in n.items()), len(rejected)), file=sys.stderr)


def unit(pkg, rel):
    """what the split goes by: the Debian package; for TeX Live's collections, which bundle
    independent CTAN packages by different authors, the CTAN package (its doc and tex parts alike)"""
    if pkg.startswith('texlive-'):
        m = (re.search(r'doc/texlive-doc/[^/]+/([^/]+)/', rel)
             or re.search(r'texmf-dist/(?:tex|bibtex|scripts|metapost|fonts/source)/[^/]+/([^/]+)/', rel))
        if m:
            return pkg + ':' + m.group(1)
    return pkg


def kind(rel):
    b = rel.lower()
    if b.endswith('.gz'):
        b = b[:-3]
    if re.search(r'\.(aff|dic|dat|wl|mwl)$', b) or '/dict/' in b:
        return 'wordlist'
    if re.search(r'\.(html?|xml)$', b):
        return 'html'
    if re.search(r'\.(tex|sty|cls|bib|bst|def|ldf|mp|fd|ins|dtx)$', b):
        return 'tex'
    if re.search(r'\.(vim|pas|pp|inc|py|syntax|awk|sh|el|kmap|m4)$', b):
        return 'source'
    return 'plain'


if __name__ == '__main__':
    main()
