/*
 * pisar/normalize.h -- NFC and the repair of garbled text.
 *
 * Repairs:
 *  - mojibake: text that was encoded in one encoding and decoded in another
 *    (UTF-8 read as windows-1251, KOI8-R, IBM866, windows-1252 or ISO-8859-1;
 *    windows-1251 read as KOI8-R or windows-1252; such chains twice). A run is
 *    repaired only when one inverse chain gives clearly more plausible text
 *    under the language models than the input and every other chain.
 *  - homoglyphs: Latin look-alike letters inside Cyrillic words and Cyrillic
 *    look-alikes inside Latin words are mapped to the word's script (ICU's
 *    confusable data); pure-script tokens ("iPhone", "COVID-19", Serbian
 *    Latin) are never touched.
 * Clean text, including accented Latin and mixed Russian/English, is returned
 * unchanged.
 */
#ifndef PISAR_NORMALIZE_H
#define PISAR_NORMALIZE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a normalizer does. */
enum {
    PISAR_NORM_NFC = 1u << 0,
    PISAR_NORM_MOJIBAKE = 1u << 1,
    PISAR_NORM_HOMOGLYPH = 1u << 2,
    PISAR_NORM_ALL = PISAR_NORM_NFC | PISAR_NORM_MOJIBAKE | PISAR_NORM_HOMOGLYPH
};

/** Kinds of repair. */
typedef enum pisar_repair_kind {
    PISAR_REPAIR_MOJIBAKE = 1,
    PISAR_REPAIR_HOMOGLYPH = 2
} pisar_repair_kind;

/** One repair, reported through a callback. Pointers are valid during the call only. */
typedef struct pisar_repair {
    pisar_repair_kind kind;
    size_t offset;             /**< byte offset of the repaired run in the input */
    const char *before;        /**< the run as it was (UTF-8), `before_len` bytes */
    size_t before_len;
    const char *after;         /**< what it became, `after_len` bytes */
    size_t after_len;
    const char *how;           /**< e.g. "utf-8 read as windows-1251", "latin->cyrillic" */
} pisar_repair;

typedef void (*pisar_repair_fn)(void *ctx, const pisar_repair *repair);

typedef struct pisar_normalizer pisar_normalizer;

/** Create a normalizer doing what `flags` (PISAR_NORM_*) ask. */
PISAR_API int pisar_normalizer_new(pisar_normalizer **out, unsigned flags);

/** Report each repair to `fn` (NULL to stop reporting). */
PISAR_API void pisar_normalizer_on_repair(pisar_normalizer *n, pisar_repair_fn fn, void *ctx);

/**
 * Normalize and repair UTF-8 text (a line or paragraph; repairs never cross
 * the ends of what is passed), appending the result to `out`. Invalid UTF-8
 * gives PISAR_EILSEQ with the offset in `err`.
 */
PISAR_API int pisar_normalizer_apply(pisar_normalizer *n, const char *in, size_t len,
                                     pisar_buf *out, pisar_error *err);

/** Free the normalizer (NULL is allowed). */
PISAR_API void pisar_normalizer_free(pisar_normalizer *n);

/** NFC of UTF-8 text, appended to `out`. */
PISAR_API int pisar_nfc(const char *in, size_t len, pisar_buf *out, pisar_error *err);

#ifdef __cplusplus
}
#endif
#endif
