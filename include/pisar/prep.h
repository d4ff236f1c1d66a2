/*
 * pisar/prep.h -- the whole pipeline on one document in memory.
 *
 * pisar_prep() does for one buffer what `pisar prep` does for one file:
 * detect the encoding and language, decode to UTF-8 (line endings as LF),
 * repair (mojibake, homoglyphs, NFC), split into paragraphs (at empty
 * lines, or a line each when the text's lines are paragraphs, as
 * `--paragraphs auto` decides) and sentences, and find the names of each sentence with their
 * canonical spelling. The result lists the units (one per sentence, with the ids the translator
 * files give them, "d<doc>.p<paragraph>.s<sentence>"), every repair with its text before and after,
 * and every name mention with its offset in its unit. Names are grouped per paragraph, seeded with
 * the document's earlier full names, exactly as `pisar prep` does, so a lone surname takes the full
 * name mentioned before it.
 *
 * The units hold the repaired text as it is: characters that XML cannot
 * carry (C0 controls other than tab, LF, CR) are kept here; the file
 * formats of emit.h remove them.
 *
 * Thread safety: reentrant (every call makes its own handles); a result is
 * immutable and may be read by any thread.
 */
#ifndef PISAR_PREP_H
#define PISAR_PREP_H
#include "common.h"
#include "normalize.h"
#ifdef __cplusplus
extern "C" {
#endif

/** Options of pisar_prep(); a NULL options pointer means all defaults. */
typedef struct pisar_prep_options {
    const char *encoding; /**< the input's encoding (pisar_encoding_from_name()); NULL: detect */
    const char *language; /**< the source language; NULL: detected (from the decoded text
                               when `encoding` is given) */
    size_t document;      /**< document number in unit ids (0 counts as 1) */
} pisar_prep_options;

/** One repair (see normalize.h), in the paragraph it was made in. */
typedef struct pisar_prep_repair {
    pisar_repair_kind kind;
    size_t paragraph;           /**< 1-based paragraph number */
    size_t offset;              /**< byte offset of the run in the paragraph as decoded */
    const char *before, *after; /**< NUL-terminated UTF-8 */
    const char *how;            /**< e.g. "utf-8 read as windows-1251" */
} pisar_prep_repair;

/** One name mention in a unit. */
typedef struct pisar_prep_mention {
    size_t unit;           /**< index into pisar_prep_result.units */
    size_t offset, length; /**< bytes [offset, offset+length) of the unit's text */
    const char *text;      /**< as written (inflected) */
    const char *base;      /**< nominative form */
    const char *key;       /**< name key of its group */
    const char *canonical; /**< canonical spelling */
    const char *source;    /**< "gazetteer:<id>", "scheme:<id>", "frequency" */
} pisar_prep_mention;

/** One unit: a sentence. */
typedef struct pisar_prep_unit {
    const char *id;   /**< "d1.p3.s2" */
    size_t paragraph; /**< 1-based */
    size_t sentence;  /**< 1-based within the paragraph */
    const char *text; /**< NUL-terminated UTF-8, `length` bytes */
    size_t length;
    const char *note;     /**< "Names: X -> Y (source); ..." or NULL */
    size_t first_mention; /**< index of its first mention in `mentions` */
    size_t nmentions;     /**< how many */
} pisar_prep_unit;

/** The result of pisar_prep(); free with pisar_prep_result_free(). */
typedef struct pisar_prep_result {
    const char *encoding;  /**< WHATWG name of the input's encoding */
    double confidence;     /**< of the encoding (1 when given) */
    int encoding_given;    /**< nonzero when options named it */
    const char *runner_up; /**< second-best encoding when close, else NULL */
    double runner_up_confidence;
    const char *language; /**< given or detected ("und" when unknown) */
    int language_given;
    size_t paragraphs;
    size_t nunits;
    const pisar_prep_unit *units;
    size_t nrepairs;
    const pisar_prep_repair *repairs;
    size_t nmentions;
    const pisar_prep_mention *mentions;
} pisar_prep_result;

/**
 * Run the pipeline on `len` bytes at `data`.
 * @return PISAR_OK with *out set; PISAR_EBINARY (not text); PISAR_EUNKNOWN
 *         (an unknown encoding name); PISAR_EILSEQ / PISAR_ETRUNC with
 *         err->offset, the byte offset in `data` of what does not decode;
 *         PISAR_EINVAL; PISAR_ENOMEM. On failure *out is NULL and err->message
 *         says what is wrong.
 */
PISAR_API int pisar_prep(const void *data, size_t len, const pisar_prep_options *opt,
                         pisar_prep_result **out, pisar_error *err);

/** Free a result (NULL is allowed). */
PISAR_API void pisar_prep_result_free(pisar_prep_result *r);

#ifdef __cplusplus
}
#endif
#endif
