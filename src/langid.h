/*
 * langid.h -- language identification (internal to the library; src/langid.c).
 *
 * pisar_language_detect (include/pisar/detect.h) reads the language of UTF-8
 * text; the detector (src/detect.c) asks langid_sbcs for the language of a
 * text in a single-byte code page once it has chosen the code page.
 */
#ifndef PISAR_LANGID_H
#define PISAR_LANGID_H

#include <stddef.h>
#include <stdint.h>

/* The language of the detector's sample of `sample_bytes` bytes in a
 * single-byte code page, decoded to UTF-8 as text[0..n): `chosen` is the model
 * whose joint byte model chose the code page, cost[m] the cost of the sample
 * under model m (UINT64_MAX for a model of the other script), nm the number
 * of models. Returns a static code, or NULL to keep the detector's answer. */
const char *langid_sbcs(const char *text, size_t n, size_t sample_bytes, int chosen,
                        const uint64_t *cost, int nm);

#endif
