/* test_translit.c -- the transliteration engine, its schemes and the scheme file format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <pthread.h>

#include "pisar/pisar.h"
#include "translit_impl.h"

typedef struct tcase {
    const char *desc, *scheme, *in, *want;
} tcase;

static char *run(const char *scheme, unsigned flags, const char *in, size_t len)
{
    pisar_translit *t = NULL;
    pisar_error err;
    int rc = pisar_translit_open(&t, scheme, flags, &err);
    if (rc) fail_msg("open %s: %s", scheme, err.message);
    pisar_buf out = {0};
    rc = pisar_translit_apply(t, in, len, &out);
    assert_int_equal(rc, PISAR_OK);
    pisar_translit_free(t);
    if (!out.data) return strdup("");
    return out.data;
}

static void check_table(const tcase *c, size_t n, unsigned flags)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        char *got = run(c[i].scheme, flags, c[i].in, strlen(c[i].in));
        if (strcmp(got, c[i].want)) {
            print_error("%s [%s] %s: got '%s', want '%s'\n", c[i].desc, c[i].scheme, c[i].in, got,
                        c[i].want);
            bad++;
        }
        free(got);
    }
    assert_int_equal(bad, 0);
}

static void test_case_handling(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"title case, multi-letter output", "ru-bgn", "Щукин", "Shchukin"},
        {"all caps word", "ru-bgn", "ЩУКИН", "SHCHUKIN"},
        {"single capital at sentence start", "ru-bgn", "Щ", "Shch"},
        {"single capital then space", "ru-bgn", "Щ и Ш", "Shch i Sh"},
        {"all caps, last letter", "ru-bgn", "ТОВАРИЩ", "TOVARISHCH"},
        {"all caps word-initial е", "ru-bgn", "ЕГОР", "YEGOR"},
        {"title word-initial е", "ru-bgn", "Егор", "Yegor"},
        {"mixed case kept per letter", "ru-bgn", "иВаН", "iVaN"},
        {"two-letter source, title", "sr-latin", "Љубов", "Ljubov"},
        {"two-letter output, all caps", "sr-latin", "ЉУБОВ", "LJUBOV"},
        {"caps after punctuation", "ru-bgn", "ЩИ.", "SHCHI."},
        {"capital before digits", "ru-bgn", "Ж1", "Zh1"},
        {"uncased prime in caps word", "ru-bgn", "ВЕСЬ", "VESʹ"},
        {"ending rule in caps", "bg-streamlined", "СОФИЯ", "SOFIA"},
        {"ending rule title", "bg-streamlined", "София", "Sofia"},
        {"precomposed output upper", "iso9", "ЯЩИК", "ÂŜIK"},
        {"full case mapping (j with caron)", "iso9", "Јован", "J̌ovan"},
    };
    check_table(cases, sizeof cases / sizeof *cases, 0);
}

static void test_context_rules(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"е after vowel", "ru-bgn", "Алеев", "Aleyev"},
        {"е word-initial", "ru-bgn", "Егор", "Yegor"},
        {"е after consonant", "ru-bgn", "Белкино", "Belkino"},
        {"е after ь", "ru-bgn", "Юрьев", "Yurʹyev"},
        {"е after ъ", "ru-bgn", "подъезд", "podʺyezd"},
        {"е after й", "ru-bgn", "Мейеровка", "Meyyerovka"},
        {"е after hyphen is word start", "ru-bgn", "Ростов-есть", "Rostov-yestʹ"},
        {"е after Latin letter is not a word start", "ru-bgn", "Xе", "Xe"},
        {"ё after vowel", "ru-bgn", "моё", "moyë"},
        {"е with combining acute (NFD stress)", "ru-bgn", "Але\xcc\x81ев", "Ale\xcc\x81yev"},
        {"й in NFD (и + breve)", "ru-bgn", "Юрии\xcc\x86", "Yuriy"},
        {"ё in NFD (е + diaeresis)", "ru-bgn", "Озе\xcc\x88рный", "Ozërnyy"},
        {"uk зг", "uk-national", "Згорани", "Zghorany"},
        {"uk з then г across words is not зг", "uk-national", "з горами", "z horamy"},
        {"uk apostrophe dropped, not a word start", "uk-national", "Знам'янка", "Znamianka"},
        {"uk right quote apostrophe", "uk-national", "Знам\xe2\x80\x99янка", "Znamianka"},
        {"uk modifier apostrophe", "uk-national", "Знам\xca\xbcянка", "Znamianka"},
        {"uk quotes around a word stay", "uk-national", "'Ялта'", "'Yalta'"},
        {"uk apostrophe in a Latin word stays", "uk-national", "don't", "don't"},
        {"uk apostrophe Latin-Cyrillic stays", "uk-national", "d'я", "d'ia"},
        {"uk word-initial я", "uk-national", "Яготин", "Yahotyn"},
        {"uk non-initial я", "uk-national", "Вінниця", "Vinnytsia"},
        {"bg -ия at word end", "bg-streamlined", "София", "Sofia"},
        {"bg -ия inside a word", "bg-streamlined", "Ияна", "Iyana"},
        {"bg -ия then punctuation", "bg-streamlined", "Мария,", "Maria,"},
        {"bg country name exception", "bg-streamlined", "България", "Bulgaria"},
        {"be je after ў", "be-national", "Іўе", "Iŭje"},
        {"be soft sign on consonant", "be-national", "Любань", "Liubań"},
        {"strict interpunct тс", "ru-bgn-strict", "Детская", "Det·skaya"},
        {"precomposed ѝ like и + grave (NFC out)", "bg-streamlined", "каза ѝ", "kaza ì"},
        {"и + grave (NFD in)", "bg-streamlined", "каза и\xcc\x80", "kaza ì"},
        {"capital Ѝ", "bg-streamlined", "Ѝ", "Ì"},
        {"iso9 keeps ѝ (no one-to-one output)", "iso9", "ѝ", "ѝ"},
        {"strict interpunct ы before vowel", "ru-bgn-strict", "Ыгыатта", "Ygy·atta"},
    };
    check_table(cases, sizeof cases / sizeof *cases, 0);
}

static void test_passthrough(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"empty", "ru-bgn", "", ""},
        {"ASCII", "ru-bgn", "Hello, world! 123 <a href=\"x\">", "Hello, world! 123 <a href=\"x\">"},
        {"Latin with diacritics", "ru-bgn", "Gdańsk Zürich", "Gdańsk Zürich"},
        {"Greek and CJK", "ru-bgn", "Αθήνα 平壤 김정은", "Αθήνα 平壤 김정은"},
        {"emoji", "ru-bgn", "😀 Путин 😀", "😀 Putin 😀"},
        {"Cyrillic outside the alphabet: ISO 9 fallback", "ru-bgn", "Київ", "Kiïv"},
        {"CRLF and tabs kept", "ru-bgn", "а\r\n\tб", "a\r\n\tb"},
        {"combining mark alone", "ru-bgn", "\xcc\x81", "\xcc\x81"},
        {"iso9 leaves Latin alone forward", "iso9", "Kyiv Київ", "Kyiv Kiïv"},
    };
    check_table(cases, sizeof cases / sizeof *cases, 0);
}

static void test_nul_bytes(void **state)
{
    (void)state;
    static const char in[] = "Щ\0а\0";
    char *got = run("ru-bgn", 0, in, sizeof in - 1);
    assert_memory_equal(got, "Shch\0a\0", 8);
    free(got);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    static const struct {
        const char *desc, *in;
        size_t len;
        int rc;
        uint64_t offset;
    } cases[] = {
        {"lone continuation", "аб\x80", 5, PISAR_EILSEQ, 4},
        {"truncated at end", "аб\xd0", 5, PISAR_ETRUNC, 4},
        {"truncated 3-byte", "x\xe2\x80", 3, PISAR_ETRUNC, 1},
        {"overlong slash", "\xc0\xaf", 2, PISAR_EILSEQ, 0},
        {"surrogate", "a\xed\xa0\x80", 4, PISAR_EILSEQ, 1},
        {"beyond U+10FFFF", "\xf4\x90\x80\x80", 4, PISAR_EILSEQ, 0},
        {"windows-1251 bytes", "\xcf\xf3\xf2\xe8\xed", 5, PISAR_EILSEQ, 0},
        {"bad byte after Cyrillic", "Щ\xff", 3, PISAR_EILSEQ, 2},
        {"invalid inside a rule's prefix", "\xd0\xd0", 2, PISAR_EILSEQ, 0},
    };
    pisar_translit *t;
    assert_int_equal(pisar_translit_open(&t, "ru-bgn", 0, NULL), PISAR_OK);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pisar_buf out = {0};
        pisar_buf_puts(&out, "keep");
        pisar_error err;
        memset(&err, 0, sizeof err);
        int rc = pisar_translit_apply_with_errors(t, cases[i].in, cases[i].len, &out, &err);
        if (rc != cases[i].rc || err.offset != cases[i].offset)
            fail_msg("%s: rc %d offset %llu", cases[i].desc, rc, (unsigned long long)err.offset);
        /* nothing appended on failure */
        assert_int_equal(out.len, 4);
        assert_string_equal(out.data, "keep");
        pisar_buf_free(&out);
    }
    pisar_buf out = {0};
    assert_int_equal(pisar_translit_apply(t, "\xd0", 1, &out), PISAR_ETRUNC);
    assert_int_equal(pisar_translit_apply(NULL, "a", 1, &out), PISAR_EINVAL);
    assert_int_equal(pisar_translit_apply(t, NULL, 1, &out), PISAR_EINVAL);
    assert_int_equal(pisar_translit_apply(t, NULL, 0, &out), PISAR_OK);
    pisar_buf_free(&out);
    pisar_translit_free(t);
}

static void test_characteristic_letters(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"bgn х ц щ", "ru-bgn", "хцщ", "khtsshch"},
        {"icao й ъ ь", "ru-icao", "йъь", "iie"},
        {"iso9 ж ч ш щ ю я", "iso9", "жчшщюя", "žčšŝûâ"},
        {"uk г ґ и і ї", "uk-national", "г ґ и і ї", "h g y i yi"},
        {"bg ъ щ", "bg-streamlined", "ъщ", "asht"},
        {"mk ѓ ќ ѕ џ", "mk-official", "ѓќѕџ", "gjkjdzdž"},
        {"sr ђ ћ џ", "sr-latin", "ђћџ", "đćdž"},
        {"be ў г х", "be-national", "ўгх", "ŭhch"},
    };
    check_table(cases, sizeof cases / sizeof *cases, 0);
}

static void test_reverse(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"sr digraphs", "sr-latin", "Ljubov LJUBOV Njujork Džep", "Љубов ЉУБОВ Њујорк Џеп"},
        {"sr ASCII dj", "sr-latin", "Djordje", "Ђорђе"},
        {"sr exception n+j", "sr-latin", "konjunkcija", "конјункција"},
        {"sr exception d+ž", "sr-latin", "nadživeti", "надживети"},
        {"sr exception n+j loan word", "sr-latin", "injekcija", "инјекција"},
        {"sr exception d+j", "sr-latin", "odjek", "одјек"},
        {"sr exception title case", "sr-latin", "Odjek", "Одјек"},
        {"sr not an exception mid-word", "sr-latin", "konj", "коњ"},
        {"iso9 reverse", "iso9", "Ŝukin Ûrij", "Щукин Юрий"},
        {"iso9 reverse NFD input", "iso9", "S\xcc\x82ukin", "Щукин"},
    };
    check_table(cases, sizeof cases / sizeof *cases, PISAR_TRANSLIT_REVERSE);
    pisar_translit *t = NULL;
    pisar_error err;
    assert_int_equal(pisar_translit_open(&t, "ru-bgn", PISAR_TRANSLIT_REVERSE, &err),
                     PISAR_EUNKNOWN);
    assert_null(t);
    assert_non_null(strstr(err.message, "no reverse"));
}

/* reverse(forward(x)) == x for every Cyrillic letter of the iso9 table, in
 * lower-case and upper-case words. */
static void test_iso9_roundtrip(void **state)
{
    (void)state;
    static const char *letters[] = {
        "а", "б", "в", "г", "ґ", "д", "ѓ", "ђ", "е", "ё", "є", "ж", "з", "ѕ", "и", "і", "ї",
        "й", "ј", "к", "ќ", "л", "љ", "м", "н", "њ", "о", "п", "р", "с", "т", "ћ", "у", "ў",
        "ф", "х", "ц", "ч", "џ", "ш", "щ", "ъ", "ы", "ь", "ѣ", "э", "ю", "я", "ѫ", "ѳ", "ѵ",
    };
    static const char *upper[] = {
        "А", "Б", "В", "Г", "Ґ", "Д", "Ѓ", "Ђ", "Е", "Ё", "Є", "Ж", "З", "Ѕ", "И", "І", "Ї",
        "Й", "Ј", "К", "Ќ", "Л", "Љ", "М", "Н", "Њ", "О", "П", "Р", "С", "Т", "Ћ", "У", "Ў",
        "Ф", "Х", "Ц", "Ч", "Џ", "Ш", "Щ", "Ъ", "Ы", "Ь", "Ѣ", "Э", "Ю", "Я", "Ѫ", "Ѳ", "Ѵ",
    };
    pisar_translit *f, *r;
    assert_int_equal(pisar_translit_open(&f, "iso9", 0, NULL), 0);
    assert_int_equal(pisar_translit_open(&r, "iso9", PISAR_TRANSLIT_REVERSE, NULL), 0);
    int bad = 0;
    for (size_t i = 0; i < sizeof letters / sizeof *letters; i++) {
        char word[3][64];
        snprintf(word[0], 64, "а%sа", letters[i]);            /* lower case */
        snprintf(word[1], 64, "А%sА", upper[i]);              /* upper case */
        snprintf(word[2], 64, "%s%sа", upper[i], letters[i]); /* title */
        for (int w = 0; w < 3; w++) {
            if (w == 2 && (!strcmp(letters[i], "ъ") || !strcmp(letters[i], "ь"))) continue;
            pisar_buf a = {0}, b = {0};
            assert_int_equal(pisar_translit_apply(f, word[w], strlen(word[w]), &a), 0);
            assert_int_equal(pisar_translit_apply(r, a.data, a.len, &b), 0);
            if (strcmp(b.data, word[w])) {
                print_error("round trip %s -> %s -> %s\n", word[w], a.data, b.data);
                bad++;
            }
            /* every Cyrillic letter was transliterated */
            for (size_t k = 0; k < a.len; k++)
                if ((unsigned char)a.data[k] == 0xD0 || (unsigned char)a.data[k] == 0xD1) bad++;
            pisar_buf_free(&a);
            pisar_buf_free(&b);
        }
    }
    pisar_translit_free(f);
    pisar_translit_free(r);
    assert_int_equal(bad, 0);
}

/* The context rules of the Ukrainian, Belarusian and Bulgarian tables (see
 * each table's header for the rule's source). */
static void test_standard_contexts(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"dstu A word-initial ь", "uk-dstu9112a", "ь Ь", "ĵ Ĵ"},
        {"dstu B word-initial ь", "uk-dstu9112b", "ь Ь", "hj Hj"},
        {"dstu A ь before а е у", "uk-dstu9112a", "ньа нье ньу ньо", "nj'a nj'e nj'u njo"},
        {"dstu B ь before і too", "uk-dstu9112b", "ньі ньї", "nj'i njji"},
        {"dstu й after a consonant", "uk-dstu9112a", "бйо айо", "b'jo ajo"},
        {"dstu йа", "uk-dstu9112b", "йа йі", "j'a j'i"},
        {"dstu B шч is not щ", "uk-dstu9112b", "шч щ", "sh'ch shch"},
        {"dstu apostrophe as U+0027", "uk-dstu9112a", "м\xe2\x80\x99я м\xca\xbcя м'я",
         "m'ja m'ja m'ja"},
        {"dstu quote mark stays", "uk-dstu9112a", "\xe2\x80\x98я\xe2\x80\x99",
         "\xe2\x80\x98ja\xe2\x80\x99"},
        {"dstu B х", "uk-dstu9112b", "Харків", "Kharkiv"},
        {"dstu all caps", "uk-dstu9112b", "ЩАСТЯ ЇЖАК", "SHCHASTJA JIZHAK"},
        {"dstu A ь before у, caps", "uk-dstu9112a", "ньу НЬУ", "nj'u NJ'U"},
        {"dstu A ь before і stays j", "uk-dstu9112a", "ньі", "nji"},
        {"dstu B й after a consonant", "uk-dstu9112b", "підйом Соловйов", "pid'jom Solov'jov"},
        {"dstu A й after a vowel or first", "uk-dstu9112a", "Йосип мій", "Josyp mij"},
        {"dstu A йа after a vowel", "uk-dstu9112a", "найактивніший", "naj'aktyvnišyj"},
        {"dstu B йі, йу", "uk-dstu9112b", "найінтимніший Йуліан", "naj'intymnishyj J'ulian"},
        {"dstu A ї first, after a vowel, after the apostrophe", "uk-dstu9112a", "Їжак мої в'їзд",
         "Ïžak moï v'ïzd"},
        {"dstu B ї everywhere ji", "uk-dstu9112b", "Їжак мої в'їзд", "Jizhak moji v'jizd"},
        {"dstu A щ is one letter", "uk-dstu9112a", "Щука ЩУКА шч", "Ŝuka ŜUKA šč"},
        {"dstu B Table 10: sh' before й and ч", "uk-dstu9112b", "шйо Шч ШЧ", "sh'jo Sh'ch SH'CH"},
        {"dstu B Table 10: shch' before j of й", "uk-dstu9112b", "щйо", "shch'jo"},
        {"dstu B word-initial ь then о", "uk-dstu9112b", "ьо ЬО", "hjo HJO"},
        {"dstu B apostrophe as U+0027", "uk-dstu9112b", "М\xca\xbcЯТИЙ п\xe2\x80\x99ять",
         "M'JATYJ p'jatj"},
        {"dstu B з+г and с+х stay two letters", "uk-dstu9112b", "Згорани схід", "Zghorany skhid"},
        {"kmu зг only inside a word", "uk-national", "Згурський з горами", "Zghurskyi z horamy"},
        {"be je after the apostrophe", "be-national", "Раз'езд", "Razjezd"},
        {"be ie after a consonant", "be-national", "Лес", "Lies"},
        {"be soft sign on ц", "be-national", "Друць", "Druć"},
        {"be separating ь then je", "be-national", "Пхеньян", "Pchieńjan"},
        {"bg -ия before a hyphen", "bg-streamlined", "София-Град", "Sofia-Grad"},
        {"bg ия not at the end", "bg-streamlined", "Сияна", "Siyana"},
        {"bg country name in caps", "bg-streamlined", "БЪЛГАРИЯ", "BULGARIA"},
        {"bg country name inside a compound stays regular", "bg-streamlined", "Българиян",
         "Balgariyan"},
    };
    check_table(cases, sizeof cases / sizeof *cases, 0);
}

/* DSTU 9112 read back (Latin to Cyrillic): the inverse of the rules in
 * uk-dstu9112a.txt and uk-dstu9112b.txt (see their reverse sections). */
static void test_dstu_reverse(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"dstu A ï", "uk-dstu9112a", "Kyïv Ukraïna KYÏV", "Київ Україна КИЇВ"},
        {"dstu B ji", "uk-dstu9112b", "Kyjiv Ukrajina KYJIV", "Київ Україна КИЇВ"},
        {"dstu j after a consonant is ь", "uk-dstu9112a", "Ljviv Pxenjjan", "Львів Пхеньян"},
        {"dstu B j after a digraph is ь", "uk-dstu9112b", "Khmeljnycjkyj Pkhenjjan",
         "Хмельницький Пхеньян"},
        {"dstu j first or after a vowel is й", "uk-dstu9112a", "Josyp moja majonez",
         "Йосип моя майонез"},
        {"dstu 'j after a consonant is й", "uk-dstu9112b", "pid'jom Solov'jov", "підйом Соловйов"},
        {"dstu 'ja is the apostrophe and я", "uk-dstu9112a", "m'ja M'JA", "м\xca\xbcя М\xca\xbcЯ"},
        {"dstu B 'ji is the apostrophe and ї", "uk-dstu9112b", "v'jizd", "в\xca\xbcїзд"},
        {"dstu j'a after a consonant is ьа", "uk-dstu9112a", "nj'a nj'e nj'u", "ньа нье ньу"},
        {"dstu j'a elsewhere is йа", "uk-dstu9112b", "naj'intymnishyj J'ulian",
         "найінтимніший Йуліан"},
        {"dstu word-initial ь", "uk-dstu9112a", "ĵo Ĵ", "ьо Ь"},
        {"dstu B word-initial ь", "uk-dstu9112b", "hjo Hj", "ьо Ь"},
        {"dstu A letters with diacritics", "uk-dstu9112a", "Ğryğorij Žuk Čornyj Šum Ŝuka xata",
         "Григорій Жук Чорний Шум Щука хата"},
        {"dstu A NFD input", "uk-dstu9112a", "S\xcc\x8cum", "Шум"},
        {"dstu B digraphs", "uk-dstu9112b", "Ghryghorij Zhuk Chornyj Shum Shchuka khata",
         "Григорій Жук Чорний Шум Щука хата"},
        {"dstu B shch, sh'ch, sh'j", "uk-dstu9112b", "SHCH sh'ch SH'CH sh'jo shch'jo",
         "Щ шч ШЧ шйо щйо"},
        {"dstu B zgh, skh are two letters", "uk-dstu9112b", "Zghorany skhid", "Згорани схід"},
        {"dstu quotes stay", "uk-dstu9112b", "'Kyjiv' Kyjiv'", "'Київ' Київ'"},
        {"dstu other Latin letters stay", "uk-dstu9112a", "hwq", "hwq"},
    };
    check_table(cases, sizeof cases / sizeof *cases, PISAR_TRANSLIT_REVERSE);
}

/* reverse(forward(x)) == x for DSTU 9112 A and B, with every apostrophe
 * read back as U+02BC: every word of the conformance sets, words for each
 * context rule, and every pair of letters between two vowels that Ukrainian
 * spelling allows (ь only after a consonant), in lower, title and upper
 * case. */
static void dstu_norm_apostrophe(const char *in, char *out, size_t cap)
{
    size_t o = 0;
    for (const char *p = in; *p && o + 3 < cap;) {
        size_t skip = *p == '\'' ? 1 : !strncmp(p, "\xe2\x80\x99", 3) ? 3 : 0;
        if (skip) {
            memcpy(out + o, "\xca\xbc", 2); /* U+02BC */
            o += 2;
            p += skip;
        } else {
            out[o++] = *p++;
        }
    }
    out[o] = '\0';
}

static int dstu_roundtrip_one(pisar_translit *f, pisar_translit *r, const char *id,
                              const char *word)
{
    char want[256];
    dstu_norm_apostrophe(word, want, sizeof want);
    pisar_buf a = {0}, b = {0};
    assert_int_equal(pisar_translit_apply(f, word, strlen(word), &a), 0);
    assert_int_equal(pisar_translit_apply(r, a.data, a.len, &b), 0);
    int bad = strcmp(b.data, want) != 0;
    if (bad) print_error("%s round trip %s -> %s -> %s\n", id, word, a.data, b.data);
    pisar_buf_free(&a);
    pisar_buf_free(&b);
    return bad;
}

static void test_dstu_roundtrip(void **state)
{
    (void)state;
    static const char *letters[] = {"а", "б", "в", "г", "ґ", "д", "е", "є", "ж", "з", "и",
                                    "і", "ї", "й", "к", "л", "м", "н", "о", "п", "р", "с",
                                    "т", "у", "ф", "х", "ц", "ч", "ш", "щ", "ь", "ю", "я"};
    static const char *upper[] = {"А", "Б", "В", "Г", "Ґ", "Д", "Е", "Є", "Ж", "З", "И",
                                  "І", "Ї", "Й", "К", "Л", "М", "Н", "О", "П", "Р", "С",
                                  "Т", "У", "Ф", "Х", "Ц", "Ч", "Ш", "Щ", "Ь", "Ю", "Я"};
    static const char *words[] = {
        "Київ",
        "ЇЖАК",
        "Їжак",
        "в'їзд",
        "м\xe2\x80\x99ята",
        "П\xca\xbcЄР",
        "підйом",
        "ПІДЙОМ",
        "Соловйов",
        "найактивніший",
        "найінтимніший",
        "Йуліан",
        "льон",
        "Льоня",
        "ЛЬОНЯ",
        "ньа",
        "НЬЕ",
        "ньу",
        "ньі",
        "ньї",
        "ьо",
        "Ь",
        "ь",
        "шч",
        "ШЧ",
        "Шч",
        "шйо",
        "щйо",
        "Згорани",
        "схід",
        "кхмер",
        "цхалтубо",
        "ґх",
        "Щастя",
        "ЩУКА",
        "Пхеньян",
        "джміль",
    };
    size_t nl = sizeof letters / sizeof *letters;
    const char *ids[] = {"uk-dstu9112a", "uk-dstu9112b"};
    int bad = 0;
    for (int s = 0; s < 2; s++) {
        pisar_translit *f, *r;
        assert_int_equal(pisar_translit_open(&f, ids[s], 0, NULL), 0);
        assert_int_equal(pisar_translit_open(&r, ids[s], PISAR_TRANSLIT_REVERSE, NULL), 0);
        for (size_t i = 0; i < sizeof words / sizeof *words; i++)
            bad += dstu_roundtrip_one(f, r, ids[s], words[i]);
        for (size_t i = 0; i < nl; i++) {
            for (size_t j = 0; j < nl; j++) {
                int soft_i = !strcmp(letters[i], "ь"), soft_j = !strcmp(letters[j], "ь");
                int cons_i = strstr("бвгґджзклмнпрстфхцчшщ", letters[i]) != NULL;
                if (soft_i || (soft_j && !cons_i)) continue; /* ь only after a consonant */
                char w[3][64];
                snprintf(w[0], 64, "о%s%sо", letters[i], letters[j]);
                snprintf(w[1], 64, "О%s%sО", upper[i], upper[j]);
                snprintf(w[2], 64, "%s%sо", upper[i], letters[j]);
                for (int k = 0; k < 3; k++)
                    bad += dstu_roundtrip_one(f, r, ids[s], w[k]);
            }
        }
        /* the conformance set read back */
        char path[512];
        snprintf(path, sizeof path, "%s/translit/%s.tsv", PISAR_FIXTURES, ids[s]);
        FILE *fp = fopen(path, "r");
        assert_non_null(fp);
        char line[1024];
        int lines = 0;
        while (fgets(line, sizeof line, fp)) {
            line[strcspn(line, "\r\n")] = '\0';
            char *tab = strchr(line, '\t');
            if (!tab) continue;
            *tab = '\0';
            char want[1024];
            dstu_norm_apostrophe(line, want, sizeof want);
            pisar_buf out = {0};
            assert_int_equal(pisar_translit_apply(r, tab + 1, strlen(tab + 1), &out), 0);
            if (strcmp(out.data, want)) {
                print_error("%s reverse: %s -> '%s', want '%s'\n", ids[s], tab + 1, out.data, want);
                bad++;
            }
            lines++;
            pisar_buf_free(&out);
        }
        fclose(fp);
        assert_true(lines >= 15);
        pisar_translit_free(f);
        pisar_translit_free(r);
    }
    assert_int_equal(bad, 0);
}

/* sr-latin both ways: the reverse of every expected value in sr-latin.tsv is
 * its Cyrillic input, and the exceptions of the reverse table hold. */
static void test_sr_latin_reverse(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"sr exception tanjug", "sr-latin", "Tanjug", "Танјуг"},
        {"sr exception konjektura", "sr-latin", "konjektura", "конјектура"},
        {"sr exception podžanr", "sr-latin", "podžanr", "поджанр"},
        {"sr no exception: Knjaževac", "sr-latin", "Knjaževac", "Књажевац"},
        {"sr no exception: Odžaci", "sr-latin", "Odžaci", "Оџаци"},
    };
    check_table(cases, sizeof cases / sizeof *cases, PISAR_TRANSLIT_REVERSE);

    char path[512];
    snprintf(path, sizeof path, "%s/translit/sr-latin.tsv", PISAR_FIXTURES);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    pisar_translit *t;
    assert_int_equal(pisar_translit_open(&t, "sr-latin", PISAR_TRANSLIT_REVERSE, NULL), 0);
    char line[1024];
    int bad = 0, lines = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = '\0';
        pisar_buf out = {0};
        assert_int_equal(pisar_translit_apply(t, tab + 1, strlen(tab + 1), &out), 0);
        if (strcmp(out.data, line)) {
            print_error("sr-latin reverse: %s -> '%s', want '%s'\n", tab + 1, out.data, line);
            bad++;
        }
        lines++;
        pisar_buf_free(&out);
    }
    fclose(f);
    pisar_translit_free(t);
    assert_int_equal(bad, 0);
    assert_true(lines >= 20);
}

/* fixtures/translit/<id>.tsv: each scheme's examples from its standard. */
static void test_conformance(void **state)
{
    (void)state;
    size_t n = pisar_translit_scheme_count();
    assert_true(n >= 9);
    int bad = 0, total = 0;
    for (size_t i = 0; i < n; i++) {
        const pisar_scheme_info *s = pisar_translit_scheme(i);
        char path[512];
        snprintf(path, sizeof path, "%s/translit/%s.tsv", PISAR_FIXTURES, s->id);
        FILE *f = fopen(path, "r");
        if (!f) {
            print_error("scheme %s has no conformance file %s\n", s->id, path);
            bad++;
            continue;
        }
        pisar_translit *t;
        assert_int_equal(pisar_translit_open(&t, s->id, 0, NULL), 0);
        char line[1024];
        int lines = 0;
        while (fgets(line, sizeof line, f)) {
            line[strcspn(line, "\r\n")] = '\0';
            char *tab = strchr(line, '\t');
            if (!tab) continue;
            *tab = '\0';
            pisar_buf out = {0};
            assert_int_equal(pisar_translit_apply(t, line, strlen(line), &out), 0);
            if (strcmp(out.data, tab + 1)) {
                print_error("%s: %s -> '%s', standard says '%s'\n", s->id, line, out.data, tab + 1);
                bad++;
            }
            lines++;
            pisar_buf_free(&out);
        }
        fclose(f);
        pisar_translit_free(t);
        if (lines < 5) {
            print_error("%s: only %d conformance examples\n", s->id, lines);
            bad++;
        }
        total += lines;
    }
    assert_int_equal(bad, 0);
    assert_true(total > 100);
}

static void test_scheme_list(void **state)
{
    (void)state;
    size_t n = pisar_translit_scheme_count();
    for (size_t i = 0; i < n; i++) {
        const pisar_scheme_info *s = pisar_translit_scheme(i);
        assert_non_null(s->id);
        assert_true(strlen(s->name) > 0);
        assert_true(strlen(s->standard) > 0);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(pisar_translit_scheme(j)->id, s->id);
    }
    assert_null(pisar_translit_scheme(n));
    static const char *langs[][2] = {{"ru", "ru-bgn"},       {"uk", "uk-national"},
                                     {"be", "be-national"},  {"bg", "bg-streamlined"},
                                     {"mk", "mk-official"},  {"sr", "sr-latin"},
                                     {"sr-Cyrl", "sr-latin"}};
    for (size_t i = 0; i < sizeof langs / sizeof *langs; i++) {
        const char *id = pisar_translit_default_scheme(langs[i][0]);
        assert_non_null(id);
        assert_string_equal(id, langs[i][1]);
        pisar_translit *t;
        assert_int_equal(pisar_translit_open(&t, id, 0, NULL), 0);
        assert_string_equal(pisar_translit_info(t)->id, id);
        pisar_translit_free(t);
    }
    assert_null(pisar_translit_default_scheme("en"));
    assert_null(pisar_translit_default_scheme(""));
    assert_null(pisar_translit_default_scheme(NULL));
    pisar_translit *t = (pisar_translit *)1;
    pisar_error err;
    assert_int_equal(pisar_translit_open(&t, "klingon", 0, &err), PISAR_EUNKNOWN);
    assert_null(t);
    assert_non_null(strstr(err.message, "klingon"));
    assert_int_equal(pisar_translit_open(&t, NULL, 0, NULL), PISAR_EINVAL);
    pisar_translit_free(NULL);
}

/* User scheme files: pisar_translit_compile / pisar_translit_load. */
static void test_user_schemes(void **state)
{
    (void)state;
    static const char good[] = "# a test scheme\n"
                               "@id test\n@language ru\n@name Test\n@standard none\n"
                               "@class v аеиоу\n"
                               "а\ta\n"
                               "е\tje\tstart after:{v}\n"
                               "е\te\n"
                               "щ\t\"sh ch\"   # quoted output with a space, then a comment\n"
                               "ъ\t\"\"\n"
                               "\\u0436\tzh\n"
                               "@reverse swap\n";
    pisar_translit *t;
    pisar_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(pisar_translit_compile(&t, good, sizeof good - 1, "good.txt", 0, &err), 0);
    pisar_buf out = {0};
    assert_int_equal(pisar_translit_apply(t, "Еае щ ъж", strlen("Еае щ ъж"), &out), 0);
    assert_string_equal(out.data, "Jeaje sh ch zh");
    assert_string_equal(pisar_translit_info(t)->id, "test");
    assert_true(pisar_translit_info(t)->reversible);
    pisar_translit_free(t);
    pisar_buf_free(&out);

    /* @include a built-in scheme and override one rule */
    static const char inc[] = "@id mine\n@language ru\n@name Mine\n@include ru-bgn\nщ\tsch\n";
    assert_int_equal(pisar_translit_compile(&t, inc, sizeof inc - 1, "mine.txt", 0, &err), 0);
    assert_int_equal(pisar_translit_apply(t, "Щукин Егор", strlen("Щукин Егор"), &out), 0);
    assert_string_equal(out.data, "Schukin Yegor");
    pisar_translit_free(t);
    pisar_buf_free(&out);

    static const struct {
        const char *desc, *text;
        int rc;
        size_t line;
        const char *msg;
    } bad[] = {
        {"empty file", "", PISAR_EPARSE, 0, "missing @id"},
        {"no rules", "@id x\n@language ru\n@name X\n", PISAR_EPARSE, 0, "no rules"},
        {"missing output", "@id x\n@language ru\n@name X\nа\n", PISAR_EPARSE, 4, "no output"},
        {"unknown directive", "@id x\n@frobnicate 1\n", PISAR_EPARSE, 2, "unknown directive"},
        {"unknown context", "@id x\n@language ru\n@name X\nа\ta\tsometimes\n", PISAR_EPARSE, 4,
         "unknown context"},
        {"unknown class", "@id x\nа\ta\tafter:{nope}\n", PISAR_EPARSE, 2, "unknown class"},
        {"unterminated quote", "@id x\nа\t\"a\n", PISAR_EPARSE, 2, "unterminated"},
        {"bad escape", "@id x\n\\q\ta\n", PISAR_EPARSE, 2, "bad escape"},
        {"invalid UTF-8", "@id x\n\xd0\ta\n", PISAR_EPARSE, 2, "invalid UTF-8"},
        {"NUL byte", "@id x\n\0\ta\n", PISAR_EPARSE, 2, "NUL"},
        {"include of unknown", "@id x\n@include nothing-here\n", PISAR_EUNKNOWN, 2,
         "no such scheme"},
        {"bad reverse", "@id x\n@reverse maybe\n", PISAR_EPARSE, 2, "@reverse"},
        {"source too long",
         "@id x\nаааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааа\ta\n",
         PISAR_EPARSE, 2, "too long"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        size_t len = strlen(bad[i].text);
        if (!strcmp(bad[i].desc, "NUL byte")) len = 12;
        memset(&err, 0, sizeof err);
        t = (pisar_translit *)1;
        int rc = pisar_translit_compile(&t, bad[i].text, len, "bad.txt", 0, &err);
        if (rc != bad[i].rc || err.line != bad[i].line || !strstr(err.message, bad[i].msg) ||
            strncmp(err.message, "bad.txt:", 8))
            fail_msg("%s: rc %d line %zu '%s'", bad[i].desc, rc, err.line, err.message);
        assert_null(t);
    }

    /* Loading from a file: error messages name the file and line. */
    char path[512];
    snprintf(path, sizeof path, "%s/translit/user/broken.txt", PISAR_FIXTURES);
    assert_int_equal(pisar_translit_load(&t, path, 0, &err), PISAR_EPARSE);
    assert_non_null(strstr(err.message, "broken.txt:7:"));
    snprintf(path, sizeof path, "%s/translit/user/press-ru.txt", PISAR_FIXTURES);
    assert_int_equal(pisar_translit_load(&t, path, 0, &err), 0);
    assert_int_equal(
        pisar_translit_apply(t, "Юрий Ушаков, Щукин", strlen("Юрий Ушаков, Щукин"), &out), 0);
    assert_string_equal(out.data, "Yuri Ushakov, Shchukin");
    pisar_translit_free(t);
    pisar_buf_free(&out);
    assert_int_equal(pisar_translit_load(&t, "/nonexistent/x.txt", 0, &err), PISAR_EIO);
    assert_non_null(strstr(err.message, "/nonexistent/x.txt"));
    /* a scheme without a reverse direction */
    assert_int_equal(
        pisar_translit_compile(&t, inc, sizeof inc - 1, "mine.txt", PISAR_TRANSLIT_REVERSE, &err),
        PISAR_EUNKNOWN);
}

/* Every built-in scheme's source text compiles at run time to the same
 * automaton behaviour as the build-time tables (one sample per scheme). */
static void test_builtin_texts_reload(void **state)
{
    (void)state;
    static const char sample[] = "Юрий Ушаков, Егор Алеев; ЩУКИН Щ. Київ Ґорґани Љубов Ѓорѓе "
                                 "Магілёў подъезд София";
    size_t n = pisar_translit_scheme_count();
    for (size_t i = 0; i < n; i++) {
        const pisar_scheme_info *s = pisar_translit_scheme(i);
        char path[512], text[256];
        snprintf(path, sizeof path, "%s/tables/translit/%s.txt", PISAR_SOURCE_DIR, s->id);
        pisar_translit *a, *b;
        assert_int_equal(pisar_translit_open(&a, s->id, 0, NULL), 0);
        pisar_error err;
        if (pisar_translit_load(&b, path, 0, &err)) fail_msg("%s: %s", path, err.message);
        pisar_buf x = {0}, y = {0};
        assert_int_equal(pisar_translit_apply(a, sample, sizeof sample - 1, &x), 0);
        assert_int_equal(pisar_translit_apply(b, sample, sizeof sample - 1, &y), 0);
        snprintf(text, sizeof text, "%s", s->id);
        if (strcmp(x.data, y.data))
            fail_msg("%s: built-in '%s' vs loaded '%s'", text, x.data, y.data);
        pisar_buf_free(&x);
        pisar_buf_free(&y);
        pisar_translit_free(a);
        pisar_translit_free(b);
    }
}

/* The fast paths (direct letters, look-behind tables) give exactly what the
 * plain trie walk gives, for every scheme, on pseudo-random text made of
 * Cyrillic letters, combining marks, apostrophes, spaces and ASCII. */
static void test_fast_path_matches_reference(void **state)
{
    (void)state;
    static const char *pieces[] = {
        "а",
        "е",
        "ё",
        "и",
        "й",
        "о",
        "у",
        "ы",
        "э",
        "ю",
        "я",
        "ъ",
        "ь",
        "щ",
        "ж",
        "ц",
        "х",
        "г",
        "ґ",
        "є",
        "і",
        "ї",
        "ў",
        "ђ",
        "ј",
        "љ",
        "њ",
        "ћ",
        "џ",
        "ѓ",
        "ќ",
        "ѕ",
        "з",
        "л",
        "н",
        "с",
        "А",
        "Е",
        "Ё",
        "И",
        "Й",
        "Ю",
        "Я",
        "Щ",
        "Ж",
        "Ъ",
        "Ь",
        "Є",
        "Ї",
        "Љ",
        "Ў",
        "З",
        "Г",
        " ",
        " ",
        "'",
        "’",
        "ʼ",
        "-",
        ".",
        "\xcc\x81",
        "\xcc\x86",
        "\xcc\x88",
        "x",
        "Q",
        "1",
        "\n",
        "«",
        "—",
        "dž",
        "lj",
        "nj",
        "Ŝ",
        "s\xcc\x82",
        "ʹ",
        /* ASCII runs longer than the 16-byte vector scan, with the
         * apostrophes some schemes have rules for inside them */
        ".TH LS 1 \"March 2024\" GNU coreutils\n",
        "<a href=\"x.html\">see also</a> ",
        "it's   the    people's  choice  ",
        "0123456789abcdefghijklmnopqrstuvwxyz",
    };
    size_t np = sizeof pieces / sizeof *pieces;
    uint32_t seed = 12345;
    char text[4096];
    int bad = 0;
    for (size_t s = 0; s < pisar_translit_scheme_count(); s++) {
        const pisar_scheme_info *info = pisar_translit_scheme(s);
        for (unsigned dir = 0; dir <= (info->reversible ? 1u : 0u); dir++) {
            pisar_translit *t;
            assert_int_equal(pisar_translit_open(&t, info->id, dir, NULL), 0);
            for (int round = 0; round < 40; round++) {
                size_t n = 0;
                for (int k = 0; k < 200; k++) {
                    seed = seed * 1103515245u + 12345u;
                    const char *p = pieces[(seed >> 16) % np];
                    size_t l = strlen(p);
                    memcpy(text + n, p, l);
                    n += l;
                }
                pisar_buf a = {0}, b = {0};
                assert_int_equal(pisar_translit_apply(t, text, n, &a), 0);
                assert_int_equal(tl_apply_reference(t, text, n, &b), 0);
                if (a.len != b.len || memcmp(a.data, b.data, a.len)) {
                    if (!bad)
                        print_error("%s%s: fast '%s'\nreference '%s'\n", info->id,
                                    dir ? " (reverse)" : "", a.data, b.data);
                    bad++;
                }
                /* and every start and end offset of two of the texts (a
                 * character cut at either end: the same error from both) */
                for (size_t off = 0; round < 2 && off < 2 * n; off++) {
                    size_t from = off < n ? off : 0, to = off < n ? n : off - n;
                    pisar_buf_clear(&a);
                    pisar_buf_clear(&b);
                    int ra = pisar_translit_apply(t, text + from, to - from, &a);
                    int rb = tl_apply_reference(t, text + from, to - from, &b);
                    if (ra != rb || a.len != b.len || (a.len && memcmp(a.data, b.data, a.len))) {
                        if (!bad)
                            print_error("%s%s: bytes %zu..%zu: fast %d '%s'\nreference %d '%s'\n",
                                        info->id, dir ? " (reverse)" : "", from, to, ra,
                                        a.data ? a.data : "", rb, b.data ? b.data : "");
                        bad++;
                    }
                }
                pisar_buf_free(&a);
                pisar_buf_free(&b);
            }
            pisar_translit_free(t);
        }
    }
    assert_int_equal(bad, 0);
}

/* The 16-byte scan of ASCII runs stops where the byte-at-a-time loop stops,
 * for every scheme (some have rules for ASCII apostrophes), at every offset
 * and length of pseudo-random bytes. */
static void test_ascii_scan_matches_scalar(void **state)
{
    (void)state;
    static const char alphabet[] = "abc XYZ 019.,;:-'\"`<>/\n\t";
    unsigned char buf[256];
    uint32_t seed = 777;
    int bad = 0;
    for (size_t s = 0; s < pisar_translit_scheme_count(); s++) {
        pisar_translit *t;
        assert_int_equal(pisar_translit_open(&t, pisar_translit_scheme(s)->id, 0, NULL), 0);
        for (int round = 0; round < 200; round++) {
            for (size_t k = 0; k < sizeof buf; k++) {
                seed = seed * 1103515245u + 12345u;
                unsigned r = (seed >> 16) & 0xFF;
                /* mostly ASCII, now and then a UTF-8 lead or continuation byte */
                buf[k] = r < 8    ? (unsigned char)(0xC0 + r)
                         : r < 12 ? 0x80
                                  : (unsigned char)alphabet[r % (sizeof alphabet - 1)];
            }
            for (size_t off = 0; off < 40; off++)
                for (size_t n = 0; off + n <= sizeof buf; n += 7)
                    if (tl_ascii_run(t, buf + off, n, 1) != tl_ascii_run(t, buf + off, n, 0)) bad++;
        }
        pisar_translit_free(t);
    }
    assert_int_equal(bad, 0);
}

/* One open scheme shared by four threads gives every thread the result a
 * single thread gets (the handle is immutable). */
typedef struct thread_job {
    const pisar_translit *t;
    const char *text;
    size_t len;
    const char *want;
    int bad;
} thread_job;

static void *thread_run(void *arg)
{
    thread_job *j = arg;
    for (int k = 0; k < 200; k++) {
        pisar_buf b = {0};
        if (pisar_translit_apply(j->t, j->text, j->len, &b) || strcmp(b.data, j->want)) j->bad++;
        pisar_buf_free(&b);
    }
    return NULL;
}

static void test_threads_share_a_scheme(void **state)
{
    (void)state;
    static const char text[] = "Юрий Ушаков, Егор Алеев, ЩУКИН, Щ. Подъезд. Київ. Љубов.";
    pisar_translit *t;
    assert_int_equal(pisar_translit_open(&t, "ru-bgn", 0, NULL), 0);
    pisar_buf want = {0};
    assert_int_equal(pisar_translit_apply(t, text, sizeof text - 1, &want), 0);
    pthread_t th[4];
    thread_job jobs[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (thread_job){t, text, sizeof text - 1, want.data, 0};
        assert_int_equal(pthread_create(&th[i], NULL, thread_run, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(jobs[i].bad, 0);
    }
    pisar_buf_free(&want);
    pisar_translit_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case_handling),
        cmocka_unit_test(test_context_rules),
        cmocka_unit_test(test_passthrough),
        cmocka_unit_test(test_nul_bytes),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_characteristic_letters),
        cmocka_unit_test(test_reverse),
        cmocka_unit_test(test_iso9_roundtrip),
        cmocka_unit_test(test_conformance),
        cmocka_unit_test(test_standard_contexts),
        cmocka_unit_test(test_dstu_reverse),
        cmocka_unit_test(test_dstu_roundtrip),
        cmocka_unit_test(test_sr_latin_reverse),
        cmocka_unit_test(test_scheme_list),
        cmocka_unit_test(test_user_schemes),
        cmocka_unit_test(test_builtin_texts_reload),
        cmocka_unit_test(test_fast_path_matches_reference),
        cmocka_unit_test(test_ascii_scan_matches_scalar),
        cmocka_unit_test(test_threads_share_a_scheme),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
