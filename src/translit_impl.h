/*
 * translit_impl.h -- the compiled form of a transliteration scheme (internal).
 *
 * A scheme file (tables/translit/README.md) is parsed and compiled by
 * translit_compile.c, which is built both into the library (for
 * pisar_translit_load) and into tools/gen_translit (which dumps the very same
 * arrays as static C data, so built-in schemes cost no work at open time).
 *
 * The automaton is a byte trie over the UTF-8 of every rule's source, with one
 * path per case variant and per canonical decomposition (NFC and NFD input
 * both match). A node that ends a source carries the source's case pattern and
 * the range of its rules; each rule has its output precomputed in lower case,
 * title case and upper case, and a disjunction of conjunctions of context
 * atoms (word start, word end, previous/next character in a set).
 */
#ifndef PISAR_TRANSLIT_IMPL_H
#define PISAR_TRANSLIT_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include "pisar/common.h"

/* Case pattern of the input that reached a node. */
enum {
    TL_CASE_NONE = 0, /* no cased letter (apostrophes, prime signs) */
    TL_CASE_LOWER,    /* first cased letter is lower case */
    TL_CASE_ONE,      /* one cased letter, upper case: title or upper from the neighbours */
    TL_CASE_TITLE,    /* first upper, some later lower */
    TL_CASE_UPPER     /* two or more cased letters, all upper */
};

/* Context atom kinds. */
enum { TL_START = 1, TL_END, TL_AFTER, TL_BEFORE };

typedef struct tl_node {
    uint32_t trans;  /* children for bytes lo..hi at trans[trans + b - lo] (0 = none) */
    uint32_t rule;   /* first rule */
    uint16_t nrules; /* 0: the node ends no source */
    uint8_t lo, hi;  /* lo > hi: no children */
    uint8_t srccase;
} tl_node;

typedef struct tl_rule {
    uint32_t out[3]; /* offsets into strings: lower, title, upper */
    uint16_t len[3];
    uint16_t nalts; /* 0: unconditional */
    uint32_t alt;
} tl_rule;

typedef struct tl_alt {
    uint32_t atom;
    uint32_t natoms;
} tl_alt;

typedef struct tl_atom {
    uint8_t kind;
    uint8_t neg;
    uint16_t nset;
    uint32_t set; /* sorted code points at sets[set .. set + nset) */
} tl_atom;

typedef struct tl_tables {
    const tl_node *nodes;
    const uint32_t *trans;
    const tl_rule *rules;
    const tl_alt *alts;
    const tl_atom *atoms;
    const uint32_t *sets;
    const char *strings;
    size_t nnodes, ntrans, nrules, nalts, natoms, nsets, nstrings;
} tl_tables;

/* A parsed scheme file (both directions' rules), see translit_compile.c. */
typedef struct tl_source tl_source;

/*
 * Fetch the text of an included scheme by id. Returns 0 and sets *text and *len
 * (owned by the resolver, valid until tl_source_free) or a negative status.
 */
typedef int (*tl_resolver)(void *ctx, const char *id, const char **text, size_t *len, char *fname,
                           size_t fname_cap);

/* Parse a scheme file. `fname` names it in error messages ("file:line: ..."). */
int tl_parse(tl_source **out, const char *text, size_t len, const char *fname, tl_resolver resolve,
             void *rctx, pisar_error *err);
void tl_source_free(tl_source *s);

/* Header fields of a parsed scheme (empty strings when absent). */
const char *tl_source_field(const tl_source *s, const char *key);
/* Nonzero when the scheme can be applied in reverse. */
int tl_source_reversible(const tl_source *s);

/*
 * Compile one direction into freshly allocated arrays (free with
 * tl_tables_free). Returns 0 or a negative status (err filled).
 */
int tl_build(const tl_source *s, int reverse, tl_tables *out, pisar_error *err);
void tl_tables_free(tl_tables *t);

/* The engine without its fast paths (the plain trie walk for every
 * character): the reference the fast paths are tested against. */
struct pisar_translit;
struct pisar_buf;
int tl_apply_reference(const struct pisar_translit *h, const char *text, size_t len,
                       struct pisar_buf *out);
/* The engine in a given mode: 0 the reference, 1 with the scalar fast
 * paths, 2 with the AVX-512 path too where the processor has it, else the
 * AVX2 path where it has that (what pisar_translit_apply does), 3 with the
 * AVX2 path where the processor has it (and not AVX-512's). */
int tl_apply_mode(const struct pisar_translit *h, const char *text, size_t len,
                  struct pisar_buf *out, int mode);
/* 2 when h's apply takes the AVX-512 path (processor, build and
 * PISAR_CPU), 1 when it takes the AVX2 path, 0 when neither. */
int tl_vector_available(const struct pisar_translit *h);
/* The length of the run of ASCII bytes at in[0..n) that start no rule of h:
 * simd != 0 the vector scan (SSE2 where built), 0 the scalar reference. */
size_t tl_ascii_run(const struct pisar_translit *h, const unsigned char *in, size_t n, int simd);

/* UTF-8 decoding shared by the engine and the compiler (encoding: utf8.h).
 * Decode one code point at p (n bytes available); returns its length, 0 if
 * the sequence is invalid, or -1 if it is truncated. */
int tl_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);

#endif
