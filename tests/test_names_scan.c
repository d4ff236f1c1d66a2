/* test_names_scan.c -- pn_has_upper() (src/names_find.c: the SSE2 scan that
 * lets the mention finder skip a text without an upper-case letter) answers
 * as its scalar reference pn_has_upper_ref() on chosen and random texts, and
 * the finder still finds the names such a text would hide. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pisar/pisar.h"
#include "pisar/names.h"
#include "names_internal.h"
#include "names_handle.h"

static void check(const char *s, int want)
{
    size_t n = strlen(s);
    assert_int_equal(pn_has_upper_ref(s, n), want);
    assert_int_equal(pn_has_upper(s, n), want);
    /* at every offset and length, so that each byte falls in the vector part
     * and in the tail */
    for (size_t a = 0; a < n; a++)
        for (size_t b = a; b <= n; b++) {
            /* only whole characters */
            if ((a < n && ((unsigned char)s[a] & 0xC0) == 0x80) ||
                (b < n && ((unsigned char)s[b] & 0xC0) == 0x80))
                continue;
            assert_int_equal(pn_has_upper(s + a, b - a), pn_has_upper_ref(s + a, b - a));
        }
}

static void test_chosen(void **state)
{
    (void)state;
    check("", 0);
    check("все слова здесь написаны строчными буквами, и ничего больше", 0);
    check("все слова здесь написаны строчными буквами, и ещё ёлка — «ёж»", 0);
    check("все слова здесь написаны строчными буквами, а это Ивана", 1);
    check("все слова здесь написаны строчными буквами, а это Ё", 1);
    check("все слова здесь написаны строчными буквами, а это Ѣ", 1);
    check("все слова здесь написаны строчными буквами, а это ѣ", 0);
    check("все слова здесь написаны строчными буквами, а это Ђорђе", 1);
    check("сва слова су написана малим словима, и ђурђевак, џеп, љубав", 0);
    check("lower case ascii only, with digits 0123456789 and [brackets]", 0);
    check("lower case ascii only, with digits 0123456789 and [brackets] Z", 1);
    check("lower case ascii only, with digits 0123456789 and @ [ ` {", 0);
    check("ąęłńóśźż and straße and ñ in lower case, written at length", 0);
    check("ąęłńóśźż and straße and ñ in lower case, written at length Ł", 1);
    check("ελληνικά γράμματα μικρά και ένα κεφαλαίο Ω στο τέλος τους", 1);
    check("ελληνικά γράμματα μικρά μόνο, χωρίς κανένα κεφαλαίο εδώ", 0);
    check("emoji \xF0\x9F\x98\x80 and a capital in mathematical \xF0\x9D\x90\x80", 1);
    check("emoji \xF0\x9F\x98\x80 and nothing else in lower case at all", 0);
    check("ǅ title case digraph counts as upper for the finder ǅ", pn_has_upper_ref("ǅ", 2));
}

static void test_random(void **state)
{
    (void)state;
    /* random texts of characters picked from a mix of scripts and cases */
    static const char *const pieces[] = {"а",
                                         "я",
                                         "р",
                                         "п",
                                         "ё",
                                         "ђ",
                                         "џ",
                                         "ѣ",
                                         "А",
                                         "Я",
                                         "Ё",
                                         "Ђ",
                                         "Ѣ",
                                         "a",
                                         "z",
                                         "A",
                                         "Z",
                                         " ",
                                         ".",
                                         "—",
                                         "«",
                                         "»",
                                         "ł",
                                         "Ł",
                                         "ß",
                                         "ẞ",
                                         "ω",
                                         "Ω",
                                         "\xF0\x9F\x98\x80",
                                         "\xF0\x9D\x90\x80",
                                         "ǅ",
                                         "ǆ",
                                         "ї",
                                         "Ї",
                                         "ґ",
                                         "Ґ",
                                         "ў",
                                         "Ў",
                                         "0",
                                         "\n",
                                         "ӏ",
                                         "Ӏ",
                                         "ә",
                                         "Ә",
                                         "ѳ",
                                         "Ѳ"};
    const size_t np = sizeof pieces / sizeof *pieces;
    char buf[512];
    srand(11);
    for (int round = 0; round < 20000; round++) {
        size_t n = 0, want = (size_t)(rand() % 120);
        int lower_only = rand() % 2;
        for (size_t k = 0; k < want; k++) {
            const char *p = pieces[(size_t)rand() % np];
            if (lower_only && pn_has_upper_ref(p, strlen(p))) continue;
            size_t pl = strlen(p);
            if (n + pl >= sizeof buf) break;
            memcpy(buf + n, p, pl);
            n += pl;
        }
        assert_int_equal(pn_has_upper(buf, n), pn_has_upper_ref(buf, n));
        if (lower_only) assert_int_equal(pn_has_upper(buf, n), 0);
    }
}

/* the finder skips a sentence with no capital and still finds a name in one
 * whose only capital sits past the first 16 bytes, or in the tail */
static void test_finder(void **state)
{
    (void)state;
    pisar_names *h = NULL;
    assert_int_equal(pisar_names_new(&h, NULL, NULL), PISAR_OK);
    const char *t = "вчера в городе выступал Сергей Собянин с речью.";
    assert_int_equal(pisar_names_add_text(h, NULL, t, strlen(t), NULL), PISAR_OK);
    assert_true(pisar_names_group_count(h) >= 1);
    size_t ng = pisar_names_group_count(h);
    const char *l = "вчера в городе выступал мэр с речью.";
    assert_int_equal(pisar_names_add_text(h, NULL, l, strlen(l), NULL), PISAR_OK);
    assert_int_equal(pisar_names_group_count(h), ng);
    pisar_names_free(h);
}

/* the phonetic readings regroup takes are kept across pisar_names_reset(),
 * and a kept handle groups as a fresh one does */
static void group_keys(pisar_names *h, const char *t, char *out, size_t cap)
{
    assert_int_equal(pisar_names_add_text(h, NULL, t, strlen(t), NULL), PISAR_OK);
    out[0] = '\0';
    size_t ng = pisar_names_group_count(h);
    for (size_t i = 0; i < ng; i++) {
        pisar_name_group g;
        assert_int_equal(pisar_names_group(h, i, &g), PISAR_OK);
        for (size_t v = 0; v < g.nvariants; v++) {
            strncat(out, g.variants[v].text, cap - strlen(out) - 1);
            strncat(out, "|", cap - strlen(out) - 1);
        }
        strncat(out, ";", cap - strlen(out) - 1);
    }
}

static void test_phonetic_cache(void **state)
{
    (void)state;
    const char *t = "Александр Розов приехал. Розова встретила Sergej Sobjanin и Сергея Собянина.";
    pisar_names *kept = NULL, *fresh = NULL;
    assert_int_equal(pisar_names_new(&kept, NULL, NULL), PISAR_OK);
    char a[1024], b[1024];
    group_keys(kept, t, a, sizeof a);
    assert_true(kept->phoncache.n > 0);
    size_t n = kept->phoncache.n;
    for (int round = 0; round < 3; round++) {
        pisar_names_reset(kept);
        group_keys(kept, t, b, sizeof b);
        assert_string_equal(a, b);
        assert_int_equal(kept->phoncache.n, n); /* read once */
    }
    assert_int_equal(pisar_names_new(&fresh, NULL, NULL), PISAR_OK);
    group_keys(fresh, t, b, sizeof b);
    assert_string_equal(a, b);
    pisar_names_free(kept);
    pisar_names_free(fresh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chosen),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_finder),
        cmocka_unit_test(test_phonetic_cache),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
