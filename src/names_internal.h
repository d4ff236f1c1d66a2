/* names_internal.h -- shared inside libpisar's names module (and gen_names). */
#ifndef PISAR_NAMES_INTERNAL_H
#define PISAR_NAMES_INTERNAL_H

#include <stddef.h>
#include "pisar/common.h"

/* Compiled key rules (names_rules.h, generated from tables/names/). */
typedef struct pn_rule {
    const char *from; /* UTF-8, lower case */
    size_t fromlen;
    const char *to; /* a-z */
    int anchor;     /* 1 = word start, 2 = word end */
} pn_rule;

typedef struct pn_convention {
    const char *id;
    const char *const *markers;  /* NULL-terminated; "x$" = at the end */
    const unsigned char *mflags; /* per marker: 0, 1 = word only, 2 = weak,
                                  * 3 = cued, 4 = fallback */
    const char *const *cues;     /* NULL-terminated, for weak markers */
    const pn_rule *rules;        /* terminated by from == NULL */
    int alike;                   /* PN_ALIKE_*: letters it writes alike ("alike ...") */
    const char *const *never;    /* NULL-terminated: strings its spellings never hold */
    const char *const *needs;    /* NULL-terminated: as a reading, one must be held (if any) */
} pn_convention;

/* A case ending (tables/names/suffixes.txt). */
typedef struct pn_suffix {
    int last;    /* 1: surname (last word), 0: other words, 2: any, if known */
    char gender; /* 'm', 'f' or '?' */
    const char *ending;
    size_t len;
    const char *nom; /* replacement */
} pn_suffix;

/* The compiled suffix table, terminated by ending == NULL. */
const pn_suffix *pn_suffix_table(void);

/* The word with its first letter in lower case (ICU), into out. */
int pn_lower_first(const char *s, size_t n, pisar_buf *out);
/* Append s in upper case (ICU, letter by letter). */
int pn_upper_copy(const char *s, size_t n, pisar_buf *out);
/* Two or more letters, all upper case? */
int pn_is_all_upper(const char *s, size_t n);
/* Lower-case letter (ICU)? */
int pn_is_lower(unsigned c);

/* tables/names/notnames.txt: a capitalised non-name; an article. */
int pn_is_notname(const char *s, size_t n);
int pn_is_determiner(const char *s, size_t n);
/* A function word of a language that capitalises its nouns (German). */
int pn_is_nounlang_word(const char *s, size_t n);

/* Check UTF-8: 0, or PISAR_EILSEQ / PISAR_ETRUNC with *bad = byte offset.
 * A NUL byte is invalid in names and text. */
int pn_utf8_check(const char *s, size_t len, size_t *bad);

/* Decode the code point at s[*i] (already checked), advancing *i. */
unsigned pn_utf8_next(const char *s, size_t len, size_t *i);

/* Append the UTF-8 encoding of c. */
int pn_utf8_put(pisar_buf *b, unsigned c);

/* The phonetic key of a name (no gazetteer), appended to key. */
int pn_phonetic(const char *s, size_t len, pisar_buf *key);
/* The same, the Cyrillic words read as `lang` (L_RU ... of names_handle.h;
 * -1: by each word's own letters and shape). */
int pn_phonetic_lang(const char *s, size_t len, int lang, pisar_buf *key);

/* The other readings of a name with Latin words: the phonetic key with every
 * Latin word read under each press convention in turn (skipping a
 * convention whose "never" strings the name holds, or none of whose "needs"
 * strings). fn gets each key and what that convention writes alike; a
 * nonzero return stops and is returned. Names without Latin words have none. */
typedef int (*pn_reading_fn)(const char *key, int alike, void *user);
int pn_readings(const char *s, size_t len, pn_reading_fn fn, void *user);

/* What a convention writes alike: з and с, ж and ш (German s, sch); ш and с,
 * ж and з (Serbian and Croatian printed without diacritics). */
enum {
    PN_ALIKE_VOICING = 1,
    PN_ALIKE_HUSHES = 2,
    PN_ALIKE_IY = 4,
    PN_ALIKE_GH = 8,
    PN_ALIKE_G2H = 16,
    PN_ALIKE_ALL = 32
};
/* PN_ALIKE_IY: the key's y (ы, Ukrainian и) is i, as a Latin i or y may
 * write either; PN_ALIKE_GH: g, h and kh are one (a Latin h writes Russian х
 * in ISO 9, Ukrainian г in the national system; ISO 9 writes Ukrainian г g);
 * PN_ALIKE_G2H: g and h are one, kh stays (a Ukrainian г written g by a
 * press that writes х kh or ch: Sugowerchiw = Суговерхів, not Суховерхів).
 * Only for joining a Latin spelling to the one Cyrillic original of a
 * collection (--resolve), never in a key itself. */

/* Fold a key in place as `alike` says (voicing: z, zh -> s, sh; hushes: sh,
 * zh -> s, z) and put its words in order again. */
void pn_fold_alike(char *key, int alike);

/* Is c a letter (ICU alphabetic, or a combining mark, or an apostrophe
 * used inside names)? */
int pn_is_name_letter(unsigned c);
/* Upper case letter (ICU)? */
int pn_is_upper(unsigned c);
/* Cyrillic block? */
int pn_is_cyrillic(unsigned c);

/* Gazetteer (names_gaz.c). */
typedef struct pn_gaz_entry {
    const char *id;
    const char *kind;
    const char *canonical;
    const char *source;
} pn_gaz_entry;

typedef struct pn_gaz_index {
    const char *key; /* phonetic key of one form */
    size_t entry;    /* index into entries */
    int surname;     /* the surname alone of a person (for mentions only) */
} pn_gaz_index;

typedef struct pn_gazetteer {
    pn_gaz_entry *entries;
    size_t nentries;
    pn_gaz_index *index; /* sorted by key after pn_gaz_parse() */
    size_t nindex;
    char **strings; /* every string the entries and index point to */
    size_t nstrings, capstrings;
} pn_gazetteer;

/* Given-name classes (tables/names/given.txt): the phonetic key of a form
 * and the key of its class. Sorted by key. */
typedef struct pn_given {
    const char *key;
    const char *canon;
} pn_given;

/* Replace each word of a phonetic key by its given-name class and sort the
 * words again; the result is appended to out. */
int pn_map_given(const char *key, const pn_given *tab, size_t n, pisar_buf *out);

/* Map every key of a parsed gazetteer's index (and sort it again). */
int pn_gaz_map_given(pn_gazetteer *g, const pn_given *tab, size_t n);

/* Parse the gazetteer format (tables/names/README.md). On error returns
 * PISAR_EPARSE/PISAR_EILSEQ/PISAR_ENOMEM with err filled and g empty. */
int pn_gaz_parse(pn_gazetteer *g, const char *text, size_t len, const char *origin,
                 pisar_error *err);
void pn_gaz_free(pn_gazetteer *g);
/* Binary search: entry index of key, or (size_t)-1; rows for a surname
 * alone count only if `surnames` is nonzero. */
size_t pn_gaz_lookup(const pn_gaz_index *index, size_t n, const char *key, int surnames);

/* Whether the valid UTF-8 text[0, len) has a letter the mention finder takes
 * for upper case (names_find.c): with none, no run of capitalised words can
 * start and the finder has nothing to find. pn_has_upper_ref() decodes every
 * character; pn_has_upper() looks only at the characters a 16-byte (SSE2)
 * scan cannot rule out, and answers the same. */
int pn_has_upper(const char *text, size_t len);
int pn_has_upper_ref(const char *text, size_t len);

#endif
