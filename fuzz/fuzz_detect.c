/*
 * fuzz_detect.c -- the detector on arbitrary bytes: one-shot and chunked
 * feeding must agree (also on the declared charset and on reading the input
 * as markup), a sample limit must hold, the language identifier must accept
 * any bytes, and nothing may crash or read out of bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pisar/pisar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pisar_detection one, r;
    if (pisar_detect(data, size, &one) != PISAR_OK) abort();
    if (one.encoding <= PISAR_ENC_UNKNOWN || one.encoding >= PISAR_ENC_COUNT) abort();
    if (!(one.confidence >= 0 && one.confidence <= 1) || !one.language) abort();
    if (one.bytes_seen != size) abort();

    /* one detector for every input, reset rather than re-made */
    static pisar_detector *d;
    if (!d && !(d = pisar_detector_new())) abort();
    pisar_detector_reset(d);
    pisar_detector_set_sample(d, 0);
    size_t step = size ? (size_t)data[0] % 13 + 1 : 1;
    for (size_t i = 0; i < size; i += step)
        if (pisar_detector_feed(d, data + i, size - i < step ? size - i : step) != 0) abort();
    if (pisar_detector_finish(d) != PISAR_OK || pisar_detector_result(d, &r) != PISAR_OK) abort();
    if (r.encoding != one.encoding || r.confidence != one.confidence ||
        strcmp(r.language, one.language))
        abort();

    /* the declared charset and the markup decision do not depend on chunking
     * (a second detector, kept like the first: a new one costs a 256 KB
     * histogram per input) */
    const char *label, *source;
    int followed, found = pisar_detector_declared(d, &label, &source, &followed);
    if (found < 0 || found > 1 || (found && (!label || !source)) || followed < 0 || followed > 1)
        abort();
    int markup = pisar_detector_markup(d);
    static pisar_detector *w;
    if (!w && !(w = pisar_detector_new())) abort();
    pisar_detector_reset(w);
    const char *label2, *source2;
    int followed2;
    if (pisar_detector_feed(w, data, size) != 0 || pisar_detector_finish(w) != PISAR_OK) abort();
    if (pisar_detector_declared(w, &label2, &source2, &followed2) != found ||
        pisar_detector_markup(w) != markup)
        abort();
    if (found && (strcmp(label, label2) || strcmp(source, source2) || followed != followed2))
        abort();

    pisar_detector_reset(d);
    pisar_detector_set_sample(d, size / 2 + 1);
    (void)pisar_detector_feed(d, data, size);
    pisar_detector_finish(d);
    pisar_detector_result(d, &r);
    if (r.bytes_seen > size / 2 + 1) abort();

    const char *lang;
    double conf;
    if (pisar_language_detect((const char *)data, size, &lang, &conf) != PISAR_OK || !lang) abort();
    if (!(conf >= 0 && conf <= 1)) abort();
    return 0;
}
