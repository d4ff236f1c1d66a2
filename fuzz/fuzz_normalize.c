/* fuzz_normalize.c -- pisar_normalizer_apply on arbitrary bytes: the first
 * byte picks the flags, the rest is the text. Checks that the output is
 * valid UTF-8 and that every reported repair lies inside the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pisar/normalize.h"

typedef struct fctx {
    const char *in;
    size_t len;
} fctx;

static void on_repair(void *ctx, const pisar_repair *r)
{
    const fctx *c = ctx;
    if (r->offset > c->len || r->before_len > c->len - r->offset ||
        r->before != c->in + r->offset || !r->how ||
        (r->kind != PISAR_REPAIR_MOJIBAKE && r->kind != PISAR_REPAIR_HOMOGLYPH))
        abort();
}

static int valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t k = c < 0x80             ? 1
                   : (c & 0xE0) == 0xC0 ? 2
                   : (c & 0xF0) == 0xE0 ? 3
                   : (c & 0xF8) == 0xF0 ? 4
                                        : 0;
        if (!k || n - i < k) return 0;
        for (size_t j = 1; j < k; j++)
            if ((s[i + j] & 0xC0) != 0x80) return 0;
        i += k;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size) return 0;
    unsigned flags = data[0] & PISAR_NORM_ALL;
    fctx c = {(const char *)data + 1, size - 1};
    pisar_normalizer *n = NULL;
    if (pisar_normalizer_new(&n, flags)) return 0;
    pisar_normalizer_on_repair(n, on_repair, &c);
    pisar_buf out = {0};
    pisar_error err;
    int rc = pisar_normalizer_apply(n, c.in, c.len, &out, &err);
    if (rc == PISAR_OK && !valid_utf8((const unsigned char *)out.data, out.len)) abort();
    if (rc == PISAR_EILSEQ && err.offset >= c.len) abort();
    pisar_buf_free(&out);
    pisar_normalizer_free(n);
    return 0;
}
