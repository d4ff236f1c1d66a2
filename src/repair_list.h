/*
 * repair_list.h -- the ground the text repairs and the normalizer stand on
 * (internal, not exported): the list of planned replacements a repair finder
 * appends to and normalize.c applies, and the strict UTF-8 helpers they share.
 *
 * Dependencies point one way: repair_list.c needs nothing of the repairs or
 * the normalizer; repair_mojibake.c and repair_homoglyph.c use it (repair.h);
 * normalize.c uses both.
 */
#ifndef PISAR_REPAIR_LIST_H
#define PISAR_REPAIR_LIST_H

#include <stddef.h>
#include <stdint.h>

#include "pisar/normalize.h"
#include "utf8.h"

/* One planned replacement of in[off, off+len) by `after`. */
typedef struct repair_span {
    size_t off, len;
    size_t after_off, after_len; /* into repair_list.text */
    const char *how;             /* static string */
    pisar_repair_kind kind;
} repair_span;

typedef struct repair_list {
    repair_span *v;
    size_t n, cap;
    pisar_buf text; /* the replacement strings, back to back */
} repair_list;

/* Append a span; PISAR_OK or PISAR_ENOMEM (the list is unchanged then). */
int repair_list_add(repair_list *l, size_t off, size_t len, const char *after, size_t alen,
                    const char *how, pisar_repair_kind kind);
/* Sort the spans by offset (stable for equal offsets is not needed: spans
 * never overlap). */
void repair_list_sort(repair_list *l);
/* Forget the spans, keeping the memory for the next line. */
void repair_list_clear(repair_list *l);
void repair_list_free(repair_list *l);

/*
 * Strict UTF-8: the code point at s[*i] (advancing *i), or -1 for an invalid
 * or truncated sequence (advancing *i by one byte). Rejects overlongs,
 * surrogates and values above U+10FFFF.
 */
static inline int32_t u8_next(const unsigned char *s, size_t n, size_t *i)
{
    uint32_t cp;
    size_t len = utf8_next(s, n, *i, &cp);
    *i += len ? len : 1;
    return len ? (int32_t)cp : -1;
}
/* Offset of the first invalid byte of s, or n when s is valid UTF-8. */
size_t u8_check(const unsigned char *s, size_t n);
/* Append the UTF-8 of c (a valid scalar value). */
int u8_put(pisar_buf *b, uint32_t c);

#endif
