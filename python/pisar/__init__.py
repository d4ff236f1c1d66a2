"""pisar -- prepare multilingual Cyrillic/Latin news text for translators.

A thin layer over libpisar through ctypes (standard library only). Text goes
in and out as ``str``; ``bytes`` where encodings are the point (detect,
decode, and normalize/prep of raw input).

Offsets (``Mention.offset``, ``Mention.length``) are indices into the Python
``str`` that was passed (code points), not UTF-8 byte offsets. The byte
offset of a ``PisarError`` is an offset into the ``bytes`` given (or into the
UTF-8 encoding of a ``str``), as the library reports it.

Thread safety: every function may be called from any thread. ``Scheme``
objects are immutable and shared freely; a ``Segmenter`` serialises its
calls with a lock (the C handle keeps a position).
"""

import ctypes
import threading
from collections import namedtuple

from ._lib import lib, Buf, Error, Detection_, NAME_CALLBACK, PrepOptions_, PrepResult_

__all__ = [
    "PisarError", "Detection", "Mention", "Unit", "Repair", "Document",
    "detect", "decode", "normalize", "translit", "schemes", "Scheme",
    "name_key", "group_names", "find_names", "segment", "Segmenter",
    "prep", "prep_document", "version",
]

ENC_UNKNOWN = 0
ENC_BINARY = 1
NORM_ALL = 7
DECODE_NFC = 1 << 1


class PisarError(ValueError):
    """Bad input. ``offset`` is the byte offset of the offending input (or
    None), ``message`` the library's message."""

    def __init__(self, message, offset=None):
        self.message = message
        self.offset = offset
        if offset is not None:
            super().__init__("%s (byte offset %d)" % (message, offset))
        else:
            super().__init__(message)


Detection = namedtuple("Detection", "encoding confidence language runner_up")
Mention = namedtuple("Mention", "offset length text key canonical")
Unit = namedtuple("Unit", "id paragraph sentence source names note")
Repair = namedtuple("Repair", "kind paragraph before after how")
Document = namedtuple("Document", "encoding confidence language units repairs")


def version():
    """The library's version string."""
    return lib.pisar_version().decode()


def _s(b):
    return b.decode("utf-8") if b is not None else None


def _raise(rc, err=None, what=None):
    msg = lib.pisar_strerror(rc).decode()
    offset = None
    if err is not None:
        m = err.message.decode("utf-8", "replace")
        if m:
            msg = m
        if rc in (-3, -4):  # EILSEQ, ETRUNC: an offset that means something
            offset = int(err.offset)
    if what:
        msg = "%s: %s" % (what, msg)
    raise PisarError(msg, offset)


def _utf8(text, name="text"):
    if isinstance(text, str):
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError as e:  # lone surrogates
            raise PisarError("%s is not valid Unicode: %s" % (name, e.reason), None) from None
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    raise TypeError("%s must be str or bytes, not %s" % (name, type(text).__name__))


class _Buf:
    """A pisar_buf freed on exit."""

    def __enter__(self):
        self.b = Buf()
        return self.b

    def __exit__(self, *a):
        lib.pisar_buf_free(ctypes.byref(self.b))


def _take(buf):
    return ctypes.string_at(buf.data, buf.len).decode("utf-8") if buf.len else ""


class _Offsets:
    """Byte offsets of a UTF-8 string to str indices, in increasing order."""

    def __init__(self, data):
        self.data = data
        self.byte = 0
        self.char = 0

    def __call__(self, off):
        if off < self.byte:
            self.byte = self.char = 0
        self.char += len(self.data[self.byte:off].decode("utf-8", "replace"))
        self.byte = off
        return self.char


# ---------------------------------------------------------------- detection


def detect(data):
    """Encoding and language of raw bytes: Detection(encoding, confidence,
    language, runner_up); runner_up is None unless a second encoding is close."""
    data = _utf8(data, "data") if not isinstance(data, str) else _utf8(data)
    d = Detection_()
    rc = lib.pisar_detect(data, len(data), ctypes.byref(d))
    if rc < 0:
        _raise(rc)
    ru = None
    if d.runner_up not in (ENC_UNKNOWN, d.encoding):
        ru = _s(lib.pisar_encoding_name(d.runner_up))
    return Detection(_s(lib.pisar_encoding_name(d.encoding)), round(d.confidence, 4),
                     _s(d.language) or "und", ru)


def _encoding_of(data, encoding):
    if encoding is None:
        d = Detection_()
        rc = lib.pisar_detect(data, len(data), ctypes.byref(d))
        if rc < 0:
            _raise(rc)
        enc = d.encoding
    else:
        enc = lib.pisar_encoding_from_name(encoding.encode())
        if enc == ENC_UNKNOWN:
            raise PisarError("unknown encoding '%s'" % encoding)
    if enc == ENC_BINARY:
        raise PisarError("not text (binary data)")
    return enc


def _repair_lines(text_bytes):
    """Normalize (NFC, mojibake, homoglyphs) line by line, as the tool does."""
    n = ctypes.c_void_p()
    rc = lib.pisar_normalizer_new(ctypes.byref(n), NORM_ALL)
    if rc < 0:
        _raise(rc)
    try:
        err = Error()
        with _Buf() as out:
            start = 0
            while start < len(text_bytes):
                end = text_bytes.find(b"\n", start)
                end = len(text_bytes) if end < 0 else end + 1
                rc = lib.pisar_normalizer_apply(n, text_bytes[start:end], end - start,
                                                ctypes.byref(out), ctypes.byref(err))
                if rc < 0:
                    err.offset += start
                    _raise(rc, err)
                start = end
            return _take(out)
    finally:
        lib.pisar_normalizer_free(n)


def decode(data, encoding=None, repair=False):
    """Decode bytes in any encoding pisar knows (detected when None) to str,
    in NFC; repair=True also repairs mojibake and look-alike letters, a line
    at a time. Raises PisarError (a ValueError) with the byte offset of what
    does not decode."""
    data = _utf8(data, "data")
    enc = _encoding_of(data, encoding)
    err = Error()
    with _Buf() as out:
        rc = lib.pisar_decode(enc, data, len(data), DECODE_NFC, ctypes.byref(out), ctypes.byref(err))
        if rc < 0:
            if rc in (-3, -4):
                raise PisarError("undecodable bytes decoding as %s"
                                 % _s(lib.pisar_encoding_name(enc)), int(err.offset))
            _raise(rc, err)
        if not repair:
            return _take(out)
        text = ctypes.string_at(out.data, out.len) if out.len else b""
    return _repair_lines(text)


def normalize(text):
    """Repair text: mojibake, look-alike letters, NFC. bytes are decoded
    first (encoding detected); str is taken as it is."""
    if isinstance(text, str):
        return _repair_lines(_utf8(text))
    return decode(text, None, repair=True)


# ---------------------------------------------------------- transliteration


class Scheme:
    """An open transliteration scheme; immutable, may be shared by threads."""

    def __init__(self, scheme_id="ru-bgn", reverse=False):
        h = ctypes.c_void_p()
        err = Error()
        rc = lib.pisar_translit_open(ctypes.byref(h), scheme_id.encode(), 1 if reverse else 0,
                                     ctypes.byref(err))
        if rc < 0:
            what = "unknown scheme '%s'" % scheme_id
            if reverse:
                what += " (or it has no reverse direction)"
            raise PisarError(what)
        self._h = h
        self.id = scheme_id
        self.reverse = reverse

    def __call__(self, text):
        data = _utf8(text)
        err = Error()
        with _Buf() as out:
            rc = lib.pisar_translit_apply_with_errors(self._h, data, len(data), ctypes.byref(out),
                                                      ctypes.byref(err))
            if rc < 0:
                _raise(rc, err)
            return _take(out)

    def __del__(self):
        h, self._h = getattr(self, "_h", None), None
        if h and lib is not None:
            lib.pisar_translit_free(h)


_schemes = {}
_schemes_lock = threading.Lock()


def _scheme(scheme_id, reverse):
    key = (scheme_id, bool(reverse))
    s = _schemes.get(key)
    if s is None:
        with _schemes_lock:
            s = _schemes.get(key)
            if s is None:
                s = _schemes[key] = Scheme(scheme_id, reverse)
    return s


def translit(text, scheme="ru-bgn", reverse=False):
    """Romanize Cyrillic under a named scheme (see schemes()); everything else
    passes through. reverse=True runs a reversible scheme backwards."""
    return _scheme(scheme, reverse)(text)


def schemes():
    """The ids of the built-in schemes."""
    return [_s(lib.pisar_translit_scheme(i).contents.id)
            for i in range(lib.pisar_translit_scheme_count())]


# -------------------------------------------------------------------- names


def name_key(name, lang=None):
    """The key of one name: spellings of the same name meet ("Yuriy Ushakov",
    "Juri Uschakow", "Юрий Ушаков" -> "@yuri-ushakov"). lang: the language
    of the text the name comes from ("ru", "uk", "be", "bg", "mk", "sr"), which
    says how its Cyrillic words read where their letters leave it open
    (Ukrainian Крилов has the key of Russian Крылов); None: each word by its
    own letters."""
    data = _utf8(name, "name")
    with _Buf() as out:
        rc = lib.pisar_name_key_lang(data, len(data), lang.encode() if lang else None,
                                     ctypes.byref(out))
        if rc < 0:
            _raise(rc, None, "invalid name")
        return _take(out)


class _Names:
    def __init__(self, lang=None):
        self.h = ctypes.c_void_p()
        err = Error()
        rc = lib.pisar_names_new(ctypes.byref(self.h), None, ctypes.byref(err))
        if rc < 0:
            _raise(rc, err)
        if lang:
            lib.pisar_names_set_language(self.h, lang.encode())

    def __enter__(self):
        return self

    def __exit__(self, *a):
        lib.pisar_names_free(self.h)


def group_names(names, lang=None):
    """The key of each name's group among all the names given, as
    `pisar names --key --resolve [--lang L]` gives them."""
    datas = [_utf8(n, "name") for n in names]
    with _Names(lang) as h:
        err = Error()
        for i, d in enumerate(datas):
            rc = lib.pisar_names_add_name(h.h, d, len(d), ctypes.byref(err))
            if rc < 0:
                _raise(rc, err, "name %d" % (i + 1))
        keys = []
        with _Buf() as out:
            for d in datas:
                lib.pisar_buf_clear(ctypes.byref(out))
                rc = lib.pisar_names_group_key(h.h, d, len(d), ctypes.byref(out))
                if rc < 0:
                    _raise(rc)
                keys.append(_take(out))
        return keys


def find_names(text, lang=None):
    """The name mentions of a text, in text order: Mention(offset, length,
    text, key, canonical), offsets as str indices. The text's mentions are
    grouped together first (a lone surname joins the full name)."""
    data = _utf8(text)
    found = []

    def cb(m, user):
        m = m.contents
        found.append((m.offset, m.length, _s(m.key), _s(m.canonical) or _s(m.base)))
        return 0

    c_cb = NAME_CALLBACK(cb)
    with _Names(lang) as h:
        err = Error()
        rc = lib.pisar_names_add_text(h.h, None, data, len(data), ctypes.byref(err))
        if rc < 0:
            _raise(rc, err)
        rc = lib.pisar_names_find(h.h, data, len(data), c_cb, None, ctypes.byref(err))
        if rc < 0:
            _raise(rc, err)
    conv = _Offsets(data)
    out = []
    for off, ln, key, canon in found:
        a = conv(off)
        b = conv(off + ln)
        out.append(Mention(a, b - a, data[off:off + ln].decode("utf-8"), key, canon))
    return out


# ------------------------------------------------------------- segmentation


class Segmenter:
    """Sentence rules for a language (None: language-neutral). One object
    may be shared by threads: calls are serialised."""

    def __init__(self, lang=None):
        self._h = ctypes.c_void_p()
        err = Error()
        rc = lib.pisar_segmenter_new(ctypes.byref(self._h), lang.encode() if lang else None,
                                     ctypes.byref(err))
        if rc < 0:
            _raise(rc, err)
        self.lang = lang
        self._lock = threading.Lock()

    def __call__(self, text):
        data = _utf8(text)
        err = Error()
        s = _Sentence()
        spans = []
        with self._lock:
            rc = lib.pisar_segmenter_set_text_with_errors(self._h, data, len(data),
                                                         ctypes.byref(err))
            if rc < 0:
                _raise(rc, err)
            while True:
                rc = lib.pisar_segmenter_next(self._h, ctypes.byref(s))
                if rc < 0:
                    _raise(rc)
                if rc == 0:
                    break
                spans.append((s.start, s.end))
        return [data[a:b].decode("utf-8") for a, b in spans]

    def __del__(self):
        h, self._h = getattr(self, "_h", None), None
        if h and lib is not None:
            lib.pisar_segmenter_free(h)


class _Sentence(ctypes.Structure):
    _fields_ = [("start", ctypes.c_size_t), ("end", ctypes.c_size_t),
                ("paragraph", ctypes.c_size_t)]


def segment(text, lang=None):
    """The sentences of a text (the language detected when None), as
    strings; an empty line always ends one."""
    if lang is None:
        data = _utf8(text)
        code = ctypes.c_char_p()
        if lib.pisar_language_detect(data, len(data), ctypes.byref(code), None) >= 0 and code.value:
            lang = code.value.decode()
    return Segmenter(lang)(text)


# --------------------------------------------------------------------- prep


def prep_document(data, lang=None, encoding=None):
    """The whole pipeline on one document (str, or bytes in any encoding):
    Document(encoding, confidence, language, units, repairs)."""
    raw = _utf8(data, "data")
    opt = PrepOptions_()
    opt.encoding = encoding.encode() if encoding else (b"utf-8" if isinstance(data, str) else None)
    opt.language = lang.encode() if lang else None
    opt.document = 1
    res = ctypes.POINTER(PrepResult_)()
    err = Error()
    rc = lib.pisar_prep(raw, len(raw), ctypes.byref(opt), ctypes.byref(res), ctypes.byref(err))
    if rc < 0:
        _raise(rc, err)
    try:
        r = res.contents
        units = []
        for i in range(r.nunits):
            u = r.units[i]
            text = ctypes.string_at(u.text, u.length)
            conv = _Offsets(text)
            names = []
            for k in range(u.first_mention, u.first_mention + u.nmentions):
                m = r.mentions[k]
                a = conv(m.offset)
                b = conv(m.offset + m.length)
                names.append(Mention(a, b - a, _s(m.text), _s(m.key), _s(m.canonical)))
            units.append(Unit(_s(u.id), u.paragraph, u.sentence, text.decode("utf-8"), names,
                              _s(u.note)))
        repairs = []
        for i in range(r.nrepairs):
            x = r.repairs[i]
            repairs.append(Repair("mojibake" if x.kind == 1 else "homoglyph", x.paragraph,
                                  _s(x.before), _s(x.after), _s(x.how)))
        return Document(_s(r.encoding), round(r.confidence, 4), _s(r.language), units, repairs)
    finally:
        lib.pisar_prep_result_free(res)


def prep(text, lang=None, target_lang=None):
    """Units for translators: a Unit(id, paragraph, sentence, source, names,
    note) per sentence, ids as in the XLIFF/TMX/PO files ("d1.p2.s1").
    target_lang is checked and kept for symmetry with `pisar prep`; units
    carry no target text."""
    if target_lang is not None and not isinstance(target_lang, str):
        raise TypeError("target_lang must be str")
    return prep_document(text, lang).units
