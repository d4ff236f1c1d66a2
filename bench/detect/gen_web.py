#!/usr/bin/env python3
"""gen_web.py -- detection test files in the shapes the web serves text in.

    python3 bench/detect/gen_web.py [--seed N] [--per N] [--only-udhr] CORPORA OUT

CORPORA is the output of tools/fetch-corpora.sh (CORPORA/<lang>/heldout.txt:
text held out of the models' training: UDHR articles whose number is a
multiple of 4 and every 5th man page). With --man DIR (default
/usr/share/man) the Debian manpages-<lang> packages of languages whose man
pages were never used in training (fr es it nl sv da fi ro) add text too.

Each file wraps a few paragraphs of one language, encoded in one code page
of that language, in one shape: RSS 2.0, RSS 1.0 (RDF), Atom, an HTML page
with scripts, styles and navigation, a MIME e-mail, subtitles (SRT), CSV, or
plain paragraphs. Pages and feeds declare a charset in about half of the
files (the right one, mostly; a wrong one -- the server's default -- in some,
as on the real web) and say nothing in the rest. Writes OUT/<lang>/<enc>/<shape>-<n>.<ext>
and OUT/manifest.tsv (relpath, true_encoding, language, bytes, tier=shape,
source, flags=declared charset or "-").

The text is the sources' (see tables/charset/SOURCES.md for their licenses:
UDHR MIT/UN, man pages GPL and others); the markup is generated here.
"""
import argparse
import gzip
import os
import random
import re
import sys

# language -> the code pages its text is found in (WHATWG/IANA labels as
# pisar names them)
LAT1 = ['windows-1252', 'iso-8859-1', 'iso-8859-15', 'ibm850', 'macintosh', 'ibm437']
ENCODINGS = {
    'ru': ['windows-1251', 'koi8-r', 'iso-8859-5', 'ibm866', 'x-mac-cyrillic'],
    'uk': ['windows-1251', 'koi8-u', 'x-mac-cyrillic'],
    'be': ['windows-1251'],
    'bg': ['windows-1251', 'iso-8859-5'],
    'mk': ['windows-1251', 'iso-8859-5'],
    'sr': ['windows-1251', 'iso-8859-5'],
    'en': ['windows-1252'],
    'de': LAT1, 'fr': LAT1, 'es': LAT1, 'it': LAT1, 'nl': LAT1, 'pt': LAT1,
    'da': LAT1, 'sv': LAT1, 'no': LAT1, 'fi': LAT1,
    'ca': LAT1, 'eu': LAT1, 'gl': LAT1, 'sq': LAT1, 'lb': LAT1, 'af': LAT1,
    'is': ['windows-1252', 'iso-8859-1', 'iso-8859-10', 'ibm850', 'macintosh'],
    'fo': ['windows-1252', 'iso-8859-1', 'iso-8859-10', 'ibm850'],
    'ga': ['windows-1252', 'iso-8859-1', 'iso-8859-14', 'macintosh'],
    'gd': ['windows-1252', 'iso-8859-1', 'iso-8859-14'],
    'cy': ['iso-8859-14'],
    'br': ['windows-1252', 'iso-8859-1', 'iso-8859-14'],
    'mt': ['iso-8859-3'],
    'eo': ['iso-8859-3'],
    'pl': ['windows-1250', 'iso-8859-2', 'ibm852', 'x-mac-ce'],
    'cs': ['windows-1250', 'iso-8859-2', 'ibm852', 'x-mac-ce'],
    'sk': ['windows-1250', 'iso-8859-2', 'ibm852'],
    'sl': ['windows-1250', 'iso-8859-2', 'ibm852'],
    'hr': ['windows-1250', 'iso-8859-2', 'ibm852'],
    'hu': ['windows-1250', 'iso-8859-2', 'ibm852'],
    'ro': ['windows-1250', 'iso-8859-2', 'iso-8859-16'],
    'tr': ['windows-1254', 'iso-8859-9'],
    'lt': ['windows-1257', 'iso-8859-13', 'iso-8859-4', 'ibm775'],
    'lv': ['windows-1257', 'iso-8859-13', 'iso-8859-4'],
    'et': ['windows-1257', 'iso-8859-13', 'iso-8859-15'],
}
PY_CODEC = {'x-mac-cyrillic': 'mac_cyrillic', 'x-mac-ce': 'mac_latin2', 'macintosh': 'mac_roman',
            'ibm866': 'cp866', 'ibm850': 'cp850', 'ibm437': 'cp437', 'ibm852': 'cp852',
            'ibm775': 'cp775', 'ibm855': 'cp855'}
# a code page that text in this one is wrongly declared as (a server's default)
WRONG = {'windows-1251': 'iso-8859-1', 'koi8-r': 'windows-1251', 'iso-8859-5': 'windows-1251',
         'ibm866': 'windows-1251', 'x-mac-cyrillic': 'windows-1251', 'koi8-u': 'koi8-r',
         'windows-1250': 'iso-8859-1', 'iso-8859-2': 'windows-1252', 'windows-1252': 'iso-8859-2',
         'iso-8859-1': 'utf-8', 'windows-1254': 'iso-8859-1', 'windows-1257': 'iso-8859-1'}
# man pages never used in training (tools/fetch-corpora.sh uses ru uk mk sr pl cs de hu,
# and puts every 5th page of those in heldout.txt)
MAN_LANGS = ['fr', 'es', 'it', 'nl', 'sv', 'da', 'fi', 'ro']
FALLBACK = {'\u00ab': '"', '\u00bb': '"', '\u201c': '"', '\u201d': '"', '\u201e': '"',
            '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u2013': '-', '\u2014': '-',
            '\u2026': '...', '\u00a0': ' ', '\u2116': 'No.', '\u0219': '\u015f',
            '\u021b': '\u0163', '\u0218': '\u015e', '\u021a': '\u0162', '\u20ac': 'EUR'}


def codec(enc):
    return PY_CODEC.get(enc, enc)


def encode(text, enc):
    for t in (text, ''.join(FALLBACK.get(c, c) for c in text)):
        try:
            return t.encode(codec(enc))
        except UnicodeEncodeError:
            pass
    return None


def man_text(path):
    try:
        raw = gzip.open(path).read().decode('utf-8')
    except (OSError, UnicodeDecodeError):
        return []
    out = []
    for line in raw.split('\n'):
        if line.startswith(('.', "'")):
            continue
        line = re.sub(r'\\f(\(..|\[[^]]*\]|.)', '', line)
        line = re.sub(r'\\\((em|en)', '-', line)
        line = re.sub(r'\\\(..|\\\*(\[[^]]*\]|\(..|.)|\\.', '', line)
        line = line.strip()
        if len(line) > 40 and sum(c.isalpha() for c in line) > len(line) // 2:
            out.append(line)
    return out


def paragraphs(corpora, man, lang, only_udhr):
    ps = []
    f = os.path.join(corpora, lang, 'heldout.txt')
    if os.path.exists(f):
        ps += [l.strip() for l in open(f, encoding='utf-8') if len(l.strip()) > 30]
    if not only_udhr and lang in MAN_LANGS and man:
        d = os.path.join(man, lang)
        files = []
        for root, _, names in os.walk(d):
            files += [os.path.join(root, n) for n in names if n.endswith('.gz')]
        for p in sorted(files)[:400]:
            ps += man_text(p)
    # text whose letters are all ASCII says nothing about a code page
    return [p for p in ps if any(ord(c) > 127 for c in p)]


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def slug(r):
    return ''.join(r.choice('abcdefghijklmnopqrstuvwxyz0123456789-') for _ in range(r.randint(8, 30)))


def url(r):
    host = r.choice(['www.example-news.org', 'media.example.com', 'cdn.static-news.net'])
    return f'https://{host}/{r.choice(["news", "world", "politics", "sport", "culture"])}/{r.randint(2010, 2026)}/{slug(r)}.html?utm_source=rss&amp;utm_medium=feed'


def title_of(p, r):
    w = p.split()
    return ' '.join(w[:r.randint(4, 9)]).rstrip('.,;:')


def date(r):
    return f'{r.choice(["Mon", "Tue", "Wed", "Thu", "Fri"])}, {r.randint(1, 28):02d} {r.choice(["Jan", "Mar", "Jun", "Oct"])} 2025 {r.randint(0, 23):02d}:{r.randint(0, 59):02d}:00 +0000'


def iso_date(r):
    return f'2025-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:00Z'


CSS = '''body{font-family:Georgia,"Times New Roman",serif;margin:0;padding:0;background:#fafafa}
.nav ul{list-style:none;display:flex}.nav li a{color:#333;text-decoration:none;padding:4px 8px}
.article h1{font-size:2.2em;line-height:1.1}.article p{margin:0 0 1em}.footer{font-size:small;color:#777}
@media (max-width:600px){.nav{display:none}.article{padding:0 12px}}'''
JS = '''window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}
gtag('js',new Date());gtag('config','UA-000000-1',{anonymize_ip:true});
document.addEventListener('DOMContentLoaded',function(){var m=document.querySelectorAll('.menu-toggle');
for(var i=0;i<m.length;i++){m[i].addEventListener('click',function(e){e.preventDefault();
document.body.classList.toggle('menu-open');});}if(typeof window.loadComments==="function"){loadComments({page:location.pathname});}});'''


def declaration(enc, r, wrong_rate=0.15, none_rate=0.45):
    """The charset a file declares: (label or None)."""
    x = r.random()
    if x < none_rate:
        return None
    if x < none_rate + wrong_rate and enc in WRONG:
        return WRONG[enc]
    return enc


def shape_html(ps, enc, r):
    decl = declaration(enc, r)
    head = ''
    if decl:
        head = (f'<meta charset="{decl}">' if r.random() < 0.5 else
                f'<meta http-equiv="Content-Type" content="text/html; charset={decl}">')
    nav = ''.join(f'<li><a href="{url(r)}" class="nav-link">{esc(title_of(p, r)[:20])}</a></li>'
                  for p in r.sample(ps, min(len(ps), 4)))
    body = ''.join(f'<p>{esc(p)}</p>\n' for p in ps)
    t = esc(title_of(ps[0], r))
    return (f'<!DOCTYPE html>\n<html lang="xx">\n<head>\n{head}\n<title>{t}</title>\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<link rel="stylesheet" href="/static/css/main.css?v=20250112">\n<style>\n{CSS}\n</style>\n'
            f'<script async src="https://www.googletagmanager.com/gtag/js?id=UA-000000-1"></script>\n'
            f'<script>\n{JS}\n</script>\n</head>\n<body class="article-page">\n'
            f'<div class="nav"><ul>{nav}</ul></div>\n<div class="article" id="main-content">\n'
            f'<h1 title="{t}">{t}</h1>\n<img src="/img/{slug(r)}.jpg" alt="{esc(title_of(ps[-1], r))}" width="640" height="360">\n'
            f'{body}</div>\n<div class="footer">&copy; 2025 &mdash; <a href="{url(r)}">RSS</a> &#124; '
            f'<a href="{url(r)}">Contact</a></div>\n<script>\nvar _paq=window._paq=window._paq||[];_paq.push(["trackPageView"]);\n</script>\n</body>\n</html>\n'), decl


def shape_rss(ps, enc, r):
    decl = declaration(enc, r, none_rate=0.3)
    xml = f'<?xml version="1.0" encoding="{decl}"?>' if decl else '<?xml version="1.0"?>'
    items = ''
    for p in ps:
        d = (f'<![CDATA[<p>{p}</p>]]>' if r.random() < 0.5 else esc(p))
        items += (f'<item>\n<title>{esc(title_of(p, r))}</title>\n<link>{url(r)}</link>\n'
                  f'<description>{d}</description>\n<pubDate>{date(r)}</pubDate>\n'
                  f'<guid isPermaLink="true">{url(r)}</guid>\n<category>world</category>\n</item>\n')
    return (f'{xml}\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
            f'xmlns:media="http://search.yahoo.com/mrss/">\n<channel>\n<title>{esc(title_of(ps[0], r))}</title>\n'
            f'<link>https://www.example-news.org/</link>\n<atom:link href="https://www.example-news.org/rss.xml" '
            f'rel="self" type="application/rss+xml"/>\n<description>News</description>\n<language>xx</language>\n'
            f'<lastBuildDate>{date(r)}</lastBuildDate>\n{items}</channel>\n</rss>\n'), decl


def shape_rdf(ps, enc, r):
    decl = declaration(enc, r, none_rate=0.3)
    xml = f'<?xml version="1.0" encoding="{decl}"?>' if decl else '<?xml version="1.0"?>'
    links = [url(r) for _ in ps]
    seq = ''.join(f'<rdf:li rdf:resource="{u}"/>\n' for u in links)
    items = ''.join(f'<item rdf:about="{u}">\n<title>{esc(title_of(p, r))}</title>\n<link>{u}</link>\n'
                    f'<description>{esc(p)}</description>\n<dc:date>{iso_date(r)}</dc:date>\n'
                    f'<dc:subject>news</dc:subject>\n</item>\n' for p, u in zip(ps, links))
    return (f'{xml}\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            f'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
            f'<channel rdf:about="https://www.example-news.org/rdf">\n<title>News</title>\n'
            f'<link>https://www.example-news.org/</link>\n<description>Latest</description>\n'
            f'<items>\n<rdf:Seq>\n{seq}</rdf:Seq>\n</items>\n</channel>\n{items}</rdf:RDF>\n'), decl


def shape_atom(ps, enc, r):
    decl = declaration(enc, r, none_rate=0.3)
    xml = f'<?xml version="1.0" encoding="{decl}"?>' if decl else '<?xml version="1.0"?>'
    entries = ''.join(
        f'<entry>\n<title type="text">{esc(title_of(p, r))}</title>\n<link rel="alternate" type="text/html" href="{url(r)}"/>\n'
        f'<id>tag:example-news.org,2025:{r.randint(10000, 99999)}</id>\n<updated>{iso_date(r)}</updated>\n'
        f'<author><name>Desk</name></author>\n<content type="html">{esc("<p>" + esc(p) + "</p>")}</content>\n</entry>\n'
        for p in ps)
    return (f'{xml}\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="xx">\n<title>News</title>\n'
            f'<link rel="self" href="https://www.example-news.org/atom.xml"/>\n<updated>{iso_date(r)}</updated>\n'
            f'<id>urn:uuid:{r.randint(10**8, 10**9)}</id>\n{entries}</feed>\n'), decl


def shape_email(ps, enc, r):
    decl = declaration(enc, r, wrong_rate=0.1, none_rate=0.2)
    ct = f'text/plain; charset="{decl}"' if decl else 'text/plain'
    body = '\n\n'.join(ps)
    return (f'Return-Path: <news@example-news.org>\nReceived: from mail.example-news.org (mail.example-news.org [192.0.2.10])\n'
            f'\tby mx.example.com with ESMTP id {slug(r)}; {date(r)}\nMessage-ID: <{slug(r)}@example-news.org>\n'
            f'Date: {date(r)}\nFrom: Newsletter <news@example-news.org>\nTo: reader@example.com\n'
            f'Subject: {title_of(ps[0], r)}\nMIME-Version: 1.0\nContent-Type: {ct}\n'
            f'Content-Transfer-Encoding: 8bit\nX-Mailer: Example Mailer 2.1\n\n{body}\n\n-- \n'
            f'To unsubscribe: https://www.example-news.org/unsubscribe?id={slug(r)}\n'), decl


def shape_srt(ps, enc, r):
    out, n, t = [], 1, r.randint(1, 100)
    for p in ps:
        words = p.split()
        while words:
            k = r.randint(4, 8)
            line, words = ' '.join(words[:k]), words[k:]
            out.append(f'{n}\n00:{t // 60:02d}:{t % 60:02d},{r.randint(0, 999):03d} --> '
                       f'00:{(t + 3) // 60:02d}:{(t + 3) % 60:02d},{r.randint(0, 999):03d}\n{line}\n')
            n += 1
            t += 4
    return '\n'.join(out), None


def shape_csv(ps, enc, r):
    rows = ['id,date,title,text,url']
    for i, p in enumerate(ps):
        rows.append(f'{i + 1},{iso_date(r)[:10]},"{title_of(p, r)}","{p.replace(chr(34), chr(34) * 2)}",{url(r).replace("&amp;", "&")}')
    return '\n'.join(rows) + '\n', None


def shape_plain(ps, enc, r):
    return '\n'.join(ps) + '\n', None


SHAPES = {'html': (shape_html, 'html'), 'rss': (shape_rss, 'xml'), 'rdf': (shape_rdf, 'rdf'),
          'atom': (shape_atom, 'xml'), 'email': (shape_email, 'eml'), 'srt': (shape_srt, 'srt'),
          'csv': (shape_csv, 'csv'), 'plain': (shape_plain, 'txt')}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('corpora')
    ap.add_argument('out')
    ap.add_argument('--seed', type=int, default=2)
    ap.add_argument('--per', type=int, default=2, help='files per language, encoding and shape')
    ap.add_argument('--man', default='/usr/share/man')
    ap.add_argument('--only-udhr', action='store_true')
    ap.add_argument('--langs', default='')
    a = ap.parse_args()
    r = random.Random(a.seed)
    rows = []
    langs = a.langs.split(',') if a.langs else sorted(ENCODINGS)
    for lang in langs:
        ps = paragraphs(a.corpora, a.man, lang, a.only_udhr)
        if len(ps) < 3:
            print(f'{lang}: no text, skipped', file=sys.stderr)
            continue
        for enc in ENCODINGS[lang] + ['utf-8']:
            for shape, (fn, ext) in SHAPES.items():
                for k in range(a.per):
                    for _ in range(10):
                        # markup-heavy shapes get little text, as feeds do
                        n = r.randint(1, 3) if shape in ('rss', 'rdf', 'atom', 'html') else r.randint(2, 6)
                        start = r.randrange(len(ps))
                        sel = [p[:r.choice([200, 400, 800])] for p in ps[start:start + n]] or ps[:n]
                        text, decl = fn(sel, enc, r)
                        data = encode(text, enc)
                        if data is not None and any(b > 127 for b in data):
                            break
                    else:
                        continue
                    rel = f'{lang}/{enc}/{shape}-{k}.{ext}'
                    os.makedirs(os.path.join(a.out, lang, enc), exist_ok=True)
                    with open(os.path.join(a.out, rel), 'wb') as f:
                        f.write(data)
                    src = 'udhr' if a.only_udhr or lang not in MAN_LANGS else 'udhr+manpages'
                    rows.append((rel, enc, lang, str(len(data)), shape, src, decl or '-'))
    with open(os.path.join(a.out, 'manifest.tsv'), 'w') as f:
        f.write('relpath\ttrue_encoding\tlanguage\tbytes\ttier\tsource\tflags\n')
        for row in rows:
            f.write('\t'.join(row) + '\n')
    print(f'{len(rows)} files in {a.out}', file=sys.stderr)


if __name__ == '__main__':
    main()
