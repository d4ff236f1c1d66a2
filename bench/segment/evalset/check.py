#!/usr/bin/env python3
"""Check the pisar sentence-segmentation evaluation sets (Python stdlib only).

For every DIR/<lang>-<kind>/ with raw.txt and gold.txt, verify, with the same
whitespace rule as bench/segment/score.py (all whitespace removed),
that the gold sentences spell raw.txt exactly; that no gold sentence spans a
line break of raw.txt (a line break is a paragraph break, hence a boundary);
and that no gold line is only punctuation.  For DIR/golden/<lang>.jsonl check
that each case has "text" and a non-empty "sentences" list that spells the
text, and that no text occurs twice with different sentences.  Prints sentence counts per language and kind (--markdown: as a table
for README.md).  Exit status 1 on any problem, 0 otherwise.

Usage: check.py [--markdown] [DIR]   (DIR defaults to this script's folder)
"""
import glob, json, os, sys


def nows(s):
    return ''.join(s.split())


def check_set(d, problems):
    name = os.path.basename(d)
    raw = open(os.path.join(d, 'raw.txt'), encoding='utf-8').read()
    gold = [l for l in open(os.path.join(d, 'gold.txt'),
                            encoding='utf-8').read().split('\n') if l.strip()]
    if nows(''.join(gold)) != nows(raw):
        a, b = nows(''.join(gold)), nows(raw)
        i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]),
                 min(len(a), len(b)))
        problems.append('%s: gold does not spell raw.txt (first difference '
                        'near %r / %r)' % (name, a[max(0, i - 20):i + 20],
                                           b[max(0, i - 20):i + 20]))
        return len(gold)
    # whitespace-free offsets of raw line breaks must be gold boundaries
    nl, k, seen = set(), 0, False
    for ch in raw:
        if ch.isspace():
            seen = seen or ch in '\n\r\u2028\u2029\x85'
            continue
        if seen and k > 0:
            nl.add(k)
        seen = False
        k += 1
    bounds, k = set(), 0
    for s in gold:
        k += len(nows(s))
        bounds.add(k)
    for off in sorted(nl - bounds):
        problems.append('%s: a gold sentence spans a line break of raw.txt '
                        'at offset %d' % (name, off))
    for s in gold:
        if not any(ch.isalnum() for ch in s):
            problems.append('%s: gold line without letters or digits: %r'
                            % (name, s))
    return len(gold)


def check_golden(path, problems):
    n = 0
    seen = {}
    for i, line in enumerate(open(path, encoding='utf-8'), 1):
        if not line.strip():
            continue
        n += 1
        try:
            c = json.loads(line)
            ok = (isinstance(c.get('text'), str) and
                  isinstance(c.get('sentences'), list) and c['sentences'] and
                  all(isinstance(s, str) and nows(s) for s in c['sentences']))
        except ValueError:
            ok = False
        if not ok:
            problems.append('%s:%d: malformed case' % (path, i))
        elif nows(''.join(c['sentences'])) != nows(c['text']):
            problems.append('%s:%d: sentences do not spell the text' % (path, i))
        else:
            want = [nows(x) for x in c['sentences']]
            key = nows(c['text'])
            if key in seen and seen[key][1] != want:
                problems.append('%s:%d: same text as line %d with other '
                                'sentences' % (path, i, seen[key][0]))
            seen.setdefault(key, (i, want))
    return n


def main(argv):
    md = '--markdown' in argv
    args = [a for a in argv if a != '--markdown']
    top = args[0] if args else os.path.dirname(os.path.abspath(__file__))
    problems, counts, kinds = [], {}, []
    for d in sorted(glob.glob(os.path.join(top, '*-*'))):
        if not os.path.isfile(os.path.join(d, 'raw.txt')):
            continue
        if not os.path.isfile(os.path.join(d, 'gold.txt')):
            problems.append('%s: raw.txt without gold.txt' % d)
            continue
        lang, kind = os.path.basename(d).rsplit('-', 1)
        counts.setdefault(lang, {})[kind] = check_set(d, problems)
        if kind not in kinds:
            kinds.append(kind)
    golden = {}
    for p in sorted(glob.glob(os.path.join(top, 'golden', '*.jsonl'))):
        golden[os.path.basename(p)[:-6]] = check_golden(p, problems)
    langs = sorted(set(counts) | set(golden))
    cols = kinds + ['total', 'golden cases']
    if md:
        print('| language | ' + ' | '.join(cols) + ' |')
        print('|---' * (len(cols) + 1) + '|')
    else:
        print('%-9s' % 'lang' + ''.join('%13s' % c for c in cols))
    tot = {c: 0 for c in cols}
    for l in langs:
        row = [counts.get(l, {}).get(k, 0) for k in kinds]
        row += [sum(row), golden.get(l, 0)]
        for c, v in zip(cols, row):
            tot[c] += v
        if md:
            print('| %s | ' % l + ' | '.join(str(v) for v in row) + ' |')
        else:
            print('%-9s' % l + ''.join('%13d' % v for v in row))
    if md:
        print('| **all** | ' + ' | '.join(str(tot[c]) for c in cols) + ' |')
    else:
        print('%-9s' % 'all' + ''.join('%13d' % tot[c] for c in cols))
    for p in problems:
        print('PROBLEM ' + p, file=sys.stderr)
    print('%d sets, %d golden files, %d problems' % (
        sum(len(v) for v in counts.values()), len(golden), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
