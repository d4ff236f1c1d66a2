#!/usr/bin/env python3
"""score.py -- score a transliteration command on input<TAB>expected sets.

    bench/translit/score.py --cmd 'build/pisar translit -s {scheme}' fixtures/translit/*.tsv

For each SET.tsv the command (run by sh; "{scheme}" becomes the set's file
name without .tsv) reads the inputs, one a line, on standard input and must
print one line per input. Prints per set: samples, exact matches (%), and the
character error rate (edit distance over expected characters, both sides in
NFC); then one SUMMARY line over all samples. Exit 2 when the command cannot
run or prints the wrong number of lines. Python 3 standard library only.
"""
import argparse
import os
import subprocess
import sys
import unicodedata


def distance(a, b):
    """Levenshtein distance between two strings (code points)."""
    if len(a) < len(b):
        a, b = b, a
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            cur = min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
            prev, row[j] = row[j], cur
    return row[len(b)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cmd", required=True)
    ap.add_argument("--ignore-case", action="store_true")
    ap.add_argument("--show", type=int, default=0, help="print up to N mismatches per set")
    ap.add_argument("sets", nargs="+")
    args = ap.parse_args()
    total = exact_all = dist_all = chars_all = 0
    for path in args.sets:
        pairs = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line or line.startswith("#") or "\t" not in line:
                    continue
                src, exp = line.split("\t", 1)
                pairs.append((src, exp))
        scheme = os.path.basename(path)[:-4] if path.endswith(".tsv") else os.path.basename(path)
        cmd = args.cmd.replace("{scheme}", scheme)
        run = subprocess.run(cmd, shell=True, input="".join(s + "\n" for s, _ in pairs),
                             capture_output=True, text=True)
        got = run.stdout.split("\n")
        if got and got[-1] == "":
            got.pop()
        if run.returncode != 0 or len(got) != len(pairs):
            print(f"{path}: command failed (status {run.returncode}, {len(got)} lines for "
                  f"{len(pairs)}): {run.stderr.strip()[:200]}", file=sys.stderr)
            sys.exit(2)
        exact = dist = chars = shown = 0
        for (src, exp), out in zip(pairs, got):
            e = unicodedata.normalize("NFC", exp)
            o = unicodedata.normalize("NFC", out)
            if args.ignore_case:
                e, o = e.casefold(), o.casefold()
            d = distance(e, o)
            exact += d == 0
            dist += d
            chars += len(e)
            if d and shown < args.show:
                print(f"  {src}\texpected {exp}\tgot {out}")
                shown += 1
        n = len(pairs)
        print(f"{scheme}\t{n} samples\texact {100.0 * exact / max(n, 1):.1f} %\t"
              f"CER {100.0 * dist / max(chars, 1):.2f} %")
        total += n
        exact_all += exact
        dist_all += dist
        chars_all += chars
    print(f"SUMMARY\t{total} samples\texact {100.0 * exact_all / max(total, 1):.1f} %\t"
          f"CER {100.0 * dist_all / max(chars_all, 1):.2f} %")


if __name__ == "__main__":
    main()
