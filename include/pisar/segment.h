/*
 * pisar/segment.h -- sentence segmentation.
 *
 * The segmenter finds sentences in UTF-8 text and reports them as byte
 * offsets. It is lossless: the sentences and the whitespace between them give
 * back the input byte for byte. A paragraph break (an empty line) is always a
 * boundary. Rules per language come from tables/abbrev/ (compiled in) or from
 * an SRX 2.0 file.
 *
 * A segmenter handle holds the text position; use one per thread.
 */
#ifndef PISAR_SEGMENT_H
#define PISAR_SEGMENT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pisar_segmenter pisar_segmenter;

/** One sentence: bytes [start, end) of the text, and its paragraph (0-based). */
typedef struct pisar_sentence {
    size_t start;
    size_t end;
    size_t paragraph;
} pisar_sentence;

/** Create a segmenter with pisar's own rules for `language` ("ru", "en", ...). */
PISAR_API int pisar_segmenter_new(pisar_segmenter **out, const char *language, pisar_error *err);

/** Create a segmenter from an SRX 2.0 file, using the rules that apply to `language`. */
PISAR_API int pisar_segmenter_new_srx(pisar_segmenter **out, const char *srx_path,
                                      const char *language, pisar_error *err);

/**
 * Start on a text. The text is not copied: it must stay valid until the last
 * call of pisar_segmenter_next() on it.
 */
PISAR_API int pisar_segmenter_set_text(pisar_segmenter *seg, const char *text, size_t len);

/** The next sentence: 1 and *out filled, 0 at the end, or a negative pisar_status. */
PISAR_API int pisar_segmenter_next(pisar_segmenter *seg, pisar_sentence *out);

/** Free (NULL is allowed). */
PISAR_API void pisar_segmenter_free(pisar_segmenter *seg);

/**
 * The languages with rules of their own (static codes: "ru", "uk", ...); any
 * other code gets the language-neutral rules. Returns their number.
 */
PISAR_API size_t pisar_segment_languages(const char *const **codes);

/** Write pisar's rules for `language` as an SRX 2.0 document to `out`. */
PISAR_API int pisar_segmenter_export_srx(const char *language, pisar_buf *out);

#ifdef __cplusplus
}
#endif
#endif
