/* test_lm.c -- the letter-pair language models: lookup, symbols, scoring, identification. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lm.h"
#include "lm_class.h"

static void test_catalogue(void **state)
{
    (void)state;
    assert_true(lm_count() >= 26);
    static const char *const want[] = {"ru", "uk", "be", "bg", "mk", "sr", "sr-Latn", "kk", "en",
                                       "de", "fr", "es", "it", "pl", "cs", "sk",      "sl", "hr",
                                       "hu", "ro", "tr", "lt", "lv", "et", "nl",      "pt"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        int m = lm_find(want[i]);
        assert_true(m >= 0);
        assert_string_equal(lm_code(m), want[i]);
    }
    assert_true(lm_is_cyrillic(lm_find("ru")));
    assert_true(lm_is_cyrillic(lm_find("sr")));
    assert_false(lm_is_cyrillic(lm_find("sr-Latn")));
    assert_false(lm_is_cyrillic(lm_find("en")));
    assert_int_equal(lm_find("xx"), -1);
    assert_int_equal(lm_find(NULL), -1);
    assert_null(lm_code(-1));
    assert_null(lm_code(lm_count()));
    assert_int_equal(lm_nsymbols(-1), 0);
    assert_null(lm_pairs(lm_count()));
}

static void test_symbols(void **state)
{
    (void)state;
    int ru = lm_find("ru"), en = lm_find("en"), tr = lm_find("tr");
    assert_int_equal(lm_symbol(ru, ' '), LM_SP);
    assert_int_equal(lm_symbol(ru, '\n'), LM_SP);
    assert_int_equal(lm_symbol(ru, 0x2003), LM_SP); /* em space */
    assert_int_equal(lm_symbol(ru, 0xA0), LM_OT);   /* no-break space: see lm_class.h */
    assert_int_equal(lm_symbol(ru, '7'), LM_DG);
    assert_int_equal(lm_symbol(ru, ','), LM_PU);
    assert_int_equal(lm_symbol(ru, 0xAB), LM_PU);   /* « */
    assert_int_equal(lm_symbol(ru, 0x2116), LM_PU); /* № */
    assert_int_equal(lm_symbol(ru, 'q'), LM_FA);
    assert_int_equal(lm_symbol(ru, 0xE9), LM_FL);   /* é is foreign to Russian */
    assert_int_equal(lm_symbol(ru, 0x2500), LM_OT); /* box drawing */
    assert_int_equal(lm_symbol(ru, 0x85), LM_OT);   /* C1 control */
    assert_int_equal(lm_symbol(ru, 0), LM_OT);
    int a = lm_symbol(ru, 0x0430), A = lm_symbol(ru, 0x0410);
    assert_true(lm_symbol_is_letter(ru, a));
    assert_false(lm_symbol_is_upper(ru, a));
    assert_true(lm_symbol_is_upper(ru, A));
    assert_int_equal(A - a, (lm_nsymbols(ru) - LM_NCLASS) / 2);
    assert_false(lm_symbol_is_letter(ru, LM_FA));
    assert_true(lm_symbol_is_letter(en, lm_symbol(en, 'q')));
    /* Turkish dotted and dotless i are distinct letters with their own capitals */
    assert_true(lm_symbol_is_upper(tr, lm_symbol(tr, 0x0130)));
    assert_int_equal(lm_symbol(tr, 0x0130) - lm_symbol(tr, 'i'),
                     lm_symbol(tr, 'I') - lm_symbol(tr, 0x0131));
    /* Romanian s and t with cedilla are its letters with comma below (alias) */
    int ro = lm_find("ro");
    assert_true(lm_symbol_is_letter(ro, lm_symbol(ro, 0x0219)));
    assert_int_equal(lm_symbol(ro, 0x015F), lm_symbol(ro, 0x0219)); /* ş = ș */
    assert_int_equal(lm_symbol(ro, 0x0163), lm_symbol(ro, 0x021B)); /* ţ = ț */
    assert_int_equal(lm_symbol(ro, 0x015E), lm_symbol(ro, 0x0218)); /* Ş = Ș */
    assert_int_equal(lm_symbol(ro, 0x0162), lm_symbol(ro, 0x021A)); /* Ţ = Ț */
    assert_true(lm_symbol_is_upper(ro, lm_symbol(ro, 0x0162)));
    /* but Turkish ş is its own letter, and ș foreign to it */
    assert_true(lm_symbol_is_letter(tr, lm_symbol(tr, 0x015F)));
    assert_int_equal(lm_symbol(tr, 0x0219), LM_FL);
}

static void test_score_edges(void **state)
{
    (void)state;
    int ru = lm_find("ru");
    size_t n = 99;
    assert_true(lm_score_utf8(ru, "", 0, &n) == 0.0);
    assert_int_equal(n, 0);
    assert_true(lm_score_utf8(ru, "a", 1, &n) == 0.0);
    assert_int_equal(n, 0);
    assert_true(lm_score_utf8(-1, "ab", 2, &n) == 0.0);
    /* NUL bytes and invalid or truncated UTF-8 are scored as symbols, never overrun */
    assert_true(lm_score_utf8(ru, "a\0b", 3, &n) < 0);
    assert_int_equal(n, 2);
    assert_true(lm_score_utf8(ru, "\xD0", 1, &n) == 0.0);
    assert_true(lm_score_utf8(ru, "\xD0\x90\xD0", 3, &n) < 0);
    assert_int_equal(n, 1);
    assert_true(lm_score_utf8(ru, "\xFF\xFE\xC0\x80", 4, &n) < 0);
    assert_int_equal(n, 3);
    /* the word pairs: two letters, or a letter and a space, nothing else */
    assert_true(lm_score_utf8(ru, "ab, cd.", 7, &n) < 0);
    assert_int_equal(n, 6);
    assert_true(lm_score_utf8_words(ru, "ab, cd.", 7, &n) < 0);
    assert_int_equal(n, 3); /* a-b, space-c, c-d */
    assert_true(lm_score_utf8_words(ru, "12, 34.", 7, &n) == 0.0);
    assert_int_equal(n, 0);
    /* an invalid byte is no letter */
    assert_true(lm_score_utf8_words(ru, "\xD0\x90\xD0", 3, &n) == 0.0);
    assert_int_equal(n, 0);
    assert_int_equal(lm_best_utf8("", 0, NULL), -1);
    assert_int_equal(lm_best_utf8("123 456, 7.", 11, NULL), -1);
    assert_int_equal(lm_best_utf8(NULL, 5, NULL), -1);
    /* lm_has_letter: exactly when lm_best_utf8 finds a model */
    static const char *const t[] = {
        "",    "123 456, 7.", "\xD0\x90\xD0", "-- 5 a", "Ж", "ß!", "\xE2\x80\x94 \xC2\xAB\xC2\xBB",
        "\xD0"};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        assert_int_equal(lm_has_letter(t[i], strlen(t[i])),
                         lm_best_utf8(t[i], strlen(t[i]), NULL) >= 0);
    assert_false(lm_has_letter("123 456, 7.", 11));
    assert_true(lm_has_letter("-- 5 a", 6));
    assert_false(lm_has_letter(NULL, 5));
    /* lm_score_utf8_words_each: lm_score_utf8_words of every model, to the bit */
    static const char *const u[] = {"", "Ушаков: отношения с Пхеньяном развиваются",
                                    "Jurij Ušakov — 😀 ok", "\xD0\x90\xD0 bad \xFF\xC0\xAF \xE2\x80",
                                    "Ελλάδα ’s t’ї"};
    int nm = lm_count();
    double *sc = malloc((size_t)nm * sizeof *sc);
    size_t *np = malloc((size_t)nm * sizeof *np);
    assert_non_null(sc);
    assert_non_null(np);
    for (size_t i = 0; i < sizeof u / sizeof *u; i++) {
        lm_score_utf8_words_each(u[i], strlen(u[i]), nm, sc, np);
        for (int m = 0; m < nm; m++) {
            size_t k;
            double v = lm_score_utf8_words(m, u[i], strlen(u[i]), &k);
            assert_true(sc[m] == v);
            assert_int_equal(np[m], k);
        }
    }
    free(sc);
    free(np);
}

static void test_case_feature(void **state)
{
    (void)state;
    int ru = lm_find("ru");
    /* "Москва" is plausible; "мОСКВА"-style case inversion (KOI8-R read with the
     * wrong case half) and capitals inside lower-case words are not */
    const char *good = "Москва и Санкт-Петербург", *bad = "мОСКВА И сАНКТ-пЕТЕРБУРГ";
    const char *mixed = "МосКвА и СанКт-ПетЕрбурГ";
    double g = lm_score_utf8(ru, good, strlen(good), NULL);
    assert_true(g > lm_score_utf8(ru, bad, strlen(bad), NULL) + 0.5);
    assert_true(g > lm_score_utf8(ru, mixed, strlen(mixed), NULL) + 0.5);
}

static const struct {
    const char *lang, *text;
} ident[] = {
    {"ru", "Помощник президента России Юрий Ушаков заявил, что отношения развиваются."},
    {"uk", "Помічник президента Росії заявив, що відносини між країнами активно розвиваються."},
    {"be", "Памочнік прэзідэнта Расіі заявіў, што адносіны паміж краінамі актыўна развіваюцца."},
    {"bg", "Помощникът на руския президент заяви, че отношенията се развиват активно."},
    {"mk", "Помошникот на рускиот претседател изјави дека односите активно се развиваат."},
    {"sr", "Помоћник руског председника изјавио је да се односи активно развијају."},
    {"kk", "Ресей президентінің көмекшісі қарым-қатынастың белсенді дамып келе жатқанын айтты."},
    {"en", "The aide to the Russian president said that relations are actively developing."},
    {"de",
     "Der Berater des russischen Präsidenten sagte, die Beziehungen entwickelten sich aktiv."},
    {"fr",
     "Le conseiller du président russe a déclaré que les relations se développent activement."},
    {"es",
     "El asesor del presidente ruso dijo que las relaciones se están desarrollando activamente."},
    {"pl", "Doradca prezydenta Rosji powiedział, że stosunki rozwijają się bardzo aktywnie."},
    {"cs", "Poradce ruského prezidenta řekl, že se vztahy v posledních letech aktivně rozvíjejí."},
    {"hu", "Az orosz elnök tanácsadója szerint a kapcsolatok az utóbbi években aktívan fejlődnek."},
    {"tr", "Rusya Devlet Başkanı'nın danışmanı, ilişkilerin son yıllarda aktif olarak geliştiğini "
           "söyledi."},
};

static void test_identification(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof ident / sizeof *ident; i++) {
        double sc;
        int m = lm_best_utf8(ident[i].text, strlen(ident[i].text), &sc);
        if (m < 0 || strcmp(lm_code(m), ident[i].lang))
            print_error("%s: got %s\n", ident[i].lang, m < 0 ? "none" : lm_code(m));
        assert_true(m >= 0);
        assert_string_equal(lm_code(m), ident[i].lang);
        assert_true(sc < 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalogue),      cmocka_unit_test(test_symbols),
        cmocka_unit_test(test_score_edges),    cmocka_unit_test(test_case_feature),
        cmocka_unit_test(test_identification),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
