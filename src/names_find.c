/* names_find.c -- the mention finder: runs of capitalised words in a text,
 * their nominative forms, adding them to a collection (pisar_names_add_text)
 * and finding or rewriting them against the grouped collection. */
#include "pisar/names.h"
#include "names_internal.h"
#include "names_handle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The finder looks at every character of a text: these take ASCII and the
 * basic Russian alphabet (А-я, U+0410-U+044F, all letters, upper case below
 * U+0430) without a call, and give the rest to names_key.c's functions, so
 * they answer exactly as those do. */
static inline unsigned nf_next(const char *s, size_t len, size_t *i)
{
    unsigned c = (unsigned char)s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    if (c >= 0xC0 && c < 0xE0 && *i + 2 <= len) {
        c = ((c & 0x1F) << 6) | ((unsigned char)s[*i + 1] & 0x3F);
        *i += 2;
        return c;
    }
    return pn_utf8_next(s, len, i);
}

static inline int nf_letter(unsigned c)
{
    if (c < 0x80) return c == '\'' || ((c | 32) >= 'a' && (c | 32) <= 'z');
    if (c >= 0x410 && c <= 0x44F) return 1;
    return pn_is_name_letter(c);
}

static inline int nf_upper(unsigned c)
{
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    if (c >= 0x410 && c <= 0x44F) return c < 0x430;
    return pn_is_upper(c);
}

static inline int nf_lower(unsigned c)
{
    if (c < 0x80) return c >= 'a' && c <= 'z';
    if (c >= 0x410 && c <= 0x44F) return c >= 0x430;
    return pn_is_lower(c);
}

/* ---- is there an upper-case letter at all ---- */

int pn_has_upper_ref(const char *text, size_t len)
{
    for (size_t i = 0; i < len;)
        if (nf_upper(nf_next(text, len, &i))) return 1;
    return 0;
}

/* Whether the character starting at text[k] may be upper case: an ASCII
 * capital, Cyrillic U+0400-U+042F (D0 80-AF), or any lead byte other than
 * D0 before B0-BF (а-п) and D1 before 80-8F (р-я); never a continuation
 * byte or ASCII that is not A-Z. */
static inline int maybe_upper(const unsigned char *t, size_t k, size_t len)
{
    unsigned b = t[k];
    if (b < 0x80) return b >= 'A' && b <= 'Z';
    if (b < 0xC0) return 0;
    if (k + 1 >= len) return 1;
    if (b == 0xD0) return t[k + 1] < 0xB0;
    if (b == 0xD1) return t[k + 1] >= 0x90;
    return 1;
}

static int upper_at(const char *text, size_t len, size_t k)
{
    size_t i = k;
    return nf_upper(nf_next(text, len, &i));
}

int pn_has_upper(const char *text, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t k = 0;
#if defined(__SSE2__)
    /* 16 bytes at a step (and the byte after each, for the second byte of
     * D0 and D1); a position any test marks is decoded and checked. */
    /* bytes compared as signed after flipping the top bit (b ^ 0x80) */
    const __m128i bias = _mm_set1_epi8((char)0x80);
    const __m128i below_a = _mm_set1_epi8((char)(('A' - 1) ^ 0x80));
    const __m128i above_z = _mm_set1_epi8((char)(('Z' + 1) ^ 0x80));
    const __m128i below_c0 = _mm_set1_epi8((char)(0xBF ^ 0x80));
    const __m128i below_b0 = _mm_set1_epi8((char)(0xAF ^ 0x80));
    const __m128i from_90 = _mm_set1_epi8((char)(0x90 ^ 0x80));
    const __m128i d0 = _mm_set1_epi8((char)0xD0), d1 = _mm_set1_epi8((char)0xD1);
    for (; k + 17 <= len; k += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(t + k));
        __m128i nx = _mm_loadu_si128((const __m128i *)(t + k + 1));
        __m128i sv = _mm_xor_si128(v, bias), sn = _mm_xor_si128(nx, bias);
        __m128i cap = _mm_and_si128(_mm_cmpgt_epi8(sv, below_a), _mm_cmplt_epi8(sv, above_z));
        __m128i lead = _mm_cmpgt_epi8(sv, below_c0);
        /* D0 before B0-BF (а-п) and D1 before 80-8F (р-я) are lower case */
        __m128i safe =
            _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(v, d0), _mm_cmpgt_epi8(sn, below_b0)),
                         _mm_and_si128(_mm_cmpeq_epi8(v, d1), _mm_cmplt_epi8(sn, from_90)));
        __m128i hit = _mm_or_si128(cap, _mm_andnot_si128(safe, lead));
        unsigned m = (unsigned)_mm_movemask_epi8(hit);
        while (m) {
            unsigned bit = (unsigned)__builtin_ctz(m);
            if (upper_at(text, len, k + bit)) return 1;
            m &= m - 1;
        }
    }
#endif
    for (; k < len; k++)
        if (maybe_upper(t, k, len) && upper_at(text, len, k)) return 1;
    return 0;
}

typedef struct span {
    size_t start, end; /* bytes */
    int upper;         /* starts with an upper-case letter */
    int initial;       /* a single letter followed by '.' */
    int allcaps;
    int cyr;
    int sentence_start;
    int after_det; /* right after an article ("der Berater"), or an article
                    * and a lower-case word ("der ehemalige Oberbefehlshaber") */
    int after_loc; /* right after a Cyrillic locative preposition ("в Лондоне") */
} span;

/* fn(h, text, start, end, flags, user): one candidate mention; flags
 * FOUND_SINGLE: a lone word at the start of a sentence; FOUND_SSTART: the
 * run starts a sentence. */
enum { FOUND_SINGLE = 1, FOUND_SSTART = 2 };
typedef int (*found_fn)(pisar_names *h, const char *text, size_t start, size_t end,
                        int sentence_single, void *user);

static char *known_nominative(const pisar_names *h, const char *base, char **newbase,
                              size_t *dropped, int sstart);

/* Is this word (in any case form) a place of the gazetteer? */
static int is_place_word(const pisar_names *h, const char *s, size_t n)
{
    char *w = pn_dup(s, n);
    if (!w) {
        ((pisar_names *)h)->nomem = 1;
        return 0;
    }
    char *k = pn_key_of(h, w, n);
    if (k && k[0] != '@') {
        char *nb = NULL;
        size_t dropped;
        free(k);
        k = known_nominative(h, w, &nb, &dropped, 0);
        free(nb);
    }
    const pn_gaz_entry *e = k && k[0] == '@' ? pn_entry_of(h, k) : NULL;
    int place = e && !strcmp(e->kind, "place");
    free(k);
    free(w);
    return place;
}

/* Does the gazetteer or the collection know this word as a name (its key,
 * or a word of a longer mention's key)? */
static int known_word(const pisar_names *h, const char *s, size_t n)
{
    char *k = pn_key_of(h, s, n);
    int known = k && (k[0] == '@' || pn_known_key(h, k) || pn_smap_get(&h->known_words, k));
    free(k);
    return known;
}

/* Is this run of words a name the gazetteer (2) or the collection (1)
 * knows, as written or with its case endings stripped? 0 if neither. */
static int known_name(const pisar_names *h, const char *s, size_t n)
{
    char *w = pn_dup(s, n);
    if (!w) {
        ((pisar_names *)h)->nomem = 1;
        return 0;
    }
    char *k = pn_key_of(h, w, n);
    int known = k && (k[0] == '@' || pn_known_key(h, k));
    if (!known) {
        char *nb = NULL;
        size_t dropped = 0;
        free(k);
        k = known_nominative(h, w, &nb, &dropped, 0);
        known = k && !dropped;
        free(nb);
    }
    if (known) known = k[0] == '@' ? 2 : 1;
    free(k);
    free(w);
    return known;
}

/* Is this one word (in any case form) the surname of a person the
 * gazetteer knows, or the last word of a longer mention of the collection?
 * (The last words' keys are taken when first needed: pisar_names_add_name()
 * alone never asks.) Out of memory reads as "not known". */
static int known_surname(pisar_names *h, const char *s, size_t n)
{
    for (; h->nlast < h->nm; h->nlast++) {
        const char *last = strrchr(h->m[h->nlast].base, ' ');
        if (!last || h->m[h->nlast].key[0] == '@') continue;
        char *lk = pn_key_of(h, last + 1, strlen(last + 1));
        int bad = lk && lk[0] != '@' && pn_smap_put(&h->known_last, lk, 1);
        free(lk);
        if (bad) return 0;
    }
    char *w = pn_dup(s, n);
    if (!w) {
        ((pisar_names *)h)->nomem = 1;
        return 0;
    }
    char *k = pn_key_of(h, w, n);
    const pn_gaz_entry *e = k && k[0] == '@' ? pn_entry_of(h, k) : NULL;
    int known = k && ((e && !strcmp(e->kind, "person")) || pn_smap_get(&h->known_last, k));
    if (!known && (!k || k[0] != '@')) {
        char *nb = NULL;
        size_t dropped = 0;
        free(k);
        k = known_nominative(h, w, &nb, &dropped, 0);
        e = k && k[0] == '@' ? pn_entry_of(h, k) : NULL;
        known = k && ((e && !strcmp(e->kind, "person")) || pn_smap_get(&h->known_last, k));
        free(nb);
    }
    free(k);
    free(w);
    return known;
}

static int flush(pisar_names *h, const char *text, span *sp, size_t *ns, found_fn fn, void *user)
{
    size_t n = *ns;
    *ns = 0;
    while (n && sp[n - 1].initial)
        n--;
    if (!n) return 0;
    /* a lone word after an article is a common noun ("the West"), unless
     * known as a name: the articles of one language are words of another
     * (French "a félicité Djokovic", Czech "Lavrov a Šojgu") */
    if (n == 1 && sp[0].after_det && !sp[0].cyr &&
        !known_word(h, text + sp[0].start, sp[0].end - sp[0].start))
        return 0;
    /* in German text a run right after an article starts with a noun ("des
     * Gebiets Kursk"); in English it is a name ("the State Department") */
    if (n >= 2 && sp[0].after_det && !sp[0].cyr && h->nounlang) {
        sp++;
        n--;
    }
    /* in German text a lone capitalised word is a noun unless known */
    if (n == 1 && h->nounlang && !sp[0].cyr && !sp[0].initial &&
        !known_word(h, text + sp[0].start, sp[0].end - sp[0].start))
        return 0;
    /* a place before a name of two or more words is a mention of its own
     * ("Москвы Сергей Собянин", "Moscow Mayor ..."); a word in the locative
     * before one is not part of it ("в Лондоне Валерий Залужный"), and a
     * mention only if the gazetteer knows the place */
    if (n >= 3 && !sp[0].initial) {
        int place = is_place_word(h, text + sp[0].start, sp[0].end - sp[0].start);
        if (place || sp[0].after_loc) {
            int rc = place ? fn(h, text, sp[0].start, sp[0].end, 0, user) : 0;
            if (rc) return rc;
            return fn(h, text, sp[1].start, sp[n - 1].end, 0, user);
        }
    }
    /* a title, a place in the genitive and a name of two or more words
     * ("Mer Kijowa Witalij Kliczko", "Starosta Kyjeva Vitalij Kličko"): the
     * title is left out, the place is a mention of its own */
    if (n >= 4 && !sp[0].initial && !sp[1].initial &&
        is_place_word(h, text + sp[1].start, sp[1].end - sp[1].start) &&
        !is_place_word(h, text + sp[0].start, sp[0].end - sp[0].start)) {
        int rc = fn(h, text, sp[1].start, sp[1].end, 0, user);
        if (rc) return rc;
        return fn(h, text, sp[2].start, sp[n - 1].end, 0, user);
    }
    /* two known surnames side by side are two mentions ("Бєлоусова та
     * Герасимова Буданов назвав": object and subject) */
    if (n == 2 && !sp[0].initial && !sp[1].initial &&
        known_surname(h, text + sp[0].start, sp[0].end - sp[0].start) &&
        known_surname(h, text + sp[1].start, sp[1].end - sp[1].start) &&
        !known_name(h, text + sp[0].start, sp[1].end - sp[0].start)) {
        int rc = fn(h, text, sp[0].start, sp[0].end, 0, user);
        if (rc) return rc;
        return fn(h, text, sp[1].start, sp[1].end, 0, user);
    }
    /* a known full name followed by more words is two mentions ("prezident
     * Aleksandar Vučić Djokovićovi pogratuloval", "Macedonii Północnej
     * Hristijan Mickoski"): split after the longest known name of two or
     * more words at the start, if the gazetteer knows it or the rest is
     * known too (a collection's "General Public" stays in "General Public
     * License") */
    if (n >= 3 && !known_name(h, text + sp[0].start, sp[n - 1].end - sp[0].start)) {
        for (size_t cut = n - 1; cut >= 2; cut--) {
            if (sp[cut - 1].initial) continue;
            int head = known_name(h, text + sp[0].start, sp[cut - 1].end - sp[0].start);
            if (!head) continue;
            const char *rest = text + sp[cut].start;
            size_t rn = sp[n - 1].end - sp[cut].start;
            if (head < 2 && !(cut == n - 1 ? known_surname(h, rest, rn) : known_name(h, rest, rn)))
                break;
            int rc = fn(h, text, sp[0].start, sp[cut - 1].end, 0, user);
            if (rc) return rc;
            return fn(h, text, sp[cut].start, sp[n - 1].end, 0, user);
        }
        /* a known surname, then a known name ("Тренер Непомнящего
         * Владимир Потапов"): two mentions */
        if (!sp[0].initial && known_name(h, text + sp[1].start, sp[n - 1].end - sp[1].start) &&
            known_surname(h, text + sp[0].start, sp[0].end - sp[0].start)) {
            int rc = fn(h, text, sp[0].start, sp[0].end, 0, user);
            if (rc) return rc;
            return fn(h, text, sp[1].start, sp[n - 1].end, 0, user);
        }
    }
    return fn(h, text, sp[0].start, sp[n - 1].end,
              (n == 1 && sp[0].sentence_start ? FOUND_SINGLE : 0) |
                  (sp[0].sentence_start ? FOUND_SSTART : 0),
              user);
}

/* A set of words of one text, kept as offsets into it (no copies): the
 * words the text writes in lower case. */
typedef struct wset {
    const char *text;
    size_t *at;    /* offset + 1 of each slot's word, 0 = empty */
    unsigned *len; /* its length */
    size_t cap, n; /* slots (a power of two), words */
} wset;

static size_t wset_hash(const char *s, size_t n)
{
    size_t h = (size_t)1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * (size_t)1099511628211ULL;
    return h;
}

/* The slot of s[0, n): where it is, or the empty slot where it would go. */
static size_t wset_slot(const wset *w, const char *s, size_t n, size_t h)
{
    size_t i = h & (w->cap - 1);
    while (w->at[i] && !(w->len[i] == n && !memcmp(w->text + w->at[i] - 1, s, n)))
        i = (i + 1) & (w->cap - 1);
    return i;
}

static int wset_has(const wset *w, const char *s, size_t n)
{
    return w->cap && w->at[wset_slot(w, s, n, wset_hash(s, n))];
}

/* Add the word text[at, at + n). */
static int wset_add(wset *w, size_t at, size_t n)
{
    if (n > 0xFFFFu) return PISAR_OK; /* no such word is ever looked up */
    if ((w->n + 1) * 2 > w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 64;
        size_t *nat = calloc(cap, sizeof *nat);
        unsigned *nlen = malloc(cap * sizeof *nlen);
        if (!nat || !nlen) {
            free(nat);
            free(nlen);
            return PISAR_ENOMEM;
        }
        wset old = *w;
        w->at = nat;
        w->len = nlen;
        w->cap = cap;
        for (size_t i = 0; i < old.cap; i++) {
            if (!old.at[i]) continue;
            const char *t = w->text + old.at[i] - 1;
            size_t j = wset_slot(w, t, old.len[i], wset_hash(t, old.len[i]));
            w->at[j] = old.at[i];
            w->len[j] = old.len[i];
        }
        free(old.at);
        free(old.len);
    }
    const char *t = w->text + at;
    size_t j = wset_slot(w, t, n, wset_hash(t, n));
    if (w->at[j]) return PISAR_OK;
    w->at[j] = at + 1;
    w->len[j] = (unsigned)n;
    w->n++;
    return PISAR_OK;
}

static void wset_free(wset *w)
{
    free(w->at);
    free(w->len);
    memset(w, 0, sizeof *w);
}

/* The words the text writes in lower case somewhere (a capitalised word at
 * the start of a sentence that is also written in lower case is a common
 * word): a word is a maximal run of letters (nf_letter) whose first letter is
 * lower case. The set is built only when a text asks more than LOWER_PROBES
 * times; before that each question looks for the word in the text itself
 * (memchr, memcmp and the letters either side), which answers the same. */
enum { LOWER_PROBES = 4 };
typedef struct lower_words {
    const char *text;
    size_t len;
    size_t total; /* lower-case words (of at most 0xFFFF bytes) */
    unsigned probes;
    int built;
    wset set;
} lower_words;

/* The next word of text from *i: its start in *at, its first letter in
 * *first, *i set past it. 0 at the end of the text. */
static int next_word(const char *text, size_t len, size_t *i, size_t *at, unsigned *first)
{
    while (*i < len) {
        *at = *i;
        unsigned c = nf_next(text, len, i);
        if (!nf_letter(c)) continue;
        while (*i < len) {
            size_t k = *i;
            if (!nf_letter(nf_next(text, len, &k))) break;
            *i = k;
        }
        *first = c;
        return 1;
    }
    return 0;
}

/* Count the lower-case words; *nounlang: the text capitalises its nouns
 * (German function words make 4 % or more of the lower-case words). */
static void count_lower(lower_words *lw, int *nounlang)
{
    const char *text = lw->text;
    size_t len = lw->len, total = 0, hits = 0, all = 0;
    size_t i = 0, at;
    unsigned c;
    while (next_word(text, len, &i, &at, &c)) {
        if (!nf_lower(c)) continue;
        all++;
        hits += (size_t)pn_is_nounlang_word(text + at, i - at);
        if (i - at <= 0xFFFFu) total++;
    }
    *nounlang = all >= 10 && hits * 25 >= all;
    lw->total = total;
}

static int build_lower(lower_words *lw)
{
    const char *text = lw->text;
    size_t len = lw->len;
    lw->set.text = text;
    lw->built = 1;
    size_t i = 0, at;
    unsigned c;
    while (next_word(text, len, &i, &at, &c)) {
        if (!nf_lower(c)) continue;
        int rc = wset_add(&lw->set, at, i - at);
        if (rc) return rc;
    }
    return PISAR_OK;
}

/* Whether w[0, n) is one of the lower-case words: 1, 0, or -1 (no memory). */
static int lower_has(lower_words *lw, const char *w, size_t n)
{
    if (!lw->total || !n || n > 0xFFFFu) return 0;
    if (!lw->built && ++lw->probes > LOWER_PROBES && build_lower(lw)) return -1;
    if (lw->built) return wset_has(&lw->set, w, n);
    size_t i = 0;
    if (!nf_lower(nf_next(w, n, &i))) return 0;
    /* memchr for a telling byte: the second of a word that starts with a
     * two-byte letter (the first, D0 or D1, is everywhere in Cyrillic) */
    size_t key = n > 1 && (unsigned char)w[0] >= 0x80 ? 1 : 0;
    const char *text = lw->text, *end = text + lw->len;
    for (const char *p = text; (size_t)(end - p) >= n;) {
        const char *kq = memchr(p + key, w[key], (size_t)(end - p) - key);
        if (!kq || (size_t)(end - kq) < n - key) return 0;
        const char *q = kq - key;
        if (memcmp(q, w, n)) {
            p = q + 1;
            continue;
        }
        size_t at = (size_t)(q - text), after = at + n;
        int starts = 1, ends = 1;
        if (at) {
            size_t b = at - 1;
            while (b && ((unsigned char)text[b] & 0xC0) == 0x80)
                b--;
            starts = !nf_letter(nf_next(text, lw->len, &b));
        }
        if (after < lw->len) {
            size_t k = after;
            ends = !nf_letter(nf_next(text, lw->len, &k));
        }
        if (starts && ends) return 1;
        p = q + 1;
    }
    return 0;
}

/* A preposition that governs the locative (в Лондоне, у Києві, на Кіпрі,
 * во Скопје, ў Мінску). */
static int is_locative_prep(const char *s, size_t n)
{
    static const char *const preps[] = {"в", "во", "у", "на", "ў", "В", "Во", "У", "На"};
    for (size_t i = 0; i < sizeof preps / sizeof *preps; i++)
        if (strlen(preps[i]) == n && !memcmp(preps[i], s, n)) return 1;
    return 0;
}

/* A determiner; in German text also one capitalised at the start of a
 * sentence ("Die Literaturnobelpreisträgerin Swetlana Alexijewitsch"; but
 * English "The Pentagon"). The determiners are ASCII words. */
static int is_det(const pisar_names *h, const char *s, size_t n)
{
    if (pn_is_determiner(s, n)) return 1;
    char low[16];
    if (!h->nounlang || !n || n >= sizeof low || s[0] < 'A' || s[0] > 'Z') return 0;
    memcpy(low, s, n);
    low[0] = (char)(low[0] - 'A' + 'a');
    return pn_is_determiner(low, n);
}

/* Find runs of capitalised words (and initials) joined by single spaces. */
static int scan_runs(pisar_names *h, const char *text, size_t len, found_fn fn, void *user,
                     lower_words *lower, pisar_buf *lwp)
{
    span sp[16];
    size_t ns = 0, i = 0, prev_s = 0, prev_e = 0, prev2_s = 0, prev2_e = 0;
    int sentence = 1;
#define lw (*lwp)
    while (i < len) {
        size_t at = i;
        unsigned c = nf_next(text, len, &i);
        if (!nf_letter(c) || (c < 0x80 && !((c | 32) >= 'a' && (c | 32) <= 'z'))) {
            if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == '"' ||
                c == 0x201c || c == 0x201e || c == 0xab)
                sentence = 1;
            /* a run continues only over one space, or ". " after an initial */
            int keep = ns && c == ' ' && at == sp[ns - 1].end + (sp[ns - 1].initial ? 1u : 0u);
            if (ns && !keep && !(c == '.' && sp[ns - 1].initial && at == sp[ns - 1].end)) {
                int rc = flush(h, text, sp, &ns, fn, user);
                if (rc) return rc;
            }
            continue;
        }
        size_t end = i, j = i;
        int allcaps = nf_upper(c), nletters = 1;
        while (j < len) {
            size_t k = j;
            unsigned d = nf_next(text, len, &k);
            if (nf_letter(d) && d == '\'') {
                /* a possessive 's, or an apostrophe ending the word */
                size_t q = k;
                unsigned e = k < len ? nf_next(text, len, &q) : 0;
                size_t r = q;
                unsigned f = q < len ? nf_next(text, len, &r) : 0;
                if (!e || !nf_letter(e) || ((e == 's' || e == 'S') && !nf_letter(f))) break;
            }
            if (nf_letter(d)) {
                if (!nf_upper(d) && d != '\'') allcaps = 0;
                nletters++;
                j = end = k;
                continue;
            }
            if (d == '-' && k < len) {
                size_t q = k;
                if (nf_letter(nf_next(text, len, &q))) {
                    j = k;
                    continue;
                }
            }
            break;
        }
        i = end;
        int prev_joined = prev_e && prev_e + 1 == at && text[prev_e] == ' ';
        int prev_lower = prev_joined && nf_lower((unsigned char)text[prev_s]);
        size_t pi = prev_s;
        if (prev_joined && !prev_lower) prev_lower = nf_lower(nf_next(text, len, &pi));
        span s = {
            at,
            end,
            nf_upper(c),
            0,
            allcaps && nletters > 1,
            pn_is_cyrillic(c),
            sentence,
            prev_joined && (is_det(h, text + prev_s, prev_e - prev_s) ||
                            (prev_lower && prev2_e && prev2_e + 1 == prev_s &&
                             text[prev2_e] == ' ' && is_det(h, text + prev2_s, prev2_e - prev2_s))),
            prev_joined && pn_is_cyrillic(c) && is_locative_prep(text + prev_s, prev_e - prev_s)};
        prev2_s = prev_s;
        prev2_e = prev_e;
        prev_s = at;
        prev_e = end;
        sentence = 0;
        if (s.upper && nletters == 1 && end < len && text[end] == '.') s.initial = 1;
        int good = s.initial ||
                   (s.upper && !s.allcaps && nletters > 1 && !pn_is_notname(text + at, end - at));
        /* an all-capital word only if the gazetteer knows it (КНДР) */
        if (s.allcaps && !pn_is_notname(text + at, end - at)) {
            char *k = pn_key_of(h, text + at, end - at);
            good = k && k[0] == '@';
            free(k);
        }
        if (good && s.sentence_start && !s.initial && lower->total &&
            !pn_lower_first(text + at, end - at, &lw)) {
            int has = lower_has(lower, lw.data, lw.len);
            if (has < 0) return PISAR_ENOMEM;
            if (has) good = 0;
        }
        if (good && ns && (sp[ns - 1].cyr != s.cyr || ns == 16)) {
            int rc = flush(h, text, sp, &ns, fn, user);
            if (rc) return rc;
        }
        if (good) {
            sp[ns++] = s;
        } else if (ns == 1 && !sp[0].initial && s.upper && at == sp[0].end + 1 &&
                   text[sp[0].end] == ' ' && pn_is_notname(text + at, end - at)) {
            /* one word glued to a capitalised non-name is a compound
             * adjective or title ("North Korean leaders") */
            ns = 0;
        } else if (ns) {
            int rc = flush(h, text, sp, &ns, fn, user);
            if (rc) return rc;
        }
    }
    return ns ? flush(h, text, sp, &ns, fn, user) : 0;
#undef lw
}

static int scan(pisar_names *h, const char *text, size_t len, found_fn fn, void *user)
{
    /* without an upper-case letter no word is a candidate (scan_runs takes
     * a capital, an initial or an all-capital word): nothing to find */
    if (!pn_has_upper(text, len)) {
        h->nounlang = 0;
        return 0;
    }
    lower_words lower = {text, len, 0, 0, 0, {0}};
    pisar_buf lw = {0};
    count_lower(&lower, &h->nounlang);
    int rc = scan_runs(h, text, len, fn, user, &lower, &lw);
    h->nounlang = 0;
    wset_free(&lower.set);
    pisar_buf_free(&lw);
    return rc;
}

/* ---- nominative forms ---- */

static int ends_with(const char *w, size_t n, const char *e, size_t en)
{
    return n > en + 1 && !memcmp(w + n - en, e, en);
}

/* Build the nominative of a Cyrillic mention in h->scratch; *gender gets
 * 'm', 'f', '?' (ambiguous -ова) or 0 (nothing stripped); for '?' the
 * masculine reading goes to h->scratch2. */
static int nominative(pisar_names *h, const char *s, size_t n, char *gender)
{
    pisar_buf_clear(&h->scratch);
    pisar_buf_clear(&h->scratch2);
    *gender = 0;
    /* words split at spaces; the last one is the surname */
    size_t starts[16], ends[16], nw = pn_split_words(s, n, starts, ends, 16);
    const pn_suffix *tab = pn_suffix_table();
    const pn_suffix *last = NULL;
    if (nw) {
        const char *w = s + starts[nw - 1];
        size_t wn = ends[nw - 1] - starts[nw - 1];
        for (const pn_suffix *x = tab; x->ending; x++)
            if (x->last == 1 && ends_with(w, wn, x->ending, x->len)) {
                last = x;
                break;
            }
    }
    char g = last ? last->gender : 0;
    for (int pass = 0; pass < (g == '?' ? 2 : 1); pass++) {
        pisar_buf *out = pass ? &h->scratch2 : &h->scratch;
        /* no case shown by the surname: only the endings that show it alone */
        char gg = g == '?' ? (pass ? 'm' : 'f') : g ? g : 'M';
        for (size_t k = 0; k < nw; k++) {
            const char *w = s + starts[k];
            size_t wn = ends[k] - starts[k];
            if (k && pisar_buf_append(out, " ", 1)) return PISAR_ENOMEM;
            const pn_suffix *x = NULL;
            if (k == nw - 1 && last && !(g == '?' && gg == 'f'))
                x = last;
            else if (k < nw - 1 && gg && gg != '?' && (wn > 2 || w[wn - 1] != '.'))
                for (const pn_suffix *y = tab; y->ending; y++)
                    if (y->last == 0 &&
                        (y->gender == gg || (gg == 'm' && y->gender == 'M') ||
                         (gg == 'f' && y->gender == 'F') || (gg == 'M' && y->gender == 'F')) &&
                        ends_with(w, wn, y->ending, y->len)) {
                        x = y;
                        break;
                    }
            if (x) {
                if (pisar_buf_append(out, w, wn - x->len) || pisar_buf_puts(out, x->nom))
                    return PISAR_ENOMEM;
            } else if (pisar_buf_append(out, w, wn)) {
                return PISAR_ENOMEM;
            }
        }
    }
    *gender = g;
    return PISAR_OK;
}

/* Does a Cyrillic word end in a consonant (or ь, й)? */
static int cyr_consonant_end(const char *w, size_t n)
{
    size_t i = 0;
    unsigned c = 0;
    while (i < n)
        c = nf_next(w, n, &i);
    if (!pn_is_cyrillic(c)) return 0;
    if (c >= 0x410 && c < 0x430) c += 0x20;
    switch (c) {
    case 0x430: /* а */
    case 0x435: /* е */
    case 0x438: /* и */
    case 0x43e: /* о */
    case 0x443: /* у */
    case 0x44b: /* ы */
    case 0x44d: /* э */
    case 0x44e: /* ю */
    case 0x44f: /* я */
    case 0x451: /* ё */
    case 0x454: /* є */
    case 0x456: /* і */
    case 0x457: /* ї */
        return 0;
    default:
        return c >= 0x430 && c < 0x460;
    }
}

/* The longest "any" ending (tables/names/suffixes.txt) of a word, or NULL. */
static const pn_suffix *any_ending(const char *w, size_t n, const pn_suffix *after)
{
    const pn_suffix *x = after ? after + 1 : pn_suffix_table();
    for (; x->ending; x++)
        if (x->last == 2 && ends_with(w, n, x->ending, x->len)) return x;
    return NULL;
}

/*
 * The known name inside an unknown mention: drop a leading capitalised word
 * ("Selon Iouri Ouchakov", "России Юрий Ушаков", "Podle Jurije Ušakova") and
 * strip case endings (the "any" endings: "Москвой", "Kim Dzong Unem",
 * "Jurije Ušakova"), and take the first reading whose key is in the gazetteer
 * or the collection. Returns the key (and *newbase) or NULL.
 */
static char *known_nominative(const pisar_names *h, const char *base, char **newbase,
                              size_t *dropped, int sstart)
{
    *dropped = 0;
    size_t starts[8], ends[8], nw = 0, n = strlen(base);
    for (size_t i = 0; i < n && nw < 8;) {
        while (i < n && base[i] == ' ')
            i++;
        if (i >= n) break;
        starts[nw] = i;
        while (i < n && base[i] != ' ')
            i++;
        ends[nw++] = i;
    }
    if (!nw) return NULL;
    pisar_buf c = {0};
    for (size_t lead = 0; lead < 2 && lead < nw; lead++) {
        /* ending of the last word: none, then each that matches */
        const pn_suffix *lx = NULL;
        int first_last = 1;
        while (first_last || lx) {
            for (int strip_others = 0; strip_others < 2; strip_others++) {
                /* the first word's endings are tried in turn ("Ђуром
                 * Мацутом": -ом of Петром, then of Ђуро) */
                const pn_suffix *fx = NULL;
                do {
                    if (strip_others && lead < nw - 1)
                        fx = any_ending(base + starts[lead], ends[lead] - starts[lead], fx);
                    if (!lead && first_last && !strip_others) continue; /* the mention itself */
                    /* The surname's ending may go only where the case shows
                     * on another word too ("Jurije Ušakova"), or on a lone
                     * word: "Анна Ушакова" must not become "Ушаков". */
                    int gendered = lx && lx->gender == '?';
                    /* (a noun ending in a consonant before it is no given
                     * name: "Соперник Усика" is Усик's rival, while "Анна
                     * Ушакова" stays a woman) */
                    if (gendered && nw - lead == 1 && lead &&
                        !(lead == 1 && cyr_consonant_end(base + starts[0], ends[0] - starts[0])))
                        continue;
                    if (gendered && nw - lead > 1 && !strip_others) continue;
                    pisar_buf_clear(&c);
                    int stripped = 0;
                    for (size_t k = lead; k < nw; k++) {
                        const char *w = base + starts[k];
                        size_t wn = ends[k] - starts[k];
                        const pn_suffix *x = k == nw - 1     ? lx
                                             : !strip_others ? NULL
                                             : k == lead     ? fx
                                                             : any_ending(w, wn, NULL);
                        if (x && k != nw - 1) stripped = 1;
                        if (k > lead) pisar_buf_append(&c, " ", 1);
                        pisar_buf_append(&c, w, x ? wn - x->len : wn);
                        if (x) pisar_buf_puts(&c, x->nom);
                    }
                    if (strip_others && !stripped) continue;
                    if (!c.data) continue;
                    char *k = pn_key_of(h, c.data, c.len);
                    /* a lone word may also be the surname of a longer mention
                     * ("Djokovićovi" after "Novak Djoković") */
                    /* a leading word goes before a lone known word only if
                     * the gazetteer knows it ("Mluvčí Peskov") or, at the
                     * start of a sentence, the word shows a case ("Вчера
                     * Пугачёву"): not "Donald Tusk" because a lone "Туск"
                     * was seen, nor "noblistę Alesia Bialackiego" */
                    int cased = lx && sstart;
                    int ok =
                        k &&
                        (k[0] == '@' || pn_known_key(h, k) ||
                         (nw - lead == 1 && (!lead || cased) && pn_smap_get(&h->known_words, k)));
                    if (ok && lead && nw - lead == 1 && k[0] != '@' && !cased) ok = 0;
                    if (ok) {
                        *newbase = c.data;
                        *dropped = lead;
                        return k;
                    }
                    free(k);
                } while (strip_others && fx);
            }
            const char *lw = base + starts[nw - 1];
            lx = any_ending(lw, ends[nw - 1] - starts[nw - 1], first_last ? NULL : lx);
            first_last = 0;
        }
    }
    pisar_buf_free(&c);
    return NULL;
}

typedef struct add_ctx {
    size_t doc;
    int rc;
    int as_written; /* pisar_names_add_name(): a name, not a run of text */
} add_ctx;

/* A known name inside a mention: known_nominative() of its nominative
 * `base`, else (Cyrillic, when the base is not the surface and gave nothing
 * or dropped words) of the surface s[0, n) as written (Serbian "Ђуром").
 * *nk, *nb: the key and base found (malloc'd) or NULL. Returns PISAR_ENOMEM
 * if the surface could not be copied, else PISAR_OK. */
static int known_in_base_or_surface(const pisar_names *h, const char *base, const char *s, size_t n,
                                    int cyr, size_t sstart, char **nk, char **nb, size_t *dropped)
{
    *nk = known_nominative(h, base, nb, dropped, sstart);
    if ((*nk && !*dropped) || !cyr || (strlen(base) == n && !memcmp(base, s, n))) return PISAR_OK;
    char *surface = pn_dup(s, n), *nb2 = NULL;
    if (!surface) {
        free(*nk);
        free(*nb);
        *nk = *nb = NULL;
        return PISAR_ENOMEM;
    }
    size_t dropped2;
    char *nk2 = known_nominative(h, surface, &nb2, &dropped2, sstart);
    free(surface);
    if (nk2 && (!*nk || !dropped2)) {
        free(*nk);
        free(*nb);
        *nk = nk2;
        *nb = nb2;
        *dropped = dropped2;
    } else {
        free(nk2);
        free(nb2);
    }
    return PISAR_OK;
}

static int add_found(pisar_names *h, const char *text, size_t start, size_t end,
                     int sentence_single, void *user)
{
    add_ctx *ctx = user;
    const char *s = text + start;
    size_t n = end - start;
    mention m = {0};
    m.doc = ctx->doc;
    m.lang = pn_key_lang(h);
    m.text_lang = h->text_lang;
    m.sure = 1;
    m.sstart = (sentence_single & FOUND_SSTART) != 0;
    size_t q = 0;
    int cyr_mention = pn_is_cyrillic(nf_next(s, n, &q));
    if (cyr_mention) {
        char g;
        if (nominative(h, s, n, &g)) return ctx->rc = PISAR_ENOMEM;
        m.base = pn_dup(h->scratch.data ? h->scratch.data : "", h->scratch.len);
        if (g == '?') {
            m.sure = 0;
            m.alt_base = pn_dup(h->scratch2.data, h->scratch2.len);
            if (!m.alt_base) goto nomem;
            m.alt_key = pn_key_of(h, m.alt_base, strlen(m.alt_base));
        }
    } else {
        m.base = pn_dup(s, n);
    }
    if (!m.base) goto nomem;
    m.key = pn_key_of(h, m.base, strlen(m.base));
    if (!m.key) {
        free(m.base);
        free(m.alt_base);
        free(m.alt_key);
        return 0;
    }
    /* the gazetteer knows only the masculine reading: take it */
    if (m.alt_key && m.alt_key[0] == '@' && m.key[0] != '@') {
        char *b = m.base, *k = m.key;
        m.base = m.alt_base;
        m.key = m.alt_key;
        m.alt_base = b;
        m.alt_key = k;
        m.sure = 1;
    }
    /* a known name inside an unknown mention (its nominative by the
     * Russian and Ukrainian tables, else as written: Serbian "Ђуром") */
    if (m.key[0] != '@' && !ctx->as_written && !pn_known_key(h, m.key)) {
        size_t dropped;
        char *nb = NULL, *nk = NULL;
        if (known_in_base_or_surface(h, m.base, s, n, cyr_mention, m.sstart, &nk, &nb, &dropped))
            goto nomem;
        if (nk) {
            free(m.base);
            free(m.key);
            m.base = nb;
            m.key = nk;
            free(m.alt_base);
            free(m.alt_key);
            m.alt_base = m.alt_key = NULL;
            m.sure = 1;
        }
    }
    /* a lone word at the start of a sentence: only a known name or the
     * surname of one ("Собянин заявил" after "Сергей Собянин") */
    if ((sentence_single & FOUND_SINGLE) && !pn_known_key(h, m.key) &&
        !pn_smap_get(&h->known_words, m.key)) {
        free(m.base);
        free(m.key);
        free(m.alt_base);
        free(m.alt_key);
        return 0;
    }
    if (h->nm == h->capm) {
        size_t c = h->capm ? h->capm * 2 : 64;
        mention *p = realloc(h->m, c * sizeof *p);
        if (!p) goto nomem;
        h->m = p;
        h->capm = c;
    }
    if (pn_put_known(h, m.key)) goto nomem;
    if (m.key[0] != '@' && strchr(m.key, ' ')) {
        char *copy = pn_dup(m.key, strlen(m.key));
        if (!copy) goto nomem;
        int bad = 0;
        for (char *save = NULL, *w = strtok_r(copy, " ", &save); w && !bad;
             w = strtok_r(NULL, " ", &save))
            bad = pn_smap_put(&h->known_words, w, 1);
        free(copy);
        if (bad) goto nomem;
    }
    h->m[h->nm++] = m;
    h->dirty = 1;
    return 0;
nomem:
    free(m.base);
    free(m.key);
    free(m.alt_base);
    free(m.alt_key);
    return ctx->rc = PISAR_ENOMEM;
}

static int check_text(const char *text, size_t len, pisar_error *err)
{
    size_t bad;
    int rc = len ? pn_utf8_check(text, len, &bad) : PISAR_OK;
    if (rc && err) {
        memset(err, 0, sizeof *err);
        err->offset = bad;
        err->nbytes = len - bad < 4 ? len - bad : 4;
        memcpy(err->bytes, text + bad, err->nbytes);
        snprintf(err->message, sizeof err->message, "%s at byte %zu",
                 rc == PISAR_ETRUNC ? "truncated UTF-8" : "invalid UTF-8", bad);
    }
    return rc;
}

int pisar_names_add_text(pisar_names *h, const char *doc_id, const char *text, size_t len,
                         pisar_error *err)
{
    (void)doc_id;
    if (!h || (!text && len)) return PISAR_EINVAL;
    int rc = check_text(text, len, err);
    if (rc) return rc;
    add_ctx ctx = {h->ndocs++, 0, 0};
    size_t before = h->nm;
    h->nomem = 0;
    h->text_lang = pn_text_language(text, len);
    rc = scan(h, text, len, add_found, &ctx);
    h->text_lang = -1;
    if (!rc && !ctx.rc && h->nomem) rc = PISAR_ENOMEM;
    if (rc || ctx.rc) {
        while (h->nm > before) {
            mention *m = &h->m[--h->nm];
            free(m->base);
            free(m->key);
            free(m->alt_base);
            free(m->alt_key);
        }
        if (h->nlast > h->nm) h->nlast = h->nm;
        return ctx.rc ? ctx.rc : rc;
    }
    return PISAR_OK;
}

int pisar_names_add_name(pisar_names *h, const char *name, size_t len, pisar_error *err)
{
    if (!h || (!name && len)) return PISAR_EINVAL;
    int rc = check_text(name, len, err);
    if (rc) return rc;
    add_ctx ctx = {h->ndocs++, 0, 1};
    h->nomem = 0;
    add_found(h, name, 0, len, 0, &ctx);
    return ctx.rc ? ctx.rc : h->nomem ? PISAR_ENOMEM : PISAR_OK;
}

/* ---- find and rewrite ---- */

typedef struct find_ctx {
    pisar_name_callback cb;
    void *user;
    int rc;
    /* rewrite */
    pisar_buf *out;
    size_t copied;
    unsigned flags;
    int rewriting;
} find_ctx;

static int find_found(pisar_names *h, const char *text, size_t start, size_t end,
                      int sentence_single, void *user)
{
    find_ctx *ctx = user;
    int sstart = (sentence_single & FOUND_SSTART) != 0;
    const char *s = text + start;
    size_t n = end - start;
    size_t q = 0;
    int cyr = pn_is_cyrillic(nf_next(s, n, &q));
    const char *base = NULL;
    char *key = NULL, *alt = NULL;
    char *basecopy = NULL, *altbase = NULL;
    if (cyr) {
        char g;
        if (nominative(h, s, n, &g)) return ctx->rc = PISAR_ENOMEM;
        basecopy = pn_dup(h->scratch.data ? h->scratch.data : "", h->scratch.len);
        if (g == '?' && h->scratch2.data) {
            alt = pn_key_of(h, h->scratch2.data, h->scratch2.len);
            altbase = pn_dup(h->scratch2.data, h->scratch2.len);
        }
    } else {
        basecopy = pn_dup(s, n);
    }
    if (!basecopy) {
        free(alt);
        free(altbase);
        return ctx->rc = PISAR_ENOMEM;
    }
    base = basecopy;
    /* a run the collection found to start with a title: the name alone */
    size_t *drop = pn_smap_get(&h->resplit, base);
    if (drop) {
        size_t d = *drop, at = 0;
        for (size_t w = 0; w < d; w++) {
            while (at < n && s[at] != ' ')
                at++;
            while (at < n && s[at] == ' ')
                at++;
        }
        free(basecopy);
        free(altbase);
        free(alt);
        if (at >= n) return 0;
        return find_found(h, text, start + at, end, 0, user);
    }
    key = pn_key_of(h, base, strlen(base));
    if (!key) {
        free(basecopy);
        free(altbase);
        free(alt);
        return 0;
    }
    /* the masculine reading of an ambiguous -ова, if that one is known */
    if (alt && altbase && key[0] != '@' && !pn_known_key(h, key) &&
        (alt[0] == '@' || pn_known_key(h, alt))) {
        free(key);
        key = alt;
        alt = NULL;
        free(basecopy);
        base = basecopy = altbase;
        altbase = NULL;
    }
    if (key[0] != '@' && !pn_known_key(h, key)) {
        size_t dropped;
        char *nb = NULL, *nk = NULL;
        known_in_base_or_surface(h, base, s, n, cyr, sstart, &nk, &nb, &dropped);
        if (nk && dropped) {
            /* the mention starts at its second word */
            size_t sp = 0;
            while (sp < n && s[sp] != ' ')
                sp++;
            while (sp < n && s[sp] == ' ')
                sp++;
            start += sp;
            s += sp;
            n -= sp;
        }
        if (nk) {
            free(key);
            free(basecopy);
            key = nk;
            base = basecopy = nb;
        }
    }
    /* the group of this key, or of its masculine reading, or of the lone
     * surname's full name */
    const group *g = NULL;
    size_t *gi = pn_smap_get(&h->gindex, key);
    if (gi) g = &h->g[*gi];
    if (!g && alt && altbase && (gi = pn_smap_get(&h->gindex, alt))) {
        g = &h->g[*gi];
        base = altbase;
    }
    if (!g) {
        /* the same nominative was collected (a lone surname that joined a
         * full name) */
        size_t *mi = pn_smap_get(&h->bindex, base);
        if (mi && (gi = pn_smap_get(&h->gindex, h->m[*mi].key))) g = &h->g[*gi];
    }
    if ((sentence_single & FOUND_SINGLE) && !g && key[0] != '@') {
        free(basecopy);
        free(altbase);
        free(key);
        free(alt);
        return 0;
    }
    pisar_name_mention m;
    m.offset = start;
    m.length = n;
    m.base = base;
    m.key = g ? g->key : key;
    m.cyrillic = cyr;
    const pn_gaz_entry *e = g ? NULL : pn_entry_of(h, key);
    if (g) {
        m.canonical = g->canonical;
        m.source = g->source;
        m.source_text = g->source_text;
    } else if (e) {
        m.canonical = e->canonical;
        m.source = PISAR_NAME_FROM_GAZETTEER;
        m.source_text = "gazetteer";
    } else {
        m.canonical = base;
        m.source = PISAR_NAME_FROM_FREQUENCY;
        m.source_text = "frequency";
    }
    int rc = 0;
    if (ctx->rewriting) {
        /* a lone surname is replaced by the canonical surname, not the full name */
        const char *sp = strrchr(m.canonical, ' ');
        if (sp && !strchr(base, ' ')) m.canonical = sp + 1;
        /* an all-capital mention (a dateline: MOSCOW) stays in capitals */
        pisar_buf up = {0};
        if (pn_is_all_upper(s, n)) {
            if (pn_upper_copy(m.canonical, strlen(m.canonical), &up))
                rc = ctx->rc = PISAR_ENOMEM;
            else if (up.data)
                m.canonical = up.data;
        }
        int change = !rc && (!cyr || (ctx->flags & PISAR_NAMES_REWRITE_CYRILLIC)) &&
                     (strlen(m.canonical) != n || memcmp(m.canonical, s, n));
        if (change) {
            if (ctx->cb) rc = ctx->cb(&m, ctx->user);
            if (!rc && (pisar_buf_append(ctx->out, text + ctx->copied, start - ctx->copied) ||
                        pisar_buf_puts(ctx->out, m.canonical)))
                rc = ctx->rc = PISAR_ENOMEM;
            ctx->copied = end;
        }
        pisar_buf_free(&up);
    } else if (ctx->cb) {
        rc = ctx->cb(&m, ctx->user);
    }
    free(basecopy);
    free(altbase);
    free(key);
    free(alt);
    return rc;
}

int pisar_names_find(pisar_names *h, const char *text, size_t len, pisar_name_callback cb,
                     void *user, pisar_error *err)
{
    if (!h || (!text && len)) return PISAR_EINVAL;
    int rc = check_text(text, len, err);
    if (rc) return rc;
    if ((rc = pn_regroup(h))) return rc;
    find_ctx ctx = {cb, user, 0, NULL, 0, 0, 0};
    h->nomem = 0;
    rc = len ? scan(h, text, len, find_found, &ctx) : 0;
    return ctx.rc ? ctx.rc : rc ? rc : h->nomem ? PISAR_ENOMEM : PISAR_OK;
}

int pisar_names_rewrite(pisar_names *h, const char *text, size_t len, unsigned flags,
                        pisar_buf *out, pisar_name_callback cb, void *user, pisar_error *err)
{
    if (!h || !out || (!text && len)) return PISAR_EINVAL;
    int rc = check_text(text, len, err);
    if (rc) return rc;
    if ((rc = pn_regroup(h))) return rc;
    find_ctx ctx = {cb, user, 0, out, 0, flags, 1};
    h->nomem = 0;
    rc = len ? scan(h, text, len, find_found, &ctx) : 0;
    if (ctx.rc) return ctx.rc;
    if (rc) return rc;
    if (h->nomem) return PISAR_ENOMEM;
    if (pisar_buf_append(out, text ? text + ctx.copied : "", len - ctx.copied)) return PISAR_ENOMEM;
    return PISAR_OK;
}
