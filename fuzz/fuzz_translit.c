/* fuzz_translit.c -- the transliteration engine on arbitrary bytes: every
 * built-in scheme, both directions where there is one. Checks that invalid
 * input appends nothing and valid input never loses non-Cyrillic ASCII, and
 * that the fast paths (the AVX-512 one where the processor has it, the
 * scalar one) give the reference's bytes and verdict. */
#include <stdlib.h>
#include <string.h>

#include "pisar/translit.h"
#include "translit_impl.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* The schemes, opened once: a scheme is immutable, so every input can use
 * the same handles (opening all of them per input was most of the time). */
static pisar_translit *opened[128][2];

static pisar_translit *scheme(size_t i, unsigned dir)
{
    if (i >= 128) abort();
    if (!opened[i][dir] &&
        pisar_translit_open(&opened[i][dir], pisar_translit_scheme(i)->id, dir, NULL))
        abort();
    return opened[i][dir];
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    size_t n = pisar_translit_scheme_count();
    /* The first byte picks the scheme, so the fuzzer can reach them all. */
    size_t pick = size ? data[0] % n : 0;
    for (size_t i = 0; i < n; i++) {
        if (size > 64 && i != pick) continue; /* keep long inputs fast */
        const pisar_scheme_info *s = pisar_translit_scheme(i);
        for (unsigned dir = 0; dir <= (s->reversible ? 1u : 0u); dir++) {
            pisar_translit *t = scheme(i, dir);
            pisar_buf out = {0};
            pisar_error err;
            int rc = pisar_translit_apply_with_errors(t, (const char *)data, size, &out, &err);
            if (rc && out.len) abort();
            /* the reference, the scalar fast path, the AVX2 step */
            for (int mode = 0; mode < 4; mode++) {
                if (mode == 2) continue; /* = out */
                pisar_buf ref = {0};
                int rr = tl_apply_mode(t, (const char *)data, size, &ref, mode);
                if (rr != rc || ref.len != out.len ||
                    (out.len && memcmp(ref.data, out.data, out.len)))
                    abort();
                pisar_buf_free(&ref);
            }
            if (rc && err.offset >= size) abort();
            if (!rc && !dir) {
                /* Forward, digits and punctuation pass through: count them. */
                size_t a = 0, b = 0;
                for (size_t k = 0; k < size; k++)
                    a += data[k] >= '0' && data[k] <= '9';
                for (size_t k = 0; k < out.len; k++)
                    b += out.data[k] >= '0' && out.data[k] <= '9';
                if (a != b) abort();
            }
            pisar_buf_free(&out);
        }
    }
    return 0;
}
