/* segment_internal.h -- shared between segment.c (pisar's own rules) and srx.c
 * (rules from an SRX 2.0 file). */
#ifndef PISAR_SEGMENT_INTERNAL_H
#define PISAR_SEGMENT_INTERNAL_H

#include "pisar/segment.h"

#include <stddef.h>
#include <stdint.h>

/* One compiled abbreviation: key without spaces ("т.е."), class P/F/Y/N. */
typedef struct seg_abbrev {
    const char *key;
    unsigned char len;
    char cls;
} seg_abbrev;

typedef struct seg_abbrev_lang {
    const char *code;
    int ordinal_dot;
    const seg_abbrev *entries;
    size_t n;
    size_t max_len;             /* the longest key, in bytes */
    int has_suffix;             /* some keys are suffixes ("-str.") */
    const uint64_t *bloom;      /* 8192-bit filter of the keys' FNV-1a hashes */
    const uint64_t *last;       /* the same for the keys' last segments ("д." of "и т.д.") */
    size_t suffix_lo, suffix_n; /* the suffix entries, contiguous in the sorted table */
} seg_abbrev_lang;

/* SRX rules compiled for one language (srx.c). */
typedef struct srx_rules srx_rules;

struct pisar_segmenter {
    const seg_abbrev_lang *lang; /* pisar's own rules, or NULL in SRX mode */
    srx_rules *srx;              /* SRX mode */
    const unsigned char *t;
    size_t len, pos, para;
    size_t line_start; /* where the line being scanned began */
    int title_open;    /* a title in quotes is open in this sentence ... */
    size_t title_at;   /* ... since this byte */
    int emitted;       /* a sentence has been returned for this text */
    int line_paras;    /* PISAR_PARAGRAPHS_LINE */
    int list_shape;    /* a list marker seen in this sentence ("1.)"), its shape */
    int list_value;    /* ... and its number ("a" = 1) */
    size_t *brk;       /* SRX mode: sorted break offsets (bytes) for the text */
    size_t nbrk, ibrk, capbrk;
};

/* UTF-8 decoding (segment.c): an invalid byte decodes as U+FFFD, one byte long. */
uint32_t seg_decode(const unsigned char *t, size_t len, size_t i, size_t *n);

/* The compiled rules of a language ("ru", "sr-Latn" -> "sr"), or NULL. */
const seg_abbrev_lang *seg_find_lang(const char *language);

/* srx.c */
int srx_load(srx_rules **out, const char *path, const char *language, pisar_error *err);
void srx_free(srx_rules *r);
/* Compute the break offsets of seg->t into seg->brk. */
int srx_breaks(pisar_segmenter *seg);

#endif
