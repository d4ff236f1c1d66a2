/* test_decode.c -- the decoders against iconv, chunking, BOM, line endings, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <iconv.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "codepage.h"
#include "decode_internal.h"
#include "pisar/decode.h"

/* A small deterministic generator (xorshift), so failures reproduce. */
static uint64_t rng = 88172645463325252ull;
static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

/* iconv's conversion of in to UTF-8; returns the number of input bytes it
 * converted before it stopped (len when it converted everything). */
static size_t by_iconv(const char *from, const void *in, size_t len, pisar_buf *out)
{
    iconv_t cd = iconv_open("UTF-8", from);
    assert_true(cd != (iconv_t)-1);
    pisar_buf_clear(out);
    assert_int_equal(pisar_buf_reserve(out, len * 4 + 16), 0);
    char *ip = (char *)in, *op = out->data;
    size_t il = len, ol = out->cap - 1;
    iconv(cd, &ip, &il, &op, &ol);
    out->len = (size_t)(op - out->data);
    out->data[out->len] = '\0';
    iconv_close(cd);
    return len - il;
}

/* Decode in chunks of the given sizes (cycled); returns the status. */
static int chunked(pisar_encoding enc, unsigned flags, const void *in, size_t len, size_t chunk,
                   pisar_buf *out, pisar_error *err, uint64_t *repl)
{
    pisar_decoder *d;
    assert_int_equal(pisar_decoder_new(&d, enc, flags), PISAR_OK);
    pisar_buf_clear(out);
    const char *p = in;
    int rc = PISAR_OK;
    for (size_t i = 0; i < len && !rc; i += chunk) {
        size_t n = len - i < chunk ? len - i : chunk;
        rc = pisar_decoder_feed(d, p + i, n, out, err);
    }
    if (!rc) rc = pisar_decoder_finish(d, out, err);
    if (repl) *repl = pisar_decoder_replacements(d);
    pisar_decoder_free(d);
    return rc;
}

/* chunked(), through the scalar reference paths or the fast paths. */
static int chunked_path(pisar_encoding enc, unsigned flags, const void *in, size_t len,
                        size_t chunk, int scalar, pisar_buf *out, pisar_error *err, uint64_t *repl)
{
    pisar_decoder *d;
    assert_int_equal(pisar_decoder_new(&d, enc, flags), PISAR_OK);
    pisar_decoder_set_scalar(d, scalar);
    pisar_buf_clear(out);
    memset(err, 0, sizeof *err);
    const char *p = in;
    int rc = PISAR_OK;
    for (size_t i = 0; i < len && !rc; i += chunk) {
        size_t n = len - i < chunk ? len - i : chunk;
        rc = pisar_decoder_feed(d, p + i, n, out, err);
    }
    if (!rc) rc = pisar_decoder_finish(d, out, err);
    *repl = pisar_decoder_replacements(d);
    pisar_decoder_free(d);
    return rc;
}

/* The vectorised single-byte path against the scalar reference: text in
 * runs (ASCII, high bytes, mixed) with now and then an undefined byte, in
 * strict and lossy mode, in chunks of many sizes: the same bytes, status,
 * error offset and count of replacements. */
static void test_sbcs_fast_vs_scalar(void **state)
{
    (void)state;
    pisar_buf a = {0}, b = {0};
    static unsigned char in[20000];
    static const size_t chunks[] = {1, 7, 15, 16, 17, 100, 4096, sizeof in};
    for (int e = PISAR_ENC_FIRST_SBCS; e <= PISAR_ENC_LAST_SBCS; e++) {
        const uint8_t *fl = cp_flags(e);
        for (int round = 0; round < 4; round++) {
            size_t i = 0;
            while (i < sizeof in) {
                size_t run = 1 + rnd() % 40, kind = rnd() % 3;
                for (size_t k = 0; k < run && i < sizeof in; k++) {
                    unsigned char c = (unsigned char)rnd();
                    if (kind == 0) c &= 0x7F;
                    if (kind == 1) c |= 0x80;
                    /* undefined bytes: none in round 0, rare later */
                    if (!(fl[c] & CPF_DEFINED) && (round == 0 || rnd() % 64)) c = 'x';
                    in[i++] = c;
                }
            }
            for (unsigned flags = 0; flags <= PISAR_DECODE_LOSSY; flags += PISAR_DECODE_LOSSY)
                for (size_t c = 0; c < sizeof chunks / sizeof *chunks; c++) {
                    pisar_error ea, eb;
                    uint64_t ra, rb;
                    int rca = chunked_path(e, flags, in, sizeof in, chunks[c], 1, &a, &ea, &ra);
                    int rcb = chunked_path(e, flags, in, sizeof in, chunks[c], 0, &b, &eb, &rb);
                    if (rca != rcb || a.len != b.len || (a.len && memcmp(a.data, b.data, a.len)))
                        print_error("%s: fast path differs (chunk %zu, flags %u)\n",
                                    pisar_encoding_name(e), chunks[c], flags);
                    assert_int_equal(rca, rcb);
                    assert_int_equal(a.len, b.len);
                    if (a.len) assert_memory_equal(a.data, b.data, a.len);
                    assert_int_equal(ra, rb);
                    if (rca) {
                        assert_int_equal(ea.offset, eb.offset);
                        assert_int_equal(ea.bytes[0], eb.bytes[0]);
                    }
                    if (round == 0) assert_int_equal(rca, PISAR_OK);
                }
        }
    }
    pisar_buf_free(&a);
    pisar_buf_free(&b);
}

/* The AVX-512 and AVX2 paths (64 and 32 bytes at a step whose high bytes
 * decode to two bytes of UTF-8) against the SSE2 path and the scalar
 * reference, on every code page: ASCII mixed with the high bytes of two-byte characters only (the
 * AVX2 path takes every block), now and then one of three bytes or an
 * undefined byte (it hands that block on), at every offset 0..40 and in
 * chunks of many sizes, strict and lossy: the same bytes, status, error
 * offset and count of replacements. (On a machine without AVX-512 VBMI2 or
 * AVX2 some of them are the same path.) */
static void test_sbcs_avx2_vs_sse2_vs_scalar(void **state)
{
    (void)state;
    pisar_buf a = {0}, b = {0}, c = {0}, x = {0};
    static unsigned char in[3000];
    static const size_t chunks[] = {1, 31, 32, 33, 63, 64, 65, 129, 1000, sizeof in};
    int taken = 0;
    for (int e = PISAR_ENC_FIRST_SBCS; e <= PISAR_ENC_LAST_SBCS; e++) {
        const unsigned char(*u8)[4] = cp_utf8(e);
        unsigned char two[128];
        int ntwo = 0;
        for (int x = 0x80; x < 256; x++)
            if (u8[x][0] == 2) two[ntwo++] = (unsigned char)x;
        if (!ntwo) continue;
        taken++;
        for (int round = 0; round < 3; round++) {
            for (size_t i = 0; i < sizeof in; i++) {
                unsigned r = rnd() % 100;
                in[i] = r < 35   ? (unsigned char)('a' + rnd() % 26)
                        : r < 40 ? ' '
                                 : two[rnd() % (unsigned)ntwo];
                /* round 1: a byte of another kind now and then */
                if (round == 1 && rnd() % 200 == 0) in[i] = (unsigned char)(0x80 | rnd());
            }
            for (size_t off = 0; off <= 40; off++)
                for (unsigned flags = 0; flags <= PISAR_DECODE_LOSSY; flags += PISAR_DECODE_LOSSY)
                    for (size_t k = 0; k < sizeof chunks / sizeof *chunks; k++) {
                        if (off && k != sizeof chunks / sizeof *chunks - 1) continue;
                        size_t n = sizeof in - off;
                        pisar_error ea, eb, ec, ex;
                        uint64_t ra, rb, rc, rx;
                        int rca = chunked_path(e, flags, in + off, n, chunks[k], 1, &a, &ea, &ra);
                        int rcb = chunked_path(e, flags, in + off, n, chunks[k], 2, &b, &eb, &rb);
                        int rcc = chunked_path(e, flags, in + off, n, chunks[k], 0, &c, &ec, &rc);
                        int rcx = chunked_path(e, flags, in + off, n, chunks[k], 3, &x, &ex, &rx);
                        assert_int_equal(rca, rcx);
                        assert_int_equal(a.len, x.len);
                        if (a.len) assert_memory_equal(a.data, x.data, a.len);
                        assert_int_equal(ra, rx);
                        if (rca) assert_int_equal(ea.offset, ex.offset);
                        if (rca != rcc || a.len != c.len ||
                            (a.len && memcmp(a.data, c.data, a.len)))
                            print_error("%s: AVX2 path differs (offset %zu, chunk %zu, flags %u)\n",
                                        pisar_encoding_name(e), off, chunks[k], flags);
                        assert_int_equal(rca, rcb);
                        assert_int_equal(rca, rcc);
                        assert_int_equal(a.len, b.len);
                        assert_int_equal(a.len, c.len);
                        if (a.len) {
                            assert_memory_equal(a.data, b.data, a.len);
                            assert_memory_equal(a.data, c.data, a.len);
                        }
                        assert_int_equal(ra, rb);
                        assert_int_equal(ra, rc);
                        if (rca) {
                            assert_int_equal(ea.offset, eb.offset);
                            assert_int_equal(ea.offset, ec.offset);
                        }
                        if (round != 1) assert_int_equal(rca, PISAR_OK);
                    }
        }
    }
    assert_true(taken > 20);
    pisar_buf_free(&a);
    pisar_buf_free(&b);
    pisar_buf_free(&c);
    pisar_buf_free(&x);
}

static void test_sbcs_vs_iconv(void **state)
{
    (void)state;
    pisar_buf want = {0}, got = {0};
    unsigned char in[4096];
    for (int e = PISAR_ENC_FIRST_SBCS; e <= PISAR_ENC_LAST_SBCS; e++) {
        const uint8_t *fl = cp_flags(e);
        for (size_t i = 0; i < sizeof in; i++) {
            unsigned char b;
            do
                b = (unsigned char)rnd();
            while (!(fl[b] & CPF_DEFINED));
            in[i] = b;
        }
        assert_int_equal(by_iconv(pisar_encoding_iconv_name(e), in, sizeof in, &want), sizeof in);
        pisar_error err;
        for (unsigned flags = 0; flags <= PISAR_DECODE_NFC; flags += PISAR_DECODE_NFC) {
            pisar_buf_clear(&got);
            assert_int_equal(pisar_decode(e, in, sizeof in, flags, &got, &err), 0);
            if (got.len != want.len || memcmp(got.data, want.data, got.len))
                print_error("%s differs from iconv\n", pisar_encoding_name(e));
            assert_int_equal(got.len, want.len);
            assert_memory_equal(got.data, want.data, got.len);
        }
        /* every undefined byte is an error at its exact offset */
        for (int b = 0; b < 256; b++) {
            if (fl[b] & CPF_DEFINED) continue;
            unsigned char bad[5] = {'a', 'b', 'c', (unsigned char)b, 'd'};
            pisar_buf_clear(&got);
            assert_int_equal(pisar_decode(e, bad, 5, 0, &got, &err), PISAR_EILSEQ);
            assert_int_equal(err.offset, 3);
            assert_int_equal(err.nbytes, 1);
            assert_int_equal(err.bytes[0], b);
            assert_string_equal(got.data, "abc");
            uint64_t repl;
            assert_int_equal(chunked(e, PISAR_DECODE_LOSSY, bad, 5, 2, &got, &err, &repl), 0);
            assert_string_equal(got.data, "abc\xEF\xBF\xBD"
                                          "d");
            assert_int_equal(repl, 1);
        }
    }
    pisar_buf_free(&want);
    pisar_buf_free(&got);
}

/* Random text (valid code points, weighted towards ASCII, Cyrillic, combining
 * marks and astral characters) in UTF-32LE, converted by iconv to `to`. */
static size_t random_text(const char *to, char *out, size_t cap)
{
    uint32_t cps[1024];
    for (size_t i = 0; i < 1024; i++) {
        uint32_t c;
        switch (rnd() % 6) {
        case 0:
            c = rnd() % 0x80;
            break;
        case 1:
            c = 0x400 + rnd() % 0x100;
            break;
        case 2:
            c = 0x300 + rnd() % 0x70;
            break;
        case 3:
            c = 0x10000 + rnd() % 0x100000;
            break;
        case 4:
            c = 0xAC00 + rnd() % 0x2000;
            break;
        default:
            c = rnd() % 0xFFFF;
        }
        if (c >= 0xD800 && c <= 0xDFFF) c = 0x20;
        if (i == 0 && c == 0xFEFF) c = 0x20;
        cps[i] = c; /* little-endian host assumed by the test: checked below */
    }
    uint32_t one = 1;
    assert_int_equal(*(unsigned char *)&one, 1);
    iconv_t cd = iconv_open(to, "UTF-32LE");
    assert_true(cd != (iconv_t)-1);
    char *ip = (char *)cps, *op = out;
    size_t il = sizeof cps, ol = cap;
    assert_int_not_equal(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
    iconv_close(cd);
    return cap - ol;
}

static void test_unicode_vs_iconv(void **state)
{
    (void)state;
    static const pisar_encoding encs[] = {PISAR_ENC_UTF8, PISAR_ENC_UTF16LE, PISAR_ENC_UTF16BE,
                                          PISAR_ENC_UTF32LE, PISAR_ENC_UTF32BE};
    static char in[8192];
    pisar_buf want = {0}, got = {0};
    pisar_error err;
    for (size_t k = 0; k < sizeof encs / sizeof *encs; k++) {
        for (int round = 0; round < 4; round++) {
            size_t n = random_text(pisar_encoding_iconv_name(encs[k]), in, sizeof in);
            assert_int_equal(by_iconv(pisar_encoding_iconv_name(encs[k]), in, n, &want), n);
            for (size_t chunk = 1; chunk <= 7; chunk += 3) {
                assert_int_equal(chunked(encs[k], 0, in, n, chunk, &got, &err, NULL), 0);
                assert_int_equal(got.len, want.len);
                assert_memory_equal(got.data, want.data, got.len);
            }
            assert_int_equal(chunked(encs[k], 0, in, n, n, &got, &err, NULL), 0);
            assert_memory_equal(got.data, want.data, got.len);
        }
    }
    pisar_buf_free(&want);
    pisar_buf_free(&got);
}

/* Random bytes as UTF-8/16/32: pisar stops where iconv stops, with what iconv
 * wrote before it. */
static void test_invalid_vs_iconv(void **state)
{
    (void)state;
    static const pisar_encoding encs[] = {PISAR_ENC_UTF8,    PISAR_ENC_UTF16LE, PISAR_ENC_UTF16BE,
                                          PISAR_ENC_UTF32LE, PISAR_ENC_UTF32BE, PISAR_ENC_ASCII};
    unsigned char in[64];
    pisar_buf want = {0}, got = {0};
    pisar_error err;
    for (size_t k = 0; k < sizeof encs / sizeof *encs; k++) {
        for (int round = 0; round < 3000; round++) {
            size_t n = 1 + rnd() % sizeof in;
            for (size_t i = 0; i < n; i++) {
                unsigned r = rnd();
                /* make valid stretches likely enough to go past the start */
                in[i] = (unsigned char)(r % 4 == 0   ? r >> 8
                                        : r % 4 == 1 ? 0x80 + (r >> 8) % 0x40
                                        : r % 4 == 2 ? 0xC2 + (r >> 8) % 0x33
                                                     : (r >> 8) % 0x80);
                if (encs[k] >= PISAR_ENC_UTF16LE && r % 3) in[i] = (unsigned char)((r >> 8) % 0x30);
                /* glibc accepts UTF-8 forms of code points above U+10FFFF (F4 90
                 * and up): keep those to the table tests, where they are errors */
                if (in[i] >= 0xF4) in[i] = 0xFF;
            }
            if (encs[k] != PISAR_ENC_UTF8 && encs[k] != PISAR_ENC_ASCII && in[0] == 0xFF) in[0] = 0;
            size_t stop = by_iconv(pisar_encoding_iconv_name(encs[k]), in, n, &want);
            int rc = chunked(encs[k], 0, in, n, 1 + round % 5, &got, &err, NULL);
            if (stop == n) {
                assert_int_equal(rc, 0);
            } else {
                assert_true(rc == PISAR_EILSEQ || rc == PISAR_ETRUNC);
                if (err.offset != stop)
                    print_error("%s round %d: offset %llu, iconv %zu\n",
                                pisar_encoding_name(encs[k]), round, (unsigned long long)err.offset,
                                stop);
                if (err.offset != stop)
                    for (size_t i = 0; i < n; i++)
                        print_error("%02X%s", in[i], i + 1 == n ? "\n" : " ");
                assert_int_equal(err.offset, stop);
            }
            assert_int_equal(got.len, want.len);
            assert_memory_equal(got.data, want.data, got.len);
        }
    }
    pisar_buf_free(&want);
    pisar_buf_free(&got);
}

/* Text whose UTF-8 is longer than its UTF-16 (CJK: 2 bytes give 3) into a
 * fresh buffer: iconv runs out of room (E2BIG), the buffer grows, and the
 * output still equals iconv's, for every length up to 3000 characters. */
static void test_output_grows(void **state)
{
    (void)state;
    static unsigned char in[6000];
    pisar_buf want = {0};
    pisar_error err;
    for (size_t i = 0; i < sizeof in; i += 2) {
        unsigned c = 0x4E00 + rnd() % 0x5000;
        in[i] = (unsigned char)(c & 0xFF);
        in[i + 1] = (unsigned char)(c >> 8);
    }
    for (size_t n = 2; n <= sizeof in; n += 26) {
        assert_int_equal(by_iconv("UTF-16LE", in, n, &want), n);
        pisar_buf got = {0};
        assert_int_equal(pisar_decode(PISAR_ENC_UTF16LE, in, n, 0, &got, &err), 0);
        assert_int_equal(got.len, want.len);
        assert_memory_equal(got.data, want.data, got.len);
        pisar_buf_free(&got);
    }
    pisar_buf_free(&want);
}

/* Splitting the input at any point gives the same output, with every flag. */
static void test_split_anywhere(void **state)
{
    (void)state;
    static const struct {
        pisar_encoding enc;
        const char *in;
        size_t len;
    } cases[] = {
        {PISAR_ENC_UTF8,
         "\xEF\xBB\xBF\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB8\xCC\x86\r\nx\xF0\x9F\x98\x80\r", 21},
        {PISAR_ENC_UTF8, "a\xC3\xA5\xCC\xA3\xCC\x81\xE1\x84\x80\xE1\x85\xA1\r\r\n\n\xCC\x81", 19},
        {PISAR_ENC_UTF16LE,
         "\xFF\xFE\x1F\x04\x40\x04\x38\x04\x06\x03\x0D\x00\x0A\x00\x3D\xD8\x00\xDE", 18},
        {PISAR_ENC_UTF16BE, "\xFE\xFF\x04\x1F\x00\x65\x03\x01\x00\x0D\xD8\x3D\xDE\x00", 14},
        {PISAR_ENC_UTF32LE, "\xFF\xFE\x00\x00\x65\x00\x00\x00\x01\x03\x00\x00\x0D\x00\x00\x00", 16},
        {PISAR_ENC_WINDOWS_1251, "\xcf\xf0\xe8\xe2\xe5\xf2\r\n\xcc\xe8\xf0\r", 12},
        {PISAR_ENC_KOI8_R, "\xf0\xd2\xc9\xd7\xc5\xd4\n\r\r\n", 10},
    };
    static const unsigned flagsets[] = {0,
                                        PISAR_DECODE_NFC,
                                        PISAR_DECODE_KEEP_BOM,
                                        PISAR_DECODE_EOL_LF,
                                        PISAR_DECODE_EOL_CRLF | PISAR_DECODE_NFC,
                                        PISAR_DECODE_LOSSY | PISAR_DECODE_EOL_LF};
    pisar_buf whole = {0}, got = {0};
    pisar_error err;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        for (size_t f = 0; f < sizeof flagsets / sizeof *flagsets; f++) {
            unsigned flags = flagsets[f];
            int wrc = chunked(cases[c].enc, flags, cases[c].in, cases[c].len, cases[c].len, &whole,
                              &err, NULL);
            if (wrc)
                print_error("case %zu flags %u: rc %d at %llu\n", c, flags, wrc,
                            (unsigned long long)err.offset);
            assert_int_equal(wrc, 0);
            for (size_t cut = 0; cut <= cases[c].len; cut++) {
                pisar_decoder *d;
                assert_int_equal(pisar_decoder_new(&d, cases[c].enc, flags), 0);
                pisar_buf_clear(&got);
                assert_int_equal(pisar_decoder_feed(d, cases[c].in, cut, &got, &err), 0);
                assert_int_equal(
                    pisar_decoder_feed(d, cases[c].in + cut, cases[c].len - cut, &got, &err), 0);
                assert_int_equal(pisar_decoder_finish(d, &got, &err), 0);
                pisar_decoder_free(d);
                if (got.len != whole.len || memcmp(got.data, whole.data, got.len))
                    print_error("case %zu flags %u cut %zu\n", c, flags, cut);
                if (got.len != whole.len || memcmp(got.data, whole.data, got.len))
                    for (size_t i = 0; i < got.len; i++)
                        print_error("%02X ", (unsigned char)got.data[i]);
                assert_int_equal(got.len, whole.len);
                assert_memory_equal(got.data, whole.data, got.len);
            }
            assert_int_equal(
                chunked(cases[c].enc, flags, cases[c].in, cases[c].len, 1, &got, &err, NULL), 0);
            assert_int_equal(got.len, whole.len);
            assert_memory_equal(got.data, whole.data, got.len);
        }
    }
    pisar_buf_free(&whole);
    pisar_buf_free(&got);
}

/* {description, encoding, flags, input, expected status, output, error offset, replacements} */
static const struct {
    const char *what;
    pisar_encoding enc;
    unsigned flags;
    const char *in;
    size_t len;
    int rc;
    const char *out;
    size_t outlen;
    uint64_t offset;
    uint64_t repl;
} table[] = {
    {"empty utf-8", PISAR_ENC_UTF8, 0, "", 0, 0, "", 0, 0, 0},
    {"empty cp1251 with nfc", PISAR_ENC_WINDOWS_1251, PISAR_DECODE_NFC, "", 0, 0, "", 0, 0, 0},
    {"empty utf-16le", PISAR_ENC_UTF16LE, PISAR_DECODE_NFC, "", 0, 0, "", 0, 0, 0},
    {"NUL kept utf-8", PISAR_ENC_UTF8, PISAR_DECODE_NFC, "a\0b", 3, 0, "a\0b", 3, 0, 0},
    {"NUL kept koi8-r", PISAR_ENC_KOI8_R, 0, "\0\xc1", 2, 0, "\0\xD0\xB0", 3, 0, 0},
    {"NUL utf-16le", PISAR_ENC_UTF16LE, 0, "\0\0a\0", 4, 0, "\0a", 2, 0, 0},
    {"utf-8 bom stripped", PISAR_ENC_UTF8, 0, "\xEF\xBB\xBFok", 5, 0, "ok", 2, 0, 0},
    {"utf-8 bom kept", PISAR_ENC_UTF8, PISAR_DECODE_KEEP_BOM, "\xEF\xBB\xBFok", 5, 0,
     "\xEF\xBB\xBFok", 5, 0, 0},
    {"only a bom", PISAR_ENC_UTF8, 0, "\xEF\xBB\xBF", 3, 0, "", 0, 0, 0},
    {"U+FEFF inside kept", PISAR_ENC_UTF8, 0, "a\xEF\xBB\xBF", 4, 0, "a\xEF\xBB\xBF", 4, 0, 0},
    {"utf-16le bom", PISAR_ENC_UTF16LE, 0, "\xFF\xFEo\0k\0", 6, 0, "ok", 2, 0, 0},
    {"utf-16be bom kept", PISAR_ENC_UTF16BE, PISAR_DECODE_KEEP_BOM, "\xFE\xFF\0o", 4, 0,
     "\xEF\xBB\xBFo", 4, 0, 0},
    {"utf-32be bom", PISAR_ENC_UTF32BE, 0, "\0\0\xFE\xFF\0\0\0o", 8, 0, "o", 1, 0, 0},
    {"eol lf", PISAR_ENC_UTF8, PISAR_DECODE_EOL_LF, "a\r\nb\rc\nd\r", 9, 0, "a\nb\nc\nd\n", 8, 0,
     0},
    {"eol crlf", PISAR_ENC_UTF8, PISAR_DECODE_EOL_CRLF, "a\r\nb\rc\n\n", 8, 0,
     "a\r\nb\r\nc\r\n\r\n", 11, 0, 0},
    {"eol kept", PISAR_ENC_UTF8, 0, "a\r\nb\r", 5, 0, "a\r\nb\r", 5, 0, 0},
    {"nfc composes", PISAR_ENC_UTF8, PISAR_DECODE_NFC, "\xD0\xB8\xCC\x86", 4, 0, "\xD0\xB9", 2, 0,
     0},
    {"nfc off keeps", PISAR_ENC_UTF8, 0, "\xD0\xB8\xCC\x86", 4, 0, "\xD0\xB8\xCC\x86", 4, 0, 0},
    {"nfc utf-16", PISAR_ENC_UTF16LE, PISAR_DECODE_NFC, "e\0\x01\x03", 4, 0, "\xC3\xA9", 2, 0, 0},
    {"overlong", PISAR_ENC_UTF8, 0, "ab\xC0\x80", 4, PISAR_EILSEQ, "ab", 2, 2, 0},
    {"overlong lossy", PISAR_ENC_UTF8, PISAR_DECODE_LOSSY, "ab\xC0\x80", 4, 0,
     "ab\xEF\xBF\xBD\xEF\xBF\xBD", 8, 0, 2},
    {"surrogate", PISAR_ENC_UTF8, 0, "x\xED\xA0\x80", 4, PISAR_EILSEQ, "x", 1, 1, 0},
    {"surrogate lossy", PISAR_ENC_UTF8, PISAR_DECODE_LOSSY, "\xED\xA0\x80", 3, 0,
     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 9, 0, 3},
    {"above U+10FFFF", PISAR_ENC_UTF8, 0, "\xF4\x90\x80\x80", 4, PISAR_EILSEQ, "", 0, 0, 0},
    {"truncated utf-8", PISAR_ENC_UTF8, 0, "ok\xD0", 3, PISAR_ETRUNC, "ok", 2, 2, 0},
    {"truncated utf-8 lossy", PISAR_ENC_UTF8, PISAR_DECODE_LOSSY, "ok\xE2\x82", 4, 0,
     "ok\xEF\xBF\xBD", 5, 0, 1},
    {"truncated 3-byte then ascii", PISAR_ENC_UTF8, PISAR_DECODE_LOSSY, "\xE2\x82z", 3, 0,
     "\xEF\xBF\xBDz", 4, 0, 1},
    {"truncated utf-16 odd byte", PISAR_ENC_UTF16LE, 0, "o\0k", 3, PISAR_ETRUNC, "o", 1, 2, 0},
    {"truncated utf-16 high surrogate", PISAR_ENC_UTF16LE, 0, "o\0\x3D\xD8", 4, PISAR_ETRUNC, "o",
     1, 2, 0},
    {"unpaired low surrogate", PISAR_ENC_UTF16LE, 0, "o\0\x00\xDC", 4, PISAR_EILSEQ, "o", 1, 2, 0},
    {"high surrogate then letter", PISAR_ENC_UTF16BE, PISAR_DECODE_LOSSY, "\xD8\x3D\0o", 4, 0,
     "\xEF\xBF\xBDo", 4, 0, 1},
    {"utf-32 too big", PISAR_ENC_UTF32LE, 0, "o\0\0\0\0\0\x11\0", 8, PISAR_EILSEQ, "o", 1, 4, 0},
    {"utf-32be too big", PISAR_ENC_UTF32BE, 0, "\0\0\0o\0\x11\0\0", 8, PISAR_EILSEQ, "o", 1, 4, 0},
    {"utf-32 surrogate lossy", PISAR_ENC_UTF32LE, PISAR_DECODE_LOSSY, "\0\xD8\0\0o\0\0\0", 8, 0,
     "\xEF\xBF\xBDo", 4, 0, 1},
    {"lone low surrogate lossy, then U+FEFF as text", PISAR_ENC_UTF16LE, PISAR_DECODE_LOSSY,
     "\x00\xDC\xFF\xFE", 4, 0, "\xEF\xBF\xBD\xEF\xBB\xBF", 6, 0, 1},
    {"utf-16 bom twice: the second is text", PISAR_ENC_UTF16LE, 0, "\xFF\xFE\xFF\xFE", 4, 0,
     "\xEF\xBB\xBF", 3, 0, 0},
    {"utf-16 cut inside a surrogate pair", PISAR_ENC_UTF16BE, 0, "\xD8\x3D\xDE", 3, PISAR_ETRUNC,
     "", 0, 0, 0},
    {"utf-16 cut inside a pair, lossy", PISAR_ENC_UTF16LE, PISAR_DECODE_LOSSY, "o\0\x3D\xD8\x00", 5,
     0, "o\xEF\xBF\xBD", 4, 0, 1},
    {"utf-16 surrogates lossy, nfc", PISAR_ENC_UTF16LE, PISAR_DECODE_LOSSY | PISAR_DECODE_NFC,
     "e\0\x00\xDC\x01\x03\x3D\xD8\x00\xDE", 10, 0, "e\xEF\xBF\xBD\xCC\x81\xF0\x9F\x98\x80", 10, 0,
     1},
    {"truncated utf-32", PISAR_ENC_UTF32LE, 0, "o\0\0\0p\0", 6, PISAR_ETRUNC, "o", 1, 4, 0},
    {"ascii rejects 8-bit", PISAR_ENC_ASCII, 0, "abc\xE9", 4, PISAR_EILSEQ, "abc", 3, 3, 0},
    {"ascii: a UTF-8 BOM is not ASCII", PISAR_ENC_ASCII, 0, "\xEF\xBB\xBFok", 5, PISAR_EILSEQ, "",
     0, 0, 0},
    {"cp1251 0x98 undefined", PISAR_ENC_WINDOWS_1251, 0, "\xcf\x98", 2, PISAR_EILSEQ, "\xD0\x9F", 2,
     1, 0},
    {"cp1251 lossy", PISAR_ENC_WINDOWS_1251, PISAR_DECODE_LOSSY | PISAR_DECODE_NFC, "\x98\x98", 2,
     0, "\xEF\xBF\xBD\xEF\xBF\xBD", 6, 0, 2},
    {"koi8-r", PISAR_ENC_KOI8_R, PISAR_DECODE_NFC, "\xf0\xd2\xc9\xd7\xc5\xd4", 6, 0,
     "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82", 12, 0, 0},
    {"ibm866", PISAR_ENC_IBM866, 0, "\x8f\xe0\xa8", 3, 0, "\xD0\x9F\xD1\x80\xD0\xB8", 6, 0, 0},
    {"mac cyrillic", PISAR_ENC_X_MAC_CYRILLIC, 0, "\x8f\xf0", 2, 0, "\xD0\x9F\xD1\x80", 4, 0, 0},
};

static void test_table(void **state)
{
    (void)state;
    pisar_buf out = {0};
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        pisar_error err;
        memset(&err, 0, sizeof err);
        uint64_t repl = 0;
        /* whole, and one byte at a time */
        for (size_t chunk = table[i].len ? table[i].len : 1; chunk >= 1;
             chunk = chunk == 1 ? 0 : 1) {
            int rc = chunked(table[i].enc, table[i].flags, table[i].in, table[i].len, chunk, &out,
                             &err, &repl);
            if (rc != table[i].rc || out.len != table[i].outlen ||
                (out.len && memcmp(out.data, table[i].out, out.len)))
                print_error("%s (chunk %zu): rc %d, %zu bytes\n", table[i].what, chunk, rc,
                            out.len);
            assert_int_equal(rc, table[i].rc);
            assert_int_equal(out.len, table[i].outlen);
            if (out.len) assert_memory_equal(out.data, table[i].out, out.len);
            if (rc) {
                assert_int_equal(err.offset, table[i].offset);
                assert_true(err.nbytes >= 1);
                assert_memory_equal(err.bytes, table[i].in + table[i].offset, err.nbytes);
                assert_non_null(strstr(err.message, pisar_encoding_name(table[i].enc)));
            }
            assert_int_equal(repl, table[i].repl);
        }
        /* PISAR_DECODE_CHECK finds the same error at the same offset, writing nothing */
        if (!(table[i].flags & PISAR_DECODE_LOSSY)) {
            pisar_decoder *d;
            assert_int_equal(
                pisar_decoder_new(&d, table[i].enc, table[i].flags | PISAR_DECODE_CHECK), 0);
            int rc = pisar_decoder_feed(d, table[i].in, table[i].len, NULL, &err);
            if (!rc) rc = pisar_decoder_finish(d, NULL, &err);
            pisar_decoder_free(d);
            if (rc != table[i].rc) print_error("%s (check): rc %d\n", table[i].what, rc);
            assert_int_equal(rc, table[i].rc);
            if (rc) assert_int_equal(err.offset, table[i].offset);
        }
    }
    pisar_buf_free(&out);
}

static void test_api_errors(void **state)
{
    (void)state;
    pisar_decoder *d;
    pisar_buf out = {0};
    pisar_error err;
    assert_int_equal(pisar_decoder_new(&d, PISAR_ENC_UNKNOWN, 0), PISAR_EUNKNOWN);
    assert_int_equal(pisar_decoder_new(&d, PISAR_ENC_BINARY, 0), PISAR_EUNKNOWN);
    assert_int_equal(
        pisar_decoder_new(&d, PISAR_ENC_UTF8, PISAR_DECODE_EOL_LF | PISAR_DECODE_EOL_CRLF),
        PISAR_EINVAL);
    assert_int_equal(pisar_decoder_new(NULL, PISAR_ENC_UTF8, 0), PISAR_EINVAL);
    assert_int_equal(pisar_decoder_new(&d, PISAR_ENC_UTF8, 0), 0);
    assert_int_equal(pisar_decoder_feed(d, NULL, 1, &out, &err), PISAR_EINVAL);
    /* after an error the handle is spent */
    assert_int_equal(pisar_decoder_feed(d, "\xFF", 1, &out, &err), PISAR_EILSEQ);
    assert_int_equal(pisar_decoder_feed(d, "a", 1, &out, &err), PISAR_ESTATE);
    pisar_decoder_free(d);
    pisar_decoder_free(NULL);
    assert_int_equal(pisar_decoder_replacements(NULL), 0);
    /* absolute offsets across chunks */
    assert_int_equal(pisar_decoder_new(&d, PISAR_ENC_UTF8, 0), 0);
    assert_int_equal(pisar_decoder_feed(d, "0123456789", 10, &out, &err), 0);
    assert_int_equal(pisar_decoder_feed(d, "ab\xC3", 3, &out, &err), 0);
    assert_int_equal(pisar_decoder_feed(d, "(", 1, &out, &err), PISAR_EILSEQ);
    assert_int_equal(err.offset, 12);
    assert_int_equal(err.nbytes, 1);
    assert_int_equal(err.bytes[0], 0xC3);
    pisar_decoder_free(d);
    /* the same through iconv: a lone low surrogate at offset 10, fed in pieces */
    assert_int_equal(pisar_decoder_new(&d, PISAR_ENC_UTF16LE, 0), 0);
    pisar_buf_clear(&out);
    assert_int_equal(pisar_decoder_feed(d, "a\0b\0c\0d\0e", 9, &out, &err), 0);
    assert_int_equal(pisar_decoder_feed(d, "\0", 1, &out, &err), 0);
    assert_int_equal(pisar_decoder_feed(d,
                                        "\x01\xDC"
                                        "f\0",
                                        4, &out, &err),
                     PISAR_EILSEQ);
    assert_int_equal(err.offset, 10);
    assert_int_equal(err.nbytes, 2);
    assert_int_equal(err.bytes[0], 0x01);
    assert_int_equal(err.bytes[1], 0xDC);
    assert_non_null(strstr(err.message, "utf-16le"));
    assert_string_equal(out.data, "abcde");
    pisar_decoder_free(d);
    pisar_buf_free(&out);
}

/* NFC over a chunked UTF-8 decode equals ICU's NFC of the whole text. */
static void test_nfc_chunks_vs_icu(void **state)
{
    (void)state;
    static char in[8192];
    UErrorCode ue = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&ue);
    static UChar u[8192], v[16384];
    static char want[40000];
    pisar_buf got = {0};
    pisar_error err;
    for (int round = 0; round < 6; round++) {
        size_t n = random_text("UTF-8", in, sizeof in);
        int32_t nu = 0;
        ue = U_ZERO_ERROR;
        u_strFromUTF8(u, 8192, &nu, in, (int32_t)n, &ue);
        int32_t nv = unorm2_normalize(nfc, u, nu, v, 16384, &ue);
        int32_t nw = 0;
        u_strToUTF8(want, sizeof want, &nw, v, nv, &ue);
        assert_false(U_FAILURE(ue));
        for (size_t chunk = 1; chunk < 40; chunk += 7) {
            assert_int_equal(
                chunked(PISAR_ENC_UTF8, PISAR_DECODE_NFC, in, n, chunk, &got, &err, NULL), 0);
            assert_int_equal(got.len, (size_t)nw);
            assert_memory_equal(got.data, want, got.len);
        }
    }
    pisar_buf_free(&got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sbcs_vs_iconv),
        cmocka_unit_test(test_sbcs_fast_vs_scalar),
        cmocka_unit_test(test_sbcs_avx2_vs_sse2_vs_scalar),
        cmocka_unit_test(test_unicode_vs_iconv),
        cmocka_unit_test(test_invalid_vs_iconv),
        cmocka_unit_test(test_output_grows),
        cmocka_unit_test(test_split_anywhere),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_api_errors),
        cmocka_unit_test(test_nfc_chunks_vs_icu),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
