/*
 * gen_abbrev.c -- build-time generator: reads tables/abbrev/<lang>.txt (one per
 * language; the file name is the language code) and writes a C header with one
 * sorted table per language (binary-searched by the segmenter), plus "und", the
 * union of all of them, used when the language is unknown.
 *
 * Table format (documented in tables/abbrev/README.md):
 *   # comment
 *   %ordinal-dot            option: "1. Mai" -- a short number and a dot is an ordinal
 *   ABBREVIATION<TAB>CLASS  CLASS is P, F, Y, N or D; WORD<TAB>S, V or H names a
 *                           word that starts sentences (S), a verb of saying (V) or
 *                           a word that goes on after an F abbreviation (C: "a.m. EDT");
 *                           -SUFFIX.<TAB>CLASS matches the end of longer words. In the key, spaces
 * after a dot are dropped ("т. е." -> "т.е.") and other spaces become one ' ' ("и т. д." -> "и
 * т.д."), as the segmenter builds its keys.
 *
 * usage: gen_abbrev OUT.h TABLE.txt...
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/utf8.h" /* the library's strict check */

typedef struct {
    char key[64];
    size_t len;
    char cls;
} entry;

typedef struct {
    char code[16];
    int ordinal_dot;
    entry *e;
    size_t n, cap;
} lang;

static int cmp_entry(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->key, y->key, n);
    if (c) return c;
    return x->len < y->len ? -1 : x->len > y->len;
}

/* "static const uint64_t NAME_CODE[128] = {...};" */
static void put_bits(FILE *o, const char *name, const char *code, const uint64_t *bits)
{
    fprintf(o, "static const uint64_t %s_%s[128] = {", name, code);
    for (int i = 0; i < 128; i++)
        fprintf(o, "%s0x%016llxull",
                i == 0  ? "\n    "
                : i % 4 ? ", "
                        : ",\n    ",
                (unsigned long long)bits[i]);
    fputs("};\n", o);
}

static int valid_utf8(const unsigned char *s, size_t n)
{
    int cut;
    return utf8_valid_prefix(s, n, &cut) == n;
}

static int add(lang *l, const char *key, size_t len, char cls)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        entry *e = realloc(l->e, l->cap * sizeof *e);
        if (!e) return -1;
        l->e = e;
    }
    entry *e = &l->e[l->n++];
    memcpy(e->key, key, len);
    e->len = len;
    e->cls = cls;
    return 0;
}

static int load(const char *path, lang *l)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t bl = strcspn(base, ".");
    if (bl == 0 || bl >= sizeof l->code) {
        fprintf(stderr, "%s: bad table name\n", path);
        return -1;
    }
    memcpy(l->code, base, bl);
    l->code[bl] = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char line[512];
    int lineno = 0, rc = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = 0;
        if (!n || line[0] == '#') continue;
        if (line[0] == '%') {
            if (!strcmp(line, "%ordinal-dot"))
                l->ordinal_dot = 1;
            else {
                fprintf(stderr, "%s:%d: unknown option %s\n", path, lineno, line);
                rc = -1;
            }
            continue;
        }
        char *tab = strchr(line, '\t');
        if (!tab) {
            fprintf(stderr, "%s:%d: expected ABBREVIATION<TAB>CLASS\n", path, lineno);
            rc = -1;
            continue;
        }
        *tab = 0;
        char *cls = tab + 1;
        while (*cls == '\t')
            cls++;
        char *hash = strchr(cls, '#');
        if (hash) *hash = 0;
        size_t cl = strlen(cls);
        while (cl && (cls[cl - 1] == ' ' || cls[cl - 1] == '\t'))
            cls[--cl] = 0;
        if (cl != 1 || !strchr("PFYNDWSVCMIH", cls[0])) {
            fprintf(stderr, "%s:%d: class must be P, F, Y, N, D, W, S, V, C, M, I or H\n", path,
                    lineno);
            rc = -1;
            continue;
        }
        char key[64];
        size_t kl = 0;
        /* Spaces after a dot are dropped ("т. е." -> "т.е."); a space after a
         * word is kept as one ' ' ("и т. д." -> "и т.д.", "et al."). */
        int pending_space = 0;
        for (const char *p = line; *p; p++) {
            int sp = 0;
            if (*p == ' ')
                sp = 1;
            else if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
                sp = 2;
            else if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
                     (unsigned char)p[2] == 0xAF)
                sp = 3;
            if (sp) {
                p += sp - 1;
                if (kl && key[kl - 1] != '.') pending_space = 1;
                continue;
            }
            if (kl + 2 >= sizeof key) break;
            if (pending_space) key[kl++] = ' ';
            pending_space = 0;
            key[kl++] = *p;
        }
        int word = strchr("SVCMIH", cls[0]) != NULL;
        if (kl < (word ? 1u : 2u) || kl >= 60 || !valid_utf8((unsigned char *)key, kl) ||
            (word ? memchr(key, '.', kl) != NULL : key[kl - 1] != '.')) {
            fprintf(stderr,
                    "%s:%d: an abbreviation is valid UTF-8 ending in '.' (a word of class S or V "
                    "has no dot), under 60 bytes\n",
                    path, lineno);
            rc = -1;
            continue;
        }
        if (add(l, key, kl, cls[0])) {
            rc = -1;
            break;
        }
    }
    fclose(f);
    if (rc) return rc;
    qsort(l->e, l->n, sizeof *l->e, cmp_entry);
    for (size_t i = 1; i < l->n; i++)
        if (!cmp_entry(&l->e[i - 1], &l->e[i])) {
            fprintf(stderr, "%s: duplicate abbreviation %.*s\n", path, (int)l->e[i].len,
                    l->e[i].key);
            return -1;
        }
    return 0;
}

static void emit_string(FILE *o, const char *s, size_t n)
{
    fputc('"', o);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(o, "\\%c", c);
        else if (c < 0x20 || c >= 0x7F)
            fprintf(o, "\\%03o", c);
        else
            fputc(c, o);
    }
    fputc('"', o);
}

/* FNV-1a, 32 bits: the segmenter's filter hash (src/segment.c, key_hash). */
static uint32_t fnv1a(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static void emit(FILE *o, const lang *l)
{
    /* a two-hash filter of 8192 bits: most words are rejected without a search */
    uint64_t bloom[128] = {0};
    for (size_t i = 0; i < l->n; i++) {
        uint32_t h = fnv1a(l->e[i].key, l->e[i].len);
        bloom[(h & 8191) >> 6] |= (uint64_t)1 << (h & 63);
        bloom[((h >> 13) & 8191) >> 6] |= (uint64_t)1 << ((h >> 13) & 63);
    }
    /* a second filter over the last segment of each abbreviation ("е." of
     * "т.е.", "д." of "и т.д.", "Mr." of "Mr."): a word whose segment is not
     * there cannot end any abbreviation */
    uint64_t last[128] = {0};
    for (size_t i = 0; i < l->n; i++) {
        const entry *e = &l->e[i];
        if (strchr("SVCMIH", e->cls) || e->key[0] == '-') continue;
        size_t b = e->len - 1;
        while (b > 0 && e->key[b - 1] != '.' && e->key[b - 1] != ' ')
            b--;
        uint32_t h = fnv1a(e->key + b, e->len - b);
        last[(h & 8191) >> 6] |= (uint64_t)1 << (h & 63);
        last[((h >> 13) & 8191) >> 6] |= (uint64_t)1 << ((h >> 13) & 63);
    }
    put_bits(o, "last", l->code, last);
    put_bits(o, "bloom", l->code, bloom);
    fprintf(o, "static const seg_abbrev abbrev_%s[] = {\n", l->code);
    for (size_t i = 0; i < l->n; i++) {
        fputs("    {", o);
        emit_string(o, l->e[i].key, l->e[i].len);
        fprintf(o, ", %zu, '%c'},\n", l->e[i].len, l->e[i].cls);
    }
    if (!l->n) fputs("    {\"\", 0, 0},\n", o);
    fputs("};\n\n", o);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gen_abbrev OUT.h TABLE.txt...\n");
        return 2;
    }
    int nl = argc - 2;
    lang *langs = calloc((size_t)nl + 1, sizeof *langs);
    if (!langs) return 1;
    lang *und = &langs[nl];
    strcpy(und->code, "und");
    for (int i = 0; i < nl; i++) {
        if (load(argv[i + 2], &langs[i])) return 1;
        for (size_t j = 0; j < langs[i].n; j++)
            if (add(und, langs[i].e[j].key, langs[i].e[j].len, langs[i].e[j].cls)) return 1;
    }
    /* The union: where languages disagree, the class that lets a sentence end wins
     * (W over F over Y over N over P), so an unknown language never glues two sentences
     * because of another language's title. */
    qsort(und->e, und->n, sizeof *und->e, cmp_entry);
    static const char rank[] = "HCSVPNDYFW";
    size_t w = 0;
    for (size_t i = 0; i < und->n; i++) {
        if (w && !cmp_entry(&und->e[w - 1], &und->e[i])) {
            if (strchr(rank, und->e[i].cls) > strchr(rank, und->e[w - 1].cls))
                und->e[w - 1].cls = und->e[i].cls;
            continue;
        }
        und->e[w++] = und->e[i];
    }
    und->n = w;

    FILE *o = fopen(argv[1], "w");
    if (!o) {
        perror(argv[1]);
        return 1;
    }
    fputs("/* Generated by tools/gen_abbrev.c from tables/abbrev/<lang>.txt -- do not edit. */\n\n",
          o);
    for (int i = 0; i <= nl; i++)
        emit(o, &langs[i]);
    fputs("static const seg_abbrev_lang abbrev_langs[] = {\n", o);
    for (int i = 0; i <= nl; i++) {
        size_t maxl = 0, suffix_lo = 0, suffix_n = 0;
        int suffix = 0;
        for (size_t j = 0; j < langs[i].n; j++)
            if (langs[i].e[j].key[0] == '-') {
                if (!suffix_n) suffix_lo = j;
                suffix_n++;
            }
        /* the longest token an abbreviation can end with: the key without a
         * leading word ("и т.д." -> "т.д."); words of class S and V do not count */
        for (size_t j = 0; j < langs[i].n; j++) {
            const entry *e = &langs[i].e[j];
            if (strchr("SVCMIH", e->cls)) continue;
            const char *sp = memchr(e->key, ' ', e->len);
            size_t l = e->len;
            while (sp) {
                l = e->len - (size_t)(sp + 1 - e->key);
                sp = memchr(sp + 1, ' ', e->len - (size_t)(sp + 1 - e->key));
            }
            if (l > maxl) maxl = l;
            if (e->key[0] == '-') suffix = 1;
        }
        fprintf(o, "    {\"%s\", %d, abbrev_%s, %zu, %zu, %d, bloom_%s, last_%s, %zu, %zu},\n",
                langs[i].code, langs[i].ordinal_dot, langs[i].code, langs[i].n, maxl, suffix,
                langs[i].code, langs[i].code, suffix_lo, suffix_n);
    }
    fputs("};\n", o);
    if (fclose(o)) {
        perror(argv[1]);
        return 1;
    }
    for (int i = 0; i <= nl; i++)
        free(langs[i].e);
    free(langs);
    return 0;
}
