/*
 * emit_scan.h -- the writer's scans of a sentence: whether it may hold a
 * character no format may carry (emit.c's clean()), and where its next line
 * break is (the TXT writer's one line a sentence), 16 bytes at a step with
 * SSE2 (present on every x86-64) and a byte-at-a-time reference elsewhere;
 * tests/test_emit.c compares the two at every offset and length.
 */
#ifndef PISAR_EMIT_SCAN_H
#define PISAR_EMIT_SCAN_H

#include <stddef.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The reference: 1 when valid UTF-8 u[0, n) may hold a character that
 * xml_forbidden() rejects: a byte below 0x20 other than tab, LF and CR (in
 * UTF-8 only the ASCII characters have such bytes), or EF, the lead of
 * U+FFFE and U+FFFF. */
static inline int emit_may_forbid_ref(const unsigned char *u, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = u[i];
        if (c < 0x20 ? c != 0x09 && c != 0x0A && c != 0x0D : c == 0xEF) return 1;
    }
    return 0;
}

/* The same, 16 bytes at a step where SSE2 is present. */
static inline int emit_may_forbid(const unsigned char *u, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i x1f = _mm_set1_epi8(0x1F), tab = _mm_set1_epi8(0x09), lf = _mm_set1_epi8(0x0A),
                  cr = _mm_set1_epi8(0x0D), ef = _mm_set1_epi8((char)0xEF);
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, x1f), v); /* v <= 0x1F, unsigned */
        __m128i ok = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, lf)),
                                  _mm_cmpeq_epi8(v, cr));
        __m128i bad = _mm_or_si128(_mm_andnot_si128(ok, low), _mm_cmpeq_epi8(v, ef));
        if (_mm_movemask_epi8(bad)) return 1;
    }
#endif
    return emit_may_forbid_ref(u + i, n - i);
}

/* The reference: the offset of the first LF or CR of s[0, n), n when none. */
static inline size_t emit_line_break_ref(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] != '\n' && s[i] != '\r')
        i++;
    return i;
}

/* The same, 16 bytes at a step where SSE2 is present. */
static inline size_t emit_line_break(const unsigned char *s, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        int m = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
        if (m) return i + (size_t)__builtin_ctz((unsigned)m);
    }
#endif
    return i + emit_line_break_ref(s + i, n - i);
}

#endif
