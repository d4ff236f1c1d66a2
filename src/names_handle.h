/* names_handle.h -- the pisar_names handle, shared inside libpisar by
 * names.c (keys, the handle, helpers), names_find.c (the mention finder),
 * names_group.c (grouping) and names_canon.c (canonical spellings). */
#ifndef PISAR_NAMES_HANDLE_H
#define PISAR_NAMES_HANDLE_H

#include <stddef.h>
#include "pisar/names.h"
#include "pisar/translit.h"
#include "names_internal.h"

/* The Cyrillic languages whose names have a scheme per house style. */
enum { L_RU, L_UK, L_BE, L_BG, L_MK, L_SR, L_N };

typedef struct mention {
    char *base;     /* nominative spelling */
    char *key;      /* final key (gazetteer id or phonetic) */
    char *alt_base; /* masculine reading of an ambiguous -ова/-ева/-ина, or NULL */
    char *alt_key;
    size_t doc;
    int lang;      /* the language its key was read in (L_RU... or -1) */
    int text_lang; /* the language its text's letters show (L_RU... or -1) */
    int sure;      /* the form is unambiguous */
    int sstart;    /* the run started a sentence */
} mention;

/* A string -> size_t hash map with its own copies of the keys (FNV-1a,
 * open addressing); the handle's look-ups go through it so that adding and
 * grouping stay linear in the number of mentions. */
typedef struct smap {
    char **keys;
    size_t *vals;
    size_t cap, n;
} smap;

size_t *pn_smap_get(const smap *m, const char *key);
/* Set key to val (insert or overwrite). */
int pn_smap_put(smap *m, const char *key, size_t val);
void pn_smap_free(smap *m);

typedef struct group {
    char *key;
    char *canonical;
    char source_text[96];
    pisar_name_source source;
    const char *kind;
    size_t count, ndocs;
    pisar_name_variant *variants;
    size_t nvariants, capvariants;
    size_t last_doc;
} group;

struct pisar_names {
    char style[16];
    pn_gazetteer user;
    mention *m;
    size_t nm, capm;
    size_t ndocs;
    group *g;
    size_t ng;
    int dirty;
    int style_index;
    int lang_hint;           /* L_RU... or -1 */
    int text_lang;           /* pn_text_language() of the text being added */
    pisar_translit *tr[L_N]; /* opened on first use */
    pisar_buf scratch, scratch2;
    smap known;       /* every key a mention has had */
    smap known_loose; /* the same with y = i and g = h = kh */
    smap known_words; /* every word of the phonetic keys of longer mentions */
    smap known_last;  /* the key of the last word of longer mentions */
    size_t nlast;     /* mentions known_last has seen (filled when needed) */
    smap resplit;     /* nominative of a run found to start with a title ->
                       * the number of words to drop (see regroup) */
    int nounlang;     /* the text being scanned capitalises its nouns (German) */
    smap gindex;      /* group key -> group index (valid while !dirty) */
    smap bindex;      /* mention nominative -> mention index (valid while !dirty) */
    int nomem;        /* pn_key_of() ran out of memory: the public call that ran
                       * it fails with PISAR_ENOMEM (a missing key is not "no key") */
    smap readcache;   /* pn_readings() of a Latin spelling (names_group.c): a
                       * malloc'd list, kept across pisar_names_reset() */
    smap phoncache;   /* pn_phonetic_lang() of a mention's base in its language
                       * (names_group.c): a malloc'd string, kept across
                       * pisar_names_reset() (it needs no gazetteer) */
    smap keycache;    /* pn_key_of(): text -> its key (a malloc'd string) or NULL,
                       * kept across pisar_names_reset(), emptied when the
                       * gazetteer changes or it grows past KEYCACHE_MAX */
};

/* names.c */
char *pn_dup(const char *s, size_t n);
/* The key of a name with the handle's gazetteer (malloc'd), or NULL. */
char *pn_key_of(const pisar_names *h, const char *s, size_t n);
/* The same, read in language lang (L_RU..., or -1: each word by its letters). */
char *pn_key_in(const pisar_names *h, const char *s, size_t n, int lang);
/* The language keys are read in: the one set (pisar_names_set_language()), or
 * -1 (each word by its letters). */
int pn_key_lang(const pisar_names *h);
/* The language of a Cyrillic name by the letters only one language has;
 * `hint` (or -1) where none shows, else L_RU (names_canon.c). */
int pn_cyr_language(const char *s, int hint);
/* The language the letters of a whole text show (L_RU... or -1): one
 * kind of letters (і ї є ґ; ы э ё; ў; ѓ ќ ѕ; ђ ћ џ ј љ њ) outnumbering the
 * others four to one. */
int pn_text_language(const char *s, size_t n);
/* Is a key known to the collection (or the gazetteer)? */
int pn_known_key(const pisar_names *h, const char *key);
/* Make a key known (and its loose form, for pn_known_key()). */
int pn_put_known(pisar_names *h, const char *key);
/* The gazetteer entry of an "@id" key, or NULL. */
const pn_gaz_entry *pn_entry_of(const pisar_names *h, const char *key);
void pn_free_groups(pisar_names *h);
/* No Cyrillic letter in s? */
int pn_is_latin_text(const char *s);
/* The words of s[0, n) split at spaces: their starts and ends, up to max. */
size_t pn_split_words(const char *s, size_t n, size_t *starts, size_t *ends, size_t max);

/* names_group.c: settle and group the collection if it changed. */
int pn_regroup(pisar_names *h);

/* Free a map whose values are malloc'd blocks. */
void pn_blobmap_free(smap *m);

/* names_canon.c */
int pn_choose_canonical(pisar_names *h, group *g);

#endif
