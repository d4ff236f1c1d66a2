/* nfc.c -- STUB until the streaming NFC lands: whole-buffer NFC through ICU. */
#include "pisar/normalize.h"

#include <stdlib.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

int pisar_nfc(const char *in, size_t len, pisar_buf *out, pisar_error *err)
{
    (void)err;
    UErrorCode ue = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&ue);
    if (U_FAILURE(ue) || len > INT32_MAX / 2) return PISAR_EICU;
    int32_t n16 = 0;
    u_strFromUTF8(NULL, 0, &n16, in, (int32_t)len, &ue);
    if (ue != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(ue)) return PISAR_EILSEQ;
    ue = U_ZERO_ERROR;
    UChar *s = malloc(sizeof(UChar) * ((size_t)n16 + 1) * 2);
    if (!s) return PISAR_ENOMEM;
    UChar *d = s + n16 + 1;
    u_strFromUTF8(s, n16 + 1, NULL, in, (int32_t)len, &ue);
    int32_t nd = unorm2_normalize(nfc, s, n16, d, n16 + 1, &ue);
    int rc = PISAR_OK;
    if (U_FAILURE(ue)) rc = PISAR_EICU;
    else {
        int32_t n8 = 0;
        ue = U_ZERO_ERROR;
        u_strToUTF8(NULL, 0, &n8, d, nd, &ue);
        ue = U_ZERO_ERROR;
        if ((rc = pisar_buf_reserve(out, (size_t)n8)) == PISAR_OK) {
            u_strToUTF8(out->data + out->len, n8 + 1, NULL, d, nd, &ue);
            out->len += (size_t)n8;
            out->data[out->len] = 0;
        }
    }
    free(s);
    return rc;
}
