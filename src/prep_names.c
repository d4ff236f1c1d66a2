/* prep_names.c -- glue to the names stage (names.h) for pisar prep and pisar
 * align: the note of the names found in a sentence, with their canonical
 * spelling and where it comes from, and name keys for alignment anchors. */
#include "prep_names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "pisar/pisar.h"
#include "pisar/names.h"

/* The full names (two words or more, nominative) seen so far in the document,
 * each once: a hash set of strings. */
typedef struct name_set {
    char **items;  /* in order of first sight */
    size_t n, cap; /* items */
    size_t *slot;  /* open addressing: index + 1, 0 = empty */
    size_t nslot;  /* a power of two, more than twice n */
} name_set;

/* The full names whose last word starts with one prefix (indices into
 * prep_names.full). */
typedef struct name_list {
    size_t *at;
    size_t n, cap;
} name_list;

struct prep_names {
    pisar_names *h;
    const char *lang;
    name_set full;     /* the document's full names so far */
    name_set prefixes; /* the prefixes of their last words ... */
    name_list *lists;  /* ... and, for each, the full names (same index) */
    size_t *stamp;     /* per full name: the paragraph that last took it */
    size_t paragraph;
    pisar_buf key, note, changes;
    size_t count, mentions;
    const char *text; /* the sentence being searched */
    int oom;          /* memory ran out: notes are incomplete */
};

static size_t str_hash(const char *s)
{
    size_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* Add s to the set if absent: 1 if added, 0 if there, -1 (no memory). */
static int set_add(name_set *set, const char *s)
{
    if (2 * (set->n + 1) >= set->nslot) {
        size_t ns = set->nslot ? set->nslot * 2 : 64;
        size_t *slot = calloc(ns, sizeof *slot);
        if (!slot) return -1;
        for (size_t i = 0; i < set->n; i++) {
            size_t j = str_hash(set->items[i]) & (ns - 1);
            while (slot[j])
                j = (j + 1) & (ns - 1);
            slot[j] = i + 1;
        }
        free(set->slot);
        set->slot = slot;
        set->nslot = ns;
    }
    size_t j = str_hash(s) & (set->nslot - 1);
    for (; set->slot[j]; j = (j + 1) & (set->nslot - 1))
        if (!strcmp(set->items[set->slot[j] - 1], s)) return 0;
    if (set->n == set->cap) {
        size_t c = set->cap ? set->cap * 2 : 32;
        char **p = realloc(set->items, c * sizeof *p);
        if (!p) return -1;
        set->items = p;
        set->cap = c;
    }
    size_t len = strlen(s);
    char *copy = malloc(len + 1);
    if (!copy) return -1;
    memcpy(copy, s, len + 1);
    set->items[set->n++] = copy;
    set->slot[j] = set->n;
    return 1;
}

/* The index of s in the set, or (size_t)-1. */
static size_t set_find(const name_set *set, const char *s)
{
    if (!set->nslot) return (size_t)-1;
    for (size_t j = str_hash(s) & (set->nslot - 1); set->slot[j]; j = (j + 1) & (set->nslot - 1))
        if (!strcmp(set->items[set->slot[j] - 1], s)) return set->slot[j] - 1;
    return (size_t)-1;
}

/* The first PREFIX letters of a word, lower-cased, as UTF-8 in out (at least
 * 4 * PREFIX + 1 bytes); 0 if the word does not start with a capital. Case
 * endings change the end of a name, not its start (Розов, Розова, Розовым). */
enum { PREFIX = 4 };
static int word_prefix(const char *s, size_t n, char *out)
{
    int32_t i = 0, len = (int32_t)(n > 64 ? 64 : n), o = 0;
    for (int k = 0; k < PREFIX && i < len; k++) {
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (c < 0 || !u_isalpha(c)) break;
        if (!k && !u_isupper(c) && !u_istitle(c)) return 0;
        UBool err = 0;
        U8_APPEND((uint8_t *)out, o, 4 * PREFIX, u_tolower(c), err);
        if (err) break;
    }
    out[o] = '\0';
    return o > 0;
}

/* Remember a new full name (index i of pn->full) under its last word. */
static int index_full(prep_names *pn, size_t i)
{
    const char *name = pn->full.items[i], *last = strrchr(name, ' ');
    char pre[4 * PREFIX + 1];
    if (!last || !word_prefix(last + 1, strlen(last + 1), pre)) return 0;
    int added = set_add(&pn->prefixes, pre);
    if (added < 0) return -1;
    size_t k = set_find(&pn->prefixes, pre);
    if (added) {
        name_list *l = realloc(pn->lists, pn->prefixes.n * sizeof *l);
        if (!l) return -1;
        pn->lists = l;
        memset(&l[k], 0, sizeof l[k]);
    }
    name_list *l = &pn->lists[k];
    if (l->n == l->cap) {
        size_t c = l->cap ? l->cap * 2 : 4;
        size_t *p = realloc(l->at, c * sizeof *p);
        if (!p) return -1;
        l->at = p;
        l->cap = c;
    }
    l->at[l->n++] = i;
    size_t *st = realloc(pn->stamp, pn->full.n * sizeof *st);
    if (!st) return -1;
    pn->stamp = st;
    st[i] = 0;
    return 0;
}

static void set_free(name_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        free(set->items[i]);
    free(set->items);
    free(set->slot);
}

/* A names handle for the document's language. */
static pisar_names *new_handle(const char *lang)
{
    pisar_names *h = NULL;
    if (pisar_names_new(&h, NULL, NULL)) return NULL;
    /* The document's language picks the style's scheme for a Cyrillic name
     * whose letters do not tell (Охрид is Macedonian, Полтва Ukrainian); a
     * Latin-script or unknown language leaves it to the letters. */
    if (lang) (void)pisar_names_set_language(h, lang);
    return h;
}

prep_names *prep_names_new(const char *lang)
{
    prep_names *pn = calloc(1, sizeof *pn);
    if (pn && !(pn->h = new_handle(lang))) {
        free(pn);
        return NULL;
    }
    if (pn) pn->lang = lang;
    return pn;
}

void prep_names_free(prep_names *pn)
{
    if (!pn) return;
    pisar_names_free(pn->h);
    set_free(&pn->full);
    for (size_t i = 0; i < pn->prefixes.n; i++)
        free(pn->lists[i].at);
    free(pn->lists);
    free(pn->stamp);
    set_free(&pn->prefixes);
    pisar_buf_free(&pn->key);
    pisar_buf_free(&pn->note);
    pisar_buf_free(&pn->changes);
    free(pn);
}

static int on_mention(const pisar_name_mention *m, void *user)
{
    prep_names *pn = user;
    const char *canon = m->canonical ? m->canonical : m->base;
    const char *src = m->source_text ? m->source_text : "";
    int rc = pn->count++ ? pisar_buf_puts(&pn->note, "; ") : 0;
    if (!rc) rc = pisar_buf_append(&pn->note, pn->text + m->offset, m->length);
    if (!rc) rc = pisar_buf_puts(&pn->note, " -> ");
    if (!rc) rc = pisar_buf_puts(&pn->note, canon);
    if (!rc) rc = pisar_buf_puts(&pn->note, " (");
    if (!rc) rc = pisar_buf_puts(&pn->note, src);
    if (!rc) rc = pisar_buf_puts(&pn->note, ")");
    pn->mentions++;
    if (!rc && (strlen(canon) != m->length || memcmp(canon, pn->text + m->offset, m->length))) {
        rc = pisar_buf_append(&pn->changes, pn->text + m->offset, m->length);
        if (!rc) rc = pisar_buf_puts(&pn->changes, " -> ");
        if (!rc) rc = pisar_buf_puts(&pn->changes, canon);
        if (!rc) rc = pisar_buf_puts(&pn->changes, m->source_text ? " (" : "");
        if (!rc) rc = pisar_buf_puts(&pn->changes, src);
        if (!rc) rc = pisar_buf_puts(&pn->changes, m->source_text ? ")\n" : "\n");
    }
    if (rc) pn->oom = 1;
    return rc ? 1 : 0; /* nonzero stops the search */
}

/* At most this many full names are taken for one prefix (the latest). */
enum { MAX_PER_PREFIX = 16 };

int prep_names_paragraph(prep_names *pn, const char *s, size_t n)
{
    /* A fresh collection per paragraph, seeded with the document's earlier
     * full names whose surname starts like a capitalised word of the
     * paragraph, so that a lone surname takes the full name from anywhere
     * earlier in the document ("Розов" after "Александр Розов"). One
     * collection for the whole document would be regrouped after every
     * paragraph, in time proportional to all the mentions so far, and
     * seeding every full name costs as much: both are quadratic on long
     * inputs with many names (bench/RESULTS.md, "Name keys"). */
    if (!pn || !pn->h) return -1;
    /* the same handle, emptied: it keeps its prepared schemes and keys */
    pisar_names *h = pn->h;
    pisar_names_reset(h);
    pn->paragraph++;
    for (size_t i = 0; i < n && pn->full.n;) {
        size_t j = i;
        while (j < n && (unsigned char)s[j] > ' ')
            j++;
        char pre[4 * PREFIX + 1];
        size_t k;
        if (j > i && word_prefix(s + i, j - i, pre) &&
            (k = set_find(&pn->prefixes, pre)) != (size_t)-1) {
            const name_list *l = &pn->lists[k];
            for (size_t m = l->n > MAX_PER_PREFIX ? l->n - MAX_PER_PREFIX : 0; m < l->n; m++) {
                size_t f = l->at[m];
                if (pn->stamp[f] == pn->paragraph) continue;
                pn->stamp[f] = pn->paragraph;
                const char *name = pn->full.items[f];
                int rc = pisar_names_add_name(h, name, strlen(name), NULL);
                if (rc) {
                    if (rc == PISAR_ENOMEM) pn->oom = 1;
                    pisar_names_reset(h);
                    return -1;
                }
            }
        }
        i = j + 1;
    }
    int rc = pisar_names_add_text(pn->h, NULL, s, n, NULL);
    if (rc) {
        if (rc == PISAR_ENOMEM) pn->oom = 1;
        return -1;
    }
    size_t ng = pisar_names_group_count(pn->h);
    for (size_t i = 0; i < ng; i++) {
        pisar_name_group g;
        if (pisar_names_group(pn->h, i, &g)) continue;
        for (size_t v = 0; v < g.nvariants; v++) {
            if (!strchr(g.variants[v].text, ' ')) continue;
            int added = set_add(&pn->full, g.variants[v].text);
            if (added < 0 || (added && index_full(pn, pn->full.n - 1))) {
                pn->oom = 1;
                return -1;
            }
        }
    }
    return 0;
}

char *prep_names_note(prep_names *pn, const char *s, size_t n)
{
    if (!pn || !pn->h) return NULL;
    pisar_buf_clear(&pn->note);
    pisar_buf_clear(&pn->changes);
    pn->count = 0;
    pn->text = s;
    if (pisar_buf_append(&pn->changes, "", 0) || pisar_buf_puts(&pn->note, "Names: ")) {
        pn->oom = 1;
        return NULL;
    }
    int rc = pisar_names_find(pn->h, s, n, on_mention, pn, NULL);
    if (rc == PISAR_ENOMEM) pn->oom = 1;
    if (rc || !pn->count) return NULL;
    char *r = malloc(pn->note.len + 1);
    if (r)
        memcpy(r, pn->note.data, pn->note.len + 1);
    else
        pn->oom = 1;
    return r;
}

int prep_names_oom(const prep_names *pn)
{
    return !pn || pn->oom;
}

int prep_names_key(void *ctx, const char *word, size_t len, char *key, size_t cap)
{
    prep_names *pn = ctx;
    if (!pn || !cap) return 0;
    pisar_buf_clear(&pn->key);
    if (pisar_names_key(pn->h, word, len, &pn->key) || !pn->key.len) return 0;
    size_t n = pn->key.len < cap - 1 ? pn->key.len : cap - 1;
    memcpy(key, pn->key.data, n);
    key[n] = '\0';
    return (int)n;
}

const char *prep_names_changes(const prep_names *pn)
{
    return pn && pn->changes.data ? pn->changes.data : "";
}

size_t prep_names_mentions(const prep_names *pn)
{
    return pn ? pn->mentions : 0;
}

int prep_names_find(prep_names *pn, const char *s, size_t n, pisar_name_callback cb, void *user)
{
    if (!pn || !pn->h) return PISAR_EINVAL;
    return pisar_names_find(pn->h, s, n, cb, user, NULL);
}
