/*
 * pisar/common.h -- status codes, error details, growable buffers, versions.
 *
 * Conventions shared by every pisar header:
 *  - every exported name starts with pisar_ (types) or PISAR_ (macros, enums);
 *  - functions return a pisar_status (0 = success, negative = error) or, where
 *    they produce a count, a non-negative count or a negative pisar_status;
 *  - objects with state are opaque handles made by pisar_X_new() and freed by
 *    pisar_X_free(); distinct handles may be used on distinct threads; the
 *    library has no global mutable state and never reads the process locale;
 *  - text is UTF-8; offsets are byte offsets.
 */
#ifndef PISAR_COMMON_H
#define PISAR_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define PISAR_API __declspec(dllexport)
#elif defined(__GNUC__)
#define PISAR_API __attribute__((visibility("default")))
#else
#define PISAR_API
#endif

/** Status codes. Negative values are errors; pisar_strerror() names them. */
typedef enum pisar_status {
    PISAR_OK = 0,
    PISAR_ENOMEM = -1,   /**< out of memory */
    PISAR_EINVAL = -2,   /**< invalid argument */
    PISAR_EILSEQ = -3,   /**< invalid byte sequence in the input */
    PISAR_ETRUNC = -4,   /**< input ends inside a character */
    PISAR_EIO = -5,      /**< read or write failed */
    PISAR_EUNKNOWN = -6, /**< unknown encoding, language, scheme or format */
    PISAR_EPARSE = -7,   /**< syntax error in a table, rules or data file */
    PISAR_EICU = -8,     /**< an ICU call failed */
    PISAR_EBINARY = -9,  /**< the input is not text */
    PISAR_ERANGE = -10,  /**< a value or size is out of range */
    PISAR_ESTATE = -11   /**< call not valid in the handle's current state */
} pisar_status;

/** A static English description of a status code (never NULL). */
PISAR_API const char *pisar_strerror(int status);

/**
 * Details of a failure, filled by functions that take a `pisar_error *`
 * (which may be NULL). `offset` is the byte offset of the offending input,
 * `bytes`/`nbytes` up to 8 of the offending bytes, `line` a 1-based line
 * number where that applies (0 otherwise), `message` a short explanation.
 */
typedef struct pisar_error {
    uint64_t offset;
    unsigned char bytes[8];
    size_t nbytes;
    size_t line;
    char message[160];
} pisar_error;

/**
 * A growable byte buffer owned by the caller. Initialise with
 * `pisar_buf b = {0};`, free with pisar_buf_free(). `data` is always
 * NUL-terminated after a successful append (the NUL is not counted in `len`).
 */
typedef struct pisar_buf {
    char *data;
    size_t len;
    size_t cap;
} pisar_buf;

/** Ensure room for `extra` more bytes (plus a NUL). */
PISAR_API int pisar_buf_reserve(pisar_buf *buf, size_t extra);
/** Append `n` bytes. */
PISAR_API int pisar_buf_append(pisar_buf *buf, const void *data, size_t n);
/** Append a NUL-terminated string. */
PISAR_API int pisar_buf_puts(pisar_buf *buf, const char *s);
/** Forget the contents, keep the memory. */
PISAR_API void pisar_buf_clear(pisar_buf *buf);
/** Release the memory; the buffer is empty and reusable afterwards. */
PISAR_API void pisar_buf_free(pisar_buf *buf);

/** The library's version, "MAJOR.MINOR.PATCH". */
PISAR_API const char *pisar_version(void);
/** The Unicode version of the ICU the library runs with, e.g. "15.0". */
PISAR_API const char *pisar_unicode_version(void);

#ifdef __cplusplus
}
#endif
#endif
