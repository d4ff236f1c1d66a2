#!/usr/bin/env python3
"""make_clusters.py -- build the name-key benchmark clusters.

Reads people.txt (lang<TAB>Cyrillic name) and attested.tsv (hand-written press
spellings, cluster id by Cyrillic name), writes clusters.tsv
(cluster_id<TAB>variant) and meta.tsv (cluster_id, variant, lang, source).

Each cluster gets: the Cyrillic original; romanizations under BGN/PCGN,
ICAO Doc 9303 (2015), ISO 9:1995, ALA-LC (ligatures dropped, as the press
prints it), scholarly, English Wikipedia/AP practice and, for Ukrainian, the
national system (2010); and the press transcriptions of German (Duden),
French, Polish, Czech, Hungarian, Dutch, Swedish and Spanish, generated here
by forward rules written from those conventions' descriptions (independent
of the folding rules in tables/names/latin.txt, which go the other way);
plus the attested spellings of attested.tsv.
"""
import re, sys, unicodedata

VOW = set("аеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ")
SOFTS = set("ьъйЬЪЙ")
IOT = {"е", "ё", "ю", "я", "є", "ї"}

def iotated(w, i):
    return i == 0 or w[i-1].lower() in VOW or w[i-1].lower() in SOFTS

def translit(word, base, iot=None, end=(), pre=(), hush_o=None, vowel_s=None):
    """base: letter->str; iot: letter->str at word start/after vowel;
    end: [(cyr_suffix, latin)] applied at word end; pre: [(regex, repl)] on
    the Cyrillic word; hush_o: value of ё after ж ч ш щ; vowel_s: с between
    vowels."""
    w = word.lower()
    for a, b in pre:
        w = re.sub(a, b, w)
    tail = ""
    for suf, lat in end:
        if w.endswith(suf) and len(w) > len(suf) + 1:
            w = w[: -len(suf)]
            tail = lat
            break
    out = []
    for i, ch in enumerate(w):
        if not ("\u0400" <= ch <= "\u04ff"):
            out.append(ch); continue
        if hush_o and ch == "ё" and i and w[i-1] in "жчшщ":
            out.append(hush_o); continue
        if vowel_s and ch == "с" and 0 < i < len(w)-1 and w[i-1] in VOW and w[i+1] in VOW:
            out.append(vowel_s); continue
        if iot and ch in iot and iotated(w, i):
            out.append(iot[ch]); continue
        out.append(base.get(ch, ""))
    s = "".join(out) + tail
    # capitalise like the original
    if word[:1].isupper():
        s = s[:1].upper() + s[1:]
    return s

def mk(base_overrides, common=None):
    b = dict(common or COMMON)
    b.update(base_overrides)
    return b

COMMON = dict(zip("абвгдзиклмнопрстуф", "abvgdziklmnoprstuf"))
COMMON.update({"е": "e", "э": "e", "ы": "y", "ь": "", "ъ": "", "і": "i", "ї": "i",
               "є": "e", "ґ": "g", "ў": "w", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "ć",
               "ђ": "đ", "џ": "dž", "ѓ": "ǵ", "ќ": "ḱ", "ѕ": "dz"})

SCHEMES = {}

def scheme(name):
    def deco(f):
        SCHEMES[name] = f
        return f
    return deco

@scheme("bgn")
def bgn(w):
    b = mk({"ё": "ë", "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
            "щ": "shch", "ъ": "", "ь": "'", "ю": "yu", "я": "ya", "е": "e", "ы": "y"})
    return translit(w, b, iot={"е": "ye", "ё": "yë"})

@scheme("bgn-plain")
def bgn_plain(w):
    b = mk({"ё": "e", "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
            "щ": "shch", "ю": "yu", "я": "ya"})
    return translit(w, b, iot={"е": "ye", "ё": "ye"})

@scheme("icao")
def icao(w):
    b = mk({"ё": "e", "ж": "zh", "й": "i", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
            "щ": "shch", "ъ": "ie", "ю": "iu", "я": "ia", "ы": "y"})
    return translit(w, b)

@scheme("iso9")
def iso9(w):
    b = mk({"ё": "ë", "ж": "ž", "й": "j", "х": "h", "ц": "c", "ч": "č", "ш": "š", "щ": "ŝ",
            "ъ": "ʺ", "ь": "ʹ", "ю": "û", "я": "â", "э": "è", "ы": "y"})
    return translit(w, b)

@scheme("scholarly")
def scholarly(w):
    b = mk({"ё": "ë", "ж": "ž", "й": "j", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč",
            "ъ": "", "ь": "", "ю": "ju", "я": "ja", "ы": "y"})
    return translit(w, b)

@scheme("alalc")
def alalc(w):
    b = mk({"ё": "e", "ж": "zh", "й": "i", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
            "щ": "shch", "ъ": "", "ь": "", "ю": "iu", "я": "ia", "ы": "y"})
    return translit(w, b)

@scheme("wikipedia")
def wikipedia(w):
    b = mk({"ё": "yo", "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
            "щ": "shch", "ю": "yu", "я": "ya", "ы": "y"})
    return translit(w, b, iot={"е": "ye", "ё": "yo"}, hush_o="o",
                    end=[("ский", "sky"), ("ий", "y"), ("ый", "y")],
                    pre=[(r"кс", "x")] if w.lower().startswith("алекс") else ())

@scheme("ap")
def ap(w):
    b = mk({"ё": "yo", "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
            "щ": "shch", "ю": "yu", "я": "ya", "ы": "y"})
    return translit(w, b, iot={"е": "ye", "ё": "yo"}, hush_o="o",
                    end=[("ский", "sky"), ("ей", "ei"), ("ий", "i"), ("ый", "y")])

@scheme("uk-national")
def uk_national(w):
    b = mk({"г": "h", "ґ": "g", "є": "ie", "ж": "zh", "и": "y", "і": "i", "ї": "i",
            "й": "i", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "iu",
            "я": "ia", "ь": "", "'": ""})
    s = translit(w, b, pre=[(r"зг", "zgh")])
    lw = w.lower()
    first = {"є": "Ye", "ї": "Yi", "й": "Y", "ю": "Yu", "я": "Ya"}.get(lw[:1])
    if first:
        s = first + s[len(b[lw[0]]):]
    return s

@scheme("de")
def de(w):
    b = mk({"в": "w", "ё": "jo", "ж": "sch", "з": "s", "й": "j", "х": "ch", "ц": "z",
            "ч": "tsch", "ш": "sch", "щ": "schtsch", "ю": "ju", "я": "ja", "ы": "y",
            "г": "g", "ў": "u"})
    return translit(w, b, iot={"е": "je", "ё": "jo"}, hush_o="o", vowel_s="ss",
                    end=[("ский", "ski"), ("ий", "i"), ("ый", "y"), ("ей", "ej")])

@scheme("fr")
def fr(w):
    b = mk({"ё": "io", "ж": "j", "й": "ï", "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch",
            "щ": "chtch", "у": "ou", "ю": "iou", "я": "ia", "ы": "y"})
    return translit(w, b, iot={"е": "ie", "ё": "io", "ю": "iou"}, hush_o="o", vowel_s="ss",
                    end=[("ский", "ski"), ("ин", "ine"), ("ий", "i"), ("ый", "y"), ("ей", "eï"),
                         ("ая", "aïa")],
                    pre=[(r"г([еиэы])", r"gu\1")])

@scheme("pl")
def pl(w):
    b = mk({"в": "w", "е": "ie", "ё": "io", "ж": "ż", "й": "j", "л": "ł", "х": "ch",
            "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ю": "iu", "я": "ia", "ы": "y"})
    s = translit(w, b, iot={"е": "je", "ё": "jo", "ю": "ju", "я": "ja"},
                 end=[("ский", "ski"), ("ская", "ska"), ("ий", "ij"), ("ый", "y")],
                 pre=[(r"([жшчщц])е", r"\1э"), (r"л([еиюяь])", r"L\1"), (r"ль", "L")])
    return s.replace("L", "l")

@scheme("cs")
def cs(w):
    b = mk({"ё": "jo", "ж": "ž", "й": "j", "х": "ch", "ц": "c", "ч": "č", "ш": "š",
            "щ": "šč", "ю": "ju", "я": "ja", "ы": "y"})
    s = translit(w, b, iot={"е": "je", "ё": "jo"}, hush_o="o",
                 end=[("ский", "skij"), ("ская", "ská"), ("ова", "ová"), ("ева", "evová"),
                      ("ина", "inová"), ("ий", "ij"), ("ый", "yj")])
    return s

@scheme("hu")
def hu(w):
    b = mk({"ё": "jo", "ж": "zs", "й": "j", "с": "sz", "х": "h", "ц": "c", "ч": "cs",
            "ш": "s", "щ": "scs", "ю": "ju", "я": "ja", "ы": "i", "у": "u"})
    return translit(w, b, iot={"е": "je"},
                    end=[("ский", "szkij"), ("ий", "ij"), ("ый", "ij")],
                    pre=[(r"д([иеья])", r"дь\1"), (r"т([иеья])", r"ть\1"), (r"н([иья])", r"нь\1"),
                         (r"дь", "gy"), (r"ть", "ty"), (r"нь", "ny")])

@scheme("nl")
def nl(w):
    b = mk({"ё": "jo", "ж": "zj", "й": "j", "х": "ch", "ц": "ts", "ч": "tsj", "ш": "sj",
            "щ": "sjtsj", "у": "oe", "ю": "joe", "я": "ja", "ы": "y"})
    return translit(w, b, iot={"е": "je"}, hush_o="o",
                    end=[("ский", "ski"), ("ий", "i"), ("ый", "y")])

@scheme("sv")
def sv(w):
    b = mk({"ё": "jo", "ж": "zj", "й": "j", "х": "ch", "ц": "ts", "ч": "tj", "ш": "sj",
            "щ": "sjtj", "ю": "ju", "я": "ja", "ы": "y"})
    return translit(w, b, iot={"е": "je"}, hush_o="o",
                    end=[("ский", "skij"), ("ий", "ij"), ("ый", "yj")])

@scheme("es")
def es(w):
    b = mk({"ё": "io", "ж": "zh", "й": "i", "х": "j", "ц": "ts", "ч": "ch", "ш": "sh",
            "щ": "shch", "ю": "iu", "я": "ia", "ы": "y"})
    return translit(w, b, iot={"е": "ye", "ё": "yo", "ю": "yu", "я": "ya"}, hush_o="o",
                    end=[("ский", "ski"), ("ей", "éi"), ("ий", "i"), ("ый", "i")],
                    pre=[(r"г([еи])", r"gu\1")])

RU_SCHEMES = ["bgn", "bgn-plain", "icao", "iso9", "scholarly", "alalc", "wikipedia", "ap",
              "de", "fr", "pl", "cs", "hu", "nl", "sv", "es"]
UK_SCHEMES = ["uk-national", "icao", "iso9", "scholarly", "de", "pl", "cs", "fr"]
SOUTH_SCHEMES = ["bgn-plain", "iso9", "scholarly", "de", "fr", "pl", "cs"]
BG = {"ъ": "a", "щ": "sht", "ь": "y", "ю": "yu", "я": "ya", "й": "y", "ж": "zh", "х": "h",
      "ц": "ts", "ч": "ch", "ш": "sh"}
SR_SCHEMES = ["gaj", "gaj-ascii", "iso9"]

GAJ = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z",
       "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o",
       "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c",
       "ч": "č", "џ": "dž", "ш": "š", "ѓ": "gj", "ќ": "kj", "ѕ": "dz"}

@scheme("gaj")
def gaj(w):
    return translit(w, GAJ)

@scheme("gaj-ascii")
def gaj_ascii(w):
    s = gaj(w).replace("đ", "dj").replace("Đ", "Dj")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()

@scheme("bg-streamlined")
def bg_streamlined(w):
    return translit(w, mk(BG), end=[("ия", "ia")])

def romanize(name, sch, lang="ru"):
    f = SCHEMES[sch]
    if lang == "be":
        # Belarusian ў: w in BGN/PCGN 1979, ŭ in ISO 9 and the national system, u in the press
        name = name.replace("ў", "w" if sch.startswith("bgn") else "ŭ" if sch in ("iso9", "scholarly") else "у")
    if lang == "bg":
        # Bulgarian ъ is a vowel: ă in ISO 9 and the scholarly system, a in the press
        name = name.replace("ъ", "ǎ" if sch == "iso9" else "ă" if sch == "scholarly" else "а")
    words = name.split()
    out = []
    for i, w in enumerate(words):
        if sch == "cs" and i < len(words) - 1:
            f2 = lambda p: translit(p, mk({"ё": "jo", "ж": "ž", "й": "j", "х": "ch", "ц": "c", "ч": "č",
                "ш": "š", "щ": "šč", "ю": "ju", "я": "ja", "ы": "y"}), iot={"е": "je", "ё": "jo"},
                end=[("ий", "ij"), ("ый", "yj")])
            out.append("-".join(f2(p) for p in w.split("-")))
        else:
            out.append("-".join(f(p) for p in w.split("-")))
    return " ".join(out)

def main():
    rows, meta = [], []
    seen = set()
    def add(cid, v, lang, src):
        v = unicodedata.normalize("NFC", v)
        if (cid, v) in seen or not v.strip():
            return
        seen.add((cid, v))
        rows.append((cid, v)); meta.append((cid, v, lang, src))
    people = []
    for line in open("people.txt", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        lang, name = line.rstrip("\n").split("\t")
        people.append((lang, name))
    ids = {}
    for n, (lang, name) in enumerate(people):
        cid = f"N-{lang}-{n:04d}"
        ids[name] = cid
        add(cid, name, lang, "cyrillic")
        schemes = (UK_SCHEMES if lang == "uk" else SR_SCHEMES if lang in ("sr", "mk")
                   else ["bg-streamlined", "iso9", "scholarly", "de", "fr", "pl", "cs"] if lang == "bg"
                   else SOUTH_SCHEMES if lang == "be" else RU_SCHEMES)
        for s in schemes:
            add(cid, romanize(name, s, lang), s, "scheme:" + s)
    for line in open("attested.tsv", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cyr, lang, v = line.rstrip("\n").split("\t")
        if cyr not in ids:
            sys.exit(f"attested.tsv: {cyr} is not in people.txt")
        add(ids[cyr], v, lang, "attested:" + lang)
    with open("clusters.tsv", "w", encoding="utf-8") as f:
        for cid, v in rows:
            f.write(f"{cid}\t{v}\n")
    with open("meta.tsv", "w", encoding="utf-8") as f:
        f.write("cluster_id\tvariant\tlang\tsource\n")
        for r in meta:
            f.write("\t".join(r) + "\n")
    # The hand-written part alone: each person's Cyrillic original and the
    # spellings of attested.tsv (none generated here), and the same for the
    # block added last (after "# ---- added"), scored apart by run.sh.
    hand, new, seen, in_new = [], [], set(), False
    for line in open("attested.tsv", encoding="utf-8"):
        if line.startswith("# ---- added"):
            in_new = True
        if line.startswith("#") or not line.strip():
            continue
        cyr, lang, v = line.rstrip("\n").split("\t")
        for out, take in ((hand, True), (new, in_new)):
            if not take:
                continue
            for x in (cyr, v):
                if (id(out), ids[cyr], x) not in seen:
                    seen.add((id(out), ids[cyr], x))
                    out.append((ids[cyr], x))
    for path, part in (("hand.tsv", hand), ("hand-new.tsv", new)):
        with open(path, "w", encoding="utf-8") as f:
            for cid, v in part:
                f.write(f"{cid}\t{v}\n")
    print(f"{len(people)} clusters, {len(rows)} variants; hand-written: "
          f"{len(hand)} variants, of them added last {len(new)}", file=sys.stderr)

if __name__ == "__main__":
    main()
