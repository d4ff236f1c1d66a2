/*
 * nfc.h -- internal: UTF-8 validation and streaming NFC (used by decode.c and
 * by pisar_nfc()).
 *
 * The streaming normalizer holds back the text after the last NFC boundary
 * (a character with ccc=0 and NFC_Quick_Check=Yes, ICU's "boundary before"),
 * because a following combining mark may still compose with it; everything
 * before that boundary is final and goes to the output. A character that is
 * itself a boundary and is followed by another boundary is already NFC and
 * is copied as is; only the segments with combining marks go through ICU.
 */
#ifndef PISAR_NFC_INTERNAL_H
#define PISAR_NFC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "pisar/common.h"

/*
 * The well-formed UTF-8 sequence at p (Unicode 15, table 3-7), given `avail`
 * bytes (>= 1): returns its length (1..4); 0 if the bytes are a valid but
 * incomplete prefix (more input needed); or -k where k >= 1 is the length of
 * the maximal subpart to replace by one U+FFFD.
 */
static inline int nfc_utf8_seq(const unsigned char *p, size_t avail)
{
    unsigned b = p[0];
    int need;
    unsigned lo = 0x80, hi = 0xBF;
    if (b < 0x80) return 1;
    if (b >= 0xC2 && b <= 0xDF)
        need = 1;
    else if (b == 0xE0)
        need = 2, lo = 0xA0;
    else if (b == 0xED)
        need = 2, hi = 0x9F;
    else if (b >= 0xE1 && b <= 0xEF)
        need = 2;
    else if (b == 0xF0)
        need = 3, lo = 0x90;
    else if (b == 0xF4)
        need = 3, hi = 0x8F;
    else if (b >= 0xF1 && b <= 0xF3)
        need = 3;
    else
        return -1;
    for (int j = 1; j <= need; j++) {
        if ((size_t)j >= avail) return 0;
        unsigned c = p[j];
        if (c < lo || c > hi) return -j;
        lo = 0x80, hi = 0xBF;
    }
    return need + 1;
}

/* The code point of a well-formed sequence of length n at p. */
static inline uint32_t nfc_utf8_cp(const unsigned char *p, int n)
{
    switch (n) {
    case 1:
        return p[0];
    case 2:
        return ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    case 3:
        return ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    default:
        return ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
               ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    }
}

typedef struct nfc_stream nfc_stream;

/* A streaming NFC normalizer; PISAR_OK, PISAR_ENOMEM or PISAR_EICU. */
int nfc_stream_new(nfc_stream **out);
void nfc_stream_free(nfc_stream *s);
/* Forget any held-back text. */
void nfc_stream_reset(nfc_stream *s);

/*
 * Feed well-formed UTF-8 (the caller validated it; whole characters only),
 * appending the normalized text up to the last NFC boundary to `out`.
 */
int nfc_stream_feed(nfc_stream *s, const char *in, size_t len, pisar_buf *out);

/* End of text: normalize and write what is held back. */
int nfc_stream_flush(nfc_stream *s, pisar_buf *out);

/* Nonzero when text is held back. */
int nfc_stream_pending(const nfc_stream *s);

#endif
