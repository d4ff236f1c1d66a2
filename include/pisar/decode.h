/*
 * pisar/decode.h -- bytes in any known encoding to UTF-8.
 *
 * Single-byte code pages go through tables generated at build time (with a
 * precomputed note of which bytes are NFC-inert, so NFC costs nothing on
 * them); UTF-8 and ASCII are validated and copied; UTF-16/32 and anything else
 * go through iconv (one iconv_open() descriptor per decoder; no //TRANSLIT,
 * no dependence on the locale). Streaming: feed chunks of any size (a
 * character may straddle two chunks), output is appended to a caller-owned
 * pisar_buf. A decoder handle is used by one thread at a time; distinct
 * handles are independent.
 */
#ifndef PISAR_DECODE_H
#define PISAR_DECODE_H

#include "common.h"
#include "encoding.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Decoder flags. */
enum {
    PISAR_DECODE_LOSSY = 1u << 0,    /**< replace undecodable bytes with U+FFFD, count them */
    PISAR_DECODE_NFC = 1u << 1,      /**< normalize the output to NFC */
    PISAR_DECODE_KEEP_BOM = 1u << 2, /**< keep a leading byte-order mark (stripped by default) */
    PISAR_DECODE_EOL_LF = 1u << 3,   /**< write every line ending as LF */
    PISAR_DECODE_EOL_CRLF = 1u << 4, /**< write every line ending as CR LF */
    PISAR_DECODE_CHECK = 1u << 5     /**< only check that the input decodes: nothing is
                                          written (`out` may be NULL); errors as usual */
};

typedef struct pisar_decoder pisar_decoder;

/**
 * Create a decoder from `enc` to UTF-8. Returns PISAR_EUNKNOWN for
 * PISAR_ENC_UNKNOWN/BINARY, PISAR_ENOMEM, or PISAR_OK with *out set.
 */
PISAR_API int pisar_decoder_new(pisar_decoder **out, pisar_encoding enc, unsigned flags);

/**
 * Decode the next chunk, appending UTF-8 to `out`. On an undecodable byte
 * (without PISAR_DECODE_LOSSY) returns PISAR_EILSEQ and fills `err` with the
 * absolute byte offset and the bytes; output before that point is in `out`.
 */
PISAR_API int pisar_decoder_feed(pisar_decoder *dec, const void *in, size_t len, pisar_buf *out,
                                 pisar_error *err);

/** Flush at end of input; PISAR_ETRUNC if the input ended inside a character. */
PISAR_API int pisar_decoder_finish(pisar_decoder *dec, pisar_buf *out, pisar_error *err);

/** Number of U+FFFD substitutions made so far (lossy mode). */
PISAR_API uint64_t pisar_decoder_replacements(const pisar_decoder *dec);

/** Free the decoder (NULL is allowed). */
PISAR_API void pisar_decoder_free(pisar_decoder *dec);

/** One-shot decoding of a memory buffer. */
PISAR_API int pisar_decode(pisar_encoding enc, const void *in, size_t len, unsigned flags,
                           pisar_buf *out, pisar_error *err);

#ifdef __cplusplus
}
#endif
#endif
