"""Loading libpisar and declaring the C functions the package calls.

Where the library is looked for, in order: $PISAR_LIBRARY; the path the
build or `cmake --install` wrote into _libpath.py beside this file; then the
system's search (ctypes.util.find_library("pisar")).
"""

import ctypes
import ctypes.util
import os

c_size = ctypes.c_size_t
c_int = ctypes.c_int
c_dbl = ctypes.c_double
c_str = ctypes.c_char_p
c_vp = ctypes.c_void_p


def _candidates():
    env = os.environ.get("PISAR_LIBRARY")
    if env:
        yield env
    try:
        from ._libpath import LIBRARY
        yield LIBRARY
    except ImportError:
        pass
    found = ctypes.util.find_library("pisar")
    if found:
        yield found
    yield "libpisar.so.0"


def _load():
    errors = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            errors.append("%s: %s" % (path, e))
    raise ImportError("pisar: cannot load libpisar (set PISAR_LIBRARY to its path): "
                      + "; ".join(errors))


lib = _load()


class Buf(ctypes.Structure):
    _fields_ = [("data", c_vp), ("len", c_size), ("cap", c_size)]


class Error(ctypes.Structure):
    _fields_ = [("offset", ctypes.c_uint64), ("bytes", ctypes.c_ubyte * 8), ("nbytes", c_size),
                ("line", c_size), ("message", ctypes.c_char * 160)]


class Detection_(ctypes.Structure):
    _fields_ = [("encoding", c_int), ("confidence", c_dbl), ("language", c_str),
                ("language_confidence", c_dbl), ("runner_up", c_int),
                ("runner_up_confidence", c_dbl), ("runner_up_language", c_str),
                ("bom_length", ctypes.c_uint), ("bytes_seen", ctypes.c_uint64)]


class SchemeInfo_(ctypes.Structure):
    _fields_ = [("id", c_str), ("language", c_str), ("name", c_str), ("standard", c_str),
                ("reversible", c_int)]


class NameMention_(ctypes.Structure):
    _fields_ = [("offset", c_size), ("length", c_size), ("base", c_str), ("key", c_str),
                ("canonical", c_str), ("source", c_int), ("source_text", c_str),
                ("cyrillic", c_int)]


NAME_CALLBACK = ctypes.CFUNCTYPE(c_int, ctypes.POINTER(NameMention_), c_vp)


class PrepOptions_(ctypes.Structure):
    _fields_ = [("encoding", c_str), ("language", c_str), ("document", c_size)]


class PrepRepair_(ctypes.Structure):
    _fields_ = [("kind", c_int), ("paragraph", c_size), ("offset", c_size), ("before", c_str),
                ("after", c_str), ("how", c_str)]


class PrepMention_(ctypes.Structure):
    _fields_ = [("unit", c_size), ("offset", c_size), ("length", c_size), ("text", c_str),
                ("base", c_str), ("key", c_str), ("canonical", c_str), ("source", c_str)]


class PrepUnit_(ctypes.Structure):
    _fields_ = [("id", c_str), ("paragraph", c_size), ("sentence", c_size), ("text", c_vp),
                ("length", c_size), ("note", c_str), ("first_mention", c_size),
                ("nmentions", c_size)]


class PrepResult_(ctypes.Structure):
    _fields_ = [("encoding", c_str), ("confidence", c_dbl), ("encoding_given", c_int),
                ("runner_up", c_str), ("runner_up_confidence", c_dbl), ("language", c_str),
                ("language_given", c_int), ("paragraphs", c_size), ("nunits", c_size),
                ("units", ctypes.POINTER(PrepUnit_)), ("nrepairs", c_size),
                ("repairs", ctypes.POINTER(PrepRepair_)), ("nmentions", c_size),
                ("mentions", ctypes.POINTER(PrepMention_))]


def _decl(name, restype, *argtypes):
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)


P = ctypes.POINTER
_decl("pisar_version", c_str)
_decl("pisar_strerror", c_str, c_int)
_decl("pisar_buf_free", None, P(Buf))
_decl("pisar_buf_clear", None, P(Buf))
_decl("pisar_detect", c_int, c_str, c_size, P(Detection_))
_decl("pisar_language_detect", c_int, c_str, c_size, P(c_str), c_vp)
_decl("pisar_encoding_name", c_str, c_int)
_decl("pisar_encoding_from_name", c_int, c_str)
_decl("pisar_decode", c_int, c_int, c_str, c_size, ctypes.c_uint, P(Buf), P(Error))
_decl("pisar_normalizer_new", c_int, P(c_vp), ctypes.c_uint)
_decl("pisar_normalizer_apply", c_int, c_vp, c_str, c_size, P(Buf), P(Error))
_decl("pisar_normalizer_free", None, c_vp)
_decl("pisar_translit_open", c_int, P(c_vp), c_str, ctypes.c_uint, P(Error))
_decl("pisar_translit_apply_with_errors", c_int, c_vp, c_str, c_size, P(Buf), P(Error))
_decl("pisar_translit_free", None, c_vp)
_decl("pisar_translit_scheme_count", c_size)
_decl("pisar_translit_scheme", P(SchemeInfo_), c_size)
_decl("pisar_name_key", c_int, c_str, c_size, P(Buf))
_decl("pisar_name_key_lang", c_int, c_str, c_size, c_str, P(Buf))
_decl("pisar_names_new", c_int, P(c_vp), c_str, P(Error))
_decl("pisar_names_set_language", c_int, c_vp, c_str)
_decl("pisar_names_free", None, c_vp)
_decl("pisar_names_add_name", c_int, c_vp, c_str, c_size, P(Error))
_decl("pisar_names_add_text", c_int, c_vp, c_str, c_str, c_size, P(Error))
_decl("pisar_names_group_key", c_int, c_vp, c_str, c_size, P(Buf))
_decl("pisar_names_find", c_int, c_vp, c_str, c_size, NAME_CALLBACK, c_vp, P(Error))
_decl("pisar_segmenter_new", c_int, P(c_vp), c_str, P(Error))
_decl("pisar_segmenter_set_text_with_errors", c_int, c_vp, c_str, c_size, P(Error))
_decl("pisar_segmenter_next", c_int, c_vp, c_vp)
_decl("pisar_segmenter_free", None, c_vp)
_decl("pisar_prep", c_int, c_str, c_size, P(PrepOptions_), P(P(PrepResult_)), P(Error))
_decl("pisar_prep_result_free", None, P(PrepResult_))
