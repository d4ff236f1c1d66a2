/* core.c -- status strings, growable buffers, versions. */
#include "pisar/common.h"
#include "pisar_config.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>

const char *pisar_strerror(int status)
{
    switch (status) {
    case PISAR_OK:
        return "success";
    case PISAR_ENOMEM:
        return "out of memory";
    case PISAR_EINVAL:
        return "invalid argument";
    case PISAR_EILSEQ:
        return "invalid byte sequence";
    case PISAR_ETRUNC:
        return "input ends inside a character";
    case PISAR_EIO:
        return "input/output error";
    case PISAR_EUNKNOWN:
        return "unknown name";
    case PISAR_EPARSE:
        return "syntax error";
    case PISAR_EICU:
        return "ICU error";
    case PISAR_EBINARY:
        return "binary data, not text";
    case PISAR_ERANGE:
        return "value out of range";
    case PISAR_ESTATE:
        return "call not valid in this state";
    default:
        return status > 0 ? "success" : "unknown error";
    }
}

int pisar_buf_reserve(pisar_buf *b, size_t extra)
{
    if (!b) return PISAR_EINVAL;
    if (extra > SIZE_MAX - b->len - 1) return PISAR_ENOMEM;
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return PISAR_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) return PISAR_ENOMEM;
    b->data = p;
    b->cap = cap;
    return PISAR_OK;
}

int pisar_buf_append(pisar_buf *b, const void *data, size_t n)
{
    int rc = pisar_buf_reserve(b, n);
    if (rc) return rc;
    if (n) memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
    return PISAR_OK;
}

int pisar_buf_puts(pisar_buf *b, const char *s)
{
    return pisar_buf_append(b, s, strlen(s));
}

void pisar_buf_clear(pisar_buf *b)
{
    if (!b) return;
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

void pisar_buf_free(pisar_buf *b)
{
    if (!b) return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

const char *pisar_version(void)
{
    return PISAR_VERSION_STRING;
}

const char *pisar_unicode_version(void)
{
    /* U_UNICODE_VERSION is a compile-time string of the ICU we build against. */
    return U_UNICODE_VERSION;
}
