/*
 * test_langid.c -- language of short texts (src/langid.c): minimal pairs that
 * only the words of a language tell apart. Each expected answer was checked
 * by hand against the standard it names (see tables/langid/shtokavian.txt for
 * the sources of the Croatian, Serbian and Bosnian forms).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pisar/detect.h"

typedef struct {
    const char *text, *lang;
} pair;

static void check(const pair *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *lang;
        assert_int_equal(pisar_language_detect(p[i].text, strlen(p[i].text), &lang, NULL),
                         PISAR_OK);
        if (strcmp(lang, p[i].lang)) fail_msg("'%s': %s, want %s", p[i].text, lang, p[i].lang);
    }
}

/* the reflex of jat: ijekavian Croatian, ekavian Serbian (Latin script) */
static void test_hr_sr_jat(void **state)
{
    (void)state;
    static const pair p[] = {
        {"Mlijeko je poskupjelo ovog tjedna.", "hr"},
        {"Mleko je poskupelo ove nedelje.", "sr-Latn"},
        {"Rijeka je poplavila dva sela.", "hr"},
        {"Reka je poplavila dva sela.", "sr-Latn"},
        {"Vrijeme će biti lijepo.", "hr"},
        {"Vreme će biti lepo.", "sr-Latn"},
    };
    check(p, sizeof p / sizeof *p);
}

/* words each standard prefers; Bosnian when words of both others' kinds meet */
static void test_hr_sr_bs_words(void **state)
{
    (void)state;
    static const pair p[] = {
        {"Sveučilište je dobilo tisuću novih knjiga.", "hr"},
        {"Nitko nije došao na sastanak.", "hr"},
        /* hiljadu, sedmicu: Serbian or Bosnian; prije: Croatian or Bosnian */
        {"Univerzitet je dobio hiljadu novih knjiga prije sedmicu dana.", "bs"},
        {"Niko ne smije biti podvrgnut mučenju.", "bs"},
        /* "sa" before a word that does not start with s, z, š, ž */
        {"Sastanak sa ministrom počinje u podne.", "sr-Latn"},
    };
    check(p, sizeof p / sizeof *p);
}

/* the terms of software and documents each standard's translators use, the
 * split future of Croatian, negated ekavian/ijekavian stems; "retka" (of a
 * row) is Croatian, not an ekavian "rare" */
static void test_hr_sr_terms(void **state)
{
    (void)state;
    static const pair p[] = {
        {"Sustav nije pronašao datoteku.", "hr"},
        {"Sistem nije pronašao datoteku.", "sr-Latn"},
        {"Stupac je prazan.", "hr"},
        {"Kolona je prazna.", "sr-Latn"},
        {"Odaberite tablicu.", "hr"},
        {"Izaberite tabelu.", "sr-Latn"},
        {"Sakrit ćemo prozor.", "hr"},
        {"Sakrićemo prozor.", "sr-Latn"},
        {"Prijenos je završio neuspješno.", "hr"},
        {"Prenos je završio neuspešno.", "sr-Latn"},
        {"Broj retka je prevelik.", "hr"},
    };
    check(p, sizeof p / sizeof *p);
}

/* nothing tells the standards apart: sh */
static void test_sh_undecidable(void **state)
{
    (void)state;
    static const pair p[] = {
        {"Ona ima pravo na slobodu.", "sh"},
        {"Ministar je rekao da je zakon usvojen.", "sh"},
        /* vremena is the genitive of ijekavian vrijeme too */
        {"Ministar nije imao vremena.", "sh"},
    };
    check(p, sizeof p / sizeof *p);
}

/* Macedonian, Bulgarian and Serbian Cyrillic: letters and words */
static void test_mk_bg_sr(void **state)
{
    (void)state;
    static const pair p[] = {
        {"Владата ќе ја намали цената на струјата.", "mk"},
        {"Правителството ще намали цената на тока.", "bg"},
        /* no letter of its own: дека, the article -от */
        {"Министерот рече дека новиот закон е донесен.", "mk"},
        {"Министърът каза, че новият закон е приет.", "bg"},
        {"Влада је усвојила нови закон.", "sr"},
        /* ъ before a consonant: Bulgarian, never Russian */
        {"първоначалният списък", "bg"},
        /* word endings: Bulgarian plural -ове, verbal noun -ане; Russian
         * -ого, -ить */
        {"Таблица с файлове", "bg"},
        {"Не удалось сохранить файл нового формата.", "ru"},
    };
    check(p, sizeof p / sizeof *p);
}

/* short English is not Czech or Polish, and the other way round */
static void test_short_latin(void **state)
{
    (void)state;
    static const pair p[] = {
        {"The talks will continue next week.", "en"},
        {"The new rules take effect in March.", "en"},
        {"Jednání budou pokračovat příští týden.", "cs"},
        {"Rozmowy będą kontynuowane w przyszłym tygodniu.", "pl"},
    };
    check(p, sizeof p / sizeof *p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hr_sr_jat),   cmocka_unit_test(test_hr_sr_bs_words),
        cmocka_unit_test(test_hr_sr_terms), cmocka_unit_test(test_sh_undecidable),
        cmocka_unit_test(test_mk_bg_sr),    cmocka_unit_test(test_short_latin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
