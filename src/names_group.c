/* names_group.c -- the collection's grouping: ambiguous forms settled, lone
 * surnames joined to their full names, Latin spellings joined to their
 * Cyrillic originals by other presses' readings, titles split off; then one
 * group per key (its canonical spelling from names_canon.c). */
#include "pisar/names.h"
#include "names_internal.h"
#include "names_handle.h"

#include <stdlib.h>
#include <string.h>

#include "names_gazetteer.h"

/* Mention m joins the group of key (copied; the handle knows it). */
static int join_key(pisar_names *h, mention *m, const char *key)
{
    char *k = pn_dup(key, strlen(key));
    if (!k) return PISAR_ENOMEM;
    free(m->key);
    m->key = k;
    return pn_put_known(h, k);
}

/* pn_phonetic_lang() of a mention's base s in language lang, through the
 * handle's cache: every paragraph's collection is regrouped, and the full
 * names seeded into it from earlier paragraphs are read again and again.
 * The reading depends on (s, lang) alone; out is empty on entry. */
enum { PHONCACHE_MAX = 1 << 14, PHONCACHE_WORD = 256 };
static int phonetic_cached(pisar_names *h, const char *s, int lang, pisar_buf *out)
{
    size_t n = strlen(s);
    char w[PHONCACHE_WORD];
    if (n + 2 > sizeof w || lang < -1 || lang > 60) return pn_phonetic_lang(s, n, lang, out);
    w[0] = (char)('A' + 1 + lang);
    memcpy(w + 1, s, n + 1);
    size_t *v = pn_smap_get(&h->phoncache, w);
    if (v) {
        const char *k = (const char *)(uintptr_t)*v;
        return pisar_buf_append(out, k, strlen(k));
    }
    int rc = pn_phonetic_lang(s, n, lang, out);
    if (rc || !out->data || memchr(out->data, '\0', out->len)) return rc;
    char *copy = pn_dup(out->data, out->len);
    if (!copy) return rc; /* not kept */
    if (h->phoncache.n >= PHONCACHE_MAX) pn_blobmap_free(&h->phoncache);
    if (pn_smap_put(&h->phoncache, w, (size_t)(uintptr_t)copy)) free(copy);
    return rc;
}

/* Put key -> val, or mark the key as meeting several values (`many`) when
 * it already maps to a mention with another key. */
static int put_unique(pisar_names *h, smap *m, const char *key, size_t val, size_t many)
{
    size_t *v = pn_smap_get(m, key);
    if (!v) return pn_smap_put(m, key, val);
    if (*v != many && strcmp(h->m[*v].key, h->m[val].key)) *v = many;
    return PISAR_OK;
}

typedef struct reading_ctx {
    pisar_names *h;
    const smap *exact, *loose; /* loose[a]: the originals folded as PN_ALIKE_* a says */
    size_t target;             /* mention index met, or NONE */
    int several;               /* readings met originals of different keys */
    int tier;                  /* 0, or the last-resort PN_ALIKE_* bits tried */
    pisar_buf given;
} reading_ctx;

#define NONE ((size_t)-2)
#define MANY ((size_t)-1)

/* Whether a reading may have written Russian х as a bare h (ISO 9, the
 * telegram code): it has an h that is not part of kh, sh, zh, ch, and no
 * kh (a reading that writes х kh writes its bare h for Ukrainian г). */
static int bare_h_may_be_kh(const char *k)
{
    int bare = 0;
    for (size_t i = 0; k[i]; i++) {
        if (k[i] != 'h') continue;
        if (i && k[i - 1] == 'k') return 0;
        if (!i || !strchr("szc", k[i - 1])) bare = 1;
    }
    return bare;
}

/* One reading, its given names mapped (pn_map_given) in r->given, against
 * the originals: 1 to stop, else PISAR_OK. */
static int reading_met(reading_ctx *r, int alike)
{
    size_t *v = NULL;
    /* g = h with kh apart: only where the reading's h cannot be х */
    if ((r->tier & PN_ALIKE_G2H) && bare_h_may_be_kh(r->given.data)) return PISAR_OK;
    if (r->tier) { /* a last resort (see resolve_readings) */
        pn_fold_alike(r->given.data, alike | r->tier);
        v = pn_smap_get(&r->loose[alike | r->tier], r->given.data);
    } else {
        v = pn_smap_get(r->exact, r->given.data);
        if (!v && alike) {
            pn_fold_alike(r->given.data, alike);
            v = pn_smap_get(&r->loose[alike], r->given.data);
        }
    }
    if (!v) return PISAR_OK;
    if (*v == MANY || (r->target != NONE && strcmp(r->h->m[*v].key, r->h->m[r->target].key))) {
        r->several = 1;
        return 1; /* stop */
    }
    r->target = *v;
    return PISAR_OK;
}

static int reading_fn(const char *key, int alike, void *user)
{
    reading_ctx *r = user;
    pisar_buf_clear(&r->given);
    int rc = pn_map_given(key, pn_builtin_given, PN_BUILTIN_NGIVEN, &r->given);
    if (rc || !r->given.data) return rc ? rc : PISAR_ENOMEM;
    return reading_met(r, alike);
}

/* The readings of a Latin spelling (pn_readings()) depend on the spelling
 * alone, and so do their given names mapped (pn_map_given()): the handle
 * keeps them, as a list of (alike + 1, the reading's key mapped, NUL), ended
 * by a 0 byte, so a name seen in paragraph after paragraph is read once. */
enum { READCACHE_MAX = 1 << 14 };

static int collect_reading(const char *key, int alike, void *user)
{
    pisar_buf *b = user, given = {0};
    unsigned char a = (unsigned char)(alike + 1);
    int rc = pn_map_given(key, pn_builtin_given, PN_BUILTIN_NGIVEN, &given);
    if (!rc && !given.data) rc = PISAR_ENOMEM;
    if (!rc && (pisar_buf_append(b, &a, 1) || pisar_buf_append(b, given.data, given.len + 1)))
        rc = PISAR_ENOMEM;
    pisar_buf_free(&given);
    return rc;
}

/* pn_readings() through the handle's cache, each reading through
 * reading_fn(): the same readings met in the same order, and the same
 * result. */
static int readings_cached(pisar_names *h, const char *s, reading_ctx *rd)
{
    size_t *v = pn_smap_get(&h->readcache, s);
    if (!v) {
        pisar_buf b = {0};
        int x = pn_readings(s, strlen(s), collect_reading, &b);
        unsigned char end = 0;
        if (x || pisar_buf_append(&b, &end, 1)) { /* out of memory: no cache */
            pisar_buf_free(&b);
            return pn_readings(s, strlen(s), reading_fn, rd);
        }
        if (h->readcache.n >= READCACHE_MAX) pn_blobmap_free(&h->readcache);
        if (pn_smap_put(&h->readcache, s, (size_t)(uintptr_t)b.data)) {
            pisar_buf_free(&b);
            return pn_readings(s, strlen(s), reading_fn, rd);
        }
        v = pn_smap_get(&h->readcache, s);
    }
    for (const char *p = (const char *)(uintptr_t)*v; *p;) {
        int alike = (unsigned char)*p - 1;
        const char *given = p + 1;
        size_t len = strlen(given);
        pisar_buf_clear(&rd->given);
        if (pisar_buf_append(&rd->given, given, len)) return PISAR_ENOMEM;
        int r = reading_met(rd, alike);
        if (r) return r;
        p = given + len + 1;
    }
    return 0;
}

/* A Latin spelling whose key no Cyrillic mention has joins the one Cyrillic
 * original that another press's reading of it meets: German writes з and с
 * alike, so "Maria Sacharowa" is Мария Захарова in a collection that has
 * Захарова and no Сахарова; French "Petro Porochenko" is Петро Порошенко.
 * A spelling that meets several originals (Wadim Sorin with both Зорин and
 * Сорин) keeps its own key. */
static int resolve_readings(pisar_names *h)
{
    const size_t many = MANY;
    /* only Latin mentions are joined: without one, the originals' maps
     * below would be built for nothing (most paragraphs of a Cyrillic text) */
    int latin = 0;
    for (size_t i = 0; i < h->nm && !latin; i++)
        latin = h->m[i].key[0] != '@' && pn_is_latin_text(h->m[i].base);
    if (!latin) return PISAR_OK;
    smap anchored = {0}, exact = {0}, loose[PN_ALIKE_ALL] = {{0}}, done = {0};
    pisar_buf pk = {0}, gk = {0};
    int rc = PISAR_OK;
    for (size_t i = 0; i < h->nm && !rc; i++) {
        mention *m = &h->m[i];
        if (pn_is_latin_text(m->base)) continue;
        if ((rc = pn_smap_put(&anchored, m->key, 1))) break;
        pisar_buf_clear(&pk);
        pisar_buf_clear(&gk);
        if (phonetic_cached(h, m->base, m->lang, &pk) || !pk.data) continue;
        if ((rc = pn_map_given(pk.data, pn_builtin_given, PN_BUILTIN_NGIVEN, &gk))) break;
        if (!gk.data) continue;
        if ((rc = put_unique(h, &exact, gk.data, i, many))) break;
        for (int a = 1; a < PN_ALIKE_ALL && !rc; a++) {
            if ((a & PN_ALIKE_G2H) && (a & PN_ALIKE_GH)) continue; /* GH holds G2H */
            pisar_buf_clear(&pk);
            if ((rc = pisar_buf_puts(&pk, gk.data))) break;
            pn_fold_alike(pk.data, a);
            rc = put_unique(h, &loose[a], pk.data, i, many);
        }
    }
    for (size_t i = 0; i < h->nm && !rc && exact.cap; i++) {
        mention *m = &h->m[i];
        if (m->key[0] == '@' || pn_smap_get(&anchored, m->key) || !pn_is_latin_text(m->base))
            continue;
        size_t *d = pn_smap_get(&done, m->base), target;
        if (d) {
            target = *d;
        } else {
            /* every reading as it is; where none meets an original, as last
             * resorts a Latin i or y read as и, і or ы, then g and h as г
             * with kh kept for х (where the reading's h cannot be х), then
             * g, h, kh as г or х, each also with i = y: the one original
             * met, the fewest letters read alike first */
            static const int tiers[] = {0,
                                        PN_ALIKE_IY,
                                        PN_ALIKE_G2H,
                                        PN_ALIKE_IY | PN_ALIKE_G2H,
                                        PN_ALIKE_GH,
                                        PN_ALIKE_IY | PN_ALIKE_GH};
            reading_ctx r = {h, &exact, loose, NONE, 0, 0, {0}};
            int x = 0;
            for (size_t t = 0; t < sizeof tiers / sizeof *tiers && x >= 0; t++) {
                r.tier = tiers[t];
                x = readings_cached(h, m->base, &r);
                if (r.several || r.target != NONE) break;
            }
            pisar_buf_free(&r.given);
            if (x < 0) {
                rc = x;
                break;
            }
            target = r.several || r.target == NONE ? many : r.target;
            if ((rc = pn_smap_put(&done, m->base, target))) break;
        }
        if (target == many) continue;
        rc = join_key(h, m, h->m[target].key);
    }
    pisar_buf_free(&pk);
    pisar_buf_free(&gk);
    pn_smap_free(&anchored);
    pn_smap_free(&exact);
    for (int a = 1; a < PN_ALIKE_ALL; a++)
        pn_smap_free(&loose[a]);
    pn_smap_free(&done);
    return rc;
}

/* The key of a Cyrillic mention folded as PN_ALIKE_IY | PN_ALIKE_GH, and
 * whether it is read as Russian reads it; 1 if it has none. */
static int folded_cyr(const pisar_names *h, const mention *m, pisar_buf *pk, pisar_buf *rk,
                      pisar_buf *gk, int *as_ru)
{
    pisar_buf_clear(pk);
    pisar_buf_clear(rk);
    pisar_buf_clear(gk);
    /* the cache is the handle's own state, not its collection (as pn_key_in) */
    pisar_names *hc = (pisar_names *)h;
    if (phonetic_cached(hc, m->base, m->lang, pk) || !pk->data) return 1;
    if (phonetic_cached(hc, m->base, L_RU, rk) || !rk->data) return 1;
    /* Russian: read as Russian reads it, with no letter of another language */
    *as_ru = !strcmp(pk->data, rk->data) && pn_cyr_language(m->base, -1) == L_RU;
    if (pn_map_given(pk->data, pn_builtin_given, PN_BUILTIN_NGIVEN, gk) || !gk->data) return 1;
    pn_fold_alike(gk->data, PN_ALIKE_IY | PN_ALIKE_GH);
    return 0;
}

/* One name in two languages: a Ukrainian text writes Russian and foreign
 * names with its own letters (Улицька, Гітанас, Георгієв), which the key
 * reads its own way (ulytska, hitanas). A Cyrillic mention read otherwise
 * than Russian reads it joins the one mention read as Russian whose key it
 * meets with y = i and g = h = kh (Улицкая, Гитанас), if the letters of
 * their texts show two different languages; two mentions both read as
 * Russian (Калинина, Калынина), both as Ukrainian (Шиманський, Шіманський),
 * or from texts of one language or of none shown (pisar_names_add_name())
 * never join this way. */
static int join_languages(pisar_names *h)
{
    const size_t many = MANY;
    smap ru = {0};
    pisar_buf pk = {0}, rk = {0}, gk = {0};
    int rc = PISAR_OK, as_ru = 0, other = 0;
    for (size_t i = 0; i < h->nm && !rc; i++) {
        mention *m = &h->m[i];
        if (m->key[0] == '@' || m->text_lang < 0 || pn_is_latin_text(m->base)) continue;
        if (folded_cyr(h, m, &pk, &rk, &gk, &as_ru)) continue;
        if (as_ru)
            rc = put_unique(h, &ru, gk.data, i, many);
        else
            other = 1;
    }
    for (size_t i = 0; i < h->nm && !rc && other && ru.cap; i++) {
        mention *m = &h->m[i];
        if (m->key[0] == '@' || m->text_lang < 0 || pn_is_latin_text(m->base)) continue;
        if (folded_cyr(h, m, &pk, &rk, &gk, &as_ru) || as_ru) continue;
        size_t *v = pn_smap_get(&ru, gk.data);
        if (!v || *v == many || !strcmp(h->m[*v].key, m->key)) continue;
        if (h->m[*v].text_lang == m->text_lang) continue; /* one language: two names */
        rc = join_key(h, m, h->m[*v].key);
    }
    pisar_buf_free(&pk);
    pisar_buf_free(&rk);
    pisar_buf_free(&gk);
    pn_smap_free(&ru);
    return rc;
}

static int cmp_group(const void *a, const void *b)
{
    const group *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return strcmp(x->canonical, y->canonical);
}

/* A Russian, Ukrainian or Belarusian patronymic (Викторович, Борисовна,
 * Ильич, Іллівна). */
static int is_patronymic(const char *w, size_t n)
{
    static const char *const ends[] = {"вич", "вна", "ична", "ічна", "ьич", "ич"};
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        size_t en = strlen(ends[i]);
        if (n > en && !memcmp(w + n - en, ends[i], en)) return 1;
    }
    return 0;
}

/* Mentions of three or more words that start with a title or a noun the
 * tables do not know ("Писательница Людмила Улицкая", "Pisarka Ludmiła
 * Ulicka"): seen against the whole collection, the run without its first
 * one or two words is a name another mention has with as many words (or
 * the gazetteer knows); or, for a run of three at the start of a sentence
 * with no patronymic, its last word is a lone mention of its own and its
 * first is not ("... Улицкую поздравили"). Such a mention takes the
 * shorter name, and pisar_names_find() reports the shorter span. */
static int resplit_titles(pisar_names *h)
{
    smap bywords = {0}, lone = {0};
    int rc = PISAR_OK;
    size_t starts[8], ends[8];
    for (size_t i = 0; i < h->nm && !rc; i++) {
        size_t nw = pn_split_words(h->m[i].base, strlen(h->m[i].base), starts, ends, 8);
        if (h->m[i].key[0] == '@') continue;
        rc = pn_smap_put(nw == 1 ? &lone : &bywords, h->m[i].key, nw);
    }
    for (size_t i = 0; i < h->nm && !rc; i++) {
        mention *m = &h->m[i];
        size_t nw = pn_split_words(m->base, strlen(m->base), starts, ends, 8);
        if (nw < 3 || nw > 6 || m->key[0] == '@') continue;
        for (size_t d = 1; d <= 2 && nw - d >= 2 && !rc; d++) {
            const char *tail = m->base + starts[d];
            char *tk = pn_key_of(h, tail, strlen(tail));
            if (!tk) continue;
            size_t *v = pn_smap_get(&bywords, tk);
            const pn_gaz_entry *e = tk[0] == '@' ? pn_entry_of(h, tk) : NULL;
            int take = (e && !strcmp(e->kind, "person")) || (v && *v == nw - d);
            if (!take && d == 1 && nw == 3 && m->sstart &&
                !is_patronymic(m->base + starts[1], ends[1] - starts[1])) {
                char *first = pn_key_of(h, m->base, ends[0]);
                char *last = pn_key_of(h, m->base + starts[2], ends[2] - starts[2]);
                take = last && pn_smap_get(&lone, last) && (!first || !pn_smap_get(&lone, first));
                free(first);
                free(last);
            }
            if (!take) {
                free(tk);
                continue;
            }
            char *nb = pn_dup(tail, strlen(tail));
            if (!nb || (rc = pn_smap_put(&h->resplit, m->base, d))) {
                free(nb);
                free(tk);
                rc = rc ? rc : PISAR_ENOMEM;
                break;
            }
            free(m->base);
            free(m->key);
            m->base = nb;
            m->key = tk;
            free(m->alt_base);
            free(m->alt_key);
            m->alt_base = m->alt_key = NULL;
            m->sure = 1;
            rc = pn_put_known(h, tk);
            break;
        }
    }
    pn_smap_free(&bywords);
    pn_smap_free(&lone);
    return rc;
}

/* One language a key. Read name by name (no language set), a Cyrillic name
 * whose letters show no language (Хмельниченко: Russian or Ukrainian) and
 * one whose letters show Ukrainian (Хмельніченко) can meet on one key
 * ("khmelnichenko"): two different Cyrillic names, and every Latin
 * spelling of either then joins both. The first, read in the language the
 * other shows, takes that reading when a Latin spelling of the collection
 * has its key (Khmelʹnychenko, "khmelnychenko"): the group's other members
 * tell its language. */
static int one_language_a_key(pisar_names *h)
{
    if (pn_key_lang(h) >= 0) return PISAR_OK;
    const size_t many = MANY;
    smap shown = {0}, latin = {0};
    int rc = PISAR_OK;
    for (size_t i = 0; i < h->nm && !rc; i++) {
        const mention *m = &h->m[i];
        if (m->key[0] == '@') continue;
        if (pn_is_latin_text(m->base)) {
            rc = pn_smap_put(&latin, m->key, 1);
            continue;
        }
        int l = pn_cyr_language(m->base, L_N); /* L_N: no letter shows one */
        if (l == L_N || l == L_RU) continue;
        size_t *v = pn_smap_get(&shown, m->key);
        if (!v)
            rc = pn_smap_put(&shown, m->key, (size_t)l);
        else if (*v != (size_t)l)
            *v = many;
    }
    for (size_t i = 0; i < h->nm && !rc && shown.n && latin.n; i++) {
        mention *m = &h->m[i];
        if (m->key[0] == '@' || pn_is_latin_text(m->base) || pn_cyr_language(m->base, L_N) != L_N)
            continue;
        size_t *v = pn_smap_get(&shown, m->key);
        if (!v || *v == many) continue;
        char *k = pn_key_in(h, m->base, strlen(m->base), (int)*v);
        if (!k) {
            if (h->nomem) rc = PISAR_ENOMEM;
            continue;
        }
        if (strcmp(k, m->key) && pn_smap_get(&latin, k)) {
            free(m->key);
            m->key = k;
            m->lang = (int)*v;
            rc = pn_put_known(h, k);
        } else {
            free(k);
        }
    }
    pn_smap_free(&shown);
    pn_smap_free(&latin);
    return rc;
}

/* Settle ambiguous forms and lone surnames, then group; linear in the
 * number of mentions (hash maps), except the variants of one group. */
int pn_regroup(pisar_names *h)
{
    if (!h->dirty) return PISAR_OK;
    pn_free_groups(h);
    h->nomem = 0;
    int rc = resplit_titles(h);
    if (!rc && h->nomem) rc = PISAR_ENOMEM;
    if (rc) return rc;
    /* 1: -ова read as masculine when only the masculine is known for sure */
    smap sure = {0};
    for (size_t i = 0; i < h->nm && !rc; i++)
        if (h->m[i].sure) rc = pn_smap_put(&sure, h->m[i].key, 1);
    for (size_t i = 0; i < h->nm && !rc; i++) {
        mention *m = &h->m[i];
        if (m->sure || !m->alt_key) continue;
        if (pn_smap_get(&sure, m->alt_key) && !pn_smap_get(&sure, m->key)) {
            char *b = m->base, *k = m->key;
            m->base = m->alt_base;
            m->key = m->alt_key;
            m->alt_base = b;
            m->alt_key = k;
        }
        m->sure = 1;
    }
    pn_smap_free(&sure);
    if (!rc) rc = one_language_a_key(h);
    /* 2: a lone surname joins the one full name that ends in it: map every
     * word of every full name's phonetic key to that name's mention */
    smap words = {0};
    pisar_buf pk = {0};
    const size_t many = (size_t)-1;
    for (size_t j = 0; j < h->nm && !rc; j++) {
        mention *o = &h->m[j];
        if (!strchr(o->base, ' ')) continue;
        pisar_buf_clear(&pk);
        if (phonetic_cached(h, o->base, o->lang, &pk) || !pk.data) continue;
        for (char *save = NULL, *w = strtok_r(pk.data, " ", &save); w && !rc;
             w = strtok_r(NULL, " ", &save)) {
            size_t *v = pn_smap_get(&words, w);
            if (!v)
                rc = pn_smap_put(&words, w, j);
            else if (*v != many && strcmp(h->m[*v].key, o->key))
                *v = many;
        }
    }
    pisar_buf_free(&pk);
    for (size_t i = 0; i < h->nm && !rc; i++) {
        mention *m = &h->m[i];
        if (m->key[0] == '@' || strchr(m->key, ' ')) continue;
        size_t *v = pn_smap_get(&words, m->key);
        if (!v || *v == many || !strcmp(h->m[*v].key, m->key)) continue;
        /* only into a person's name: "North" is not North Korea */
        const pn_gaz_entry *e = pn_entry_of(h, h->m[*v].key);
        if (e && strcmp(e->kind, "person")) continue;
        rc = join_key(h, m, h->m[*v].key);
    }
    pn_smap_free(&words);
    if (!rc) rc = join_languages(h);
    if (!rc) rc = resolve_readings(h);
    if (rc) return rc;
    /* 3: groups by key */
    h->g = calloc(h->nm ? h->nm : 1, sizeof *h->g);
    if (!h->g) return PISAR_ENOMEM;
    for (size_t i = 0; i < h->nm; i++) {
        mention *m = &h->m[i];
        if ((rc = pn_smap_put(&h->bindex, m->base, i))) return rc;
        size_t *gi = pn_smap_get(&h->gindex, m->key);
        group *g;
        if (gi) {
            g = &h->g[*gi];
        } else {
            if ((rc = pn_smap_put(&h->gindex, m->key, h->ng))) return rc;
            g = &h->g[h->ng++];
            if (!(g->key = pn_dup(m->key, strlen(m->key)))) return PISAR_ENOMEM;
            g->last_doc = (size_t)-1;
        }
        g->count++;
        /* mentions are kept in document order */
        if (g->last_doc != m->doc) g->ndocs++;
        g->last_doc = m->doc;
        size_t v = 0;
        while (v < g->nvariants && strcmp(g->variants[v].text, m->base))
            v++;
        if (v == g->nvariants) {
            if (g->nvariants == g->capvariants) {
                size_t c = g->capvariants ? g->capvariants * 2 : 4;
                pisar_name_variant *p = realloc(g->variants, c * sizeof *p);
                if (!p) return PISAR_ENOMEM;
                g->variants = p;
                g->capvariants = c;
            }
            g->variants[g->nvariants].text = m->base;
            g->variants[g->nvariants++].count = 0;
        }
        g->variants[v].count++;
    }
    for (size_t k = 0; k < h->ng; k++)
        if ((rc = pn_choose_canonical(h, &h->g[k]))) return rc;
    qsort(h->g, h->ng, sizeof *h->g, cmp_group);
    pn_smap_free(&h->gindex);
    for (size_t k = 0; k < h->ng; k++)
        if ((rc = pn_smap_put(&h->gindex, h->g[k].key, k))) return rc;
    if (h->nomem) return PISAR_ENOMEM;
    h->dirty = 0;
    return PISAR_OK;
}

int pisar_names_group_key(pisar_names *h, const char *name, size_t len, pisar_buf *key)
{
    if (!h || !key || (!name && len)) return PISAR_EINVAL;
    size_t bad;
    int rc = len ? pn_utf8_check(name, len, &bad) : PISAR_OK;
    if (!rc) rc = pn_regroup(h);
    if (rc) return rc;
    char *s = pn_dup(name ? name : "", len);
    if (!s) return PISAR_ENOMEM;
    size_t *mi = pn_smap_get(&h->bindex, s);
    free(s);
    if (mi) return pisar_buf_puts(key, h->m[*mi].key);
    return pisar_names_key(h, name, len, key);
}

size_t pisar_names_group_count(pisar_names *h)
{
    if (!h || pn_regroup(h)) return 0;
    return h->ng;
}

int pisar_names_group(pisar_names *h, size_t i, pisar_name_group *out)
{
    if (!h || !out) return PISAR_EINVAL;
    int rc = pn_regroup(h);
    if (rc) return rc;
    if (i >= h->ng) return PISAR_ERANGE;
    group *g = &h->g[i];
    out->key = g->key;
    out->canonical = g->canonical;
    out->source = g->source;
    out->source_text = g->source_text;
    out->kind = g->kind;
    out->count = g->count;
    out->ndocs = g->ndocs;
    out->nvariants = g->nvariants;
    out->variants = g->variants;
    return PISAR_OK;
}
