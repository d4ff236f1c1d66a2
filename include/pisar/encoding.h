/*
 * pisar/encoding.h -- the character encodings pisar knows.
 *
 * Names are the WHATWG/IANA lower-case labels (windows-1251, koi8-r, ibm866,
 * x-mac-cyrillic, utf-8, utf-16le, ...). Byte-order marks are a separate
 * "surface" property reported beside the encoding, not part of its name.
 */
#ifndef PISAR_ENCODING_H
#define PISAR_ENCODING_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pisar_encoding {
    PISAR_ENC_UNKNOWN = 0,
    PISAR_ENC_BINARY, /**< not text */
    PISAR_ENC_ASCII,
    PISAR_ENC_UTF8,
    PISAR_ENC_UTF16LE,
    PISAR_ENC_UTF16BE,
    PISAR_ENC_UTF32LE,
    PISAR_ENC_UTF32BE,
    /* Cyrillic single-byte */
    PISAR_ENC_WINDOWS_1251,
    PISAR_ENC_KOI8_R,
    PISAR_ENC_KOI8_U,
    PISAR_ENC_ISO_8859_5,
    PISAR_ENC_IBM866,
    PISAR_ENC_IBM855,
    PISAR_ENC_CP1125,
    PISAR_ENC_X_MAC_CYRILLIC,
    /* Latin single-byte */
    PISAR_ENC_WINDOWS_1250,
    PISAR_ENC_WINDOWS_1252,
    PISAR_ENC_WINDOWS_1254,
    PISAR_ENC_WINDOWS_1257,
    PISAR_ENC_ISO_8859_1,
    PISAR_ENC_ISO_8859_2,
    PISAR_ENC_ISO_8859_3,
    PISAR_ENC_ISO_8859_4,
    PISAR_ENC_ISO_8859_9,
    PISAR_ENC_ISO_8859_13,
    PISAR_ENC_ISO_8859_15,
    PISAR_ENC_ISO_8859_16,
    PISAR_ENC_IBM437,
    PISAR_ENC_IBM850,
    PISAR_ENC_IBM852,
    PISAR_ENC_IBM775,
    PISAR_ENC_MACINTOSH,
    PISAR_ENC_X_MAC_CE,
    /* added after the others, so that earlier values keep their numbers */
    PISAR_ENC_ISO_8859_10, /**< Latin-6, Nordic: Icelandic, Faroese, Sami, Greenlandic */
    PISAR_ENC_ISO_8859_14, /**< Latin-8, Celtic: Welsh, Irish, Scottish Gaelic, Breton */
    PISAR_ENC_COUNT
} pisar_encoding;

/** First and last single-byte encodings in the enumeration. */
#define PISAR_ENC_FIRST_SBCS PISAR_ENC_WINDOWS_1251
#define PISAR_ENC_LAST_SBCS PISAR_ENC_ISO_8859_14

/** The WHATWG/IANA lower-case name ("windows-1251"); "unknown" if out of range. */
PISAR_API const char *pisar_encoding_name(pisar_encoding enc);
/** The name glibc/GNU iconv knows the encoding by ("CP1251"), or NULL. */
PISAR_API const char *pisar_encoding_iconv_name(pisar_encoding enc);
/**
 * Look an encoding up by name or common alias, case-insensitively
 * ("cp1251", "Windows-1251", "koi8r", "866", "maccyrillic", "latin1", ...).
 * Returns PISAR_ENC_UNKNOWN if the name is not recognised.
 */
PISAR_API pisar_encoding pisar_encoding_from_name(const char *name);
/** Nonzero for the single-byte code pages. */
PISAR_API int pisar_encoding_is_single_byte(pisar_encoding enc);
/** Nonzero for the Cyrillic single-byte code pages. */
PISAR_API int pisar_encoding_is_cyrillic(pisar_encoding enc);

#ifdef __cplusplus
}
#endif
#endif
