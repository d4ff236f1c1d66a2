/* test_nfc.c -- pisar_nfc and the streaming NFC against ICU and by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "nfc.h"
#include "pisar/normalize.h"

/* {description, input, expected NFC} -- checked by hand against UAX #15 and
 * the Unicode Character Database (decompositions, ccc, composition exclusions). */
static const struct {
    const char *what;
    const char *in;
    size_t len;
    const char *out;
    size_t outlen;
} table[] = {
    {"empty", "", 0, "", 0},
    {"ascii", "Hello", 5, "Hello", 5},
    {"NUL kept", "a\0\xCC\x81", 4, "a\0\xCC\x81",
     4}, /* NUL is a starter: nothing to compose with */
    {"e + acute", "e\xCC\x81", 3, "\xC3\xA9", 2},
    {"i + breve = short i", "\xD0\xB8\xCC\x86", 4, "\xD0\xB9", 2},
    {"ie + diaeresis = yo", "\xD0\x95\xCC\x88", 4, "\xD0\x81", 2},
    {"reorder: a + acute + dot below", "a\xCC\x81\xCC\xA3", 5, "\xE1\xBA\xA1\xCC\x81", 5},
    {"angstrom sign singleton", "\xE2\x84\xAB", 3, "\xC3\x85", 2},
    {"cjk compatibility singleton", "\xEF\xA4\x80", 3, "\xE8\xB1\x88", 3},
    {"U+0340 -> U+0300", "a\xCD\x80", 3, "\xC3\xA0", 2},
    {"lone combining mark", "\xCC\x81", 2, "\xCC\x81", 2},
    {"hangul L V T", "\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8", 9, "\xEA\xB0\x81", 3},
    {"composition exclusion U+0958", "\xE0\xA5\x98", 3, "\xE0\xA4\x95\xE0\xA4\xBC", 6},
    {"already NFC Cyrillic", "\xD0\x99\xD1\x91\xD0\xB6", 6, "\xD0\x99\xD1\x91\xD0\xB6", 6},
    {"astral unchanged", "\xF0\x9F\x98\x80", 4, "\xF0\x9F\x98\x80", 4},
};

static void test_table(void **state)
{
    (void)state;
    pisar_buf out = {0};
    pisar_error err;
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        pisar_buf_clear(&out);
        int rc = pisar_nfc(table[i].in, table[i].len, &out, &err);
        if (rc || out.len != table[i].outlen || memcmp(out.data, table[i].out, out.len))
            print_error("%s: rc %d, %zu bytes\n", table[i].what, rc, out.len);
        assert_int_equal(rc, 0);
        assert_int_equal(out.len, table[i].outlen);
        if (out.len) assert_memory_equal(out.data, table[i].out, out.len);
    }
    pisar_buf_free(&out);
}

static void test_invalid(void **state)
{
    (void)state;
    pisar_buf out = {0};
    pisar_error err;
    assert_int_equal(pisar_nfc("ab\xFF", 3, &out, &err), PISAR_EILSEQ);
    assert_int_equal(err.offset, 2);
    assert_int_equal(err.bytes[0], 0xFF);
    assert_int_equal(pisar_nfc("abc\xD0", 4, &out, &err), PISAR_EILSEQ); /* truncated */
    assert_int_equal(err.offset, 3);
    assert_int_equal(pisar_nfc("\xED\xA0\x80", 3, &out, &err), PISAR_EILSEQ); /* surrogate */
    assert_int_equal(pisar_nfc("\xC0\xAF", 2, &out, &err), PISAR_EILSEQ);     /* overlong */
    assert_int_equal(out.len, 0);
    assert_int_equal(pisar_nfc(NULL, 1, &out, &err), PISAR_EINVAL);
    assert_int_equal(pisar_nfc(NULL, 0, &out, NULL), PISAR_OK);
    pisar_buf_free(&out);
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

/* Encode c (<= 0x10FFFF, not a surrogate) at d (4 bytes of room); returns the length. */
static int put_utf8(unsigned char *d, uint32_t c)
{
    if (c < 0x80) {
        d[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        d[0] = (unsigned char)(0xC0 | (c >> 6));
        d[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        d[0] = (unsigned char)(0xE0 | (c >> 12));
        d[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        d[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    d[0] = (unsigned char)(0xF0 | (c >> 18));
    d[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    d[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    d[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

/* Text made of starters and combining marks that interact. */
static size_t combining_soup(char *buf, size_t nchars)
{
    static const uint32_t pool[] = {
        'a',    'e',    'o',    'A',    ' ',    '\n',    0x0438,  0x0415, 0x0435, 0x0423,
        0x0300, 0x0301, 0x0306, 0x0308, 0x0323, 0x0327,  0x0328,  0x030C, 0x0340, 0x0344,
        0x212B, 0xF900, 0x1100, 0x1161, 0x11A8, 0xAC00,  0x0958,  0x093C, 0x0915, 0x1E0A,
        0x0F73, 0x0F71, 0x0F72, 0x05B0, 0x05B7, 0x1D15E, 0x1D165, 0x00C5, 0x0041, 0x030A};
    size_t n = 0;
    for (size_t i = 0; i < nchars; i++)
        n += (size_t)put_utf8((unsigned char *)buf + n, pool[rnd() % (sizeof pool / sizeof *pool)]);
    return n;
}

static size_t icu_nfc(const char *in, size_t n, char *out, size_t cap)
{
    UErrorCode ue = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&ue);
    static UChar u[4096], v[12288];
    int32_t nu = 0, nv, nw = 0;
    u_strFromUTF8(u, 4096, &nu, in, (int32_t)n, &ue);
    nv = unorm2_normalize(nfc, u, nu, v, 12288, &ue);
    u_strToUTF8(out, (int32_t)cap, &nw, v, nv, &ue);
    assert_false(U_FAILURE(ue));
    return (size_t)nw;
}

/* pisar_nfc and the stream, fed in two pieces split at every character
 * boundary, and one character at a time, equal ICU on the whole text. */
static void test_vs_icu_split_anywhere(void **state)
{
    (void)state;
    static char in[2048], want[8192];
    pisar_buf got = {0};
    pisar_error err;
    for (int round = 0; round < 40; round++) {
        size_t n = combining_soup(in, 120);
        size_t nw = icu_nfc(in, n, want, sizeof want);
        pisar_buf_clear(&got);
        assert_int_equal(pisar_nfc(in, n, &got, &err), 0);
        assert_int_equal(got.len, nw);
        assert_memory_equal(got.data, want, nw);
        for (size_t cut = 0; cut <= n; cut++) {
            if (cut < n && ((unsigned char)in[cut] & 0xC0) == 0x80) continue;
            nfc_stream *s;
            assert_int_equal(nfc_stream_new(&s), 0);
            pisar_buf_clear(&got);
            assert_int_equal(nfc_stream_feed(s, in, cut, &got), 0);
            assert_int_equal(nfc_stream_feed(s, in + cut, n - cut, &got), 0);
            assert_int_equal(nfc_stream_flush(s, &got), 0);
            assert_false(nfc_stream_pending(s));
            nfc_stream_free(s);
            if (got.len != nw || memcmp(got.data, want, nw))
                print_error("round %d cut %zu\n", round, cut);
            assert_int_equal(got.len, nw);
            assert_memory_equal(got.data, want, nw);
        }
        nfc_stream *s;
        assert_int_equal(nfc_stream_new(&s), 0);
        pisar_buf_clear(&got);
        for (size_t i = 0; i < n;) {
            int k = utf8_seq((const unsigned char *)in + i, n - i);
            assert_true(k > 0);
            assert_int_equal(nfc_stream_feed(s, in + i, (size_t)k, &got), 0);
            i += (size_t)k;
        }
        assert_int_equal(nfc_stream_flush(s, &got), 0);
        nfc_stream_free(s);
        assert_int_equal(got.len, nw);
        assert_memory_equal(got.data, want, nw);
    }
    pisar_buf_free(&got);
}

/* The stream holds back only the last segment: a base letter waits for a
 * possible combining mark, and is released by the next starter. */
static void test_holds_back(void **state)
{
    (void)state;
    nfc_stream *s;
    pisar_buf out = {0};
    assert_int_equal(nfc_stream_new(&s), 0);
    assert_int_equal(nfc_stream_feed(s, "ab", 2, &out), 0);
    assert_int_equal(out.len, 1); /* "a" is final, "b" may still take a mark */
    assert_true(nfc_stream_pending(s));
    assert_int_equal(nfc_stream_feed(s, "\xCC\x81", 2, &out), 0);
    assert_int_equal(out.len, 1);
    assert_int_equal(nfc_stream_feed(s, "c", 1, &out), 0);
    assert_string_equal(out.data, "ab\xCC\x81"); /* b + acute has no precomposed form */
    assert_true(nfc_stream_pending(s));
    assert_int_equal(nfc_stream_flush(s, &out), 0);
    assert_string_equal(out.data, "ab\xCC\x81"
                                  "c");
    nfc_stream_free(s);
    pisar_buf_free(&out);
}

/* Pathological input: one letter with 200000 combining marks stays in bounded
 * memory (the segment is cut) and still decodes to the same characters. */
static void test_long_segment(void **state)
{
    (void)state;
    size_t n = 1 + 2 * 200000;
    char *in = malloc(n);
    assert_non_null(in);
    in[0] = 'a';
    for (size_t i = 1; i < n; i += 2)
        in[i] = (char)0xCC, in[i + 1] = (char)0x81;
    pisar_buf out = {0};
    assert_int_equal(pisar_nfc(in, n, &out, NULL), 0);
    /* "a" + U+0301 composes to U+00E1 (one byte shorter); the rest stay marks */
    assert_int_equal(out.len, n - 1);
    assert_memory_equal(out.data, "\xC3\xA1\xCC\x81", 4);
    free(in);
    pisar_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_vs_icu_split_anywhere),
        cmocka_unit_test(test_holds_back),
        cmocka_unit_test(test_long_segment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
