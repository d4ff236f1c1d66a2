/* prep_names.h -- the names stage as pisar prep and pisar align use it: a note
 * listing the names found in a sentence with their canonical spelling, and a
 * script-independent key for a word (Ушаков and Ushakov share it). */
#ifndef PISAR_PREP_NAMES_H
#define PISAR_PREP_NAMES_H

#include <stddef.h>

typedef struct prep_names prep_names;

/* A names stage for text in `lang`; NULL when out of memory. */
prep_names *prep_names_new(const char *lang);
void prep_names_free(prep_names *pn);

/* A malloc'd note "Name -> Canonical (source); ..." for the names in s[0..n),
 * or NULL when there are none. */
char *prep_names_note(prep_names *pn, const char *s, size_t n);

/* Name key of one word (pisar_name_key_fn for pisar_align): its length, or 0. */
int prep_names_key(void *ctx, const char *word, size_t len, char *key, size_t cap);

#endif
