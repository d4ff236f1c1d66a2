/* align.c -- placeholder while the aligner is written. */
#include "pisar/align.h"

int pisar_align(const pisar_align_sentence *src, size_t nsrc, const pisar_align_sentence *tgt,
                size_t ntgt, const pisar_align_options *opt, pisar_link *links, size_t *nlinks,
                pisar_error *err)
{
    (void)src; (void)nsrc; (void)tgt; (void)ntgt; (void)opt; (void)links; (void)nlinks; (void)err;
    return PISAR_EINVAL;
}
