/*
 * codepage.h -- the single-byte code pages (internal), generated at build time
 * from tables/codepages/<name>.txt by tools/gen_codepages.c.
 */
#ifndef PISAR_CODEPAGE_H
#define PISAR_CODEPAGE_H

#include <stdint.h>
#include "pisar/encoding.h"

#define CP_UNDEFINED 0xFFFFu

/* Per-byte flags (cp_flags). */
enum {
    CPF_DEFINED = 1, /* the byte has a character */
    CPF_NFC_YES = 2, /* NFC_Quick_Check=Yes and ccc=0: a text of such characters is NFC */
    CPF_LETTER = 4,  /* Alphabetic */
    CPF_UPPER = 8,   /* Uppercase */
    CPF_CONTROL = 16 /* a control character (C0, C1, DEL) */
};

/* The 256-entry byte -> code point table of a single-byte encoding (CP_UNDEFINED
 * where the byte has no character), or NULL for other encodings. */
const uint16_t *cp_table(pisar_encoding enc);
/* Per-byte flags, or NULL. */
const uint8_t *cp_flags(pisar_encoding enc);
/* Per-byte UTF-8: [0] is the length (0 for undefined), [1..3] the bytes. */
const unsigned char (*cp_utf8(pisar_encoding enc))[4];
/* The byte that encodes `ucs` in `enc`, or -1 if it cannot be encoded. */
int cp_encode(pisar_encoding enc, uint32_t ucs);

#endif
