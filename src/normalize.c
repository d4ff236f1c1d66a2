/*
 * normalize.c -- pisar_normalizer: mojibake repair, homoglyph repair, NFC.
 *
 * One call handles one line or paragraph: the repairs are found on the input
 * (mojibake first; homoglyphs only outside the mojibake runs), applied in
 * order of offset, reported with offsets into the input, and the result is
 * put in NFC last. The handle holds only its flags and callback; the tables
 * are const, so distinct handles may be used on distinct threads.
 */
#include "pisar/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confusables.h" /* the look-alike pairs, for the look-alike pass's gate */
#include "nfc.h"
#include "repair.h"
#include "repair_scan.h"

struct pisar_normalizer {
    unsigned flags;
    pisar_repair_fn fn;
    void *ctx;
    repair_list list;
    pisar_buf tmp;
    repair_enc *enc; /* with PISAR_NORM_MOJIBAKE */
    repair_ws *ws;   /* ... and its arrays, kept from line to line */
    nfc_stream *nfc; /* with PISAR_NORM_NFC: set up once, not per line */
    repair_hg hg;    /* with PISAR_NORM_HOMOGLYPH */
    repair_hg_gate hgate;
};

int pisar_normalizer_new(pisar_normalizer **out, unsigned flags)
{
    if (!out) return PISAR_EINVAL;
    *out = NULL;
    if (flags & ~(unsigned)PISAR_NORM_ALL) return PISAR_EINVAL;
    pisar_normalizer *n = calloc(1, sizeof *n);
    if (!n) return PISAR_ENOMEM;
    n->flags = flags;
    repair_hg_init(&n->hg);
    repair_hg_gate_init(&n->hgate, (const uint16_t(*)[2])(const void *)HG_LAT2CYR, HG_LAT2CYR_COUNT,
                        (const uint16_t(*)[2])(const void *)HG_CYR2LAT, HG_CYR2LAT_COUNT);
    if (flags & PISAR_NORM_NFC) {
        int rc = nfc_stream_new(&n->nfc);
        if (rc) {
            free(n);
            return rc;
        }
    }
    if (flags & PISAR_NORM_MOJIBAKE) {
        n->enc = calloc(1, sizeof *n->enc);
        if (!n->enc) {
            nfc_stream_free(n->nfc);
            free(n);
            return PISAR_ENOMEM;
        }
        n->ws = repair_ws_new();
        if (!n->ws || repair_enc_init(n->enc)) {
            repair_ws_free(n->ws);
            repair_enc_free(n->enc);
            free(n->enc);
            nfc_stream_free(n->nfc);
            free(n);
            return PISAR_ENOMEM;
        }
    }
    *out = n;
    return PISAR_OK;
}

void pisar_normalizer_on_repair(pisar_normalizer *n, pisar_repair_fn fn, void *ctx)
{
    if (!n) return;
    n->fn = fn;
    n->ctx = ctx;
}

/* NFC of valid UTF-8 through the handle's stream, appended to out (nothing
 * appended on failure). */
static int nfc_apply(pisar_normalizer *n, const char *in, size_t len, pisar_buf *out)
{
    size_t before = out->len;
    nfc_stream_reset(n->nfc);
    int rc = nfc_stream_feed(n->nfc, in, len, out);
    if (!rc) rc = nfc_stream_flush(n->nfc, out);
    if (rc) {
        out->len = before;
        if (out->data) out->data[before] = '\0';
    }
    return rc;
}

int pisar_normalizer_apply(pisar_normalizer *n, const char *in, size_t len, pisar_buf *out,
                           pisar_error *err)
{
    if (!n || (!in && len) || !out) return PISAR_EINVAL;
    if (!len) return pisar_buf_append(out, "", 0);
    const unsigned char *s = (const unsigned char *)in;
    size_t bad = repair_utf8_prefix(s, len);
    if (bad < len) {
        if (err) {
            memset(err, 0, sizeof *err);
            err->offset = bad;
            size_t k = len - bad < 4 ? len - bad : 4;
            memcpy(err->bytes, s + bad, k);
            err->nbytes = k;
            snprintf(err->message, sizeof err->message, "invalid UTF-8 at byte %zu", bad);
        }
        return PISAR_EILSEQ;
    }
    repair_list *l = &n->list;
    repair_list_clear(l);
    int rc = PISAR_OK;
    /* an ASCII line has nothing to repair: no chain changes ASCII, and a
     * look-alike needs a Cyrillic letter; NFC leaves it alone too */
    if (repair_ascii_prefix(s, len) == len) return pisar_buf_append(out, in, len);
    /* the common clean line: one pass proves the finder would find nothing */
    if ((n->flags & PISAR_NORM_MOJIBAKE) && !repair_plain_line(n->enc, s, len))
        rc = repair_mojibake_ws(n->enc, n->ws, in, len, l, 1);
    if (!rc && (n->flags & PISAR_NORM_HOMOGLYPH)) {
        /* homoglyphs in the gaps between mojibake runs; in a line without
         * any, on the words the gate lets through alone (repair_hg_line) */
        size_t nm = l->n, from = 0;
        int line_script = -1;
        if (!nm && !repair_no_latin(s, len) && repair_hg_may(&n->hgate, s, 0, len))
            rc = repair_hg_line(&n->hg, &n->hgate, in, len, l);
        for (size_t i = 0; i <= nm && !rc && nm; i++) {
            size_t to = i < nm ? l->v[i].off : len;
            /* (only with a Latin letter, as the pass itself first asks, and
             * where a word may be repaired: repair_hg_may) */
            if (to > from && !repair_no_latin(s + from, to - from) &&
                repair_hg_may(&n->hgate, s, from, to))
                rc = repair_homoglyph(&n->hg, in, len, from, to, &line_script, l);
            if (i < nm) from = l->v[i].off + l->v[i].len;
        }
        if (!rc && l->n > nm) repair_list_sort(l);
    }
    if (rc) return rc;
    if (!l->n) {
        /* ASCII, Cyrillic, Latin-1 and General Punctuation signs only
         * (repair_nfc_plain): NFC has nothing to do either */
        if ((n->flags & PISAR_NORM_NFC) && !repair_nfc_plain(s, len))
            return nfc_apply(n, in, len, out);
        return pisar_buf_append(out, in, len);
    }
    pisar_buf *dst = out;
    if (n->flags & PISAR_NORM_NFC) {
        pisar_buf_clear(&n->tmp);
        dst = &n->tmp;
    }
    size_t at = 0;
    for (size_t i = 0; i < l->n && !rc; i++) {
        const repair_span *r = &l->v[i];
        const char *after = l->text.data + r->after_off;
        rc = pisar_buf_append(dst, in + at, r->off - at);
        if (!rc) rc = pisar_buf_append(dst, after, r->after_len);
        at = r->off + r->len;
        if (!rc && n->fn) {
            pisar_repair rep = {r->kind, r->off, in + r->off, r->len, after, r->after_len, r->how};
            n->fn(n->ctx, &rep);
        }
    }
    if (!rc) rc = pisar_buf_append(dst, in + at, len - at);
    if (!rc && dst != out) rc = nfc_apply(n, dst->data, dst->len, out);
    return rc;
}

void pisar_normalizer_free(pisar_normalizer *n)
{
    if (!n) return;
    repair_list_free(&n->list);
    repair_enc_free(n->enc);
    free(n->enc);
    repair_ws_free(n->ws);
    nfc_stream_free(n->nfc);
    pisar_buf_free(&n->tmp);
    free(n);
}
