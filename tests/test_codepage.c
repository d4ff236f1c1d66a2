/* test_codepage.c -- the generated code page tables agree with iconv, byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <iconv.h>

#include "codepage.h"

static void test_against_iconv(void **state)
{
    (void)state;
    for (int e = PISAR_ENC_FIRST_SBCS; e <= PISAR_ENC_LAST_SBCS; e++) {
        iconv_t cd = iconv_open("UTF-8", pisar_encoding_iconv_name(e));
        assert_true(cd != (iconv_t)-1);
        const uint16_t *t = cp_table(e);
        const unsigned char(*u8)[4] = cp_utf8(e);
        assert_non_null(t);
        for (int b = 0; b < 256; b++) {
            char in = (char)b, out[8];
            char *ip = &in, *op = out;
            size_t il = 1, ol = sizeof out;
            iconv(cd, NULL, NULL, NULL, NULL);
            size_t r = iconv(cd, &ip, &il, &op, &ol);
            if (r == (size_t)-1) {
                assert_int_equal(t[b], CP_UNDEFINED);
                assert_int_equal(u8[b][0], 0);
                assert_int_equal(cp_flags(e)[b] & CPF_DEFINED, 0);
            } else {
                size_t n = sizeof out - ol;
                if (u8[b][0] != n || memcmp(u8[b] + 1, out, n))
                    print_error("%s byte 0x%02X\n", pisar_encoding_name(e), b);
                assert_int_equal(u8[b][0], n);
                assert_memory_equal(u8[b] + 1, out, n);
                assert_int_equal(cp_encode(e, t[b]) >= 0, 1);
                assert_int_equal(cp_table(e)[cp_encode(e, t[b])], t[b]);
            }
        }
        iconv_close(cd);
    }
}

static void test_spot_checks(void **state)
{
    (void)state;
    assert_int_equal(cp_table(PISAR_ENC_WINDOWS_1251)[0xC0], 0x0410); /* А */
    assert_int_equal(cp_table(PISAR_ENC_KOI8_R)[0xC1], 0x0430);       /* а */
    assert_int_equal(cp_table(PISAR_ENC_X_MAC_CYRILLIC)[0x80], 0x0410);
    assert_int_equal(cp_table(PISAR_ENC_WINDOWS_1251)[0x98], CP_UNDEFINED);
    assert_int_equal(cp_encode(PISAR_ENC_WINDOWS_1251, 0x044F), 0xFF); /* я */
    assert_int_equal(cp_encode(PISAR_ENC_WINDOWS_1251, 0x00E9), -1);   /* é */
    assert_int_equal(cp_encode(PISAR_ENC_WINDOWS_1251, CP_UNDEFINED), -1);
    assert_int_equal(cp_encode(PISAR_ENC_WINDOWS_1251, 'A'), 'A');
    assert_int_equal(cp_encode(PISAR_ENC_UTF8, 0x0410), -1);
    assert_null(cp_table(PISAR_ENC_UTF8));
    assert_true(cp_flags(PISAR_ENC_WINDOWS_1251)[0xC0] & CPF_UPPER);
    assert_true(cp_flags(PISAR_ENC_WINDOWS_1251)[0xE0] & CPF_LETTER);
    assert_false(cp_flags(PISAR_ENC_WINDOWS_1251)[0xE0] & CPF_UPPER);
    assert_true(cp_flags(PISAR_ENC_ISO_8859_1)[0x85] & CPF_CONTROL);
    assert_true(cp_flags(PISAR_ENC_WINDOWS_1251)[0xE0] & CPF_NFC_YES);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_against_iconv),
        cmocka_unit_test(test_spot_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
