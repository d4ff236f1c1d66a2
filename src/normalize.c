/* normalize.c -- STUB until the repairs land: NFC only. */
#include "pisar/normalize.h"

#include <stdlib.h>

struct pisar_normalizer {
    unsigned flags;
};

int pisar_normalizer_new(pisar_normalizer **out, unsigned flags)
{
    if (!out) return PISAR_EINVAL;
    *out = calloc(1, sizeof **out);
    if (!*out) return PISAR_ENOMEM;
    (*out)->flags = flags;
    return 0;
}
void pisar_normalizer_on_repair(pisar_normalizer *n, pisar_repair_fn fn, void *ctx)
{
    (void)n; (void)fn; (void)ctx;
}
int pisar_normalizer_apply(pisar_normalizer *n, const char *in, size_t len, pisar_buf *out,
                           pisar_error *err)
{
    if (!n || (!in && len) || !out) return PISAR_EINVAL;
    if (n->flags & PISAR_NORM_NFC) return pisar_nfc(in, len, out, err);
    return pisar_buf_append(out, in, len);
}
void pisar_normalizer_free(pisar_normalizer *n) { free(n); }
