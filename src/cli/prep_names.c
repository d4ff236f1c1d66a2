/* prep_names.c -- glue to the names stage (names.h). Name keys come from
 * pisar_name_key(); the per-sentence notes of canonical spellings wait for
 * pisar_names_find() (not in the library yet: no notes are written). */
#include "prep_names.h"

#include <stdlib.h>
#include <string.h>

#include "pisar/pisar.h"
#include "pisar/names.h"

struct prep_names {
    pisar_buf key;
};

prep_names *prep_names_new(const char *lang)
{
    (void)lang;
    return calloc(1, sizeof(prep_names));
}

void prep_names_free(prep_names *pn)
{
    if (!pn) return;
    pisar_buf_free(&pn->key);
    free(pn);
}

char *prep_names_note(prep_names *pn, const char *s, size_t n)
{
    (void)pn; (void)s; (void)n;
    return NULL;
}

int prep_names_key(void *ctx, const char *word, size_t len, char *key, size_t cap)
{
    prep_names *pn = ctx;
    if (!pn || !cap) return 0;
    pisar_buf_clear(&pn->key);
    if (pisar_name_key(word, len, &pn->key) || !pn->key.len) return 0;
    size_t n = pn->key.len < cap - 1 ? pn->key.len : cap - 1;
    memcpy(key, pn->key.data, n);
    key[n] = '\0';
    return (int)n;
}
