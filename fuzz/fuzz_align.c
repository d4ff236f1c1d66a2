/* fuzz_align.c -- the aligner on arbitrary bytes: the input is cut at its
 * first NUL (or middle) into a source and a translation, each split into
 * sentences at '\n' (paragraphs at empty lines). Every sentence must end up
 * in exactly one link, in order, and links are 0, 1 or 2 sentences a side. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pisar/pisar.h"

static size_t split(const char *t, size_t n, pisar_align_sentence *s)
{
    size_t k = 0, start = 0, para = 0;
    for (size_t i = 0; i <= n; i++)
        if (i == n || t[i] == '\n') {
            if (i > start)
                s[k++] = (pisar_align_sentence){t + start, i - start, para};
            else if (i < n)
                para++;
            start = i + 1;
        }
    return k;
}

static int key(void *ctx, const char *w, size_t n, char *k, size_t cap)
{
    pisar_buf *b = ctx;
    pisar_buf_clear(b);
    if (pisar_name_key(w, n, b) || !b->len || cap < 2) return 0;
    size_t m = b->len < cap - 1 ? b->len : cap - 1;
    memcpy(k, b->data, m);
    k[m] = 0;
    return (int)m;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *t = (const char *)data;
    const char *nul = memchr(t, 0, size);
    size_t cut = nul ? (size_t)(nul - t) : size / 2;
    size_t rest = size - cut - (nul ? 1 : 0);
    pisar_align_sentence *S = malloc((cut + 2) * sizeof *S), *T = malloc((rest + 2) * sizeof *T);
    pisar_link *L = malloc((cut + rest + 4) * sizeof *L);
    if (!S || !T || !L) abort();
    size_t ns = split(t, cut, S), nt = split(t + size - rest, rest, T), nl;
    pisar_buf kb = {0};
    pisar_align_options opt = {.flags = size % 4, .name_key = key, .name_key_ctx = &kb};
    if (pisar_align(S, ns, T, nt, &opt, L, &nl, NULL)) abort();
    size_t i = 0, j = 0;
    for (size_t k = 0; k < nl; k++) {
        if (L[k].src != i || L[k].tgt != j || L[k].nsrc > 2 || L[k].ntgt > 2 ||
            L[k].nsrc + L[k].ntgt == 0)
            abort();
        i += L[k].nsrc;
        j += L[k].ntgt;
    }
    if (i != ns || j != nt) abort();
    pisar_buf_free(&kb);
    free(S);
    free(T);
    free(L);
    return 0;
}
