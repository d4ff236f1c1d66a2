/* prep_names.h -- the names stage as pisar prep, pisar align and pisar_prep() use it: a note
 * listing the names found in a sentence with their canonical spelling, and a
 * script-independent key for a word (Ушаков and Ushakov share it). */
#ifndef PISAR_PREP_NAMES_H
#define PISAR_PREP_NAMES_H

#include <stddef.h>

#include "pisar/names.h"

typedef struct prep_names prep_names;

/* A names stage for text in `lang`; NULL when out of memory. */
prep_names *prep_names_new(const char *lang);
void prep_names_free(prep_names *pn);

/* Start a paragraph: its names are collected (canonical spellings come from
 * the gazetteer, the house style's scheme, or the paragraph's most frequent
 * variant). Returns 0, or -1 (then notes are simply missing; see
 * prep_names_oom()). */
int prep_names_paragraph(prep_names *pn, const char *s, size_t n);

/* A malloc'd note "Name -> Canonical (source); ..." for the names in s[0..n),
 * or NULL when there are none (or memory ran out: prep_names_oom()). */
char *prep_names_note(prep_names *pn, const char *s, size_t n);

/* The mentions of the last prep_names_note() call whose spelling differs from
 * the canonical one, a line each: "as written -> canonical (source)". */
const char *prep_names_changes(const prep_names *pn);

/* Report the mentions in s[0..n) of the current paragraph's collection, as
 * pisar_names_find() does (the library's pisar_prep() uses it). */
int prep_names_find(prep_names *pn, const char *s, size_t n, pisar_name_callback cb, void *user);

/* Mentions found so far by prep_names_note(). */
size_t prep_names_mentions(const prep_names *pn);

/* Whether memory ran out in an earlier call (notes may then be missing
 * without the text being at fault); also true for a NULL pn. Other failures
 * (text the names module refuses) only leave notes out. */
int prep_names_oom(const prep_names *pn);

/* Name key of one word (pisar_name_key_fn for pisar_align): its length, or 0. */
int prep_names_key(void *ctx, const char *word, size_t len, char *key, size_t cap);

#endif
