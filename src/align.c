/* align.c -- sentence alignment: Gale-Church length costs plus anchors
 * (numbers, ? and !, quotation marks, name keys, shared words, a bilingual
 * lexicon), paragraphs as hard or soft boundaries, dynamic programming in a
 * band around the diagonal. */
#include "pisar/align.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* Gale & Church (1993), section 3: priors of the link types and the variance
 * of the length difference per character; except the prior of a 1-0 or 0-1
 * link, 0.0099 in their parliamentary proceedings, set to 0.04 on the
 * development sets of real translations (bench/RESULTS.md, align4): a
 * translator leaves out or adds sentences more often, and these priors are
 * the start that re-estimation moves from (short texts barely move it). */
#define P_11 0.89
#define P_10 0.04
#define P_21 0.089
#define P_22 0.011
#define S2 6.8
/* Anchors: a shared anchor lowers a link's cost, an anchor on one side only
 * raises it (in nats, the unit of the length costs). */
#define ANCHOR_MATCH 2.0
#define ANCHOR_MISS 1.0
/* ... on a sentence without counterpart (1-0, 0-1), whose anchors are
 * missing on the other side because the whole sentence is: less than on a
 * link whose two sides should share them */
#define DELETE_MISS 0.5
#define NAME_PAIR_MISS 1.0
/* Soft paragraph boundary: merging sentences across one costs this much. */
#define PARA_CROSS 4.0
#define MAX_ANCHORS 24
/* Share of Gale-Church's length cost a 1-0 or 0-1 link pays (see align.h) */
#define DELETE_LENGTH 0.0
#define PASSES 4
/* Cells of the dynamic programming's band (9 bytes each) beyond which the
 * band stops growing with the difference in sentence counts */
#define MAX_CELLS ((size_t)16 << 20)
#define PRIOR_WEIGHT 5.0
#define NAME_PREFIX 5 /* name keys compared on their first letters: Розова ~ Rozov */

/* Lexicon: words compared on their first LEX_PREFIX letters, lower-cased
 * (собака, собаку, собаки ~ собак; translate, translated ~ trans; words of
 * five letters or fewer must match whole: книга and книги do not), at most
 * LEX_PER_WORD translations of a source word and LEX_PER_SENT keys a
 * sentence. */
#define LEX_PREFIX 5
#define LEX_PER_WORD 8
#define LEX_PER_SENT 64
#define LEX_MATCH 1.0
/* Words of at least WORD_MIN letters that a link's two sides share,
 * lower-cased (names, commands, cognates: Vim, vimdiff, Information). */
#define WORD_MIN 4
#define WORD_MATCH 1.5
/* ... compared on their first WORD_PREFIX letters: cognates that differ in
 * their endings (Installation ~ installieren, automatisch ~
 * automatically, Konfiguration ~ Konfigurationsdatei) */
#define WORD_PREFIX 6
/* A sentence of a 2-1 or 1-2 link that has lexicon keys none of which is on
 * the other side looks like a sentence without counterpart; so does one with
 * learnt pairs (below) none of which is there. */
#define LEX_ORPHAN 2.0
/* ... and a sentence of a merge with a lexicon counts as one without
 * counterpart unless more than LEX_ORPHAN_RATE of its lexicon keys are on
 * the other side: a lexicon gives several translations of each word, so an
 * unrelated sentence beside a true pair nearly always shares one or two keys
 * by chance (manuals dev, 1-2/2-1 links with a lexicon: 52 predicted for 39
 * with "none", 40 with 0.4; bench/RESULTS.md, align6) */
#define LEX_ORPHAN_RATE 0.4
/* Word pairs learnt from the text itself (after Moore 2002, who trains a
 * translation model on the links of a first, length-based pass): a source
 * word and a target word (word_key()) that are each other's best partner
 * by Dice's coefficient over the first pass's 1-1 links, found together in
 * LEARN_MIN links or more and with Dice LEARN_DICE or more, are a lexicon
 * pair of the text; a link whose two sides hold one costs LEARN_MATCH less.
 * Words in more than LEARN_STOP of the links (the, и, der) are not learnt,
 * and at most LEARN_MAX_PAIRS co-occurrences are counted (memory). */
#define LEARN_MIN 2
#define LEARN_DICE 0.5
#define LEARN_STOP 0.25
#define LEARN_MATCH 1.0
#define LEARN_MAX_PAIRS ((size_t)1 << 20)

/* The kinds of word keys a sentence has in the key pool: lexicon keys, its
 * words (Latin letters, WORD_PREFIX), all its words (word_key(), unique:
 * what the text's own word pairs are learnt from), and the learnt pairs it
 * holds. */
enum { K_LEX, K_WORD, K_ALL, K_LEARN, NKEYS };

typedef struct {
    double len; /* characters */
    size_t para;
    unsigned n;              /* anchors */
    uint64_t a[MAX_ANCHORS]; /* sorted anchor hashes */
    size_t koff[NKEYS];      /* first key of each kind in the pool */
    unsigned kn[NKEYS];      /* keys of each kind (sorted) */
} sent_info;

struct pisar_lexicon {
    uint64_t *pairs; /* source key, target key; sorted by source then target */
    size_t npairs;
    uint64_t *tgt; /* target keys, sorted, unique */
    size_t ntgt;
};

/* growable pool of the lexicon keys of all sentences */
typedef struct {
    uint64_t *v;
    size_t n, cap;
    int oom;
} key_pool;

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 0x100000001b3ull;
    return h;
}
#define FNV0 0xcbf29ce484222325ull
/* the top bit of an anchor's hash tells a name key from other anchors */
#define NAME_BIT (1ull << 63)

static void add_anchor(sent_info *si, char kind, const void *p, size_t n)
{
    if (si->n >= MAX_ANCHORS) return;
    uint64_t h = fnv(fnv(FNV0, &kind, 1), p, n) & ~NAME_BIT;
    if (kind == 'n') h |= NAME_BIT;
    si->a[si->n++] = h;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int is_quote(UChar32 c)
{
    switch (c) {
    case '"':
    case 0xAB:
    case 0xBB:
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x2018:
    case 0x2039:
    case 0x203A:
    case 0x300C:
    case 0x300D:
        return 1;
    default:
        return 0;
    }
}

/* Key of the word t[start..end): its first LEX_PREFIX letters lower-cased,
 * hashed. 0 when the word has a byte that is not UTF-8. */
static uint64_t word_key(const uint8_t *t, int32_t start, int32_t end)
{
    uint64_t h = fnv(FNV0, "w", 1);
    int k = 0;
    for (int32_t i = start; i < end && k < LEX_PREFIX;) {
        UChar32 c;
        U8_NEXT(t, i, end, c);
        if (c < 0) return 0;
        c = u_tolower(c);
        h = fnv(h, &c, sizeof c);
        k++;
    }
    return h ? h : 1;
}

static int is_word_char(UChar32 c)
{
    return c > 0 && (u_isalpha(c) || u_hasBinaryProperty(c, UCHAR_DIACRITIC) || c == 0x2019 ||
                     c == '\'' || c == '-');
}

static int cmp_pair(const void *a, const void *b)
{
    const uint64_t *x = a, *y = b;
    if (x[0] != y[0]) return x[0] < y[0] ? -1 : 1;
    return x[1] < y[1] ? -1 : x[1] > y[1];
}

void pisar_lexicon_free(pisar_lexicon *lx)
{
    if (!lx) return;
    free(lx->pairs);
    free(lx->tgt);
    free(lx);
}

size_t pisar_lexicon_size(const pisar_lexicon *lx)
{
    return lx ? lx->npairs : 0;
}

static int lex_fail(pisar_lexicon *lx, pisar_error *err, int rc, size_t line, size_t off,
                    const char *msg)
{
    if (err) {
        memset(err, 0, sizeof *err);
        err->line = line;
        err->offset = off;
        snprintf(err->message, sizeof err->message, "%s", msg);
    }
    pisar_lexicon_free(lx);
    return rc;
}

/* One side of a lexicon line: a word of letters (and ' ’ -), valid UTF-8. */
static const char *lex_word(const uint8_t *t, int32_t n, int32_t *bad)
{
    if (n == 0) return "empty word";
    for (int32_t i = 0; i < n;) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT(t, i, n, c);
        if (c < 0) {
            *bad = at;
            return "invalid UTF-8";
        }
        if (!is_word_char(c)) {
            *bad = at;
            return c == ' ' || c == '\t' ? "more than one word (or a third column)"
                                         : "a character that is not a letter";
        }
    }
    return NULL;
}

int pisar_lexicon_parse(const char *data, size_t len, pisar_lexicon **out, pisar_error *err)
{
    if (!out || (!data && len)) return PISAR_EINVAL;
    *out = NULL;
    pisar_lexicon *lx = calloc(1, sizeof *lx);
    if (!lx) return PISAR_ENOMEM;
    size_t cap = 0, line = 0;
    const uint8_t *t = (const uint8_t *)data;
    for (size_t i = 0; i < len;) {
        line++;
        const uint8_t *nl = memchr(t + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - t) : len, ls = i;
        i = e + (nl != NULL);
        if (e > ls && t[e - 1] == '\r') e--;
        if (e == ls || t[ls] == '#') continue;
        if (e - ls > 1000) return lex_fail(lx, err, PISAR_EPARSE, line, ls, "line too long");
        const uint8_t *tab = memchr(t + ls, '\t', e - ls);
        if (!tab)
            return lex_fail(lx, err, PISAR_EPARSE, line, ls,
                            "no TAB between the source word and its translation");
        int32_t bad = 0;
        size_t tp = (size_t)(tab - t);
        const char *why = lex_word(t + ls, (int32_t)(tp - ls), &bad);
        if (why) {
            char msg[120];
            snprintf(msg, sizeof msg, "source word: %s", why);
            return lex_fail(lx, err, PISAR_EPARSE, line, ls + (size_t)bad, msg);
        }
        why = lex_word(t + tp + 1, (int32_t)(e - tp - 1), &bad);
        if (why) {
            char msg[120];
            snprintf(msg, sizeof msg, "translation: %s", why);
            return lex_fail(lx, err, PISAR_EPARSE, line, tp + 1 + (size_t)bad, msg);
        }
        if (lx->npairs == cap) {
            size_t nc = cap ? 2 * cap : 256;
            uint64_t *np = realloc(lx->pairs, 2 * nc * sizeof *np);
            if (!np) return lex_fail(lx, err, PISAR_ENOMEM, line, ls, "out of memory");
            lx->pairs = np;
            cap = nc;
        }
        lx->pairs[2 * lx->npairs] = word_key(t, (int32_t)ls, (int32_t)tp);
        lx->pairs[2 * lx->npairs + 1] = word_key(t + tp + 1, 0, (int32_t)(e - tp - 1));
        lx->npairs++;
    }
    if (lx->npairs) {
        qsort(lx->pairs, lx->npairs, 2 * sizeof *lx->pairs, cmp_pair);
        size_t k = 0; /* unique pairs */
        for (size_t j = 0; j < lx->npairs; j++)
            if (!k || cmp_pair(&lx->pairs[2 * j], &lx->pairs[2 * (k - 1)])) {
                lx->pairs[2 * k] = lx->pairs[2 * j];
                lx->pairs[2 * k + 1] = lx->pairs[2 * j + 1];
                k++;
            }
        lx->npairs = k;
        lx->tgt = malloc(k * sizeof *lx->tgt);
        if (!lx->tgt) return lex_fail(lx, err, PISAR_ENOMEM, line, len, "out of memory");
        for (size_t j = 0; j < k; j++)
            lx->tgt[j] = lx->pairs[2 * j + 1];
        qsort(lx->tgt, k, sizeof *lx->tgt, cmp_u64);
        size_t u = 0;
        for (size_t j = 0; j < k; j++)
            if (!u || lx->tgt[j] != lx->tgt[u - 1]) lx->tgt[u++] = lx->tgt[j];
        lx->ntgt = u;
    }
    *out = lx;
    return PISAR_OK;
}

/* First pair of source key h, or npairs. */
static size_t lex_find(const pisar_lexicon *lx, uint64_t h)
{
    size_t lo = 0, hi = lx->npairs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (lx->pairs[2 * mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int in_tgt(const pisar_lexicon *lx, uint64_t h)
{
    size_t lo = 0, hi = lx->ntgt;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (lx->tgt[mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < lx->ntgt && lx->tgt[lo] == h;
}

static void pool_push(key_pool *p, unsigned *count, uint64_t h)
{
    if (*count >= LEX_PER_SENT || p->oom) return;
    if (p->n == p->cap) {
        size_t nc = p->cap ? 2 * p->cap : 1024;
        uint64_t *nv = realloc(p->v, nc * sizeof *nv);
        if (!nv) {
            p->oom = 1;
            return;
        }
        p->v = nv;
        p->cap = nc;
    }
    p->v[p->n++] = h;
    (*count)++;
}

/* Cyrillic lower-case letters U+0430..U+045F in Latin letters, so that a
 * word left in its international form meets its translation (информация ~
 * information, программа ~ program). */
static const char *const cyr_latin[0x30] = {
    "a", "b", "v",  "g", "d", "e",  "zh", "z",  "i",  "i",    "k",  "l", "m",  "n", "o",  "p",
    "r", "s", "t",  "u", "f", "kh", "ts", "ch", "sh", "shch", "",   "y", "",   "e", "iu", "ia",
    "e", "e", "dj", "g", "e", "dz", "i",  "i",  "j",  "lj",   "nj", "c", "kj", "i", "u",  "dz"};

/* The word keys of one sentence: the translations of its words (source side)
 * or its words that are translations (target side), with a lexicon (K_LEX);
 * its words of WORD_MIN letters or more in Latin letters (K_WORD); and all
 * its words' word_key(), each once (K_ALL). */
static void lex_keys(const pisar_lexicon *lx, int source, const uint8_t *t, int32_t n,
                     sent_info *si, key_pool *p)
{
    for (int kind = K_LEX; kind <= K_ALL; kind++) {
        unsigned *count = &si->kn[kind];
        si->koff[kind] = p->n;
        *count = 0;
        if (kind == K_LEX && !lx) continue;
        for (int32_t i = 0; i < n;) {
            int32_t start = i;
            UChar32 c;
            U8_NEXT(t, i, n, c);
            if (!is_word_char(c) || c == '-' || c == '\'' || c == 0x2019) continue;
            int32_t e = i;
            while (e < n) {
                int32_t k = e;
                UChar32 d;
                U8_NEXT(t, k, n, d);
                if (!is_word_char(d)) break;
                e = k;
            }
            i = e;
            if (kind == K_WORD) {
                int letters = 0, out = 0;
                uint64_t v = fnv(FNV0, "v", 1);
                for (int32_t q = start; q < e;) {
                    UChar32 d;
                    U8_NEXT(t, q, e, d);
                    d = u_tolower(d);
                    const char *lat = d >= 0x430 && d <= 0x45F ? cyr_latin[d - 0x430] : NULL;
                    if (lat) {
                        for (const char *l = lat; *l && out < WORD_PREFIX; l++, out++) {
                            UChar32 x = (unsigned char)*l;
                            v = fnv(v, &x, sizeof x);
                        }
                    } else if (out < WORD_PREFIX) {
                        v = fnv(v, &d, sizeof d);
                        out++;
                    }
                    letters++;
                }
                /* the word itself, lower-cased: names, commands, cognates */
                if (letters >= WORD_MIN) pool_push(p, count, v);
                continue;
            }
            uint64_t h = word_key(t, start, e);
            if (!h) continue;
            if (kind == K_ALL) {
                pool_push(p, count, h);
            } else if (source) {
                size_t f = lex_find(lx, h);
                for (int k = 0; f < lx->npairs && lx->pairs[2 * f] == h && k < LEX_PER_WORD;
                     f++, k++)
                    pool_push(p, count, lx->pairs[2 * f + 1]);
            } else if (in_tgt(lx, h)) {
                pool_push(p, count, h);
            }
        }
        if (p->oom || !*count) continue;
        uint64_t *v = p->v + si->koff[kind];
        qsort(v, *count, sizeof *v, cmp_u64);
        if (kind == K_ALL) { /* each word once */
            unsigned u = 0;
            for (unsigned k = 0; k < *count; k++)
                if (!u || v[k] != v[u - 1]) v[u++] = v[k];
            p->n -= *count - u;
            *count = u;
        }
    }
}

static int is_digit(uint8_t c)
{
    return c >= '0' && c <= '9';
}

/* Length in bytes of a digit separator at t[i] (, . ' space, no-break
 * spaces U+00A0 U+202F, apostrophe U+2019), 0 if none. */
static int digit_sep(const uint8_t *t, int32_t i, int32_t n)
{
    if (i >= n) return 0;
    if (t[i] == ',' || t[i] == '.' || t[i] == '\'' || t[i] == ' ') return 1;
    if (i + 1 < n && t[i] == 0xC2 && t[i + 1] == 0xA0) return 2;
    if (i + 2 < n && t[i] == 0xE2 && t[i + 1] == 0x80 && (t[i + 2] == 0xAF || t[i + 2] == 0x99))
        return 3;
    return 0;
}

/* The end of the number that starts at t[start]: digits, and groups of
 * digits after a separator (1,200  1 200  1.5  3,14). A space or an
 * apostrophe only separates a group of exactly three digits (1 200, not
 * "in 1984 15 ..."). Adds its characters beyond the first to *chars. */
static int32_t number(const uint8_t *t, int32_t start, int32_t n, size_t *chars)
{
    int32_t e = start;
    while (e < n && is_digit(t[e]))
        e++;
    for (;;) {
        int k = digit_sep(t, e, n);
        if (!k || e + k >= n || !is_digit(t[e + k])) break;
        int32_t g = e + k;
        while (g < n && is_digit(t[g]))
            g++;
        if (t[e] != ',' && t[e] != '.' && (g - e - k != 3)) break;
        e = g;
    }
    for (int32_t i = start + 1; i < e; i++)
        if ((t[i] & 0xC0) != 0x80) (*chars)++;
    return e;
}

/* The anchors of a number, the same across the conventions of languages: a
 * separator before a group of exactly three digits separates thousands and
 * is dropped (1,200 = 1 200 = 1.200 = 1200); another one separates two
 * anchors, as before (1,5 and 1.5: 1 and 5; 2.6.32: 2, 6 and 32). */
static void number_anchors(sent_info *si, const uint8_t *t, int32_t start, int32_t end)
{
    char key[32];
    size_t k = 0;
    for (int32_t i = start; i < end;) {
        if (is_digit(t[i])) {
            if (k < sizeof key) key[k++] = (char)t[i];
            i++;
            continue;
        }
        int s = digit_sep(t, i, end);
        if (!s) s = 1;
        int32_t g = i + s;
        while (g < end && is_digit(t[g]))
            g++;
        if (g - i - s != 3) {
            add_anchor(si, '#', key, k);
            k = 0;
        }
        i += s;
    }
    add_anchor(si, '#', key, k);
}

static void analyse(const pisar_align_sentence *s, const pisar_align_options *opt, int anchors,
                    sent_info *si)
{
    memset(si, 0, sizeof *si);
    si->para = s->paragraph;
    const uint8_t *t = (const uint8_t *)s->text;
    int32_t n = (int32_t)(s->len > INT32_MAX ? INT32_MAX : s->len), i = 0;
    int quote = 0, q = 0, x = 0, seen = 0;
    size_t chars = 0;
    while (i < n) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(t, i, n, c);
        chars++;
        if (!anchors) continue;
        if (c >= '0' && c <= '9') {
            int32_t e = number(t, start, n, &chars);
            number_anchors(si, t, start, e);
            i = e;
        } else if (c == '?')
            q = 1;
        else if (c == '!')
            x = 1;
        else if (is_quote(c))
            quote = 1;
        else if (opt && opt->name_key && c > 0 && u_isupper(c) &&
                 (start == 0 || !u_isalpha(t[start - 1]))) {
            /* a capitalised word: ask for its name key */
            int32_t e = i, letters = 1;
            while (e < n) {
                int32_t k = e;
                UChar32 d;
                U8_NEXT(t, k, n, d);
                if (d < 0 || !(u_isalpha(d) || d == '-' || d == '\'' || d == 0x2019)) break;
                letters++;
                e = k;
            }
            /* not the sentence's first word: capitalised there whatever it
             * is (Погода ~ Weather), its key is noise, not a name */
            if (letters >= 4 && seen) {
                char key[64];
                int kl = opt->name_key(opt->name_key_ctx, (const char *)t + start,
                                       (size_t)(e - start), key, sizeof key);
                if (kl > 0) add_anchor(si, 'n', key, (size_t)(kl < NAME_PREFIX ? kl : NAME_PREFIX));
            }
            chars += (size_t)(letters - 1);
            i = e;
        }
        if (c > 0 && (u_isalpha(c) || (c >= '0' && c <= '9'))) seen = 1;
    }
    if (q) add_anchor(si, '?', "", 0);
    if (x) add_anchor(si, '!', "", 0);
    if (quote) add_anchor(si, 'q', "", 0);
    qsort(si->a, si->n, sizeof *si->a, cmp_u64);
    si->len = (double)chars;
}

/* The number of keys two sorted arrays share (multiset intersection). */
static unsigned common_sorted(const uint64_t *x, unsigned nx, const uint64_t *y, unsigned ny)
{
    unsigned i = 0, j = 0, m = 0;
    while (i < nx && j < ny) {
        if (x[i] == y[j])
            m++, i++, j++;
        else if (x[i] < y[j])
            i++;
        else
            j++;
    }
    return m;
}

/* Anchors shared by the two sides of a link (multiset intersection), and
 * those on one side only; of these, the name keys on each side. */
static void anchor_counts(const sent_info *const *a, int na, const sent_info *const *b, int nb,
                          unsigned *match, unsigned *miss, unsigned *names_a, unsigned *names_b)
{
    uint64_t x[2 * MAX_ANCHORS], y[2 * MAX_ANCHORS];
    unsigned nx = 0, ny = 0;
    for (int k = 0; k < na; k++)
        for (unsigned i = 0; i < a[k]->n; i++)
            x[nx++] = a[k]->a[i];
    for (int k = 0; k < nb; k++)
        for (unsigned i = 0; i < b[k]->n; i++)
            y[ny++] = b[k]->a[i];
    if (na > 1) qsort(x, nx, sizeof *x, cmp_u64);
    if (nb > 1) qsort(y, ny, sizeof *y, cmp_u64);
    unsigned m = common_sorted(x, nx, y, ny);
    *match = m;
    *miss = nx + ny - 2 * m;
    /* names matched: the sorted arrays put the name keys (top bit) last */
    unsigned xa = 0, yb = 0, mn = 0;
    for (unsigned i = 0; i < nx; i++)
        xa += (x[i] & NAME_BIT) != 0;
    for (unsigned i = 0; i < ny; i++)
        yb += (y[i] & NAME_BIT) != 0;
    mn = common_sorted(x + nx - xa, xa, y + ny - yb, yb);
    *names_a = xa - mn;
    *names_b = yb - mn;
}

/* The keys of one kind of one or two sentences, merged in order into x;
 * their number. */
static unsigned gather(const uint64_t *pool, int kind, const sent_info *const *a, int na,
                       uint64_t *x)
{
    const uint64_t *p = pool + a[0]->koff[kind];
    unsigned n = a[0]->kn[kind];
    if (na == 1) {
        memcpy(x, p, n * sizeof *x);
        return n;
    }
    const uint64_t *q = pool + a[1]->koff[kind];
    unsigned m = a[1]->kn[kind], i = 0, j = 0, k = 0;
    while (i < n && j < m)
        x[k++] = p[i] <= q[j] ? p[i++] : q[j++];
    while (i < n)
        x[k++] = p[i++];
    while (j < m)
        x[k++] = q[j++];
    return k;
}

/* Keys shared by the two sides of a link (multiset intersection). */
static unsigned key_matches(const uint64_t *pool, int kind, const sent_info *const *a, int na,
                            const sent_info *const *b, int nb)
{
    uint64_t x[2 * LEX_PER_SENT], y[2 * LEX_PER_SENT];
    unsigned nx = gather(pool, kind, a, na, x);
    if (!nx) return 0;
    unsigned ny = gather(pool, kind, b, nb, y);
    return common_sorted(x, nx, y, ny);
}

typedef struct {
    const sent_info *S, *T;
    const uint64_t *pool; /* lexicon keys, NULL without a lexicon */
    double c;
    int anchors, soft_paras;
    double prior[6]; /* of each move, re-estimated from the text (see below) */
} model;

/* -log P(delta): Gale & Church's match() with the estimated ratio c. */
static double length_cost(double l1, double l2, double c)
{
    if (l1 == 0 && l2 == 0) return 0;
    double mean = (l1 + l2 / c) / 2;
    double z = fabs((c * l1 - l2) / sqrt(S2 * mean));
    double pd = erfc(z / M_SQRT2);
    if (pd < 1e-30) pd = 1e-30;
    return -log(pd);
}

static const struct {
    int di, dj;
    double prior;
} moves[6] = {{1, 1, P_11}, {1, 0, P_10}, {0, 1, P_10}, {2, 1, P_21}, {1, 2, P_21}, {2, 2, P_22}};

static double link_anchor_cost(const model *md, const sent_info *const *a, int di,
                               const sent_info *const *b, int dj)
{
    double cost = 0;
    unsigned m, u, na, nb;
    anchor_counts(a, di, b, dj, &m, &u, &na, &nb);
    if (di && dj) {
        /* a name key on each side that does not match may be one name
         * written two ways (a translated label: Přístupnost ~
         * Accessibility; German nouns): only the difference in their
         * numbers is a miss, each such pair NAME_PAIR_MISS */
        unsigned pn = na < nb ? na : nb;
        cost += ANCHOR_MISS * (u - 2 * pn) + NAME_PAIR_MISS * pn - ANCHOR_MATCH * m;
    } else
        cost += DELETE_MISS * u;
    if (md->pool && di && dj) {
        cost -= LEX_MATCH * key_matches(md->pool, K_LEX, a, di, b, dj) +
                WORD_MATCH * key_matches(md->pool, K_WORD, a, di, b, dj) +
                LEARN_MATCH * key_matches(md->pool, K_LEARN, a, di, b, dj);
        /* a sentence of a merge whose lexicon keys are all missing from
         * the other side */
        for (int kind = K_LEX; kind <= K_LEARN; kind += K_LEARN - K_LEX) {
            double r = kind == K_LEX ? LEX_ORPHAN_RATE : 0;
            for (int k = 0; k < di && di == 2; k++)
                if (a[k]->kn[kind] &&
                    key_matches(md->pool, kind, a + k, 1, b, dj) <= r * a[k]->kn[kind])
                    cost += LEX_ORPHAN;
            for (int k = 0; k < dj && dj == 2; k++)
                if (b[k]->kn[kind] &&
                    key_matches(md->pool, kind, a, di, b + k, 1) <= r * b[k]->kn[kind])
                    cost += LEX_ORPHAN;
        }
    }
    return cost;
}

static double link_cost(const model *md, size_t i, size_t j, int mv)
{
    int di = moves[mv].di, dj = moves[mv].dj;
    const sent_info *a[2], *b[2];
    double l1 = 0, l2 = 0;
    for (int k = 0; k < di; k++)
        a[k] = &md->S[i - di + k], l1 += a[k]->len;
    for (int k = 0; k < dj; k++)
        b[k] = &md->T[j - dj + k], l2 += b[k]->len;
    double lc = length_cost(l1, l2, md->c);
    /* Gale-Church's own cost of a 1-0 link grows with the dropped length so
     * fast that a deletion almost always loses to a merge; pisar counts
     * DELETE_LENGTH of it */
    if (di == 0 || dj == 0) lc *= DELETE_LENGTH;
    double cost = -log(md->prior[mv] / md->prior[0]) + lc;
    if (md->anchors) {
        /* a 2-2 link gathers the anchors of four sentences: it gets those
         * of its two parallel pairs only, no more than two 1-1 links get,
         * so that it wins by lengths, not by matches across the pairs (a
         * lexicon's several translations of a word matched in both target
         * sentences made 2-2 links of two good 1-1 links) */
        if (di == 2 && dj == 2)
            cost += link_anchor_cost(md, a, 1, b, 1) + link_anchor_cost(md, a + 1, 1, b + 1, 1);
        else
            cost += link_anchor_cost(md, a, di, b, dj);
    }
    if (md->soft_paras) {
        if (di == 2 && a[0]->para != a[1]->para) cost += PARA_CROSS;
        if (dj == 2 && b[0]->para != b[1]->para) cost += PARA_CROSS;
    }
    return cost;
}

/* Align S[0..n) with T[0..m) (already offset), appending links with indices
 * shifted by (so, to). */
static int align_block(const model *md, size_t n, size_t m, size_t so, size_t to, pisar_link *links,
                       size_t *nl)
{
    if (n == 0 && m == 0) return PISAR_OK;
    /* band around the diagonal (which follows the slope m/n), wide enough
     * for the difference in sentence counts, but at most MAX_CELLS cells:
     * then +-W sentences around the diagonal, W at least 40 and more than
     * the slope (so that a path always exists) */
    size_t diff = n > m ? n - m : m - n;
    size_t slope = (n > m ? n / (m ? m : 1) : m / (n ? n : 1)) + 2;
    size_t W = diff + 40;
    if ((n + 1) * (2 * W + 1) > MAX_CELLS) {
        W = MAX_CELLS / (n + 1) / 2;
        if (W < 40) W = 40;
    }
    if (W < slope + 40) W = slope + 40;
    size_t width = 2 * W + 1;
    if ((n + 1) > SIZE_MAX / width / (sizeof(double) + 1)) return PISAR_ENOMEM;
    double *D = malloc((n + 1) * width * sizeof *D);
    unsigned char *B = malloc((n + 1) * width);
    if (!D || !B) {
        free(D);
        free(B);
        return PISAR_ENOMEM;
    }
#define CENTER(i) ((size_t)((double)(i) * (double)m / (double)(n ? n : 1) + 0.5))
#define LO(i) (CENTER(i) > W ? CENTER(i) - W : 0)
#define INBAND(i, j) ((j) + W >= CENTER(i) && (j) <= CENTER(i) + W)
#define AT(A, i, j) A[(i)*width + ((j) + W - CENTER(i))]
    for (size_t i = 0; i <= n; i++) {
        size_t lo = LO(i), hi = CENTER(i) + W < m ? CENTER(i) + W : m;
        for (size_t j = lo; j <= hi; j++) {
            double best = INFINITY;
            unsigned char bm = 255;
            if (i == 0 && j == 0) best = 0;
            for (int mv = 0; mv < 6; mv++) {
                size_t di = (size_t)moves[mv].di, dj = (size_t)moves[mv].dj;
                if (di > i || dj > j) continue;
                size_t pi = i - di, pj = j - dj;
                if (!INBAND(pi, pj)) continue;
                double prev = AT(D, pi, pj);
                if (prev == INFINITY) continue;
                double cst = prev + link_cost(md, i, j, mv);
                if (cst < best) best = cst, bm = (unsigned char)mv;
            }
            AT(D, i, j) = best;
            AT(B, i, j) = bm;
        }
    }
    int rc = PISAR_OK;
    if (!INBAND(n, m) || AT(D, n, m) == INFINITY) {
        rc = PISAR_ERANGE; /* cannot happen: the band always holds a path */
    } else {
        /* walk back, then reverse into place */
        size_t start = *nl, i = n, j = m;
        while (i > 0 || j > 0) {
            int mv = AT(B, i, j);
            size_t di = (size_t)moves[mv].di, dj = (size_t)moves[mv].dj;
            pisar_link *L = &links[(*nl)++];
            L->src = so + i - di;
            L->nsrc = di;
            L->tgt = to + j - dj;
            L->ntgt = dj;
            L->cost = AT(D, i, j) - AT(D, i - di, j - dj);
            i -= di;
            j -= dj;
        }
        for (size_t a = start, b = *nl - 1; a < b; a++, b--) {
            pisar_link t = links[a];
            links[a] = links[b];
            links[b] = t;
        }
    }
#undef CENTER
#undef LO
#undef INBAND
#undef AT
    free(D);
    free(B);
    return rc;
}

/* Occurrences of key h in the sorted array v[0..n) */
static size_t count_in(const uint64_t *v, size_t n, uint64_t h)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t e = lo;
    while (e < n && v[e] == h)
        e++;
    return e - lo;
}

/* The K_ALL keys of one side of the 1-1 links, all in one sorted array. */
static uint64_t *side_words(const sent_info *X, const uint64_t *pool, const pisar_link *links,
                            size_t nl, int target, size_t *n)
{
    size_t tot = 0;
    for (size_t k = 0; k < nl; k++)
        if (links[k].nsrc == 1 && links[k].ntgt == 1)
            tot += X[target ? links[k].tgt : links[k].src].kn[K_ALL];
    uint64_t *v = malloc((tot ? tot : 1) * sizeof *v);
    if (!v) return NULL;
    *n = 0;
    for (size_t k = 0; k < nl; k++)
        if (links[k].nsrc == 1 && links[k].ntgt == 1) {
            const sent_info *x = &X[target ? links[k].tgt : links[k].src];
            memcpy(v + *n, pool + x->koff[K_ALL], x->kn[K_ALL] * sizeof *v);
            *n += x->kn[K_ALL];
        }
    qsort(v, *n, sizeof *v, cmp_u64);
    return v;
}

typedef struct {
    uint64_t s, t;
    double dice;
} learnt_pair;

static int cmp_learnt(const void *a, const void *b)
{
    const learnt_pair *x = a, *y = b;
    if (x->dice != y->dice) return x->dice > y->dice ? -1 : 1;
    if (x->s != y->s) return x->s < y->s ? -1 : 1;
    return x->t < y->t ? -1 : x->t > y->t;
}

/* The slot of h (not 0) in the open-addressing set v of `mask + 1` slots:
 * where it is, or the empty slot where it goes. */
static uint64_t *set_slot(uint64_t *v, size_t mask, uint64_t h)
{
    size_t i = (size_t)(h ^ (h >> 29)) & mask;
    while (v[i] && v[i] != h)
        i = (i + 1) & mask;
    return &v[i];
}

/* Learn the text's word pairs from the 1-1 links (see LEARN_MIN) and give
 * every sentence its K_LEARN keys. PISAR_OK or PISAR_ENOMEM. */
static int learn_pairs(sent_info *S, size_t nsrc, sent_info *T, size_t ntgt, key_pool *pool,
                       const pisar_link *links, size_t nl)
{
    size_t ns = 0, nt = 0, ones = 0;
    if (!pool->n) { /* no word on either side: nothing to learn (and pool->v is NULL) */
        for (int side = 0; side < 2; side++)
            for (size_t i = 0; i < (side ? ntgt : nsrc); i++)
                (side ? T : S)[i].kn[K_LEARN] = 0;
        return PISAR_OK;
    }
    for (size_t k = 0; k < nl; k++)
        ones += links[k].nsrc == 1 && links[k].ntgt == 1;
    uint64_t *sw = side_words(S, pool->v, links, nl, 0, &ns);
    uint64_t *tw = side_words(T, pool->v, links, nl, 1, &nt);
    uint64_t *pr = NULL, *ls = NULL, *lt = NULL;
    learnt_pair *cand = NULL;
    size_t np = 0, nc = 0, nlearnt = 0;
    int rc = PISAR_ENOMEM;
    if (!sw || !tw) goto out;
    size_t stop = (size_t)(LEARN_STOP * (double)ones);
    /* co-occurrences (s, t) of words neither rare nor frequent */
    size_t cap = 1024;
    pr = malloc(2 * cap * sizeof *pr);
    if (!pr) goto out;
    for (size_t k = 0; k < nl && np < LEARN_MAX_PAIRS; k++) {
        if (links[k].nsrc != 1 || links[k].ntgt != 1) continue;
        const sent_info *a = &S[links[k].src], *b = &T[links[k].tgt];
        const uint64_t *x = pool->v + a->koff[K_ALL], *y = pool->v + b->koff[K_ALL];
        for (unsigned i = 0; i < a->kn[K_ALL] && np < LEARN_MAX_PAIRS; i++) {
            size_t cs = count_in(sw, ns, x[i]);
            if (cs < LEARN_MIN || cs > stop) continue;
            for (unsigned j = 0; j < b->kn[K_ALL] && np < LEARN_MAX_PAIRS; j++) {
                size_t ct = count_in(tw, nt, y[j]);
                if (ct < LEARN_MIN || ct > stop || x[i] == y[j]) continue;
                if (np == cap) {
                    uint64_t *n2 = realloc(pr, 4 * cap * sizeof *pr);
                    if (!n2) goto out;
                    pr = n2;
                    cap *= 2;
                }
                pr[2 * np] = x[i];
                pr[2 * np + 1] = y[j];
                np++;
            }
        }
    }
    qsort(pr, np, 2 * sizeof *pr, cmp_pair);
    cand = malloc((np / LEARN_MIN + 1) * sizeof *cand);
    if (!cand) goto out;
    for (size_t i = 0; i < np;) {
        size_t e = i;
        while (e < np && pr[2 * e] == pr[2 * i] && pr[2 * e + 1] == pr[2 * i + 1])
            e++;
        if (e - i >= LEARN_MIN) {
            double d = 2.0 * (double)(e - i) /
                       (double)(count_in(sw, ns, pr[2 * i]) + count_in(tw, nt, pr[2 * i + 1]));
            if (d >= LEARN_DICE) cand[nc++] = (learnt_pair){pr[2 * i], pr[2 * i + 1], d};
        }
        i = e;
    }
    /* competitive linking: best Dice first, each word in one pair at most */
    qsort(cand, nc, sizeof *cand, cmp_learnt);
    size_t mask = 1;
    while (mask < 2 * nc)
        mask = 2 * mask + 1;
    ls = malloc(2 * (mask + 1) * sizeof *ls);
    lt = malloc(2 * (mask + 1) * sizeof *lt);
    if (!ls || !lt) goto out;
    /* the used words in the upper halves */
    uint64_t *us = ls + mask + 1, *ut = lt + mask + 1;
    memset(us, 0, (mask + 1) * sizeof *us);
    memset(ut, 0, (mask + 1) * sizeof *ut);
    for (size_t i = 0; i < nc; i++) {
        uint64_t *a = set_slot(us, mask, cand[i].s), *b = set_slot(ut, mask, cand[i].t);
        if (*a || *b) continue;
        *a = cand[i].s;
        *b = cand[i].t;
        ls[2 * nlearnt] = cand[i].s, ls[2 * nlearnt + 1] = nlearnt;
        lt[2 * nlearnt] = cand[i].t, lt[2 * nlearnt + 1] = nlearnt;
        nlearnt++;
    }
    qsort(ls, nlearnt, 2 * sizeof *ls, cmp_pair);
    qsort(lt, nlearnt, 2 * sizeof *lt, cmp_pair);
    for (int side = 0; side < 2; side++) {
        sent_info *X = side ? T : S;
        size_t nx = side ? ntgt : nsrc;
        const uint64_t *L = side ? lt : ls;
        for (size_t i = 0; i < nx; i++) {
            X[i].koff[K_LEARN] = pool->n;
            X[i].kn[K_LEARN] = 0;
            for (unsigned k = 0; k < X[i].kn[K_ALL]; k++) {
                uint64_t h = pool->v[X[i].koff[K_ALL] + k];
                size_t lo = 0, hi = nlearnt;
                while (lo < hi) {
                    size_t mid = lo + (hi - lo) / 2;
                    if (L[2 * mid] < h)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                if (lo < nlearnt && L[2 * lo] == h)
                    pool_push(pool, &X[i].kn[K_LEARN], fnv(fnv(FNV0, "L", 1), &L[2 * lo + 1], 8));
            }
            if (pool->oom) goto out;
            if (X[i].kn[K_LEARN] > 1)
                qsort(pool->v + X[i].koff[K_LEARN], X[i].kn[K_LEARN], sizeof *pool->v, cmp_u64);
        }
    }
    rc = PISAR_OK;
out:
    free(sw);
    free(tw);
    free(pr);
    free(cand);
    free(ls);
    free(lt);
    return rc;
}

/* Number of paragraphs, or 0 when they are not numbered 0, 1, 2... in order. */
static size_t count_paras(const sent_info *s, size_t n)
{
    size_t p = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i].para == p + 1 && i > 0)
            p++;
        else if (s[i].para != p)
            return 0;
    }
    return n ? p + 1 : 0;
}

int pisar_align(const pisar_align_sentence *src, size_t nsrc, const pisar_align_sentence *tgt,
                size_t ntgt, const pisar_align_options *opt, pisar_link *links, size_t *nlinks,
                pisar_error *err)
{
    (void)err;
    if ((!src && nsrc) || (!tgt && ntgt) || !nlinks || (!links && (nsrc || ntgt)))
        return PISAR_EINVAL;
    for (size_t i = 0; i < nsrc; i++)
        if (!src[i].text && src[i].len) return PISAR_EINVAL;
    for (size_t i = 0; i < ntgt; i++)
        if (!tgt[i].text && tgt[i].len) return PISAR_EINVAL;
    *nlinks = 0;
    unsigned flags = opt ? opt->flags : 0;
    sent_info *S = calloc(nsrc + 1, sizeof *S), *T = calloc(ntgt + 1, sizeof *T);
    if (!S || !T) {
        free(S);
        free(T);
        return PISAR_ENOMEM;
    }
    int anchors = !(flags & PISAR_ALIGN_NO_ANCHORS);
    double ls = 0, lt = 0;
    for (size_t i = 0; i < nsrc; i++)
        analyse(&src[i], opt, anchors, &S[i]), ls += S[i].len;
    for (size_t i = 0; i < ntgt; i++)
        analyse(&tgt[i], opt, anchors, &T[i]), lt += T[i].len;
    key_pool pool = {0};
    const pisar_lexicon *lx = opt && opt->lexicon && opt->lexicon->npairs ? opt->lexicon : NULL;
    if (anchors) {
        for (size_t i = 0; i < nsrc; i++)
            lex_keys(lx, 1, (const uint8_t *)src[i].text,
                     (int32_t)(src[i].len > INT32_MAX ? INT32_MAX : src[i].len), &S[i], &pool);
        for (size_t i = 0; i < ntgt; i++)
            lex_keys(lx, 0, (const uint8_t *)tgt[i].text,
                     (int32_t)(tgt[i].len > INT32_MAX ? INT32_MAX : tgt[i].len), &T[i], &pool);
        if (pool.oom) {
            free(pool.v);
            free(S);
            free(T);
            return PISAR_ENOMEM;
        }
    }
    model md = {S, T, pool.n ? pool.v : NULL, 1.0, anchors, 0, {0}};
    for (int k = 0; k < 6; k++)
        md.prior[k] = moves[k].prior;
    if (ls > 0 && lt > 0) md.c = lt / ls;
    if (md.c < 0.25) md.c = 0.25;
    if (md.c > 4) md.c = 4;
    int rc = PISAR_OK, learnt = 0;
    size_t ps = count_paras(S, nsrc), pt = count_paras(T, ntgt);
    int hard = !(flags & PISAR_ALIGN_NO_PARAGRAPHS) && ps > 1 && ps == pt;
    md.soft_paras = !hard && !(flags & PISAR_ALIGN_NO_PARAGRAPHS);
    /* Two passes: the ratio of the totals is skewed by sentences that have no
     * counterpart, so the second pass takes c from the first pass's 1-1 links. */
    for (int pass = 0; pass < PASSES && !rc; pass++) {
        *nlinks = 0;
        if (hard) {
            /* each paragraph pair on its own */
            size_t i = 0, j = 0;
            for (size_t p = 0; p < ps && !rc; p++) {
                size_t i2 = i, j2 = j;
                while (i2 < nsrc && S[i2].para == S[i].para)
                    i2++;
                while (j2 < ntgt && T[j2].para == T[j].para)
                    j2++;
                model sub = md;
                sub.S = S + i;
                sub.T = T + j;
                rc = align_block(&sub, i2 - i, j2 - j, i, j, links, nlinks);
                i = i2;
                j = j2;
            }
        } else {
            rc = align_block(&md, nsrc, ntgt, 0, 0, links, nlinks);
        }
        /* after the first pass, the word pairs of the text */
        if (pass == 0 && anchors && !rc && !(flags & PISAR_ALIGN_NO_LEARN)) {
            rc = learn_pairs(S, nsrc, T, ntgt, &pool, links, *nlinks);
            md.pool = pool.n ? pool.v : NULL;
            learnt = 1;
        }
        /* The priors of the link types: Gale and Church's, moved towards the
         * shares the last pass found in this text (PRIOR_WEIGHT links' worth
         * of Gale-Church against the links found), so that a translation
         * that drops or merges more sentences than their corpus did is
         * aligned with the rates it shows. */
        double cnt[6] = {0}, moved = 0;
        for (size_t k = 0; k < *nlinks; k++)
            for (int mv = 0; mv < 6; mv++)
                if (links[k].nsrc == (size_t)moves[mv].di && links[k].ntgt == (size_t)moves[mv].dj)
                    cnt[mv] += 1;
        for (int mv = 0; mv < 6; mv++) {
            double p =
                (cnt[mv] + PRIOR_WEIGHT * moves[mv].prior) / ((double)*nlinks + PRIOR_WEIGHT);
            if (p < moves[mv].prior / 4) p = moves[mv].prior / 4;
            moved += fabs(p - md.prior[mv]);
            md.prior[mv] = p;
        }
        double a = 0, b = 0;
        size_t ones = 0;
        for (size_t k = 0; k < *nlinks; k++)
            if (links[k].nsrc == 1 && links[k].ntgt == 1)
                a += S[links[k].src].len, b += T[links[k].tgt].len, ones++;
        if (rc || ones < 3 || a <= 0 || b <= 0) break;
        double c = b / a;
        if (c < 0.25) c = 0.25;
        if (c > 4) c = 4;
        if (fabs(c - md.c) < 1e-3 && moved < 1e-3 && !(learnt && pass == 0)) break;
        md.c = c;
    }
    free(pool.v);
    free(S);
    free(T);
    return rc;
}
