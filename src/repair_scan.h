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

#include <stdint.h>
#include <string.h>
#include <unicode/uchar.h>

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

/* The reference: the end of the token that starts at s[i] (the first byte
 * of s[i, n) that is NUL, \t..\r or a space: repair_mojibake.c's
 * is_space()), and in *ascii 0 when a byte of it is 0x80 or above (left as
 * it is otherwise). */
static inline size_t repair_token_end_ref(const unsigned char *s, size_t n, size_t i, int *ascii)
{
    int a = 1;
    for (; i < n; i++) {
        unsigned char c = s[i];
        if (c <= ' ' && (c == ' ' || c == 0 || (c >= '\t' && c <= '\r'))) break;
        a &= c < 0x80;
    }
    if (!a) *ascii = 0;
    return i;
}

/* The same, 16 bytes at a step where SSE2 is present. */
static inline size_t repair_token_end(const unsigned char *s, size_t n, size_t i, int *ascii)
{
#if defined(__SSE2__)
    const __m128i sp = _mm_set1_epi8(' '), nine = _mm_set1_epi8(9), four = _mm_set1_epi8(4),
                  zero = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i t = _mm_sub_epi8(v, nine); /* \t..\r: 0..4 */
        __m128i space = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, sp), _mm_cmpeq_epi8(v, zero)),
                                     _mm_cmpeq_epi8(_mm_min_epu8(t, four), t));
        unsigned m = (unsigned)_mm_movemask_epi8(space), hi = (unsigned)_mm_movemask_epi8(v);
        if (m) {
            unsigned k = (unsigned)__builtin_ctz(m);
            if (hi & ((1u << k) - 1)) *ascii = 0;
            return i + k;
        }
        if (hi) *ascii = 0;
    }
#endif
    return repair_token_end_ref(s, n, i, ascii);
}

/*
 * The line-level gate before the mojibake finder: 1 when one pass over the
 * bytes proves that repair_mojibake() finds nothing in s[0, n) (valid UTF-8),
 * 0 when it cannot tell (the finder decides). It proves what the finder's
 * own fast path (cannot_repair(), then latin_suspect()) would, for the
 * common line without building tokens nor decoding through ICU. A token
 * (cut at ASCII white space) that is not all ASCII may hold ASCII
 * non-letters, the Cyrillic letters U+0400..U+045F and the typographic signs
 * of repair_typo() (« » – — ‘ ’ “ ” „ … № and the no-break space), nothing
 * else; then
 *   - its badness is 0: no small letter right before a capital, and the
 *     signs stand where badness() allows them (after a letter, none is
 *     followed by another sign but the no-break space, the no-break space
 *     does not end the token, and only ’ stands between two letters);
 *   - no UTF-8 chain makes a GOOD token of it (structural_good()): under
 *     every step whose text was UTF-8 (REPAIR_UTF8_STEPS), the bytes the
 *     wrong page gives its characters break UTF-8's lead/continuation
 *     pattern, for the token and for its core without strippable edge
 *     punctuation (ASCII, « » – — ‘ ’ “ ” „); mojibake of these signs
 *     ("вЂ”", "Р»", "Â«") keeps the pattern, clean text almost never does;
 *   - a token without a Cyrillic letter has no « »: ISO-8859-2 read as
 *     ISO-8859-1 turns them into the letters Ť ť (latin_suspect());
 * and no single-byte chain can make a long run (12+ letters, as many
 * capitals as small letters): the line has fewer than 6 capitals or fewer
 * than two non-ASCII tokens, or no stretch of consecutive words has such
 * counts (the finder's long_run_possible(), on at most REPAIR_GATE_WORDS
 * words of 256 bytes at most, so that no count is cut at the finder's MAXW).
 * tests/test_normalize.c test_line_gate checks on the fixtures, every chain
 * applied to them, the chain set and the fuzz corpus that the finder finds
 * nothing wherever the gate says so.
 */

/* The steps of repair_mojibake.c's STEPS whose text was UTF-8: utf-8 read
 * as windows-1251, KOI8-R, IBM866, windows-1252, windows-1250, ISO-8859-2. */
#define REPAIR_UTF8_STEPS                                                                          \
    {                                                                                              \
        0, 1, 2, 3, 8, 9                                                                           \
    }

enum {
    REPAIR_TY_NBSP = 1,  /* U+00A0 */
    REPAIR_TY_GUILL = 2, /* « »: letters under ISO-8859-2 read as ISO-8859-1 */
    REPAIR_TY_STRIP = 4, /* strippable(): the finder strips it off a token's edges */
    REPAIR_TY_INNER = 8  /* inner_punct(): may stand between two letters */
};

/* The length (2 or 3) of the typographic sign at s[i] of valid UTF-8
 * s[0, n), with its REPAIR_TY_* flags in *f; 0 when s[i] starts no such
 * sign. */
static inline int repair_typo(const unsigned char *s, size_t n, size_t i, int *f)
{
    unsigned char b = s[i];
    if (b == 0xC2) {
        unsigned char c = s[i + 1];
        if (c == 0xA0) {
            *f = REPAIR_TY_NBSP;
            return 2;
        }
        if (c == 0xAB || c == 0xBB) {
            *f = REPAIR_TY_GUILL | REPAIR_TY_STRIP;
            return 2;
        }
        return 0;
    }
    if (b != 0xE2 || i + 2 >= n) return 0;
    unsigned char c = s[i + 1], d = s[i + 2];
    if (c == 0x84) {
        *f = 0;
        return d == 0x96 ? 3 : 0; /* № */
    }
    if (c != 0x80) return 0;
    switch (d) {
    case 0x93: /* – */
    case 0x94: /* — */
    case 0x98: /* ‘ */
    case 0x9C: /* “ */
    case 0x9D: /* ” */
    case 0x9E: /* „ */
        *f = REPAIR_TY_STRIP;
        return 3;
    case 0x99: /* ’ */
        *f = REPAIR_TY_STRIP | REPAIR_TY_INNER;
        return 3;
    case 0xA6: /* … */
        *f = 0;
        return 3;
    default:
        return 0;
    }
}

/* 1 when the UTF-8 step st may invert s[0, n), a token of the characters
 * repair_plain_line() lets through (2-byte ones below U+0500, 3-byte ones in
 * U+2000..U+25FF: repair.h's table index): every character has a byte in
 * the wrong page and the bytes keep UTF-8's lead/continuation pattern. */
static inline int repair_shape_may(const repair_enc *t, int st, const unsigned char *s, size_t n)
{
    int need = 0;
    for (size_t i = 0; i < n;) {
        unsigned b = s[i];
        if (b >= 0xE0) {
            unsigned c = ((b & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
            int v = t->b[st][0x480 + c - 0x2000];
            if (v < 0) return 0;
            b = (unsigned)v;
            i += 3;
        } else if (b >= 0x80) {
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

/* Is the character at s[i] (of a token the gate lets through) one that
 * the finder strips off a token's edges (strippable())? Its length in *len. */
static inline int repair_strip_at(const unsigned char *s, size_t n, size_t i, int *len)
{
    int f = 0;
    if (s[i] < 0x80) {
        *len = 1;
        return s[i] > 0x20 && !repair_ascii_alnum(s[i]);
    }
    int k = repair_typo(s, n, i, &f);
    *len = k ? k : 2; /* else a Cyrillic letter */
    return (f & REPAIR_TY_STRIP) != 0;
}

/*
 * 1 when utf-8 read as IBM866 (step 2) may make a GOOD token of s[0, n)
 * (a token of repair_plain_line() whose bytes under IBM866 keep UTF-8's
 * pattern), 0 when it surely cannot. IBM866 gives а..п the continuation
 * bytes A0..AF, р..я the 3-byte leads E0..EF, Ё ё Є є Ї the 4-byte leads
 * F0..F4, so that ordinary words ("так", "раз") often keep the pattern; their
 * inverse is a character of U+0800 or above that is no letter of a word
 * script ("так" is U+282A). Such a character outside U+2000..U+27BF, no
 * digit and no emoji makes the one-step result ill-formed (wellformed()),
 * and no other page of a second step has it (the pages' characters lie
 * below U+0500 and in U+2000..U+25FF), so no chain with this outer step
 * makes a GOOD token. Invalid UTF-8 (a surrogate from э) has no inverse.
 */
static inline int repair_866_may(const repair_enc *t, const unsigned char *s, size_t n)
{
    unsigned char u[4];
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        unsigned b = s[i];
        if (b >= 0xE0) {
            unsigned c = ((b & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
            b = (unsigned)t->b[2][0x480 + c - 0x2000];
            i += 3;
        } else if (b >= 0x80) {
            unsigned c = ((b & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
            b = (unsigned)t->b[2][c - 0x80];
            i += 2;
        } else {
            i++;
        }
        if (k == 0 && b < 0x80) continue;
        u[k++] = (unsigned char)b;
        int r = utf8_seq(u, k);
        if (r < 0) return 0; /* no inverse */
        if (r == 0) continue;
        uint32_t c = utf8_cp(u, r);
        k = 0;
        if (c >= 0x800 && !(c >= 0x2000 && c <= 0x27BF) && !(c >= 0x1F000 && c <= 0x1FAFF) &&
            c != 0xFE0F && !u_isdigit((UChar32)c))
            return 0;
    }
    return 1;
}

/* 1 when a UTF-8 step among those of `mask` (bit k: REPAIR_UTF8_STEPS[k])
 * may invert the token s[0, n) into a GOOD one (structural_good()). */
static inline int repair_steps_may(const repair_enc *t, const unsigned char *s, size_t n,
                                   unsigned mask)
{
    static const int steps[] = REPAIR_UTF8_STEPS;
    for (size_t k = 0; k < sizeof steps / sizeof *steps; k++)
        if ((mask >> k & 1u) && repair_shape_may(t, steps[k], s, n) &&
            (steps[k] != 2 || repair_866_may(t, s, n)))
            return 1;
    return 0;
}

#define REPAIR_MAY_ALL 0x3Fu /* every UTF-8 step */
#define REPAIR_MAY_CYR 0x07u /* a token with a Cyrillic letter: the pages with Cyrillic */
#define REPAIR_MAY_866 0x04u /* ... of basic letters only, with the IBM866 pattern */

/* 1 when a UTF-8 step of `mask` may invert the token s[0, n) or its core
 * without strippable edge punctuation (structural_good()). */
static inline int repair_plain_may(const repair_enc *t, const unsigned char *s, size_t n,
                                   unsigned mask)
{
    if (repair_steps_may(t, s, n, mask)) return 1;
    size_t a = 0, z = n;
    int len;
    while (a < n && repair_strip_at(s, n, a, &len))
        a += (size_t)len;
    while (z > a) {
        size_t k = z - 1;
        while (k > a && (s[k] & 0xC0) == 0x80)
            k--;
        if (!repair_strip_at(s, n, k, &len)) break;
        z = k;
    }
    return z > a && (a > 0 || z < n) && repair_steps_may(t, s + a, z - a, mask);
}

#define REPAIR_GATE_WORDS 1024 /* lines with more Cyrillic words: the finder decides */

static inline int repair_cyr_letter(const unsigned char *s, size_t n, size_t i)
{
    if (i + 1 >= n) return 0;
    unsigned char b = s[i], b2 = s[i + 1];
    return (b == 0xD0 && b2 >= 0x80 && b2 <= 0xBF) || (b == 0xD1 && b2 >= 0x80 && b2 <= 0x9F);
}

static inline int repair_gate_space(unsigned char b)
{
    return b <= ' ' && (b == ' ' || b == 0 || (b >= '\t' && b <= '\r'));
}

static inline int repair_plain_line(const repair_enc *t, const unsigned char *s, size_t n)
{
    /* letters and slack (2 * capitals - letters, or 0 when negative for a
     * word that a single-byte chain may leave as it is: only Д Е д е and
     * letters outside U+0410..U+044F) of the Cyrillic words, as
     * repair_mojibake.c's long_run_possible() counts them */
    int wl[REPAIR_GATE_WORDS], ws[REPAIR_GATE_WORDS];
    size_t words = 0, tokens = 0, upper = 0;
    int capital_word = 0;
    for (size_t i = 0; i < n;) {
        unsigned char b = s[i];
        if (repair_gate_space(b)) {
            i++;
            continue;
        }
        size_t start = i;
        int cyr = 0, typo = 0, guill = 0, latin = 0, prev_lower = 0, prev_letter = 0, up_w = 0,
            sure = 0, ext = 0, tri = 0, cls1 = 0, cls2 = 0;
        while (i < n) {
            b = s[i];
            if (b < 0x80) {
                if (repair_gate_space(b)) break;
                unsigned char l = b | 0x20;
                latin |= l >= 'a' && l <= 'z';
                prev_lower = prev_letter = 0;
                cls1 = cls2 = 0;
                i++;
                continue;
            }
            unsigned char b2 = s[i + 1]; /* valid UTF-8: a lead has its continuation */
            if ((b == 0xD0 && b2 >= 0x80 && b2 <= 0xBF) ||
                (b == 0xD1 && b2 >= 0x80 && b2 <= 0x9F)) {
                int up = b == 0xD0 && b2 < 0xB0; /* U+0400..U+042F */
                if (prev_lower && up) return 0;
                prev_lower = !up;
                prev_letter = 1;
                up_w += up;
                sure |= (b == 0xD0 && b2 >= 0x90 && b2 != 0x94 && b2 != 0x95 && b2 != 0xB4 &&
                         b2 != 0xB5) ||
                        (b == 0xD1 && b2 <= 0x8F);
                /* IBM866's bytes: А..п continuations (1), р..я 3-byte leads (2) */
                int basic = (b == 0xD0 && b2 >= 0x90) || (b == 0xD1 && b2 <= 0x8F);
                ext |= !basic;
                int cls = b == 0xD0 ? 1 : 2;
                tri |= cls == 1 && cls1 == 1 && cls2 == 2;
                cls2 = cls1;
                cls1 = cls;
                cyr++;
                i += 2;
                continue;
            }
            int f = 0, k = repair_typo(s, n, i, &f);
            if (!k) return 0;
            if (prev_letter) {
                /* badness(): a sign after a letter */
                size_t j = i + (size_t)k;
                int next_letter = repair_cyr_letter(s, n, j);
                if (j < n && s[j] >= 0x80 && !next_letter && !(s[j] == 0xC2 && s[j + 1] == 0xA0))
                    return 0; /* another sign follows */
                if ((f & REPAIR_TY_NBSP) && (j == n || repair_gate_space(s[j])))
                    return 0; /* the no-break space ends the token */
                if (next_letter && !(f & REPAIR_TY_INNER)) return 0; /* between two letters */
            }
            typo = 1;
            guill |= f & REPAIR_TY_GUILL;
            prev_lower = prev_letter = 0;
            i += (size_t)k;
        }
        if (!cyr && !typo) continue;
        if (latin || i - start > 256 || (guill && !cyr)) return 0;
        /* (plain_token()'s argument: the basic letters are lead bytes under
         * windows-1251 and KOI8-R with nothing to continue them, and under
         * IBM866 they need a lead before two continuations) */
        unsigned mask = !cyr ? REPAIR_MAY_ALL : ext || typo ? REPAIR_MAY_CYR : REPAIR_MAY_866;
        if ((mask != REPAIR_MAY_866 || tri) && repair_plain_may(t, s + start, i - start, mask))
            return 0;
        tokens++;
        if (!cyr) continue;
        if (words == REPAIR_GATE_WORDS) return 0;
        int sl = 2 * up_w - cyr;
        wl[words] = cyr;
        ws[words++] = sl < 0 && !sure ? 0 : sl;
        upper += (size_t)up_w;
        capital_word |= up_w > 0 && 2 * up_w >= cyr;
    }
    /* (tokens without letters count 0 letters and 0 slack in a run: only
     * cannot_repair()'s count of non-ASCII tokens sees them) */
    if (!(capital_word && tokens >= 2 && 2 * upper >= 12)) return 1;
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

/*
 * The gate before the look-alike pass (repair_homoglyph()): 0 when no word
 * of s[a, b) can be repaired there, 1 when one may. A word (a run of
 * letters: repair_homoglyph.c's is_word_char()) is repaired only when it
 * mixes Latin and Cyrillic letters, or when it is made of letters of one
 * script that all have a look-alike in the other (a one-letter word "c",
 * "a", a whole word "CCCP"): a word with a letter that has none keeps its
 * script. The gate knows ASCII letters, the Cyrillic letters U+0400..U+045F
 * and the non-letters of repair_typo(); any other character sends the text
 * to the pass. Look-alikes: lat[c] for ASCII c, cyr[c - 0x400], from
 * confusables.h as partner() reads it (a Latin s or S is none, the dze ѕ Ѕ
 * is one). tests/test_normalize.c test_homoglyph_gate checks that the pass
 * finds nothing wherever the gate says so.
 */
typedef struct repair_hg_gate {
    unsigned char lat[128], cyr[0x60];
} repair_hg_gate;

static inline void repair_hg_gate_init(repair_hg_gate *g, const uint16_t (*lat2cyr)[2], size_t nl,
                                       const uint16_t (*cyr2lat)[2], size_t nc)
{
    memset(g, 0, sizeof *g);
    for (size_t i = 0; i < nl; i++)
        if (lat2cyr[i][0] < 0x80 && lat2cyr[i][0] != 's' && lat2cyr[i][0] != 'S')
            g->lat[lat2cyr[i][0]] = 1;
    for (size_t i = 0; i < nc; i++)
        if (cyr2lat[i][0] >= 0x400 && cyr2lat[i][0] < 0x460) g->cyr[cyr2lat[i][0] - 0x400] = 1;
    g->cyr[0x55] = g->cyr[0x05] = 1; /* ѕ Ѕ */
}

static inline int repair_hg_may(const repair_hg_gate *g, const unsigned char *s, size_t a, size_t b)
{
    int lat = 0, cyr = 0, alike = 1; /* of the current word */
    for (size_t i = a; i <= b;) {
        unsigned char c = i < b ? s[i] : ' ';
        int sc = 0, k = 1, like = 0;
        if (c < 0x80) {
            unsigned char l = c | 0x20;
            if (l >= 'a' && l <= 'z') sc = 1, like = g->lat[c];
        } else if (repair_cyr_letter(s, b, i)) {
            sc = 2, k = 2;
            like = g->cyr[(((unsigned)c & 0x1Fu) << 6 | (s[i + 1] & 0x3Fu)) - 0x400];
        } else {
            int f;
            k = repair_typo(s, b, i, &f);
            if (!k) return 1; /* a character the gate does not know */
        }
        if (sc) {
            lat |= sc == 1;
            cyr |= sc == 2;
            alike &= like;
        } else if (lat || cyr) { /* a word ends */
            if ((lat && cyr) || alike) return 1;
            lat = cyr = 0;
            alike = 1;
        }
        i += (size_t)k;
    }
    return 0;
}

/*
 * The look-alike pass on a whole line s[0, n) (valid UTF-8, no mojibake
 * repair in it), on the words that may be repaired alone. The line's script
 * d is counted as the pass counts it (repair_hg_count()); then the words,
 * where the gate knows every character (ASCII, U+0400..U+045F and the signs
 * of repair_typo(); a word is then a word of the pass: a run of those
 * letters), go to the pass (repair_homoglyph_words()) only when they mix
 * the scripts, or when all their letters have a look-alike in the other
 * script (repair_hg_may()) and the word is Latin in a line not mainly
 * Latin (or a one-letter a o c e y i, ja, je in any line) or Cyrillic in a
 * mainly Latin one (fix_word(): a word of one script
 * is only changed into the other one's, and only so). In a line not mainly
 * Latin the stretches of basic Cyrillic words and ASCII non-letters are
 * passed over 16 bytes at a step (repair_hg_stretch()), as the pass does.
 * At a character the gate does not know, the pass runs on the rest of the
 * line from the last word boundary. A line with no letter without a
 * look-alike (d = 0 with no count) goes through repair_homoglyph() whole
 * (its quick exit: both scripts in the line; with a count, a word the pass
 * may change has both in the line). The same repairs as
 * repair_homoglyph(m, s, n, 0, n, ...): tests/test_normalize.c
 * test_homoglyph_gate.
 */
static inline int repair_hg_line(const repair_hg *m, const repair_hg_gate *g, const char *in,
                                 size_t n, repair_list *out)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t lat = 0, cyr = 0;
    repair_hg_count(m, in, n, &lat, &cyr, 0);
    if (!lat && !cyr) {
        int line_script = -1;
        return repair_homoglyph(m, in, n, 0, n, &line_script, out);
    }
    int d = repair_hg_dominant(lat, cyr), f;
    repair_hg_memo memo = {0}; /* (the line's, for all its words) */
    for (size_t i = 0; i < n;) {
        if (d != 1) {
            i = repair_hg_stretch(in, i, n, 0);
            if (i >= n) break;
        }
        unsigned char c = s[i], l = c | 0x20;
        int letter = c < 0x80 ? l >= 'a' && l <= 'z' : repair_cyr_letter(s, n, i);
        if (!letter) { /* a sign between words */
            size_t k = c < 0x80 ? 1 : (size_t)repair_typo(s, n, i, &f);
            if (!k) return repair_homoglyph_words(in, n, i, n, d, &memo, out);
            i += k;
            continue;
        }
        size_t a = i;
        int wl = 0, wc = 0, alike = 1;
        for (;;) {
            if (i < n && s[i] < 0x80 && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')) {
                wl = 1;
                alike &= g->lat[s[i]];
                i++;
            } else if (repair_cyr_letter(s, n, i)) {
                wc = 1;
                alike &= g->cyr[(((unsigned)s[i] & 0x1Fu) << 6 | (s[i + 1] & 0x3Fu)) - 0x400];
                i += 2;
            } else {
                break;
            }
        }
        /* (the word ends at a sign the gate knows, or goes on) */
        if (i < n && s[i] >= 0x80 && !repair_typo(s, n, i, &f))
            return repair_homoglyph_words(in, n, a, n, d, &memo, out);
        /* (a one-letter Latin word a o c e y i, or ja / je, goes to the
         * pass in a mainly Latin line too: fix_word() decides it by its
         * neighbours, "/proc/diskstats (начиная c Linux 2.5.69)") */
        int lone = wl && ((i - a == 1 && strchr("aoceyi", s[a])) ||
                          (i - a == 2 && s[a] == 'j' && (s[a + 1] == 'a' || s[a + 1] == 'e')));
        if ((wl && wc) || (alike && (wl ? d != 1 || lone : d == 1))) {
            int rc = repair_homoglyph_words(in, n, a, i, d, &memo, out);
            if (rc) return rc;
        }
    }
    return 0;
}

/* May the byte s[i] of valid UTF-8 s[0, n) stand in a text that NFC leaves
 * as it is? ASCII, a continuation byte, the leads D0 D1 (U+0400..U+047F:
 * Cyrillic) and C2 (U+0080..U+00BF: « » § ° and the like), and E2 80 82..BF
 * (U+2002..U+203F: the dashes, quotes, … of General Punctuation, but U+2000
 * and U+2001, which NFC changes), and E2 84 96 (U+2116 №). These characters are starters with
 * NFC_QC=Yes, and no two of them compose. */
static inline int repair_nfc_byte(const unsigned char *s, size_t n, size_t i)
{
    unsigned char b = s[i];
    if (b < 0xC0 || b == 0xD0 || b == 0xD1 || b == 0xC2) return 1;
    if (b != 0xE2 || i + 2 >= n) return 0;
    return (s[i + 1] == 0x80 && s[i + 2] >= 0x82 && s[i + 2] <= 0xBF) ||
           (s[i + 1] == 0x84 && s[i + 2] == 0x96); /* U+2116 № */
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

/* The reference: the number of bytes of s[0, n) that pisar_detector counts
 * as control characters against text (detect.c: C0 but tab, LF, FF, CR and
 * ESC; NUL; DEL), NULs counted again in *nul. */
static inline size_t repair_ctrl_count_ref(const unsigned char *s, size_t n, size_t *nul)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = s[i];
        *nul += b == 0;
        k += (b < 0x20 && b != '\t' && b != '\n' && b != '\f' && b != '\r' && b != 0x1B) ||
             b == 0x7F;
    }
    return k;
}

/* The same, 16 bytes at a step where SSE2 is present. */
static inline size_t repair_ctrl_count(const unsigned char *s, size_t n, size_t *nul)
{
    size_t i = 0, k = 0;
#if defined(__SSE2__)
    const __m128i c1f = _mm_set1_epi8(0x1F), del = _mm_set1_epi8(0x7F);
    const __m128i tab = _mm_set1_epi8('\t'), lf = _mm_set1_epi8('\n'), ff = _mm_set1_epi8('\f');
    const __m128i cr = _mm_set1_epi8('\r'), esc = _mm_set1_epi8(0x1B), zero = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v); /* v <= 0x1F */
        __m128i ok = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, lf)),
                                  _mm_or_si128(_mm_cmpeq_epi8(v, ff), _mm_cmpeq_epi8(v, cr)));
        ok = _mm_or_si128(ok, _mm_cmpeq_epi8(v, esc));
        unsigned bad = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_andnot_si128(ok, ctl), _mm_cmpeq_epi8(v, del)));
        if (bad) {
            k += (size_t)__builtin_popcount(bad);
            *nul +=
                (size_t)__builtin_popcount((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, zero)));
        }
    }
#endif
    return k + repair_ctrl_count_ref(s + i, n - i, nul);
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
