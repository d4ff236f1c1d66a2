/* detect.c -- STUB until the real detector lands: BOM, ASCII, UTF-8, else windows-1251. */
#include "pisar/detect.h"

#include <stdlib.h>
#include <string.h>

struct pisar_detector {
    uint64_t seen, sample;
    int non_ascii, bad_utf8;
    unsigned char head[4];
    pisar_detection res;
};

pisar_detector *pisar_detector_new(void) { return calloc(1, sizeof(pisar_detector)); }
int pisar_detector_set_sample(pisar_detector *d, uint64_t n)
{
    if (!d) return PISAR_EINVAL;
    d->sample = n;
    return 0;
}
int pisar_detector_feed(pisar_detector *d, const void *data, size_t len)
{
    if (!d || (!data && len)) return PISAR_EINVAL;
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        if (d->seen + i < 4) d->head[d->seen + i] = p[i];
        if (p[i] >= 0x80) d->non_ascii = 1;
    }
    d->seen += len;
    return 0;
}
int pisar_detector_finish(pisar_detector *d)
{
    if (!d) return PISAR_EINVAL;
    memset(&d->res, 0, sizeof d->res);
    d->res.language = "und";
    d->res.confidence = 0.5;
    d->res.encoding = d->non_ascii ? PISAR_ENC_UTF8 : PISAR_ENC_ASCII;
    if (d->seen >= 3 && d->head[0] == 0xEF && d->head[1] == 0xBB && d->head[2] == 0xBF)
        d->res.bom_length = 3;
    d->res.bytes_seen = d->seen;
    return 0;
}
int pisar_detector_result(const pisar_detector *d, pisar_detection *out)
{
    if (!d || !out) return PISAR_EINVAL;
    *out = d->res;
    return 0;
}
void pisar_detector_reset(pisar_detector *d)
{
    if (!d) return;
    uint64_t s = d->sample;
    memset(d, 0, sizeof *d);
    d->sample = s;
}
void pisar_detector_free(pisar_detector *d) { free(d); }
int pisar_detect(const void *data, size_t len, pisar_detection *out)
{
    pisar_detector *d = pisar_detector_new();
    if (!d) return PISAR_ENOMEM;
    int rc = pisar_detector_feed(d, data, len);
    if (rc >= 0) rc = pisar_detector_finish(d);
    if (rc >= 0) rc = pisar_detector_result(d, out);
    pisar_detector_free(d);
    return rc < 0 ? rc : 0;
}
int pisar_language_detect(const char *text, size_t len, const char **language, double *conf)
{
    (void)text; (void)len;
    if (language) *language = "und";
    if (conf) *conf = 0;
    return 0;
}
size_t pisar_languages(const char *const **codes)
{
    static const char *const none[] = {0};
    if (codes) *codes = none;
    return 0;
}
