/*
 * repair.h -- internals of the text repairs behind pisar_normalizer (not
 * exported). A repair finder looks at one line of valid UTF-8 and appends the
 * spans it would replace to a repair_list; normalize.c applies them.
 */
#ifndef PISAR_REPAIR_H
#define PISAR_REPAIR_H

#include <stddef.h>
#include <stdint.h>

#include "pisar/normalize.h"

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

int repair_list_add(repair_list *l, size_t off, size_t len, const char *after, size_t alen,
                    const char *how, pisar_repair_kind kind);
void repair_list_clear(repair_list *l);
void repair_list_free(repair_list *l);

/*
 * Strict UTF-8: the code point at s[*i] (advancing *i), or -1 for an invalid
 * or truncated sequence (advancing *i by one byte). Rejects overlongs,
 * surrogates and values above U+10FFFF.
 */
int32_t u8_next(const unsigned char *s, size_t n, size_t *i);
/* Offset of the first invalid byte of s, or n when s is valid UTF-8. */
size_t u8_check(const unsigned char *s, size_t n);
/* Append the UTF-8 of c (a valid scalar value). */
int u8_put(pisar_buf *b, uint32_t c);

/* Mojibake: find unambiguous repairs in s (valid UTF-8), append them to out in
 * order of offset. */
int repair_mojibake(const char *s, size_t n, repair_list *out);

/* Homoglyphs: find mixed-script words in s[from, to) (s itself is the whole
 * line, used to find the line's dominant script) and append their repairs. */
int repair_homoglyph(const char *s, size_t n, size_t from, size_t to, repair_list *out);

#endif
