/*
 * fuzz_decode.c -- the decoder on arbitrary bytes. The first byte picks the
 * encoding and flags, the second the chunk size; the rest is the input. The
 * output must be well-formed UTF-8, the same whether fed whole or in chunks,
 * in lossy mode decoding never fails, and NFC output equals ICU's NFC.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "nfc.h"
#include "pisar/decode.h"

static int run(pisar_encoding enc, unsigned flags, const uint8_t *p, size_t n, size_t chunk,
               pisar_buf *out, pisar_error *err);

/* With NFC asked, the output equals ICU's NFC of the output without it. */
static void check_nfc(pisar_encoding enc, unsigned flags, const uint8_t *p, size_t n,
                      const pisar_buf *got)
{
    pisar_buf raw = {0};
    pisar_error e;
    if (run(enc, flags & ~(unsigned)PISAR_DECODE_NFC, p, n, n ? n : 1, &raw, &e)) abort();
    UErrorCode ue = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&ue);
    size_t cap = raw.len + 1;
    UChar *u = malloc(cap * sizeof *u), *v = malloc(3 * cap * sizeof *v + 16);
    char *w = malloc(9 * cap + 16);
    if (!u || !v || !w) abort();
    int32_t nu = 0, nw = 0;
    u_strFromUTF8(u, (int32_t)cap, &nu, raw.len ? raw.data : "", (int32_t)raw.len, &ue);
    int32_t nv = unorm2_normalize(nfc, u, nu, v, (int32_t)(3 * cap + 16), &ue);
    u_strToUTF8(w, (int32_t)(9 * cap + 16), &nw, v, nv, &ue);
    if (U_FAILURE(ue)) abort();
    if ((size_t)nw != got->len || (nw && memcmp(w, got->data, (size_t)nw))) abort();
    free(u);
    free(v);
    free(w);
    pisar_buf_free(&raw);
}

static void check_utf8(const pisar_buf *b)
{
    for (size_t i = 0; i < b->len;) {
        int n = utf8_seq((const unsigned char *)b->data + i, b->len - i);
        if (n <= 0) abort();
        i += (size_t)n;
    }
}

static int run(pisar_encoding enc, unsigned flags, const uint8_t *p, size_t n, size_t chunk,
               pisar_buf *out, pisar_error *err)
{
    pisar_decoder *d;
    if (pisar_decoder_new(&d, enc, flags)) return -100;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i += chunk)
        rc = pisar_decoder_feed(d, p + i, n - i < chunk ? n - i : chunk, out, err);
    if (!rc) rc = pisar_decoder_finish(d, out, err);
    pisar_decoder_free(d);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    pisar_encoding enc =
        (pisar_encoding)(PISAR_ENC_ASCII + data[0] % (PISAR_ENC_COUNT - PISAR_ENC_ASCII));
    unsigned flags = (data[0] >> 5) & 7; /* LOSSY, NFC, KEEP_BOM */
    if (data[1] & 0x80) flags |= (data[1] & 0x40) ? PISAR_DECODE_EOL_CRLF : PISAR_DECODE_EOL_LF;
    size_t chunk = 1 + (data[1] & 0x3F);
    const uint8_t *p = data + 2;
    size_t n = size - 2;
    pisar_buf whole = {0}, parts = {0};
    pisar_error e1, e2;
    int r1 = run(enc, flags, p, n, n ? n : 1, &whole, &e1);
    int r2 = run(enc, flags, p, n, chunk, &parts, &e2);
    if (r1 == -100) goto done;
    if (r1 != r2) abort();
    if (r1 && e1.offset != e2.offset) abort();
    if (!r1) {
        if (whole.len != parts.len || (whole.len && memcmp(whole.data, parts.data, whole.len)))
            abort();
        check_utf8(&whole);
        if (flags & PISAR_DECODE_NFC) check_nfc(enc, flags, p, n, &whole);
    }
    if ((flags & PISAR_DECODE_LOSSY) && r1) abort();
    if (r1 && e1.offset >= n) abort();
done:
    pisar_buf_free(&whole);
    pisar_buf_free(&parts);
    return 0;
}
