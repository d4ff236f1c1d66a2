/* decode_internal.h -- inside libpisar and its tests: the decoder's scalar
 * reference paths. */
#ifndef PISAR_DECODE_INTERNAL_H
#define PISAR_DECODE_INTERNAL_H

#include "pisar/decode.h"

/* Decode with the scalar reference paths only (nonzero), or with the
 * vectorised fast paths where there are some (0, the default). Both give
 * the same bytes and the same errors; tests compare them. */
void pisar_decoder_set_scalar(pisar_decoder *d, int scalar);

#endif
