/*
 * nfc.h -- internal: streaming NFC (used by decode.c and
 * by pisar_nfc()).
 *
 * The streaming normalizer holds back the text after the last NFC boundary
 * (a character with ccc=0 and NFC_Quick_Check=Yes, ICU's "boundary before"),
 * because a following combining mark may still compose with it; everything
 * before that boundary is final and goes to the output. A character that is
 * itself a boundary and is followed by another boundary is already NFC and
 * is copied as is; only the segments with combining marks go through ICU.
 */
#ifndef PISAR_NFC_INTERNAL_H
#define PISAR_NFC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "pisar/common.h"
#include "utf8.h"

typedef struct nfc_stream nfc_stream;

/* A streaming NFC normalizer; PISAR_OK, PISAR_ENOMEM or PISAR_EICU. */
int nfc_stream_new(nfc_stream **out);
void nfc_stream_free(nfc_stream *s);
/* Forget any held-back text. */
void nfc_stream_reset(nfc_stream *s);

/*
 * Feed well-formed UTF-8 (the caller validated it; whole characters only),
 * appending the normalized text up to the last NFC boundary to `out`.
 */
int nfc_stream_feed(nfc_stream *s, const char *in, size_t len, pisar_buf *out);

/* End of text: normalize and write what is held back. */
int nfc_stream_flush(nfc_stream *s, pisar_buf *out);

/* Nonzero when text is held back. */
int nfc_stream_pending(const nfc_stream *s);

#endif
