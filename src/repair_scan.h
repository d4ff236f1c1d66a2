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

#endif
