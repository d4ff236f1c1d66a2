/* test_core.c -- status strings, buffers, encoding names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "pisar/pisar.h"

static void test_strerror(void **state)
{
    (void)state;
    assert_string_equal(pisar_strerror(PISAR_OK), "success");
    assert_string_equal(pisar_strerror(PISAR_EILSEQ), "invalid byte sequence");
    assert_string_equal(pisar_strerror(-999), "unknown error");
}

static void test_buf(void **state)
{
    (void)state;
    pisar_buf b = {0};
    assert_int_equal(pisar_buf_append(&b, "", 0), PISAR_OK);
    assert_non_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(pisar_buf_append(&b, "a\0b", 3), PISAR_OK);
    assert_int_equal(b.len, 3);
    assert_memory_equal(b.data, "a\0b", 4);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(pisar_buf_puts(&b, "xyz"), PISAR_OK);
    assert_int_equal(b.len, 3003);
    assert_int_equal(b.data[b.len], '\0');
    pisar_buf_clear(&b);
    assert_int_equal(b.len, 0);
    pisar_buf_free(&b);
    assert_null(b.data);
    assert_int_equal(pisar_buf_reserve(NULL, 1), PISAR_EINVAL);
}

static void test_encoding_names(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        pisar_encoding want;
    } cases[] = {
        {"windows-1251", PISAR_ENC_WINDOWS_1251},
        {"CP1251", PISAR_ENC_WINDOWS_1251},
        {"koi8r", PISAR_ENC_KOI8_R},
        {"KOI8-U", PISAR_ENC_KOI8_U},
        {"866", PISAR_ENC_IBM866},
        {"MacCyrillic", PISAR_ENC_X_MAC_CYRILLIC},
        {"latin1", PISAR_ENC_ISO_8859_1},
        {"UTF8", PISAR_ENC_UTF8},
        {"x-mac-ce", PISAR_ENC_X_MAC_CE},
        {"latin-9", PISAR_ENC_ISO_8859_15},
        {"", PISAR_ENC_UNKNOWN},
        {"klingon", PISAR_ENC_UNKNOWN},
        {"binary", PISAR_ENC_UNKNOWN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_int_equal(pisar_encoding_from_name(cases[i].in), cases[i].want);
    assert_null(pisar_encoding_from_name(NULL) ? "x" : NULL);
    /* Every known encoding round-trips through its own name and its iconv name. */
    for (int e = PISAR_ENC_ASCII; e < PISAR_ENC_COUNT; e++) {
        assert_int_equal(pisar_encoding_from_name(pisar_encoding_name(e)), e);
        assert_int_equal(pisar_encoding_from_name(pisar_encoding_iconv_name(e)), e);
    }
    assert_string_equal(pisar_encoding_name(PISAR_ENC_COUNT), "unknown");
    assert_true(pisar_encoding_is_cyrillic(PISAR_ENC_KOI8_U));
    assert_false(pisar_encoding_is_cyrillic(PISAR_ENC_WINDOWS_1250));
    assert_true(pisar_encoding_is_single_byte(PISAR_ENC_X_MAC_CE));
    assert_false(pisar_encoding_is_single_byte(PISAR_ENC_UTF8));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strerror),
        cmocka_unit_test(test_buf),
        cmocka_unit_test(test_encoding_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
