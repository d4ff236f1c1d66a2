/*
 * repair_mojibake.c -- undo "encoded as X, decoded as Y" damage.
 *
 * Garbling is a chain of steps; a step (O, W) means: the text was encoded in O
 * and the bytes were decoded as the code page W. The inverse of a step
 * re-encodes each character in W (cp_encode) and decodes the bytes as O; it
 * exists only if every character is encodable and the bytes are valid in O.
 *
 * The line is cut into tokens at ASCII white space. For every chain (one or
 * two steps) each token is either NEUTRAL (pure ASCII: every inverse leaves it
 * alone), GOOD (the inverse exists, differs and is a well-formed word) or BAD.
 * Maximal runs of GOOD and NEUTRAL tokens starting and ending with a GOOD one
 * are candidates. A candidate is accepted only when
 *   - the input run looks damaged (its "badness": C1 controls, symbols inside
 *     words, lower-to-upper case flips, script changes inside a word, ...) and
 *     the result has none of that (every changed word well-formed);
 *   - for a chain whose last step starts from a single-byte code page (where
 *     any byte string is "valid", so structure proves nothing), every changed
 *     word is damaged by itself;
 *   - with language models present, the result scores clearly better than the
 *     input (lm_best_utf8), and clearly better than any other chain's
 *     overlapping candidate.
 * Clean text is left alone: it is rarely invertible at all (UTF-8 structure),
 * and when it is, it is not damaged by the measures above.
 */
#include "repair.h"
#include "repair_scan.h"
#include "utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "codepage.h"
#include "lm.h"
#include "lm_class.h"
#include "pisar/detect.h"

/* ---------- steps and chains ---------- */

typedef struct step {
    pisar_encoding orig, wrong;
} step;

static const step STEPS[] = {
    {PISAR_ENC_UTF8, PISAR_ENC_WINDOWS_1251}, /* 0: "РџСЂРёРІРµС‚" */
    {PISAR_ENC_UTF8, PISAR_ENC_KOI8_R},       /* 1: "п÷я─п╦п╡п╣я┌" */
    {PISAR_ENC_UTF8, PISAR_ENC_IBM866},       /* 2: "╨Я╤А╨╕╨▓╨╡╤В" */
    {PISAR_ENC_UTF8, PISAR_ENC_WINDOWS_1252}, /* 3: "ÐŸÑ€Ð¸Ð²ÐµÑ‚", "CafÃ©" (and ISO-8859-1) */
    {PISAR_ENC_WINDOWS_1251, PISAR_ENC_KOI8_R},       /* 4: "пРХБЕР" */
    {PISAR_ENC_WINDOWS_1251, PISAR_ENC_WINDOWS_1252}, /* 5: "Ïðèâåò" */
    {PISAR_ENC_KOI8_R, PISAR_ENC_WINDOWS_1251}, /* 6: "оПХБЕР" read back: "рТЙЧЕФ" */
    {PISAR_ENC_IBM866, PISAR_ENC_WINDOWS_1251}, /* 7: "ЏаЁўҐв" (DOS-era Russian) */
    {PISAR_ENC_UTF8, PISAR_ENC_WINDOWS_1250},   /* 8: "ZaĹĽĂłĹ‚Ä‡" */
    {PISAR_ENC_UTF8, PISAR_ENC_ISO_8859_2},     /* 9: the same with C1 controls */
    {PISAR_ENC_WINDOWS_1251, PISAR_ENC_IBM866}, /* 10: "╧ЁштхЄ" */
    {PISAR_ENC_WINDOWS_1250, PISAR_ENC_WINDOWS_1252}, /* 11: "Za¿ó³æ" */
    {PISAR_ENC_ISO_8859_2, PISAR_ENC_ISO_8859_1},     /* 12: "Za¿ó³æ" from ISO-8859-2 */
};
#define NSTEPS ((int)(sizeof STEPS / sizeof *STEPS))
_Static_assert(sizeof STEPS / sizeof *STEPS == REPAIR_NSTEPS, "repair.h: REPAIR_NSTEPS");

#define NAME0 "utf-8 read as windows-1251"
#define NAME1 "utf-8 read as koi8-r"
#define NAME2 "utf-8 read as ibm866"
#define NAME3 "utf-8 read as windows-1252"
#define NAME4 "windows-1251 read as koi8-r"
#define NAME5 "windows-1251 read as windows-1252"
#define NAME6 "koi8-r read as windows-1251"
#define NAME7 "ibm866 read as windows-1251"
#define NAME8 "utf-8 read as windows-1250"
#define NAME9 "utf-8 read as iso-8859-2"
#define NAME10 "windows-1251 read as ibm866"
#define NAME11 "windows-1250 read as windows-1252"
#define NAME12 "iso-8859-2 read as iso-8859-1"
#define NAME3L "utf-8 read as iso-8859-1"

/* A chain: invert `outer` first, then `inner` (-1: one step). The text was
 * garbled by `inner`, saved, then garbled by `outer`. */
typedef struct chain {
    signed char outer, inner;
    const char *how;
} chain;

/* clang-format off */
#define ONE(a) {a, -1, NAME##a}
#define TWO(a, b) {a, b, NAME##b ", then " NAME##a}
#define TWICE(a) {a, a, NAME##a ", twice"}
static const chain CHAINS[] = {
    ONE(0), ONE(1), ONE(2), ONE(3), ONE(4), ONE(5), ONE(6),
    TWICE(0), TWO(0, 1), TWO(0, 2), TWO(0, 3), TWO(0, 4), TWO(0, 5),
    TWO(1, 0), TWICE(1), TWO(1, 2), TWO(1, 3), TWO(1, 4), TWO(1, 5),
    TWO(2, 0), TWO(2, 1), TWICE(2), TWO(2, 3), TWO(2, 4), TWO(2, 5),
    TWO(3, 0), TWO(3, 1), TWO(3, 2), TWICE(3), TWO(3, 4), TWO(3, 5),
    TWICE(4),
    ONE(7), ONE(8), ONE(9), ONE(10), ONE(11), ONE(12),
    TWICE(8), TWO(3, 8), TWO(8, 3),
};
/* clang-format on */
#define NCHAINS ((int)(sizeof CHAINS / sizeof *CHAINS))

/* LM thresholds: mean log-probability per pair, natural log. */
#define LM_MIN_GAIN 0.5 /* result over input */
/* ... when a changed word looks damaged and the chain's text was UTF-8: the
 * structure is most of the evidence, and the word of context on each side
 * dilutes the models' mean ("mappen recursief kopiÃ«ren"; chains.py dev: 0.5
 * 0.953, 0.3 0.957, 0.15 0.959, 0.01 0.960, no clean line changed at any) */
#define LM_STRUCT_GAIN 0.15
#define LM_BIG_GAIN 1.5    /* lets undamaged-looking words join a single-byte chain's run */
#define LM_TWO_STEPS 1.0   /* handicap of a two-step chain against a one-step one */
#define LM_LATIN_GAIN 1.0  /* a Latin-to-Latin chain's run with undamaged-looking words */
#define LM_MIN_LEAD 0.3    /* best chain over the runner-up */
#define LM_WORDS_LEAD 0.05 /* ... two Latin-to-Latin chains on the words they differ in */
#define LM_LONG_RUN 12     /* letters in a run judged by the models alone */
#define LM_PLAUSIBLE -5.0  /* ... whose result must score at least this (text: -2 to -4) */
/* A Latin-to-Latin chain's run that the rules above turn down (letters
 * turned into other letters, "pøedchozí" for "předchozí", look like no damage)
 * is judged against the whole line (latin_line_ok): the line must read as a
 * Central European language to the language identifier; the changed words
 * (with a word of context) must score better under the line's best model after
 * the repair than under the line's best model before it (LINE_GAIN, mean per
 * pair), better under their own best models (LINE_BEST_GAIN), and the whole
 * line better under its best model (LINE_WHOLE_GAIN, mean per pair). Tuned
 * on chains.py's dev set (0 clean lines changed there; a total over the
 * line's pairs instead of the mean repaired 1 % more of dev and changed
 * more than twice as many lines of the UDHR's languages without a model). */
#define LM_LINE_GAIN 0.5
#define LM_LINE_BEST_GAIN 0.25
#define LM_LINE_WHOLE_GAIN 0.15

/* ---------- inverting a step ---------- */

/* The byte that `c` was decoded from under code page w, or -1. Decoders that
 * follow ISO-8859-1 or the WHATWG tables turn bytes a code page leaves
 * undefined into the C1 control of the same value, so those map back too. */
static int enc_wrong(pisar_encoding w, int32_t c)
{
    if (c < 0) return -1;
    /* windows-1251 leaves one byte undefined, 0x98: a decoder that replaced
     * it (U+FFFD: Python's errors='replace', recode) replaced that byte */
    if (c == 0xFFFD && w == PISAR_ENC_WINDOWS_1251) return 0x98;
    int b = cp_encode(w, (uint32_t)c);
    if (b >= 0) return b;
    if (c >= 0x80 && c <= 0x9F) {
        if (w == PISAR_ENC_WINDOWS_1252 || cp_table(w)[c] == CP_UNDEFINED) return c;
    }
    return -1;
}

static int enc_index(int32_t c)
{
    if (c >= 0x80 && c < 0x500) return c - 0x80;
    if (c >= 0x2000 && c < 0x2600) return 0x480 + (c - 0x2000);
    return -1;
}

static int lm_index(uint32_t c)
{
    if (c < 0x500) return (int)c;
    if (c >= 0x2000 && c < 0x2600) return 0x500 + (int)(c - 0x2000);
    return -1;
}

void repair_enc_free(repair_enc *t)
{
    if (!t) return;
    free(t->lm_sym);
    t->lm_sym = NULL;
}

static int lm_tables(repair_enc *t)
{
    t->nlm = lm_count();
    t->lm_sym = NULL;
    if (t->nlm <= 0) return PISAR_OK;
    t->lm_sym = malloc((size_t)t->nlm * REPAIR_LM_SPAN);
    if (!t->lm_sym) return PISAR_ENOMEM;
    for (uint32_t c = 0; c < 0x2600; c++) {
        int k = lm_index(c);
        if (k < 0) continue;
        t->lm_cls[k] = (uint8_t)lm_class_of(c);
        for (int m = 0; m < t->nlm; m++)
            t->lm_sym[(size_t)m * REPAIR_LM_SPAN + (size_t)k] = (uint8_t)lm_symbol(m, c);
    }
    return PISAR_OK;
}

/* lm.c's score_utf8() (words = 0) of the characters whose table indices
 * (lm_index, or -1 with the code point in cp) are k[0, n). */
static double lm_score_idx(const repair_enc *t, int m, const int16_t *k, const uint32_t *cp,
                           size_t n)
{
    const uint8_t *sym = t->lm_sym + (size_t)m * REPAIR_LM_SPAN, *pairs = lm_pairs(m);
    int ns = lm_nsymbols(m);
    uint64_t cost = 0;
    int prev = k[0] >= 0 ? sym[k[0]] : lm_symbol(m, cp[0]);
    for (size_t i = 1; i < n; i++) {
        int y = k[i] >= 0 ? sym[k[i]] : lm_symbol(m, cp[i]);
        cost += pairs[prev * ns + y];
        prev = y;
    }
    return n > 1 ? -(double)cost / LM_COST_SCALE / (double)(n - 1) : 0;
}

/* The model that scores k[0, n) best, the first of equal ones, and its
 * score in *score, as lm_score_idx() over every model gives them (with
 * first_only: the first model taken alone, whose score is no more than the
 * best one's; -1 when there is none to take); hint: the model to take first
 * (one that scored a like text best), or -1: the one cheapest over the
 * first 16 characters. The least
 * summed cost is the best score (every model counts the n - 1 pairs), a
 * model whose sum passes the least one found so far cannot have it and
 * stops there (costs are never negative), and the model cheapest over the
 * first 16 characters goes first. */
static int lm_best_idx(const repair_enc *t, const int16_t *k, const uint32_t *cp, size_t n,
                       double *score, int first_only, int hint)
{
    enum { HEAD = 16, MAXLM = 64 };
    if (first_only && (n < 2 || t->nlm > MAXLM)) return -1;
    if (n < 2 || t->nlm > MAXLM) {
        int best = -1;
        double bs = 0;
        for (int j = 0; j < t->nlm; j++) {
            double v = lm_score_idx(t, j, k, cp, n);
            if (best < 0 || v > bs) best = j, bs = v;
        }
        *score = bs;
        return best;
    }
    uint64_t cost[MAXLM], least = UINT64_MAX;
    int prev[MAXLM], first = hint, best = -1;
    size_t head = hint >= 0 && hint < t->nlm ? 1 : n < HEAD ? n : HEAD;
    if (head > 1) first = 0;
    for (int j = 0; j < t->nlm; j++) {
        const uint8_t *sym = t->lm_sym + (size_t)j * REPAIR_LM_SPAN, *pairs = lm_pairs(j);
        int ns = lm_nsymbols(j), p = k[0] >= 0 ? sym[k[0]] : lm_symbol(j, cp[0]);
        uint64_t c = 0;
        for (size_t i = 1; i < head; i++) {
            int y = k[i] >= 0 ? sym[k[i]] : lm_symbol(j, cp[i]);
            c += pairs[p * ns + y];
            p = y;
        }
        cost[j] = c;
        prev[j] = p;
        if (head > 1 && c < least) least = c, first = j;
    }
    least = UINT64_MAX;
    for (int o = 0; o < t->nlm; o++) {
        int j = o == 0 ? first : o <= first ? o - 1 : o;
        const uint8_t *sym = t->lm_sym + (size_t)j * REPAIR_LM_SPAN, *pairs = lm_pairs(j);
        int ns = lm_nsymbols(j), p = prev[j], over = 0;
        uint64_t c = cost[j];
        for (size_t i = head; i < n; i++) {
            int y = k[i] >= 0 ? sym[k[i]] : lm_symbol(j, cp[i]);
            c += pairs[p * ns + y];
            p = y;
            if ((i & 15) == 0 && c > least) {
                over = 1;
                break;
            }
        }
        if (!over && (c < least || (c == least && j < best))) least = c, best = j;
        if (first_only) break;
    }
    *score = -(double)least / LM_COST_SCALE / (double)(n - 1);
    return best;
}

#define LM_CHUNK 1024 /* longer texts are scored through lm.c */

/* Table indices of valid UTF-8 s: their number, or (size_t)-1 when longer
 * than LM_CHUNK characters; *letters: whether one is a letter (lm_best_utf8's
 * test). */
static size_t lm_indices(const repair_enc *t, const unsigned char *s, size_t n, int16_t *k,
                         uint32_t *cp, int *letters)
{
    size_t m = 0;
    *letters = 0;
    for (size_t i = 0; i < n; m++) {
        if (m == LM_CHUNK) return (size_t)-1;
        uint32_t c = s[i];
        if (c < 0x80)
            i++;
        else
            c = (uint32_t)u8_next(s, n, &i);
        int x = lm_index(c), cl = x >= 0 ? t->lm_cls[x] : lm_class_of(c);
        *letters |= cl == LM_FA || cl == LM_FL;
        k[m] = (int16_t)x;
        cp[m] = c;
    }
    return m;
}

double repair_lm_score(const repair_enc *t, int lang, const char *s, size_t n)
{
    int16_t k[LM_CHUNK];
    uint32_t cp[LM_CHUNK];
    int letters;
    if (!t->lm_sym || lang < 0 || lang >= t->nlm || !s) return lm_score_utf8(lang, s, n, NULL);
    size_t m = lm_indices(t, (const unsigned char *)s, n, k, cp, &letters);
    if (m == (size_t)-1) return lm_score_utf8(lang, s, n, NULL);
    return m ? lm_score_idx(t, lang, k, cp, m) : 0;
}

int repair_lm_best(const repair_enc *t, const char *s, size_t n, double *score)
{
    int16_t k[LM_CHUNK];
    uint32_t cp[LM_CHUNK];
    int letters;
    if (!t->lm_sym || !s) return lm_best_utf8(s, n, score);
    size_t m = lm_indices(t, (const unsigned char *)s, n, k, cp, &letters);
    if (m == (size_t)-1) return lm_best_utf8(s, n, score);
    int best = -1;
    double bs = 0;
    if (letters) best = lm_best_idx(t, k, cp, m, &bs, 0, -1);
    if (score) *score = best < 0 ? 0 : bs;
    return best;
}

int repair_enc_init(repair_enc *t)
{
    for (int st = 0; st < NSTEPS; st++) {
        pisar_encoding w = STEPS[st].wrong;
        const uint16_t *tab = cp_table(w);
        for (int k = 0; k < REPAIR_ENC_SPAN; k++)
            t->b[st][k] = -1;
        /* C1 controls first, so that a byte's own character wins below */
        for (int32_t c = 0x80; c <= 0x9F; c++)
            t->b[st][enc_index(c)] = (int16_t)enc_wrong(w, c);
        /* downwards, so that the lowest of two bytes with one character wins,
         * as in cp_encode */
        for (int byte = 0xFF; byte >= 0x80; byte--) {
            int k = tab[byte] == CP_UNDEFINED ? -1 : enc_index(tab[byte]);
            if (k >= 0) t->b[st][k] = (int16_t)byte;
        }
    }
    return lm_tables(t);
}

/* UTF-8 read as windows-1251 by a decoder that dropped the byte it cannot
 * map (iconv -c, Python's errors='ignore'): that byte was 0x98, the only one
 * windows-1251 leaves undefined ("Р" + a dropped 0x98 is И, "С" + 0x98 is
 * Serbian ј). Put 0x98 back where a sequence in tmp (its first invalid byte
 * at `bad`) is one continuation byte short inside a word, as long as that
 * makes it valid:
 * 1 when tmp is then valid UTF-8, 0 when not (no inverse), -1 (memory). */
static int restore_98(pisar_buf *tmp, size_t bad)
{
    for (int tries = 0; bad < tmp->len && tries < 64; tries++) {
        const unsigned char *t = (const unsigned char *)tmp->data;
        unsigned lead = t[bad];
        size_t need = lead >= 0xC2 && lead <= 0xDF   ? 1
                      : lead >= 0xE0 && lead <= 0xEF ? 2
                      : lead >= 0xF0 && lead <= 0xF4 ? 3
                                                     : 0;
        size_t have = 0;
        while (have < need && bad + 1 + have < tmp->len && (t[bad + 1 + have] & 0xC0) == 0x80)
            have++;
        if (!need || have == need) return 0; /* not a sequence one byte short */
        size_t at = bad + 1 + have;
        /* not at a word's end: "Р " there is as often Р and a no-break space
         * (0xA0) that became a space ("Р РѕРјР°С€РєР°" is Ромашка) */
        if (at >= tmp->len || t[at] == ' ' || t[at] == '\t') return 0;
        if (pisar_buf_reserve(tmp, 1)) return -1;
        memmove(tmp->data + at + 1, tmp->data + at, tmp->len - at);
        tmp->data[at] = (char)0x98;
        tmp->len++;
        size_t i = bad;
        if (u8_next((const unsigned char *)tmp->data, tmp->len, &i) < 0) return 0;
        bad = u8_check((const unsigned char *)tmp->data, tmp->len);
    }
    return bad >= tmp->len;
}

/* Append the inverse of step st applied to s to out; 0 if there is none. */
static int invert_step(const repair_enc *et, int st, const unsigned char *s, size_t n,
                       pisar_buf *tmp, pisar_buf *out)
{
    const step *p = &STEPS[st];
    pisar_buf_clear(tmp);
    if (pisar_buf_reserve(tmp, n)) return -1;
    size_t i = 0;
    while (i < n) {
        int32_t c = s[i] < 0x80 ? s[i++] : u8_next(s, n, &i);
        int k = c < 0x80 ? -2 : enc_index(c);
        int b = k == -2 ? c : k >= 0 ? et->b[st][k] : enc_wrong(p->wrong, c);
        if (b < 0) return 0;
        tmp->data[tmp->len++] = (char)b;
    }
    const unsigned char *t = (const unsigned char *)tmp->data;
    if (p->orig == PISAR_ENC_UTF8) {
        size_t bad = u8_check(t, tmp->len);
        if (bad != tmp->len && p->wrong == PISAR_ENC_WINDOWS_1251) {
            int r = restore_98(tmp, bad);
            if (r <= 0) return r;
            t = (const unsigned char *)tmp->data;
            bad = tmp->len;
        }
        if (bad != tmp->len) return 0;
        return pisar_buf_append(out, t, tmp->len) ? -1 : 1;
    }
    /* (a single-byte page's characters lie in the BMP: 3 bytes at most
     * each, written in place; nothing is appended when one is undefined) */
    const unsigned char(*u8)[4] = cp_utf8(p->orig);
    if (pisar_buf_reserve(out, 3 * tmp->len)) return -1;
    size_t o = out->len;
    for (size_t k = 0; k < tmp->len; k++) {
        const unsigned char *e = u8[t[k]];
        if (!e[0]) {
            out->data[out->len] = '\0';
            return 0;
        }
        memcpy(out->data + o, e + 1, 3);
        o += e[0];
    }
    out->len = o;
    out->data[o] = '\0';
    return 1;
}

typedef struct scratch {
    pisar_buf tmp, mid;
    const repair_enc *enc;
} scratch;

/* Inverse of a chain on s, appended to out: 1, 0 (none) or -1 (memory). */
static int invert_chain(const chain *ch, const unsigned char *s, size_t n, scratch *sc,
                        pisar_buf *out)
{
    if (ch->inner < 0) return invert_step(sc->enc, ch->outer, s, n, &sc->tmp, out);
    pisar_buf_clear(&sc->mid);
    int r = invert_step(sc->enc, ch->outer, s, n, &sc->tmp, &sc->mid);
    if (r <= 0) return r;
    return invert_step(sc->enc, ch->inner, (const unsigned char *)sc->mid.data, sc->mid.len,
                       &sc->tmp, out);
}

/* ---------- character classes ---------- */

enum { SC_NONE = 0, SC_LATIN, SC_CYRILLIC, SC_GREEK };

/* The script of a letter that ordinary words of the languages pisar serves
 * use, or SC_NONE for anything else (µ, ª, archaic or non-Slavic Cyrillic...). */
static int word_letter_script(int32_t c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return SC_LATIN;
    if (c >= 0xC0 && c <= 0xFF) return (c == 0xD7 || c == 0xF7) ? SC_NONE : SC_LATIN;
    if (c >= 0x100 && c <= 0x17F) return SC_LATIN;
    if (c >= 0x218 && c <= 0x21B) return SC_LATIN;
    if (c >= 0x400 && c <= 0x45F) return SC_CYRILLIC;
    if (c == 0x490 || c == 0x491) return SC_CYRILLIC;
    if (c >= 0x386 && c <= 0x3CE && u_isalpha(c)) return SC_GREEK;
    return SC_NONE;
}

/* Punctuation that may stand at either end of a word. */
static int edge_punct(int32_t c)
{
    if (c < 0x80) return c > 0x20 && c < 0x7F && !u_isalnum(c);
    switch (c) {
    case 0xAB:
    case 0xBB:
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x2039:
    case 0x203A:
    case 0x2013:
    case 0x2014:
    case 0x2026:
    case 0x2116:
    case 0xB0:
    case 0xA7:
    case 0x20AC:
    case 0xA0:
    case 0x2009:
    case 0x202F:
    case 0x2010:
    case 0x2011:
    case 0x02BC:
        return 1;
    default:
        return 0;
    }
}

/* Punctuation that may stand between two letters of a word. */
static int inner_punct(int32_t c)
{
    return c == '\'' || c == '-' || c == '.' || c == 0x2019 || c == 0x2010 || c == 0x2011 ||
           c == 0x02BC; /* the Belarusian and Ukrainian apostrophe */
}

/* Case of a character: the ranges most text is made of answered here, the
 * rest by ICU (the same answers: tests/test_normalize.c test_fast_paths). */
static int is_upper(int32_t c)
{
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    if (c >= 0x400 && c < 0x460) return c < 0x430;
    if (c >= 0xC0 && c < 0x100) return c < 0xDF && c != 0xD7;
    return u_isupper(c) != 0;
}
static int is_lower(int32_t c)
{
    if (c < 0x80) return c >= 'a' && c <= 'z';
    if (c >= 0x400 && c < 0x460) return c >= 0x430;
    if (c >= 0xC0 && c < 0x100) return c >= 0xDF && c != 0xF7;
    return u_islower(c) != 0;
}

#define MAXW 256 /* longer tokens are judged on their first MAXW characters */

static size_t decode_cps(const unsigned char *s, size_t n, int32_t *cp)
{
    size_t i = 0, k = 0;
    while (i < n && k < MAXW)
        cp[k++] = u8_next(s, n, &i);
    return k;
}

/* Emoji and the other pictographs of the 4-byte planes (and their variation
 * selector and joiner), which a UTF-8 chain garbles like letters: "рџ”Ґ" is
 * 🔥. They stand where punctuation may. */
static int emoji(int32_t c)
{
    return (c >= 0x1F000 && c <= 0x1FAFF) || c == 0xFE0F || c == 0x200D ||
           (c >= 0x2600 && c <= 0x27BF);
}

/* Nonzero when a Cyrillic letter follows in cp[from, k) before any other
 * script's letter. */
static int cyrillic_after(const int32_t *cp, size_t from, size_t k)
{
    for (size_t j = from; j < k; j++) {
        int sc = word_letter_script(cp[j]);
        if (cp[j] == 'i' || cp[j] == 'I' || sc == SC_NONE) continue;
        return sc == SC_CYRILLIC;
    }
    return 0;
}

/* The upper-case letter cp[j] ends a three-letter Cyrillic run Upper, lower,
 * Upper that stands alone ("БиХ", "МиГ", "ЗиЛ"). */
static int mixed_abbrev(const int32_t *cp, size_t j, size_t k)
{
    if (j < 2 || word_letter_script(cp[j]) != SC_CYRILLIC) return 0;
    if (j >= 3 && word_letter_script(cp[j - 3]) != SC_NONE) return 0;
    if (j + 1 < k && word_letter_script(cp[j + 1]) != SC_NONE) return 0;
    return is_upper(cp[j - 2]) && is_lower(cp[j - 1]) &&
           word_letter_script(cp[j - 2]) == SC_CYRILLIC &&
           word_letter_script(cp[j - 1]) == SC_CYRILLIC;
}

/* The script of cp[j] as a letter of its word: a Latin i next to Cyrillic
 * letters counts as Cyrillic (Belarusian or Ukrainian і typed with the Latin
 * key: a look-alike for the homoglyph repair, not damage). */
static int letter_script_in(const int32_t *cp, size_t j, size_t k)
{
    int32_t c = cp[j];
    if (c != 'i' && c != 'I') return word_letter_script(c);
    for (size_t q = j; q-- > 0;) {
        int sc = word_letter_script(cp[q]);
        if (cp[q] == 'i' || cp[q] == 'I') continue;
        if (sc == SC_CYRILLIC) return SC_CYRILLIC;
        break;
    }
    return cyrillic_after(cp, j + 1, k) ? SC_CYRILLIC : SC_LATIN;
}

/*
 * How damaged a token looks: 0 for ordinary words (also "iPhone"-like brands
 * score at most 1, but they are never invertible).
 */
static int badness(const unsigned char *s, size_t n)
{
    int32_t cp[MAXW];
    size_t k = decode_cps(s, n, cp);
    int bad = 0, latin_run = 0, latin_upper = 0, latin_counted = 0, latin_ext = 0;
    for (size_t j = 0; j < k; j++) {
        int32_t c = cp[j];
        int32_t prev = j ? cp[j - 1] : ' ', next = j + 1 < k ? cp[j + 1] : ' ';
        int sc = letter_script_in(cp, j, k);
        if (c >= 0x80 && c <= 0x9F) {
            bad += 2;
            continue;
        }
        /* (three letters outside ASCII in a row: "ÃƒÂ", "ðèâ" of Cyrillic
         * read as windows-1252; but small letters with one of Latin
         * Extended-A that no misreading as windows-1252 or ISO-8859-1 makes,
         * Turkish "ığı", "üşü", are a word) */
        if (sc == SC_LATIN && c >= 0x80) {
            latin_upper |= is_upper(c);
            latin_ext |= c >= 0x100 && c <= 0x17F && c != 0x153 && c != 0x161 && c != 0x17E;
            if (++latin_run >= 3 && !latin_counted && (latin_upper || !latin_ext))
                bad++, latin_counted = 1;
        } else {
            latin_run = latin_upper = latin_counted = latin_ext = 0;
        }
        if (sc != SC_NONE) {
            int psc = j ? letter_script_in(cp, j - 1, k) : SC_NONE;
            if (psc != SC_NONE && psc != sc) bad++;
            if (psc != SC_NONE && is_lower(prev) && is_upper(c) && !mixed_abbrev(cp, j, k)) bad++;
            /* Ã, Â, Ð, Ñ followed by anything non-ASCII: UTF-8 lead bytes read as Latin-1 */
            if ((c == 0xC3 || c == 0xC2 || c == 0xD0 || c == 0xD1) && next >= 0x80 &&
                !(is_upper(next) && word_letter_script(next) == SC_LATIN))
                bad++;
            continue;
        }
        if (c < 0x80 || u_isdigit(c)) continue;
        /* a non-ASCII non-letter: odd beside a letter unless it is edge punctuation
         * at an edge (or an apostrophe or dash inside) */
        int pl = word_letter_script(prev) != SC_NONE, nl = word_letter_script(next) != SC_NONE;
        if (!pl && !nl) continue;
        int32_t after = j + 1 < k ? cp[j + 1] : ' ';
        if (pl && after >= 0x80 && word_letter_script(after) == SC_NONE && !u_isdigit(after) &&
            after != 0xA0) {
            bad++; /* "€”", "‚¬": a UTF-8 sequence's tail read as punctuation */
        } else if (c == 0xA0 && pl && j + 1 == k) {
            bad++; /* "Г " for "à": a lead byte and 0xA0 */
        } else if (pl && nl) {
            if (!inner_punct(c)) bad++;
        } else if (!edge_punct(c)) {
            bad++;
        }
    }
    return bad;
}

/* cp[j] starts a Cyrillic case ending of 1-3 small letters after an
 * abbreviation in capitals, up to the word's end ("МИДе", "ВУЗом", "НОВУРе"). */
static int case_ending(const int32_t *cp, size_t j, size_t k)
{
    size_t e = j;
    while (e < k && word_letter_script(cp[e]) == SC_CYRILLIC && is_lower(cp[e]))
        e++;
    if (e - j > 3 || word_letter_script(cp[j - 1]) != SC_CYRILLIC) return 0;
    return e == k || word_letter_script(cp[e]) == SC_NONE;
}

/* A well-formed word: letters of one script from the ordinary repertoire, case
 * lower / UPPER / Capitalised in every letter run, only ordinary punctuation. */
static int wellformed(const unsigned char *s, size_t n)
{
    int32_t cp[MAXW];
    if (n > MAXW) return 0;
    size_t k = decode_cps(s, n, cp);
    int script = SC_NONE;
    for (size_t j = 0; j < k; j++) {
        int32_t c = cp[j];
        if (c < 0) return 0;
        int sc = letter_script_in(cp, j, k);
        if (sc != SC_NONE) {
            if (script != SC_NONE && sc != script) return 0;
            script = sc;
            int32_t prev = j ? cp[j - 1] : ' ';
            if (word_letter_script(prev) != SC_NONE) {
                /* within a letter run: no lower->upper (but for a mixed-case
                 * abbreviation of 3 letters: "БиХ", "МиГ"), and no upper
                 * after two letters unless the run so far is all upper */
                if (is_upper(c) && !is_upper(prev) && !mixed_abbrev(cp, j, k)) return 0;
                if (is_lower(c) && is_upper(prev) && j >= 2 &&
                    word_letter_script(cp[j - 2]) != SC_NONE && is_upper(cp[j - 2]) &&
                    !case_ending(cp, j, k))
                    return 0;
            }
            continue;
        }
        if (c < 0x20 || c == 0x7F) return 0;
        if (c < 0x80 || u_isdigit(c)) {
            /* ASCII punctuation or a digit ends a word: "C-компилятор",
             * "while/until/тощо", "IFLA_BROADCAST:адрес" */
            if (!(c == '\'' && j + 1 < k && word_letter_script(cp[j + 1]) == script))
                script = SC_NONE;
            continue;
        }
        if (u_getCombiningClass(c) > 0 && j && word_letter_script(cp[j - 1]) != SC_NONE) continue;
        if (!edge_punct(c) && !emoji(c)) return 0;
        int pl = j && word_letter_script(cp[j - 1]) != SC_NONE;
        int nl = j + 1 < k && word_letter_script(cp[j + 1]) != SC_NONE;
        if (pl && nl && !inner_punct(c)) return 0;
        /* two or more such symbols between letters ("operationsâ€”that") */
        if (pl && j + 1 < k && cp[j + 1] >= 0x80 && word_letter_script(cp[j + 1]) == SC_NONE) {
            size_t r = j + 1;
            while (r < k && cp[r] >= 0x80 && word_letter_script(cp[r]) == SC_NONE)
                r++;
            if (r < k && word_letter_script(cp[r]) != SC_NONE) return 0;
        }
    }
    return 1;
}

/* ---------- tokens and candidates ---------- */

enum { T_NEUTRAL = 0, T_GOOD = 1, T_BAD = 2, T_UNSEEN = 3 };

typedef struct token {
    size_t b, e;         /* byte range in the line */
    int ascii;           /* pure ASCII */
    int bad;             /* badness of the input */
    int letters;         /* letters in the input (up to MAXW characters) */
    int upper;           /* of which upper case */
    unsigned no_inverse; /* bit i: step i has no inverse on this token */
    int plain;           /* plain_token(): bad, letters and upper set by it */
    unsigned utf8_may;   /* ... and bit i: UTF-8 step i may invert it or its core */
    int status;          /* under the chain being examined */
    int cover;           /* in a run a single-byte chain might take (cover_runs()) */
    int sgood;           /* may be GOOD under a UTF-8 chain (cannot_repair()) */
    size_t roff, rlen;   /* result in the chain's result buffer */
} token;

typedef struct cand {
    int chain;
    size_t ta, te;     /* tokens [ta, te) */
    size_t aoff, alen; /* result in cands text */
    double lm;         /* LM score of the result (or 0) */
    size_t ngood;
    int still_bad; /* the result still looks damaged */
    int inner;     /* Latin-to-Latin: every changed word had a sign inside (inner_sign) */
} cand;

/*
 * examine()'s answers kept from line to line of a workspace (the fast path
 * only): a token's status under a chain, its result and whether it set the
 * chain's no_inverse bit depend only on the chain and the token's bytes
 * (badness, the plain-token shortcut and the inverses read nothing else), and
 * prep's paragraphs ask the same words under the same chains again and again
 * (the long-run path of cover_runs(): hundreds of thousands of inversions of
 * a few thousand words). Open addressing on (chain, bytes); keys and results
 * in one arena; the whole cache is emptied when the table is 3/4 full or the
 * arena full. tests/test_normalize.c (test_inv_cache) compares a workspace
 * kept over many lines with the reference path, line by line.
 */
#define INV_SLOTS 65536      /* a power of 2 */
#define INV_ARENA (1u << 22) /* bytes of keys and results */
#define INV_MAX_KEY 96       /* longer tokens are not kept */
typedef struct inv_entry {
    uint32_t hash;  /* 0: empty */
    uint32_t off;   /* key at arena[off], its result after it */
    uint16_t klen;  /* key bytes */
    uint16_t rlen;  /* result bytes (GOOD and NEUTRAL) */
    uint8_t chain;  /* index in CHAINS */
    uint8_t status; /* T_GOOD, T_NEUTRAL, T_BAD */
    uint8_t noinv;  /* the examination set the chain's no_inverse bit */
} inv_entry;
typedef struct inv_cache {
    inv_entry *slot;
    unsigned char *arena;
    size_t used, filled;
    size_t hits, clears; /* (for the tests: repair_ws_stats()) */
    const void *enc;     /* the tables the answers were found with */
} inv_cache;

/*
 * lm_judge()'s answers kept from line to line of a workspace (the fast path
 * only): the models' judgement of a run, its text before (b) and after (a)
 * and the least gain asked, depends on nothing else (the scores of b and a
 * under fixed models; x->lmb and x->lm_hint only choose the order of the
 * work). Where lm_judge() refuses (a's score below lb + gain), the answer
 * kept is the refusal it gave, which add_cand() reads as the same decision
 * whichever way it was reached; where it accepts, both scores are exact.
 * Manual pages and message catalogues repeat their capitals (licences,
 * tables of characters, section names), so that the single-byte chains ask
 * the same runs again and again. Open addressing on (gain, b, a); keys in
 * one arena; emptied when 3/4 full or the arena is. tests/test_normalize.c
 * (test_inv_cache) compares a workspace kept over many lines with the
 * reference path, line by line.
 */
#define JC_SLOTS 8192       /* a power of 2 */
#define JC_ARENA (1u << 22) /* bytes of keys */
#define JC_MAX_KEY 65536    /* longer runs are not kept */
typedef struct jc_entry {
    uint32_t hash; /* 0: empty */
    uint32_t off;  /* b at arena[off], a after it */
    uint32_t blen, alen;
    double gain, lm, lb;
} jc_entry;
typedef struct judge_cache {
    jc_entry *slot;
    unsigned char *arena;
    size_t used, filled;
    size_t hits, clears; /* (for the tests: repair_ws_judge_stats()) */
    const void *enc;     /* the tables (and their models) the answers were found with */
} judge_cache;

typedef struct ctx {
    const unsigned char *s;
    size_t n;
    token *tok;
    size_t ntok;
    scratch sc;
    pisar_buf res;   /* per-chain token results */
    pisar_buf ctext; /* candidates' results */
    cand *c;
    size_t nc, capc;
    size_t tokcap;
    int have_lm;
    int fast;         /* the shortcuts (plain_token(), cannot_repair()) are allowed */
    int line_lang;    /* the input line's best model (-2: not yet asked) */
    double line_lm;   /* ... and its score */
    int line_ce;      /* the language identifier reads it as central_european() (-1: not asked) */
    pisar_buf lmb;    /* lm_before(): the last text scored, */
    double lmb_score; /* its score */
    int lmb_ok;
    int lm_hint; /* 1 + the model that scored the last run's text best (0: none yet) */
    long *pre;   /* cover_runs()'s prefix sums */
    size_t precap;
    /* the seeded examination (examine_seeded()): the seeds under the chains
     * whose text was UTF-8 and under the others, and the tokens examined
     * under the current chain (3 * ntok entries) */
    size_t *seed_u, *seed_1, *touched;
    size_t nseed_u, nseed_1, ntouched;
    size_t *idx;
    size_t idxcap;
    inv_cache *inv;  /* examine()'s answers from line to line (NULL: none) */
    judge_cache *jc; /* lm_judge()'s answers from line to line (NULL: none) */
} ctx;

static int is_space(unsigned char c)
{
    /* NUL, \t \n \v \f \r and space: one test for the bytes above the space */
    return c <= ' ' && (c == ' ' || c == 0 || (c >= '\t' && c <= '\r'));
}

/* (Build with -DPLAIN_CHECK to have the plain-word shortcuts below checked
 * against the full computation on every word, aborting where they differ.) */
static int may_be_utf8(const repair_enc *et, int st, const unsigned char *s, size_t n);
static int plain_866_may(const unsigned char *s, size_t n);
static int plain_core_may(const repair_enc *et, int st, const unsigned char *s, size_t n);

/*
 * The common case without decoding nor ICU: a token made only of the
 * Cyrillic letters U+0400..U+045F and ASCII non-letters, with no small letter
 * followed by a capital. Outside the basic letters U+0410..U+044F (Ukrainian
 * і є ї, ё...: "ext"), the UTF-8 steps with Cyrillic in their wrong page
 * (windows-1251, KOI8-R, IBM866) are asked may_be_utf8() on the token and its
 * core instead of the argument below, which holds for the basic letters. Such a token has badness 0
 * (no script change, no case flip, no non-ASCII non-letter), and under the steps whose text was
 * UTF-8 it has no inverse, nor has its core without edge punctuation (which keeps every letter):
 * windows-1251 and KOI8-R give its letters the bytes C0..FF, all lead bytes (or invalid) with no
 * continuation byte to follow; windows-1252, windows-1250 and ISO-8859-2 have no Cyrillic letters;
 * IBM866 gives А..п the continuation bytes 80..AF and р..я the 3-byte leads E0..EF, so it needs a
 * lead followed by two continuations (*tri). Returns 1 and fills t's counts
 * (letters and capitals among the first MAXW characters, as tokenize() counts
 * them), or 0 when the token is anything else.
 */
static int plain_token(const repair_enc *et, const unsigned char *s, size_t n, token *t)
{
    int ext = 0;
    int prev_lower = 0, cls1 = 0, cls2 = 0; /* classes of the last two: 1 cont, 2 lead */
    int letters = 0, upper = 0, tri = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; k++) {
        unsigned char b = s[i];
        if (b < 0x80) {
            unsigned char l = b | 0x20;
            if (l >= 'a' && l <= 'z') return 0;
            prev_lower = 0;
            cls1 = cls2 = 0;
            i++;
            continue;
        }
        if (i + 1 >= n) return 0;
        unsigned char b2 = s[i + 1];
        if (!((b == 0xD0 && b2 >= 0x80 && b2 <= 0xBF) || (b == 0xD1 && b2 >= 0x80 && b2 <= 0x9F)))
            return 0;
        int32_t c = ((b & 0x1F) << 6) | (b2 & 0x3F);
        ext |= c < 0x410 || c >= 0x450;
        int up = c < 0x430;
        if (prev_lower && up) return 0;
        prev_lower = !up;
        int cls = c < 0x440 ? 1 : 2;
        if (cls == 1 && cls1 == 1 && cls2 == 2) tri = 1;
        cls2 = cls1;
        cls1 = cls;
        if (k < MAXW) {
            letters++;
            upper += up;
        }
        i += 2;
    }
    t->plain = 1;
    if (ext) {
        for (int st = 0; st < 3; st++)
            if (plain_core_may(et, st, s, n)) t->utf8_may |= 1u << st;
    } else if (tri && plain_866_may(s, n)) {
        t->utf8_may = 1u << 2;
    }
    t->letters = letters;
    t->upper = upper;
    return 1;
}

static int tokenize(ctx *x)
{
    for (size_t i = 0; i < x->n;) {
        while (i < x->n && is_space(x->s[i]))
            i++;
        if (i >= x->n) break;
        size_t b = i;
        int ascii = 1;
        i = repair_token_end(x->s, x->n, i, &ascii); /* (repair_scan.h) */
        if (x->ntok == x->tokcap) {
            size_t cap = x->tokcap ? x->tokcap * 2 : 32;
            token *t = realloc(x->tok, cap * sizeof *t);
            if (!t) return -1;
            x->tok = t;
            x->tokcap = cap;
        }
        token *t = &x->tok[x->ntok++];
        memset(t, 0, sizeof *t);
        t->b = b, t->e = i, t->ascii = ascii;
        if (ascii || (x->fast && plain_token(x->sc.enc, x->s + b, i - b, t))) continue;
        t->bad = badness(x->s + b, i - b);
        {
            int32_t cp[MAXW];
            size_t k = decode_cps(x->s + b, i - b, cp);
            for (size_t j = 0; j < k; j++) {
                int l = word_letter_script(cp[j]) != SC_NONE;
                t->letters += l;
                t->upper += l && is_upper(cp[j]);
            }
        }
    }
    return 0;
}

/* Characters that may be stripped from a token's ends when the whole token has
 * no inverse (quotes or brackets added around a garbled word). */
static int strippable(int32_t c)
{
    return (c < 0x80 && c > 0x20 && !u_isalnum(c)) || c == 0xAB || c == 0xBB || c == 0x201C ||
           c == 0x201D || c == 0x201E || c == 0x2018 || c == 0x2019 || c == 0x2013 || c == 0x2014;
}

/* Nonzero when the UTF-8 s[0,n) is only punctuation that may stand at a
 * word's edge, with at least one non-ASCII character. */
static int punct_only(const unsigned char *s, size_t n)
{
    int non_ascii = 0;
    for (size_t i = 0; i < n;) {
        int32_t c = u8_next(s, n, &i);
        if (c <= 0x20 || !edge_punct(c) || c == 0xA0) return 0;
        non_ascii |= c >= 0x80;
    }
    return non_ascii;
}

/* The token s[0,n) has no inverse as a whole: try the longest prefix, then the
 * longest suffix (up to 12 characters) whose inverse is punctuation only,
 * keeping the rest. Appends the token's result to x->res: 1, 0 (none), -1. */
static int try_affix(ctx *x, const chain *ch, const unsigned char *s, size_t n)
{
    size_t roff = x->res.len, best = 0, i = 0;
    for (int count = 0; i < n && count < 12; count++) {
        u8_next(s, n, &i);
        if (i == n) break;
        x->res.len = roff;
        int r = invert_chain(ch, s, i, &x->sc, &x->res);
        if (r < 0) return -1;
        if (r && punct_only((const unsigned char *)x->res.data + roff, x->res.len - roff)) best = i;
    }
    x->res.len = roff;
    if (best) {
        if (invert_chain(ch, s, best, &x->sc, &x->res) < 0) return -1;
        return pisar_buf_append(&x->res, s + best, n - best) ? -1 : 1;
    }
    size_t k = n;
    for (int count = 0; k > 0 && count < 12; count++) {
        k--;
        while (k > 0 && (s[k] & 0xC0) == 0x80)
            k--;
        if (k == 0) break;
        x->res.len = roff;
        if (pisar_buf_append(&x->res, s, k)) return -1;
        size_t pre = x->res.len;
        int r = invert_chain(ch, s + k, n - k, &x->sc, &x->res);
        if (r < 0) return -1;
        if (r && punct_only((const unsigned char *)x->res.data + pre, x->res.len - pre)) best = k;
    }
    x->res.len = roff;
    if (!best) return 0;
    if (pisar_buf_append(&x->res, s, best)) return -1;
    return invert_chain(ch, s + best, n - best, &x->sc, &x->res) < 0 ? -1 : 1;
}

/* Nonzero when step st surely has no inverse on plain token t nor on its core
 * (plain_token()): the UTF-8 steps as explained there, and the steps whose
 * wrong page has no Cyrillic letters. */
static int plain_no_inverse(const token *t, int st)
{
    if (!t->plain) return 0;
    const step *p = &STEPS[st];
    if (p->orig == PISAR_ENC_UTF8) return !(t->utf8_may >> st & 1u);
    return p->wrong == PISAR_ENC_WINDOWS_1252 || p->wrong == PISAR_ENC_WINDOWS_1250 ||
           p->wrong == PISAR_ENC_ISO_8859_1 || p->wrong == PISAR_ENC_ISO_8859_2;
}

static int examine_full(ctx *x, const chain *ch, token *t);
static int examine(ctx *x, const chain *ch, token *t);

/* The status of token t under chain ch; its result goes to x->res. */
static int examine_tok(ctx *x, const chain *ch, token *t)
{
    if (t->ascii) return T_NEUTRAL;
    if (plain_no_inverse(t, ch->outer)) {
        /* what examine_full() finds: no inverse of the token nor of its core,
         * and no affix tried (badness 0) */
#ifdef PLAIN_CHECK
        size_t len = x->res.len;
        if (examine_full(x, ch, t) != T_BAD) abort();
        x->res.len = len;
#endif
        if (ch->inner < 0) t->no_inverse |= 1u << ch->outer;
        t->roff = x->res.len;
        return T_BAD;
    }
    return examine_full(x, ch, t);
}

static int examine_full(ctx *x, const chain *ch, token *t)
{
    if (t->ascii) return T_NEUTRAL;
    /* the single-step chains come first: a chain whose outer step has no
     * inverse has none either */
    if (ch->inner >= 0 && (t->no_inverse >> ch->outer & 1u)) return T_BAD;
    const unsigned char *s = x->s + t->b;
    size_t n = t->e - t->b;
    t->roff = x->res.len;
    int r = invert_chain(ch, s, n, &x->sc, &x->res);
    if (r < 0) return -1;
    if (r == 0) {
        /* strip edge punctuation and retry on the core */
        x->res.len = t->roff;
        size_t a = 0, z = n, i = 0;
        while (i < n) {
            size_t k = i;
            int32_t c = u8_next(s, n, &i);
            if (!strippable(c)) {
                a = k;
                break;
            }
            a = i;
        }
        for (;;) {
            if (z <= a) break;
            size_t k = z - 1;
            while (k > a && (s[k] & 0xC0) == 0x80)
                k--;
            size_t j = k;
            if (!strippable(u8_next(s, n, &j))) break;
            z = k;
        }
        if (z <= a || (a == 0 && z == n)) goto affix;
        if (pisar_buf_append(&x->res, s, a)) return -1;
        r = invert_chain(ch, s + a, z - a, &x->sc, &x->res);
        if (r < 0) return -1;
        if (r == 0) goto affix;
        if (pisar_buf_append(&x->res, s + z, n - z)) return -1;
    }
    goto judge;
affix:
    if (ch->inner < 0) t->no_inverse |= 1u << ch->outer;
    /* garbled punctuation glued to a clean word ("вЂњпривет", "Itâ€™s"):
     * single UTF-8 steps only, damaged-looking tokens only */
    if (ch->inner >= 0 || STEPS[ch->outer].orig != PISAR_ENC_UTF8 || !t->bad) return T_BAD;
    x->res.len = t->roff;
    r = try_affix(x, ch, s, n);
    if (r <= 0) return r < 0 ? -1 : T_BAD;
judge:
    t->rlen = x->res.len - t->roff;
    if (t->rlen == n && !memcmp(x->res.data + t->roff, s, n)) return T_NEUTRAL;
    if (!wellformed((const unsigned char *)x->res.data + t->roff, t->rlen)) return T_BAD;
    return T_GOOD;
}

static uint32_t inv_hash(int chn, const unsigned char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15u * (uint64_t)(chn + 1) ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        h = (h ^ v) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 32;
    }
    uint64_t v = 0;
    memcpy(&v, s + i, n - i);
    h = (h ^ v) * 0xFF51AFD7ED558CCDu;
    h ^= h >> 29;
    uint32_t r = (uint32_t)h ^ (uint32_t)(h >> 32);
    return r ? r : 1;
}

static void inv_clear(inv_cache *c)
{
    memset(c->slot, 0, INV_SLOTS * sizeof *c->slot);
    c->used = c->filled = 0;
}

/* examine_tok() through the cache of its answers (x->inv, the fast path):
 * the same status, result in x->res (GOOD and NEUTRAL: the only ones whose
 * result is read) and no_inverse bit. */
static int examine(ctx *x, const chain *ch, token *t)
{
    inv_cache *c = x->inv;
    size_t n = t->e - t->b;
    /* (the plain tokens' sure refusal costs less than a look-up) */
    if (!c || t->ascii || n > INV_MAX_KEY || plain_no_inverse(t, ch->outer))
        return examine_tok(x, ch, t);
    int chn = (int)(ch - CHAINS);
    const unsigned char *s = x->s + t->b;
    uint32_t h = inv_hash(chn, s, n);
    size_t i = h & (INV_SLOTS - 1);
    for (; c->slot[i].hash; i = (i + 1) & (INV_SLOTS - 1)) {
        const inv_entry *e = &c->slot[i];
        if (e->hash != h || e->chain != chn || e->klen != n || memcmp(c->arena + e->off, s, n))
            continue;
        if (e->noinv) t->no_inverse |= 1u << ch->outer;
        c->hits++;
        t->roff = x->res.len;
        if (e->status != T_BAD) {
            if (pisar_buf_append(&x->res, c->arena + e->off + n, e->rlen)) return -1;
            t->rlen = e->rlen;
        }
        return e->status;
    }
    unsigned before = t->no_inverse;
    int st = examine_tok(x, ch, t);
    /* (a bit set before says nothing of this examination: not kept) */
    if (st < 0 || (before >> ch->outer & 1u)) return st;
    size_t rl = st == T_BAD ? 0 : t->rlen;
    if (rl > 0xFFFF) return st;
    if (4 * (c->filled + 1) > 3 * (size_t)INV_SLOTS || c->used + n + rl > INV_ARENA) {
        inv_clear(c);
        c->clears++;
        i = h & (INV_SLOTS - 1);
    }
    memcpy(c->arena + c->used, s, n);
    if (rl) memcpy(c->arena + c->used + n, x->res.data + t->roff, rl);
    c->slot[i] = (inv_entry){h,
                             (uint32_t)c->used,
                             (uint16_t)n,
                             (uint16_t)rl,
                             (uint8_t)chn,
                             (uint8_t)st,
                             (uint8_t)(ch->inner < 0 && (t->no_inverse >> ch->outer & 1u))};
    c->used += n + rl;
    c->filled++;
    return st;
}

/* The models' mean score of s; text without letters ("—", "5 €") has
 * nothing implausible in it and scores 0, the best possible. */
static double lm_of(const ctx *x, const char *s, size_t n)
{
    double sc = 0;
    if (repair_lm_best(x->sc.enc, s, n, &sc) < 0) return 0;
    return sc;
}

/* lm_of(), or a score below `floor` when the best model scores below it:
 * a model stops adding its pairs' costs once they exceed what a score of
 * `floor` allows (the costs are never negative), so that a chain's garbled
 * run, which add_cand() would refuse whatever its exact score, costs the
 * models only the first part of its text. Texts of more than LM_CHUNK
 * characters: lm_of(). */
static double lm_of_floor(const ctx *x, const char *s, size_t n, double floor)
{
    const repair_enc *t = x->sc.enc;
    int16_t k[LM_CHUNK];
    uint32_t cp[LM_CHUNK];
    int letters;
    if (!t->lm_sym || !s) return lm_of(x, s, n);
    size_t m = lm_indices(t, (const unsigned char *)s, n, k, cp, &letters);
    if (m == (size_t)-1 || m < 2) return lm_of(x, s, n);
    if (!letters) return 0;
    /* score >= floor <=> cost <= -floor * LM_COST_SCALE * (m - 1); a cost
     * above the limit (one unit of slack for rounding) scores below floor */
    double lim = -floor * LM_COST_SCALE * (double)(m - 1) + 1;
    int best = -1;
    double bs = 0;
    for (int j = 0; j < t->nlm; j++) {
        const uint8_t *sym = t->lm_sym + (size_t)j * REPAIR_LM_SPAN, *pairs = lm_pairs(j);
        int ns = lm_nsymbols(j);
        uint64_t cost = 0;
        int prev = k[0] >= 0 ? sym[k[0]] : lm_symbol(j, cp[0]), over = 0;
        for (size_t i = 1; i < m; i++) {
            int y = k[i] >= 0 ? sym[k[i]] : lm_symbol(j, cp[i]);
            cost += pairs[prev * ns + y];
            prev = y;
            if ((i & 3) == 0 && (double)cost > lim) {
                over = 1;
                break;
            }
        }
        if (over) continue;
        double v = -(double)cost / LM_COST_SCALE / (double)(m - 1);
        if (best < 0 || v > bs) best = j, bs = v;
    }
    return best < 0 ? floor - 1 : bs;
}

/* lm_of(), the model of the last run's text taken first (the same score),
 * and x->lm_hint set to the best one. */
static double lm_of_hint(ctx *x, const char *s, size_t n)
{
    const repair_enc *t = x->sc.enc;
    int16_t k[LM_CHUNK];
    uint32_t cp[LM_CHUNK];
    int letters;
    if (!t->lm_sym || !s) return lm_of(x, s, n);
    size_t m = lm_indices(t, (const unsigned char *)s, n, k, cp, &letters);
    if (m == (size_t)-1) return lm_of(x, s, n);
    if (!letters) return 0;
    double sc = 0;
    int best = lm_best_idx(t, k, cp, m, &sc, 0, x->lm_hint - 1);
    if (best < 0) return 0;
    x->lm_hint = best + 1;
    return sc;
}

/* lm_of() of a run's unchanged text, kept for the next chain: the
 * single-byte chains often judge the same run of the same line. */
static double lm_before(ctx *x, const pisar_buf *b)
{
    if (!b->len) return lm_of(x, b->data, b->len);
    if (x->lmb_ok && x->lmb.len == b->len && !memcmp(x->lmb.data, b->data, b->len))
        return x->lmb_score;
    double v = lm_of_hint(x, b->data, b->len);
    pisar_buf_clear(&x->lmb);
    x->lmb_ok = !pisar_buf_append(&x->lmb, b->data, b->len);
    x->lmb_score = v;
    return v;
}

/* A model's score of s (valid UTF-8), the hint's (x->lm_hint) or the one
 * cheapest over its start: no more than lm_of(s). 0 when there is none to
 * take (lm_of() is then asked). */
static int lm_some(ctx *x, const char *s, size_t n, double *score)
{
    const repair_enc *t = x->sc.enc;
    int16_t k[LM_CHUNK];
    uint32_t cp[LM_CHUNK];
    int letters;
    if (!t->lm_sym || !s) return 0;
    size_t m = lm_indices(t, (const unsigned char *)s, n, k, cp, &letters);
    if (m == (size_t)-1 || !letters) return 0;
    int j = lm_best_idx(t, k, cp, m, score, 1, x->lm_hint - 1);
    if (j >= 0) x->lm_hint = j + 1; /* (the next run's text starts from it) */
    return j >= 0;
}

/* add_cand()'s models: lm_before(b) in *lb and lm_of_floor(a, *lb + gain)
 * returned, or a refusal that is the same decision: a model's score lo of
 * b is no more than lm_before(b), so when a scores below lo + gain (by more
 * than rounding) the run gains less than `gain` whatever b's best score;
 * *lb is then lo and the result lo + gain - 1. The best score of b (all
 * the models) is only needed for the runs a reads well enough. */
static double lm_judge_run(ctx *x, const pisar_buf *b, const pisar_buf *a, double gain, double *lb)
{
    double lo;
    if (b->len && !(x->lmb_ok && x->lmb.len == b->len && !memcmp(x->lmb.data, b->data, b->len)) &&
        lm_some(x, b->data, b->len, &lo) &&
        lm_of_floor(x, a->data, a->len, lo + gain) < lo + gain - 1e-9) {
        *lb = lo;
        return lo + gain - 1;
    }
    *lb = lm_before(x, b);
    return lm_of_floor(x, a->data, a->len, *lb + gain);
}

static uint32_t jc_hash(const pisar_buf *b, const pisar_buf *a, double gain)
{
    uint64_t g;
    memcpy(&g, &gain, sizeof g);
    uint64_t h = inv_hash(0, (const unsigned char *)b->data, b->len);
    h = h * 0x9E3779B97F4A7C15u ^ inv_hash(1, (const unsigned char *)a->data, a->len) ^ g;
    h ^= h >> 31;
    uint32_t r = (uint32_t)h ^ (uint32_t)(h >> 32);
    return r ? r : 1;
}

static void jc_clear(judge_cache *c)
{
    memset(c->slot, 0, JC_SLOTS * sizeof *c->slot);
    c->used = c->filled = 0;
}

/* lm_judge_run() through the cache of its answers (x->jc, the fast path):
 * the same decision, the same scores where it accepts. */
static double lm_judge(ctx *x, const pisar_buf *b, const pisar_buf *a, double gain, double *lb)
{
    judge_cache *c = x->jc;
    size_t n = b->len + a->len;
    if (!c || n > JC_MAX_KEY) return lm_judge_run(x, b, a, gain, lb);
    uint32_t h = jc_hash(b, a, gain);
    size_t i = h & (JC_SLOTS - 1);
    for (; c->slot[i].hash; i = (i + 1) & (JC_SLOTS - 1)) {
        const jc_entry *e = &c->slot[i];
        if (e->hash != h || e->gain != gain || e->blen != b->len || e->alen != a->len ||
            (b->len && memcmp(c->arena + e->off, b->data, b->len)) ||
            (a->len && memcmp(c->arena + e->off + b->len, a->data, a->len)))
            continue;
        c->hits++;
        *lb = e->lb;
        return e->lm;
    }
    double lm = lm_judge_run(x, b, a, gain, lb);
    if (4 * (c->filled + 1) > 3 * (size_t)JC_SLOTS || c->used + n > JC_ARENA) {
        jc_clear(c);
        c->clears++;
        i = h & (JC_SLOTS - 1);
    }
    if (b->len) memcpy(c->arena + c->used, b->data, b->len);
    if (a->len) memcpy(c->arena + c->used + b->len, a->data, a->len);
    c->slot[i] =
        (jc_entry){h, (uint32_t)c->used, (uint32_t)b->len, (uint32_t)a->len, gain, lm, *lb};
    c->used += n;
    c->filled++;
    return lm;
}

/* Nonzero when the token's result has a non-ASCII letter: a single-byte
 * chain that only turns one symbol into another ("pomoc¹" -> "pomoc№") has
 * shown nothing. */
static int new_letter(const ctx *x, const token *k)
{
    const unsigned char *r = (const unsigned char *)x->res.data + k->roff;
    for (size_t i = 0; i < k->rlen;) {
        if (r[i] < 0x80) {
            i++;
            continue;
        }
        if (word_letter_script(u8_next(r, k->rlen, &i)) != SC_NONE) return 1;
    }
    return 0;
}

/* Both pages of the step Latin: letters turn into letters, so the models
 * carry more of the judgement. */
static int latin_pair(const step *p)
{
    return (p->orig == PISAR_ENC_WINDOWS_1250 || p->orig == PISAR_ENC_ISO_8859_2) &&
           (p->wrong == PISAR_ENC_WINDOWS_1252 || p->wrong == PISAR_ENC_ISO_8859_1);
}

/* Nonzero when a changed word of tokens [ta, te) has two letters or more: a
 * lone letter ("è" -> "č") is too little to go on. */
static int long_word_changed(const ctx *x, size_t ta, size_t te)
{
    for (size_t t = ta; t < te; t++)
        if (x->tok[t].status == T_GOOD && x->tok[t].letters >= 2) return 1;
    return 0;
}

/* The languages written in windows-1250 and ISO-8859-2 whose letters those
 * pages have and windows-1252 / ISO-8859-1 lack. */
static int central_european(const char *code)
{
    static const char *const ce[] = {"pl", "cs",      "sk", "sl", "hr", "bs",
                                     "sh", "sr-Latn", "hu", "ro", "sq"};
    for (size_t i = 0; i < sizeof ce / sizeof *ce; i++)
        if (!strcmp(code, ce[i])) return 1;
    return 0;
}

/* The language identifier reads the line as a language written in
 * windows-1250 / ISO-8859-2: Italian "è", French "obsolète", Danish
 * "tilgængelig" stay (asked once a line). */
static int line_ce(ctx *x)
{
    if (x->line_ce < 0) {
        const char *id = NULL;
        x->line_ce = !pisar_language_detect((const char *)x->s, x->n, &id, NULL) && id &&
                     central_european(id);
    }
    return x->line_ce;
}

/* The whole-line test of a Latin-to-Latin run (LM_LINE_*): the line with
 * the run's result at [aoff, aoff + alen) of x->ctext; b and a: the changed
 * words with context before and after. 1 accepted, 0 not, -1 memory. */
static int latin_line_ok(ctx *x, size_t ta, size_t te, size_t aoff, size_t alen, const pisar_buf *b,
                         const pisar_buf *a)
{
    /* the cheap tests first: most clean lines stop at the first */
    const repair_enc *et = x->sc.enc;
    double in_best = 0, out_best = 0;
    repair_lm_best(et, b->data, b->len, &in_best);
    if (repair_lm_best(et, a->data, a->len, &out_best) < 0 ||
        out_best - in_best < LM_LINE_BEST_GAIN)
        return 0;
    if (x->line_lang == -2)
        x->line_lang = repair_lm_best(et, (const char *)x->s, x->n, &x->line_lm);
    if (x->line_lang < 0) return 0;
    pisar_buf line = {0};
    size_t from = x->tok[ta].b, to = x->tok[te - 1].e;
    if (pisar_buf_append(&line, x->s, from) ||
        pisar_buf_append(&line, x->ctext.data + aoff, alen) ||
        pisar_buf_append(&line, x->s + to, x->n - to)) {
        pisar_buf_free(&line);
        return -1;
    }
    double after = 0;
    int lang = repair_lm_best(et, line.data, line.len, &after);
    pisar_buf_free(&line);
    if (lang < 0 || after - x->line_lm < LM_LINE_WHOLE_GAIN) return 0;
    double g = repair_lm_score(et, lang, a->data, a->len) -
               repair_lm_score(et, x->line_lang, b->data, b->len);
    if (g < LM_LINE_GAIN) return 0;
    return line_ce(x);
}

/* Nonzero when s[0, n) has a sign of Latin-1 (U+00A0..U+00BF) between two
 * letters: under a Latin-to-Latin chain the sign was a letter of
 * windows-1250 or ISO-8859-2 ("ka¿dego", "izvr¹ni", "mo¾e"); a word of clean
 * text holds none such but the signs those pages share with Latin-1
 * ("programma´s", "l·l": unchanged by the chains). */
static int inner_sign(const unsigned char *s, size_t n)
{
    int32_t prev = ' ', cur = ' ';
    for (size_t i = 0; i < n;) {
        int32_t c = u8_next(s, n, &i);
        if (cur >= 0xA0 && cur <= 0xBF && word_letter_script(prev) == SC_LATIN &&
            word_letter_script(c) == SC_LATIN)
            return 1;
        prev = cur;
        cur = c;
    }
    return 0;
}

static int add_cand(ctx *x, int chn, size_t ta, size_t te)
{
    const chain *ch = &CHAINS[chn];
    /* strong: a changed word that looks damaged by itself (for a single-byte
     * chain also at least 4 letters long: "кБ", "мВ" are ordinary units);
     * weak: any other changed word */
    int structural = STEPS[ch->outer].orig == PISAR_ENC_UTF8;
    int latin = ch->inner < 0 && latin_pair(&STEPS[ch->outer]);
    size_t ngood = 0, bad = 0, strong = 0, weak = 0, weak_long = 0, letters = 0, upper = 0;
    size_t inner = 0; /* Latin-to-Latin: changed words with a sign inside (inner_sign) */
    int most = 0;     /* the most letters of a changed word */
    for (size_t t = ta; t < te; t++) {
        const token *k = &x->tok[t];
        if (k->status != T_GOOD) continue;
        ngood++;
        if (k->letters > most) most = k->letters;
        letters += (size_t)k->letters;
        upper += (size_t)k->upper;
        bad += (size_t)k->bad;
        /* (a Latin-to-Latin chain's word of 2+ letters with a sign inside,
         * "mo¾e", "ka¿dego": the sign was a letter of the page) */
        if (k->bad > 0 && (structural || (k->letters >= (latin ? 2 : 4) && new_letter(x, k)))) {
            strong++;
            inner += latin && inner_sign(x->s + k->b, k->e - k->b) &&
                     !badness((const unsigned char *)x->res.data + k->roff, k->rlen);
        } else
            weak++, weak_long += k->letters > 3;
    }
    int damaged = bad > 0 && strong > 0;
    /* a two-step chain whose changed words have one letter each is signs
     * read twice, not letters ("1000Â²" is 1000², not 1000І; "Â½" is ½) */
    if (ch->inner >= 0 && most < 2) return 0;
    /* windows-1251 read as KOI8-R under UTF-8 damage: the middle text is
     * clean capitals ("РћРћРќ" is ООН, not ппо), which the one-step chain
     * takes only on a long run: the same here (UTF-8 doubles the letters) */
    if (ch->inner == 4 && structural && letters < 2 * LM_LONG_RUN) return 0;
    /* Undamaged-looking runs (lower-case text in windows-1251 read as KOI-8
     * comes out in clean capitals) need the models and a long run. */
    int long_run = x->have_lm && ngood >= 2 && letters >= LM_LONG_RUN;
    /* (a single-byte chain's undamaged-looking garbage is in capitals: KOI-8
     * puts the capitals where windows-1251 has the small letters; this also
     * spares the models most clean text) */
    if (!structural && 2 * upper < letters) long_run = 0;
    /* UTF-8 structure is strong evidence by itself: with the models, a
     * structural chain may also repair a word of 4+ letters that does not look
     * damaged ("РІСЃС‘" for "всё") when the models clearly prefer it */
    if (structural && x->have_lm && letters >= 4) long_run = 1;
    /* a Latin-to-Latin run is also left to the models and the whole line
     * (latin_line_ok), damaged-looking or not */
    int latin_line = latin && x->have_lm && long_word_changed(x, ta, te);
    if (!damaged && !long_run && !latin_line) return 0;
    /* build the result */
    size_t aoff = x->ctext.len;
    for (size_t t = ta; t < te; t++) {
        if (t > ta &&
            pisar_buf_append(&x->ctext, x->s + x->tok[t - 1].e, x->tok[t].b - x->tok[t - 1].e))
            return -1;
        const token *k = &x->tok[t];
        int rc = k->status == T_GOOD ? pisar_buf_append(&x->ctext, x->res.data + k->roff, k->rlen)
                                     : pisar_buf_append(&x->ctext, x->s + k->b, k->e - k->b);
        if (rc) return -1;
    }
    size_t alen = x->ctext.len - aoff;
    double lm = 0;
    int ok;
    if (x->have_lm) {
        /* judge the changed words only: ASCII words in between score the
         * same either way and would dilute the difference */
        pisar_buf *b = &x->sc.tmp, *a = &x->sc.mid;
        pisar_buf_clear(b);
        pisar_buf_clear(a);
        /* ... with one unchanged word of context on each side, so that a
         * one-letter word ("à") has letter pairs to score */
        size_t from = ta > 0 && !x->tok[ta - 1].bad ? ta - 1 : ta;
        size_t to =
            te < x->ntok && !x->tok[te].bad ? te + 1 : te; /* (damaged neighbours would mislead) */
        for (size_t t = from; t < to; t++) {
            const token *k = &x->tok[t];
            int good = t >= ta && t < te && k->status == T_GOOD;
            if (!good && t >= ta && t < te) continue;
            const char *r = good ? x->res.data + k->roff : (const char *)x->s + k->b;
            size_t rl = good ? k->rlen : k->e - k->b;
            if ((b->len && (pisar_buf_append(b, " ", 1) || pisar_buf_append(a, " ", 1))) ||
                pisar_buf_append(b, x->s + k->b, k->e - k->b) || pisar_buf_append(a, r, rl))
                return -1;
        }
        double gain;
        if (latin) {
            /* the same language's model on both sides: "Chocia¿" reads as
             * passable Spanish-like text to the best model of its own */
            int lang = repair_lm_best(x->sc.enc, a->data, a->len, &lm);
            if (lang < 0) lm = 0;
            gain = lang < 0 ? 0 : lm - repair_lm_score(x->sc.enc, lang, b->data, b->len);
        } else {
            /* (below the least gain ok needs, lm_of_floor() may stop early:
             * no Latin-to-Latin test follows for these chains; a damaged run
             * ridden by undamaged words, or an undamaged long run, needs
             * LM_BIG_GAIN; without the shortcuts, the least gain of all, as
             * the reference) */
            double lb, least = structural && damaged ? LM_STRUCT_GAIN : LM_MIN_GAIN;
            if (x->fast && !(damaged && (structural || weak == 0))) least = LM_BIG_GAIN;
            lm = lm_judge(x, b, a, least, &lb);
            gain = lm - lb;
        }
        ok = gain >= (structural && damaged ? LM_STRUCT_GAIN : LM_MIN_GAIN) &&
             ((damaged && (structural || weak == 0 || gain >= LM_BIG_GAIN ||
                           (latin && (strong >= weak || gain >= LM_LATIN_GAIN)))) ||
              (long_run && gain >= LM_BIG_GAIN && lm >= LM_PLAUSIBLE));
        /* every changed word of a Latin-to-Latin run a word with a sign
         * inside that comes out as letters: the models need only not prefer
         * the input */
        if (!ok && latin && inner > 0 && inner == strong && weak == 0 && gain >= 0 && line_ce(x))
            ok = 1;
        if (!ok && latin_line) {
            int r = latin_line_ok(x, ta, te, aoff, alen, b, a);
            if (r < 0) return -1;
            ok = r;
        }
    } else {
        /* without models a single-byte chain needs two damaged words, and
         * only short words may ride along */
        ok = structural || (strong >= 2 && weak <= strong && weak_long == 0);
    }
    if (!ok) {
        x->ctext.len = aoff;
        return 0;
    }
    if (x->nc == x->capc) {
        x->capc = x->capc ? x->capc * 2 : 16;
        cand *c = realloc(x->c, x->capc * sizeof *c);
        if (!c) return -1;
        x->c = c;
    }
    int still_bad = 0;
    for (size_t t = ta; t < te && !still_bad; t++)
        if (x->tok[t].status == T_GOOD)
            still_bad =
                badness((const unsigned char *)x->res.data + x->tok[t].roff, x->tok[t].rlen) > 0;
    x->c[x->nc++] = (cand){chn,   ta,        te,
                           aoff,  alen,      lm,
                           ngood, still_bad, latin && inner > 0 && inner == strong && line_ce(x)};
    return 0;
}

static int cand_cmp(const void *a, const void *b)
{
    const cand *p = a, *q = b;
    if (p->ta != q->ta) return p->ta < q->ta ? -1 : 1;
    return p->chain - q->chain;
}

/* "utf-8 read as windows-1252" is reported as ISO-8859-1 when the run has C1
 * controls and none of the characters windows-1252 puts at 0x80-0x9F. */
static const char *how_of(const ctx *x, const cand *c)
{
    const chain *ch = &CHAINS[c->chain];
    if (ch->outer != 3 || ch->inner >= 0) return ch->how;
    const unsigned char *s = x->s;
    size_t i = x->tok[c->ta].b, e = x->tok[c->te - 1].e;
    int c1 = 0, w = 0;
    while (i < e) {
        int32_t u = u8_next(s, e, &i);
        if (u >= 0x80 && u <= 0x9F)
            c1 = 1;
        else if (u >= 0x100 && cp_encode(PISAR_ENC_WINDOWS_1252, (uint32_t)u) >= 0)
            w = 1;
    }
    return c1 && !w ? NAME3L : ch->how;
}

static int emit(ctx *x, const cand *c, repair_list *out)
{
    size_t off = x->tok[c->ta].b, len = x->tok[c->te - 1].e - off;
    return repair_list_add(out, off, len, x->ctext.data + c->aoff, c->alen, how_of(x, c),
                           PISAR_REPAIR_MOJIBAKE);
}

static int same_result(const ctx *x, const cand *a, const cand *b)
{
    return a->ta == b->ta && a->te == b->te && a->alen == b->alen &&
           !memcmp(x->ctext.data + a->aoff, x->ctext.data + b->aoff, a->alen);
}

/* Lower-case the UTF-8 in b in place where the small letter has as many bytes
 * (all of Latin-1, Latin Extended-A and Cyrillic): 0, or -1 never. */
static int fold_case(pisar_buf *b)
{
    unsigned char *s = (unsigned char *)b->data;
    for (size_t i = 0; i < b->len;) {
        size_t k = i;
        int32_t c = s[i] < 0x80 ? s[i++] : u8_next(s, b->len, &i);
        if (!is_upper(c)) continue;
        int32_t l = u_tolower(c);
        size_t n = i - k;
        if ((l < 0x80 ? 1u : l < 0x800 ? 2u : 3u) != n) continue;
        if (n == 1)
            s[k] = (unsigned char)l;
        else if (n == 2)
            s[k] = (unsigned char)(0xC0 | (l >> 6)), s[k + 1] = (unsigned char)(0x80 | (l & 0x3F));
    }
    return 0;
}

/* Nonzero when candidate a covers more tokens than b, all of b's, and has
 * b's result inside its own ... */
static int subsumes(const ctx *x, const cand *a, const cand *b)
{
    if (a->ta > b->ta || a->te < b->te || a->te - a->ta <= b->te - b->ta || a->ngood <= b->ngood)
        return 0;
    /* ... or a result the models like clearly less ("neĹľli": "nežli" in a
     * whole line repaired under windows-1250, "neŵli" alone under ISO-8859-2) */
    if (x->have_lm && a->lm - b->lm >= LM_MIN_LEAD) return 1;
    const char *h = x->ctext.data + a->aoff, *n = x->ctext.data + b->aoff;
    for (size_t k = 0; k + b->alen <= a->alen; k++)
        if (!memcmp(h + k, n, b->alen)) return 1;
    return 0;
}

/* Choose among overlapping candidates g[0..ng): the one chain that wins clearly,
 * or none. */
/* Two Latin-to-Latin candidates of the same run whose changed words all had
 * a sign inside, in a Central European line (cand.inner; windows-1250 and
 * ISO-8859-2 read as windows-1252 or ISO-8859-1 differ in a few bytes:
 * "Pokaľe"/"Pokaže"): compared by the words they spell differently alone,
 * a word of letters against the other's (the rest of the run, the same in
 * both, would dilute the difference below LM_MIN_LEAD). 1 or 2 for the
 * winner, 0 when this does not apply or neither leads by LM_MIN_LEAD, -1
 * without memory. */
static int latin_words_differ(ctx *x, const cand *g)
{
    const chain *c0 = &CHAINS[g[0].chain], *c1 = &CHAINS[g[1].chain];
    if (c0->inner >= 0 || c1->inner >= 0 || !latin_pair(&STEPS[c0->outer]) ||
        !latin_pair(&STEPS[c1->outer]) || g[0].ta != g[1].ta || g[0].te != g[1].te || !g[0].inner ||
        !g[1].inner)
        return 0;
    const char *a = x->ctext.data + g[0].aoff, *b = x->ctext.data + g[1].aoff;
    size_t an = g[0].alen, bn = g[1].alen, i = 0, j = 0;
    pisar_buf wa = {0}, wb = {0};
    int rc = 0;
    while (i < an && j < bn && !rc) {
        size_t i2 = i, j2 = j;
        while (i2 < an && a[i2] != ' ')
            i2++;
        while (j2 < bn && b[j2] != ' ')
            j2++;
        if (i2 - i != j2 - j || memcmp(a + i, b + j, i2 - i)) {
            if ((wa.len && (pisar_buf_append(&wa, " ", 1) || pisar_buf_append(&wb, " ", 1))) ||
                pisar_buf_append(&wa, a + i, i2 - i) || pisar_buf_append(&wb, b + j, j2 - j))
                rc = -1;
        }
        i = i2 + (i2 < an);
        j = j2 + (j2 < bn);
    }
    if (!rc && (i < an || j < bn)) rc = -2; /* not word for word */
    int win = 0;
    if (!rc && wa.len && !fold_case(&wa) && !fold_case(&wb)) {
        double sa = lm_of(x, wa.data, wa.len), sb = lm_of(x, wb.data, wb.len);
        int ba = badness((const unsigned char *)wa.data, wa.len),
            bb = badness((const unsigned char *)wb.data, wb.len);
        /* (either is a repair of the run, which is surely garbled: the
         * better one wins by any clear margin) */
        if (ba == 0 && (bb > 0 || sa - sb >= LM_WORDS_LEAD))
            win = 1;
        else if (bb == 0 && (ba > 0 || sb - sa >= LM_WORDS_LEAD))
            win = 2;
    }
    pisar_buf_free(&wa);
    pisar_buf_free(&wb);
    return rc == -1 ? -1 : win;
}

static int resolve(ctx *x, cand *g, size_t ng, repair_list *out)
{
    if (ng == 1) return emit(x, &g[0], out);
    /* identical results from different chains: keep the simplest (lowest index) */
    size_t best = 0;
    int all_same = 1;
    for (size_t i = 1; i < ng; i++)
        all_same &= same_result(x, &g[0], &g[i]);
    if (all_same) return emit(x, &g[0], out);
    /* a result that still looks damaged ("Г " where a two-step chain gives
     * "à") loses to one that does not */
    int any_clean = 0;
    for (size_t i = 0; i < ng; i++)
        any_clean |= !g[i].still_bad;
    if (any_clean) {
        size_t k = 0;
        for (size_t i = 0; i < ng; i++)
            if (!g[i].still_bad) g[k++] = g[i];
        if (k == 1) return emit(x, &g[0], out);
        ng = k;
    }
    /* a candidate that repairs a part of another's run exactly as the other
     * does ("urzÄ…dzeniach" is the same under windows-1250 and -1252, but only
     * windows-1252 also repairs "DomyÅ›lnie" in the line) adds nothing */
    for (size_t j = 0; j < ng && ng > 1;) {
        int sub = 0;
        for (size_t i = 0; i < ng && !sub; i++)
            sub = i != j && subsumes(x, &g[i], &g[j]);
        if (sub) {
            memmove(g + j, g + j + 1, (ng - j - 1) * sizeof *g);
            ng--;
        } else {
            j++;
        }
    }
    if (ng == 1) return emit(x, &g[0], out);
    if (x->have_lm && ng == 2) {
        int r = latin_words_differ(x, g);
        if (r < 0) return -1;
        if (r > 0) return emit(x, &g[r - 1], out);
    }
    if (x->have_lm) {
        /* compare on the union of the tokens, the rest of the union unchanged */
        size_t ua = g[0].ta, ue = g[0].te;
        for (size_t i = 1; i < ng; i++) {
            if (g[i].ta < ua) ua = g[i].ta;
            if (g[i].te > ue) ue = g[i].te;
        }
        double sc[64];
        pisar_buf u = {0};
        if (ng > 64) ng = 64;
        for (size_t i = 0; i < ng; i++) {
            pisar_buf_clear(&u);
            int rc = pisar_buf_append(&u, x->s + x->tok[ua].b, x->tok[g[i].ta].b - x->tok[ua].b);
            rc |= pisar_buf_append(&u, x->ctext.data + g[i].aoff, g[i].alen);
            rc |= pisar_buf_append(&u, x->s + x->tok[g[i].te - 1].e,
                                   x->tok[ue - 1].e - x->tok[g[i].te - 1].e);
            if (rc) {
                pisar_buf_free(&u);
                return -1;
            }
            /* a two-step chain is the less likely story: it must win by more */
            /* (in small letters: capitals score low in the models, and a
             * chain that turns "ООН" into "ппо" must not win by that) */
            if (fold_case(&u)) {
                pisar_buf_free(&u);
                return -1;
            }
            sc[i] = lm_of(x, u.data, u.len) - (CHAINS[g[i].chain].inner >= 0 ? LM_TWO_STEPS : 0);
        }
        pisar_buf_free(&u);
        for (size_t i = 1; i < ng; i++)
            if (sc[i] > sc[best]) best = i;
        for (size_t i = 0; i < ng; i++)
            if (i != best && !same_result(x, &g[i], &g[best]) && sc[best] - sc[i] < LM_MIN_LEAD)
                return 0;
        return emit(x, &g[best], out);
    }
    /* no models: a candidate that strictly contains every other one and
     * changes more words wins; otherwise the damage is ambiguous */
    for (size_t i = 1; i < ng; i++)
        if (g[i].te - g[i].ta > g[best].te - g[best].ta) best = i;
    for (size_t i = 0; i < ng; i++) {
        if (i == best || same_result(x, &g[i], &g[best])) continue;
        if (g[i].ta < g[best].ta || g[i].te > g[best].te || g[i].ngood >= g[best].ngood) return 0;
    }
    return emit(x, &g[best], out);
}

/* One byte of a UTF-8 lead/continuation pattern: *need continuation bytes
 * are still owed; 0 when the byte breaks the pattern. */
static inline int utf8_shape(int *need, unsigned b)
{
    if (*need) {
        if ((b & 0xC0) != 0x80) return 0;
        --*need;
    } else if (b >= 0x80) {
        if (b < 0xC2 || b > 0xF4) return 0;
        *need = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
    }
    return 1;
}

/* Zero when step st (whose text was UTF-8) surely has no inverse on s: a
 * character has no byte in the wrong page, or the bytes break UTF-8's
 * lead/continuation pattern. (Nonzero proves nothing: invert_step decides.) */
static int may_be_utf8(const repair_enc *et, int st, const unsigned char *s, size_t n)
{
    int need = 0; /* continuation bytes still due */
    for (size_t i = 0; i < n;) {
        int b;
        if (s[i] < 0x80) {
            b = s[i++];
        } else {
            int32_t c = u8_next(s, n, &i);
            int k = enc_index(c);
            b = k >= 0 ? et->b[st][k] : enc_wrong(STEPS[st].wrong, c);
            if (b < 0) return 0;
        }
        if (!utf8_shape(&need, (unsigned)b)) return 0;
    }
    return need == 0;
}

/* may_be_utf8() of IBM866's step on a plain token (plain_token()), on the
 * whole token or on its core without ASCII edge punctuation (strippable()), as
 * structural_good() asks it, from the bytes IBM866 gives its letters. */
static int pattern_866(const unsigned char *s, size_t n)
{
    int need = 0;
    for (size_t i = 0; i < n;) {
        unsigned b = s[i];
        if (b >= 0x80) {
            int32_t c = ((b & 0x1F) << 6) | (s[i + 1] & 0x3F);
            b = c < 0x430   ? 0x80 + (unsigned)(c - 0x410)
                : c < 0x440 ? 0xA0 + (unsigned)(c - 0x430)
                            : 0xE0 + (unsigned)(c - 0x440);
            i += 2;
        } else {
            i++;
        }
        if (!utf8_shape(&need, (unsigned)b)) return 0;
    }
    return need == 0;
}

static int ascii_alnum(unsigned char c)
{
    unsigned char l = c | 0x20;
    return (c >= '0' && c <= '9') || (l >= 'a' && l <= 'z');
}

/* may_be_utf8() of step st on a plain token or on its core without ASCII edge
 * punctuation, as structural_good() and examine() try them. */
static int plain_core_may(const repair_enc *et, int st, const unsigned char *s, size_t n)
{
    if (may_be_utf8(et, st, s, n)) return 1;
    size_t a = 0, z = n;
    while (a < n && s[a] > 0x20 && s[a] < 0x80 && !ascii_alnum(s[a]))
        a++;
    while (z > a && s[z - 1] > 0x20 && s[z - 1] < 0x80 && !ascii_alnum(s[z - 1]))
        z--;
    return z > a && (a > 0 || z < n) && may_be_utf8(et, st, s + a, z - a);
}

static int plain_866_may(const unsigned char *s, size_t n)
{
    if (pattern_866(s, n)) return 1;
    size_t a = 0, z = n;
    while (a < n && s[a] > 0x20 && s[a] < 0x80 && !ascii_alnum(s[a]))
        a++;
    while (z > a && s[z - 1] > 0x20 && s[z - 1] < 0x80 && !ascii_alnum(s[z - 1]))
        z--;
    return z > a && (a > 0 || z < n) && pattern_866(s + a, z - a);
}

/* Nonzero when the token would be GOOD under some chain whose outer step's
 * text was UTF-8: a well-formed inverse of the whole token or of its core
 * without strippable edge punctuation, as examine() tries them before the
 * affixes (which need a damaged-looking token, ruled out by the caller). */
static int structural_good(ctx *x, const token *t)
{
#ifdef PLAIN_CHECK
    if (t->plain && !t->utf8_may) {
        token u = *t;
        u.plain = 0;
        if (structural_good(x, &u) || badness(x->s + t->b, t->e - t->b)) abort();
        return 0;
    }
#endif
    if (t->plain && !t->utf8_may) return 0; /* plain_token() */
    const unsigned char *s = x->s + t->b;
    size_t n = t->e - t->b, a = 0, z = n;
    for (size_t i = 0; i < n;) {
        if (!strippable(u8_next(s, n, &i))) break;
        a = i;
    }
    int core = 0;
    if (a < n) {
        while (z > a) {
            size_t k = z - 1;
            while (k > a && (s[k] & 0xC0) == 0x80)
                k--;
            size_t j = k;
            if (!strippable(u8_next(s, n, &j))) break;
            z = k;
        }
        core = z > a && (a > 0 || z < n);
        /* (an ASCII core, "«%s»", is its own inverse under every chain: the
         * token with it inverted is the token, never GOOD) */
        for (size_t i = a; core && i < z && s[i] < 0x80; i++)
            core = i + 1 < z;
    }
    pisar_buf *m = &x->res;
    for (int st = 0; st < NSTEPS; st++) {
        if (STEPS[st].orig != PISAR_ENC_UTF8) continue;
        if (!may_be_utf8(x->sc.enc, st, s, n) &&
            !(core && may_be_utf8(x->sc.enc, st, s + a, z - a)))
            continue;
        /* a chain needs its outer step's inverse: most tokens stop here */
        pisar_buf_clear(m);
        int whole = invert_step(x->sc.enc, st, s, n, &x->sc.tmp, m);
        int part = 0;
        if (core) {
            pisar_buf_clear(m);
            part = invert_step(x->sc.enc, st, s + a, z - a, &x->sc.tmp, m);
        }
        if (whole < 0 || part < 0) return 1; /* out of memory: let the full path find out */
        if (!whole && !part) continue;
        for (int c = 0; c < NCHAINS; c++) {
            const chain *ch = &CHAINS[c];
            if (ch->outer != st) continue;
            pisar_buf_clear(m);
            int r = invert_chain(ch, s, n, &x->sc, m);
            if (r == 0 && core) {
                pisar_buf_clear(m);
                r = pisar_buf_append(m, s, a) ? -1 : invert_chain(ch, s + a, z - a, &x->sc, m);
                if (r > 0 && pisar_buf_append(m, s + z, n - z)) r = -1;
            }
            if (r < 0) return 1;
            if (r > 0 && !(m->len == n && !memcmp(m->data, s, n)) &&
                wellformed((const unsigned char *)m->data, m->len))
                return 1;
        }
    }
    return 0;
}

/* The letters of a token that no chain whose outer step starts from a
 * single-byte page leaves as they are: a basic Cyrillic letter U+0410..U+044F
 * other than Д Е д е (windows-1251 read as KOI8-R twice maps those four back
 * to themselves; every single step changes every basic letter or has no
 * inverse of it: tests/test_normalize.c test_sure_letters). A token with one
 * is GOOD or BAD under such a chain, never NEUTRAL. */
static int sure_changed(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned b = s[i], c = s[i + 1];
        if ((b == 0xD0 && c >= 0x90 && c <= 0xBF && c != 0x94 && c != 0x95 && c != 0xB4 &&
             c != 0xB5) ||
            (b == 0xD1 && c >= 0x80 && c <= 0x8F))
            return 1;
    }
    return 0;
}

/* A token's share of a long run, counted so that no choice of the chain can
 * do better: its letters, and 2 * capitals - letters, which a token that
 * might be NEUTRAL (no sure letter: "«%s»", whose core is ASCII) may leave
 * out of the run's count when it is negative. */
static long run_slack(const ctx *x, const token *k)
{
    long s = 2L * k->upper - k->letters;
    return s < 0 && !sure_changed(x->s + k->b, k->e - k->b) ? 0 : s;
}

/* Nonzero when a chain whose outer step starts from a single-byte page might
 * make a long run of this line (add_cand(): GOOD tokens with 12 letters or
 * more, as many capitals as small letters). A run is unbroken GOOD and
 * NEUTRAL tokens from a GOOD one to a GOOD one, and tokens with a sure letter
 * are GOOD or BAD, so a run counts every such token between its ends; the
 * others are counted at their best (run_slack()). With prefix sums L of
 * letters and S of slack over the non-ASCII tokens, a run needs i < j with
 * L[j] - L[i] >= 12 and S[j] >= S[i]: for each j, the least S[i] among the i
 * with L[i] <= L[j] - 12 (a pointer that only moves on). */
static int long_run_possible(const ctx *x)
{
    long lj = 0, sj = 0, li = 0, si = 0, min_s = 0; /* min_s: the empty prefix, then */
    size_t i = 0;
    for (size_t t = 0; t < x->ntok; t++) {
        const token *k = &x->tok[t];
        if (k->ascii) continue;
        lj += k->letters;
        sj += run_slack(x, k);
        for (; i < t; i++) {
            const token *q = &x->tok[i];
            if (q->ascii) continue;
            if (li + q->letters > lj - LM_LONG_RUN) break;
            li += q->letters;
            si += run_slack(x, q);
            if (si < min_s) min_s = si;
        }
        if (lj >= LM_LONG_RUN && sj >= min_s) return 1;
    }
    return 0;
}

/* Mark (tok[].cover) the non-ASCII tokens that lie in some stretch of
 * tokens long_run_possible() cannot rule out as a long run: only runs made of
 * such tokens can be candidates of a line that cannot_repair() leaves to the
 * single-byte chains. For each end j whose prefix sums allow a run, the
 * widest such stretch ending at j starts after the first prefix i (among
 * those with L[i] <= L[j] - 12) whose S[i] <= S[j]: found by binary search in
 * the running minimum of S, marked in a difference array. -1: out of memory. */
static int cover_runs(ctx *x)
{
    size_t m = 0;
    for (size_t t = 0; t < x->ntok; t++)
        m += !x->tok[t].ascii;
    size_t need = 4 * (m + 1);
    if (x->precap < need) {
        long *p = realloc(x->pre, need * sizeof *p);
        if (!p) return -1;
        x->pre = p;
        x->precap = need;
    }
    long *L = x->pre, *S = L + m + 1, *PM = S + m + 1, *D = PM + m + 1;
    L[0] = S[0] = PM[0] = 0;
    size_t p = 0;
    for (size_t t = 0; t < x->ntok; t++) {
        const token *k = &x->tok[t];
        if (k->ascii) continue;
        p++;
        L[p] = L[p - 1] + k->letters;
        S[p] = S[p - 1] + run_slack(x, k);
        PM[p] = S[p] < PM[p - 1] ? S[p] : PM[p - 1];
    }
    memset(D, 0, (m + 1) * sizeof *D);
    size_t i = 0; /* the last prefix with L[i] <= L[j] - 12 */
    for (size_t j = 1; j <= m; j++) {
        if (L[j] < LM_LONG_RUN) continue;
        while (i + 1 < j && L[i + 1] <= L[j] - LM_LONG_RUN)
            i++;
        if (PM[i] > S[j]) continue;
        size_t lo = 0, hi = i;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (PM[mid] <= S[j])
                hi = mid;
            else
                lo = mid + 1;
        }
        D[lo]++; /* tokens lo + 1 .. j of the prefix count: 0-based lo .. j - 1 */
        D[j]--;
    }
    long c = 0;
    p = 0;
    for (size_t t = 0; t < x->ntok; t++) {
        token *k = &x->tok[t];
        if (k->ascii) continue;
        c += D[p++];
        k->cover = c > 0;
    }
    return 0;
}

/* Examine token t under chain ch unless done already (status T_UNSEEN
 * before); its status, or -1. */
static int examine_once(ctx *x, const chain *ch, size_t t)
{
    token *k = &x->tok[t];
    if (k->status == T_UNSEEN) {
        k->status = examine(x, ch, k);
        x->touched[x->ntouched++] = t;
    }
    return k->status;
}

/*
 * The statuses under chain ch that its candidates need, from the tokens that
 * may seed one: under a chain whose text was UTF-8, the tokens that may be
 * GOOD under it (sgood: structural_good() or damaged-looking); under a
 * single-byte chain, the tokens of the stretches that might make a long run
 * (cover_runs()) and the damaged-looking tokens of 4 letters or more (the
 * "strong" words of add_cand()). From each seed the tokens outwards are
 * examined up to the first GOOD or BAD one, through NEUTRAL ones (a run that
 * takes in a token that is no seed of its kind is no candidate, whatever it
 * takes in beyond); from a damaged seed up to the first BAD one (the whole
 * run is judged). The tokens left unseen stay T_UNSEEN, which the runs read
 * as BAD: no run of the full path that reaches them is a candidate. Only the
 * seeds (seed_lists(), in the order of the text) and the tokens examined
 * from them (x->touched) are visited, not every token of a long paragraph
 * under each chain; seeded_reset() puts the touched ones back to T_UNSEEN.
 * -1: out of memory.
 */
static int examine_seeded(ctx *x, const chain *ch)
{
    int structural = STEPS[ch->outer].orig == PISAR_ENC_UTF8;
    const size_t *seed = structural ? x->seed_u : x->seed_1;
    size_t ns = structural ? x->nseed_u : x->nseed_1;
    x->ntouched = 0;
    for (size_t i = 0; i < ns; i++) {
        size_t t = seed[i];
        const token *k = &x->tok[t];
        int dmg = !structural && k->bad > 0 && k->letters >= 4;
        if (examine_once(x, ch, t) < 0) return -1;
        for (size_t q = t; q-- > 0;) {
            int st = examine_once(x, ch, q);
            if (st < 0) return -1;
            if (st == T_BAD || (st == T_GOOD && !dmg)) break;
        }
        for (size_t q = t + 1; q < x->ntok; q++) {
            int st = examine_once(x, ch, q);
            if (st < 0) return -1;
            if (st == T_BAD || (st == T_GOOD && !dmg)) break;
        }
    }
    return 0;
}

static int size_cmp(const void *a, const void *b)
{
    size_t p = *(const size_t *)a, q = *(const size_t *)b;
    return p < q ? -1 : p > q;
}

/* x->touched in increasing order (distinct token indices): the seeds come in
 * the order of the text and each adds the tokens around it, so the list is
 * nearly sorted and an insertion sort takes a few moves a token; past 8
 * moves a token, qsort. The same order either way. */
static void sort_touched(size_t *v, size_t n)
{
    size_t moves = 0;
    for (size_t i = 1; i < n; i++) {
        size_t x = v[i], j = i;
        while (j > 0 && v[j - 1] > x) {
            v[j] = v[j - 1];
            j--;
            moves++;
        }
        v[j] = x;
        if (moves > 8 * n) {
            qsort(v, n, sizeof *v, size_cmp);
            return;
        }
    }
}

/* The seeds of examine_seeded() under the two kinds of chain, once per line
 * (after cannot_repair() has marked them), and every token's status set to
 * T_NEUTRAL (ASCII) or T_UNSEEN. -1: out of memory. */
static int seed_lists(ctx *x)
{
    size_t need = 3 * (x->ntok + 1);
    if (x->idxcap < need) {
        size_t *p = realloc(x->idx, need * sizeof *p);
        if (!p) return -1;
        x->idx = p;
        x->idxcap = need;
    }
    x->seed_u = x->idx;
    x->seed_1 = x->idx + x->ntok + 1;
    x->touched = x->idx + 2 * (x->ntok + 1);
    x->nseed_u = x->nseed_1 = x->ntouched = 0;
    for (size_t t = 0; t < x->ntok; t++) {
        token *k = &x->tok[t];
        k->status = k->ascii ? T_NEUTRAL : T_UNSEEN;
        if (k->ascii) continue;
        if (k->sgood) x->seed_u[x->nseed_u++] = t;
        /* (2 letters: a Latin-to-Latin chain's damaged word, add_cand()) */
        if ((k->bad > 0 && k->letters >= 2) || k->cover) x->seed_1[x->nseed_1++] = t;
    }
    return 0;
}

/* After a chain's runs: the tokens examine_seeded() examined back to
 * T_UNSEEN for the next chain. */
static void seeded_reset(ctx *x)
{
    for (size_t i = 0; i < x->ntouched; i++)
        x->tok[x->touched[i]].status = T_UNSEEN;
    x->ntouched = 0;
}

/*
 * The fast path: 1 when no chain can make a candidate of this line, so that
 * the chains need not be tried; else 0, with the seeds of examine_seeded()
 * marked. add_cand() accepts a run only when it is damaged (a changed token
 * with badness > 0) or a long run: under a chain whose text was UTF-8, a GOOD
 * token (structural_good), and under a single-byte chain (with the models),
 * two or more tokens with at least as many capitals as small letters, 6
 * capitals at the least (2 * upper >= letters >= 12; long_run_possible()). A
 * line with none of these is left alone by the full path too.
 */
static int cannot_repair(ctx *x)
{
    size_t upper = 0, words = 0;
    int capital_word = 0, bad = 0, good = 0;
    for (size_t t = 0; t < x->ntok; t++) {
        token *k = &x->tok[t];
        k->cover = 0;
        if (k->ascii) continue;
        bad |= k->bad > 0;
        words++;
        upper += (size_t)k->upper;
        capital_word |= k->upper > 0 && 2 * k->upper >= k->letters;
    }
    for (size_t t = 0; t < x->ntok; t++) {
        token *k = &x->tok[t];
        if (k->ascii) continue;
        k->sgood = k->bad > 0 || structural_good(x, k);
        good |= k->sgood;
    }
    /* (a long run has two changed words at the least) */
    int long_ok = x->have_lm && capital_word && words >= 2 && 2 * upper >= LM_LONG_RUN &&
                  long_run_possible(x);
    if (long_ok && cover_runs(x)) return -1;
    return !bad && !good && !long_ok;
}

/* Nonzero when the character c turns into another letter under a
 * Latin-to-Latin step's inverse ("ø" -> "ř", "õ" -> "ő", "¿" -> "ż"). */
static int latin_changed(const repair_enc *et, int32_t c)
{
    int k = enc_index(c);
    if (k < 0) return 0;
    for (int st = 0; st < NSTEPS; st++) {
        if (!latin_pair(&STEPS[st])) continue;
        int b = et->b[st][k];
        if (b < 0x80) continue;
        uint16_t o = cp_table(STEPS[st].orig)[b];
        if (o != CP_UNDEFINED && (int32_t)o != c && word_letter_script((int32_t)o) != SC_NONE)
            return 1;
    }
    return 0;
}

/* Nonzero when a token of the line has such a character: the Latin-to-Latin
 * chains may make a candidate of it with no damaged-looking word, which
 * cannot_repair() does not rule out. */
static int latin_suspect(const ctx *x)
{
    for (size_t t = 0; t < x->ntok; t++) {
        const token *k = &x->tok[t];
        if (k->ascii || k->plain) continue;
        const unsigned char *s = x->s + k->b;
        size_t n = k->e - k->b;
        for (size_t i = 0; i < n;) {
            if (s[i] < 0x80) {
                i++;
                continue;
            }
            if (latin_changed(x->sc.enc, u8_next(s, n, &i))) return 1;
        }
    }
    return 0;
}

/* The arrays and buffers of a line, kept from line to line (repair_ws). */
struct repair_ws {
    token *tok;
    size_t tokcap;
    long *pre;
    size_t precap;
    size_t *idx;
    size_t idxcap;
    pisar_buf lmb;
    cand *c;
    size_t capc;
    pisar_buf tmp, mid, res, ctext;
    inv_cache inv;
    judge_cache jc;
    size_t lines; /* lines read with the shortcuts */
};

repair_ws *repair_ws_new(void)
{
    return calloc(1, sizeof(repair_ws));
}

void repair_ws_free(repair_ws *w)
{
    if (!w) return;
    free(w->tok);
    free(w->pre);
    free(w->idx);
    pisar_buf_free(&w->lmb);
    free(w->c);
    pisar_buf_free(&w->tmp);
    pisar_buf_free(&w->mid);
    pisar_buf_free(&w->res);
    pisar_buf_free(&w->ctext);
    free(w->inv.slot);
    free(w->inv.arena);
    free(w->jc.slot);
    free(w->jc.arena);
    free(w);
}

void repair_ws_stats(const repair_ws *w, size_t *hits, size_t *clears)
{
    *hits = w->inv.hits;
    *clears = w->inv.clears;
}

void repair_ws_judge_stats(const repair_ws *w, size_t *hits, size_t *clears)
{
    *hits = w->jc.hits;
    *clears = w->jc.clears;
}

int repair_mojibake_opt(const repair_enc *et, const char *s, size_t n, repair_list *out, int fast)
{
    repair_ws *w = repair_ws_new();
    if (!w) return PISAR_ENOMEM;
    int rc = repair_mojibake_ws(et, w, s, n, out, fast);
    repair_ws_free(w);
    return rc;
}

/* The start of the character before s[i], or (size_t)-1 at the start. */
static size_t char_before(const unsigned char *s, size_t i)
{
    if (i == 0) return (size_t)-1;
    size_t j = i - 1;
    while (j > 0 && (s[j] & 0xC0) == 0x80)
        j--;
    return j;
}

/*
 * The signs of Latin-1 (U+00A0..U+00BF: no-break space, « », ©, °, ², ´...)
 * of a UTF-8 text read as windows-1252 or ISO-8859-1: each became Â and the
 * sign ("Â»[DHCPv6]Â«", "programmaÂ´s", "Copyright Â© 2005"). Left over
 * by the chains (a sign has no letters for the models to judge), each such
 * pair outside the repairs made (out's spans from n0) becomes its sign,
 * where the Â follows no letter but an ASCII one (after Ã, ƒ, Â... it is
 * a part of a longer garbling, "ÃƒÂ©") and none of the pair's neighbours
 * is a Cyrillic letter (a line of Cyrillic mojibake is the chains'). A
 * capital Â before a sign ends no word of the languages pisar serves. */
static int signs_pass(const unsigned char *s, size_t n, repair_list *out, size_t n0)
{
    size_t n1 = out->n;
    for (size_t i = 0; i + 3 < n; i++) {
        /* (the pair's first byte found by memchr(), not a byte at a time) */
        const unsigned char *p = memchr(s + i, 0xC3, n - 3 - i);
        if (!p) break;
        i = (size_t)(p - s);
        if (s[i + 1] != 0x82 || s[i + 2] != 0xC2 || s[i + 3] < 0xA0 || s[i + 3] > 0xBF) continue;
        size_t j = char_before(s, i);
        if (j != (size_t)-1 && s[j] >= 0x80) {
            size_t q = j;
            int32_t c = u8_next(s, n, &q);
            /* (a no-break space or a sign of Latin-1 before it: "Â Â»") */
            if (!(c >= 0xA0 && c <= 0xBF)) continue;
        }
        if (i + 4 < n && s[i + 4] >= 0xD0 && s[i + 4] <= 0xD3) continue;
        int inside = 0;
        for (size_t k = n0; k < n1 && !inside; k++)
            inside = i + 4 > out->v[k].off && i < out->v[k].off + out->v[k].len;
        if (inside) continue;
        int rc =
            repair_list_add(out, i, 4, (const char *)s + i + 2, 2, NAME3, PISAR_REPAIR_MOJIBAKE);
        if (rc) return rc;
        i += 3;
    }
    if (out->n > n1) repair_list_sort(out);
    return 0;
}

int repair_mojibake_ws(const repair_enc *et, repair_ws *w, const char *s, size_t n,
                       repair_list *out, int fast)
{
    size_t n0 = out->n;
    ctx x = {0};
    x.tok = w->tok, x.tokcap = w->tokcap, x.c = w->c, x.capc = w->capc;
    x.pre = w->pre, x.precap = w->precap, x.lmb = w->lmb;
    x.idx = w->idx, x.idxcap = w->idxcap;
    x.sc.tmp = w->tmp, x.sc.mid = w->mid, x.res = w->res, x.ctext = w->ctext;
    pisar_buf_clear(&x.sc.tmp);
    pisar_buf_clear(&x.sc.mid);
    pisar_buf_clear(&x.res);
    pisar_buf_clear(&x.ctext);
    x.sc.enc = et;
    x.s = (const unsigned char *)s;
    x.n = n;
    x.have_lm = lm_count() > 0;
    x.fast = fast;
    x.line_lang = -2;
    x.line_ce = -1;
    /* (the cache of examine()'s answers from the workspace's second line on:
     * a workspace made for one line has no use for it) */
    if (fast && w->lines++ > 0) {
        inv_cache *c = &w->inv;
        if (!c->slot) {
            c->slot = malloc(INV_SLOTS * sizeof *c->slot);
            c->arena = malloc(INV_ARENA);
            if (c->slot && c->arena) {
                inv_clear(c);
            } else {
                free(c->slot);
                free(c->arena);
                c->slot = NULL, c->arena = NULL;
            }
            c->enc = et;
        }
        if (c->slot && c->enc != et) {
            inv_clear(c);
            c->enc = et;
        }
        if (c->slot) x.inv = c;
        /* (the models' answers: the same tables, so kept with the inversions) */
        judge_cache *j = &w->jc;
        if (!j->slot) {
            j->slot = malloc(JC_SLOTS * sizeof *j->slot);
            j->arena = malloc(JC_ARENA);
            if (j->slot && j->arena) {
                jc_clear(j);
            } else {
                free(j->slot);
                free(j->arena);
                j->slot = NULL, j->arena = NULL;
            }
        }
        if (j->slot && j->enc != et) {
            jc_clear(j);
            j->enc = et;
        }
        if (j->slot) x.jc = j;
    }
    int rc = tokenize(&x);
    int any = 0;
    for (size_t t = 0; t < x.ntok && !rc; t++)
        any |= !x.tok[t].ascii;
    /* (the Latin-to-Latin chains only, when nothing else can repair the line) */
    int latin_only = 0;
    if (any && !rc && fast) {
        int cr = cannot_repair(&x);
        if (cr < 0)
            rc = -1;
        else if (cr)
            any = latin_only = x.have_lm && latin_suspect(&x);
    }
    /* (a line left to the Latin-to-Latin chains has no seed: every word) */
    int seeded = fast && !latin_only;
    if (any && !rc && seeded && seed_lists(&x)) rc = -1;
    for (int chn = 0; chn < NCHAINS && any && !rc; chn++) {
        if (latin_only && !(CHAINS[chn].inner < 0 && latin_pair(&STEPS[CHAINS[chn].outer])))
            continue;
        pisar_buf_clear(&x.res);
        if (seeded) {
            rc = examine_seeded(&x, &CHAINS[chn]);
            if (rc) break;
        }
        for (size_t t = 0; t < x.ntok && !seeded; t++) {
            int st = examine(&x, &CHAINS[chn], &x.tok[t]);
            if (st < 0) {
                rc = -1;
                break;
            }
            x.tok[t].status = st;
        }
        /* runs of GOOD/NEUTRAL tokens from a GOOD one to a GOOD one (a
         * token left T_UNSEEN is BAD); seeded, only the examined tokens can
         * be GOOD: they are taken in the order of the text */
        size_t nt = seeded ? x.ntouched : x.ntok;
        if (seeded && nt > 1) sort_touched(x.touched, nt);
        for (size_t i = 0, t = 0; i < nt && !rc; i++) {
            size_t g = seeded ? x.touched[i] : i;
            if (g < t || x.tok[g].status != T_GOOD) continue;
            size_t a = g, last = g;
            for (t = g; t < x.ntok && (x.tok[t].status == T_GOOD || x.tok[t].status == T_NEUTRAL);
                 t++)
                if (x.tok[t].status == T_GOOD) last = t;
            rc = add_cand(&x, chn, a, last + 1);
        }
        if (seeded) seeded_reset(&x);
    }
    if (!rc && x.nc) {
        qsort(x.c, x.nc, sizeof *x.c, cand_cmp);
        for (size_t i = 0; i < x.nc && !rc;) {
            size_t j = i + 1, end = x.c[i].te;
            while (j < x.nc && x.c[j].ta < end) {
                if (x.c[j].te > end) end = x.c[j].te;
                j++;
            }
            rc = resolve(&x, x.c + i, j - i, out);
            i = j;
        }
    }
    if (!rc && signs_pass(x.s, n, out, n0)) rc = -1;
    w->tok = x.tok, w->tokcap = x.tokcap, w->c = x.c, w->capc = x.capc;
    w->pre = x.pre, w->precap = x.precap, w->lmb = x.lmb;
    w->idx = x.idx, w->idxcap = x.idxcap;
    w->tmp = x.sc.tmp, w->mid = x.sc.mid, w->res = x.res, w->ctext = x.ctext;
    return rc ? PISAR_ENOMEM : PISAR_OK;
}

int repair_mojibake(const repair_enc *et, const char *s, size_t n, repair_list *out)
{
    return repair_mojibake_opt(et, s, n, out, 1);
}
