/*
 * names_gaz.c -- the gazetteer format (tables/names/README.md), shared by the
 * build-time generator and pisar_names_load_gazetteer().
 *
 *   # comment
 *   entry ID                  starts an entry (ID: a-z, 0-9, '-')
 *   name CANONICAL            the established spelling (required, once)
 *   kind person|place|org     optional
 *   source TEXT               optional, repeatable
 *   as-of DATE                optional: when the facts were checked
 *   note TEXT                 optional
 *   LANG FORM | FORM ...      forms in a language (2-3 lower-case letters:
 *                             ru, uk, be, bg, mk, sr, en, de, fr, pl, cs, ...)
 *   also FORM | FORM ...      other spellings of any origin
 */
#include "names_handle.h"
#include "names_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>

static char *keep(pn_gazetteer *g, const char *s, size_t n)
{
    if (g->nstrings == g->capstrings) {
        size_t cap = g->capstrings ? g->capstrings * 2 : 64;
        char **p = realloc(g->strings, cap * sizeof *p);
        if (!p) return NULL;
        g->strings = p;
        g->capstrings = cap;
    }
    char *c = malloc(n + 1);
    if (!c) return NULL;
    memcpy(c, s, n);
    c[n] = 0;
    g->strings[g->nstrings++] = c;
    return c;
}

void pn_gaz_free(pn_gazetteer *g)
{
    if (!g) return;
    for (size_t i = 0; i < g->nstrings; i++)
        free(g->strings[i]);
    free(g->strings);
    free(g->entries);
    free(g->index);
    memset(g, 0, sizeof *g);
}

static int fail(pn_gazetteer *g, pisar_error *err, int rc, size_t line, size_t off,
                const char *origin, const char *msg)
{
    if (err) {
        memset(err, 0, sizeof *err);
        err->line = line;
        err->offset = off;
        snprintf(err->message, sizeof err->message, "%s%s%s", origin ? origin : "",
                 origin ? ": " : "", msg);
    }
    pn_gaz_free(g);
    return rc;
}

/* Surname keys of persons, added to the index at the end of a parse. */
typedef struct surname {
    char *key;
    size_t entry;
} surname;

typedef struct surnames {
    surname *v;
    size_t n, cap;
} surnames;

/* Append a key (taking ownership of k's memory) for `entry`. */
static int push_key(surnames *sn, pisar_buf *k, size_t entry)
{
    if (sn->n == sn->cap) {
        size_t c = sn->cap ? sn->cap * 2 : 64;
        surname *p = realloc(sn->v, c * sizeof *p);
        if (!p) {
            pisar_buf_free(k);
            return PISAR_ENOMEM;
        }
        sn->v = p;
        sn->cap = c;
    }
    sn->v[sn->n].key = k->data;
    sn->v[sn->n].entry = entry;
    sn->n++;
    return PISAR_OK;
}

static int add_surname(surnames *sn, const char *s, size_t n, size_t entry)
{
    size_t i = n;
    while (i && s[i - 1] != ' ')
        i--;
    if (!i) return PISAR_OK; /* one word: its full key is the surname key */
    pisar_buf k = {0};
    int rc = pn_phonetic(s + i, n - i, &k);
    if (rc || !k.len) {
        pisar_buf_free(&k);
        return rc;
    }
    return push_key(sn, &k, entry);
}

/*
 * A Latin form with accents is also looked up as the presses print it without
 * them (Spanish "Jabárovsk" as "Jabarovsk"): a Latin letter of U+00C0-U+024F
 * whose canonical decomposition starts with an ASCII letter becomes that
 * letter; other characters (Cyrillic й, ё; ł, ø) stay. *changed tells whether
 * anything was stripped.
 */
static int strip_accents(const char *s, size_t n, pisar_buf *out, int *changed)
{
    UErrorCode ec = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&ec);
    *changed = 0;
    if (U_FAILURE(ec)) return PISAR_OK;
    int rc = PISAR_OK;
    for (size_t i = 0; i < n && !rc;) {
        size_t at = i;
        unsigned c = pn_utf8_next(s, n, &i);
        if (c >= 0xC0 && c <= 0x24F) {
            UChar d[8];
            ec = U_ZERO_ERROR;
            int32_t dn = unorm2_getDecomposition(nfd, (UChar32)c, d, 8, &ec);
            if (U_SUCCESS(ec) && dn > 1 && d[0] < 0x80 &&
                ((d[0] >= 'a' && d[0] <= 'z') || (d[0] >= 'A' && d[0] <= 'Z'))) {
                char b = (char)d[0];
                rc = pisar_buf_append(out, &b, 1);
                *changed = 1;
                continue;
            }
        }
        rc = pisar_buf_append(out, s + at, i - at);
    }
    return rc;
}

/* The key of a form without its accents, if it has any, for add_plain(). */
static int add_stripped(surnames *st, const char *s, size_t n, size_t entry)
{
    pisar_buf b = {0}, k = {0};
    int changed = 0;
    int rc = strip_accents(s, n, &b, &changed);
    if (!rc && changed) rc = pn_phonetic(b.data, b.len, &k);
    pisar_buf_free(&b);
    if (rc || !changed || !k.len) {
        pisar_buf_free(&k);
        return rc;
    }
    return push_key(st, &k, entry);
}

static void free_surnames(surnames *sn)
{
    for (size_t i = 0; i < sn->n; i++)
        free(sn->v[i].key);
    free(sn->v);
}

/* Append an index row for key (copied). */
static int push_index(pn_gazetteer *g, size_t *cap, const char *key, size_t entry, int surname)
{
    if (g->nindex == *cap) {
        size_t c = *cap ? *cap * 2 : 128;
        pn_gaz_index *p = realloc(g->index, c * sizeof *p);
        if (!p) return PISAR_ENOMEM;
        g->index = p;
        *cap = c;
    }
    char *kk = keep(g, key, strlen(key));
    if (!kk) return PISAR_ENOMEM;
    g->index[g->nindex].key = kk;
    g->index[g->nindex].entry = entry;
    g->index[g->nindex].surname = surname;
    g->nindex++;
    return PISAR_OK;
}

/* A form's key, and for a form of a Cyrillic language (lang >= 0) also its
 * key as a text of that language reads it (a Ukrainian Кличко: klychko). */
static int add_form(pn_gazetteer *g, const char *s, size_t n, size_t entry, size_t *cap, int lang)
{
    pisar_buf k = {0}, kl = {0};
    int rc = pn_phonetic(s, n, &k);
    if (!rc && !k.len) rc = PISAR_EPARSE;
    if (!rc) rc = push_index(g, cap, k.data, entry, 0);
    if (!rc && lang >= 0) rc = pn_phonetic_lang(s, n, lang, &kl);
    if (!rc && kl.len && strcmp(kl.data, k.data)) rc = push_index(g, cap, kl.data, entry, 0);
    pisar_buf_free(&k);
    pisar_buf_free(&kl);
    return rc;
}

static int valid_id(const char *s, size_t n)
{
    if (!n || n > 64) return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return 0;
    return 1;
}

static int is_lang(const char *s, size_t n)
{
    if (n < 2 || n > 3) return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z') return 0;
    return 1;
}

static int cmp_index(const void *a, const void *b)
{
    const pn_gaz_index *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->entry > y->entry) - (x->entry < y->entry);
}

static int parse_body(pn_gazetteer *g, const char *text, size_t len, const char *origin,
                      pisar_error *err, surnames *snp);

/* Row i's key is another entry's too (2), or an earlier row's of the same
 * entry (1), or neither (0). */
static int shared_key(const surnames *sn, size_t i)
{
    const surname *s = &sn->v[i];
    int dup = 0;
    for (size_t j = 0; j < sn->n; j++)
        if (!strcmp(sn->v[j].key, s->key)) {
            if (sn->v[j].entry != s->entry) return 2;
            if (j < i) dup = 1;
        }
    return dup;
}

/* Is key among the first n rows of the index? */
static int in_index(const pn_gazetteer *g, size_t n, const char *key)
{
    for (size_t j = 0; j < n; j++)
        if (!strcmp(g->index[j].key, key)) return 1;
    return 0;
}

/* Add the surnames of persons that name one entry only and are no entry's
 * full form ("Ушаков", "Зеленського" once its ending is stripped). */
static int add_surnames(pn_gazetteer *g, surnames *sn, size_t *capindex)
{
    for (size_t i = 0; i < sn->n; i++) {
        surname *s = &sn->v[i];
        if (strcmp(g->entries[s->entry].kind, "person") || shared_key(sn, i) ||
            in_index(g, g->nindex, s->key))
            continue;
        if (push_index(g, capindex, s->key, s->entry, 1)) return PISAR_ENOMEM;
    }
    return PISAR_OK;
}

/* The keys of the forms without accents (add_stripped()), unless the key
 * already names an entry or two entries share it. */
static int add_plain(pn_gazetteer *g, surnames *st, size_t *capindex)
{
    size_t n0 = g->nindex;
    for (size_t i = 0; i < st->n; i++) {
        surname *s = &st->v[i];
        if (shared_key(st, i) || in_index(g, n0, s->key)) continue;
        if (push_index(g, capindex, s->key, s->entry, 0)) return PISAR_ENOMEM;
    }
    return PISAR_OK;
}

int pn_gaz_parse(pn_gazetteer *g, const char *text, size_t len, const char *origin,
                 pisar_error *err)
{
    surnames sn[2] = {{0}, {0}};
    int rc = parse_body(g, text, len, origin, err, sn);
    free_surnames(&sn[0]);
    free_surnames(&sn[1]);
    return rc;
}

static int parse_body(pn_gazetteer *g, const char *text, size_t len, const char *origin,
                      pisar_error *err, surnames *snp)
{
    memset(g, 0, sizeof *g);
    if (!text && len) return fail(g, err, PISAR_EINVAL, 0, 0, origin, "no text");
    size_t bad;
    int rc = pn_utf8_check(text, len, &bad);
    if (rc) {
        size_t line = 1;
        for (size_t i = 0; i < bad; i++)
            line += text[i] == '\n';
        return fail(g, err, rc, line, bad, origin,
                    rc == PISAR_ETRUNC ? "truncated UTF-8" : "invalid UTF-8 (or NUL byte)");
    }
    size_t capentries = 0, capindex = 0, lineno = 0;
#define sn (*snp)
    int have_name = 1;
    size_t pos = 0;
    char msg[120];
    while (pos < len) {
        size_t eol = pos;
        while (eol < len && text[eol] != '\n')
            eol++;
        const char *l = text + pos;
        size_t n = eol - pos;
        size_t lineoff = pos;
        pos = eol + 1;
        lineno++;
        while (n && (l[n - 1] == '\r' || l[n - 1] == ' ' || l[n - 1] == '\t'))
            n--;
        while (n && (*l == ' ' || *l == '\t')) {
            l++;
            n--;
        }
        if (!n || *l == '#') continue;
        size_t fl = 0;
        while (fl < n && l[fl] != ' ' && l[fl] != '\t')
            fl++;
        const char *v = l + fl;
        size_t vn = n - fl;
        while (vn && (*v == ' ' || *v == '\t')) {
            v++;
            vn--;
        }
        if (!vn) {
            snprintf(msg, sizeof msg, "line %zu: field '%.*s' has no value", lineno,
                     (int)(fl > 32 ? 32 : fl), l);
            return fail(g, err, PISAR_EPARSE, lineno, lineoff, origin, msg);
        }
#define FIELD(s) (fl == sizeof(s) - 1 && !memcmp(l, s, fl))
        if (FIELD("entry")) {
            if (!have_name) {
                snprintf(msg, sizeof msg, "line %zu: previous entry has no 'name'", lineno);
                return fail(g, err, PISAR_EPARSE, lineno, lineoff, origin, msg);
            }
            if (!valid_id(v, vn)) {
                snprintf(msg, sizeof msg, "line %zu: entry id must be a-z, 0-9, '-'", lineno);
                return fail(g, err, PISAR_EPARSE, lineno, lineoff, origin, msg);
            }
            for (size_t e = 0; e < g->nentries; e++)
                if (strlen(g->entries[e].id) == vn && !memcmp(g->entries[e].id, v, vn)) {
                    snprintf(msg, sizeof msg, "line %zu: duplicate entry '%.*s'", lineno, (int)vn,
                             v);
                    return fail(g, err, PISAR_EPARSE, lineno, lineoff, origin, msg);
                }
            if (g->nentries == capentries) {
                size_t c = capentries ? capentries * 2 : 64;
                pn_gaz_entry *p = realloc(g->entries, c * sizeof *p);
                if (!p) return fail(g, err, PISAR_ENOMEM, lineno, lineoff, origin, "out of memory");
                g->entries = p;
                capentries = c;
            }
            pn_gaz_entry *e = &g->entries[g->nentries++];
            e->id = keep(g, v, vn);
            e->kind = "";
            e->canonical = NULL;
            e->source = "";
            if (!e->id) return fail(g, err, PISAR_ENOMEM, lineno, lineoff, origin, "out of memory");
            have_name = 0;
            continue;
        }
        if (!g->nentries) {
            snprintf(msg, sizeof msg, "line %zu: '%.*s' before the first 'entry'", lineno,
                     (int)(fl > 32 ? 32 : fl), l);
            return fail(g, err, PISAR_EPARSE, lineno, lineoff, origin, msg);
        }
        size_t ei = g->nentries - 1;
        pn_gaz_entry *e = &g->entries[ei];
        if (FIELD("name")) {
            if (have_name) {
                snprintf(msg, sizeof msg, "line %zu: second 'name' in entry '%s'", lineno, e->id);
                return fail(g, err, PISAR_EPARSE, lineno, lineoff, origin, msg);
            }
            if (!(e->canonical = keep(g, v, vn)))
                return fail(g, err, PISAR_ENOMEM, lineno, lineoff, origin, "out of memory");
            have_name = 1;
            rc = add_form(g, v, vn, ei, &capindex, -1);
            if (!rc) rc = add_surname(&sn, v, vn, ei);
            if (!rc) rc = add_stripped(&snp[1], v, vn, ei);
        } else if (FIELD("kind")) {
            if (!((vn == 6 && !memcmp(v, "person", 6)) || (vn == 5 && !memcmp(v, "place", 5)) ||
                  (vn == 3 && !memcmp(v, "org", 3)))) {
                snprintf(msg, sizeof msg, "line %zu: kind must be person, place or org", lineno);
                return fail(g, err, PISAR_EPARSE, lineno, lineoff, origin, msg);
            }
            if (!(e->kind = keep(g, v, vn)))
                return fail(g, err, PISAR_ENOMEM, lineno, lineoff, origin, "out of memory");
        } else if (FIELD("source")) {
            if (!*e->source && !(e->source = keep(g, v, vn)))
                return fail(g, err, PISAR_ENOMEM, lineno, lineoff, origin, "out of memory");
        } else if (FIELD("as-of") || FIELD("note")) {
            /* documentation only */
        } else if (FIELD("also") || is_lang(l, fl)) {
            static const char codes[][3] = {"ru", "uk", "be", "bg", "mk", "sr"};
            int flang = -1;
            for (int c = 0; c < L_N && fl == 2; c++)
                if (!memcmp(l, codes[c], 2)) flang = c;
            size_t a = 0;
            while (a < vn && !rc) {
                size_t b = a;
                while (b < vn && v[b] != '|')
                    b++;
                size_t s = a, t = b;
                while (s < t && (v[s] == ' ' || v[s] == '\t'))
                    s++;
                while (t > s && (v[t - 1] == ' ' || v[t - 1] == '\t'))
                    t--;
                if (t == s) {
                    snprintf(msg, sizeof msg, "line %zu: empty form", lineno);
                    return fail(g, err, PISAR_EPARSE, lineno, lineoff, origin, msg);
                }
                rc = add_form(g, v + s, t - s, ei, &capindex, flang);
                if (!rc) rc = add_surname(&sn, v + s, t - s, ei);
                if (!rc) rc = add_stripped(&snp[1], v + s, t - s, ei);
                a = b + 1;
            }
        } else {
            snprintf(msg, sizeof msg, "line %zu: unknown field '%.*s'", lineno,
                     (int)(fl > 32 ? 32 : fl), l);
            return fail(g, err, PISAR_EPARSE, lineno, lineoff, origin, msg);
        }
#undef FIELD
        if (rc == PISAR_EPARSE) {
            snprintf(msg, sizeof msg, "line %zu: a form without letters", lineno);
            return fail(g, err, rc, lineno, lineoff, origin, msg);
        }
        if (rc) return fail(g, err, rc, lineno, lineoff, origin, pisar_strerror(rc));
    }
    if (!have_name) {
        snprintf(msg, sizeof msg, "line %zu: last entry has no 'name'", lineno);
        return fail(g, err, PISAR_EPARSE, lineno, len, origin, msg);
    }
#undef sn
    if ((rc = add_plain(g, &snp[1], &capindex)))
        return fail(g, err, rc, lineno, len, origin, "out of memory");
    if ((rc = add_surnames(g, snp, &capindex)))
        return fail(g, err, rc, lineno, len, origin, "out of memory");
    if (g->nindex) qsort(g->index, g->nindex, sizeof *g->index, cmp_index);
    return PISAR_OK;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int pn_map_given(const char *key, const pn_given *tab, size_t n, pisar_buf *out)
{
    char *copy = strdup(key);
    if (!copy) return PISAR_ENOMEM;
    const char *words[32];
    size_t nw = 0;
    for (char *save = NULL, *w = strtok_r(copy, " ", &save); w && nw < 32;
         w = strtok_r(NULL, " ", &save)) {
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(tab[mid].key, w) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        const char *want = w;
        char iy[128];
        if (!(lo < n && !strcmp(tab[lo].key, w)) && strchr(w, 'y')) {
            /* a form the table holds with i for the key's y (Кирило read as
             * Ukrainian, kyrylo; the table has Кирило as kirilo) */
            size_t l = strlen(w);
            if (l < sizeof iy) {
                want = iy;
                for (size_t c = 0; c <= l; c++)
                    iy[c] = w[c] == 'y' ? 'i' : w[c];
                lo = 0, hi = n;
                while (lo < hi) {
                    size_t mid = lo + (hi - lo) / 2;
                    if (strcmp(tab[mid].key, iy) < 0)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
            }
        }
        words[nw++] = lo < n && !strcmp(tab[lo].key, want) ? tab[lo].canon : w;
    }
    qsort(words, nw, sizeof *words, cmp_cstr);
    int rc = PISAR_OK;
    for (size_t i = 0; i < nw && !rc; i++) {
        if (i) rc = pisar_buf_append(out, " ", 1);
        if (!rc) rc = pisar_buf_puts(out, words[i]);
    }
    if (!rc && !out->data) rc = pisar_buf_append(out, "", 0);
    free(copy);
    return rc;
}

int pn_gaz_map_given(pn_gazetteer *g, const pn_given *tab, size_t n)
{
    for (size_t i = 0; i < g->nindex; i++) {
        pisar_buf b = {0};
        if (pn_map_given(g->index[i].key, tab, n, &b)) {
            pisar_buf_free(&b);
            return PISAR_ENOMEM;
        }
        char *k = keep(g, b.data, b.len);
        pisar_buf_free(&b);
        if (!k) return PISAR_ENOMEM;
        g->index[i].key = k;
    }
    if (g->nindex) qsort(g->index, g->nindex, sizeof *g->index, cmp_index);
    return PISAR_OK;
}

size_t pn_gaz_lookup(const pn_gaz_index *index, size_t n, const char *key, int surnames)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(index[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < n && !strcmp(index[lo].key, key); lo++)
        if (surnames || !index[lo].surname) return index[lo].entry;
    return (size_t)-1;
}
