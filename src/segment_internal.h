/* segment_internal.h -- the segmenter's state and compiled abbreviation
 * tables, shared by segment.c (the rules) and srx_export.c (which writes the
 * tables as SRX). A boundary strategy (srx.c) sees only seg_strategy.h. */
#ifndef PISAR_SEGMENT_INTERNAL_H
#define PISAR_SEGMENT_INTERNAL_H

#include "pisar/segment.h"
#include "seg_strategy.h"

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

struct pisar_segmenter {
    const seg_abbrev_lang *lang; /* pisar's own rules, or NULL with a strategy */
    seg_strategy strat;          /* a boundary strategy (SRX), when strat.breaks */
    const unsigned char *t;
    size_t len, pos, para;
    size_t line_start; /* where the line being scanned began */
    int title_open;    /* a title in quotes is open in this sentence ... */
    size_t title_at;   /* ... since this byte */
    int emitted;       /* a sentence has been returned for this text */
    int line_paras;    /* PISAR_PARAGRAPHS_LINE */
    int list_shape;    /* a list marker seen in this sentence ("1.)"), its shape */
    int list_value;    /* ... and its number ("a" = 1) */
    int bib_line;      /* the sentence is a reference-list entry: 1, 0, or < 0 not known yet */
    seg_breaks brk;    /* the strategy's breaks for the text */
    size_t ibrk;
};

/* The scanner's skip to the next byte it must look at (SSE2 where the
 * compiler offers it: it may also stop at any byte >= 0xE2, which the caller
 * steps over) and the plain loop that is its reference; for tests. */
size_t seg_skip_plain(const unsigned char *t, size_t i, size_t len);
size_t seg_skip_plain_scalar(const unsigned char *t, size_t i, size_t len);
int seg_is_stop_byte(unsigned char c);
/* The scanner's walk from byte `from`: each byte it stops at (through its
 * 64-byte windows of stop bits), at most max of them; their count. */
size_t seg_skip_walk(const unsigned char *t, size_t len, size_t from, size_t *stops, size_t max);

/* pisar_segmenter_set_text() without its UTF-8 check, for a caller that has
 * checked the text already (the command line checks its whole input before
 * it writes anything). `text` must be valid UTF-8. */
int seg_set_text_valid(pisar_segmenter *s, const char *text, size_t len);

/* utf8_valid_prefix (utf8.h), with AVX2 where the CPU has it (the check pass
 * of pisar segment); the _reference is the plain one, for tests. */
size_t seg_valid_prefix(const unsigned char *t, size_t len, int *cut);
size_t seg_valid_prefix_reference(const unsigned char *t, size_t len, int *cut);

/* The compiled rules of a language ("ru", "sr-Latn" -> "sr"), or NULL. */
const seg_abbrev_lang *seg_find_lang(const char *language);

#endif
