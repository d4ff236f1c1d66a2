/* fuzz_names.c -- name keys, mention finding, grouping and rewrite on any bytes. */
#include <stdint.h>
#include <stdlib.h>
#include "pisar/names.h"

static int count(const pisar_name_mention *m, void *user)
{
    (void)m;
    ++*(size_t *)user;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pisar_buf k = {0};
    pisar_name_key((const char *)data, size, &k);
    pisar_buf_free(&k);
    pisar_names *h = NULL;
    if (pisar_names_new(&h, NULL, NULL)) return 0;
    pisar_names_add_text(h, "fuzz", (const char *)data, size, NULL);
    /* the input as one name too: its readings against the mentions */
    pisar_names_add_name(h, (const char *)data, size, NULL);
    pisar_names_group_key(h, (const char *)data, size, &k);
    pisar_buf_free(&k);
    size_t n = pisar_names_group_count(h), seen = 0;
    for (size_t i = 0; i < n; i++) {
        pisar_name_group g;
        pisar_names_group(h, i, &g);
    }
    pisar_names_find(h, (const char *)data, size, count, &seen, NULL);
    pisar_buf out = {0};
    pisar_names_rewrite(h, (const char *)data, size, PISAR_NAMES_REWRITE_CYRILLIC, &out, NULL, NULL,
                        NULL);
    pisar_buf_free(&out);
    pisar_names_free(h);
    return 0;
}
