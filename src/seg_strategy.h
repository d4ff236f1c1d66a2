/* seg_strategy.h -- the one interface between the segmenter (segment.c) and
 * a boundary strategy that finds the breaks of a whole text by other rules
 * (srx.c: the rules of an SRX 2.0 file).
 *
 * The segmenter owns the strategy once given: it asks it for the breaks of
 * each text in pisar_segmenter_set_text(), reports the sentences between them
 * (an empty line still ends one), and frees it in pisar_segmenter_free(). The
 * strategy knows nothing of the segmenter's internals, and the segmenter
 * nothing of the strategy's. */
#ifndef PISAR_SEG_STRATEGY_H
#define PISAR_SEG_STRATEGY_H

#include "pisar/segment.h"

#include <stddef.h>

/* Sorted byte offsets of the breaks in a text (a growable array). */
typedef struct seg_breaks {
    size_t *at;
    size_t n, cap;
} seg_breaks;

/* Append a break at byte b (>= the last one). Returns 0 or PISAR_ENOMEM. */
int seg_breaks_add(seg_breaks *b, size_t at);

typedef struct seg_strategy {
    /* Find the breaks of t[0, len) (valid UTF-8) into `out`, emptied first.
     * Returns 0 or a negative pisar_status. */
    int (*breaks)(const void *rules, const unsigned char *t, size_t len, seg_breaks *out);
    void (*free)(void *rules);
    void *rules;
} seg_strategy;

/* A segmenter that uses `st` for its breaks. It takes `st->rules` over even
 * when it fails (PISAR_EINVAL, PISAR_ENOMEM): they are freed then. */
int seg_new_with_strategy(pisar_segmenter **out, const seg_strategy *st);

#endif
