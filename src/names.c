/* names.c -- name keys with the gazetteer; the pisar_names handle. */
#include "pisar/names.h"
#include "pisar/translit.h"
#include "names_internal.h"

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

static int key_common(const pn_gazetteer *user, const char *name, size_t len, pisar_buf *key,
                      int surnames)
{
    if (!key) return PISAR_EINVAL;
    if (!name && len) return PISAR_EINVAL;
    size_t bad;
    int rc = len ? pn_utf8_check(name, len, &bad) : PISAR_OK;
    if (rc) return rc;
    pisar_buf p = {0}, k = {0};
    rc = pn_phonetic(name, len, &p);
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
    return key_common(NULL, name, len, key, 0);
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

static const char *const styles[] = {"bgn",  "icao",      "wikipedia", "ap",
                                     "iso9", "scholarly", "national",  NULL};

/* The scheme each house style uses for a Cyrillic original, per language
 * (ru, uk, be, bg, mk, sr); ids of include/pisar/translit.h. Ukrainian,
 * Belarusian, Bulgarian, Macedonian and Serbian names follow their national
 * systems (which their passports, and so the agencies, use) under every style
 * but iso9 and scholarly. */
enum { L_RU, L_UK, L_BE, L_BG, L_MK, L_SR, L_N };
static const char *const style_schemes[][L_N] = {
    /* bgn */ {"ru-bgn", "uk-bgn", "be-bgn", "bg-streamlined", "mk-bgn", "sr-latin"},
    /* icao */
    {"ru-icao", "uk-national", "be-national", "bg-streamlined", "mk-official", "sr-latin"},
    /* wikipedia */
    {"ru-wikipedia", "uk-national", "be-national", "bg-streamlined", "mk-official", "sr-latin"},
    /* ap */
    {"ru-wikipedia", "uk-national", "be-national", "bg-streamlined", "mk-official", "sr-latin"},
    /* iso9 */ {"ru-iso9", "uk-iso9", "be-iso9", "bg-iso9", "mk-iso9", "sr-iso9"},
    /* scholarly */ {"ru-scholarly", "uk-scholarly", "be-iso9", "bg-iso9", "mk-iso9", "sr-latin"},
    /* national */
    {"ru-icao", "uk-national", "be-national", "bg-streamlined", "mk-official", "sr-latin"},
};

/* The language of a Cyrillic name, from the letters only one language has;
 * `hint` (or -1) where none shows. */
static int cyr_language(const char *s, int hint)
{
    size_t n = strlen(s), i = 0;
    int uk = 0, be = 0, mk = 0, sr = 0, bg = 0, ru = 0;
    unsigned prev = 0;
    while (i < n) {
        unsigned c = pn_utf8_next(s, n, &i);
        if (c >= 0x400 && c < 0x410)
            c += 0x50; /* upper Ѐ-Џ to lower */
        else if (c >= 0x410 && c < 0x430)
            c += 0x20;
        switch (c) {
        case 0x454:
        case 0x457:
        case 0x491:
            uk = 1;
            break; /* є ї ґ */
        case 0x456:
            uk |= 2;
            break; /* і (uk, be) */
        case 0x45e:
            be = 1;
            break; /* ў */
        case 0x453:
        case 0x45c:
        case 0x455:
            mk = 1;
            break; /* ѓ ќ ѕ */
        case 0x452:
        case 0x45b:
        case 0x45f:
            sr = 1;
            break; /* ђ ћ џ */
        case 0x458:
        case 0x459:
        case 0x45a:
            sr |= 2;
            break; /* ј љ њ */
        case 0x44b:
        case 0x44d:
        case 0x451:
            ru = 1;
            break; /* ы э ё */
        default:
            break;
        }
        if (prev == 0x44a && c >= 0x430 && c < 0x450 && c != 0x435 && c != 0x44e && c != 0x44f)
            bg = 1; /* ъ before a consonant */
        prev = c;
    }
    if (be) return L_BE;
    if (uk) return (uk & 1) || !ru ? L_UK : L_BE;
    if (mk) return L_MK;
    if (sr) return L_SR;
    if (bg) return L_BG;
    if (hint >= 0 && !ru) return hint;
    return L_RU;
}

const char *pisar_names_style(size_t i)
{
    return i < sizeof styles / sizeof *styles - 1 ? styles[i] : NULL;
}

typedef struct mention {
    char *base;     /* nominative spelling */
    char *key;      /* final key (gazetteer id or phonetic) */
    char *alt_base; /* masculine reading of an ambiguous -ова/-ева/-ина, or NULL */
    char *alt_key;
    size_t doc;
    int sure;   /* the form is unambiguous */
    int sstart; /* the run started a sentence */
} mention;

/* A string -> size_t hash map with its own copies of the keys (FNV-1a,
 * open addressing); the handle's look-ups go through it so that adding and
 * grouping stay linear in the number of mentions. */
typedef struct smap {
    char **keys;
    size_t *vals;
    size_t cap, n;
} smap;

static size_t smap_hash(const char *s)
{
    size_t h = (size_t)1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
    return h;
}

static size_t *smap_get(const smap *m, const char *key)
{
    if (!m->cap) return NULL;
    for (size_t i = smap_hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i]) return NULL;
        if (!strcmp(m->keys[i], key)) return &m->vals[i];
    }
}

/* Set key to val (insert or overwrite). */
static int smap_put(smap *m, const char *key, size_t val)
{
    size_t *v = smap_get(m, key);
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

static void smap_free(smap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

typedef struct group {
    char *key;
    char *canonical;
    char source_text[96];
    pisar_name_source source;
    const char *kind;
    size_t count, ndocs;
    pisar_name_variant *variants;
    size_t nvariants, capvariants;
    size_t last_doc;
} group;

struct pisar_names {
    char style[16];
    pn_gazetteer user;
    mention *m;
    size_t nm, capm;
    size_t ndocs;
    group *g;
    size_t ng;
    int dirty;
    int style_index;
    int lang_hint;           /* L_RU... or -1 */
    pisar_translit *tr[L_N]; /* opened on first use */
    pisar_buf scratch, scratch2;
    smap known;       /* every key a mention has had */
    smap known_words; /* every word of the phonetic keys of longer mentions */
    smap known_last;  /* the key of the last word of longer mentions */
    size_t nlast;     /* mentions known_last has seen (filled when needed) */
    smap resplit;     /* nominative of a run found to start with a title ->
                       * the number of words to drop (see regroup) */
    int nounlang;     /* the text being scanned capitalises its nouns (German) */
    smap gindex;      /* group key -> group index (valid while !dirty) */
    smap bindex;      /* mention nominative -> mention index (valid while !dirty) */
};

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
    for (size_t i = 0; styles[i]; i++)
        if (!strcmp(styles[i], style)) h->style_index = (int)i;
    *out = h;
    return PISAR_OK;
}

static void free_groups(pisar_names *h)
{
    for (size_t i = 0; i < h->ng; i++) {
        free(h->g[i].key);
        free(h->g[i].canonical);
        free(h->g[i].variants);
    }
    free(h->g);
    h->g = NULL;
    h->ng = 0;
    smap_free(&h->gindex);
    smap_free(&h->bindex);
}

int pisar_names_set_language(pisar_names *h, const char *lang)
{
    static const char *const codes[L_N] = {"ru", "uk", "be", "bg", "mk", "sr"};
    if (!h) return PISAR_EINVAL;
    if (!lang) {
        h->lang_hint = -1;
        h->dirty = 1;
        return PISAR_OK;
    }
    for (int i = 0; i < L_N; i++)
        if (!strcmp(codes[i], lang)) {
            h->lang_hint = i;
            h->dirty = 1;
            return PISAR_OK;
        }
    return PISAR_EUNKNOWN;
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
    free_groups(h);
    pn_gaz_free(&h->user);
    for (int i = 0; i < L_N; i++)
        pisar_translit_free(h->tr[i]);
    smap_free(&h->known);
    smap_free(&h->known_words);
    smap_free(&h->known_last);
    smap_free(&h->resplit);
    pisar_buf_free(&h->scratch);
    pisar_buf_free(&h->scratch2);
    free(h);
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
    return key_common(h ? &h->user : NULL, name, len, key, 0);
}

static const pn_gaz_entry *entry_of(const pisar_names *h, const char *key)
{
    if (key[0] != '@') return NULL;
    for (size_t i = 0; i < h->user.nentries; i++)
        if (!strcmp(h->user.entries[i].id, key + 1)) return &h->user.entries[i];
    for (size_t i = 0; i < PN_BUILTIN_NENTRIES; i++)
        if (!strcmp(pn_builtin_entries[i].id, key + 1)) return &pn_builtin_entries[i];
    return NULL;
}

/* ---- finding mentions ---- */

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

static char *dup(const char *s, size_t n);
static char *key_of(const pisar_names *h, const char *s, size_t n);
static char *known_nominative(const pisar_names *h, const char *base, char **newbase,
                              size_t *dropped, int sstart);
static const pn_gaz_entry *entry_of(const pisar_names *h, const char *key);
static int known_key(const pisar_names *h, const char *key);

/* Is this word (in any case form) a place of the gazetteer? */
static int is_place_word(const pisar_names *h, const char *s, size_t n)
{
    char *w = dup(s, n);
    if (!w) return 0;
    char *k = key_of(h, w, n);
    if (k && k[0] != '@') {
        char *nb = NULL;
        size_t dropped;
        free(k);
        k = known_nominative(h, w, &nb, &dropped, 0);
        free(nb);
    }
    const pn_gaz_entry *e = k && k[0] == '@' ? entry_of(h, k) : NULL;
    int place = e && !strcmp(e->kind, "place");
    free(k);
    free(w);
    return place;
}

/* Does the gazetteer or the collection know this word as a name (its key,
 * or a word of a longer mention's key)? */
static int known_word(const pisar_names *h, const char *s, size_t n)
{
    char *k = key_of(h, s, n);
    int known = k && (k[0] == '@' || known_key(h, k) || smap_get(&h->known_words, k));
    free(k);
    return known;
}

/* Is this run of words a name the gazetteer (2) or the collection (1)
 * knows, as written or with its case endings stripped? 0 if neither. */
static int known_name(const pisar_names *h, const char *s, size_t n)
{
    char *w = dup(s, n);
    if (!w) return 0;
    char *k = key_of(h, w, n);
    int known = k && (k[0] == '@' || known_key(h, k));
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
        char *lk = key_of(h, last + 1, strlen(last + 1));
        int bad = lk && lk[0] != '@' && smap_put(&h->known_last, lk, 1);
        free(lk);
        if (bad) return 0;
    }
    char *w = dup(s, n);
    if (!w) return 0;
    char *k = key_of(h, w, n);
    const pn_gaz_entry *e = k && k[0] == '@' ? entry_of(h, k) : NULL;
    int known = k && ((e && !strcmp(e->kind, "person")) || smap_get(&h->known_last, k));
    if (!known && (!k || k[0] != '@')) {
        char *nb = NULL;
        size_t dropped = 0;
        free(k);
        k = known_nominative(h, w, &nb, &dropped, 0);
        e = k && k[0] == '@' ? entry_of(h, k) : NULL;
        known = k && ((e && !strcmp(e->kind, "person")) || smap_get(&h->known_last, k));
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

/* The words the text writes in lower case somewhere (a capitalised word at
 * the start of a sentence that is also written in lower case is a common
 * word: "Письмо Фёдора Достоевского" -> Фёдора Достоевского). */
static int lower_words(const char *text, size_t len, smap *set, int *nounlang)
{
    pisar_buf w = {0};
    int rc = PISAR_OK;
    size_t total = 0, hits = 0;
    for (size_t i = 0; i < len && !rc;) {
        size_t at = i;
        unsigned c = pn_utf8_next(text, len, &i);
        if (!pn_is_name_letter(c)) continue;
        size_t end = i;
        while (end < len) {
            size_t k = end;
            if (!pn_is_name_letter(pn_utf8_next(text, len, &k))) break;
            end = k;
        }
        i = end;
        if (!pn_is_lower(c)) continue;
        total++;
        hits += (size_t)pn_is_nounlang_word(text + at, end - at);
        pisar_buf_clear(&w);
        rc = pisar_buf_append(&w, text + at, end - at);
        if (!rc) rc = smap_put(set, w.data, 1);
    }
    pisar_buf_free(&w);
    /* German function words make 4 % or more of the lower-case words */
    *nounlang = total >= 10 && hits * 25 >= total;
    return rc;
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
                     const smap *lower_set, pisar_buf *lwp)
{
    span sp[16];
    size_t ns = 0, i = 0, prev_s = 0, prev_e = 0, prev2_s = 0, prev2_e = 0;
    int sentence = 1;
#define lower (*lower_set)
#define lw (*lwp)
    while (i < len) {
        size_t at = i;
        unsigned c = pn_utf8_next(text, len, &i);
        if (!pn_is_name_letter(c) || (c < 0x80 && !((c | 32) >= 'a' && (c | 32) <= 'z'))) {
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
        int allcaps = pn_is_upper(c), nletters = 1;
        while (j < len) {
            size_t k = j;
            unsigned d = pn_utf8_next(text, len, &k);
            if (pn_is_name_letter(d) && d == '\'') {
                /* a possessive 's, or an apostrophe ending the word */
                size_t q = k;
                unsigned e = k < len ? pn_utf8_next(text, len, &q) : 0;
                size_t r = q;
                unsigned f = q < len ? pn_utf8_next(text, len, &r) : 0;
                if (!e || !pn_is_name_letter(e) ||
                    ((e == 's' || e == 'S') && !pn_is_name_letter(f)))
                    break;
            }
            if (pn_is_name_letter(d)) {
                if (!pn_is_upper(d) && d != '\'') allcaps = 0;
                nletters++;
                j = end = k;
                continue;
            }
            if (d == '-' && k < len) {
                size_t q = k;
                if (pn_is_name_letter(pn_utf8_next(text, len, &q))) {
                    j = k;
                    continue;
                }
            }
            break;
        }
        i = end;
        int prev_joined = prev_e && prev_e + 1 == at && text[prev_e] == ' ';
        int prev_lower = prev_joined && pn_is_lower((unsigned char)text[prev_s]);
        size_t pi = prev_s;
        if (prev_joined && !prev_lower) prev_lower = pn_is_lower(pn_utf8_next(text, len, &pi));
        span s = {
            at,
            end,
            pn_is_upper(c),
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
            char *k = key_of(h, text + at, end - at);
            good = k && k[0] == '@';
            free(k);
        }
        if (good && s.sentence_start && !s.initial && lower.n &&
            !pn_lower_first(text + at, end - at, &lw) && smap_get(&lower, lw.data))
            good = 0;
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
#undef lower
#undef lw
}

static int scan(pisar_names *h, const char *text, size_t len, found_fn fn, void *user)
{
    smap lower = {0};
    pisar_buf lw = {0};
    int rc = lower_words(text, len, &lower, &h->nounlang);
    if (!rc) rc = scan_runs(h, text, len, fn, user, &lower, &lw);
    h->nounlang = 0;
    smap_free(&lower);
    pisar_buf_free(&lw);
    return rc;
}

/* ---- nominative forms ---- */

static int ends_with(const char *w, size_t n, const char *e, size_t en)
{
    return n > en + 1 && !memcmp(w + n - en, e, en);
}

/* The words of s[0, n) split at spaces: their starts and ends, up to max. */
static size_t split_words(const char *s, size_t n, size_t *starts, size_t *ends, size_t max)
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

/* Build the nominative of a Cyrillic mention in h->scratch; *gender gets
 * 'm', 'f', '?' (ambiguous -ова) or 0 (nothing stripped); for '?' the
 * masculine reading goes to h->scratch2. */
static int nominative(pisar_names *h, const char *s, size_t n, char *gender)
{
    pisar_buf_clear(&h->scratch);
    pisar_buf_clear(&h->scratch2);
    *gender = 0;
    /* words split at spaces; the last one is the surname */
    size_t starts[16], ends[16], nw = split_words(s, n, starts, ends, 16);
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

static char *dup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

static char *key_of(const pisar_names *h, const char *s, size_t n)
{
    /* initials ("В. В. Путин") do not take part in the key */
    pisar_buf t = {0}, k = {0};
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        size_t q = i;
        pn_utf8_next(s, n, &q);
        int initial = j > i && s[j - 1] == '.' && q + 1 == j;
        if (!initial) {
            if (t.len) pisar_buf_append(&t, " ", 1);
            pisar_buf_append(&t, s + i, j - i);
        }
        i = j + 1;
    }
    if (!t.data || key_common(&h->user, t.data, t.len, &k, 1) || !k.len) {
        pisar_buf_free(&t);
        pisar_buf_free(&k);
        return NULL;
    }
    pisar_buf_free(&t);
    return k.data;
}

/* Is a key known to the collection (or the gazetteer)? */
static int known_key(const pisar_names *h, const char *key)
{
    return key[0] == '@' || smap_get(&h->known, key) != NULL;
}

/* Does a Cyrillic word end in a consonant (or ь, й)? */
static int cyr_consonant_end(const char *w, size_t n)
{
    size_t i = 0;
    unsigned c = 0;
    while (i < n)
        c = pn_utf8_next(w, n, &i);
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
                    char *k = key_of(h, c.data, c.len);
                    /* a lone word may also be the surname of a longer mention
                     * ("Djokovićovi" after "Novak Djoković") */
                    /* a leading word goes before a lone known word only if
                     * the gazetteer knows it ("Mluvčí Peskov") or, at the
                     * start of a sentence, the word shows a case ("Вчера
                     * Пугачёву"): not "Donald Tusk" because a lone "Туск"
                     * was seen, nor "noblistę Alesia Bialackiego" */
                    int cased = lx && sstart;
                    int ok =
                        k && (k[0] == '@' || known_key(h, k) ||
                              (nw - lead == 1 && (!lead || cased) && smap_get(&h->known_words, k)));
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
    char *surface = dup(s, n), *nb2 = NULL;
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
    m.sure = 1;
    m.sstart = (sentence_single & FOUND_SSTART) != 0;
    size_t q = 0;
    int cyr_mention = pn_is_cyrillic(pn_utf8_next(s, n, &q));
    if (cyr_mention) {
        char g;
        if (nominative(h, s, n, &g)) return ctx->rc = PISAR_ENOMEM;
        m.base = dup(h->scratch.data ? h->scratch.data : "", h->scratch.len);
        if (g == '?') {
            m.sure = 0;
            m.alt_base = dup(h->scratch2.data, h->scratch2.len);
            if (!m.alt_base) goto nomem;
            m.alt_key = key_of(h, m.alt_base, strlen(m.alt_base));
        }
    } else {
        m.base = dup(s, n);
    }
    if (!m.base) goto nomem;
    m.key = key_of(h, m.base, strlen(m.base));
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
    if (m.key[0] != '@' && !known_key(h, m.key)) {
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
    if ((sentence_single & FOUND_SINGLE) && !known_key(h, m.key) &&
        !smap_get(&h->known_words, m.key)) {
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
    if (smap_put(&h->known, m.key, 1)) goto nomem;
    if (m.key[0] != '@' && strchr(m.key, ' ')) {
        char *copy = dup(m.key, strlen(m.key));
        if (!copy) goto nomem;
        int bad = 0;
        for (char *save = NULL, *w = strtok_r(copy, " ", &save); w && !bad;
             w = strtok_r(NULL, " ", &save))
            bad = smap_put(&h->known_words, w, 1);
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
    add_ctx ctx = {h->ndocs++, 0};
    size_t before = h->nm;
    rc = scan(h, text, len, add_found, &ctx);
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
    add_ctx ctx = {h->ndocs++, 0};
    add_found(h, name, 0, len, 0, &ctx);
    return ctx.rc;
}

/* ---- grouping ---- */

static int is_latin_text(const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n)
        if (pn_is_cyrillic(pn_utf8_next(s, n, &i))) return 0;
    return 1;
}

/* Mention m joins the group of key (copied; the handle knows it). */
static int join_key(pisar_names *h, mention *m, const char *key)
{
    char *k = dup(key, strlen(key));
    if (!k) return PISAR_ENOMEM;
    free(m->key);
    m->key = k;
    return smap_put(&h->known, k, 1);
}

/* Put key -> val, or mark the key as meeting several values (`many`) when
 * it already maps to a mention with another key. */
static int put_unique(pisar_names *h, smap *m, const char *key, size_t val, size_t many)
{
    size_t *v = smap_get(m, key);
    if (!v) return smap_put(m, key, val);
    if (*v != many && strcmp(h->m[*v].key, h->m[val].key)) *v = many;
    return PISAR_OK;
}

typedef struct reading_ctx {
    pisar_names *h;
    const smap *exact, *loose; /* loose[a]: the originals folded as PN_ALIKE_* a says */
    size_t target;             /* mention index met, or NONE */
    int several;               /* readings met originals of different keys */
    pisar_buf given;
} reading_ctx;

#define NONE ((size_t)-2)
#define MANY ((size_t)-1)

static int reading_fn(const char *key, int alike, void *user)
{
    reading_ctx *r = user;
    pisar_buf_clear(&r->given);
    int rc = pn_map_given(key, pn_builtin_given, PN_BUILTIN_NGIVEN, &r->given);
    if (rc || !r->given.data) return rc ? rc : PISAR_ENOMEM;
    size_t *v = smap_get(r->exact, r->given.data);
    if (!v && alike) {
        pn_fold_alike(r->given.data, alike);
        v = smap_get(&r->loose[alike], r->given.data);
    }
    if (!v) return PISAR_OK;
    if (*v == MANY || (r->target != NONE && strcmp(r->h->m[*v].key, r->h->m[r->target].key))) {
        r->several = 1;
        return 1; /* stop */
    }
    r->target = *v;
    return PISAR_OK;
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
    smap anchored = {0}, exact = {0}, loose[4] = {{0}}, done = {0};
    pisar_buf pk = {0}, gk = {0};
    int rc = PISAR_OK;
    for (size_t i = 0; i < h->nm && !rc; i++) {
        mention *m = &h->m[i];
        if (is_latin_text(m->base)) continue;
        if ((rc = smap_put(&anchored, m->key, 1))) break;
        pisar_buf_clear(&pk);
        pisar_buf_clear(&gk);
        if (pn_phonetic(m->base, strlen(m->base), &pk) || !pk.data) continue;
        if ((rc = pn_map_given(pk.data, pn_builtin_given, PN_BUILTIN_NGIVEN, &gk))) break;
        if (!gk.data) continue;
        if ((rc = put_unique(h, &exact, gk.data, i, many))) break;
        for (int a = 1; a < 4 && !rc; a++) {
            pisar_buf_clear(&pk);
            if ((rc = pisar_buf_puts(&pk, gk.data))) break;
            pn_fold_alike(pk.data, a);
            rc = put_unique(h, &loose[a], pk.data, i, many);
        }
    }
    for (size_t i = 0; i < h->nm && !rc && exact.cap; i++) {
        mention *m = &h->m[i];
        if (m->key[0] == '@' || smap_get(&anchored, m->key) || !is_latin_text(m->base)) continue;
        size_t *d = smap_get(&done, m->base), target;
        if (d) {
            target = *d;
        } else {
            reading_ctx r = {h, &exact, loose, NONE, 0, {0}};
            int x = pn_readings(m->base, strlen(m->base), reading_fn, &r);
            pisar_buf_free(&r.given);
            if (x < 0) {
                rc = x;
                break;
            }
            target = r.several || r.target == NONE ? many : r.target;
            if ((rc = smap_put(&done, m->base, target))) break;
        }
        if (target == many) continue;
        rc = join_key(h, m, h->m[target].key);
    }
    pisar_buf_free(&pk);
    pisar_buf_free(&gk);
    smap_free(&anchored);
    smap_free(&exact);
    for (int a = 1; a < 4; a++)
        smap_free(&loose[a]);
    smap_free(&done);
    return rc;
}

static int cmp_variant(const void *a, const void *b)
{
    const pisar_name_variant *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return strcmp(x->text, y->text);
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
        size_t nw = split_words(h->m[i].base, strlen(h->m[i].base), starts, ends, 8);
        if (h->m[i].key[0] == '@') continue;
        rc = smap_put(nw == 1 ? &lone : &bywords, h->m[i].key, nw);
    }
    for (size_t i = 0; i < h->nm && !rc; i++) {
        mention *m = &h->m[i];
        size_t nw = split_words(m->base, strlen(m->base), starts, ends, 8);
        if (nw < 3 || nw > 6 || m->key[0] == '@') continue;
        for (size_t d = 1; d <= 2 && nw - d >= 2 && !rc; d++) {
            const char *tail = m->base + starts[d];
            char *tk = key_of(h, tail, strlen(tail));
            if (!tk) continue;
            size_t *v = smap_get(&bywords, tk);
            const pn_gaz_entry *e = tk[0] == '@' ? entry_of(h, tk) : NULL;
            int take = (e && !strcmp(e->kind, "person")) || (v && *v == nw - d);
            if (!take && d == 1 && nw == 3 && m->sstart &&
                !is_patronymic(m->base + starts[1], ends[1] - starts[1])) {
                char *first = key_of(h, m->base, ends[0]);
                char *last = key_of(h, m->base + starts[2], ends[2] - starts[2]);
                take = last && smap_get(&lone, last) && (!first || !smap_get(&lone, first));
                free(first);
                free(last);
            }
            if (!take) {
                free(tk);
                continue;
            }
            char *nb = dup(tail, strlen(tail));
            if (!nb || (rc = smap_put(&h->resplit, m->base, d))) {
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
            rc = smap_put(&h->known, tk, 1);
            break;
        }
    }
    smap_free(&bywords);
    smap_free(&lone);
    return rc;
}

/* Settle ambiguous forms and lone surnames, then group; linear in the
 * number of mentions (hash maps), except the variants of one group. */
static int regroup(pisar_names *h)
{
    if (!h->dirty) return PISAR_OK;
    free_groups(h);
    int rc = resplit_titles(h);
    if (rc) return rc;
    /* 1: -ова read as masculine when only the masculine is known for sure */
    smap sure = {0};
    for (size_t i = 0; i < h->nm && !rc; i++)
        if (h->m[i].sure) rc = smap_put(&sure, h->m[i].key, 1);
    for (size_t i = 0; i < h->nm && !rc; i++) {
        mention *m = &h->m[i];
        if (m->sure || !m->alt_key) continue;
        if (smap_get(&sure, m->alt_key) && !smap_get(&sure, m->key)) {
            char *b = m->base, *k = m->key;
            m->base = m->alt_base;
            m->key = m->alt_key;
            m->alt_base = b;
            m->alt_key = k;
        }
        m->sure = 1;
    }
    smap_free(&sure);
    /* 2: a lone surname joins the one full name that ends in it: map every
     * word of every full name's phonetic key to that name's mention */
    smap words = {0};
    pisar_buf pk = {0};
    const size_t many = (size_t)-1;
    for (size_t j = 0; j < h->nm && !rc; j++) {
        mention *o = &h->m[j];
        if (!strchr(o->base, ' ')) continue;
        pisar_buf_clear(&pk);
        if (pn_phonetic(o->base, strlen(o->base), &pk) || !pk.data) continue;
        for (char *save = NULL, *w = strtok_r(pk.data, " ", &save); w && !rc;
             w = strtok_r(NULL, " ", &save)) {
            size_t *v = smap_get(&words, w);
            if (!v)
                rc = smap_put(&words, w, j);
            else if (*v != many && strcmp(h->m[*v].key, o->key))
                *v = many;
        }
    }
    pisar_buf_free(&pk);
    for (size_t i = 0; i < h->nm && !rc; i++) {
        mention *m = &h->m[i];
        if (m->key[0] == '@' || strchr(m->key, ' ')) continue;
        size_t *v = smap_get(&words, m->key);
        if (!v || *v == many || !strcmp(h->m[*v].key, m->key)) continue;
        /* only into a person's name: "North" is not North Korea */
        const pn_gaz_entry *e = entry_of(h, h->m[*v].key);
        if (e && strcmp(e->kind, "person")) continue;
        rc = join_key(h, m, h->m[*v].key);
    }
    smap_free(&words);
    if (!rc) rc = resolve_readings(h);
    if (rc) return rc;
    /* 3: groups by key */
    h->g = calloc(h->nm ? h->nm : 1, sizeof *h->g);
    if (!h->g) return PISAR_ENOMEM;
    for (size_t i = 0; i < h->nm; i++) {
        mention *m = &h->m[i];
        if ((rc = smap_put(&h->bindex, m->base, i))) return rc;
        size_t *gi = smap_get(&h->gindex, m->key);
        group *g;
        if (gi) {
            g = &h->g[*gi];
        } else {
            if ((rc = smap_put(&h->gindex, m->key, h->ng))) return rc;
            g = &h->g[h->ng++];
            if (!(g->key = dup(m->key, strlen(m->key)))) return PISAR_ENOMEM;
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
    for (size_t k = 0; k < h->ng; k++) {
        group *g = &h->g[k];
        qsort(g->variants, g->nvariants, sizeof *g->variants, cmp_variant);
        const pn_gaz_entry *e = entry_of(h, g->key);
        const char *canon = NULL;
        if (e) {
            canon = e->canonical;
            g->source = PISAR_NAME_FROM_GAZETTEER;
            snprintf(g->source_text, sizeof g->source_text, "gazetteer:%s", e->id);
            g->kind = e->kind;
        } else {
            g->kind = "";
            /* the house style's scheme on the most frequent Cyrillic original
             * of the most words (the full name a lone surname joined) */
            const char *cyr = NULL;
            size_t cyr_words = 0;
            for (size_t v = 0; v < g->nvariants; v++) {
                const char *t = g->variants[v].text;
                if (is_latin_text(t)) continue;
                size_t nwords = 1;
                for (const char *c = t; *c; c++)
                    nwords += *c == ' ';
                if (nwords > cyr_words) {
                    cyr = t;
                    cyr_words = nwords;
                }
            }
            if (cyr) {
                int lang = cyr_language(cyr, h->lang_hint);
                const char *id = style_schemes[h->style_index][lang];
                if (!h->tr[lang] &&
                    pisar_translit_open(&h->tr[lang], id, PISAR_TRANSLIT_FORWARD, NULL))
                    h->tr[lang] = NULL;
                pisar_buf r = {0};
                if (h->tr[lang] && !pisar_translit_apply(h->tr[lang], cyr, strlen(cyr), &r) &&
                    r.len) {
                    g->canonical = r.data;
                    g->source = PISAR_NAME_FROM_SCHEME;
                    snprintf(g->source_text, sizeof g->source_text, "scheme:%s", id);
                    continue;
                }
                pisar_buf_free(&r);
            }
            /* the most frequent Latin variant of the most words: a lone
             * surname that joined a full name is not the group's spelling */
            size_t canon_words = 0;
            for (size_t v = 0; v < g->nvariants; v++) {
                const char *t = g->variants[v].text;
                if (!is_latin_text(t)) continue;
                size_t nwords = 1;
                for (const char *c = t; *c; c++)
                    nwords += *c == ' ';
                if (nwords > canon_words) {
                    canon = t;
                    canon_words = nwords;
                }
            }
            if (!canon) canon = g->variants[0].text;
            g->source = PISAR_NAME_FROM_FREQUENCY;
            snprintf(g->source_text, sizeof g->source_text, "frequency");
        }
        if (!(g->canonical = dup(canon, strlen(canon)))) return PISAR_ENOMEM;
    }
    qsort(h->g, h->ng, sizeof *h->g, cmp_group);
    smap_free(&h->gindex);
    for (size_t k = 0; k < h->ng; k++)
        if ((rc = smap_put(&h->gindex, h->g[k].key, k))) return rc;
    h->dirty = 0;
    return PISAR_OK;
}

int pisar_names_group_key(pisar_names *h, const char *name, size_t len, pisar_buf *key)
{
    if (!h || !key || (!name && len)) return PISAR_EINVAL;
    size_t bad;
    int rc = len ? pn_utf8_check(name, len, &bad) : PISAR_OK;
    if (!rc) rc = regroup(h);
    if (rc) return rc;
    char *s = dup(name ? name : "", len);
    if (!s) return PISAR_ENOMEM;
    size_t *mi = smap_get(&h->bindex, s);
    free(s);
    if (mi) return pisar_buf_puts(key, h->m[*mi].key);
    return pisar_names_key(h, name, len, key);
}

size_t pisar_names_group_count(pisar_names *h)
{
    if (!h || regroup(h)) return 0;
    return h->ng;
}

int pisar_names_group(pisar_names *h, size_t i, pisar_name_group *out)
{
    if (!h || !out) return PISAR_EINVAL;
    int rc = regroup(h);
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
    int cyr = pn_is_cyrillic(pn_utf8_next(s, n, &q));
    const char *base = NULL;
    char *key = NULL, *alt = NULL;
    char *basecopy = NULL, *altbase = NULL;
    if (cyr) {
        char g;
        if (nominative(h, s, n, &g)) return ctx->rc = PISAR_ENOMEM;
        basecopy = dup(h->scratch.data ? h->scratch.data : "", h->scratch.len);
        if (g == '?' && h->scratch2.data) {
            alt = key_of(h, h->scratch2.data, h->scratch2.len);
            altbase = dup(h->scratch2.data, h->scratch2.len);
        }
    } else {
        basecopy = dup(s, n);
    }
    if (!basecopy) {
        free(alt);
        free(altbase);
        return ctx->rc = PISAR_ENOMEM;
    }
    base = basecopy;
    /* a run the collection found to start with a title: the name alone */
    size_t *drop = smap_get(&h->resplit, base);
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
    key = key_of(h, base, strlen(base));
    if (!key) {
        free(basecopy);
        free(altbase);
        free(alt);
        return 0;
    }
    /* the masculine reading of an ambiguous -ова, if that one is known */
    if (alt && altbase && key[0] != '@' && !known_key(h, key) &&
        (alt[0] == '@' || known_key(h, alt))) {
        free(key);
        key = alt;
        alt = NULL;
        free(basecopy);
        base = basecopy = altbase;
        altbase = NULL;
    }
    if (key[0] != '@' && !known_key(h, key)) {
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
    size_t *gi = smap_get(&h->gindex, key);
    if (gi) g = &h->g[*gi];
    if (!g && alt && altbase && (gi = smap_get(&h->gindex, alt))) {
        g = &h->g[*gi];
        base = altbase;
    }
    if (!g) {
        /* the same nominative was collected (a lone surname that joined a
         * full name) */
        size_t *mi = smap_get(&h->bindex, base);
        if (mi && (gi = smap_get(&h->gindex, h->m[*mi].key))) g = &h->g[*gi];
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
    const pn_gaz_entry *e = g ? NULL : entry_of(h, key);
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
    if ((rc = regroup(h))) return rc;
    find_ctx ctx = {cb, user, 0, NULL, 0, 0, 0};
    rc = len ? scan(h, text, len, find_found, &ctx) : 0;
    return ctx.rc ? ctx.rc : rc;
}

int pisar_names_rewrite(pisar_names *h, const char *text, size_t len, unsigned flags,
                        pisar_buf *out, pisar_name_callback cb, void *user, pisar_error *err)
{
    if (!h || !out || (!text && len)) return PISAR_EINVAL;
    int rc = check_text(text, len, err);
    if (rc) return rc;
    if ((rc = regroup(h))) return rc;
    find_ctx ctx = {cb, user, 0, out, 0, flags, 1};
    rc = len ? scan(h, text, len, find_found, &ctx) : 0;
    if (ctx.rc) return ctx.rc;
    if (rc) return rc;
    if (pisar_buf_append(out, text ? text + ctx.copied : "", len - ctx.copied)) return PISAR_ENOMEM;
    return PISAR_OK;
}
