#!/bin/sh
# bench/detect/news.sh -- detection on news text that the models never saw:
# the 45 short articles of bench/names/articles/set1..set5 (ru, uk, bg, sr in
# Cyrillic; en, de, fr, pl, cs in Latin; written for pisar's name-finder
# evaluation after the detection models were trained), each encoded into every
# code page of its script that has its letters, as a whole article (tier
# "core", 600-1500 characters) and as its first 40-60 characters cut at a word
# (tier "extra", a headline's length). pisar, uchardet, enca (told the
# language, as it needs) and ICU on the same files, scored by
# bench/score/detect_score.py; then pisar's language answer.
#
#   sh bench/detect/news.sh        (after cmake --build build; PISAR=... to override)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
pisar=${PISAR:-$top/build/pisar}
score=${DETECT_SCORE:-$top/bench/score/detect_score.py}
out=$top/bench/out/detect/news
rm -rf "$out"
mkdir -p "$out"
[ -x "$pisar" ] || { echo "build pisar first (cmake --build build)" >&2; exit 2; }
cc -O2 -o "$out/icu_detect" "$top/bench/detect/icu_detect.c" $(pkg-config --cflags --libs icu-i18n icu-uc)

python3 - "$top/bench/names/articles" "$out" <<'PY'
import glob, os, sys
src, out = sys.argv[1:3]
CYR = ['windows-1251', 'koi8-r', 'koi8-u', 'iso-8859-5', 'ibm866', 'x-mac-cyrillic']
LAT = {'en': ['windows-1252'], 'de': ['windows-1252', 'iso-8859-1'], 'fr': ['windows-1252'],
       'pl': ['windows-1250', 'iso-8859-2'], 'cs': ['windows-1250', 'iso-8859-2']}
PY_CODEC = {'windows-1251': 'cp1251', 'koi8-r': 'koi8_r', 'koi8-u': 'koi8_u',
            'iso-8859-5': 'iso8859_5', 'ibm866': 'cp866', 'x-mac-cyrillic': 'mac_cyrillic',
            'windows-1252': 'cp1252', 'iso-8859-1': 'latin_1', 'windows-1250': 'cp1250',
            'iso-8859-2': 'iso8859_2'}
# punctuation a legacy code page may lack, as legacy text had it
FALLBACK = {'\u00ab': '"', '\u00bb': '"', '\u201c': '"', '\u201d': '"', '\u201e': '"',
            '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u2013': '-', '\u2014': '-',
            '\u2026': '...', '\u00a0': ' ', '\u2116': 'No.'}
def encode(text, enc):
    try:
        return text.encode(PY_CODEC[enc])
    except UnicodeEncodeError:
        pass
    t = ''.join(FALLBACK.get(c, c) for c in text)
    try:
        return t.encode(PY_CODEC[enc])
    except UnicodeEncodeError:
        return None
def headline(text):
    t = ' '.join(text.split())
    cut = t[:60]
    if len(t) > 60 and ' ' in cut[40:]:
        cut = cut[:cut.rindex(' ')]
    return cut
rows = []
for path in sorted(glob.glob(os.path.join(src, 'set*', '*.txt'))):
    s = os.path.basename(os.path.dirname(path))
    lang = os.path.basename(path)[:-4]
    text = open(path, encoding='utf-8').read()
    encs = CYR if lang in ('ru', 'uk', 'bg', 'sr') else LAT[lang]
    if lang != 'uk':
        encs = [e for e in encs if e != 'koi8-u']
    for name, piece, tier in (('article', text, 'core'), ('first', headline(text), 'extra')):
        files = [('utf-8', piece.encode('utf-8'))]
        if name == 'article':
            files.append(('utf-16le', b'\xff\xfe' + piece.encode('utf-16-le')))
        for e in encs:
            d = encode(piece, e)
            if d is not None:
                files.append((e, d))
        for e, d in files:
            rel = f'{s}/{lang}/{e}/{name}.txt'
            os.makedirs(os.path.join(out, os.path.dirname(rel)), exist_ok=True)
            open(os.path.join(out, rel), 'wb').write(d)
            rows.append((rel, e, lang, str(len(d)), tier, 'bench/names/articles', 'bom' if d[:2] == b'\xff\xfe' else ''))
with open(os.path.join(out, 'manifest.tsv'), 'w') as f:
    f.write('relpath\ttrue_encoding\tlanguage\tbytes\ttier\tsource\tflags\n')
    for r in rows:
        f.write('\t'.join(r) + '\n')
print(f'{len(rows)} files')
PY
man=$out/manifest.tsv
ICU_DETECT=$out/icu_detect python3 "$score" --tools pisar,uchardet,enca,icu --pisar "$pisar" \
  --by tier --json "$out/results.jsonl" "$man"
echo "== pisar's language answer (bench/detect/language.py)"
python3 "$top/bench/detect/language.py" "$pisar" "$man"
