/* prep_names.c -- glue to the names stage (names.h) for pisar prep and pisar
 * align: the note of the names found in a sentence, with their canonical
 * spelling and where it comes from, and name keys for alignment anchors. */
#include "prep_names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pisar/pisar.h"
#include "pisar/names.h"

struct prep_names {
    pisar_names *h;
    pisar_buf key, note, changes;
    size_t count, mentions;
    const char *text; /* the sentence being searched */
};

prep_names *prep_names_new(const char *lang)
{
    (void)lang; /* the names stage tells the scripts apart itself */
    prep_names *pn = calloc(1, sizeof *pn);
    if (pn && pisar_names_new(&pn->h, NULL, NULL)) {
        free(pn);
        return NULL;
    }
    return pn;
}

void prep_names_free(prep_names *pn)
{
    if (!pn) return;
    pisar_names_free(pn->h);
    pisar_buf_free(&pn->key);
    pisar_buf_free(&pn->note);
    pisar_buf_free(&pn->changes);
    free(pn);
}

static int on_mention(const pisar_name_mention *m, void *user)
{
    prep_names *pn = user;
    if (pn->count++) pisar_buf_puts(&pn->note, "; ");
    pisar_buf_append(&pn->note, pn->text + m->offset, m->length);
    pisar_buf_puts(&pn->note, " -> ");
    pisar_buf_puts(&pn->note, m->canonical ? m->canonical : m->base);
    pisar_buf_puts(&pn->note, " (");
    pisar_buf_puts(&pn->note, m->source_text ? m->source_text : "");
    pisar_buf_puts(&pn->note, ")");
    pn->mentions++;
    const char *canon = m->canonical ? m->canonical : m->base;
    if (strlen(canon) != m->length || memcmp(canon, pn->text + m->offset, m->length)) {
        pisar_buf_append(&pn->changes, pn->text + m->offset, m->length);
        pisar_buf_puts(&pn->changes, " -> ");
        pisar_buf_puts(&pn->changes, canon);
        pisar_buf_puts(&pn->changes, m->source_text ? " (" : "");
        pisar_buf_puts(&pn->changes, m->source_text ? m->source_text : "");
        pisar_buf_puts(&pn->changes, m->source_text ? ")\n" : "\n");
    }
    return 0;
}

int prep_names_paragraph(prep_names *pn, const char *s, size_t n)
{
    /* A fresh collection per paragraph: canonical spellings by scheme and
     * gazetteer need the mention in the collection, and a collection that
     * grows with the file makes every later lookup slower (quadratic time
     * on long files); a paragraph keeps it bounded. */
    if (!pn) return -1;
    pisar_names *h = NULL;
    if (pisar_names_new(&h, NULL, NULL)) return -1;
    pisar_names_free(pn->h);
    pn->h = h;
    return pisar_names_add_text(pn->h, NULL, s, n, NULL) ? -1 : 0;
}

char *prep_names_note(prep_names *pn, const char *s, size_t n)
{
    if (!pn || !pn->h) return NULL;
    pisar_buf_clear(&pn->note);
    pisar_buf_clear(&pn->changes);
    pisar_buf_append(&pn->changes, "", 0);
    pisar_buf_puts(&pn->note, "Names: ");
    pn->count = 0;
    pn->text = s;
    if (pisar_names_find(pn->h, s, n, on_mention, pn, NULL) || !pn->count) return NULL;
    char *r = malloc(pn->note.len + 1);
    if (r) memcpy(r, pn->note.data, pn->note.len + 1);
    return r;
}

int prep_names_key(void *ctx, const char *word, size_t len, char *key, size_t cap)
{
    prep_names *pn = ctx;
    if (!pn || !cap) return 0;
    pisar_buf_clear(&pn->key);
    if (pisar_names_key(pn->h, word, len, &pn->key) || !pn->key.len) return 0;
    size_t n = pn->key.len < cap - 1 ? pn->key.len : cap - 1;
    memcpy(key, pn->key.data, n);
    key[n] = '\0';
    return (int)n;
}

const char *prep_names_changes(const prep_names *pn)
{
    return pn && pn->changes.data ? pn->changes.data : "";
}

size_t prep_names_mentions(const prep_names *pn) { return pn ? pn->mentions : 0; }
