/*
 * repair_scan.h -- the cheap scan that lets the repairs skip a line: the
 * length of its ASCII prefix, 16 bytes at a step with SSE2 (present on every
 * x86-64) and a byte-at-a-time reference elsewhere; tests/test_normalize.c
 * compares the two at every offset and length.
 */
#ifndef PISAR_REPAIR_SCAN_H
#define PISAR_REPAIR_SCAN_H

#include <stddef.h>

#include "repair.h"
#include "utf8.h"

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

/*
 * The line-level gate before the mojibake finder: 1 when one pass over the
 * bytes proves that repair_mojibake() finds nothing in s[0, n) (valid UTF-8),
 * 0 when it cannot tell (the finder decides). It proves what the finder's
 * own fast path (cannot_repair()) would, for the common line without
 * building tokens: every token (cut at ASCII white space) that is not all
 * ASCII is "plain" -- ASCII non-letters and Cyrillic U+0400..U+045F only, no
 * small letter right before a capital -- so its badness is 0; none has a
 * UTF-8 inverse under the three steps with Cyrillic in their wrong page
 * (windows-1251, KOI8-R, IBM866: the bytes t gives its letters break UTF-8's
 * lead/continuation pattern, for the token and for its core without ASCII
 * edge punctuation), so no UTF-8 chain makes a GOOD token of it, and the
 * other pages have no Cyrillic; and no single-byte chain can make a long run
 * (12+ letters, as many capitals as small letters): the line has fewer than
 * 6 capitals, or no stretch of consecutive words has such counts (the
 * finder's long_run_possible(), on at most REPAIR_GATE_WORDS words of 256
 * bytes at most, so that no count is cut at the finder's MAXW). tests/test_normalize.c
 * test_line_gate checks on the fixtures, the chain set and the fuzz corpus that the finder finds
 * nothing wherever the gate says so.
 */
static inline int repair_shape_may(const repair_enc *t, int st, const unsigned char *s, size_t n)
{
    int need = 0;
    for (size_t i = 0; i < n;) {
        unsigned b = s[i];
        if (b >= 0x80) {
            unsigned c = ((b & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
            int v = t->b[st][c - 0x80];
            if (v < 0) return 0;
            b = (unsigned)v;
            i += 2;
        } else {
            i++;
        }
        if (need) {
            if ((b & 0xC0) != 0x80) return 0;
            need--;
        } else if (b >= 0x80) {
            if (b < 0xC2 || b > 0xF4) return 0;
            need = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
        }
    }
    return need == 0;
}

static inline int repair_ascii_alnum(unsigned char c)
{
    unsigned char l = c | 0x20;
    return (c >= '0' && c <= '9') || (l >= 'a' && l <= 'z');
}

/* 1 when a UTF-8 step (0..2) may invert the plain token s[0, n) or its core. */
static inline int repair_plain_may(const repair_enc *t, const unsigned char *s, size_t n)
{
    for (int st = 0; st < 3; st++)
        if (repair_shape_may(t, st, s, n)) return 1;
    size_t a = 0, z = n;
    while (a < n && s[a] > 0x20 && s[a] < 0x80 && !repair_ascii_alnum(s[a]))
        a++;
    while (z > a && s[z - 1] > 0x20 && s[z - 1] < 0x80 && !repair_ascii_alnum(s[z - 1]))
        z--;
    if (z > a && (a > 0 || z < n))
        for (int st = 0; st < 3; st++)
            if (repair_shape_may(t, st, s + a, z - a)) return 1;
    return 0;
}

#define REPAIR_GATE_WORDS 1024 /* lines with more Cyrillic words: the finder decides */

static inline int repair_plain_line(const repair_enc *t, const unsigned char *s, size_t n)
{
    /* letters and slack (2 * capitals - letters, or 0 when negative for a
     * word that a single-byte chain may leave as it is: only Д Е д е and
     * letters outside U+0410..U+044F) of the Cyrillic words, as
     * repair_mojibake.c's long_run_possible() counts them */
    int wl[REPAIR_GATE_WORDS], ws[REPAIR_GATE_WORDS];
    size_t words = 0, upper = 0;
    int capital_word = 0;
    for (size_t i = 0; i < n;) {
        unsigned char b = s[i];
        if (b <= ' ' && (b == ' ' || b == 0 || (b >= '\t' && b <= '\r'))) {
            i++;
            continue;
        }
        size_t start = i;
        int cyr = 0, latin = 0, prev_lower = 0, up_w = 0, sure = 0;
        for (; i < n; i++) {
            b = s[i];
            if (b < 0x80) {
                if (b <= ' ' && (b == ' ' || b == 0 || (b >= '\t' && b <= '\r'))) break;
                unsigned char l = b | 0x20;
                latin |= l >= 'a' && l <= 'z';
                prev_lower = 0;
                continue;
            }
            unsigned char b2 = s[i + 1]; /* valid UTF-8: a lead has its continuation */
            if (!((b == 0xD0 && b2 >= 0x80 && b2 <= 0xBF) ||
                  (b == 0xD1 && b2 >= 0x80 && b2 <= 0x9F)))
                return 0;
            int up = b == 0xD0 && b2 < 0xB0; /* U+0400..U+042F */
            if (prev_lower && up) return 0;
            prev_lower = !up;
            up_w += up;
            sure |=
                (b == 0xD0 && b2 >= 0x90 && b2 != 0x94 && b2 != 0x95 && b2 != 0xB4 && b2 != 0xB5) ||
                (b == 0xD1 && b2 <= 0x8F);
            cyr++;
            i++;
        }
        if (!cyr) continue;
        if (latin || i - start > 256 || words == REPAIR_GATE_WORDS ||
            repair_plain_may(t, s + start, i - start))
            return 0;
        int sl = 2 * up_w - cyr;
        wl[words] = cyr;
        ws[words++] = sl < 0 && !sure ? 0 : sl;
        upper += (size_t)up_w;
        capital_word |= up_w > 0 && 2 * up_w >= cyr;
    }
    if (!(capital_word && words >= 2 && 2 * upper >= 12)) return 1;
    /* a run of 12+ letters with slack >= 0 over consecutive words */
    long lj = 0, sj = 0, li = 0, si = 0, min_s = 0;
    size_t p = 0;
    for (size_t j = 0; j < words; j++) {
        lj += wl[j];
        sj += ws[j];
        for (; p < j && li + wl[p] <= lj - 12; p++) {
            li += wl[p];
            si += ws[p];
            if (si < min_s) min_s = si;
        }
        if (lj >= 12 && sj >= min_s) return 0;
    }
    return 1;
}

/* May the byte s[i] of valid UTF-8 s[0, n) stand in a text that NFC leaves
 * as it is? ASCII, a continuation byte, the leads D0 D1 (U+0400..U+047F:
 * Cyrillic) and C2 (U+0080..U+00BF: « » § ° and the like), and E2 80 82..BF
 * (U+2002..U+203F: the dashes, quotes, … of General Punctuation, but U+2000
 * and U+2001, which NFC changes). These characters are starters with
 * NFC_QC=Yes, and no two of them compose. */
static inline int repair_nfc_byte(const unsigned char *s, size_t n, size_t i)
{
    unsigned char b = s[i];
    if (b < 0xC0 || b == 0xD0 || b == 0xD1 || b == 0xC2) return 1;
    return b == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] >= 0x82 && s[i + 2] <= 0xBF;
}

/* The reference: 1 when every byte of valid UTF-8 s[0, n) passes
 * repair_nfc_byte(), so that NFC leaves the text as it is (tests/test_normalize.c
 * test_nfc_plain checks every pair of those characters against the NFC
 * stream); else 0. */
static inline int repair_nfc_plain_ref(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!repair_nfc_byte(s, n, i)) return 0;
    return 1;
}

/* The same, 16 bytes at a step where SSE2 is present: a block whose leads
 * are all D0 or D1 passes at once, any other is asked byte by byte. */
static inline int repair_nfc_plain(const unsigned char *s, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i lead = _mm_set1_epi8(-65), zero = _mm_setzero_si128();
    const __m128i d0 = _mm_set1_epi8(-48), d1 = _mm_set1_epi8(-47); /* 0xD0, 0xD1 */
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i lb = _mm_and_si128(_mm_cmpgt_epi8(v, lead), _mm_cmplt_epi8(v, zero));
        __m128i cyr = _mm_or_si128(_mm_cmpeq_epi8(v, d0), _mm_cmpeq_epi8(v, d1));
        if (_mm_movemask_epi8(_mm_andnot_si128(cyr, lb)))
            for (size_t k = i; k < i + 16; k++)
                if (!repair_nfc_byte(s, n, k)) return 0;
    }
#endif
    for (; i < n; i++)
        if (!repair_nfc_byte(s, n, i)) return 0;
    return 1;
}

/* The length of the valid UTF-8 prefix of s[0, n) (n when it is all
 * valid): u8_check()'s answer (tests/test_normalize.c compares the two at
 * every offset and length), sixteen bytes at a step where SSE2 is present
 * while they are ASCII and 2-byte sequences (Cyrillic, Latin-1...): a block
 * passes when its continuation bytes are exactly the bytes after its leads
 * C2..DF; a lead in its last byte is left to the next block. Anything else
 * goes a character at a time (utf8_seq: Unicode table 3-7). */
static inline size_t repair_utf8_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
#if defined(__SSE2__)
        const __m128i cont_max = _mm_set1_epi8(-64); /* 0x80..0xBF: < -64 */
        const __m128i lead_lo = _mm_set1_epi8(-63), lead_hi = _mm_set1_epi8(-32); /* C2..DF */
        while (i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            unsigned hi = (unsigned)_mm_movemask_epi8(v);
            if (!hi) {
                i += 16;
                continue;
            }
            unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, cont_max));
            unsigned lead = (unsigned)_mm_movemask_epi8(
                _mm_and_si128(_mm_cmpgt_epi8(v, lead_lo), _mm_cmplt_epi8(v, lead_hi)));
            if ((hi & ~(cont | lead)) || ((lead << 1) & 0xFFFFu) != cont) break;
            i += lead & 0x8000u ? 15 : 16;
        }
        if (i >= n) break;
#endif
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        int r = utf8_seq(s + i, n - i);
        if (r <= 0) return i;
        i += (size_t)r;
    }
    return n;
}

#endif
