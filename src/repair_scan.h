/*
 * repair_scan.h -- the cheap scan that lets the repairs skip a line: the
 * length of its ASCII prefix, 16 bytes at a step with SSE2 (present on every
 * x86-64) and a byte-at-a-time reference elsewhere; tests/test_normalize.c
 * compares the two at every offset and length.
 */
#ifndef PISAR_REPAIR_SCAN_H
#define PISAR_REPAIR_SCAN_H

#include <stddef.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The reference: the number of leading bytes of s[0, n) below 0x80. */
static inline size_t repair_ascii_prefix_ref(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] < 0x80)
        i++;
    return i;
}

/* The same, 16 bytes at a step where SSE2 is present. */
static inline size_t repair_ascii_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    for (; i + 16 <= n; i += 16) {
        int m = _mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
        if (m) return i + (size_t)__builtin_ctz((unsigned)m);
    }
#endif
    return i + repair_ascii_prefix_ref(s + i, n - i);
}

/* The reference: 1 when s[0, n) has no ASCII letter and no lead byte other
 * than D0..D4 (U+0400..U+053F: Cyrillic, then Armenian), so that no character
 * of it is Latin; else 0. */
static inline int repair_no_latin_ref(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char b = s[i], l = b | 0x20;
        if (b < 0x80 ? (l >= 'a' && l <= 'z') : (b >= 0xC0 && (b < 0xD0 || b > 0xD4))) return 0;
    }
    return 1;
}

/* The same, 16 bytes at a step where SSE2 is present (signed compares: the
 * bytes from 0x80 are negative). */
static inline int repair_no_latin(const unsigned char *s, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i x20 = _mm_set1_epi8(0x20), a = _mm_set1_epi8(0x60), z = _mm_set1_epi8(0x7B);
    const __m128i lead = _mm_set1_epi8(-65), zero = _mm_setzero_si128();
    const __m128i d0 = _mm_set1_epi8(-49), d4 = _mm_set1_epi8(-43); /* 0xCF, 0xD5 */
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i l = _mm_or_si128(v, x20);
        __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(l, a), _mm_cmplt_epi8(l, z));
        __m128i lb = _mm_and_si128(_mm_cmpgt_epi8(v, lead), _mm_cmplt_epi8(v, zero));
        __m128i cyr = _mm_and_si128(_mm_cmpgt_epi8(v, d0), _mm_cmplt_epi8(v, d4));
        if (_mm_movemask_epi8(_mm_or_si128(letter, _mm_andnot_si128(cyr, lb)))) return 0;
    }
#endif
    return repair_no_latin_ref(s + i, n - i);
}

#endif
