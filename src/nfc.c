/*
 * nfc.c -- NFC of UTF-8 text, streaming (internal, nfc.h) and one-shot
 * (pisar_nfc). ICU does the normalization itself, but only on the segments
 * that need it: a character below U+0300, or any character ICU says has an
 * NFC boundary before it, followed by another such character, is already in
 * NFC and is copied through without conversion to UTF-16.
 */
#include "nfc.h"
#include "pisar/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/*
 * A segment (a boundary character and the combining marks after it) longer
 * than this is normalized and written even though it has no end yet, so that
 * memory stays bounded on hostile input (a letter followed by millions of
 * combining marks). Real text, and any text in the Stream-Safe Text Format
 * (UAX #15: at most 30 non-starters in a row), never comes near it.
 */
#define NFC_MAX_SEGMENT 65536

struct nfc_stream {
    const UNormalizer2 *nfc;
    pisar_buf pend;   /* held back: the segment after the last boundary */
    int pend_bb;      /* the held-back segment starts with a boundary character
                         that is NFC_QC=Yes (so alone, it is NFC) */
    UChar *u16, *n16; /* scratch for ICU */
    size_t u16cap, n16cap;
    /* NFC properties of U+0300..U+07FF (the two-byte UTF-8 characters from
     * the first combining mark on: Greek, Cyrillic, Armenian, Hebrew,
     * Arabic...), looked up in ICU once per stream: F_BB boundary before,
     * F_YES NFC_Quick_Check=Yes. Below U+0300 everything is both. */
    uint8_t two[0x800 - 0x300];
};

enum { F_BB = 1, F_YES = 2 };

int nfc_stream_new(nfc_stream **out)
{
    UErrorCode ue = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&ue);
    if (U_FAILURE(ue)) return PISAR_EICU;
    nfc_stream *s = calloc(1, sizeof *s);
    if (!s) return PISAR_ENOMEM;
    s->nfc = nfc;
    for (uint32_t c = 0x300; c < 0x800; c++)
        s->two[c - 0x300] =
            (uint8_t)((unorm2_hasBoundaryBefore(nfc, (UChar32)c) ? F_BB : 0) |
                      (u_getIntPropertyValue((UChar32)c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES ? F_YES
                                                                                             : 0));
    *out = s;
    return PISAR_OK;
}

void nfc_stream_free(nfc_stream *s)
{
    if (!s) return;
    pisar_buf_free(&s->pend);
    free(s->u16);
    free(s->n16);
    free(s);
}

void nfc_stream_reset(nfc_stream *s)
{
    pisar_buf_clear(&s->pend);
    s->pend_bb = 0;
}

int nfc_stream_pending(const nfc_stream *s)
{
    return s->pend.len != 0;
}

static int grow16(UChar **p, size_t *cap, size_t need)
{
    if (need <= *cap) return PISAR_OK;
    size_t c = *cap ? *cap : 256;
    while (c < need)
        c *= 2;
    UChar *n = realloc(*p, c * sizeof(UChar));
    if (!n) return PISAR_ENOMEM;
    *p = n;
    *cap = c;
    return PISAR_OK;
}

/* Normalize the well-formed UTF-8 text p[0..n) through ICU, appending to out. */
static int icu_nfc(nfc_stream *s, const char *p, size_t n, pisar_buf *out)
{
    if (n > INT32_MAX / 4) return PISAR_ERANGE;
    int rc = grow16(&s->u16, &s->u16cap, n + 1);
    if (rc) return rc;
    UErrorCode ue = U_ZERO_ERROR;
    int32_t n16 = 0;
    u_strFromUTF8(s->u16, (int32_t)s->u16cap, &n16, p, (int32_t)n, &ue);
    if (U_FAILURE(ue)) return PISAR_EILSEQ;
    /* NFC expands a string at most threefold (UAX #15, "Design Goals"). */
    if ((rc = grow16(&s->n16, &s->n16cap, 3 * (size_t)n16 + 16))) return rc;
    int32_t nd = unorm2_normalize(s->nfc, s->u16, n16, s->n16, (int32_t)s->n16cap, &ue);
    if (ue == U_BUFFER_OVERFLOW_ERROR) {
        if ((rc = grow16(&s->n16, &s->n16cap, (size_t)nd + 1))) return rc;
        ue = U_ZERO_ERROR;
        nd = unorm2_normalize(s->nfc, s->u16, n16, s->n16, (int32_t)s->n16cap, &ue);
    }
    if (U_FAILURE(ue)) return PISAR_EICU;
    if ((rc = pisar_buf_reserve(out, 3 * (size_t)nd))) return rc;
    int32_t n8 = 0;
    u_strToUTF8(out->data + out->len, (int32_t)(out->cap - out->len), &n8, s->n16, nd, &ue);
    if (U_FAILURE(ue)) return PISAR_EICU;
    out->len += (size_t)n8;
    out->data[out->len] = '\0';
    return PISAR_OK;
}

static size_t lead_len(unsigned char b)
{
    return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

/* Write a finished segment: bb tells whether it starts with a boundary character. */
static int emit_segment(nfc_stream *s, const char *p, size_t n, int bb, pisar_buf *out)
{
    if (!n) return PISAR_OK;
    if (bb && lead_len((unsigned char)p[0]) == n) return pisar_buf_append(out, p, n);
    return icu_nfc(s, p, n, out);
}

/* Close the segment made of the held-back text and in[0..n). */
static int close_segment(nfc_stream *s, const char *in, size_t n, int bb, pisar_buf *out)
{
    int rc;
    if (s->pend.len) {
        if (n && (rc = pisar_buf_append(&s->pend, in, n))) return rc;
        rc = emit_segment(s, s->pend.data, s->pend.len, s->pend_bb, out);
        pisar_buf_clear(&s->pend);
        s->pend_bb = 0;
        return rc;
    }
    return emit_segment(s, in, n, bb, out);
}

int nfc_stream_flush(nfc_stream *s, pisar_buf *out)
{
    return s->pend.len ? close_segment(s, NULL, 0, 0, out) : PISAR_OK;
}

static unsigned props(const nfc_stream *s, const unsigned char *p, int n)
{
    if (n == 1 || p[0] < 0xCC) return F_BB | F_YES;
    uint32_t c = utf8_cp(p, n);
    if (c < 0x800) return s->two[c - 0x300];
    unsigned f = unorm2_hasBoundaryBefore(s->nfc, (UChar32)c) ? F_BB : 0;
    if (u_getIntPropertyValue((UChar32)c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES) f |= F_YES;
    return f;
}

int nfc_stream_feed(nfc_stream *s, const char *in, size_t len, pisar_buf *out)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t i = 0, seg = 0;
    /* Can the segment starting at `seg` be copied when it is one character?
     * (When seg == 0 and text is held back, that segment continues it.) */
    int seg_bb = 0;
    int rc;
    while (i < len) {
        /* A run of characters that are boundaries and NFC_QC=Yes: each one
         * is final as soon as the next one is seen. */
        size_t j = i, last = i;
        while (j < len) {
            int n = (int)lead_len(p[j]);
            if (j + (size_t)n > len) return PISAR_EINVAL; /* the caller broke the contract */
            if (props(s, p + j, n) != (F_BB | F_YES)) break;
            last = j;
            j += (size_t)n;
        }
        if (j > i) {
            if ((rc = close_segment(s, in + seg, i - seg, seg_bb, out))) return rc;
            if (last > i && (rc = pisar_buf_append(out, in + i, last - i))) return rc;
            seg = last;
            seg_bb = 1;
            i = j;
            if (i >= len) break;
        }
        int n = (int)lead_len(p[i]);
        unsigned f = props(s, p + i, n);
        if (f & F_BB) {
            /* a boundary that may change by itself (U+212B, U+F900: singletons) */
            if ((rc = close_segment(s, in + seg, i - seg, seg_bb, out))) return rc;
            seg = i;
            seg_bb = 0;
        } else if (i - seg + s->pend.len > NFC_MAX_SEGMENT) {
            if ((rc = close_segment(s, in + seg, i - seg, seg_bb, out))) return rc;
            seg = i;
            seg_bb = 0;
        }
        i += (size_t)n;
    }
    if (len > seg) {
        if (!s->pend.len) s->pend_bb = seg_bb;
        if ((rc = pisar_buf_append(&s->pend, in + seg, len - seg))) return rc;
    }
    return PISAR_OK;
}

int pisar_nfc(const char *in, size_t len, pisar_buf *out, pisar_error *err)
{
    if ((!in && len) || !out) return PISAR_EINVAL;
    const unsigned char *p = (const unsigned char *)in;
    int below = 1; /* every character below U+0300: nothing to do */
    for (size_t i = 0; i < len;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        int n = utf8_seq(p + i, len - i);
        if (n <= 0) {
            if (err) {
                size_t k = n < 0 ? (size_t)-n : len - i;
                memset(err, 0, sizeof *err);
                err->offset = i;
                err->nbytes = k > 8 ? 8 : k;
                memcpy(err->bytes, p + i, err->nbytes);
                snprintf(err->message, sizeof err->message, "%s UTF-8 at byte %zu",
                         n < 0 ? "invalid" : "truncated", i);
            }
            return PISAR_EILSEQ;
        }
        if (p[i] >= 0xCC) below = 0;
        i += (size_t)n;
    }
    if (below) return pisar_buf_append(out, in, len);
    nfc_stream *s;
    int rc = nfc_stream_new(&s);
    if (rc) return rc;
    size_t before = out->len;
    rc = nfc_stream_feed(s, in, len, out);
    if (!rc) rc = nfc_stream_flush(s, out);
    nfc_stream_free(s);
    if (rc) {
        out->len = before;
        if (out->data) out->data[before] = '\0';
    }
    return rc;
}
