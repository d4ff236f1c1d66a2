/* test_names.c -- name keys, inflection, mentions, grouping, gazetteer errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "pisar/pisar.h"

static char *key(const char *s, size_t n)
{
    static char out[256];
    pisar_buf b = {0};
    int rc = pisar_name_key(s, n, &b);
    snprintf(out, sizeof out, "%s", rc ? "ERR" : b.data ? b.data : "");
    pisar_buf_free(&b);
    return out;
}

static void test_same_key(void **state)
{
    (void)state;
    static const struct { const char *desc, *a, *b; } cases[] = {
        {"BGN vs passport", "Yuriy Ushakov", "Iurii Ushakov"},
        {"scholarly", "Yuriy Ushakov", "Jurij Ušakov"},
        {"French press", "Yuriy Ushakov", "Iouri Ouchakov"},
        {"German press", "Yuriy Ushakov", "Juri Uschakow"},
        {"Polish press", "Yuriy Ushakov", "Jurij Uszakow"},
        {"Cyrillic", "Yuriy Ushakov", "Юрий Ушаков"},
        {"Kim ru", "Kim Jong Un", "Ким Чен Ын"},
        {"Kim sr", "Kim Jong Un", "Ким Џонг Ун"},
        {"German Gorbachev (no gazetteer)", "Михаил Горбачёв", "Michail Gorbatschow"},
        {"Polish Gorbachev", "Михаил Горбачёв", "Michaił Gorbaczow"},
        {"French Gorbachev", "Михаил Горбачёв", "Mikhaïl Gorbatchev"},
        {"Czech feminine -ová", "Мария Захарова", "Marija Zacharovová"},
        {"surname first", "Ушаков Юрий", "Юрий Ушаков"},
        {"patronymic dropped", "Алексей Анатольевич Навальный", "Alexei Navalny"},
        {"Ukrainian -ський", "Олександр Сирський", "Oleksandr Syrskyi"},
        {"exonym", "Moskau", "Москва"},
        {"exonym pl", "Kijów", "Київ"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char a[256];
        snprintf(a, sizeof a, "%s", key(cases[i].a, strlen(cases[i].a)));
        const char *b = key(cases[i].b, strlen(cases[i].b));
        if (strcmp(a, b)) fail_msg("%s: '%s' -> %s, '%s' -> %s", cases[i].desc, cases[i].a, a, cases[i].b, b);
    }
}

static void test_different_key(void **state)
{
    (void)state;
    static const struct { const char *a, *b; } cases[] = {
        {"Шуйский", "Щуйский"}, {"Алеев", "Алиев"}, {"Ушаков", "Ушакова"},
        {"Aleyev", "Aliyev"}, {"Shuysky", "Shchuysky"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char a[256];
        snprintf(a, sizeof a, "%s", key(cases[i].a, strlen(cases[i].a)));
        assert_string_not_equal(a, key(cases[i].b, strlen(cases[i].b)));
    }
}

static void test_key_values(void **state)
{
    (void)state;
    static const struct { const char *in; size_t len; const char *want; } cases[] = {
        {"", 0, ""},
        {"Шуйский", 0, "shuiski"},
        {"Алеев", 0, "aleev"},
        {"Yuriy Ushakov", 0, "@yuri-ushakov"},
        {"a\0b", 3, "ERR"},           /* NUL */
        {"\xff", 1, "ERR"},           /* invalid */
        {"\xd0", 1, "ERR"},           /* truncated */
        {"---", 0, ""},               /* no letters */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t n = cases[i].len ? cases[i].len : strlen(cases[i].in);
        assert_string_equal(key(cases[i].in, n), cases[i].want);
    }
    pisar_buf b = {0};
    assert_int_equal(pisar_name_key("\xd0", 1, &b), PISAR_ETRUNC);
    assert_int_equal(pisar_name_key("x", 1, NULL), PISAR_EINVAL);
}

typedef struct seen { char text[8][64]; size_t off[8]; char canon[8][64]; size_t n; } seen;

static int collect(const pisar_name_mention *m, void *user)
{
    seen *s = user;
    if (s->n < 8) {
        snprintf(s->text[s->n], 64, "%s", m->base);
        snprintf(s->canon[s->n], 64, "%s", m->canonical);
        s->off[s->n++] = m->offset;
    }
    return 0;
}

static void test_mentions_and_inflection(void **state)
{
    (void)state;
    pisar_names *h;
    assert_int_equal(pisar_names_new(&h, NULL, NULL), PISAR_OK);
    const char *t = "По словам Юрия Ушакова, визит важен.";
    assert_int_equal(pisar_names_add_text(h, "a", t, strlen(t), NULL), PISAR_OK);
    seen s = {0};
    assert_int_equal(pisar_names_find(h, t, strlen(t), collect, &s, NULL), PISAR_OK);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.text[0], "Юрий Ушаков");
    assert_int_equal(s.off[0], strlen("По словам "));
    assert_string_equal(s.canon[0], "Yuri Ushakov");
    /* grouping across documents, stable order */
    const char *u = "Juri Uschakow traf Anna Ushakova. Juri Uschakow sprach.";
    assert_int_equal(pisar_names_add_text(h, "b", u, strlen(u), NULL), PISAR_OK);
    assert_int_equal(pisar_names_group_count(h), 2);
    pisar_name_group g;
    assert_int_equal(pisar_names_group(h, 0, &g), PISAR_OK);
    assert_string_equal(g.canonical, "Yuri Ushakov");
    assert_int_equal(g.count, 3);
    assert_int_equal(g.ndocs, 2);
    assert_string_equal(g.source_text, "gazetteer:yuri-ushakov");
    assert_int_equal(pisar_names_group(h, 1, &g), PISAR_OK);
    assert_string_equal(g.canonical, "Anna Ushakova");
    assert_int_equal(pisar_names_group(h, 2, &g), PISAR_ERANGE);
    /* rewrite */
    pisar_buf out = {0};
    assert_int_equal(pisar_names_rewrite(h, u, strlen(u), 0, &out, NULL, NULL, NULL), PISAR_OK);
    assert_string_equal(out.data, "Yuri Ushakov traf Anna Ushakova. Yuri Ushakov sprach.");
    pisar_buf_free(&out);
    /* invalid input: error with offset, nothing added */
    pisar_error err;
    assert_int_equal(pisar_names_add_text(h, "c", "Ab\xff", 3, &err), PISAR_EILSEQ);
    assert_int_equal(err.offset, 2);
    assert_int_equal(pisar_names_add_text(h, "d", "", 0, NULL), PISAR_OK);
    assert_int_equal(pisar_names_group_count(h), 2);
    pisar_names_free(h);
}

static void test_gazetteer_errors(void **state)
{
    (void)state;
    static const struct { const char *text; int rc; size_t line; } cases[] = {
        {"entry a\nname Alpha\nru Альфа\n", PISAR_OK, 0},
        {"name Alpha\n", PISAR_EPARSE, 1},
        {"entry a\nru Альфа\n", PISAR_EPARSE, 2},
        {"entry a\nname A\nentry a\nname B\n", PISAR_EPARSE, 3},
        {"entry A!\nname x\n", PISAR_EPARSE, 1},
        {"entry a\nname A\nbogus x\n", PISAR_EPARSE, 3},
        {"entry a\nname A\nkind animal\n", PISAR_EPARSE, 3},
        {"entry a\nname A\nru  | x\n", PISAR_EPARSE, 3},
        {"entry a\nname \xff\n", PISAR_EILSEQ, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pisar_names *h;
        assert_int_equal(pisar_names_new(&h, "icao", NULL), PISAR_OK);
        pisar_error err = {0};
        int rc = pisar_names_load_gazetteer_mem(h, cases[i].text, strlen(cases[i].text), "t", &err);
        if (rc != cases[i].rc) fail_msg("case %zu: rc %d, want %d (%s)", i, rc, cases[i].rc, err.message);
        if (rc) assert_int_equal(err.line, cases[i].line);
        pisar_names_free(h);
    }
    pisar_names *h;
    assert_int_equal(pisar_names_new(&h, "klingon", NULL), PISAR_EUNKNOWN);
    assert_int_equal(pisar_names_new(&h, NULL, NULL), PISAR_OK);
    const char *g = "entry alpha\nname Alpha Centauri\nru Альфа Центавра\n";
    assert_int_equal(pisar_names_load_gazetteer_mem(h, g, strlen(g), "t", NULL), PISAR_OK);
    pisar_buf k = {0};
    assert_int_equal(pisar_names_key(h, "Альфа Центавра", strlen("Альфа Центавра"), &k), PISAR_OK);
    assert_string_equal(k.data, "@alpha");
    pisar_buf_free(&k);
    assert_int_equal(pisar_names_load_gazetteer(h, "/nonexistent/g.txt", NULL), PISAR_EIO);
    pisar_names_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_key),
        cmocka_unit_test(test_different_key),
        cmocka_unit_test(test_key_values),
        cmocka_unit_test(test_mentions_and_inflection),
        cmocka_unit_test(test_gazetteer_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
