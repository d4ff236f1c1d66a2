#!/usr/bin/env python3
"""score.py -- the project's own scorer for sentence segmenters (pisar and peers).

usage: score.py [--evalset DIR] [--sets GLOB,...] [--cases FILE.jsonl ...]
                [--name NAME] [--json OUT] [--errors N] -- 'COMMAND {lang} {tag}'

COMMAND runs through `sh -c`, reads text on stdin and prints one sentence a
line.  {lang} becomes the set's language code (ru, sr, ...), {tag} the set's
full tag (sr_cyrl).

Running text: DIR/<tag>-<name>/raw.txt and gold.txt (one gold sentence a line;
blank lines are ignored).  Every whitespace character is removed from the raw
text, the gold sentences and the predicted ones; a boundary is an offset in that
string where a sentence ends and another begins (the end of the text is not a
boundary).  Precision, recall and F1 are taken over these offsets, per set, and
the macro F1 is their plain mean.

Short cases: each line of a .jsonl file is {"lang": ..., "text": ...,
"sentences": [...]} (without "lang", the file name's stem before the first
'.' or '-' is the tag).  All the cases of one language go to one run of the
command, separated by empty lines; a case is right when the boundaries the
command puts inside it are exactly its gold boundaries.

A segmenter that rewrites its text (the predicted sentences do not spell the
raw text once whitespace is gone) is scored on the longest prefix where they
agree, and flagged.
"""
import argparse
import fnmatch
import glob
import json
import os
import re
import subprocess
import sys

WS = re.compile(r"\s+")


def squash(s):
    return WS.sub("", s)


def boundaries(sentences):
    """Offsets (in the whitespace-free text) where a sentence ends, but the last."""
    out, pos = [], 0
    parts = [squash(s) for s in sentences]
    parts = [p for p in parts if p]
    for p in parts[:-1]:
        pos += len(p)
        out.append(pos)
    return out, "".join(parts)


def run(command, text, timeout):
    p = subprocess.run(["sh", "-c", command], input=text.encode("utf-8"),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    if p.returncode != 0:
        sys.stderr.write("score.py: command failed (%d): %s\n%s\n" %
                         (p.returncode, command, p.stderr.decode("utf-8", "replace")[:400]))
    return p.stdout.decode("utf-8", "replace").split("\n")


def aligned_prefix(a, b):
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def prf(tp, npred, ngold):
    p = tp / npred if npred else 1.0
    r = tp / ngold if ngold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def lang_of(tag):
    return tag.split("_")[0]


def score_set(d, command, timeout, nerr):
    tag = os.path.basename(d).split("-")[0]
    raw = open(os.path.join(d, "raw.txt"), encoding="utf-8").read()
    gold = [l for l in open(os.path.join(d, "gold.txt"), encoding="utf-8").read().split("\n")
            if l.strip()]
    cmd = command.replace("{lang}", lang_of(tag)).replace("{tag}", tag)
    pred = [l for l in run(cmd, raw, timeout) if l.strip()]
    gb, gtext = boundaries(gold)
    pb, ptext = boundaries(pred)
    flag = ""
    if ptext != gtext:
        flag = "~"
        lim = aligned_prefix(ptext, gtext)
        gb = [b for b in gb if b <= lim]
        pb = [b for b in pb if b <= lim]
    gs, ps = set(gb), set(pb)
    tp = len(gs & ps)
    p, r, f = prf(tp, len(ps), len(gs))
    errors = []
    if nerr:
        for b in sorted((gs ^ ps))[:nerr]:
            kind = "missed" if b in gs else "false"
            errors.append("%s %s: ...%s | %s..." % (os.path.basename(d), kind,
                                                   gtext[max(0, b - 30):b], gtext[b:b + 30]))
    return {"set": os.path.basename(d), "tp": tp, "pred": len(ps), "gold": len(gs),
            "P": p, "R": r, "F1": f, "flag": flag}, errors


def score_cases(paths, command, timeout, nerr):
    by_tag = {}
    for path in paths:
        stem = re.split(r"[.-]", os.path.basename(path))[0]
        for line in open(path, encoding="utf-8"):
            if not line.strip():
                continue
            c = json.loads(line)
            by_tag.setdefault(c.get("lang", stem), []).append(c)
    right = total = 0
    per, errors = {}, []
    for tag, cases in sorted(by_tag.items()):
        text = "\n\n".join(c["text"].strip() for c in cases) + "\n"
        cmd = command.replace("{lang}", lang_of(tag)).replace("{tag}", tag)
        pred = [l for l in run(cmd, text, timeout) if l.strip()]
        pb, ptext = boundaries(pred)
        pset = set(pb)
        pos = 0
        ok_tag = 0
        for c in cases:
            gb, gtext = boundaries(c["sentences"])
            lo, hi = pos, pos + len(gtext)
            inside = sorted(b - lo for b in pset if lo < b < hi)
            good = inside == gb and ptext[lo:hi] == gtext
            ok_tag += good
            if not good and len(errors) < nerr:
                errors.append("[%s] %s\n    gold: %s\n    got boundaries %s, gold %s" %
                              (tag, c["text"], " | ".join(c["sentences"]), inside, gb))
            pos = hi
        per[tag] = (ok_tag, len(cases))
        right += ok_tag
        total += len(cases)
    return right, total, per, errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--evalset", default=os.environ.get("SEG_EVALSET"))
    ap.add_argument("--sets", default="*")
    ap.add_argument("--cases", nargs="*", default=[])
    ap.add_argument("--name", default="segmenter")
    ap.add_argument("--json")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("command", nargs="+")
    a = ap.parse_args()
    command = " ".join(a.command)
    res = {"name": a.name, "command": command, "sets": []}
    errs = []
    if a.evalset:
        pats = a.sets.split(",")
        dirs = sorted(d for d in glob.glob(os.path.join(a.evalset, "*"))
                      if os.path.isfile(os.path.join(d, "raw.txt")) and
                      any(fnmatch.fnmatch(os.path.basename(d), p) for p in pats))
        for d in dirs:
            r, e = score_set(d, command, a.timeout, a.errors)
            res["sets"].append(r)
            errs += e
            print("%-20s P %.4f R %.4f F1 %6.2f  (%d/%d/%d)%s" %
                  (r["set"], r["P"], r["R"], 100 * r["F1"], r["tp"], r["pred"], r["gold"], r["flag"]))
        if res["sets"]:
            res["macroF1"] = sum(r["F1"] for r in res["sets"]) / len(res["sets"])
            print("SUMMARY %s macro F1 %.2f over %d sets" %
                  (a.name, 100 * res["macroF1"], len(res["sets"])))
    if a.cases:
        right, total, per, e = score_cases(a.cases, command, a.timeout, a.errors)
        errs += e
        res["cases"] = {"right": right, "total": total, "per": per}
        for tag, (ok, n) in sorted(per.items()):
            print("cases %-8s %d/%d" % (tag, ok, n))
        print("SUMMARY %s cases exactly right %d/%d = %.1f %%" %
              (a.name, right, total, 100.0 * right / total if total else 0))
    for e in errs:
        print(e)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
