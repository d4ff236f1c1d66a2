/*
 * u8chunk.h -- checking UTF-8 (or ASCII) that arrives in chunks without
 * decoding or copying it, for the commands' check pass: a sequence cut by the
 * end of a chunk is carried over to the next. It only answers "valid so far"
 * or "not valid": on "not valid" the caller runs the decoder over the input
 * for the exact offset and message, so that the two agree by construction
 * (repair_utf8_prefix() and the decoder both follow utf8_seq(): Unicode table 3-7).
 */
#ifndef PISAR_CLI_U8CHUNK_H
#define PISAR_CLI_U8CHUNK_H

#include <stddef.h>
#include <string.h>

#include "repair_scan.h" /* repair_ascii_prefix, repair_utf8_prefix */
#include "utf8.h"

typedef struct u8chunk {
    unsigned char part[4]; /* the start of a sequence cut by a chunk's end */
    size_t len;
    int ascii; /* only bytes below 0x80 are valid */
} u8chunk;

/* 1 when s[0, n) continues valid text (a sequence cut at its end is kept for
 * the next call), 0 when it is not valid. */
static inline int u8chunk_feed(u8chunk *c, const unsigned char *s, size_t n)
{
    if (c->ascii) return repair_ascii_prefix(s, n) == n;
    size_t i = 0;
    while (c->len && i < n) {
        c->part[c->len++] = s[i++];
        int r = utf8_seq(c->part, c->len);
        if (r < 0) return 0;
        if (r > 0) c->len = 0;
    }
    if (i == n) return 1;
    /* the last sequence, when its lead is among the last 3 bytes and the
     * bytes after it are a valid but incomplete start */
    size_t e = n, k = n;
    while (k > i && n - k < 3 && (s[k - 1] & 0xC0) == 0x80)
        k--;
    if (k > i && s[k - 1] >= 0xC0 && utf8_seq(s + k - 1, n - (k - 1)) == 0) e = k - 1;
    if (repair_utf8_prefix(s + i, e - i) != e - i) return 0;
    memcpy(c->part, s + e, n - e);
    c->len = n - e;
    return 1;
}

/* 1 when the text ended at a character's end. */
static inline int u8chunk_finish(const u8chunk *c)
{
    return c->len == 0;
}

#endif
