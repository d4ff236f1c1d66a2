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
    const char *id;       /**< stable id, e.g. "ru-bgn" */
    const char *language; /**< "ru", "uk", "be", "bg", "mk", "sr", or "*" */
    const char *name;     /**< e.g. "BGN/PCGN 1947" */
    const char *standard; /**< the standard and edition it follows */
    int reversible;       /**< nonzero when --reverse is supported */
} pisar_scheme_info;

/** Direction flags for pisar_translit_open(). */
enum { PISAR_TRANSLIT_FORWARD = 0, PISAR_TRANSLIT_REVERSE = 1 };

/**
 * Open a built-in scheme by id (see pisar_translit_scheme()). `flags` is
 * PISAR_TRANSLIT_FORWARD or PISAR_TRANSLIT_REVERSE. Returns PISAR_EUNKNOWN for
 * an unknown id or a scheme without a reverse direction. Free with
 * pisar_translit_free().
 */
PISAR_API int pisar_translit_open(pisar_translit **out, const char *id, unsigned flags,
                                  pisar_error *err);

/**
 * Compile a scheme from a file in the tables/translit format (documented in
 * tables/translit/README.md). @include ID reads ID.txt beside the file, else
 * the built-in scheme ID. On a syntax error returns PISAR_EPARSE and sets
 * err->line and err->message ("file:line: what is wrong").
 */
PISAR_API int pisar_translit_load(pisar_translit **out, const char *path, unsigned flags,
                                  pisar_error *err);

/**
 * Compile a scheme from text in memory (the tables/translit format); `name`
 * names it in error messages. @include resolves to built-in schemes only.
 */
PISAR_API int pisar_translit_compile(pisar_translit **out, const char *text, size_t len,
                                     const char *name, unsigned flags, pisar_error *err);

/**
 * Transliterate UTF-8 text, appending to `out`.
 *
 * @param t    an open scheme (may be shared by threads: it is not modified)
 * @param in   UTF-8 text (NULs allowed; everything a rule does not match is
 *             copied byte for byte)
 * @param len  its length in bytes
 * @param out  caller-owned buffer the result is appended to
 * @return PISAR_OK; PISAR_EILSEQ / PISAR_ETRUNC for invalid or truncated
 *         UTF-8 (nothing is appended then); PISAR_ENOMEM; PISAR_EINVAL.
 */
PISAR_API int pisar_translit_apply(const pisar_translit *t, const char *in, size_t len,
                                   pisar_buf *out);

/**
 * Like pisar_translit_apply(), and on invalid UTF-8 fills `err` (may be NULL)
 * with the byte offset and the offending bytes.
 */
PISAR_API int pisar_translit_apply_with_errors(const pisar_translit *t, const char *in, size_t len,
                                               pisar_buf *out, pisar_error *err);

/** The description of an open scheme (for a loaded file: its @id, @name...). */
PISAR_API const pisar_scheme_info *pisar_translit_info(const pisar_translit *t);

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
