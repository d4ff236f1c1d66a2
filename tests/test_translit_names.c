/* test_translit_names.c -- every shipped scheme meets its original in the name
 * key: for every name of fixtures/names/namelist.tsv (real given names and
 * surnames of ru uk be bg sr, from Debian's Hunspell dictionaries) and of
 * fixtures/names/namelist-mk.tsv (Macedonian, written for the project) and every
 * scheme of that language, pisar_name_key(translit(name)) must equal
 * pisar_name_key_lang(name, language), with the name in Title case and in
 * passport CAPITALS (the Latin spelling is keyed with no language: the key of
 * a Latin word does not depend on one).
 *
 * The key does not reach that everywhere yet (issue 9): the pairs that miss
 * today are listed in fixtures/names/roundtrip-known.tsv. The test fails on a
 * miss that is not listed (a regression) and on a listed pair that now meets
 * (so the list only shrinks); PISAR_WRITE_KNOWN=FILE writes the list anew. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pisar/pisar.h"

#define MAXN 4096

typedef struct entry {
    char lang[8];
    char name[128];
} entry;

/* Append the names of one list (lang<TAB>kind<TAB>name lines) to e[n...]. */
static size_t load_list(const char *path, entry *e, size_t n, size_t cap)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[512];
    while (n < cap && fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        line[strcspn(line, "\r\n")] = 0;
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t2 || t1 - line >= (long)sizeof e->lang || strlen(t2 + 1) >= sizeof e->name) continue;
        memcpy(e[n].lang, line, (size_t)(t1 - line));
        e[n].lang[t1 - line] = 0;
        strcpy(e[n].name, t2 + 1);
        n++;
    }
    fclose(f);
    return n;
}

/* namelist.tsv (ru uk be bg sr, from Debian's dictionaries) and
 * namelist-mk.tsv (Macedonian, written for the project: no dictionary). */
static size_t load_names(entry *e, size_t cap)
{
    size_t n = load_list(PISAR_FIXTURES "/names/namelist.tsv", e, 0, cap);
    return load_list(PISAR_FIXTURES "/names/namelist-mk.tsv", e, n, cap);
}

/* The known misses, "scheme<TAB>case<TAB>name" lines, kept sorted in memory. */
static char **known;
static size_t nknown;
static unsigned char *known_hit;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_known(void)
{
    FILE *f = fopen(PISAR_FIXTURES "/names/roundtrip-known.tsv", "r");
    assert_non_null(f);
    char line[512];
    size_t cap = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        line[strcspn(line, "\r\n")] = 0;
        if (!*line) continue;
        if (nknown == cap) {
            cap = cap ? 2 * cap : 1024;
            known = realloc(known, cap * sizeof *known);
            assert_non_null(known);
        }
        known[nknown] = strdup(line);
        assert_non_null(known[nknown]);
        nknown++;
    }
    fclose(f);
    qsort(known, nknown, sizeof *known, cmp_str);
    known_hit = calloc(nknown + 1, 1);
    assert_non_null(known_hit);
}

static char *key_of(const char *s, const char *lang)
{
    pisar_buf b = {0};
    assert_int_equal(pisar_name_key_lang(s, strlen(s), lang, &b), PISAR_OK);
    char *r = strdup(b.data ? b.data : "");
    pisar_buf_free(&b);
    return r;
}

static void to_upper(const char *in, pisar_buf *out)
{
    /* Cyrillic capitals: the lower-case letters of U+0430..U+045F map to
     * U+0410..U+042F and U+0400..U+040F; others are kept. */
    pisar_buf_clear(out);
    const unsigned char *p = (const unsigned char *)in;
    while (*p) {
        if ((p[0] == 0xD0 && p[1] >= 0xB0 && p[1] <= 0xBF)) {
            unsigned char u[2] = {0xD0, (unsigned char)(p[1] - 0x20)};
            pisar_buf_append(out, u, 2);
            p += 2;
        } else if (p[0] == 0xD1 && p[1] >= 0x80 && p[1] <= 0x8F) {
            unsigned char u[2] = {0xD0, (unsigned char)(p[1] + 0x20)};
            pisar_buf_append(out, u, 2);
            p += 2;
        } else if (p[0] == 0xD1 && p[1] >= 0x90 && p[1] <= 0x9F) {
            unsigned char u[2] = {0xD0, (unsigned char)(p[1] - 0x10)};
            pisar_buf_append(out, u, 2);
            p += 2;
        } else if (p[0] == 0xD2 && p[1] == 0x91) { /* ґ */
            unsigned char u[2] = {0xD2, 0x90};
            pisar_buf_append(out, u, 2);
            p += 2;
        } else {
            pisar_buf_append(out, p, 1);
            p++;
        }
    }
}

static void test_schemes_meet_originals(void **state)
{
    (void)state;
    static entry names[MAXN];
    size_t n = load_names(names, MAXN);
    assert_true(n >= 2000);
    load_known();
    const char *write = getenv("PISAR_WRITE_KNOWN");
    FILE *w = write ? fopen(write, "w") : NULL;
    if (w)
        fputs("# fixtures/names/roundtrip-known.tsv -- scheme<TAB>case<TAB>name: the\n"
              "# names of namelist.tsv whose spelling under the scheme does not get\n"
              "# the key of the original yet (tests/test_translit_names.c)\n",
              w);
    size_t total = 0, missed = 0, regress = 0, fixed = 0;
    pisar_buf up = {0}, out = {0}, line = {0};
    for (size_t s = 0; s < pisar_translit_scheme_count(); s++) {
        const pisar_scheme_info *info = pisar_translit_scheme(s);
        if (!strcmp(info->language, "*")) continue;
        pisar_translit *t = NULL;
        assert_int_equal(pisar_translit_open(&t, info->id, 0, NULL), PISAR_OK);
        size_t miss_here = 0, here = 0;
        for (size_t i = 0; i < n; i++) {
            if (strcmp(names[i].lang, info->language)) continue;
            for (int caps = 0; caps < 2; caps++) {
                const char *src = names[i].name;
                if (caps) {
                    to_upper(src, &up);
                    src = up.data;
                }
                pisar_buf_clear(&out);
                assert_int_equal(pisar_translit_apply(t, src, strlen(src), &out), PISAR_OK);
                char *ka = key_of(src, info->language),
                     *kb = key_of(out.data ? out.data : "", NULL);
                int ok = *ka && !strcmp(ka, kb);
                total++;
                here++;
                pisar_buf_clear(&line);
                pisar_buf_puts(&line, info->id);
                pisar_buf_puts(&line, caps ? "\tcaps\t" : "\ttitle\t");
                pisar_buf_puts(&line, names[i].name);
                char *lp = line.data;
                char **hit = bsearch(&lp, known, nknown, sizeof *known, cmp_str);
                if (hit) known_hit[hit - known] = 1;
                if (!ok) {
                    missed++;
                    miss_here++;
                    if (w) fprintf(w, "%s\n", line.data);
                    if (!hit) {
                        regress++;
                        print_error("%s: %s -> %s: key %s, original's %s\n", info->id, src,
                                    out.data, kb, ka);
                    }
                } else if (hit && !w) {
                    fixed++;
                    print_error("now meets (remove from roundtrip-known.tsv): %s\n", line.data);
                }
                free(ka);
                free(kb);
            }
        }
        print_message("%-16s %5zu/%-5zu meet\n", info->id, here - miss_here, here);
        pisar_translit_free(t);
    }
    print_message("all schemes: %zu of %zu spellings meet their original (%.1f %%)\n",
                  total - missed, total,
                  total ? 100.0 * (double)(total - missed) / (double)total : 0);
    size_t stale = 0;
    for (size_t k = 0; k < nknown; k++)
        stale += !known_hit[k];
    if (w) fclose(w);
    pisar_buf_free(&up);
    pisar_buf_free(&out);
    pisar_buf_free(&line);
    for (size_t k = 0; k < nknown; k++)
        free(known[k]);
    free(known);
    free(known_hit);
    if (!w) {
        assert_int_equal(regress, 0);
        assert_int_equal(fixed, 0);
        assert_int_equal(stale, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schemes_meet_originals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
