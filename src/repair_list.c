/*
 * repair_list.c -- the list of planned repairs and the strict UTF-8 helpers
 * shared by the repair finders and the normalizer (repair_list.h).
 */
#include "repair_list.h"
#include "repair_scan.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

int repair_list_add(repair_list *l, size_t off, size_t len, const char *after, size_t alen,
                    const char *how, pisar_repair_kind kind)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        repair_span *v = realloc(l->v, cap * sizeof *v);
        if (!v) return PISAR_ENOMEM;
        l->v = v, l->cap = cap;
    }
    size_t aoff = l->text.len;
    if (pisar_buf_append(&l->text, after, alen)) return PISAR_ENOMEM;
    l->v[l->n++] = (repair_span){off, len, aoff, alen, how, kind};
    return PISAR_OK;
}

static int span_cmp(const void *a, const void *b)
{
    const repair_span *p = a, *q = b;
    return p->off < q->off ? -1 : p->off > q->off;
}

void repair_list_sort(repair_list *l)
{
    if (l->n > 1) qsort(l->v, l->n, sizeof *l->v, span_cmp);
}

void repair_list_clear(repair_list *l)
{
    l->n = 0;
    pisar_buf_clear(&l->text);
}

void repair_list_free(repair_list *l)
{
    free(l->v);
    pisar_buf_free(&l->text);
    memset(l, 0, sizeof *l);
}

size_t u8_check(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            i += repair_ascii_prefix(s + i, n - i);
            continue;
        }
        /* a 2-byte sequence (Cyrillic, Latin-1...) without decoding */
        if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        size_t k = i;
        if (u8_next(s, n, &i) < 0) return k;
    }
    return n;
}

int u8_put(pisar_buf *b, uint32_t c)
{
    unsigned char t[4];
    return pisar_buf_append(b, t, utf8_put(t, c));
}
