#!/usr/bin/env python3
"""detect_score.py -- score encoding detectors on a manifest of files.

    python3 bench/score/detect_score.py [--tools pisar,uchardet,...] [--pisar PATH]
        [--json OUT.jsonl] [--by encoding,language,tier] [--reliability] MANIFEST

MANIFEST is a TSV file (relpath, true_encoding, language, bytes, tier, source,
flags), paths relative to its folder: fixtures/detect/manifest.tsv or what
bench/detect/gen_web.py writes. Each tool runs on the files in batches of 200;
its answer is right when it decodes the file to the same text as the true
encoding (the same-text policy: windows-1252 for a Latin-1 file whose bytes
0x80-0x9F do not occur is right), and "ascii" is right for pure ASCII.

Tools: pisar (pisar detect --json), uchardet, enca (told the language, as it
needs: bench/detect/enca-wrap.sh), icu (bench/detect/icu_detect.c, compiled
by the caller to $ICU_DETECT), chardet (Debian python3-chardet's chardetect),
charset-normalizer (Debian python3-charset-normalizer, through /usr/bin/python3).
"""
import argparse
import codecs
import collections
import json
import os
import subprocess
import sys

ALIASES = {
    'x-mac-cyrillic': 'mac_cyrillic', 'maccyrillic': 'mac_cyrillic', 'mac-cyrillic': 'mac_cyrillic',
    'x-mac-ce': 'mac_latin2', 'mac-centraleurope': 'mac_latin2', 'maccentraleurope': 'mac_latin2',
    'macintosh': 'mac_roman', 'macroman': 'mac_roman', 'mac-roman': 'mac_roman',
    'ibm866': 'cp866', 'ibm850': 'cp850', 'ibm437': 'cp437', 'ibm852': 'cp852', 'ibm855': 'cp855',
    'ibm775': 'cp775', 'cp1125': 'cp1125', 'ascii': 'ascii', 'us-ascii': 'ascii',
    'iso-8859-8-i': 'iso8859_8', 'utf-8-sig': 'utf_8_sig', 'tis-620': 'cp874',
}


def py_codec(name):
    if not name:
        return None
    n = name.strip().lower().replace('_', '-')
    n = ALIASES.get(n, n)
    try:
        return codecs.lookup(n).name
    except LookupError:
        return None


def decodes_alike(data, answer, truth):
    a, t = py_codec(answer), py_codec(truth)
    if a is None or t is None:
        return False
    if a == t:
        return True
    try:
        ta = data.decode(t)
    except UnicodeDecodeError:
        return False
    # a BOM-less answer for a file with a BOM (utf-8 vs utf-8-sig) is right
    for cand in (a, a.replace('utf_8', 'utf_8_sig')):
        try:
            if data.decode(cand) == ta:
                return True
        except (UnicodeDecodeError, LookupError):
            pass
    return False


def run_batch(tool, files, langs, top, pisar):
    """{path: (encoding, confidence or None, extra dict)}"""
    out = {}
    if tool == 'pisar':
        p = subprocess.run([pisar, 'detect', '--json'] + files, stdout=subprocess.PIPE)
        for line in p.stdout.decode('utf-8', 'replace').splitlines():
            x = json.loads(line)
            out[x['path']] = (x['encoding'], x.get('confidence'), x)
        return out
    if tool == 'charset-normalizer':
        code = ('import sys, json\nfrom charset_normalizer import from_path\n'
                'for f in sys.argv[1:]:\n  b = from_path(f).best()\n'
                '  print(json.dumps([f, b.encoding if b else None]))\n')
        p = subprocess.run(['/usr/bin/python3', '-c', code] + files, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL)
        for line in p.stdout.decode().splitlines():
            f, e = json.loads(line)
            out[f] = (e, None, {})
        return out
    cmd = {'uchardet': ['uchardet'], 'chardet': ['chardetect'],
           'enca': ['sh', os.path.join(top, 'bench/detect/enca-wrap.sh')],
           'icu': [os.environ.get('ICU_DETECT', os.path.join(top, 'bench/out/detect/icu_detect'))]}[tool]
    p = subprocess.run(cmd + files, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    for line in p.stdout.decode('utf-8', 'replace').splitlines():
        f, _, ans = line.rpartition(': ')
        if tool == 'chardet':
            # "PATH: ENC with confidence C"
            f, _, ans = line.partition(': ')
            ans = ans.split(' with confidence')[0]
        out[f] = (ans.strip(), None, {})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('manifest')
    ap.add_argument('--tools', default='pisar')
    ap.add_argument('--pisar', default=None)
    ap.add_argument('--json', default=None, help='write one JSON record per file and tool')
    ap.add_argument('--by', default='encoding,tier')
    ap.add_argument('--reliability', action='store_true')
    ap.add_argument('--errors', type=int, default=0, help='print up to N wrong answers of pisar')
    a = ap.parse_args()
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    pisar = a.pisar or os.path.join(top, 'build', 'pisar')
    base = os.path.dirname(os.path.abspath(a.manifest))
    rows = []
    with open(a.manifest, encoding='utf-8') as f:
        head = f.readline().rstrip('\n').split('\t')
        for line in f:
            x = dict(zip(head, line.rstrip('\n').split('\t')))
            x['path'] = os.path.join(base, x['relpath'])
            rows.append(x)
    tools = a.tools.split(',')
    res = {t: [] for t in tools}
    for t in tools:
        for i in range(0, len(rows), 200):
            batch = rows[i:i + 200]
            ans = run_batch(t, [x['path'] for x in batch], [x['language'] for x in batch], top, pisar)
            for x in batch:
                data = open(x['path'], 'rb').read()
                enc, conf, extra = ans.get(x['path'], (None, None, {}))
                if enc and enc.lower() in ('ascii', 'us-ascii') and all(b < 128 for b in data):
                    ok = True
                else:
                    ok = decodes_alike(data, enc, x['true_encoding'])
                res[t].append(dict(x, answer=enc, confidence=conf, correct=ok, extra=extra))
    if a.json:
        with open(a.json, 'w') as f:
            for t in tools:
                for r in res[t]:
                    f.write(json.dumps({'tool': t, 'relpath': r['relpath'], 'truth': r['true_encoding'],
                                        'language': r['language'], 'tier': r['tier'],
                                        'answer': r['answer'], 'confidence': r['confidence'],
                                        'correct': r['correct']}) + '\n')
    for by in a.by.split(','):
        field = {'encoding': 'true_encoding', 'language': 'language', 'tier': 'tier'}[by]
        keys = sorted({r[field] for r in res[tools[0]]})
        print(f'\n== % correct by {by}')
        print(f'{by:<16}{"files":>6}' + ''.join(f'{t[:12]:>13}' for t in tools))
        for k in keys:
            n = sum(1 for r in res[tools[0]] if r[field] == k)
            print(f'{k:<16}{n:>6}' + ''.join(
                f'{100.0 * sum(r["correct"] for r in res[t] if r[field] == k) / n:>13.1f}' for t in tools))
    n = len(rows)
    print(f'{"all":<16}{n:>6}' + ''.join(f'{100.0 * sum(r["correct"] for r in res[t]) / max(n, 1):>13.1f}'
                                          for t in tools))
    if a.reliability and 'pisar' in res:
        print('\n== pisar reliability: answers by confidence')
        print(f'{"confidence":<14}{"answers":>8}{"right %":>9}')
        edges = [0, 0.5, 0.8, 0.9, 0.95, 0.99, 1.01]
        for lo, hi in zip(edges, edges[1:]):
            xs = [r for r in res['pisar'] if r['confidence'] is not None and lo <= r['confidence'] < hi]
            if xs:
                print(f'[{lo:.2f}, {min(hi, 1):.2f}{")" if hi <= 1 else "]"}  {len(xs):>8}'
                      f'{100.0 * sum(r["correct"] for r in xs) / len(xs):>9.1f}')
    if a.errors and 'pisar' in res:
        print('\n== pisar wrong answers')
        for r in [r for r in res['pisar'] if not r['correct']][:a.errors]:
            print(f'{r["relpath"]}\ttruth {r["true_encoding"]}\tanswer {r["answer"]} {r["confidence"]}'
                  f'\t{r["extra"].get("language", "")}\tdecl {r.get("flags")}')


if __name__ == '__main__':
    main()
