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

/**
 * Create a segmenter with pisar's own rules for `language` ("ru", "sr-Latn",
 * "en", ...; only the primary subtag counts). NULL, "und" or a language without
 * rules of its own gets the language-neutral rules (every table together).
 * @param out  receives the handle; free it with pisar_segmenter_free()
 * @param err  may be NULL
 * @return PISAR_OK, PISAR_EINVAL (out is NULL) or PISAR_ENOMEM
 */
PISAR_API int pisar_segmenter_new(pisar_segmenter **out, const char *language, pisar_error *err);

/**
 * Create a segmenter from an SRX 2.0 file, using the languagerules its
 * maprules give `language` (the first match, or all matches in order when the
 * header says cascade="yes"). An empty line still ends a segment.
 * @param err  may be NULL; on PISAR_EPARSE, err->line is the line of the
 *             offending element in the file and err->message says what is wrong
 * @return PISAR_OK, PISAR_EINVAL, PISAR_EIO (cannot read the file),
 *         PISAR_EPARSE (not XML, not SRX, a bad regular expression) or PISAR_ENOMEM
 */
PISAR_API int pisar_segmenter_new_srx(pisar_segmenter **out, const char *srx_path,
                                      const char *language, pisar_error *err);

/**
 * Start on a text, which must be UTF-8 (NUL bytes are allowed and are not
 * letters). The text is not copied: it must stay valid until the last call of
 * pisar_segmenter_next() on it. Nothing is allocated with pisar's own rules;
 * SRX rules need O(len) scratch memory here. On invalid UTF-8 the segmenter
 * is left without a text (pisar_segmenter_next() returns 0); use
 * pisar_segmenter_set_text_with_errors() to learn where the bad byte is.
 * @return PISAR_OK; PISAR_EILSEQ (an invalid sequence: a byte that cannot
 *         start one, a missing continuation byte, an overlong form, a
 *         surrogate, a value above U+10FFFF) or PISAR_ETRUNC (the text ends
 *         inside a character); PISAR_EINVAL; (SRX) PISAR_ENOMEM, PISAR_EICU,
 *         PISAR_ERANGE
 * Thread safety: one thread at a time per handle.
 */
PISAR_API int pisar_segmenter_set_text(pisar_segmenter *seg, const char *text, size_t len);

/**
 * Like pisar_segmenter_set_text(), and on PISAR_EILSEQ / PISAR_ETRUNC fills
 * `err` (may be NULL) with the byte offset of the first bad sequence in
 * `text` (err->offset), up to four of its bytes and a message.
 */
PISAR_API int pisar_segmenter_set_text_with_errors(pisar_segmenter *seg, const char *text,
                                                   size_t len, pisar_error *err);

/**
 * The next sentence: 1 and *out filled, 0 at the end, or a negative
 * pisar_status. Sentences come in order; the bytes between them (and before
 * the first and after the last) are whitespace only. `paragraph` counts empty
 * lines (and U+2029) seen before the sentence.
 */
PISAR_API int pisar_segmenter_next(pisar_segmenter *seg, pisar_sentence *out);

/** Paragraphs: only at empty lines (the default), or at every line break
 * outside a sentence (scraped articles: a paragraph a line). */
#define PISAR_PARAGRAPHS_BLANK 0
#define PISAR_PARAGRAPHS_LINE 1

/**
 * Choose how paragraphs are found (PISAR_PARAGRAPHS_BLANK or _LINE); takes
 * effect from the next pisar_segmenter_set_text(). In LINE mode a line break
 * ends the sentence and the paragraph, unless it falls inside a sentence: the
 * line ends in ',', ';', ':', a dash, an opening bracket or quote, or a short
 * lower-case word ("и", "and"), and the next line begins in lower case.
 * @return PISAR_OK or PISAR_EINVAL
 */
PISAR_API int pisar_segmenter_set_paragraphs(pisar_segmenter *seg, int mode);

/**
 * Guess, as a reader would, whether the lines of `text` (its first megabyte
 * is looked at) are paragraphs: PISAR_PARAGRAPHS_LINE when nearly every line
 * break between two non-empty lines falls between sentences, or when the
 * lines that go on in lower case are not full (chat typed in lower case, a
 * message a line: the next word would have fitted in the text's width),
 * PISAR_PARAGRAPHS_BLANK for hard-wrapped text. Thread-safe.
 */
PISAR_API int pisar_segment_guess_paragraphs(const char *text, size_t len);

/** Free (NULL is allowed). */
PISAR_API void pisar_segmenter_free(pisar_segmenter *seg);

/**
 * The languages with rules of their own (static codes: "ru", "uk", ...); any
 * other code gets the language-neutral rules.
 * @param codes  may be NULL
 * @return their number
 */
PISAR_API size_t pisar_segment_languages(const char *const **codes);

/**
 * Write pisar's rules for `language` as an SRX 2.0 document (appended to
 * `out`, UTF-8). SRX cannot express every decision of the built-in rules, so
 * this is an approximation: abbreviations, initials, ordinals, direct speech,
 * line breaks. Thread-safe.
 * @return PISAR_OK, PISAR_EINVAL (out is NULL) or PISAR_ENOMEM
 */
PISAR_API int pisar_segmenter_export_srx(const char *language, pisar_buf *out);

#ifdef __cplusplus
}
#endif
#endif
