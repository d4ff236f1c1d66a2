/*
 * utf8.h -- UTF-8 encoding and strict decoding shared inside the library
 * (not exported).
 */
#ifndef PISAR_UTF8_H
#define PISAR_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Write code point c (at most U+10FFFF; not checked) as UTF-8 at o, which has
 * room for 4 bytes; returns the number of bytes written. */
static inline size_t utf8_put(unsigned char *o, uint32_t c)
{
    if (c < 0x80) {
        o[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (unsigned char)(0xC0 | c >> 6);
        o[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (unsigned char)(0xE0 | c >> 12);
        o[1] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
        o[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | c >> 18);
    o[1] = (unsigned char)(0x80 | (c >> 12 & 0x3F));
    o[2] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
    o[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

/*
 * The well-formed UTF-8 sequence at p (Unicode 15, table 3-7), given `avail`
 * bytes (>= 1): returns its length (1..4); 0 if the bytes are a valid but
 * incomplete prefix (more input needed); or -k where k >= 1 is the length of
 * the maximal subpart to replace by one U+FFFD.
 */
static inline int utf8_seq(const unsigned char *p, size_t avail)
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
static inline uint32_t utf8_cp(const unsigned char *p, int n)
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

/* Decode one scalar value at s[i..n) strictly (no overlong forms, surrogates
 * or values above U+10FFFF); returns its length, 0 if invalid or truncated. */
static inline size_t utf8_next(const unsigned char *s, size_t n, size_t i, uint32_t *cp)
{
    int r = utf8_seq(s + i, n - i);
    if (r <= 0) return 0;
    *cp = utf8_cp(s + i, r);
    return (size_t)r;
}

/* The vector checks' slow path: decode t from *i (a character boundary)
 * until past `end`; 1 with *i at the first bad sequence and *cut set when
 * it is a character cut by the end of t, else 0 with *i past `end`. */
static inline int utf8_decode_past(const unsigned char *t, size_t len, size_t *i, size_t end,
                                   int *cut)
{
    while (*i < end) {
        int r = utf8_seq(t + *i, len - *i);
        if (r <= 0) {
            *cut = r == 0;
            return 1;
        }
        *i += (size_t)r;
    }
    return 0;
}

/* The offset of the first ill-formed sequence of t[0, len), or len when all
 * of it is UTF-8; *cut is set when that sequence is a valid prefix cut short
 * by the end of the text.
 *
 * It is a pass of its own over a text (the segmenter's scanner touches little
 * more than the candidate terminators), so it has to be fast: with SSE2,
 * sixteen bytes at a time are accepted at once when they are ASCII, two-byte
 * characters (Cyrillic, accented Latin) or a mix, each lead byte C2..DF
 * followed by a continuation byte and each continuation byte preceded by one
 * (a lead in the last lane is carried into the next block); anything else (a
 * three- or four-byte character, an error) sends that block through the
 * scalar decoder, which finds the exact offset. */
static inline size_t utf8_valid_prefix(const unsigned char *t, size_t len, int *cut)
{
    size_t i = 0;
    *cut = 0;
#if defined(__SSE2__)
    const __m128i m64 = _mm_set1_epi8(-64), m63 = _mm_set1_epi8(-63), m32 = _mm_set1_epi8(-32);
    unsigned carry = 0; /* t[i - 1] is a two-byte lead awaiting its continuation */
    while (i + 16 <= len) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        unsigned high = (unsigned)_mm_movemask_epi8(x);
        if (!high && !carry) {
            i += 16;
            continue;
        }
        /* as signed bytes: continuation 80..BF < -64, lead C2..DF in (-63, -32) */
        unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, m64));
        unsigned lead = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(x, m63), _mm_cmplt_epi8(x, m32)));
        if (!(high & ~(cont | lead)) && cont == (((lead << 1) | carry) & 0xFFFFu)) {
            carry = lead >> 15;
            i += 16;
            continue;
        }
        /* decode from the last character boundary to past this block */
        size_t end = i + 16;
        i -= carry;
        carry = 0;
        if (utf8_decode_past(t, len, &i, end, cut)) return i;
    }
    i -= carry;
#endif
    while (i < len) {
        if (t[i] < 0x80) {
            i++;
            for (uint64_t w; i + 8 <= len; i += 8) {
                memcpy(&w, t + i, 8);
                if (w & UINT64_C(0x8080808080808080)) break;
            }
            continue;
        }
        if (t[i] >= 0xC2 && t[i] <= 0xDF && i + 1 < len && (t[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        int r = utf8_seq(t + i, len - i);
        if (r <= 0) {
            *cut = r == 0;
            return i;
        }
        i += (size_t)r;
    }
    return len;
}

/* utf8_valid_prefix's answers, 32 bytes at a step where the CPU has AVX2
 * (utf8.c; for a whole input's check pass). */
size_t utf8_valid_prefix_wide(const unsigned char *t, size_t len, int *cut);

#endif
