/*
 * pisar/detect.h -- encoding and language detection.
 *
 * A streaming handle (create, feed chunks, finish, read the result, reset,
 * free), so a caller can feed a 5 GB file in constant memory or stop after a
 * bounded sample. The detector first rules out every encoding under which the
 * bytes are impossible, then scores the survivors with letter-pair language
 * models (one per language, shared by all the code pages of its script).
 *
 * Thread safety: a handle is used by one thread at a time; distinct handles are
 * independent. The models are immutable tables compiled into the library.
 */
#ifndef PISAR_DETECT_H
#define PISAR_DETECT_H

#include "common.h"
#include "encoding.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pisar_detector pisar_detector;

/** The result of a detection. */
typedef struct pisar_detection {
    pisar_encoding encoding; /**< best encoding; PISAR_ENC_BINARY if not text */
    double confidence;       /**< 0..1 */
    const char *language;    /**< "ru", "uk", "sr", "sr-Latn", "en", ...; "und" if unknown */
    double language_confidence;
    pisar_encoding runner_up; /**< second best when close, else PISAR_ENC_UNKNOWN */
    double runner_up_confidence;
    const char *runner_up_language; /**< language under the runner-up, or NULL */
    unsigned bom_length;            /**< length of a byte-order mark at the start (0, 2, 3 or 4) */
    uint64_t bytes_seen;            /**< bytes examined */
} pisar_detection;

/** Create a detector. Returns NULL when out of memory. */
PISAR_API pisar_detector *pisar_detector_new(void);

/**
 * Examine at most `max_bytes` of the input (0, the default: all of it).
 * Once the sample is full, pisar_detector_feed() returns 1 and ignores the rest.
 */
PISAR_API int pisar_detector_set_sample(pisar_detector *det, uint64_t max_bytes);

/**
 * Feed the next chunk. Returns 0 to ask for more, 1 when the detector has
 * seen enough (sample full), or a negative pisar_status.
 */
PISAR_API int pisar_detector_feed(pisar_detector *det, const void *data, size_t len);

/** Signal the end of input and compute the result. */
PISAR_API int pisar_detector_finish(pisar_detector *det);

/** Copy the result (valid after pisar_detector_finish()). */
PISAR_API int pisar_detector_result(const pisar_detector *det, pisar_detection *out);

/**
 * The charset the input declares, as found in its first bytes (the sample,
 * at most 64 KB) after pisar_detector_finish(); the earliest when there are
 * several. A declaration is evidence the bytes must confirm: one they
 * contradict (undefined bytes, invalid UTF-8, or text far less plausible
 * than under another code page) loses.
 * `*label` receives the label as written (NULL when none; valid until the
 * next reset), `*source` its form (NULL when none):
 *   "xml"        `<?xml ... encoding="..."?>`
 *   "meta"       `<meta charset="...">`
 *   "http-equiv" `<meta http-equiv="Content-Type" content="...; charset=...">`
 *   "mime"       a MIME Content-Type header (e-mail, MHTML)
 *   "css"        `@charset "...";` at the start
 *   "po"         a gettext header's `"Content-Type: ...; charset=...\n"`
 *   "emacs"      `-*- coding: ... -*-` in the first two lines, or `coding:`
 *                among Emacs "Local Variables:"
 *   "python"     a PEP 263 cookie (`# coding=...`) in the first two lines
 *   "vim"        `scriptencoding ...`, or `fenc=`/`fileencoding=` in a
 *                modeline of the first or last five lines
 *   "latex"      `\usepackage[...]{inputenc}`, `\inputencoding{...}`
 *   "hunspell"   a hunspell/MySpell affix file's `SET ...` line
 *   "aspell"     an aspell language file's `charset ...` line
 *   "first-line" a MySpell hyphenation or thesaurus file's first line
 *   "keymap"     a console keymap's `charset "..."`
 *   "pascal"     Free Pascal's `{$codepage ...}`
 * `*followed` 1 when the answer decodes the input as the declared
 * encoding does, else 0 (also for labels pisar does not know). Any of them may
 * be NULL. Returns 1 when a declaration was found, 0 when not, or a negative
 * pisar_status.
 */
PISAR_API int pisar_detector_declared(const pisar_detector *det, const char **label,
                                      const char **source, int *followed);

/**
 * Where the declaration of pisar_detector_declared() stands, and what it
 * names: `*offset` the byte offset of its label in the input, `*line` its
 * line (from 1), `*encoding` the encoding pisar reads the label as
 * (PISAR_ENC_UNKNOWN for a charset pisar does not support: such a
 * declaration is reported, not followed). Any of them may be NULL. Returns 1
 * when a declaration was found, 0 when not, or a negative pisar_status.
 */
PISAR_API int pisar_detector_declaration(const pisar_detector *det, uint64_t *offset,
                                         uint64_t *line, pisar_encoding *encoding);

/**
 * Nonzero when the input was read as markup (it starts with a tag, a comment,
 * a declaration or `<?xml`): only the text a reader sees (text nodes, title
 * and alt attributes) was scored, not tags, scripts, styles, URLs and
 * character references. Valid after pisar_detector_finish().
 */
PISAR_API int pisar_detector_markup(const pisar_detector *det);

/** Forget everything fed so far; the sample size setting is kept. */
PISAR_API void pisar_detector_reset(pisar_detector *det);

/** Free the handle (NULL is allowed). */
PISAR_API void pisar_detector_free(pisar_detector *det);

/** One-shot detection of a memory buffer. */
PISAR_API int pisar_detect(const void *data, size_t len, pisar_detection *out);

/**
 * Identify the language of UTF-8 text. `*language` receives a static code
 * ("und" when unsure); `confidence` may be NULL.
 */
PISAR_API int pisar_language_detect(const char *text, size_t len, const char **language,
                                    double *confidence);

/** The languages the models know, as static codes; returns their number. */
PISAR_API size_t pisar_languages(const char *const **codes);

#ifdef __cplusplus
}
#endif
#endif
