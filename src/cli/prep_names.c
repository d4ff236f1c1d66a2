/* prep_names.c -- glue to the names stage. Until names.h lands, no names are
 * reported and no name anchors are used. */
#include "prep_names.h"

#include <stdlib.h>

struct prep_names {
    int unused;
};

prep_names *prep_names_new(const char *lang)
{
    (void)lang;
    return calloc(1, sizeof(prep_names));
}

void prep_names_free(prep_names *pn) { free(pn); }

char *prep_names_note(prep_names *pn, const char *s, size_t n)
{
    (void)pn; (void)s; (void)n;
    return NULL;
}

int prep_names_key(void *ctx, const char *word, size_t len, char *key, size_t cap)
{
    (void)ctx; (void)word; (void)len; (void)key; (void)cap;
    return 0;
}
