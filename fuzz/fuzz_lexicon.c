/* fuzz_lexicon.c -- the `pisar align --lexicon` reader on arbitrary bytes:
 * either a lexicon or a parse error with a line and an offset inside the
 * input; a lexicon that parses is then used to align its own lines (source
 * words against translations), which must give a complete, ordered
 * alignment. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pisar/pisar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *t = (const char *)data;
    pisar_lexicon *lx = NULL;
    pisar_error err;
    int rc = pisar_lexicon_parse(t, size, &lx, &err);
    if (rc) {
        if (lx || (rc == PISAR_EPARSE && (err.line == 0 || err.offset > size))) abort();
        return 0;
    }
    if (!lx) abort();
    /* each line's two columns as a source and a target sentence */
    size_t cap = size + 2, ns = 0, nt = 0;
    pisar_align_sentence *S = malloc(cap * sizeof *S), *T = malloc(cap * sizeof *T);
    pisar_link *L = malloc(2 * cap * sizeof *L);
    if (!S || !T || !L) abort();
    for (size_t i = 0; i < size;) {
        const char *nl = memchr(t + i, '\n', size - i);
        size_t e = nl ? (size_t)(nl - t) : size;
        const char *tab = memchr(t + i, '\t', e - i);
        if (tab) {
            S[ns++] = (pisar_align_sentence){t + i, (size_t)(tab - t) - i, 0};
            T[nt++] = (pisar_align_sentence){tab + 1, e - (size_t)(tab - t) - 1, 0};
        }
        i = e + 1;
    }
    pisar_align_options opt = {.lexicon = lx};
    size_t n = 0;
    if (pisar_align(S, ns, T, nt, &opt, L, &n, NULL)) abort();
    size_t a = 0, b = 0;
    for (size_t k = 0; k < n; k++) {
        if (L[k].src != a || L[k].tgt != b) abort();
        a += L[k].nsrc;
        b += L[k].ntgt;
    }
    if (a != ns || b != nt) abort();
    pisar_lexicon_free(lx);
    free(S);
    free(T);
    free(L);
    return 0;
}
