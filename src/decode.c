/*
 * decode.c -- bytes in a known encoding to UTF-8, streaming.
 *
 * iconv is the decoder (iconv_open("UTF-8", <the encoding's iconv name>), one
 * descriptor per handle, no //TRANSLIT or //IGNORE, no locale involved):
 * UTF-16LE/BE, UTF-32LE/BE and any encoding added later that is not a
 * single-byte code page go through it. Two fast paths are written here:
 *
 *  - single-byte code pages, from the tables generated at build time (one
 *    4-byte store per byte);
 *  - UTF-8 and ASCII: UTF-8 to UTF-8 is strict validation plus a copy of the
 *    valid spans, which iconv would do no better.
 *
 * tests/test_decode.c checks every path against iconv. Work happens in up to
 * three stages per chunk:
 *
 *   decode -> [line endings] -> [NFC] -> caller's buffer
 *
 * The two optional stages run over a scratch buffer owned by the decoder. A
 * single-byte code page whose every character is NFC-inert (cp_flags'
 * CPF_NFC_YES on all its defined bytes, true of every table pisar has today)
 * is already NFC after decoding, so NFC costs nothing there.
 */
#include "pisar/decode.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codepage.h"
#include "cpu.h"
#include "decode_internal.h"
#include "nfc.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
/* The AVX2 path of the single-byte decoder, chosen at run time (x86-64 with
 * GCC or clang: the function carries its own target attribute). */
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define PISAR_SBCS_AVX2 1
#endif

enum kind { K_SBCS, K_ASCII, K_UTF8, K_ICONV };

struct pisar_decoder {
    pisar_encoding enc;
    enum kind kind;
    unsigned flags;
    uint64_t offset;        /* absolute offset of the next input byte */
    uint64_t repl;          /* U+FFFD substitutions */
    unsigned char part[16]; /* bytes of a character begun in an earlier chunk */
    size_t partlen;
    uint64_t partoff;       /* offset of part[0] */
    iconv_t cd;             /* K_ICONV: from the encoding to UTF-8 */
    unsigned unit;          /* K_ICONV: bytes replaced by one U+FFFD in lossy mode */
    int bom_pending;        /* K_ICONV: a U+FEFF decoded from offset 0 is to be dropped */
    int cr;                 /* line endings: the last byte written was a CR */
    int failed;             /* an error was returned; the handle is spent */
    int sbcs_nfc_inert;     /* every defined byte is CPF_NFC_YES */
    int scalar;             /* the scalar reference paths only (tests) */
    int avx2;               /* single-byte: the AVX2 path may run */
    int avx512;             /* single-byte: the AVX-512 (VBMI2) path may run */
    int nundef;             /* single-byte: how many bytes are undefined ... */
    unsigned char undef[4]; /* ... and the first four of them */
    nfc_stream *nfc;
    pisar_buf stage, stage2;
    unsigned char sb[256][4]; /* single-byte: UTF-8 bytes in [0..2], length in [3] (0: undefined) */
#ifdef PISAR_SBCS_AVX2
    /* The AVX2 path: the two bytes of UTF-8 of byte 0x80 + 16 k + j at
     * [k][j] (0 when its character is not two bytes long, or undefined),
     * and the shuffles that drop the second byte of the pairs of ASCII
     * bytes: compact[m], m's bit j set when byte j of eight is ASCII. */
    unsigned char vlead[8][16], vtrail[8][16];
    unsigned char compact[256][16];
#endif
};

static const unsigned char FFFD[3] = {0xEF, 0xBF, 0xBD};

/* What lossy mode replaces and skips after an invalid sequence: one code
 * unit. */
static unsigned unit_of(pisar_encoding enc)
{
    switch (enc) {
    case PISAR_ENC_UTF16LE:
    case PISAR_ENC_UTF16BE:
        return 2;
    case PISAR_ENC_UTF32LE:
    case PISAR_ENC_UTF32BE:
        return 4;
    default:
        return 1;
    }
}

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
    default:
        if (pisar_encoding_is_single_byte(enc))
            k = K_SBCS;
        else if (pisar_encoding_iconv_name(enc))
            k = K_ICONV;
        else
            return PISAR_EUNKNOWN; /* unknown, binary */
    }
    pisar_decoder *d = calloc(1, sizeof *d);
    if (!d) return PISAR_ENOMEM;
    d->enc = enc;
    d->kind = k;
    d->flags = flags;
    if (k == K_ICONV) {
        /* no //TRANSLIT or //IGNORE: errors are pisar's to report or replace */
        d->cd = iconv_open("UTF-8", pisar_encoding_iconv_name(enc));
        if (d->cd == (iconv_t)-1) {
            int e = errno;
            free(d);
            return e == ENOMEM ? PISAR_ENOMEM : PISAR_EUNKNOWN;
        }
        d->unit = unit_of(enc);
        d->bom_pending = !(flags & PISAR_DECODE_KEEP_BOM);
    }
    if (k == K_SBCS) {
        const unsigned char(*u8)[4] = cp_utf8(enc);
        const uint8_t *fl = cp_flags(enc);
        d->sbcs_nfc_inert = 1;
        for (int b = 0; b < 256; b++) {
            unsigned n = u8[b][0];
            memcpy(d->sb[b], u8[b] + 1, 3);
            d->sb[b][3] = (unsigned char)n;
            if (n && !(fl[b] & CPF_NFC_YES)) d->sbcs_nfc_inert = 0;
            if (!n && d->nundef++ < 4) d->undef[d->nundef - 1] = (unsigned char)b;
        }
#ifdef PISAR_SBCS_AVX2
        __builtin_cpu_init();
        /* PISAR_CPU (cpu.h) may hold either back */
        d->avx2 = pisar_cpu_limit() >= PISAR_CPU_AVX2 && __builtin_cpu_supports("avx2") &&
                  __builtin_cpu_supports("popcnt");
        d->avx512 = d->avx2 && pisar_cpu_limit() >= PISAR_CPU_AVX512 &&
                    __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi") &&
                    __builtin_cpu_supports("avx512vbmi2") && __builtin_cpu_supports("bmi2");
        for (int b = 0x80; b < 256; b++)
            if (d->sb[b][3] == 2) {
                d->vlead[(b - 0x80) >> 4][b & 15] = d->sb[b][0];
                d->vtrail[(b - 0x80) >> 4][b & 15] = d->sb[b][1];
            }
        for (unsigned m = 0; m < 256; m++) {
            unsigned k = 0;
            for (unsigned j = 0; j < 8; j++) {
                d->compact[m][k++] = (unsigned char)(2 * j);
                if (!(m >> j & 1)) d->compact[m][k++] = (unsigned char)(2 * j + 1);
            }
            while (k < 16)
                d->compact[m][k++] = 0x80; /* pshufb: a zero */
        }
#endif
    }
    if ((flags & PISAR_DECODE_NFC) && !(k == K_SBCS && d->sbcs_nfc_inert) && k != K_ASCII) {
        int rc = nfc_stream_new(&d->nfc);
        if (rc) {
            pisar_decoder_free(d);
            return rc;
        }
    }
    *out = d;
    return PISAR_OK;
}

void pisar_decoder_free(pisar_decoder *d)
{
    if (!d) return;
    if (d->kind == K_ICONV) iconv_close(d->cd);
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

/* ---- single-byte code pages: fast path, from the generated tables ---- */

/* The scalar reference: byte by byte, ASCII eight bytes at a time. */
static int dec_sbcs_scalar(pisar_decoder *d, const unsigned char *p, size_t n, pisar_buf *t,
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

#ifdef PISAR_SBCS_AVX2
/*
 * The AVX2 path: 32 bytes at a step whose high bytes all decode to two
 * bytes of UTF-8 (Cyrillic, Greek, Hebrew, Arabic letters and Latin ones
 * with accents): each high byte's two bytes are found by table shuffles
 * (one 16-byte table per high nibble), interleaved with the low bytes, and
 * the second byte of each ASCII byte's pair is squeezed out, eight input
 * bytes at a time. Stops at the first block of 32 that holds another high
 * byte (a character of three bytes, an undefined byte): the caller's path
 * takes it. Returns the bytes consumed; *op moves past the output (room:
 * 2 bytes per input byte + 16).
 */
__attribute__((target("avx2,popcnt"))) static size_t
sbcs_avx2(const pisar_decoder *d, const unsigned char *p, size_t n, unsigned char **op)
{
    unsigned char *o = *op;
    const __m256i nib = _mm256_set1_epi8(0x0F), zero = _mm256_setzero_si256();
    __m256i lt[8], tt[8];
    for (int k = 0; k < 8; k++) {
        lt[k] = _mm256_broadcastsi128_si256(
            _mm_loadu_si128((const __m128i *)(const void *)d->vlead[k]));
        tt[k] = _mm256_broadcastsi128_si256(
            _mm_loadu_si128((const __m128i *)(const void *)d->vtrail[k]));
    }
    size_t i = 0;
    while (i + 32 <= n) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(p + i));
        unsigned high = (unsigned)_mm256_movemask_epi8(v);
        if (!high) {
            _mm256_storeu_si256((__m256i *)(void *)o, v);
            o += 32;
            i += 32;
            continue;
        }
        __m256i lo = _mm256_and_si256(v, nib);
        __m256i hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), nib);
        __m256i lead = zero, trail = zero;
        for (int k = 0; k < 8; k++) {
            __m256i sel = _mm256_cmpeq_epi8(hi, _mm256_set1_epi8((char)(8 + k)));
            lead = _mm256_or_si256(lead, _mm256_and_si256(sel, _mm256_shuffle_epi8(lt[k], lo)));
            trail = _mm256_or_si256(trail, _mm256_and_si256(sel, _mm256_shuffle_epi8(tt[k], lo)));
        }
        if ((unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(lead, zero)) & high) break;
        /* ASCII bytes stand for themselves in the lead position (a select by
         * a signed compare, not _mm256_blendv_epi8: GCC folds that into a
         * compare of char, which -funsigned-char turns into "never") */
        __m256i hm = _mm256_cmpgt_epi8(zero, v);
        lead = _mm256_or_si256(_mm256_and_si256(hm, lead), _mm256_andnot_si256(hm, v));
        __m256i w0 = _mm256_unpacklo_epi8(lead, trail); /* bytes 0-7 | 16-23 */
        __m256i w1 = _mm256_unpackhi_epi8(lead, trail); /* bytes 8-15 | 24-31 */
        __m128i g[4] = {_mm256_castsi256_si128(w0), _mm256_castsi256_si128(w1),
                        _mm256_extracti128_si256(w0, 1), _mm256_extracti128_si256(w1, 1)};
        unsigned ascii = ~high;
        for (int q = 0; q < 4; q++) {
            unsigned m = ascii >> (8 * q) & 0xFF;
            __m128i s = _mm_loadu_si128((const __m128i *)(const void *)d->compact[m]);
            _mm_storeu_si128((__m128i *)(void *)o, _mm_shuffle_epi8(g[q], s));
            o += 16 - __builtin_popcount(m);
        }
        i += 32;
    }
    *op = o;
    return i;
}
#endif

#ifdef PISAR_SBCS_AVX2
/*
 * The AVX-512 path (VBMI and VBMI2, where the processor has them): the same
 * as the AVX2 path, 64 bytes at a step, with the 128-byte tables looked up
 * by one permutation each, the pairs interleaved by two more, and the
 * second byte of each ASCII byte's pair dropped by a compress.
 */
__attribute__((target("avx512f,avx512bw,avx512vbmi,avx512vbmi2,bmi2,popcnt"))) static size_t
sbcs_avx512(const pisar_decoder *d, const unsigned char *p, size_t n, unsigned char **op)
{
    unsigned char *o = *op;
    const __m512i l0 = _mm512_loadu_si512((const void *)d->vlead[0]),
                  l1 = _mm512_loadu_si512((const void *)d->vlead[4]),
                  t0 = _mm512_loadu_si512((const void *)d->vtrail[0]),
                  t1 = _mm512_loadu_si512((const void *)d->vtrail[4]);
    /* output byte 2j: lead j, 2j + 1: trail j (64 + j: from the second operand) */
    unsigned char ia[64], ib[64];
    for (int j = 0; j < 32; j++) {
        ia[2 * j] = (unsigned char)j;
        ia[2 * j + 1] = (unsigned char)(64 + j);
        ib[2 * j] = (unsigned char)(32 + j);
        ib[2 * j + 1] = (unsigned char)(96 + j);
    }
    const __m512i xa = _mm512_loadu_si512((const void *)ia),
                  xb = _mm512_loadu_si512((const void *)ib);
    const __m512i zero = _mm512_setzero_si512();
    size_t i = 0;
    while (i + 64 <= n) {
        __m512i v = _mm512_loadu_si512((const void *)(p + i));
        __mmask64 high = _mm512_movepi8_mask(v);
        if (!high) {
            _mm512_storeu_si512((void *)o, v);
            o += 64;
            i += 64;
            continue;
        }
        __m512i lead = _mm512_permutex2var_epi8(l0, v, l1);
        __m512i trail = _mm512_permutex2var_epi8(t0, v, t1);
        if (_mm512_mask_cmpeq_epi8_mask(high, lead, zero)) break;
        lead = _mm512_mask_blend_epi8(high, v, lead);
        __m512i w0 = _mm512_permutex2var_epi8(lead, xa, trail); /* bytes 0-31 */
        __m512i w1 = _mm512_permutex2var_epi8(lead, xb, trail); /* bytes 32-63 */
        const unsigned long long even = 0x5555555555555555ull, odd = ~even;
        unsigned long long k0 = even | _pdep_u64((unsigned long long)high & 0xFFFFFFFFu, odd);
        unsigned long long k1 = even | _pdep_u64((unsigned long long)high >> 32, odd);
        _mm512_storeu_si512((void *)o, _mm512_maskz_compress_epi8(k0, w0));
        o += __builtin_popcountll(k0);
        _mm512_storeu_si512((void *)o, _mm512_maskz_compress_epi8(k1, w1));
        o += __builtin_popcountll(k1);
        i += 64;
    }
    *op = o;
    return i;
}
#endif

/*
 * The fast path: sixteen bytes of ASCII at a step (SSE2, always present on
 * x86-64), and a block of sixteen that holds other bytes without a branch per
 * byte (every byte's table entry stored whole, the pointer moved by its
 * length; ASCII bytes have entries too). A block with an undefined byte is
 * left to the scalar path, which reports or replaces it, so both paths give
 * the same bytes and the same errors (tests/test_decode.c compares them).
 */
static int dec_sbcs(pisar_decoder *d, const unsigned char *p, size_t n, pisar_buf *t,
                    pisar_error *err)
{
    if (d->scalar == 1) return dec_sbcs_scalar(d, p, n, t, err);
    if (n > (SIZE_MAX - 8) / 3) return PISAR_ENOMEM;
    int rc = pisar_buf_reserve(t, 3 * n + 4);
    if (rc) return rc;
    unsigned char *o = (unsigned char *)t->data + t->len;
    const unsigned char(*sb)[4] = (const unsigned char(*)[4])d->sb;
    size_t i = 0;
#ifdef PISAR_SBCS_AVX2
    size_t avx_from = d->avx2 && d->scalar != 2 ? 0 : SIZE_MAX; /* AVX2 tried again from here */
#endif
    while (i + 16 <= n) {
#ifdef PISAR_SBCS_AVX2
        if (i >= avx_from && n - i >= 32) {
            if (d->avx512 && d->scalar != 3 && n - i >= 64) i += sbcs_avx512(d, p + i, n - i, &o);
            i += sbcs_avx2(d, p + i, n - i, &o);
            avx_from = i + 32; /* it stopped at a block of 32 it cannot take */
            if (i + 16 > n) break;
        }
#endif
#if defined(__SSE2__)
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        if (!_mm_movemask_epi8(v)) {
            _mm_storeu_si128((__m128i *)(void *)o, v);
            o += 16;
            i += 16;
            continue;
        }
#else
        uint64_t w0, w1;
        memcpy(&w0, p + i, 8);
        memcpy(&w1, p + i + 8, 8);
        if (!((w0 | w1) & 0x8080808080808080ull)) {
            memcpy(o, p + i, 16);
            o += 16;
            i += 16;
            continue;
        }
#endif
        unsigned char *o0 = o;
        unsigned undefined = 0;
#if defined(__SSE2__)
        if (d->nundef <= 4) {
            /* the few undefined bytes (windows-1251 has one) found at once */
            for (int u = 0; u < d->nundef; u++)
                undefined |= (unsigned)_mm_movemask_epi8(
                    _mm_cmpeq_epi8(v, _mm_set1_epi8((char)d->undef[u])));
            if (!undefined)
                for (size_t k = 0; k < 16; k++) {
                    const unsigned char *e = sb[p[i + k]];
                    memcpy(o, e, 4);
                    o += e[3];
                }
        } else
#endif
            for (size_t k = 0; k < 16; k++) {
                const unsigned char *e = sb[p[i + k]];
                memcpy(o, e, 4);
                o += e[3];
                undefined |= e[3] == 0;
            }
        if (undefined) { /* the scalar path reports or replaces it */
            t->len = (size_t)(o0 - (unsigned char *)t->data);
            uint64_t off = d->offset;
            d->offset += i;
            rc = dec_sbcs_scalar(d, p + i, 16, t, err);
            d->offset = off;
            if (rc) return rc;
            o = (unsigned char *)t->data + t->len;
        }
        i += 16;
    }
    t->len = (size_t)(o - (unsigned char *)t->data);
    if (i == n) {
        t->data[t->len] = '\0';
        return PISAR_OK;
    }
    /* the tail, or from a block with an undefined byte on */
    uint64_t off = d->offset;
    d->offset += i;
    rc = dec_sbcs_scalar(d, p + i, n - i, t, err);
    d->offset = off;
    return rc;
}

void pisar_decoder_set_scalar(pisar_decoder *d, int scalar)
{
    if (d) d->scalar = scalar >= 1 && scalar <= 3 ? scalar : scalar != 0;
}

/* ---- ASCII and UTF-8: fast path ----
 *
 * UTF-8 to UTF-8 is validation and a copy of the valid spans (8 bytes at a
 * time through ASCII), kept here by hand rather than sent through iconv,
 * which would copy character by character; strict per Unicode table 3-7,
 * which glibc's UTF-8 decoder is not (it accepts F4 90.. above U+10FFFF). */

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
        int r = utf8_seq(d->part, d->partlen);
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
    if (d->kind == K_UTF8 && d->offset + i == 0 && n >= 3 && is_bom_utf8(p) && !keep_bom)
        i = run = 3;
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
        int r = d->kind == K_ASCII ? -1 : utf8_seq(p + i, n - i);
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

/* ---- UTF-16, UTF-32 and anything else: iconv ---- */

static const char *what_invalid(const pisar_decoder *d)
{
    /* the only sequences glibc's UTF-16 and UTF-32 converters refuse */
    return d->unit == 2   ? "unpaired surrogate in"
           : d->unit == 4 ? "invalid code point in"
                          : "invalid";
}

/*
 * Convert p[0..n) (at absolute offset off) through the handle's iconv
 * descriptor, appending to t. *used is set to the bytes consumed: all of
 * them, or fewer when the input ends inside a character (EINVAL: the caller
 * keeps the rest) or at an invalid sequence (then PISAR_EILSEQ is returned,
 * unless lossy mode replaced it and went on).
 */
static int conv(pisar_decoder *d, const unsigned char *p, size_t n, uint64_t off, pisar_buf *t,
                pisar_error *err, size_t *used)
{
    char *ip = (char *)p; /* iconv() takes char ** but never writes the input */
    size_t il = n;
    /* As much room as input: enough for UTF-32, and for UTF-16 below U+0800
     * (Latin, Cyrillic). Text that grows (CJK in UTF-16: 2 bytes give 3) gets
     * E2BIG, and the buffer doubles; a caller that reuses its buffer pays
     * that once. */
    size_t want = n < SIZE_MAX - 16 ? n + 16 : n;
    int rc = PISAR_OK;
    for (;;) {
        if ((rc = pisar_buf_reserve(t, want))) break;
        char *o0 = t->data + t->len, *op = o0, *i0 = ip;
        size_t ol = t->cap - t->len - 1; /* keep room for the NUL */
        size_t r = iconv(d->cd, &ip, &il, &op, &ol);
        int e = errno;
        size_t made = (size_t)(op - o0);
        if (d->bom_pending && ip != i0) {
            /* the first character decoded from offset 0: a BOM comes out of
             * glibc's UTF-16LE/BE and UTF-32LE/BE as U+FEFF */
            if (made >= 3 && !memcmp(o0, "\xEF\xBB\xBF", 3)) {
                memmove(o0, o0 + 3, made - 3);
                made -= 3;
            }
            d->bom_pending = 0;
        }
        t->len += made;
        if (r != (size_t)-1 || e == EINVAL) break; /* done, or a character cut by the end */
        if (e == E2BIG) {
            want = want < SIZE_MAX / 2 ? 2 * want : SIZE_MAX / 2;
            continue;
        }
        if (e != EILSEQ) { /* no other failure is documented for iconv() */
            rc = PISAR_EINVAL;
            break;
        }
        /* iconv stopped at the first byte of the invalid sequence */
        size_t k = il < d->unit ? il : d->unit;
        uint64_t at = off + (uint64_t)(ip - (char *)p);
        if (!(d->flags & PISAR_DECODE_LOSSY)) {
            set_error(err, at, (const unsigned char *)ip, k, what_invalid(d), d->enc);
            rc = PISAR_EILSEQ;
            break;
        }
        d->repl++;
        d->bom_pending = 0; /* a U+FEFF after the replacement is text */
        if ((rc = pisar_buf_append(t, FFFD, 3))) break;
        ip += k;
        il -= k;
        iconv(d->cd, NULL, NULL, NULL, NULL); /* back to the initial state */
        want = il + 16;
    }
    if (t->data) t->data[t->len] = '\0';
    *used = (size_t)(ip - (char *)p);
    return rc;
}

/* iconv waits for more bytes than a character of any encoding pisar knows
 * has: refuse rather than buffer without bound. */
static int too_long(pisar_decoder *d, const unsigned char *b, uint64_t at, pisar_error *err)
{
    set_error(err, at, b, 8, "sequence too long in", d->enc);
    return PISAR_EILSEQ;
}

static int dec_iconv(pisar_decoder *d, const unsigned char *p, size_t n, pisar_buf *t,
                     pisar_error *err)
{
    size_t i = 0, used;
    int rc;
    /* Finish a character begun in an earlier chunk, adding one byte at a time
     * (a few bytes per chunk boundary: the cost does not matter). */
    while (d->partlen && i < n) {
        if (d->partlen == sizeof d->part) return too_long(d, d->part, d->partoff, err);
        d->part[d->partlen++] = p[i++];
        if ((rc = conv(d, d->part, d->partlen, d->partoff, t, err, &used))) return rc;
        d->partlen -= used;
        memmove(d->part, d->part + used, d->partlen);
        d->partoff += used;
    }
    if (d->partlen || i == n) return PISAR_OK;
    if ((rc = conv(d, p + i, n - i, d->offset + i, t, err, &used))) return rc;
    i += used;
    /* the rest is the start of a character the next chunk finishes */
    if (n - i > sizeof d->part) return too_long(d, p + i, d->offset + i, err);
    d->partlen = n - i;
    memcpy(d->part, p + i, d->partlen);
    d->partoff = d->offset + i;
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
    default:
        return dec_iconv(d, p, n, t, err);
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

/* PISAR_DECODE_CHECK on a single-byte code page: look for an undefined byte,
 * writing nothing (a scan, several times cheaper than decoding). */
static int check_sbcs(pisar_decoder *d, const unsigned char *p, size_t n, pisar_error *err)
{
    int undefined = -1, count = 0;
    for (int b = 0x80; b < 256; b++)
        if (!d->sb[b][3]) undefined = b, count++;
    const unsigned char *bad = NULL;
    if (count == 1) { /* windows-1251 (0x98), and others: memchr is vectorized */
        bad = memchr(p, undefined, n);
    } else if (count > 1) {
        for (size_t i = 0; i < n && !bad; i++)
            if (!d->sb[p[i]][3]) bad = p + i;
    }
    if (!bad) return PISAR_OK;
    set_error(err, d->offset + (uint64_t)(bad - p), bad, 1, "byte undefined in", d->enc);
    return PISAR_EILSEQ;
}

int pisar_decoder_feed(pisar_decoder *d, const void *in, size_t len, pisar_buf *out,
                       pisar_error *err)
{
    if (!d || (!in && len) || (!out && !(d->flags & PISAR_DECODE_CHECK))) return PISAR_EINVAL;
    if (d->failed) return PISAR_ESTATE;
    if (d->flags & PISAR_DECODE_CHECK) {
        int rc;
        if (d->kind == K_SBCS && !(d->flags & PISAR_DECODE_LOSSY)) {
            rc = check_sbcs(d, in, len, err);
        } else {
            pisar_buf_clear(&d->stage);
            rc = decode_into(d, in, len, &d->stage, err);
        }
        if (rc) d->failed = 1;
        d->offset += len;
        return rc;
    }
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
    if (!d || (!out && !(d->flags & PISAR_DECODE_CHECK))) return PISAR_EINVAL;
    if (d->failed) return PISAR_ESTATE;
    pisar_buf *t = out;
    if (staged(d) || (d->flags & PISAR_DECODE_CHECK)) {
        pisar_buf_clear(&d->stage);
        t = &d->stage;
    }
    int rc = PISAR_OK;
    /* Input ended inside a character: its bytes are reported. */
    if (d->partlen) {
        if (d->flags & PISAR_DECODE_LOSSY) {
            d->repl++;
            rc = pisar_buf_append(t, FFFD, 3);
        } else {
            set_error(err, d->partoff, d->part, d->partlen, "input ends inside a character of",
                      d->enc);
            rc = PISAR_ETRUNC;
        }
        d->partlen = 0;
    }
    if (!rc && d->kind == K_ICONV) {
        /* converters that hold a character back (none of UTF-16/32 do)
         * write it now */
        rc = pisar_buf_reserve(t, 64);
        if (!rc) {
            char *op = t->data + t->len;
            size_t ol = t->cap - t->len - 1;
            if (iconv(d->cd, NULL, NULL, &op, &ol) == (size_t)-1) rc = PISAR_EINVAL;
            t->len = (size_t)(op - t->data);
            t->data[t->len] = '\0';
        }
    }
    if (t != out && !(d->flags & PISAR_DECODE_CHECK)) {
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
