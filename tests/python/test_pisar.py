"""Tests of the Python package pisar on the repository's fixtures.

Run by CTest (python:pytest) with PYTHONPATH=<build>/python and
PISAR_FIXTURES=<source>/fixtures. Expected values were checked by hand: the
transliterations against the BGN/PCGN 1947 and ICAO 9303 tables, the keys
and canonical spellings against `pisar names`, the units against
`pisar prep -f jsonl` on the same files.
"""

import os
import subprocess
import threading

import pytest

import pisar

FIX = os.environ.get("PISAR_FIXTURES") or os.path.join(os.path.dirname(__file__), "..", "..",
                                                       "fixtures")
PISAR_BIN = os.environ.get("PISAR_BIN")


def fixture(*parts):
    with open(os.path.join(FIX, *parts), "rb") as f:
        return f.read()


# ------------------------------------------------------------------ detect


@pytest.mark.parametrize("name,encoding,language", [
    ("ru-windows-1251.txt", "windows-1251", "ru"),
    ("ru-koi8-r.txt", "koi8-r", "ru"),
    ("uk-utf-16le.txt", "utf-16le", "uk"),
    ("mk-iso-8859-5.txt", "iso-8859-5", "mk"),
    ("en-utf-8.txt", "ascii", "en"),
])
def test_detect_fixtures(name, encoding, language):
    d = pisar.detect(fixture("prep", name))
    assert (d.encoding, d.language) == (encoding, language)
    assert 0.5 < d.confidence <= 1.0
    assert isinstance(d, pisar.Detection)


def test_detect_binary():
    assert pisar.detect(bytes(range(256)) * 4).encoding == "binary"


# ------------------------------------------------------------------ decode


def test_decode_koi8_and_1251():
    text = "Привет, мир! Как дела у всех?"
    assert pisar.decode(text.encode("koi8-r")) == text
    assert pisar.decode(text.encode("cp1251"), "windows-1251") == text


def test_decode_fixture_matches_python_codec():
    raw = fixture("prep", "ru-windows-1251.txt")
    assert pisar.decode(raw) == raw.decode("cp1251")


def test_decode_repair():
    garbled = "Привет, мир".encode("utf-8").decode("cp1251").encode("utf-8")
    assert pisar.decode(garbled) == "РџСЂРёРІРµС‚, РјРёСЂ"
    assert pisar.decode(garbled, repair=True) == "Привет, мир"


def test_decode_error_has_offset():
    # 0x98 is undefined in windows-1251
    with pytest.raises(ValueError) as e:
        pisar.decode(b"abc\xe0\xe1\x98xyz", "windows-1251")
    assert e.value.offset == 5
    assert "byte offset 5" in str(e.value)
    with pytest.raises(ValueError) as e:
        pisar.decode(b"ok \xff\xfe ok", "utf-8")
    assert e.value.offset == 3


def test_decode_unknown_encoding_and_binary():
    with pytest.raises(ValueError):
        pisar.decode(b"x", "no-such-encoding")
    with pytest.raises(ValueError, match="binary"):
        pisar.decode(bytes(range(256)) * 4)


# --------------------------------------------------------------- normalize


def test_normalize_mojibake_and_homoglyph():
    assert pisar.normalize("РџСЂРёРІРµС‚, Pоссия!\n") == "Привет, Россия!\n"


def test_normalize_bytes_and_clean_text():
    assert pisar.normalize("Café crème, iPhone 15".encode("utf-8")) == "Café crème, iPhone 15"
    assert pisar.normalize("Cafe\u0301") == "Café"  # NFC


def test_normalize_invalid_utf8():
    with pytest.raises(ValueError):
        pisar.normalize(b"\xff\xfe\x00a\x00\xd8")  # lone surrogate in UTF-16


# ---------------------------------------------------------------- translit


def test_translit_schemes():
    assert pisar.translit("Юрий Ушаков и Егор Алеев, ЩУКИН.") == \
        "Yuriy Ushakov i Yegor Aleyev, SHCHUKIN."
    assert pisar.translit("Юрий Ушаков", "ru-icao") == "Iurii Ushakov"
    assert pisar.translit("Слободен печат", "mk-official") == "Sloboden pechat"
    assert pisar.translit("Ljubov i konjunkcija", "sr-latin", reverse=True) == "Љубов и конјункција"


def test_translit_iso9_roundtrip():
    text = "Щёлково, Ґалаґан, Їжакевич"
    latin = pisar.translit(text, "iso9")
    assert latin != text
    assert pisar.translit(latin, "iso9", reverse=True) == text


def test_translit_errors():
    with pytest.raises(ValueError):
        pisar.translit("x", "no-such-scheme")
    with pytest.raises(ValueError):
        pisar.translit("x", "ru-bgn", reverse=True)  # not reversible
    with pytest.raises(ValueError) as e:  # bytes must be UTF-8: the offset of the bad byte
        pisar.translit("Щука ".encode() + b"\xff")
    assert e.value.offset == 9


def test_schemes():
    s = pisar.schemes()
    assert len(s) == 38
    assert {"ru-bgn", "ru-icao", "uk-national", "sr-latin", "iso9"} <= set(s)


# ------------------------------------------------------------------- names


def test_name_key():
    keys = {pisar.name_key(n) for n in ["Yuriy Ushakov", "Juri Uschakow", "Юрий Ушаков"]}
    assert keys == {"@yuri-ushakov"}
    assert pisar.name_key("Шуйский") == "shuiski"
    assert pisar.name_key("Щуйский") == "shchuiski"
    # the text's language: Ukrainian и is the key's y, as Russian ы
    assert pisar.name_key("Крилов", "uk") == pisar.name_key("Крылов", "ru") == "krylov"
    assert pisar.name_key("Калинина", "ru") != pisar.name_key("Калынина", "ru")
    assert pisar.name_key("Дмитро Кулеба", "uk") == pisar.name_key("Dmytro Kuleba")


def test_group_names_resolve():
    names = ["Мария Захарова", "Maria Sacharowa", "Вадим Зорин", "Вадим Сорин", "Wadim Sorin"]
    assert pisar.group_names(names) == [
        "maria zakharova", "maria zakharova", "vadim zorin", "sorin vadim", "sorin vadim"]


def test_find_names_offsets_are_str_indices():
    text = "Вчера Юрий Ушаков встретился с Ким Чен Ыном в Пхеньяне. Ушаков сказал."
    ms = pisar.find_names(text)
    assert [(m.text, m.canonical, m.key) for m in ms] == [
        ("Юрий Ушаков", "Yuri Ushakov", "@yuri-ushakov"),
        ("Ким Чен Ыном", "Kim Jong Un", "@kim-jong-un"),
        ("Пхеньяне", "Pyongyang", "@pyongyang"),
        ("Ушаков", "Yuri Ushakov", "@yuri-ushakov"),
    ]
    for m in ms:
        assert text[m.offset:m.offset + m.length] == m.text
    assert ms[0].offset == 6


def test_names_invalid():
    with pytest.raises(ValueError):
        pisar.name_key("\ud800")


# ----------------------------------------------------------------- segment


def test_segment_russian():
    text = "В 2024 г. Потом все ушли. Стоял ул. Ленина дом. Конец!"
    assert pisar.segment(text, "ru") == ["В 2024 г.", "Потом все ушли.", "Стоял ул. Ленина дом.",
                                         "Конец!"]


def test_segment_english_detected():
    text = ('"Was it true?" Clare asked. Mr. Smith went to Washington. '
            "He met J. R. R. Tolkien there.")
    assert pisar.segment(text) == ['"Was it true?" Clare asked.', "Mr. Smith went to Washington.",
                                   "He met J. R. R. Tolkien there."]


# -------------------------------------------------------------------- prep


def _cli_units(path):
    """The units `pisar prep -f jsonl` writes for a file (id, source, note)."""
    import json
    if not PISAR_BIN:
        pytest.skip("PISAR_BIN not set")
    out = subprocess.run([PISAR_BIN, "prep", "-f", "jsonl", path], check=True,
                         capture_output=True).stdout
    return [(r["id"], r["source"], r.get("note")) for r in map(json.loads, out.splitlines())]


@pytest.mark.parametrize("name", ["ru-windows-1251.txt", "ru-koi8-r.txt", "uk-utf-16le.txt",
                                  "mk-iso-8859-5.txt", "en-utf-8.txt", "ru-utf-8.txt"])
def test_prep_matches_the_tool(name):
    units = pisar.prep(fixture("prep", name))
    assert [(u.id, u.source, u.note) for u in units] == _cli_units(os.path.join(FIX, "prep", name))


def test_prep_units_and_names():
    units = pisar.prep(fixture("prep", "en-utf-8.txt"), lang="en", target_lang="ru")
    assert units[0].id == "d1.p1.s1"
    assert units[0].source == "Putin's aide: We are actively developing relations with North Korea"
    u = units[1]
    assert u.id == "d1.p2.s1"
    got = [(m.text, m.canonical) for m in u.names]
    assert ("Yuriy Ushakov", "Yuri Ushakov") in got
    for m in u.names:
        assert u.source[m.offset:m.offset + m.length] == m.text


def test_prep_document_repairs():
    d = pisar.prep_document(fixture("prep", "ru-utf-8.txt"))
    assert (d.encoding, d.language) == ("utf-8", "ru")
    assert len(d.repairs) == 1
    r = d.repairs[0]
    assert (r.kind, r.paragraph, r.how) == ("mojibake", 3, "utf-8 read as windows-1251")
    assert r.after == "Выставка продлится до 1 сентября. Вход для школьников бесплатный."


def test_prep_str_offsets_non_ascii():
    units = pisar.prep("Глава МИД России Сергей Лавров прибыл в Минск.", lang="ru")
    (u,) = units
    m = [m for m in u.names if m.canonical == "Sergei Lavrov"][0]
    assert u.source[m.offset:m.offset + m.length] == "Сергей Лавров"


def test_prep_bad_input():
    with pytest.raises(ValueError) as e:
        pisar.prep_document(b"abc\x98", encoding="windows-1251")
    assert e.value.offset == 3
    with pytest.raises(ValueError):
        pisar.prep(bytes(range(256)) * 4)


# ----------------------------------------------------------------- threads


def test_threads_share_a_scheme_and_a_segmenter():
    scheme = pisar.Scheme("ru-bgn")
    seg = pisar.Segmenter("ru")
    texts = [pisar.decode(fixture("prep", n)) for n in
             ("ru-windows-1251.txt", "ru-koi8-r.txt", "ru-utf-8.txt")]
    want = [(scheme(t), seg(t)) for t in texts]
    errors = []

    def work(k):
        try:
            for i in range(200):
                t = texts[(i + k) % len(texts)]
                got = (scheme(t), seg(t))
                if got != want[(i + k) % len(texts)]:
                    errors.append((k, i))
                    return
                if pisar.translit(t) != want[(i + k) % len(texts)][0]:
                    errors.append((k, i, "module"))
                    return
        except Exception as e:  # pragma: no cover - reported below
            errors.append(repr(e))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


# -------------------------------------------------------------------- leaks


def _rss_kb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc")
@pytest.mark.skipif(os.environ.get("PISAR_SANITIZED") == "1",
                    reason="ASan keeps freed memory in quarantine: RSS says nothing")
def test_no_leak_over_100000_calls():
    text = "Юрий Ушаков сказал: РџСЂРёРІРµС‚. Mr. Smith agreed."
    raw = text.encode("cp1251", "replace")
    fast = [
        lambda: pisar.translit(text),
        lambda: pisar.name_key("Juri Uschakow"),
        lambda: pisar.decode(raw, "windows-1251"),
        lambda: pisar.segment(text, "ru"),
        lambda: pisar.find_names(text),
        lambda: pisar.group_names(["Юрий Ушаков", "Yuri Ushakov"]),
    ]
    # detection costs ~3 ms even on a short text, a normalizer and prep
    # ~0.4 ms: one of them after every six rounds of the fast calls
    slow = [lambda: pisar.detect(raw), lambda: pisar.normalize(text),
            lambda: pisar.prep(text, "ru")]
    calls = fast * 6 + [slow[0]] + fast * 6 + [slow[1]] + fast * 6 + [slow[2]]

    def run(n):
        for i in range(n):
            calls[i % len(calls)]()
        try:  # errors allocate too
            pisar.decode(b"\x98", "windows-1251")
        except ValueError:
            pass

    run(10000)  # warm up: caches, the allocator's arenas
    before = _rss_kb()
    run(100000)
    grown = _rss_kb() - before
    # a leak of 16 bytes per call would be 1,600 KB
    assert grown < 1024, "RSS grew by %d KB over 100,000 calls" % grown
