/*
 * lm.c -- the letter-pair language models (see lm.h), compiled in from
 * tables/charset/<lang>.txt by tools/gen_lm.c.
 */
#include "lm.h"

#include <stdlib.h>
#include <string.h>

#include "lm_class.h"

typedef struct lm_letter {
    uint32_t cp;
    uint8_t sym;
} lm_letter;

typedef struct lm_model {
    const char *code, *name;
    int cyrillic, nsym, nlet;
    const lm_letter *letters;
    int nletters;
    const uint8_t *pairs;
    const uint8_t *direct; /* the symbol of each code point < LM_DIRECT */
} lm_model;
#define LM_DIRECT 0x800

#include "lm_tables.h"

const det_rule *lm_det_rules(int *n)
{
    if (n) *n = DET_GEN_NRULES;
    return det_gen_rules;
}

const char *const *lm_det_order(void)
{
    return det_gen_order;
}

_Static_assert(LM_SCALE == LM_COST_SCALE, "one cost scale");

int lm_count(void)
{
    return LM_GEN_COUNT;
}

static const lm_model *model(int i)
{
    return i >= 0 && i < LM_GEN_COUNT ? &lm_gen_models[i] : 0;
}

const char *lm_code(int i)
{
    const lm_model *m = model(i);
    return m ? m->code : 0;
}

const char *lm_name(int i)
{
    const lm_model *m = model(i);
    return m ? m->name : 0;
}

int lm_find(const char *code)
{
    if (!code) return -1;
    for (int i = 0; i < LM_GEN_COUNT; i++)
        if (!strcmp(lm_gen_models[i].code, code)) return i;
    return -1;
}

int lm_is_cyrillic(int i)
{
    const lm_model *m = model(i);
    return m ? m->cyrillic : 0;
}

int lm_nsymbols(int i)
{
    const lm_model *m = model(i);
    return m ? m->nsym : 0;
}

const uint8_t *lm_pairs(int i)
{
    const lm_model *m = model(i);
    return m ? m->pairs : 0;
}

int lm_symbol_is_letter(int i, int s)
{
    const lm_model *m = model(i);
    return m && s >= LM_NCLASS && s < m->nsym;
}

int lm_symbol_is_upper(int i, int s)
{
    const lm_model *m = model(i);
    return m && s >= LM_NCLASS + m->nlet && s < m->nsym;
}

int lm_symbol(int i, uint32_t c)
{
    const lm_model *m = model(i);
    if (!m) return LM_OT;
    if (c < LM_DIRECT) return m->direct[c];
    int lo = 0, hi = m->nletters - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (m->letters[mid].cp == c) return m->letters[mid].sym;
        if (m->letters[mid].cp < c)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return lm_class_of(c);
}

/* Decode one UTF-8 sequence at s[0..n); returns its length (>= 1), the code
 * point in *c (U+FFFD for an invalid or truncated sequence, length 1). */
static size_t next_cp(const unsigned char *s, size_t n, uint32_t *c)
{
    unsigned b = s[0];
    if (b < 0x80) {
        *c = b;
        return 1;
    }
    size_t len = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
    if (!len || len > n) {
        *c = 0xFFFD;
        return 1;
    }
    uint32_t v = b & (0x7F >> len);
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80) {
            *c = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[k] & 0x3F);
    }
    if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
        (v >= 0xD800 && v <= 0xDFFF)) {
        *c = 0xFFFD;
        return 1;
    }
    *c = v;
    return len;
}

/* A symbol that tells a language: a letter (of the alphabet or not). */
static int is_letter_sym(int sym)
{
    return sym >= LM_NCLASS || sym == LM_FA || sym == LM_FL;
}

/* The summed cost of the pairs of s under model m (words: only two letters,
 * or a letter and a space), their number in *npairs. Costs are never
 * negative: once the sum passes `limit` (looked at every 64 characters) it
 * is returned as it stands, *npairs then undefined. */
static uint64_t pair_cost(const lm_model *m, int lang, const unsigned char *p, size_t n, int words,
                          uint64_t limit, size_t *npairs)
{
    uint64_t cost = 0;
    size_t pairs = 0, i = 0, k = 0;
    int prev = -1;
    const uint8_t *direct = m->direct;
    while (i < n) {
        uint32_t c = p[i];
        int sym;
        if (c < 0x80) { /* ASCII, and two-byte sequences, looked up directly */
            i++;
            sym = direct[c];
        } else if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
            sym = direct[(c & 0x1F) << 6 | (p[i + 1] & 0x3Fu)];
            i += 2;
        } else {
            i += next_cp(p + i, n - i, &c);
            sym = lm_symbol(lang, c);
        }
        int lp = prev >= 0 && is_letter_sym(prev), ls = is_letter_sym(sym);
        if (prev >= 0 &&
            (!words || ((lp || ls) && (lp || prev == LM_SP) && (ls || sym == LM_SP)))) {
            cost += m->pairs[prev * m->nsym + sym];
            pairs++;
        }
        prev = sym;
        if ((++k & 63) == 0 && cost > limit) break;
    }
    *npairs = pairs;
    return cost;
}

/* Mean cost of the pairs of s (words: only two letters, or a letter and a
 * space). */
static double score_utf8(int lang, const char *s, size_t n, size_t *npairs, int words)
{
    const lm_model *m = model(lang);
    if (npairs) *npairs = 0;
    if (!m || !s || !n) return 0;
    size_t pairs;
    uint64_t cost = pair_cost(m, lang, (const unsigned char *)s, n, words, UINT64_MAX, &pairs);
    if (npairs) *npairs = pairs;
    return pairs ? -(double)cost / LM_SCALE / (double)pairs : 0;
}

/* score_utf8 (words = 1) of text already decoded (next_cp) into cp[0..n),
 * without a branch on whether a pair counts (letters and spaces alternate
 * at random in text, so such a branch is mispredicted often). */
static double score_cps_words(int lang, const uint32_t *cp, size_t n, size_t *npairs)
{
    const lm_model *m = model(lang);
    if (npairs) *npairs = 0;
    if (!m || !n) return 0;
    uint64_t cost = 0;
    size_t pairs = 0;
    const uint8_t *direct = m->direct, *tab = m->pairs;
    const int nsym = m->nsym;
    int prev = cp[0] < LM_DIRECT ? direct[cp[0]] : lm_symbol(lang, cp[0]);
    unsigned lp = (unsigned)is_letter_sym(prev), psp = prev == LM_SP;
    for (size_t i = 1; i < n; i++) {
        uint32_t c = cp[i];
        int sym = c < LM_DIRECT ? direct[c] : lm_symbol(lang, c);
        unsigned ls = (unsigned)is_letter_sym(sym), ssp = sym == LM_SP;
        unsigned take = (lp | ls) & (lp | psp) & (ls | ssp); /* 0 or 1 */
        cost += tab[prev * nsym + sym] & (0u - take);
        pairs += take;
        prev = sym, lp = ls, psp = ssp;
    }
    if (npairs) *npairs = pairs;
    return pairs ? -(double)cost / LM_SCALE / (double)pairs : 0;
}

/* The distinct pairs of neighbouring code points of a text, each with how
 * often it occurs. */
typedef struct cp_pair {
    uint32_t a, b, n; /* n = 0: an empty slot */
} cp_pair;

static size_t cp_pair_slot(const cp_pair *t, size_t mask, uint32_t a, uint32_t b)
{
    size_t h = (size_t)((a * 0x9E3779B1u) ^ (b * 0x85EBCA77u)) & mask;
    while (t[h].n && (t[h].a != a || t[h].b != b))
        h = (h + 1) & mask;
    return h;
}

/* The pairs of cp[0..k), packed at the start of the returned table (*np of
 * them), or NULL without memory. */
static cp_pair *cp_pairs(const uint32_t *cp, size_t k, size_t *np)
{
    size_t cap = 4096, used = 0;
    cp_pair *t = calloc(cap, sizeof *t);
    for (size_t i = 1; t && i < k; i++) {
        size_t h = cp_pair_slot(t, cap - 1, cp[i - 1], cp[i]);
        if (t[h].n) {
            t[h].n++;
            continue;
        }
        t[h] = (cp_pair){cp[i - 1], cp[i], 1};
        if (++used * 2 > cap) { /* at most half full */
            cp_pair *g = calloc(cap * 2, sizeof *g);
            for (size_t j = 0; g && j < cap; j++)
                if (t[j].n) g[cp_pair_slot(g, cap * 2 - 1, t[j].a, t[j].b)] = t[j];
            free(t);
            t = g;
            cap *= 2;
        }
    }
    if (!t) return NULL;
    size_t m = 0;
    for (size_t j = 0; j < cap; j++)
        if (t[j].n) t[m++] = t[j];
    *np = m;
    return t;
}

/* score_cps_words over the distinct pairs: the same sums of integers. */
static double score_pairs_words(int lang, const cp_pair *t, size_t np, size_t *npairs)
{
    const lm_model *m = model(lang);
    if (npairs) *npairs = 0;
    if (!m) return 0;
    uint64_t cost = 0, pairs = 0;
    const uint8_t *direct = m->direct, *tab = m->pairs;
    const int nsym = m->nsym;
    for (size_t i = 0; i < np; i++) {
        uint32_t a = t[i].a, b = t[i].b;
        int sa = a < LM_DIRECT ? direct[a] : lm_symbol(lang, a);
        int sb = b < LM_DIRECT ? direct[b] : lm_symbol(lang, b);
        unsigned la = (unsigned)is_letter_sym(sa), lb = (unsigned)is_letter_sym(sb);
        unsigned take = (la | lb) & (la | (sa == LM_SP)) & (lb | (sb == LM_SP));
        cost += (uint64_t)t[i].n * (tab[sa * nsym + sb] & (0u - take));
        pairs += t[i].n & (0u - take);
    }
    if (npairs) *npairs = (size_t)pairs;
    return pairs ? -(double)cost / LM_SCALE / (double)pairs : 0;
}

/* Every model's lm_score_utf8_words of one text, decoded once. The models
 * sum over pairs of neighbours, so each model looks up each distinct pair
 * once, with its count (a 64 KB sample of Russian holds about a tenth as many
 * distinct pairs as pairs): the same figures as scoring the text per model. */
void lm_score_utf8_words_each(const char *s, size_t n, int nm, double *score, size_t *npairs)
{
    uint32_t *cp = s && n ? malloc(n * sizeof *cp) : NULL;
    cp_pair *t = NULL;
    size_t k = 0, np = 0;
    if (cp) {
        const unsigned char *p = (const unsigned char *)s;
        for (size_t i = 0; i < n; k++)
            i += next_cp(p + i, n - i, &cp[k]);
        t = cp_pairs(cp, k, &np);
    }
    for (int m = 0; m < nm; m++)
        score[m] = t    ? score_pairs_words(m, t, np, &npairs[m])
                   : cp ? score_cps_words(m, cp, k, &npairs[m])
                        : lm_score_utf8_words(m, s, n, &npairs[m]);
    free(t);
    free(cp);
}

double lm_score_utf8(int lang, const char *s, size_t n, size_t *npairs)
{
    return score_utf8(lang, s, n, npairs, 0);
}

double lm_score_utf8_words(int lang, const char *s, size_t n, size_t *npairs)
{
    return score_utf8(lang, s, n, npairs, 1);
}

int lm_has_letter(const char *s, size_t n)
{
    int letters = 0;
    if (s) {
        const unsigned char *p = (const unsigned char *)s;
        for (size_t i = 0; i < n && !letters;) {
            uint32_t c;
            i += next_cp(p + i, n - i, &c);
            int k = lm_class_of(c);
            letters = k == LM_FA || k == LM_FL;
        }
    }
    return letters;
}

/* lm_best_utf8: the model with the least summed cost (every model counts
 * the same pairs of s: all of them), the first of equal ones, is the one
 * with the best mean score, lm_score_utf8()'s figure. A model whose sum
 * passes the least one found so far cannot be it and stops there (the costs
 * are never negative); the model cheapest over the first 128 bytes goes
 * first. The same answer as scoring every model whole. */
int lm_best_utf8(const char *s, size_t n, double *score)
{
    int best = -1;
    double bs = 0;
    /* Only text with at least one letter has a language. */
    if (lm_has_letter(s, n)) {
        const unsigned char *p = (const unsigned char *)s;
        size_t pairs, np = 0, head = n < 128 ? n : 128;
        int first = 0;
        uint64_t least = UINT64_MAX;
        for (int i = 0; i < LM_GEN_COUNT && n > head; i++) {
            uint64_t c = pair_cost(&lm_gen_models[i], i, p, head, 0, UINT64_MAX, &pairs);
            if (c < least) least = c, first = i;
        }
        least = UINT64_MAX;
        for (int j = 0; j < LM_GEN_COUNT; j++) {
            int i = j == 0 ? first : j <= first ? j - 1 : j;
            uint64_t c = pair_cost(&lm_gen_models[i], i, p, n, 0, least, &pairs);
            if (c < least || (c == least && i < best)) least = c, best = i, np = pairs;
        }
        bs = np ? -(double)least / LM_SCALE / (double)np : 0;
    }
    if (score) *score = best < 0 ? 0 : bs;
    return best;
}
