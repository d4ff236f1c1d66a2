/* fuzz_prep.c -- pisar_prep() (include/pisar/prep.h) on arbitrary bytes: the
 * first byte picks the options (encoding given or detected, language given
 * or detected), the rest is the document. Checks the result's invariants:
 * units numbered in order with matching ids, every mention inside its unit
 * and equal to the text it names, every repair with its strings. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pisar/prep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size) return 0;
    static const char *const encs[] = {NULL, "utf-8", "windows-1251", "koi8-r", "utf-16le"};
    static const char *const langs[] = {NULL, "ru", "en", "de"};
    pisar_prep_options o = {encs[data[0] % 5], langs[(data[0] / 5) % 4], 1 + data[0] / 20};
    pisar_prep_result *r = NULL;
    pisar_error err;
    int rc = pisar_prep(data + 1, size - 1, &o, &r, &err);
    if (rc) {
        if (r || !err.message[0]) abort();
        if ((rc == -3 || rc == -4) && err.offset > size - 1) abort();
        return 0;
    }
    if (!r || !r->encoding || !r->language) abort();
    size_t para = 0, sent = 0, mentions = 0;
    for (size_t i = 0; i < r->nunits; i++) {
        const pisar_prep_unit *u = &r->units[i];
        if (u->paragraph < para || !u->paragraph) abort();
        sent = u->paragraph == para ? sent + 1 : 1;
        para = u->paragraph;
        char id[96];
        snprintf(id, sizeof id, "d%zu.p%zu.s%zu", o.document, para, sent);
        if (u->sentence != sent || strcmp(id, u->id) || strlen(u->text) > u->length) abort();
        if (u->first_mention != mentions) abort();
        for (size_t k = u->first_mention; k < u->first_mention + u->nmentions; k++) {
            const pisar_prep_mention *m = &r->mentions[k];
            if (m->unit != i || m->offset > u->length || m->length > u->length - m->offset ||
                strlen(m->text) != m->length || memcmp(m->text, u->text + m->offset, m->length) ||
                !m->key || !m->canonical || !m->source || !m->base)
                abort();
        }
        mentions += u->nmentions;
    }
    if (mentions != r->nmentions || para != r->paragraphs) abort();
    for (size_t i = 0; i < r->nrepairs; i++)
        if (!r->repairs[i].before || !r->repairs[i].after || !r->repairs[i].how ||
            r->repairs[i].paragraph > para)
            abort();
    pisar_prep_result_free(r);
    return 0;
}
