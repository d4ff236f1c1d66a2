/*
 * pisar/translit.h -- romanization of Cyrillic under named standards.
 *
 * Each scheme is a table (tables/translit/<id>.txt, compiled in at build time;
 * the same format loads at run time) turned into a longest-match automaton
 * with context rules (word-initial, after a vowel, word-final, ...) and case
 * applied per output unit ("Щукин" -> "Shchukin", "ЩУКИН" -> "SHCHUKIN").
 * Everything that is not Cyrillic passes through untouched.
 *
 * A compiled pisar_translit is immutable after creation: one handle may be
 * shared by any number of threads.
 */
#ifndef PISAR_TRANSLIT_H
#define PISAR_TRANSLIT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pisar_translit pisar_translit;

/** Description of a built-in scheme. */
typedef struct pisar_scheme_info {
    const char *id;        /**< stable id, e.g. "ru-bgn" */
    const char *language;  /**< "ru", "uk", "be", "bg", "mk", "sr", or "*" */
    const char *name;      /**< e.g. "BGN/PCGN 1947" */
    const char *standard;  /**< the standard and edition it follows */
    int reversible;        /**< nonzero when --reverse is supported */
} pisar_scheme_info;

/** Direction flags for pisar_translit_open(). */
enum { PISAR_TRANSLIT_FORWARD = 0, PISAR_TRANSLIT_REVERSE = 1 };

/** Open a built-in scheme by id. PISAR_EUNKNOWN for an unknown id. */
PISAR_API int pisar_translit_open(pisar_translit **out, const char *id, unsigned flags,
                                  pisar_error *err);

/** Compile a scheme from a file in the tables/translit format. */
PISAR_API int pisar_translit_load(pisar_translit **out, const char *path, unsigned flags,
                                  pisar_error *err);

/** Transliterate UTF-8 text, appending to `out`. */
PISAR_API int pisar_translit_apply(const pisar_translit *t, const char *in, size_t len,
                                   pisar_buf *out);

/** Free (NULL is allowed). */
PISAR_API void pisar_translit_free(pisar_translit *t);

/** Number of built-in schemes; pisar_translit_scheme(i) describes the i-th. */
PISAR_API size_t pisar_translit_scheme_count(void);
PISAR_API const pisar_scheme_info *pisar_translit_scheme(size_t i);

/** The default scheme id for a language code ("ru" -> "ru-bgn"), or NULL. */
PISAR_API const char *pisar_translit_default_scheme(const char *language);

#ifdef __cplusplus
}
#endif
#endif
