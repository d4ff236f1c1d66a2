/*
 * pisar/emit.h -- translator files: XLIFF 1.2, XLIFF 2.1, TMX 1.4b, PO, TSV,
 * JSONL and plain text.
 *
 * An emitter writes one output (one file, or stdout) holding one or more
 * documents. A document is a sequence of paragraphs; a paragraph is UTF-8 text
 * with its sentences given as byte offsets (as pisar_segmenter_next() reports
 * them). Bilingual units (source + target, e.g. from pisar_align) may be
 * written instead of paragraphs.
 *
 * XML is written with libxml2's xmlTextWriter. Every XML output validates
 * against the official schema of its format (XLIFF 1.2 strict XSD, XLIFF 2.0
 * core XSD as used by 2.1, TMX 1.4b DTD).
 *
 * Characters that XML 1.0 cannot carry (C0 controls other than TAB, LF and
 * CR; U+FFFE and U+FFFF) are REMOVED from the text in every format, so that
 * the same sentences appear whatever the format; each removal is reported
 * through the callback set with pisar_emitter_on_drop().
 *
 * Ids are derived from positions, so they are stable across runs and unique:
 * document d (1-based), paragraph p, sentence s give "d<d>.p<p>.s<s>" for a
 * sentence unit and "d<d>.p<p>" for a paragraph (group or unit).
 *
 * Output is appended to a caller-owned pisar_buf; the caller may write out and
 * clear the buffer after any call, so memory stays bounded by one paragraph.
 *
 * Thread safety: an emitter is used by one thread at a time; distinct
 * emitters are independent.
 */
#ifndef PISAR_EMIT_H
#define PISAR_EMIT_H

#include "common.h"
#include "segment.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Output formats. */
typedef enum pisar_format {
    PISAR_FORMAT_XLIFF12 = 0, /**< XLIFF 1.2: one trans-unit per sentence, group per paragraph */
    PISAR_FORMAT_XLIFF12_SEGSOURCE, /**< XLIFF 1.2: one trans-unit per paragraph, seg-source + mrk
                                     */
    PISAR_FORMAT_XLIFF21,           /**< XLIFF 2.1: unit per paragraph, segment per sentence */
    PISAR_FORMAT_TMX,               /**< TMX 1.4b: one tu per sentence */
    PISAR_FORMAT_PO,                /**< gettext PO: one message per sentence, msgctxt = id */
    PISAR_FORMAT_TSV,               /**< id TAB source TAB target (\t \n \r \\ escaped) */
    PISAR_FORMAT_JSONL,             /**< one JSON object per sentence */
    PISAR_FORMAT_TXT,               /**< one sentence per line, empty line between paragraphs */
    PISAR_FORMAT_COUNT
} pisar_format;

/**
 * The format named `name` ("xliff", "xliff-segsource", "xliff2", "tmx", "po",
 * "tsv", "jsonl", "txt"; case-sensitive), or PISAR_EUNKNOWN (negative).
 */
PISAR_API int pisar_format_from_name(const char *name);

/** The canonical name of a format ("unknown" when out of range). Static string. */
PISAR_API const char *pisar_format_name(pisar_format format);

/** The usual file name extension of a format, without the dot ("xlf", "tmx", ...). */
PISAR_API const char *pisar_format_extension(pisar_format format);

/** Non-zero when the format is XML (XLIFF or TMX). */
PISAR_API int pisar_format_is_xml(pisar_format format);

/** Emitter flags. */
enum {
    PISAR_EMIT_COPY_SOURCE = 1u << 0 /**< put a copy of the source into each target */
};

/** A character removed from the text because the format cannot carry it. */
typedef struct pisar_drop {
    size_t document;    /**< 1-based document number */
    size_t paragraph;   /**< 1-based paragraph number (0 for a bilingual unit) */
    size_t offset;      /**< byte offset in the paragraph (or unit side) text */
    uint32_t codepoint; /**< the character removed */
} pisar_drop;

typedef void (*pisar_drop_fn)(void *ctx, const pisar_drop *drop);

typedef struct pisar_emitter pisar_emitter;

/**
 * Create an emitter writing `format` to `out` (appending; not owned, must stay
 * valid while the emitter lives). `flags` are PISAR_EMIT_*.
 * Returns PISAR_OK, PISAR_EINVAL, PISAR_EUNKNOWN (bad format) or PISAR_ENOMEM.
 */
PISAR_API int pisar_emitter_new(pisar_emitter **em, pisar_format format, unsigned flags,
                                pisar_buf *out, pisar_error *err);

/** Report each removed character to `fn` (NULL to stop reporting). */
PISAR_API void pisar_emitter_on_drop(pisar_emitter *em, pisar_drop_fn fn, void *ctx);

/**
 * Start a document. `name` is the original file name (written as XLIFF
 * original, PO reference...); `source_lang` a BCP 47 tag ("und" if NULL);
 * `target_lang` may be NULL (XLIFF then omits it; TMX and PO write nothing
 * for it). A document must be ended before the next begins.
 */
PISAR_API int pisar_emitter_begin_document(pisar_emitter *em, const char *name,
                                           const char *source_lang, const char *target_lang,
                                           pisar_error *err);

/**
 * Write one paragraph: `text` (`len` bytes, valid UTF-8) and its `nsent`
 * sentences as offsets into `text` (their `paragraph` member is ignored).
 * Sentences must be in order, not overlapping, within the text; sentences
 * that hold only whitespace are skipped. `notes` may be NULL or hold `nsent`
 * strings (each may be NULL): an extra note per sentence (e.g. the names found
 * in it). The text between sentences is kept where the format can (XLIFF 2.1
 * <ignorable>, XLIFF 1.2 seg-source). A paragraph without sentences writes
 * nothing but still counts for the numbering.
 * Returns PISAR_EILSEQ (offset in `err`) for invalid UTF-8, PISAR_EINVAL for
 * bad offsets, PISAR_ESTATE outside a document.
 */
PISAR_API int pisar_emitter_paragraph(pisar_emitter *em, const char *text, size_t len,
                                      const pisar_sentence *sentences, size_t nsent,
                                      const char *const *notes, pisar_error *err);

/**
 * Write one bilingual unit (an alignment link): `source` and `target` (either
 * may be empty). `note` may be NULL. The unit is numbered as paragraph 0 of
 * the document, id "d<d>.u<n>".
 */
PISAR_API int pisar_emitter_pair(pisar_emitter *em, const char *source, size_t source_len,
                                 const char *target, size_t target_len, const char *note,
                                 pisar_error *err);

/** End the current document. */
PISAR_API int pisar_emitter_end_document(pisar_emitter *em, pisar_error *err);

/** Finish the output (closing elements); no more calls but pisar_emitter_free(). */
PISAR_API int pisar_emitter_finish(pisar_emitter *em, pisar_error *err);

/** Number of characters removed so far. */
PISAR_API uint64_t pisar_emitter_drops(const pisar_emitter *em);

/** Number of units (sentences or pairs) written so far. */
PISAR_API uint64_t pisar_emitter_units(const pisar_emitter *em);

/** Free the emitter (NULL is allowed). Does not free the output buffer. */
PISAR_API void pisar_emitter_free(pisar_emitter *em);

#ifdef __cplusplus
}
#endif
#endif
