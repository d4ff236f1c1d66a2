#!/usr/bin/env python3
"""langid_jat.py [OUT] -- write tables/langid/jat.txt (the jat reflex, word by
word) from the Debian hunspell dictionaries hunspell-hr (hr_HR) and
hunspell-sr (sr_Latn_RS), read from HUNSPELL_DIR (default /usr/share/hunspell).

Each dictionary's word forms are its lower-case entries with their affixes
expanded (SFX, PFX and their cross products; AF aliases; FLAG long and num;
an affix's own continuation flags are not followed). A Croatian form with ije
or je after a consonant (not the nj of a verbal noun; a word-final -ije/-je
only if the word with -a for its last letter is not Croatian: the case endings of -ija nouns are no jat; not the -ijer of
loanwords, after a vowel: premijer, garderobijer) is ijekavian when its
form with e (or i for ije) in that place is Serbian and not Croatian. Each
such pair gives two entries: the shortest prefix of the ijekavian form (at
least two letters past the reflex, five in all) that no Croatian form whose
e-form is Croatian too starts with (hr bs), and the shortest prefix of the
ekavian one (at least one letter past the e, four in all) that no Croatian
form starts with (sr); a prefix that would be the whole word is the word.
"""
import bisect, os, re, sys

FUTURE = os.environ.get('JAT_FUTURE', '1') != '0'  # seventh round
STRICT = os.environ.get('JAT_STRICT', '1') != '0'  # seventh round
STRICT_SHARE = float(os.environ.get('JAT_SHARE', '0.5'))  # (1: 18,576 entries, dev no better)
HS = os.environ.get('HUNSPELL_DIR', '/usr/share/hunspell')


def forms(name):
    aff = open(os.path.join(HS, name + '.aff'), encoding='utf-8').read().replace('\r', '').split('\n')
    mode, af, rules, needaffix, i = 'char', [], {}, None, 0
    while i < len(aff):
        p = aff[i].split()
        i += 1
        if not p:
            continue
        if p[0] == 'FLAG':
            mode = p[1]
        elif p[0] == 'NEEDAFFIX':
            needaffix = p[1]
        elif p[0] == 'AF' and len(p) >= 2 and not af and p[1].isdigit():
            n = int(p[1])
            af = [None] + [(aff[i + k].split() + [''])[1] for k in range(n)]
            i += n
        elif p[0] in ('SFX', 'PFX') and len(p) >= 4 and p[1] not in rules and p[3].isdigit():
            n, rl = int(p[3]), []
            for k in range(n):
                q = aff[i + k].split()
                strip = '' if q[2] == '0' else q[2]
                add = q[3].split('/')[0]
                add = '' if add == '0' else add
                cond = q[4] if len(q) > 4 else '.'
                rl.append((strip, add, re.compile(cond + '$' if p[0] == 'SFX' else '^' + cond)))
            i += n
            rules[p[1]] = (p[0], p[2] == 'Y', rl)

    def flags(s):
        if af and s.isdigit():
            s = af[int(s)]
        if mode == 'long':
            return [s[k:k + 2] for k in range(0, len(s), 2)]
        return s.split(',') if mode == 'num' else list(s)

    out = set()
    dic = open(os.path.join(HS, name + '.dic'), encoding='utf-8').read().replace('\r', '').split('\n')
    for line in dic[1:]:
        line = line.split('\t')[0].split(' ')[0]
        if not line or not line[0].islower():
            continue  # names
        w, _, f = line.partition('/')
        fl = flags(f) if f else []
        if needaffix not in fl:
            out.add(w)
        sfx, pfx = [], []
        for kind, cross, rl in (rules[x] for x in fl if x in rules):
            for strip, add, rx in rl:
                if kind == 'SFX' and rx.search(w) and w.endswith(strip):
                    nw = w[:len(w) - len(strip)] + add
                    out.add(nw)
                    if cross:
                        sfx.append(nw)
                elif kind == 'PFX' and rx.search(w) and w.startswith(strip):
                    out.add(add + w[len(strip):])
                    if cross:
                        pfx.append((strip, add))
        for s in sfx:
            for strip, add in pfx:
                if s.startswith(strip):
                    out.add(add + s[len(strip):])
    return {w.lower() for w in out}


def main():
    hr, sr = forms('hr_HR'), forms('sr_Latn_RS')
    hrl = sorted(hr)

    def with_prefix(p):
        i = bisect.bisect_left(hrl, p)
        while i < len(hrl) and hrl[i].startswith(p):
            yield hrl[i]
            i += 1

    pairs = []
    for w in hrl:
        for m in re.finditer(r'(?<=[bcčćdđfghklmnprsštvzž])(ije|je)', w):
            if w[m.start() - 1] == 'n' and m.group() == 'je':
                continue
            if m.end() == len(w) and w[:-1] + 'a' in hr:
                continue
            if w[m.end():m.end() + 1] == 'r' and m.group() == 'ije' and re.search('[aeiou]', w[:m.start()]):
                continue  # the loanwords' -ijer (premijer: Serbian premer is "diameter")
            for r in ('e', 'i') if m.group() == 'ije' else ('e',):
                e = w[:m.start()] + r + w[m.end():]
                if e in sr and e not in hr:
                    pairs.append((w, e, m.start(), len(m.group())))
    srl = sorted(sr)
    eforms = {e for w, e, k, jl in pairs}

    def sr_with_prefix(p):
        i = bisect.bisect_left(srl, p)
        while i < len(srl) and srl[i].startswith(p):
            yield srl[i]
            i += 1

    def share(p):  # the part of the Serbian forms with prefix p that are e-forms
        xs = list(sr_with_prefix(p))
        return sum(x in eforms for x in xs) / len(xs) if xs else 1.0

    ijek, ekav = set(), set()
    for w, e, k, jl in pairs:
        for n in range(max(k + 2, 4), len(e) + 1):
            # (and at least half the Serbian forms it covers are e-forms of
            # a pair: the Croatian dictionary lacks many forms, and
            # "nepretv*", from nepretvoran/neprijetvoran, covered nepretvoreni
            # "unconverted")
            if not any(True for _ in with_prefix(e[:n])) and (not STRICT or share(e[:n]) >= STRICT_SHARE):
                ekav.add(e[:n] + ('*' if n < len(e) else ''))
                break
        else:
            ekav.add(e)
        for n in range(max(k + jl + 1, 5), len(w) + 1):
            if all((x[:k] + 'e' + x[k + jl:]) not in hr for x in with_prefix(w[:n])):
                ijek.add(w[:n] + ('*' if n < len(w) else ''))
                break
        else:
            ijek.add(w)

    def minimal(s):  # drop entries a shorter stem covers
        out = []
        for x in sorted(s, key=lambda x: (x.rstrip('*'), not x.endswith('*'))):
            if out and out[-1].endswith('*') and x.startswith(out[-1][:-1]):
                continue
            out.append(x)
        return out

    rows = sorted([(x, 'hr bs') for x in minimal(ijek)] + [(x, 'sr') for x in minimal(ekav)])
    # (seventh round) src/langid.c reads a word of seven letters or more
    # ending in -aće -aćeš -aćemo -aćete -ićeš -ićemo -ićete as Serbian's
    # fused future (prikazivaće, koristićemo: Croatian and Bosnian write
    # prikazivat će); the Croatian forms of that shape (spavaće, najkraće,
    # preplićeš) are listed as telling nothing ("hr sr bs")
    if FUTURE:
        fut = re.compile(r'(aće|aćeš|aćemo|aćete|ićeš|ićemo|ićete)$')
        listed = {x for x, _ in rows}
        rows = sorted(rows + [(w, 'hr sr bs') for w in hrl
                              if len(w) >= 7 and fut.search(w) and w not in listed])
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', 'tables', 'langid', 'jat.txt')
    head = [l for l in open(path, encoding='utf-8') if l.startswith('#')] if os.path.exists(path) else []
    with open(path, 'w', encoding='utf-8') as f:
        f.writelines(head)
        f.writelines('%s\t%s\n' % r for r in rows)
    print(len(pairs), 'pairs,', len(rows), 'entries', file=sys.stderr)


if __name__ == '__main__':
    main()
