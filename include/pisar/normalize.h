/*
 * pisar/normalize.h -- NFC and the repair of garbled text.
 *
 * Repairs:
 *  - mojibake: text that was encoded in one encoding and decoded in another
 *    (UTF-8 read as windows-1251, KOI8-R, IBM866, windows-1252, ISO-8859-1,
 *    windows-1250 or ISO-8859-2; windows-1251 read as KOI8-R, windows-1252 or
 *    IBM866; KOI8-R or IBM866 read as windows-1251; windows-1250 or
 *    ISO-8859-2 read as windows-1252 or ISO-8859-1; the UTF-8 chains twice or
 *    one after another). A run is
 *    repaired only when one inverse chain gives clearly more plausible text
 *    under the language models than the input and every other chain.
 *  - homoglyphs: Latin look-alike letters inside Cyrillic words and Cyrillic
 *    look-alikes inside Latin words are mapped to the word's script (ICU's
 *    confusable data), and so are short words of look-alikes standing alone
 *    among words of the other script ("c" for "с", Macedonian "ja");
 *    tokens of one script ("iPhone", "COVID-19", Serbian Latin, "Пётр I")
 *    are never touched.
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
    size_t offset;      /**< byte offset of the repaired run in the input */
    const char *before; /**< the run as it was (UTF-8), `before_len` bytes */
    size_t before_len;
    const char *after; /**< what it became, `after_len` bytes */
    size_t after_len;
    const char *how; /**< e.g. "utf-8 read as windows-1251", "latin->cyrillic" */
} pisar_repair;

typedef void (*pisar_repair_fn)(void *ctx, const pisar_repair *repair);

typedef struct pisar_normalizer pisar_normalizer;

/**
 * Create a normalizer.
 * @param out    receives the new handle (NULL on failure); free it with
 *               pisar_normalizer_free()
 * @param flags  PISAR_NORM_* bits: what to do (0: copy the text unchanged)
 * @return PISAR_OK, PISAR_EINVAL (NULL `out` or unknown flag bits), PISAR_ENOMEM
 * Thread safety: distinct handles may be used on distinct threads at once.
 */
PISAR_API int pisar_normalizer_new(pisar_normalizer **out, unsigned flags);

/**
 * Report each repair made by later pisar_normalizer_apply() calls to `fn`,
 * called in order of offset, with `ctx`, before apply returns (NULL `fn`
 * stops reporting). The pisar_repair and its strings are valid during the
 * call only; `offset` is relative to the text passed to that apply call.
 */
PISAR_API void pisar_normalizer_on_repair(pisar_normalizer *n, pisar_repair_fn fn, void *ctx);

/**
 * Normalize and repair UTF-8 text (a line or paragraph; repairs never cross
 * the ends of what is passed; line endings, NULs and all other bytes outside
 * a repair are copied), appending the result to `out`.
 * @param n    the normalizer
 * @param in   `len` bytes of UTF-8 (may be NULL when `len` is 0)
 * @param out  caller-owned buffer the result is appended to
 * @param err  details of a failure (may be NULL)
 * @return PISAR_OK; PISAR_EILSEQ for invalid or truncated UTF-8, with the
 *         offset of the first bad byte in `err` and nothing appended;
 *         PISAR_EINVAL, PISAR_ENOMEM, PISAR_EICU
 * Thread safety: one thread at a time per handle.
 */
PISAR_API int pisar_normalizer_apply(pisar_normalizer *n, const char *in, size_t len,
                                     pisar_buf *out, pisar_error *err);

/** Free the normalizer and everything it holds (NULL is allowed). */
PISAR_API void pisar_normalizer_free(pisar_normalizer *n);

/** NFC of UTF-8 text, appended to `out`. */
PISAR_API int pisar_nfc(const char *in, size_t len, pisar_buf *out, pisar_error *err);

#ifdef __cplusplus
}
#endif
#endif
