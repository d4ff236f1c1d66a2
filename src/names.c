/* names.c -- name keys with the gazetteer; the pisar_names handle. */
#include "pisar/names.h"
#include "names_internal.h"

#include <stdlib.h>
#include <string.h>

#include "names_gazetteer.h"

static int key_common(const pn_gazetteer *user, const char *name, size_t len, pisar_buf *key)
{
    if (!key) return PISAR_EINVAL;
    if (!name && len) return PISAR_EINVAL;
    size_t bad;
    int rc = len ? pn_utf8_check(name, len, &bad) : PISAR_OK;
    if (rc) return rc;
    pisar_buf k = {0};
    rc = pn_phonetic(name, len, &k);
    if (rc || !k.len) { pisar_buf_free(&k); return rc; }
    const char *id = NULL;
    if (user && user->nindex) {
        size_t e = pn_gaz_lookup(user->index, user->nindex, k.data);
        if (e != (size_t)-1) id = user->entries[e].id;
    }
    if (!id) {
        size_t e = pn_gaz_lookup(pn_builtin_index, PN_BUILTIN_NINDEX, k.data);
        if (e != (size_t)-1) id = pn_builtin_entries[e].id;
    }
    if (id) {
        rc = pisar_buf_puts(key, "@");
        if (!rc) rc = pisar_buf_puts(key, id);
    } else {
        rc = pisar_buf_append(key, k.data, k.len);
    }
    pisar_buf_free(&k);
    return rc;
}

int pisar_name_key(const char *name, size_t len, pisar_buf *key)
{
    return key_common(NULL, name, len, key);
}

int pisar_name_key_phonetic(const char *name, size_t len, pisar_buf *key)
{
    if (!key || (!name && len)) return PISAR_EINVAL;
    size_t bad;
    int rc = len ? pn_utf8_check(name, len, &bad) : PISAR_OK;
    if (rc) return rc;
    return pn_phonetic(name, len, key);
}
