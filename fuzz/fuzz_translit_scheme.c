/* fuzz_translit_scheme.c -- the scheme file parser and compiler
 * (pisar_translit_compile) on arbitrary text; a scheme that compiles is
 * then applied to a sample, in both directions. */
#include <stdlib.h>
#include <string.h>

#include "pisar/translit.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static const char sample[] = "Юрий Ушаков, ЩУКИН, Знам'янка; Ljubov odjek 123 \xcc\x81";
    for (unsigned dir = 0; dir <= 1; dir++) {
        pisar_translit *t = NULL;
        pisar_error err;
        memset(&err, 0, sizeof err);
        int rc = pisar_translit_compile(&t, (const char *)data, size, "fuzz.txt", dir, &err);
        if (rc) {
            if (t) abort();
            if (!err.message[0] && rc != PISAR_ENOMEM) abort();
            continue;
        }
        pisar_buf out = {0};
        if (pisar_translit_apply(t, sample, sizeof sample - 1, &out)) abort();
        if (pisar_translit_apply(t, (const char *)data, size, &out) == PISAR_ENOMEM) abort();
        pisar_buf_free(&out);
        pisar_translit_free(t);
    }
    return 0;
}
