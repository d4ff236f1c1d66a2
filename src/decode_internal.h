/* decode_internal.h -- inside libpisar and its tests: the decoder's scalar
 * reference paths. */
#ifndef PISAR_DECODE_INTERNAL_H
#define PISAR_DECODE_INTERNAL_H

#include "pisar/decode.h"

/* Decode with the scalar reference paths only (1, or any nonzero but 2 and
 * 3), with the vectorised fast paths where there are some (0, the default),
 * or with them but not the AVX2 and AVX-512 paths of single-byte code pages
 * (2: the SSE2 path, as on a machine without AVX2), or not the AVX-512 one
 * (3: as on a machine without AVX-512 VBMI2). All give the same bytes and
 * the same errors; tests compare them. */
void pisar_decoder_set_scalar(pisar_decoder *d, int scalar);

#endif
