/*
 * utf8.c -- the check pass of a whole input: utf8_valid_prefix (utf8.h)
 * 32 bytes at a step where the CPU has AVX2, chosen at run time.
 */
#include "utf8.h"
#include "cpu.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#if defined(__x86_64__) && defined(__GNUC__)
#define UTF8_VALID_AVX2 1
/* utf8_valid_prefix (utf8.h) with 32 bytes at a step: a block of ASCII,
 * two-byte characters or a mix is accepted at once (each lead C2..DF before
 * a continuation byte, each continuation byte after a lead; a lead in the
 * last lane is carried); any other block is decoded from its last
 * character boundary by utf8_seq, which finds the exact offset of an error.
 * Same answers as utf8_valid_prefix (tests/test_segment.c compares them). */
__attribute__((target("avx2"))) static size_t valid_prefix_avx2(const unsigned char *t, size_t len,
                                                                int *cut)
{
    size_t i = 0;
    *cut = 0;
    const __m256i m64 = _mm256_set1_epi8(-64), m63 = _mm256_set1_epi8(-63),
                  m32 = _mm256_set1_epi8(-32);
    uint32_t carry = 0; /* t[i - 1] is a two-byte lead awaiting its continuation */
    while (i + 32 <= len) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(t + i));
        uint32_t high = (uint32_t)_mm256_movemask_epi8(x);
        if (!high && !carry) {
            i += 32;
            continue;
        }
        /* as signed bytes: continuation 80..BF < -64, lead C2..DF in (-63, -32) */
        uint32_t cont = (uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(m64, x));
        uint32_t lead = (uint32_t)_mm256_movemask_epi8(
            _mm256_and_si256(_mm256_cmpgt_epi8(x, m63), _mm256_cmpgt_epi8(m32, x)));
        if (!(high & ~(cont | lead)) && cont == ((lead << 1) | carry)) {
            carry = lead >> 31;
            i += 32;
            continue;
        }
        size_t end = i + 32;
        i -= carry;
        carry = 0;
        if (utf8_decode_past(t, len, &i, end, cut)) return i;
    }
    i -= carry;
    size_t rest = utf8_valid_prefix(t + i, len - i, cut);
    return i + rest;
}
#endif

size_t utf8_valid_prefix_wide(const unsigned char *t, size_t len, int *cut)
{
#ifdef UTF8_VALID_AVX2
    /* (a read of libgcc's CPU flags, set once at start: no cache to race on) */
    if (pisar_cpu_limit() >= PISAR_CPU_AVX2 && __builtin_cpu_supports("avx2"))
        return valid_prefix_avx2(t, len, cut);
#endif
    return utf8_valid_prefix(t, len, cut);
}
