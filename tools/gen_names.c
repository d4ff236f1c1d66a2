/*
 * gen_names.c -- compile tables/names/ into C headers for libpisar.
 *
 *   gen_names rules OUT.h cyrillic.txt latin.txt
 *       the key alphabet: Cyrillic letter values and the Latin press
 *       conventions (markers and rewrite rules), see those files' headers;
 *   gen_names gazetteer OUT.h gazetteer.txt
 *       the built-in gazetteer, each form with its phonetic key computed by
 *       the library's own key code (this mode is built with src/names_key.c
 *       and src/names_gaz.c linked in), sorted for binary search.
 *
 * The headers open with a banner naming this program and its inputs.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef GEN_NAMES_GAZETTEER
#include "names_internal.h"
#endif

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gen_names: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

/* A C string literal of s (escapes everything outside printable ASCII). */
static void put_cstr(FILE *o, const char *s)
{
    fputc('"', o);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(o, "\\%c", *p);
        else if (*p < 0x20 || *p >= 0x7f)
            fprintf(o, "\\%03o", *p);
        else
            fputc(*p, o);
    }
    fputc('"', o);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) die("%s: cannot open", path);
    size_t cap = 1 << 16, n = 0, r;
    char *b = malloc(cap);
    while (b && (r = fread(b + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (n + 1 >= cap) b = realloc(b, cap *= 2);
    }
    fclose(f);
    if (!b) die("out of memory");
    b[n] = 0;
    if (len) *len = n;
    return b;
}

#ifndef GEN_NAMES_GAZETTEER

/* "static const char *const pn_NAME_I[] = {...};" for n strings `stride` apart. */
static void put_list(FILE *o, const char *name, int i, const char *items, size_t stride, int n)
{
    fprintf(o, "static const char *const pn_%s_%d[] = {", name, i);
    for (int j = 0; j < n; j++) {
        put_cstr(o, items + (size_t)j * stride);
        fputs(", ", o);
    }
    fprintf(o, "0};\n");
}

/* ---- rules mode ---- */

/* Decode one UTF-8 character (the tables are trusted, but checked). */
static unsigned utf8_one(const char *s, size_t *n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] < 0x80) {
        *n = 1;
        return p[0];
    }
    if ((p[0] & 0xe0) == 0xc0 && (p[1] & 0xc0) == 0x80) {
        *n = 2;
        return ((p[0] & 0x1fu) << 6) | (p[1] & 0x3fu);
    }
    if ((p[0] & 0xf0) == 0xe0 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
        *n = 3;
        return ((p[0] & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
    }
    *n = 0;
    return 0;
}

struct rule {
    char from[32];
    char to[16];
    int anchor;
};
struct conv {
    char id[16];
    char markers[32][16];
    int mflags[32];
    int nmarkers;
    int alike; /* 1: voicing, 2: hushes */
    char never[24][8];
    int nnever;
    char needs[16][8];
    int nneeds;
    char cues[32][16];
    int ncues;
    struct rule rules[128];
    int nrules;
};

struct suffix_line {
    int role;
    char g;
    char end[32], nom[32];
    size_t order;
};

static int cmp_suffix(const void *a, const void *b)
{
    const struct suffix_line *x = a, *y = b;
    size_t lx = strlen(x->end), ly = strlen(y->end);
    if (lx != ly) return lx < ly ? 1 : -1; /* longest ending first */
    return (x->order > y->order) - (x->order < y->order);
}

static void gen_suffixes(FILE *o, const char *path)
{
    char *text = slurp(path, NULL);
    static struct suffix_line lines[512];
    size_t n = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (!*line || *line == '#') continue;
        char role[8], g[4], end[32], nom[32];
        if (sscanf(line, "%7s %3s %31s %31s", role, g, end, nom) != 4 ||
            (strcmp(role, "first") && strcmp(role, "last") && strcmp(role, "any")) ||
            (strcmp(g, "m") && strcmp(g, "M") && strcmp(g, "f") && strcmp(g, "F") &&
             strcmp(g, "?") && strcmp(g, "-")))
            die("%s: cannot read '%s'", path, line);
        if (n == 512) die("%s: too many lines", path);
        lines[n].role = !strcmp(role, "any") ? 2 : !strcmp(role, "last");
        lines[n].g = g[0];
        strcpy(lines[n].end, end);
        strcpy(lines[n].nom, strcmp(nom, "-") ? nom : "");
        lines[n].order = n;
        n++;
    }
    qsort(lines, n, sizeof *lines, cmp_suffix);
    fprintf(o, "\nstatic const pn_suffix pn_suffixes[] = {\n");
    for (size_t i = 0; i < n; i++) {
        fprintf(o, "    {%d, '%c', ", lines[i].role, lines[i].g);
        put_cstr(o, lines[i].end);
        fprintf(o, ", %zu, ", strlen(lines[i].end));
        put_cstr(o, lines[i].nom);
        fprintf(o, "},\n");
    }
    fprintf(o, "    {0, 0, 0, 0, 0}\n};\n");
    free(text);
}

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* notnames.txt -> two sorted arrays of words, for binary search. */
static void gen_notnames(FILE *o, const char *path)
{
    char *text = slurp(path, NULL);
    static char *words[3][1024];
    size_t n[3] = {0, 0, 0};
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (!*line || *line == '#') continue;
        char kind[8], w[64];
        if (sscanf(line, "%7s %63s", kind, w) != 2 ||
            (strcmp(kind, "not") && strcmp(kind, "det") && strcmp(kind, "nouns")))
            die("%s: cannot read '%s'", path, line);
        int k = !strcmp(kind, "det") ? 1 : !strcmp(kind, "nouns") ? 2 : 0;
        if (n[k] == 1024) die("%s: too many words", path);
        words[k][n[k]++] = strdup(w);
    }
    static const char *const names[3] = {"notnames", "determiners", "nounlang"};
    for (int k = 0; k < 3; k++) {
        qsort(words[k], n[k], sizeof *words[k], cmp_strp);
        fprintf(o, "\nstatic const char *const pn_%s[] = {\n", names[k]);
        for (size_t i = 0; i < n[k]; i++) {
            if (i && !strcmp(words[k][i], words[k][i - 1])) continue;
            fputs("    ", o);
            put_cstr(o, words[k][i]);
            fputs(",\n", o);
        }
        fprintf(o, "    0\n};\n");
        for (size_t i = 0; i < n[k]; i++)
            free(words[k][i]);
    }
    free(text);
}

/* ukrainian.txt -> pn_uk_endings (NULL-terminated) and pn_uk_given (sorted,
 * PN_UK_NGIVEN of them), for names_key.c's reading of a word as Ukrainian. */
static void gen_ukrainian(FILE *o, const char *path)
{
    char *text = slurp(path, NULL);
    static char *words[2][256];
    size_t n[2] = {0, 0};
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (!*line || *line == '#') continue;
        char kind[8], w[64];
        if (sscanf(line, "%7s %63s", kind, w) != 2 ||
            (strcmp(kind, "end") && strcmp(kind, "given")))
            die("%s: cannot read '%s'", path, line);
        int k = !strcmp(kind, "given");
        if (n[k] == 256) die("%s: too many lines", path);
        words[k][n[k]++] = strdup(w);
    }
    qsort(words[1], n[1], sizeof *words[1], cmp_strp);
    static const char *const names[2] = {"uk_endings", "uk_given"};
    for (int k = 0; k < 2; k++) {
        fprintf(o, "\nstatic const char *const pn_%s[] = {\n", names[k]);
        for (size_t i = 0; i < n[k]; i++) {
            if (k && i && !strcmp(words[k][i], words[k][i - 1]))
                die("%s: given twice: %s", path, words[k][i]);
            fputs("    ", o);
            put_cstr(o, words[k][i]);
            fputs(",\n", o);
        }
        fprintf(o, "    0\n};\n");
    }
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < n[k]; i++)
            free(words[k][i]);
    fprintf(o, "#define PN_UK_NGIVEN %zu\n", n[1]);
    free(text);
}

static void gen_rules(const char *out, const char *cyr, const char *lat, const char *suf,
                      const char *notn, const char *ukr)
{
    const char *cyrmap[256] = {0};
    char *ctext = slurp(cyr, NULL);
    int lineno = 0;
    for (char *line = strtok(ctext, "\n"); line; line = strtok(NULL, "\n")) {
        lineno++;
        if (!*line || *line == '#') continue;
        size_t n;
        unsigned c = utf8_one(line, &n);
        if (!n || c < 0x400 || c > 0x4ff || line[n] != ' ') die("%s: bad line '%s'", cyr, line);
        const char *v = line + n + 1;
        if (!*v) die("%s: empty value for '%s'", cyr, line);
        for (const char *q = v; *q; q++)
            if (!((*q >= 'a' && *q <= 'z') || (*q == '-' && q == v && !q[1])))
                die("%s: value of '%s' must be a-z or '-'", cyr, line);
        if (cyrmap[c - 0x400]) die("%s: letter given twice: '%s'", cyr, line);
        cyrmap[c - 0x400] = strcmp(v, "-") ? v : "";
    }

    static struct conv convs[32];
    int nconv = 0;
    char *ltext = slurp(lat, NULL);
    struct conv *cur = NULL;
    for (char *line = strtok(ltext, "\n"); line; line = strtok(NULL, "\n")) {
        if (!*line || *line == '#') continue;
        char kw[16], a[64], b[64];
        b[0] = 0;
        int k = sscanf(line, "%15s %63s %63s", kw, a, b);
        if (!strcmp(kw, "convention") && k >= 2) {
            if (nconv == 32) die("%s: too many conventions", lat);
            cur = &convs[nconv++];
            if (strlen(a) >= sizeof cur->id) die("%s: id too long", lat);
            strcpy(cur->id, a);
        } else if (!strcmp(kw, "source")) {
            if (!cur) die("%s: source before convention", lat);
        } else if (!strcmp(kw, "marker") && k >= 2 && cur) {
            if (cur->nmarkers == 32 || strlen(a) >= 16) die("%s: marker '%s'", lat, a);
            int fl = 0;
            if (k == 3 && !strcmp(b, "word"))
                fl = 1;
            else if (k == 3 && !strcmp(b, "weak"))
                fl = 2;
            else if (k == 3 && !strcmp(b, "cued"))
                fl = 3;
            else if (k == 3 && !strcmp(b, "fallback"))
                fl = 4;
            else if (k == 3)
                die("%s: marker flag must be word, weak, cued or fallback: '%s'", lat, line);
            cur->mflags[cur->nmarkers] = fl;
            strcpy(cur->markers[cur->nmarkers++], a);
        } else if (!strcmp(kw, "alike") && k == 2 && cur) {
            if (!strcmp(a, "voicing"))
                cur->alike |= 1;
            else if (!strcmp(a, "hushes"))
                cur->alike |= 2;
            else
                die("%s: 'alike voicing' or 'alike hushes': '%s'", lat, line);
        } else if (!strcmp(kw, "needs") && k == 2 && cur) {
            if (cur->nneeds == 16 || strlen(a) >= 8) die("%s: needs '%s'", lat, a);
            strcpy(cur->needs[cur->nneeds++], a);
        } else if (!strcmp(kw, "never") && k == 2 && cur) {
            if (cur->nnever == 24 || strlen(a) >= 8) die("%s: never '%s'", lat, a);
            strcpy(cur->never[cur->nnever++], a);
        } else if (!strcmp(kw, "cue") && k == 2 && cur) {
            if (cur->ncues == 32 || strlen(a) >= 16) die("%s: cue '%s'", lat, a);
            strcpy(cur->cues[cur->ncues++], a);
        } else if (!strcmp(kw, "rule") && k == 3 && cur) {
            if (cur->nrules == 128) die("%s: too many rules in %s", lat, cur->id);
            struct rule *r = &cur->rules[cur->nrules++];
            char *f = a;
            r->anchor = 0;
            if (*f == '^') {
                r->anchor |= 1;
                f++;
            }
            size_t fl = strlen(f);
            if (fl && f[fl - 1] == '$') {
                r->anchor |= 2;
                f[--fl] = 0;
            }
            if (!fl || fl >= sizeof r->from || strlen(b) >= sizeof r->to)
                die("%s: bad rule '%s'", lat, line);
            strcpy(r->from, f);
            strcpy(r->to, strcmp(b, "-") ? b : "");
            for (const char *q = r->to; *q; q++)
                if ((*q < 'a' || *q > 'z') && *q != 'E')
                    die("%s: output of '%s' must be a-z (or E, the key's э)", lat, line);
        } else {
            die("%s: cannot read '%s'", lat, line);
        }
    }
    if (!nconv || strcmp(convs[nconv - 1].id, "generic"))
        die("%s: the last convention must be 'generic'", lat);

    FILE *o = fopen(out, "w");
    if (!o) die("%s: cannot write", out);
    fprintf(o, "/* Generated by tools/gen_names.c from %s, %s, %s and %s -- do not edit. */\n", cyr,
            lat, suf, notn);
    fprintf(o, "static const char *const pn_cyr[256] = {\n");
    for (int i = 0; i < 256; i++) {
        fputs("    ", o);
        if (cyrmap[i])
            put_cstr(o, cyrmap[i]);
        else
            fputs("0", o);
        fprintf(o, ", /* U+%04X */\n", 0x400 + i);
    }
    fprintf(o, "};\n\n");
    for (int i = 0; i < nconv; i++) {
        put_list(o, "markers", i, convs[i].markers[0], sizeof convs[i].markers[0],
                 convs[i].nmarkers);
        fprintf(o, "static const unsigned char pn_mflags_%d[] = {", i);
        for (int j = 0; j < convs[i].nmarkers; j++)
            fprintf(o, "%d, ", convs[i].mflags[j]);
        fprintf(o, "0};\n");
        put_list(o, "cues", i, convs[i].cues[0], sizeof convs[i].cues[0], convs[i].ncues);
        put_list(o, "needs", i, convs[i].needs[0], sizeof convs[i].needs[0], convs[i].nneeds);
        put_list(o, "never", i, convs[i].never[0], sizeof convs[i].never[0], convs[i].nnever);
        fprintf(o, "static const pn_rule pn_rules_%d[] = {\n", i);
        for (int j = 0; j < convs[i].nrules; j++) {
            fputs("    {", o);
            put_cstr(o, convs[i].rules[j].from);
            fprintf(o, ", %zu, ", strlen(convs[i].rules[j].from));
            put_cstr(o, convs[i].rules[j].to);
            fprintf(o, ", %d},\n", convs[i].rules[j].anchor);
        }
        fprintf(o, "    {0, 0, 0, 0}\n};\n");
    }
    fprintf(o, "\nstatic const pn_convention pn_conventions[] = {\n");
    for (int i = 0; i < nconv; i++) {
        fputs("    {", o);
        put_cstr(o, convs[i].id);
        fprintf(o,
                ", pn_markers_%d, pn_mflags_%d, pn_cues_%d, pn_rules_%d, %d, pn_never_%d, "
                "pn_needs_%d},\n",
                i, i, i, i, convs[i].alike, i, i);
    }
    fprintf(o, "};\n#define PN_NCONV %d\n", nconv);
    gen_suffixes(o, suf);
    gen_notnames(o, notn);
    gen_ukrainian(o, ukr);
    if (fclose(o)) die("%s: write error", out);
    free(ctext);
    free(ltext);
}

int main(int argc, char **argv)
{
    if (argc == 8 && !strcmp(argv[1], "rules")) {
        gen_rules(argv[2], argv[3], argv[4], argv[5], argv[6], argv[7]);
        return 0;
    }
    die("usage: gen_names rules OUT.h cyrillic.txt latin.txt suffixes.txt notnames.txt "
        "ukrainian.txt");
    return 2;
}

#else
/* ---- gazetteer mode ---- */

static int cmp_given(const void *a, const void *b)
{
    const pn_given *x = a, *y = b;
    return strcmp(x->key, y->key);
}

/* Every string read_given() allocates, to free them at the end. */
static char **given_strings;
static size_t ngiven_strings;

static char *remember(char *s)
{
    char **p = realloc(given_strings, (ngiven_strings + 1) * sizeof *p);
    if (!p) die("out of memory");
    given_strings = p;
    given_strings[ngiven_strings++] = s;
    return s;
}

/* Read tables/names/given.txt into a sorted table of (form key, class key). */
static pn_given *read_given(const char *path, size_t *count)
{
    char *text = slurp(path, NULL);
    size_t cap = 64, n = 0;
    pn_given *tab = malloc(cap * sizeof *tab);
    if (!tab) die("out of memory");
    int lineno = 0;
    for (char *save = NULL, *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        lineno++;
        if (!*line || *line == '#') continue;
        char *canon = NULL;
        for (char *s2 = NULL, *f = strtok_r(line, "|", &s2); f; f = strtok_r(NULL, "|", &s2)) {
            while (*f == ' ')
                f++;
            size_t fl = strlen(f);
            while (fl && f[fl - 1] == ' ')
                f[--fl] = 0;
            pisar_buf k = {0};
            if (!fl || pn_phonetic(f, fl, &k) || !k.len || strchr(k.data, ' '))
                die("%s: '%s' is not one word with letters", path, f);
            remember(k.data);
            if (!canon) {
                canon = k.data;
                continue;
            }
            if (!strcmp(k.data, canon)) continue;
            for (size_t i = 0; i < n; i++)
                if (!strcmp(tab[i].key, k.data) && strcmp(tab[i].canon, canon))
                    die("%s: '%s' is in two classes (%s, %s)", path, f, tab[i].canon, canon);
            if (n == cap && !(tab = realloc(tab, (cap *= 2) * sizeof *tab))) die("out of memory");
            tab[n].key = k.data;
            tab[n].canon = canon;
            n++;
        }
    }
    qsort(tab, n, sizeof *tab, cmp_given);
    /* drop exact duplicates */
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!m || strcmp(tab[m - 1].key, tab[i].key)) tab[m++] = tab[i];
    *count = m;
    free(text);
    return tab;
}

int main(int argc, char **argv)
{
    if (argc != 5 || strcmp(argv[1], "gazetteer"))
        die("usage: gen_names_gaz gazetteer OUT.h gazetteer.txt given.txt");
    size_t ngiven;
    pn_given *given = read_given(argv[4], &ngiven);
    size_t len;
    char *text = slurp(argv[3], &len);
    pn_gazetteer g;
    pisar_error err;
    memset(&err, 0, sizeof err);
    int rc = pn_gaz_parse(&g, text, len, argv[3], &err);
    if (rc) die("%s:%zu: %s", argv[3], err.line, err.message);
    if (pn_gaz_map_given(&g, given, ngiven)) die("out of memory");

    FILE *o = fopen(argv[2], "w");
    if (!o) die("%s: cannot write", argv[2]);
    fprintf(o, "/* Generated by tools/gen_names.c from %s and %s -- do not edit. */\n", argv[3],
            argv[4]);
    fprintf(o, "static const pn_given pn_builtin_given[] = {\n");
    for (size_t i = 0; i < ngiven; i++) {
        fputs("    {", o);
        put_cstr(o, given[i].key);
        fputs(", ", o);
        put_cstr(o, given[i].canon);
        fputs("},\n", o);
    }
    fprintf(o, "    {0, 0}\n};\n#define PN_BUILTIN_NGIVEN %zu\n", ngiven);
    fprintf(o, "static const pn_gaz_entry pn_builtin_entries[] = {\n");
    for (size_t i = 0; i < g.nentries; i++) {
        const pn_gaz_entry *e = &g.entries[i];
        fputs("    {", o);
        put_cstr(o, e->id);
        fputs(", ", o);
        put_cstr(o, e->kind);
        fputs(", ", o);
        put_cstr(o, e->canonical);
        fputs(", ", o);
        put_cstr(o, e->source);
        fputs("},\n", o);
    }
    fprintf(o, "    {0, 0, 0, 0}\n};\n");
    fprintf(o, "static const pn_gaz_index pn_builtin_index[] = {\n");
    size_t nout = 0;
    for (size_t i = 0; i < g.nindex; i++) {
        /* One row per distinct (key, entry). */
        if (i && !strcmp(g.index[i].key, g.index[i - 1].key) &&
            g.index[i].entry == g.index[i - 1].entry)
            continue;
        fputs("    {", o);
        put_cstr(o, g.index[i].key);
        fprintf(o, ", %zu, %d},\n", g.index[i].entry, g.index[i].surname);
        nout++;
    }
    fprintf(o, "    {0, 0, 0}\n};\n");
    fprintf(o, "#define PN_BUILTIN_NENTRIES %zu\n#define PN_BUILTIN_NINDEX %zu\n", g.nentries,
            nout);
    if (fclose(o)) die("%s: write error", argv[2]);
    pn_gaz_free(&g);
    free(text);
    for (size_t i = 0; i < ngiven_strings; i++)
        free(given_strings[i]);
    free(given_strings);
    free(given);
    return 0;
}
#endif
