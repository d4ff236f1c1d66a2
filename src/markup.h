/*
 * markup.h -- what a reader sees of a markup file, for the detector
 * (internal to the library; src/markup.c).
 *
 * A byte-at-a-time state machine over HTML/XML (feeds, pages): it tells the
 * bytes of text nodes and of text-like attribute values (title, alt, ...) from
 * the machinery (tags, attribute names, other attribute values, comments,
 * <script>/<style> contents, processing instructions, CDATA brackets, URLs in
 * text, &entity; and &#NNNN; references). Encoding-agnostic: it looks only at
 * ASCII bytes, so it runs on any ASCII-compatible code page or UTF-8.
 */
#ifndef PISAR_MARKUP_H
#define PISAR_MARKUP_H

#include <stddef.h>

typedef struct det_markup {
    unsigned char st;       /* state (markup.c) */
    unsigned char n;        /* characters matched or stored in the current state */
    unsigned char endtag;   /* the tag being read is an end tag */
    unsigned char raw;      /* the tag opens raw text: 1 <script>, 2 <style> */
    unsigned char textattr; /* the attribute value being read is text */
    unsigned char gap;      /* markup stood since the last text byte (a word boundary) */
    unsigned char p1;       /* the previous byte */
    unsigned char p2;       /* the byte before it */
    char name[12];          /* tag or attribute name, lower case, truncated */
} det_markup;

/* Start state (text, no gap). */
void det_markup_init(det_markup *m);

/* Feed one byte: 1 if it is text a reader sees, 0 if it is markup. When it
 * returns 1 with m->gap set, markup stood before it (the caller treats it as
 * after a space and clears m->gap). */
int det_markup_step(det_markup *m, unsigned b);

/* Does the file start as markup (after a UTF-8 BOM and white space, a '<'
 * followed by a name, '!', '?' or '/')? */
int det_looks_like_markup(const unsigned char *p, size_t n);

/* The text of markup `in` (n bytes) into `out` (room for n bytes): text
 * bytes, and one space where markup stood between them. Returns the length. */
size_t det_markup_text(const unsigned char *in, size_t n, unsigned char *out);

#endif
