/* srx.c -- SRX 2.0 rules (placeholder until the reader lands). */
#include "segment_internal.h"

#include <string.h>

int srx_load(srx_rules **out, const char *path, const char *language, pisar_error *err)
{
    (void)path; (void)language;
    *out = NULL;
    if (err) {
        memset(err, 0, sizeof *err);
        strcpy(err->message, "SRX is not supported yet");
    }
    return PISAR_EUNKNOWN;
}
void srx_free(srx_rules *r) { (void)r; }
int srx_breaks(pisar_segmenter *seg) { (void)seg; return PISAR_OK; }

int pisar_segmenter_new_srx(pisar_segmenter **out, const char *srx_path, const char *language,
                            pisar_error *err)
{
    if (!out || !srx_path) return PISAR_EINVAL;
    srx_rules *r;
    int rc = srx_load(&r, srx_path, language, err);
    (void)rc;
    *out = NULL;
    return rc;
}

int pisar_segmenter_export_srx(const char *language, pisar_buf *out)
{
    (void)language; (void)out;
    return PISAR_EUNKNOWN;
}
