/*
 * decode.c -- bytes in a known encoding to UTF-8, streaming.
 *
 * Every decoder is written here, table-driven for the single-byte code pages
 * and by hand for UTF-8/16/32 (tests/test_decode.c checks each against
 * iconv). Work happens in up to three stages per chunk:
 *
 *   decode -> [line endings] -> [NFC] -> caller's buffer
 *
 * The two optional stages run over a scratch buffer owned by the decoder. A
 * single-byte code page whose every character is NFC-inert (cp_flags'
 * CPF_NFC_YES on all its defined bytes, true of every table pisar has today)
 * is already NFC after decoding, so NFC costs nothing there.
 */
#include "pisar/decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codepage.h"
#include "nfc.h"

enum kind { K_SBCS, K_ASCII, K_UTF8, K_UTF16LE, K_UTF16BE, K_UTF32LE, K_UTF32BE };

struct pisar_decoder {
    pisar_encoding enc;
    enum kind kind;
    unsigned flags;
    uint64_t offset;       /* absolute offset of the next input byte */
    uint64_t repl;         /* U+FFFD substitutions */
    unsigned char part[4]; /* bytes of a character begun in an earlier chunk */
    size_t partlen;
    uint64_t partoff; /* offset of part[0] */
    unsigned hi;      /* UTF-16: a high surrogate waiting for its pair, or 0 */
    unsigned char hibytes[2];
    uint64_t hioff;
    int cr;             /* line endings: the last byte written was a CR */
    int failed;         /* an error was returned; the handle is spent */
    int sbcs_nfc_inert; /* every defined byte is CPF_NFC_YES */
    nfc_stream *nfc;
    pisar_buf stage, stage2;
    unsigned char sb[256][4]; /* single-byte: UTF-8 bytes in [0..2], length in [3] (0: undefined) */
};

static const unsigned char FFFD[3] = {0xEF, 0xBF, 0xBD};

int pisar_decoder_new(pisar_decoder **out, pisar_encoding enc, unsigned flags)
{
    if (!out) return PISAR_EINVAL;
    *out = NULL;
    if ((flags & PISAR_DECODE_EOL_LF) && (flags & PISAR_DECODE_EOL_CRLF)) return PISAR_EINVAL;
    enum kind k;
    switch (enc) {
    case PISAR_ENC_ASCII:
        k = K_ASCII;
        break;
    case PISAR_ENC_UTF8:
        k = K_UTF8;
        break;
    case PISAR_ENC_UTF16LE:
        k = K_UTF16LE;
        break;
    case PISAR_ENC_UTF16BE:
        k = K_UTF16BE;
        break;
    case PISAR_ENC_UTF32LE:
        k = K_UTF32LE;
        break;
    case PISAR_ENC_UTF32BE:
        k = K_UTF32BE;
        break;
    default:
        if (!pisar_encoding_is_single_byte(enc)) return PISAR_EUNKNOWN;
        k = K_SBCS;
    }
    pisar_decoder *d = calloc(1, sizeof *d);
    if (!d) return PISAR_ENOMEM;
    d->enc = enc;
    d->kind = k;
    d->flags = flags;
    if (k == K_SBCS) {
        const unsigned char(*u8)[4] = cp_utf8(enc);
        const uint8_t *fl = cp_flags(enc);
        d->sbcs_nfc_inert = 1;
        for (int b = 0; b < 256; b++) {
            unsigned n = u8[b][0];
            memcpy(d->sb[b], u8[b] + 1, 3);
            d->sb[b][3] = (unsigned char)n;
            if (n && !(fl[b] & CPF_NFC_YES)) d->sbcs_nfc_inert = 0;
        }
    }
    if ((flags & PISAR_DECODE_NFC) && !(k == K_SBCS && d->sbcs_nfc_inert) && k != K_ASCII) {
        int rc = nfc_stream_new(&d->nfc);
        if (rc) {
            free(d);
            return rc;
        }
    }
    *out = d;
    return PISAR_OK;
}

void pisar_decoder_free(pisar_decoder *d)
{
    if (!d) return;
    nfc_stream_free(d->nfc);
    pisar_buf_free(&d->stage);
    pisar_buf_free(&d->stage2);
    free(d);
}

uint64_t pisar_decoder_replacements(const pisar_decoder *d)
{
    return d ? d->repl : 0;
}

static void set_error(pisar_error *err, uint64_t off, const unsigned char *b, size_t n,
                      const char *what, pisar_encoding enc)
{
    if (!err) return;
    memset(err, 0, sizeof *err);
    err->offset = off;
    err->nbytes = n > sizeof err->bytes ? sizeof err->bytes : n;
    if (n) memcpy(err->bytes, b, err->nbytes);
    snprintf(err->message, sizeof err->message, "%s %s at byte %llu", what,
             pisar_encoding_name(enc), (unsigned long long)off);
}

/* Append n bytes at the end of a buffer whose room was reserved. */
#define PUT(o, src, n) (memcpy((o), (src), (n)), (o) += (n))

/* ---- single-byte code pages ---- */

static int dec_sbcs(pisar_decoder *d, const unsigned char *p, size_t n, pisar_buf *t,
                    pisar_error *err)
{
    /* Each byte gives at most 3 bytes; 4-byte stores need one more. */
    if (n > (SIZE_MAX - 8) / 3) return PISAR_ENOMEM;
    int rc = pisar_buf_reserve(t, 3 * n + 4);
    if (rc) return rc;
    unsigned char *o = (unsigned char *)t->data + t->len;
    size_t i = 0;
    while (i < n) {
        unsigned b = p[i];
        if (b < 0x80) {
            /* ASCII: copy it, then as many 8-byte words of ASCII as follow */
            *o++ = (unsigned char)b;
            i++;
            while (i + 8 <= n) {
                uint64_t w;
                memcpy(&w, p + i, 8);
                if (w & 0x8080808080808080ull) break;
                memcpy(o, &w, 8);
                o += 8;
                i += 8;
            }
            continue;
        }
        const unsigned char *e = d->sb[b];
        if (!e[3]) {
            if (!(d->flags & PISAR_DECODE_LOSSY)) {
                t->len = (size_t)(o - (unsigned char *)t->data);
                t->data[t->len] = '\0';
                set_error(err, d->offset + i, p + i, 1, "byte undefined in", d->enc);
                return PISAR_EILSEQ;
            }
            d->repl++;
            PUT(o, FFFD, 3);
        } else {
            memcpy(o, e, 4);
            o += e[3];
        }
        i++;
    }
    t->len = (size_t)(o - (unsigned char *)t->data);
    t->data[t->len] = '\0';
    return PISAR_OK;
}

/* ---- ASCII and UTF-8 ---- */

/* Append p[from..to) to t. */
static int span(pisar_buf *t, const unsigned char *p, size_t from, size_t to)
{
    return to > from ? pisar_buf_append(t, p + from, to - from) : PISAR_OK;
}

static int bad(pisar_decoder *d, pisar_buf *t, uint64_t off, const unsigned char *b, size_t k,
               const char *what, pisar_error *err)
{
    if (!(d->flags & PISAR_DECODE_LOSSY)) {
        set_error(err, off, b, k, what, d->enc);
        return PISAR_EILSEQ;
    }
    d->repl++;
    return pisar_buf_append(t, FFFD, 3);
}

static int is_bom_utf8(const unsigned char *s)
{
    return s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF;
}

static int dec_utf8(pisar_decoder *d, const unsigned char *p, size_t n, pisar_buf *t,
                    pisar_error *err)
{
    int rc;
    size_t i = 0;
    int keep_bom = (d->flags & PISAR_DECODE_KEEP_BOM) != 0;
    /* Finish a character begun in an earlier chunk, one byte at a time. */
    while (d->partlen && i < n) {
        d->part[d->partlen++] = p[i++];
        int r = nfc_utf8_seq(d->part, d->partlen);
        if (r > 0) {
            if (!(d->partoff == 0 && r == 3 && is_bom_utf8(d->part) && !keep_bom))
                if ((rc = pisar_buf_append(t, d->part, (size_t)r))) return rc;
            d->partlen = 0;
        } else if (r < 0) {
            /* The stored bytes were a valid prefix: the new byte broke it and is
             * looked at again below as the start of what follows. */
            i--;
            d->partlen--;
            rc = bad(d, t, d->partoff, d->part, d->partlen, "invalid", err);
            d->partlen = 0;
            if (rc) return rc;
        }
    }
    size_t run = i; /* start of the well-formed text not yet appended */
    if (d->offset + i == 0 && n >= 3 && is_bom_utf8(p) && !keep_bom) i = run = 3;
    while (i < n) {
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        int r = d->kind == K_ASCII ? -1 : nfc_utf8_seq(p + i, n - i);
        if (r > 0) {
            i += (size_t)r;
            continue;
        }
        if ((rc = span(t, p, run, i))) return rc;
        if (r == 0) { /* incomplete: keep it for the next chunk */
            d->partlen = n - i;
            memcpy(d->part, p + i, d->partlen);
            d->partoff = d->offset + i;
            return PISAR_OK;
        }
        rc = bad(d, t, d->offset + i, p + i, (size_t)-r,
                 d->kind == K_ASCII ? "byte not in" : "invalid", err);
        if (rc) return rc;
        i += (size_t)-r;
        run = i;
    }
    return span(t, p, run, n);
}

/* ---- UTF-16 ---- */

static int put_cp(pisar_decoder *d, pisar_buf *t, uint32_t c, uint64_t off)
{
    if (c == 0xFEFF && off == 0 && !(d->flags & PISAR_DECODE_KEEP_BOM)) return PISAR_OK;
    unsigned char u[4];
    return pisar_buf_append(t, u, (size_t)nfc_utf8_put(u, c));
}

/* One UTF-16 code unit u at offset off (its bytes in b). */
static int u16_unit(pisar_decoder *d, pisar_buf *t, unsigned u, const unsigned char *b,
                    uint64_t off, pisar_error *err)
{
    int rc;
    if (d->hi) {
        if (u >= 0xDC00 && u <= 0xDFFF) {
            uint32_t c = 0x10000 + (((uint32_t)d->hi - 0xD800) << 10) + (u - 0xDC00);
            d->hi = 0;
            return put_cp(d, t, c, d->hioff);
        }
        d->hi = 0;
        if ((rc = bad(d, t, d->hioff, d->hibytes, 2, "unpaired surrogate in", err))) return rc;
    }
    if (u >= 0xD800 && u <= 0xDBFF) {
        d->hi = u;
        d->hioff = off;
        memcpy(d->hibytes, b, 2);
        return PISAR_OK;
    }
    if (u >= 0xDC00 && u <= 0xDFFF) return bad(d, t, off, b, 2, "unpaired surrogate in", err);
    return put_cp(d, t, u, off);
}

/* Write a code point that is not a surrogate nor the BOM being stripped;
 * room was reserved. */
static inline unsigned char *put_fast(unsigned char *o, uint32_t c)
{
    if (c < 0x80) {
        *o++ = (unsigned char)c;
    } else if (c < 0x800) {
        o[0] = (unsigned char)(0xC0 | (c >> 6));
        o[1] = (unsigned char)(0x80 | (c & 0x3F));
        o += 2;
    } else {
        o += nfc_utf8_put(o, c);
    }
    return o;
}

static int dec_utf16(pisar_decoder *d, const unsigned char *p, size_t n, pisar_buf *t,
                     pisar_error *err)
{
    int be = d->kind == K_UTF16BE, rc;
    size_t i = 0;
    if (d->partlen && n) {
        d->part[1] = p[0];
        d->partlen = 0;
        i = 1;
        unsigned u =
            be ? (unsigned)d->part[0] << 8 | d->part[1] : (unsigned)d->part[1] << 8 | d->part[0];
        if ((rc = u16_unit(d, t, u, d->part, d->partoff, err))) return rc;
    }
    /* 2 input bytes give at most 3 output bytes, or 6 when a lone high
     * surrogate before them becomes U+FFFD: 3 per byte is always enough. */
    if (n > (SIZE_MAX - 16) / 3) return PISAR_ENOMEM;
    if ((rc = pisar_buf_reserve(t, 3 * (n - i) + 16))) return rc;
    unsigned char *o = (unsigned char *)t->data + t->len;
    for (; i + 2 <= n; i += 2) {
        unsigned u = be ? (unsigned)p[i] << 8 | p[i + 1] : (unsigned)p[i + 1] << 8 | p[i];
        if (!d->hi && (u < 0xD800 || u > 0xDFFF) && (u != 0xFEFF || d->offset + i)) {
            o = put_fast(o, u);
            continue;
        }
        t->len = (size_t)(o - (unsigned char *)t->data);
        rc = u16_unit(d, t, u, p + i, d->offset + i, err);
        t->data[t->len] = '\0';
        if (rc) return rc;
        if ((rc = pisar_buf_reserve(t, 3 * (n - i) + 16))) return rc;
        o = (unsigned char *)t->data + t->len;
    }
    t->len = (size_t)(o - (unsigned char *)t->data);
    t->data[t->len] = '\0';
    if (i < n) {
        d->part[0] = p[i];
        d->partlen = 1;
        d->partoff = d->offset + i;
    }
    return PISAR_OK;
}

/* ---- UTF-32 ---- */

static int u32_unit(pisar_decoder *d, pisar_buf *t, const unsigned char *b, uint64_t off,
                    pisar_error *err)
{
    uint32_t c = d->kind == K_UTF32BE
                     ? (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]
                     : (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return bad(d, t, off, b, 4, "invalid code point in", err);
    return put_cp(d, t, c, off);
}

static int dec_utf32(pisar_decoder *d, const unsigned char *p, size_t n, pisar_buf *t,
                     pisar_error *err)
{
    size_t i = 0;
    int rc;
    while (d->partlen && i < n) {
        d->part[d->partlen++] = p[i++];
        if (d->partlen == 4) {
            d->partlen = 0;
            if ((rc = u32_unit(d, t, d->part, d->partoff, err))) return rc;
        }
    }
    /* 4 input bytes give at most 4 output bytes (or 3 for U+FFFD) */
    if ((rc = pisar_buf_reserve(t, n - i + 8))) return rc;
    unsigned char *o = (unsigned char *)t->data + t->len;
    int be = d->kind == K_UTF32BE;
    for (; i + 4 <= n; i += 4) {
        const unsigned char *b = p + i;
        uint32_t c = be ? (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]
                        : (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];
        if (c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF) && (c != 0xFEFF || d->offset + i)) {
            o = put_fast(o, c);
            continue;
        }
        t->len = (size_t)(o - (unsigned char *)t->data);
        rc = u32_unit(d, t, b, d->offset + i, err);
        t->data[t->len] = '\0';
        if (rc) return rc;
        if ((rc = pisar_buf_reserve(t, n - i + 8))) return rc;
        o = (unsigned char *)t->data + t->len;
    }
    t->len = (size_t)(o - (unsigned char *)t->data);
    t->data[t->len] = '\0';
    if (i < n) {
        d->partlen = n - i;
        memcpy(d->part, p + i, d->partlen);
        d->partoff = d->offset + i;
    }
    return PISAR_OK;
}

/* ---- line endings ---- */

static int eol(pisar_decoder *d, const char *s, size_t n, pisar_buf *t)
{
    const char *nl = (d->flags & PISAR_DECODE_EOL_CRLF) ? "\r\n" : "\n";
    size_t nll = strlen(nl), run = 0;
    int rc;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c != '\r' && c != '\n') continue;
        if ((rc = pisar_buf_append(t, s + run, i - run))) return rc;
        run = i + 1;
        /* CR LF is one line ending, even split across chunks: the LF after a
         * CR was already written with the CR. */
        int after_cr = i ? s[i - 1] == '\r' : d->cr;
        if (!(c == '\n' && after_cr) && (rc = pisar_buf_append(t, nl, nll))) return rc;
    }
    if (n) d->cr = s[n - 1] == '\r';
    return run < n ? pisar_buf_append(t, s + run, n - run) : PISAR_OK;
}

/* ---- the pipeline ---- */

static int decode_into(pisar_decoder *d, const unsigned char *p, size_t n, pisar_buf *t,
                       pisar_error *err)
{
    switch (d->kind) {
    case K_SBCS:
        return dec_sbcs(d, p, n, t, err);
    case K_ASCII:
    case K_UTF8:
        return dec_utf8(d, p, n, t, err);
    case K_UTF16LE:
    case K_UTF16BE:
        return dec_utf16(d, p, n, t, err);
    default:
        return dec_utf32(d, p, n, t, err);
    }
}

/* Run the decoded text in d->stage through the optional stages into out. */
static int post(pisar_decoder *d, pisar_buf *out, int flush)
{
    int rc = PISAR_OK;
    pisar_buf *src = &d->stage;
    if (d->flags & (PISAR_DECODE_EOL_LF | PISAR_DECODE_EOL_CRLF)) {
        pisar_buf *dst = d->nfc ? &d->stage2 : out;
        if (d->nfc) pisar_buf_clear(&d->stage2);
        rc = eol(d, src->data, src->len, dst);
        src = &d->stage2;
    }
    if (!rc && d->nfc) {
        rc = nfc_stream_feed(d->nfc, src->data, src->len, out);
        if (!rc && flush) rc = nfc_stream_flush(d->nfc, out);
    }
    return rc;
}

static int staged(const pisar_decoder *d)
{
    return d->nfc || (d->flags & (PISAR_DECODE_EOL_LF | PISAR_DECODE_EOL_CRLF));
}

int pisar_decoder_feed(pisar_decoder *d, const void *in, size_t len, pisar_buf *out,
                       pisar_error *err)
{
    if (!d || (!in && len) || !out) return PISAR_EINVAL;
    if (d->failed) return PISAR_ESTATE;
    pisar_buf *t = out;
    if (staged(d)) {
        pisar_buf_clear(&d->stage);
        t = &d->stage;
    }
    int rc = decode_into(d, in, len, t, err);
    if (rc && rc != PISAR_EILSEQ) {
        d->failed = 1;
        return rc;
    }
    if (t != out) {
        /* on an error, what came before it is final: flush it through */
        int rc2 = post(d, out, rc != 0);
        if (rc2) rc = rc2;
    }
    if (rc) d->failed = 1;
    d->offset += len;
    return rc;
}

int pisar_decoder_finish(pisar_decoder *d, pisar_buf *out, pisar_error *err)
{
    if (!d || !out) return PISAR_EINVAL;
    if (d->failed) return PISAR_ESTATE;
    pisar_buf *t = out;
    if (staged(d)) {
        pisar_buf_clear(&d->stage);
        t = &d->stage;
    }
    int rc = PISAR_OK;
    /* Input ended inside a character: the earliest unfinished one is reported. */
    const unsigned char *b = NULL;
    size_t nb = 0;
    uint64_t off = 0;
    if (d->hi) {
        b = d->hibytes, nb = 2, off = d->hioff;
    } else if (d->partlen) {
        b = d->part, nb = d->partlen, off = d->partoff;
    }
    if (b) {
        if (d->flags & PISAR_DECODE_LOSSY) {
            d->repl++;
            rc = pisar_buf_append(t, FFFD, 3);
        } else {
            set_error(err, off, b, nb, "input ends inside a character of", d->enc);
            rc = PISAR_ETRUNC;
        }
        d->hi = 0;
        d->partlen = 0;
    }
    if (t != out) {
        int rc2 = post(d, out, 1);
        if (!rc) rc = rc2;
    }
    d->failed = 1; /* finished: no more feeding */
    return rc;
}

int pisar_decode(pisar_encoding enc, const void *in, size_t len, unsigned flags, pisar_buf *out,
                 pisar_error *err)
{
    pisar_decoder *d;
    int rc = pisar_decoder_new(&d, enc, flags);
    if (rc) return rc;
    rc = pisar_decoder_feed(d, in, len, out, err);
    if (!rc) rc = pisar_decoder_finish(d, out, err);
    pisar_decoder_free(d);
    return rc;
}
