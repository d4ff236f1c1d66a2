/* names.c -- name keys with the gazetteer; the pisar_names handle and what
 * the mention finder (names_find.c), the grouping (names_group.c) and the
 * canonical spelling (names_canon.c) share. */
#include "pisar/names.h"
#include "pisar/translit.h"
#include "names_internal.h"
#include "names_handle.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names_gazetteer.h"

/* The gazetteer id of a phonetic key (given names mapped), user's first. */
static const char *gaz_id(const pn_gazetteer *user, const char *k, int surnames)
{
    if (user && user->nindex) {
        size_t e = pn_gaz_lookup(user->index, user->nindex, k, surnames);
        if (e != (size_t)-1) return user->entries[e].id;
    }
    size_t e = pn_gaz_lookup(pn_builtin_index, PN_BUILTIN_NINDEX, k, surnames);
    return e != (size_t)-1 ? pn_builtin_entries[e].id : NULL;
}

static int key_common(const pn_gazetteer *user, const char *name, size_t len, int lang,
                      pisar_buf *key, int surnames)
{
    if (!key) return PISAR_EINVAL;
    if (!name && len) return PISAR_EINVAL;
    size_t bad;
    int rc = len ? pn_utf8_check(name, len, &bad) : PISAR_OK;
    if (rc) return rc;
    pisar_buf p = {0}, k = {0};
    rc = pn_phonetic_lang(name, len, lang, &p);
    if (rc || !p.len) {
        pisar_buf_free(&p);
        return rc;
    }
    rc = pn_map_given(p.data, pn_builtin_given, PN_BUILTIN_NGIVEN, &k);
    pisar_buf_free(&p);
    if (rc) {
        pisar_buf_free(&k);
        return rc;
    }
    const char *id = gaz_id(user, k.data, surnames);
    if (id) {
        rc = pisar_buf_puts(key, "@");
        if (!rc) rc = pisar_buf_puts(key, id);
    } else {
        rc = pisar_buf_append(key, k.data, k.len);
    }
    pisar_buf_free(&k);
    return rc;
}

int pisar_name_key(const char *name, size_t len, pisar_buf *key)
{
    return key_common(NULL, name, len, -1, key, 0);
}

static const char *const lang_codes[L_N] = {"ru", "uk", "be", "bg", "mk", "sr"};

int pisar_name_key_lang(const char *name, size_t len, const char *lang, pisar_buf *key)
{
    int l = -1;
    for (int i = 0; lang && i < L_N; i++)
        if (!strcmp(lang_codes[i], lang)) l = i;
    return key_common(NULL, name, len, l, key, 0);
}

int pisar_name_key_phonetic(const char *name, size_t len, pisar_buf *key)
{
    if (!key || (!name && len)) return PISAR_EINVAL;
    size_t bad;
    int rc = len ? pn_utf8_check(name, len, &bad) : PISAR_OK;
    if (rc) return rc;
    pisar_buf p = {0};
    rc = pn_phonetic(name, len, &p);
    if (!rc && p.len) rc = pn_map_given(p.data, pn_builtin_given, PN_BUILTIN_NGIVEN, key);
    pisar_buf_free(&p);
    return rc;
}

/* ---- the handle ---- */

/* In the order of style_schemes (names_canon.c). */
static const char *const styles[] = {"bgn",  "icao",      "wikipedia", "ap",
                                     "iso9", "scholarly", "national",  NULL};

const char *pisar_names_style(size_t i)
{
    return i < sizeof styles / sizeof *styles - 1 ? styles[i] : NULL;
}

/* ---- the string map ---- */

static void keycache_free(smap *m);

static size_t smap_hash(const char *s)
{
    size_t h = (size_t)1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
    return h;
}

size_t *pn_smap_get(const smap *m, const char *key)
{
    if (!m->cap) return NULL;
    for (size_t i = smap_hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i]) return NULL;
        if (!strcmp(m->keys[i], key)) return &m->vals[i];
    }
}

/* Set key to val (insert or overwrite). */
int pn_smap_put(smap *m, const char *key, size_t val)
{
    size_t *v = pn_smap_get(m, key);
    if (v) {
        *v = val;
        return PISAR_OK;
    }
    if ((m->n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        char **keys = calloc(cap, sizeof *keys);
        size_t *vals = calloc(cap, sizeof *vals);
        if (!keys || !vals) {
            free(keys);
            free(vals);
            return PISAR_ENOMEM;
        }
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->keys[i]) continue;
            size_t j = smap_hash(m->keys[i]) & (cap - 1);
            while (keys[j])
                j = (j + 1) & (cap - 1);
            keys[j] = m->keys[i];
            vals[j] = m->vals[i];
        }
        free(m->keys);
        free(m->vals);
        m->keys = keys;
        m->vals = vals;
        m->cap = cap;
    }
    size_t i = smap_hash(key) & (m->cap - 1);
    while (m->keys[i])
        i = (i + 1) & (m->cap - 1);
    size_t len = strlen(key);
    if (!(m->keys[i] = malloc(len + 1))) return PISAR_ENOMEM;
    memcpy(m->keys[i], key, len + 1);
    m->vals[i] = val;
    m->n++;
    return PISAR_OK;
}

void pn_smap_free(smap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

int pisar_names_new(pisar_names **out, const char *style, pisar_error *err)
{
    if (!out) return PISAR_EINVAL;
    *out = NULL;
    if (!style) style = "bgn";
    int ok = 0;
    for (size_t i = 0; styles[i]; i++)
        ok |= !strcmp(styles[i], style);
    if (!ok) {
        if (err) {
            memset(err, 0, sizeof *err);
            snprintf(err->message, sizeof err->message, "unknown style '%.64s'", style);
        }
        return PISAR_EUNKNOWN;
    }
    pisar_names *h = calloc(1, sizeof *h);
    if (!h) return PISAR_ENOMEM;
    snprintf(h->style, sizeof h->style, "%s", style);
    h->lang_hint = -1;
    h->text_lang = -1;
    for (size_t i = 0; styles[i]; i++)
        if (!strcmp(styles[i], style)) h->style_index = (int)i;
    *out = h;
    return PISAR_OK;
}

void pn_free_groups(pisar_names *h)
{
    for (size_t i = 0; i < h->ng; i++) {
        free(h->g[i].key);
        free(h->g[i].canonical);
        free(h->g[i].variants);
    }
    free(h->g);
    h->g = NULL;
    h->ng = 0;
    pn_smap_free(&h->gindex);
    pn_smap_free(&h->bindex);
}

/* The lower case of a Cyrillic capital (Ѐ-Џ, А-Я, Ґ); c otherwise. */
static unsigned cyr_lower(unsigned c)
{
    if (c >= 0x400 && c < 0x410) return c + 0x50;
    if (c >= 0x410 && c < 0x430) return c + 0x20;
    return c == 0x490 ? 0x491 : c;
}

const char *pisar_names_text_language(const char *text, size_t len)
{
    /* letters of: Ukrainian alone, Ukrainian or Belarusian, Belarusian
     * alone, Russian or Belarusian, Macedonian alone, Serbian alone */
    size_t uk = 0, ukbe = 0, be = 0, rube = 0, mk = 0, sr = 0;
    for (size_t i = 0; text && i < len;) {
        unsigned c = cyr_lower(pn_utf8_next(text, len, &i));
        uk += c == 0x454 || c == 0x457 || c == 0x491;   /* є ї ґ */
        ukbe += c == 0x456;                             /* і */
        be += c == 0x45e;                               /* ў */
        rube += c == 0x44b || c == 0x44d || c == 0x451; /* ы э ё */
        mk += c == 0x453 || c == 0x45c || c == 0x455;   /* ѓ ќ ѕ */
        sr += c == 0x452 || c == 0x45b;                 /* ђ ћ */
    }
    if (mk + sr && (uk + ukbe + be + rube || (mk && sr))) return NULL;
    if (mk) return lang_codes[L_MK];
    if (sr) return lang_codes[L_SR];
    if (be) return uk ? NULL : lang_codes[L_BE];
    if (uk + ukbe) return rube ? NULL : lang_codes[L_UK];
    return rube ? lang_codes[L_RU] : NULL;
}

int pisar_names_set_language(pisar_names *h, const char *lang)
{
    if (!h) return PISAR_EINVAL;
    int l = -1;
    for (int i = 0; lang && i < L_N; i++)
        if (!strcmp(lang_codes[i], lang)) l = i;
    if (lang && l < 0) return PISAR_EUNKNOWN;
    h->lang_hint = l;
    h->dirty = 1;
    return PISAR_OK;
}

void pisar_names_free(pisar_names *h)
{
    if (!h) return;
    for (size_t i = 0; i < h->nm; i++) {
        free(h->m[i].base);
        free(h->m[i].key);
        free(h->m[i].alt_base);
        free(h->m[i].alt_key);
    }
    free(h->m);
    pn_free_groups(h);
    pn_gaz_free(&h->user);
    for (int i = 0; i < L_N; i++)
        pisar_translit_free(h->tr[i]);
    pn_smap_free(&h->known);
    pn_smap_free(&h->known_loose);
    pn_smap_free(&h->known_words);
    pn_smap_free(&h->known_last);
    pn_smap_free(&h->resplit);
    keycache_free(&h->keycache);
    pn_blobmap_free(&h->readcache);
    pn_blobmap_free(&h->phoncache);
    pisar_buf_free(&h->scratch);
    pisar_buf_free(&h->scratch2);
    free(h);
}

void pisar_names_reset(pisar_names *h)
{
    if (!h) return;
    for (size_t i = 0; i < h->nm; i++) {
        free(h->m[i].base);
        free(h->m[i].key);
        free(h->m[i].alt_base);
        free(h->m[i].alt_key);
    }
    h->nm = 0;
    h->ndocs = 0;
    pn_free_groups(h);
    pn_smap_free(&h->known);
    pn_smap_free(&h->known_loose);
    pn_smap_free(&h->known_words);
    pn_smap_free(&h->known_last);
    pn_smap_free(&h->resplit);
    h->nlast = 0;
    h->nounlang = 0;
    h->dirty = 1;
}

int pisar_names_load_gazetteer_mem(pisar_names *h, const char *text, size_t len, const char *origin,
                                   pisar_error *err)
{
    if (!h) return PISAR_EINVAL;
    pn_gazetteer g;
    int rc = pn_gaz_parse(&g, text, len, origin, err);
    if (rc) return rc;
    if ((rc = pn_gaz_map_given(&g, pn_builtin_given, PN_BUILTIN_NGIVEN))) {
        pn_gaz_free(&g);
        return rc;
    }
    /* One user gazetteer at a time: a second load replaces the first. */
    pn_gaz_free(&h->user);
    h->user = g;
    h->dirty = 1;
    keycache_free(&h->keycache); /* keys depend on the gazetteer */
    return PISAR_OK;
}

int pisar_names_load_gazetteer(pisar_names *h, const char *path, pisar_error *err)
{
    if (!h || !path) return PISAR_EINVAL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (err) {
            memset(err, 0, sizeof *err);
            snprintf(err->message, sizeof err->message, "%.120s: cannot open", path);
        }
        return PISAR_EIO;
    }
    pisar_buf b = {0};
    int rc = PISAR_OK;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if ((rc = pisar_buf_append(&b, chunk, n))) break;
    if (!rc && ferror(f)) rc = PISAR_EIO;
    fclose(f);
    if (!rc) rc = pisar_names_load_gazetteer_mem(h, b.data ? b.data : "", b.len, path, err);
    pisar_buf_free(&b);
    return rc;
}

int pisar_names_key(const pisar_names *h, const char *name, size_t len, pisar_buf *key)
{
    return key_common(h ? &h->user : NULL, name, len, h ? pn_key_lang(h) : -1, key, 0);
}

const pn_gaz_entry *pn_entry_of(const pisar_names *h, const char *key)
{
    if (key[0] != '@') return NULL;
    for (size_t i = 0; i < h->user.nentries; i++)
        if (!strcmp(h->user.entries[i].id, key + 1)) return &h->user.entries[i];
    for (size_t i = 0; i < PN_BUILTIN_NENTRIES; i++)
        if (!strcmp(pn_builtin_entries[i].id, key + 1)) return &pn_builtin_entries[i];
    return NULL;
}

/* ---- helpers the parts share ---- */

char *pn_dup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

int pn_key_lang(const pisar_names *h)
{
    return h->lang_hint;
}

int pn_text_language(const char *s, size_t n)
{
    size_t uk = 0, be = 0, ru = 0, south = 0, mk = 0;
    for (size_t i = 0; i < n;) {
        unsigned c = cyr_lower(pn_utf8_next(s, n, &i));
        if (c == 0x456 || c == 0x457 || c == 0x454 || c == 0x491)
            uk++;
        else if (c == 0x45e)
            be++;
        else if (c == 0x44b || c == 0x44d || c == 0x451)
            ru++;
        else if (c == 0x453 || c == 0x45c || c == 0x455)
            mk++;
        else if (c == 0x452 || c == 0x45b || c == 0x45f || c == 0x458 || c == 0x459 || c == 0x45a)
            south++;
    }
    if (be && be * 4 > uk) return L_BE;
    if (uk > 4 * (ru + be + south + mk)) return L_UK;
    if (ru > 4 * (uk + be + south + mk)) return L_RU;
    if (mk && mk * 4 > uk + ru) return L_MK;
    if (south > 4 * (uk + ru + be)) return L_SR;
    return -1;
}

/* The key of s[0, n) as pn_key_in() computes it, without the cache. */
static char *key_of_uncached(const pisar_names *h, const char *s, size_t n, int lang)
{
    /* initials ("В. В. Путин") do not take part in the key */
    pisar_buf t = {0}, k = {0};
    int rc = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        size_t q = i;
        pn_utf8_next(s, n, &q);
        int initial = j > i && s[j - 1] == '.' && q + 1 == j;
        if (!initial) {
            if (t.len) rc |= pisar_buf_append(&t, " ", 1);
            rc |= pisar_buf_append(&t, s + i, j - i);
        }
        i = j + 1;
    }
    if (rc || (t.data && (rc = key_common(&h->user, t.data, t.len, lang, &k, 1)) == PISAR_ENOMEM))
        ((pisar_names *)h)->nomem = 1; /* the handle's own state, as the key cache */
    if (!t.data || rc || !k.len) {
        pisar_buf_free(&t);
        pisar_buf_free(&k);
        return NULL;
    }
    pisar_buf_free(&t);
    return k.data;
}

enum { KEYCACHE_MAX = 1 << 16, KEYCACHE_WORD = 256 };

void pn_blobmap_free(smap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) free((char *)(uintptr_t)m->vals[i]);
    pn_smap_free(m);
}

static void keycache_free(smap *m)
{
    pn_blobmap_free(m);
}

char *pn_key_of(const pisar_names *h, const char *s, size_t n)
{
    return pn_key_in(h, s, n, pn_key_lang(h));
}

char *pn_key_in(const pisar_names *h, const char *s, size_t n, int lang)
{
    /* The same words come back again and again (every capitalised word is
     * looked up as it is, in its nominative, as a surname ...): their keys
     * are kept. The cache is the handle's own state, not its collection, so
     * it is changed here through a const handle. */
    /* the key depends on the language: the cache holds it first ('a' + lang) */
    char w[KEYCACHE_WORD];
    if (n + 1 >= sizeof w || memchr(s, '\0', n)) return key_of_uncached(h, s, n, lang);
    w[0] = (char)('a' + 1 + lang);
    memcpy(w + 1, s, n);
    w[n + 1] = '\0';
    smap *c = &((pisar_names *)h)->keycache;
    size_t *v = pn_smap_get(c, w);
    const char *k;
    if (v) {
        k = (const char *)(uintptr_t)*v;
    } else {
        char *made = key_of_uncached(h, s, n, lang);
        if (h->nomem) return made; /* not cached: the failure is not the word's */
        if (c->n >= KEYCACHE_MAX) keycache_free(c);
        if (pn_smap_put(c, w, (size_t)(uintptr_t)made)) { /* out of memory: no cache */
            return made;
        }
        k = made;
    }
    char *d = k ? pn_dup(k, strlen(k)) : NULL;
    if (k && !d) ((pisar_names *)h)->nomem = 1;
    return d;
}

/* A key with y = i and g = h = kh (PN_ALIKE_IY | PN_ALIKE_GH), malloc'd. */
static char *loose_key(const char *key)
{
    char *k = pn_dup(key, strlen(key));
    if (k) pn_fold_alike(k, PN_ALIKE_IY | PN_ALIKE_GH);
    return k;
}

int pn_put_known(pisar_names *h, const char *key)
{
    int rc = pn_smap_put(&h->known, key, 1);
    if (rc || key[0] == '@') return rc;
    char *k = loose_key(key);
    if (!k) return PISAR_ENOMEM;
    rc = pn_smap_put(&h->known_loose, k, 1);
    free(k);
    return rc;
}

/* Is a key known to the collection (or the gazetteer)? A key is also known
 * when one of the collection's meets it with y = i and g = h = kh: the same
 * name in the letters of another language (Гітанас in a Ukrainian text,
 * Гитанас in a Russian one). */
int pn_known_key(const pisar_names *h, const char *key)
{
    if (key[0] == '@' || pn_smap_get(&h->known, key)) return 1;
    if (!h->known_loose.n) return 0;
    char buf[256];
    size_t n = strlen(key);
    if (n >= sizeof buf) return 0;
    memcpy(buf, key, n + 1);
    pn_fold_alike(buf, PN_ALIKE_IY | PN_ALIKE_GH);
    return pn_smap_get(&h->known_loose, buf) != NULL;
}

/* The words of s[0, n) split at spaces: their starts and ends, up to max. */
size_t pn_split_words(const char *s, size_t n, size_t *starts, size_t *ends, size_t max)
{
    size_t nw = 0;
    for (size_t i = 0; i < n && nw < max;) {
        while (i < n && s[i] == ' ')
            i++;
        if (i >= n) break;
        starts[nw] = i;
        while (i < n && s[i] != ' ')
            i++;
        ends[nw++] = i;
    }
    return nw;
}

int pn_is_latin_text(const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n)
        if (pn_is_cyrillic(pn_utf8_next(s, n, &i))) return 0;
    return 1;
}
