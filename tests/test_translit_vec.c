/* test_translit_vec.c -- the AVX-512 path of the transliteration engine
 * (src/translit.c, vec_run) gives the bytes and the errors of the scalar
 * fast path and of the reference (the plain trie walk), for every built-in
 * scheme and direction, at every start offset and alignment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pisar/pisar.h"
#include "translit_impl.h"
#include "test_files.h"

/* Pieces of text the random texts are made of: the letters with context
 * rules (е, ё, and their capitals, after vowels, consonants, ъ/ь, й,
 * apostrophes, marks), capitals whose case depends on the neighbours, the
 * letters of every Cyrillic alphabet, combining marks that make longer
 * sources, ASCII that starts rules in some schemes, and other UTF-8. */
static const char *const pieces[] = {
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
    "т",
    "в",
    "к",
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
    "Ѐ",
    "ѐ",
    "Ѝ",
    "ѝ",
    "ѣ",
    "Ѣ",
    "ѳ",
    "ѵ",
    "ѫ",
    " ",
    "  ",
    "'",
    "’",
    "ʼ",
    "-",
    ".",
    ",",
    "\xcc\x81",
    "\xcc\x86",
    "\xcc\x88",
    "\xcc\x8b",
    "x",
    "Q",
    "y",
    "1",
    "\n",
    "«",
    "»",
    "—",
    "dž",
    "lj",
    "nj",
    "Ŝ",
    "s\xcc\x82",
    "ʹ",
    "ʺ",
    "é",
    "中",
    "😀",
    "\t",
    "\"",
    "`",
    "~",
    "#",
    /* words, so that the vector path sees long runs */
    "подъезд ",
    "её ",
    "ЕЁ ",
    "Ещё ",
    "съёмка ",
    "Юрий ",
    "ЩУКА ",
    "объявление ",
    "Ельцин ",
    "Київ ",
    "Їжак ",
    "ґанок ",
    "Беларусь ",
    "ўсё ",
    "Србија ",
    "њега ",
    "Ѓорѓи ",
    "the quick brown fox jumps over the lazy dog ",
    "it's ",
    "l'eau ",
    "Жили-были ",
    "ПРИВЕТ, мир! ",
    "съ' ",
    "е́сли ",
    "й\xcc\x86 ",
};

static size_t make_text(char *text, size_t cap, uint32_t *seed, int npieces)
{
    size_t n = 0, np = sizeof pieces / sizeof *pieces;
    for (int k = 0; k < npieces; k++) {
        *seed = *seed * 1103515245u + 12345u;
        const char *p = pieces[(*seed >> 16) % np];
        size_t l = strlen(p);
        if (n + l >= cap) break;
        memcpy(text + n, p, l);
        n += l;
    }
    return n;
}

/* Apply in all four modes (the reference, the scalar fast path, the
 * default: AVX-512 where the processor has it, and AVX2); count the
 * differences. */
static int compare(const pisar_translit *t, const char *text, size_t len, const char *what)
{
    pisar_buf r[4] = {{0}, {0}, {0}, {0}};
    int rc[4];
    for (int m = 0; m < 4; m++)
        rc[m] = tl_apply_mode(t, text, len, &r[m], m);
    static int shown;
    int bad = 0;
    for (int m = 1; m < 4; m++)
        if (rc[m] != rc[0] || r[m].len != r[0].len ||
            (r[0].len && memcmp(r[m].data, r[0].data, r[0].len))) {
            if (!shown++)
                print_error("%s (%zu bytes): mode %d rc %d '%s'\nreference rc %d '%s'\n", what, len,
                            m, rc[m], r[m].data ? r[m].data : "", rc[0],
                            r[0].data ? r[0].data : "");
            bad++;
        }
    for (int m = 0; m < 4; m++)
        pisar_buf_free(&r[m]);
    return bad;
}

/* Random texts of the pieces above: every scheme and direction, the whole
 * text, and every start offset 0..80 (the vector path reads two bytes
 * before and 65 after its position) and every end offset of the last 80
 * bytes (a character cut at either end: the same error from all three). */
static void test_vector_matches_scalar_and_reference(void **state)
{
    (void)state;
    static char text[8192];
    uint32_t seed = 2026;
    int bad = 0;
    for (size_t s = 0; s < pisar_translit_scheme_count(); s++) {
        const pisar_scheme_info *info = pisar_translit_scheme(s);
        for (unsigned dir = 0; dir <= (info->reversible ? 1u : 0u); dir++) {
            pisar_translit *t;
            assert_int_equal(pisar_translit_open(&t, info->id, dir, NULL), 0);
            char what[128];
            snprintf(what, sizeof what, "%s%s", info->id, dir ? " (reverse)" : "");
            for (int round = 0; round < 12; round++) {
                size_t n = make_text(text, sizeof text, &seed, round < 6 ? 400 : 60);
                bad += compare(t, text, n, what);
                for (size_t off = 1; round < 3 && off <= 80 && off < n; off++) {
                    bad += compare(t, text + off, n - off, what);
                    bad += compare(t, text, n - off, what);
                }
            }
            pisar_translit_free(t);
        }
    }
    assert_int_equal(bad, 0);
}

/* Random bytes (mostly the bytes of Cyrillic letters and ASCII, with stray
 * leads, continuation bytes, NUL, three-byte sequences): invalid UTF-8
 * anywhere, reported the same way by all three. */
static void test_vector_random_bytes(void **state)
{
    (void)state;
    static const unsigned char some[] = {'a',  ' ',  'e',  '\'', '\n', 0,    0xD0, 0xD1,
                                         0xD0, 0xD1, 0xB5, 0x91, 0xCC, 0x81, 0xE2, 0xC2};
    unsigned char buf[600];
    uint32_t seed = 99;
    int bad = 0;
    for (size_t s = 0; s < pisar_translit_scheme_count(); s++) {
        pisar_translit *t;
        assert_int_equal(pisar_translit_open(&t, pisar_translit_scheme(s)->id, 0, NULL), 0);
        for (int round = 0; round < 30; round++) {
            size_t n = 0;
            while (n < sizeof buf - 2) {
                seed = seed * 1103515245u + 12345u;
                unsigned r = (seed >> 16) & 0xFF;
                if (r < 160) { /* a valid letter U+0400..U+047F */
                    unsigned k = (seed >> 8) & 0x7F;
                    buf[n++] = (unsigned char)(0xD0 | k >> 6);
                    buf[n++] = (unsigned char)(0x80 | (k & 0x3F));
                } else if (r < 230) {
                    buf[n++] = (unsigned char)(' ' + (r % 95));
                } else if (r < 250 || round < 10) {
                    buf[n++] = (unsigned char)(r < 240 ? ' ' : 'a' + r % 26);
                } else {
                    buf[n++] = some[r & 15];
                }
            }
            for (size_t off = 0; off < 72 && off < n; off += (round < 10 ? 1 : 7))
                bad += compare(t, (const char *)buf + off, n - off, pisar_translit_scheme(s)->id);
        }
        pisar_translit_free(t);
    }
    assert_int_equal(bad, 0);
}

/* Every file of some folders (fixtures of real text, the fuzz corpus of
 * translit), whole and from offsets 1..3, through every scheme and
 * direction in all four modes. */
static int compare_file(void *ctx, const char *path, const char *text, size_t n)
{
    (void)ctx;
    int bad = 0;
    for (size_t s = 0; s < pisar_translit_scheme_count(); s++) {
        const pisar_scheme_info *info = pisar_translit_scheme(s);
        for (unsigned dir2 = 0; dir2 <= (info->reversible ? 1u : 0u); dir2++) {
            pisar_translit *t;
            assert_int_equal(pisar_translit_open(&t, info->id, dir2, NULL), 0);
            for (size_t off = 0; off < 4 && off < n; off++)
                bad += compare(t, text + off, n - off, path);
            pisar_translit_free(t);
        }
    }
    return bad;
}

static void test_vector_fixtures_and_fuzz_corpus(void **state)
{
    (void)state;
    int bad = for_each_file("fixtures/mixed-src", compare_file, NULL);
    bad += for_each_file("fixtures/translit", compare_file, NULL);
    bad += for_each_file("fuzz/corpus/translit", compare_file, NULL);
    assert_int_equal(bad, 0);
}

/* PISAR_CPU (read once) holds the default apply off the vector paths:
 * "scalar" off both, "avx2" off AVX-512's (ctest runs this suite under
 * both, and unset). */
static void test_pisar_cpu(void **state)
{
    (void)state;
    pisar_translit *t;
    assert_int_equal(pisar_translit_open(&t, "ru-bgn", 0, NULL), 0);
    const char *e = getenv("PISAR_CPU");
    int v = tl_vector_available(t);
    print_message("PISAR_CPU=%s: vector path %d (2 AVX-512, 1 AVX2, 0 none)\n", e ? e : "", v);
    if (e && !strcmp(e, "scalar")) assert_int_equal(v, 0);
    if (e && !strcmp(e, "avx2")) assert_true(v <= 1);
    pisar_translit_free(t);
}

/* Where the processor has AVX-512 VBMI2, the default apply takes the
 * vector path for ru-bgn (else the tests above compare the scalar path
 * with itself and say so). */
static void test_vector_is_used(void **state)
{
    (void)state;
    pisar_translit *t;
    assert_int_equal(pisar_translit_open(&t, "ru-bgn", 0, NULL), 0);
    if (!tl_vector_available(t))
        print_message("note: no AVX-512 VBMI2 here: the vector path is not tested\n");
    /* 150 bytes: the vector path's steps of 64, with е and ё after
     * vowels, consonants, ъ, a space and at the start, checked by hand
     * against BGN/PCGN (ъ U+02BA, ь U+02B9) */
    const char *in = "Съешь же ещё этих мягких французских булок, да выпей чаю. Её ёлка, "
                     "подъезд, Юрий, Ельцин.";
    const char *want = "Sʺyeshʹ zhe yeshchë etikh myagkikh frantsuzskikh bulok, da vypey "
                       "chayu. Yeyë yëlka, podʺyezd, Yuriy, Yelʹtsin.";
    pisar_buf out = {0};
    assert_int_equal(pisar_translit_apply(t, in, strlen(in), &out), 0);
    assert_string_equal(out.data, want);
    pisar_buf ref = {0};
    assert_int_equal(tl_apply_reference(t, in, strlen(in), &ref), 0);
    assert_string_equal(out.data, ref.data);
    pisar_buf_free(&out);
    pisar_buf_free(&ref);
    pisar_translit_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vector_matches_scalar_and_reference),
        cmocka_unit_test(test_vector_random_bytes),
        cmocka_unit_test(test_vector_is_used),
        cmocka_unit_test(test_vector_fixtures_and_fuzz_corpus),
        cmocka_unit_test(test_pisar_cpu),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
