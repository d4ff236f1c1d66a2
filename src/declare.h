/*
 * declare.h -- the charset a file declares, for the detector (internal to the
 * library; src/declare.c).
 *
 * Finds, in the first bytes of a file, the charset the file says it is in, in
 * the forms of markup and mail (an XML declaration, <meta charset>, http-equiv
 * Content-Type, a MIME Content-Type header, CSS @charset) and of the programs
 * that keep legacy text (a gettext header, an Emacs or Python coding cookie, a
 * vim modeline or scriptencoding, LaTeX inputenc, a hunspell/MySpell .aff
 * SET, an aspell charset line, a MySpell hyphenation or thesaurus file's first
 * line, a console keymap's charset, a Free Pascal {$codepage}). The label is
 * returned as written; the detector decides whether the bytes confirm it.
 */
#ifndef PISAR_DECLARE_H
#define PISAR_DECLARE_H

#include <stddef.h>

#include "pisar/encoding.h"

/* The form of a declaration. */
enum {
    DET_DECL_NONE,
    DET_DECL_XML,        /* <?xml ... encoding="..."?> */
    DET_DECL_META,       /* <meta charset="..."> */
    DET_DECL_HTTP_EQUIV, /* <meta http-equiv="Content-Type" content="...; charset=..."> */
    DET_DECL_MIME,       /* Content-Type: ...; charset=... (e-mail, MHTML) */
    DET_DECL_CSS,        /* @charset "..."; */
    DET_DECL_PO,         /* "Content-Type: text/plain; charset=...\n" of a gettext header */
    DET_DECL_EMACS,      /* -*- coding: ... -*-, or coding: in Local Variables */
    DET_DECL_PYTHON,     /* # coding=... in the first two lines (PEP 263) */
    DET_DECL_VIM,        /* scriptencoding ..., or fenc=/fileencoding= in a modeline */
    DET_DECL_LATEX,      /* \usepackage[...]{inputenc}, \inputencoding{...} */
    DET_DECL_HUNSPELL,   /* SET ... in a hunspell/MySpell .aff */
    DET_DECL_ASPELL,     /* charset ... in aspell language data */
    DET_DECL_FIRST_LINE, /* a MySpell hyphenation or thesaurus file's first line */
    DET_DECL_KEYMAP,     /* charset "..." in a console keymap */
    DET_DECL_PASCAL      /* {$codepage ...} */
};

typedef struct det_decl {
    int kind;      /* DET_DECL_* */
    size_t offset; /* byte offset of the label in the input */
    size_t line;   /* its line, from 1 */
    char label[48];
} det_decl;

/* The declaration in the first n bytes of a file (the earliest, when there
 * are several): fills *out and returns its kind, or DET_DECL_NONE. */
int det_declaration(const unsigned char *p, size_t n, det_decl *out);

/* The encoding a declaration names (the label mapped through the alias table
 * after the form's own spellings: Emacs' -unix/-dos/-mac, vim's 8bit-),
 * PISAR_ENC_UNKNOWN for a label pisar does not know. */
pisar_encoding det_decl_encoding(const det_decl *d);

/* "xml", "meta", "http-equiv", "mime", "css", "po", "emacs", "python", "vim",
 * "latex", "hunspell", "aspell", "first-line", "keymap", "pascal", or NULL. */
const char *det_decl_kind_name(int kind);

#endif
