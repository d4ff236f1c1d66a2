/* test_prep.c -- pisar_prep(): the whole pipeline on one document in memory,
 * on the quick start's fixtures (the same units as `pisar prep -f jsonl`:
 * tests/python checks that on every fixture) and on bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pisar/pisar.h"

static char *slurp(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/prep/%s", PISAR_FIXTURES, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

/* ru-utf-8.txt: four paragraphs, the third UTF-8 read as windows-1251. */
static void test_mojibake_article(void **state)
{
    (void)state;
    size_t len;
    char *data = slurp("ru-utf-8.txt", &len);
    pisar_prep_result *r = NULL;
    pisar_error err;
    assert_int_equal(pisar_prep(data, len, NULL, &r, &err), PISAR_OK);
    assert_string_equal(r->encoding, "utf-8");
    assert_string_equal(r->language, "ru");
    assert_int_equal(r->encoding_given, 0);
    assert_int_equal(r->paragraphs, 4);
    assert_int_equal(r->nunits, 6);
    assert_string_equal(r->units[0].id, "d1.p1.s1");
    assert_string_equal(r->units[0].text, "Новости культуры");
    assert_string_equal(r->units[3].id, "d1.p3.s1");
    assert_string_equal(r->units[3].text, "Выставка продлится до 1 сентября.");
    assert_int_equal(r->nrepairs, 1);
    assert_int_equal(r->repairs[0].kind, PISAR_REPAIR_MOJIBAKE);
    assert_int_equal(r->repairs[0].paragraph, 3);
    assert_string_equal(r->repairs[0].how, "utf-8 read as windows-1251");
    assert_string_equal(r->repairs[0].after,
                        "Выставка продлится до 1 сентября. Вход для школьников бесплатный.");
    /* Санкт-Петербурге in d1.p2.s1, at byte 3 ("В " is 3 bytes) */
    assert_int_equal(r->nmentions, 1);
    const pisar_prep_mention *m = &r->mentions[0];
    assert_int_equal(m->unit, 1);
    assert_int_equal(r->units[1].first_mention, 0);
    assert_int_equal(r->units[1].nmentions, 1);
    assert_int_equal(m->offset, 3);
    assert_string_equal(m->text, "Санкт-Петербурге");
    assert_string_equal(m->canonical, "Saint Petersburg");
    assert_string_equal(m->source, "gazetteer:saint-petersburg");
    assert_string_equal(r->units[1].note,
                        "Names: Санкт-Петербурге -> Saint Petersburg (gazetteer:saint-petersburg)");
    assert_null(r->units[0].note);
    pisar_prep_result_free(r);
    free(data);
}

/* A lone surname in a later paragraph takes the full name from before. */
static void test_surname_across_paragraphs(void **state)
{
    (void)state;
    const char *t = "Мэр города Александр Розов открыл мост.\n\nРозов сказал, что работы "
                    "закончены.\n";
    pisar_prep_options o = {"utf-8", "ru", 3};
    pisar_prep_result *r = NULL;
    assert_int_equal(pisar_prep(t, strlen(t), &o, &r, NULL), PISAR_OK);
    assert_int_equal(r->nunits, 2);
    assert_string_equal(r->units[1].id, "d3.p2.s1");
    assert_int_equal(r->encoding_given, 1);
    assert_int_equal(r->language_given, 1);
    size_t k = r->units[1].first_mention;
    assert_int_equal(r->units[1].nmentions, 1);
    assert_string_equal(r->mentions[k].text, "Розов");
    assert_string_equal(r->mentions[k].canonical, "Aleksandr Rozov");
    assert_string_equal(r->mentions[k].source, "scheme:ru-bgn");
    pisar_prep_result_free(r);
}

static void test_code_page_detected(void **state)
{
    (void)state;
    size_t len;
    char *data = slurp("ru-koi8-r.txt", &len);
    pisar_prep_result *r = NULL;
    assert_int_equal(pisar_prep(data, len, NULL, &r, NULL), PISAR_OK);
    assert_string_equal(r->encoding, "koi8-r");
    assert_string_equal(r->language, "ru");
    assert_string_equal(r->units[0].text, "Погода в Москве");
    pisar_prep_result_free(r);
    free(data);
}

static void test_bad_input(void **state)
{
    (void)state;
    pisar_prep_result *r = (pisar_prep_result *)1;
    pisar_error err;
    pisar_prep_options o = {"windows-1251", NULL, 0};
    /* 0x98 is undefined in windows-1251 */
    assert_int_equal(pisar_prep("abc\xe0\x98", 5, &o, &r, &err), PISAR_EILSEQ);
    assert_null(r);
    assert_int_equal(err.offset, 4);
    assert_non_null(strstr(err.message, "byte offset 4"));
    o.encoding = "no-such-encoding";
    assert_int_equal(pisar_prep("abc", 3, &o, &r, &err), PISAR_EUNKNOWN);
    unsigned char bin[1024];
    for (size_t i = 0; i < sizeof bin; i++)
        bin[i] = (unsigned char)i;
    assert_int_equal(pisar_prep(bin, sizeof bin, NULL, &r, &err), PISAR_EBINARY);
    assert_int_equal(pisar_prep(NULL, 3, NULL, &r, &err), PISAR_EINVAL);
    /* empty input: a result without units */
    assert_int_equal(pisar_prep("", 0, NULL, &r, &err), PISAR_OK);
    assert_int_equal(r->nunits, 0);
    assert_int_equal(r->paragraphs, 0);
    pisar_prep_result_free(r);
    pisar_prep_result_free(NULL);
}

/* A scraped article, a paragraph a line with no empty line between, gives
 * one paragraph a line, as `pisar prep` does; a line that goes on in lower
 * case stays with the line before. */
static void test_line_paragraphs(void **state)
{
    (void)state;
    static const char text[] = "Президент выступил в понедельник. Он говорил о бюджете.\n"
                               "Министр ответил на вопросы журналистов.\n"
                               "Заседание продолжится во вторник.\n"
                               "По его словам, работа идёт и\n"
                               "итоги подведут в пятницу.\n";
    pisar_prep_result *r = NULL;
    pisar_error err;
    assert_int_equal(pisar_prep(text, sizeof text - 1, NULL, &r, &err), PISAR_OK);
    assert_int_equal(r->paragraphs, 4);
    assert_int_equal(r->nunits, 5);
    assert_string_equal(r->units[2].id, "d1.p2.s1");
    assert_string_equal(r->units[4].id, "d1.p4.s1");
    pisar_prep_result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mojibake_article),   cmocka_unit_test(test_surname_across_paragraphs),
        cmocka_unit_test(test_code_page_detected), cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_line_paragraphs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
