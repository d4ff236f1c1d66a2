/*
 * detect.c -- encoding and language detection (include/pisar/detect.h).
 *
 * Feeding costs one histogram increment per byte: the detector counts every
 * pair of adjacent bytes in a 64K-cell table (plus a UTF-8 validator and a
 * count of NUL bytes by position, for UTF-16/32). At the end:
 *
 *   1. byte-order marks; UTF-32/UTF-16 without a BOM from where the NULs sit;
 *      binary when NULs or control characters say the input is not text;
 *   2. pure ASCII; valid UTF-8 with multi-byte sequences;
 *   3. otherwise the single-byte code pages: elimination (a byte the code page
 *      does not define; a C1 control), then every survivor is scored with the
 *      letter-pair model of every language of its script, straight from the
 *      histogram (the cost is independent of the input's size: only non-zero
 *      cells are visited, and pairs of ASCII bytes are scored once per
 *      language), then the named rules of tables/charset/rules.txt settle the
 *      hard pairs, and encodings that decode the input to the same text are
 *      merged (the more common one is answered).
 *
 * Language identification of UTF-8/16/32 input scores a bounded sample (the
 * first SAMPLE_CAP bytes) with the same models (src/langid.c).
 */
#include "pisar/detect.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "codepage.h"
#include "declare.h"
#include "lm.h"
#include "langid.h"
#include "lm_class.h"
#include "markup.h"
#include "utf8.h"
#include "cpu.h"
/* The AVX2 look over saturated text (count_sat), chosen at run time. */
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define PISAR_SAT_AVX2 1
#endif

#define SAMPLE_CAP 65536u
#define NSBCS (PISAR_ENC_LAST_SBCS - PISAR_ENC_FIRST_SBCS + 1)
#define MAXLANG 64
/* Confidence is a softmax over the encodings' costs (in nats) divided by this
 * temperature: calibrated on fixtures/detect, where answers whose runner-up was
 * 4-8 nats worse were still wrong about 4 % of the time. */
#define CONF_TEMPERATURE 2.0
/* The rules of tables/charset/rules.txt decide only near ties of the models:
 * a difference of fewer than RULE_MARGIN nats, or RULE_MARGIN_LATIN when both
 * pages are Latin (their rules count letters the other page does not have,
 * which the small models of many languages outweigh: tuned on the
 * bench/detect/web.sh development set; a wrong Cyrillic page garbles every
 * letter, and the models are surer there). */
#define RULE_MARGIN 6.0
#define RULE_MARGIN_LATIN 96.0
/* A declared code page is answered when it costs at most this many nats more
 * than the best per occurrence of a byte the two decode differently
 * (DECL_MARGIN_CYRILLIC when either is Cyrillic: a wrong Cyrillic page garbles
 * every letter, and the models tell that surely; among Latin pages only a few
 * accented letters differ, and the small models of many languages are less sure) (tuned on the
 * bench/detect/web.sh development set), and then with at least DECL_CONFIDENCE. */
#define DECL_MARGIN 8.0
/* Cost in nats of a symbol standing inside a word (inword_symbols). */
#ifndef INWORD_COST
#define INWORD_COST 8.0
#endif
#define DECL_MARGIN_CYRILLIC 2.0
/* Cost in nats of a byte standing alone between ASCII punctuation or digits
 * (a keymap's "'Ą'", a hyphenation pattern's "2ж1") that a page reads as a
 * symbol: such a byte is a letter named in a table. Its pairs are not
 * scored: the models find punctuation beside punctuation cheap, so a page
 * that reads the byte as a quote or a dash (macintosh “ ” ‘ ’ – —) would win. */
#ifndef ALONE_COST
#define ALONE_COST 4.0
#endif
/* A capital letter of a byte >= 0x80 right after a small one ("myŲs":
 * Finnish "myös" in ISO-8859-10 read as x-mac-ce) costs SWITCH_COST
 * nats under a Latin page: words do not change case inside (ASCII pairs,
 * as in "iPhone", are not counted), while a model of another language can
 * prefer the page that garbles the letters. */
#define SWITCH_COST 6.0
/* Cost in nats of an ASCII letter beside a letter read as Cyrillic, in the
 * comparison of the scripts (mixed_script_pairs). */
#ifndef MIXED_COST
#define MIXED_COST 8.0
#endif
#define MIXED_MIN_PAIRS 8
/* scoring_init: pairs of a digit and a byte >= 0x80 left out when they are
 * at least this share of the pairs with a byte >= 0x80, and this many */
#define DIGIT_SHARE 0.2
#define DIGIT_MIN 16
/* A Latin answer whose reading puts more capitals right after a lower-case
 * letter than another Latin reading does (DOUBT_SWITCHES more, and twice as many) is
 * doubtful: its confidence is at most DOUBT_CONFIDENCE. Affix tables of
 * spelling dictionaries (ISO-8859-1 "ARÉ", "[aàâeèéê]") read as macintosh
 * ("AR…", "[a‡‚eËÈÊ]") were answered so at 1.00: the models, trained on
 * running text, find capitals with accents in all-capital words dearer than
 * symbols. */
#define DOUBT_SWITCHES 8
#define DOUBT_CONFIDENCE 0.5
#define DECL_CONFIDENCE 0.95
/* Confidence of a Latin page is at most n / (n + THIN_EVIDENCE) when n bytes
 * tell the answer from the runner-up (calibrated on the web development set). */
#define THIN_EVIDENCE 1.0

struct pisar_detector {
    uint32_t hist[65536];  /* hist[a << 8 | b]: how often byte b followed byte a */
    uint32_t hist2[65536]; /* a second table the feeding loop counts half of each chunk
                              in; merged into hist when the input ends */
    /* The rows of hist (rows1[a]) and hist2 (rows2[a]) that may hold a
     * non-zero cell: the bytes counted, and ' ' (the byte before the first);
     * or all rows when rows_all (count_plain, which marks none). The scans
     * at the end, and the clearing at a reset, visit only those rows: a
     * short input costs no 65,536-cell passes. */
    uint8_t rows1[256], rows2[256];
    int rows_all;
    int full_scan; /* tests: every row, always (det_full_scan) */
    uint64_t seen, sample;
    uint64_t zero_at[4]; /* NUL bytes at offsets 0, 1, 2, 3 mod 4 */
    unsigned prev;       /* the previous byte (a space before the first) */
    /* UTF-8 validation */
    uint64_t u8_bad;            /* invalid bytes or sequences seen */
    int u8_gave_up;             /* so many that validation stopped */
    unsigned u8_need;           /* continuation bytes still expected */
    unsigned char u8_lo, u8_hi; /* the range of the next continuation byte */
    uint64_t u8_multi;          /* complete multi-byte sequences */
    int done, finished;
    /* Markup (src/markup.h): decided from the first MODE_PROBE bytes, which
     * wait in samp uncounted until then. In markup mode hist counts the pairs
     * of text a reader sees and hist2 those of the machinery, of which only
     * the pairs with a byte >= 0x80 join hist at the end. */
    int mode;         /* MODE_UNDECIDED, MODE_PLAIN, MODE_MARKUP */
    uint64_t counted; /* bytes counted into the histograms */
    unsigned mprev;   /* the previous byte of markup */
    int in_url;       /* plain text: inside a URL (count_light) */
    unsigned char before_prev;
    /* Saturation (count_sat): bytes >= 0x80 of plain text counted so far,
     * the offset where pairs stopped being counted (0: not yet), and the
     * bytes whose pairs are still counted after it. */
    uint64_t hi_counted;
    uint64_t sat_at;
    uint8_t rare[256];
    uint32_t rare_n[256]; /* how often each byte has occurred (rare ones: kept up) */
    /* rare as two tables for a byte's low nibble: bit h of sat_nib[0][l]
     * (sat_nib[1][l]) says that byte (h << 4 | l) (((h + 8) << 4 | l)) is rare */
    uint8_t sat_nib[2][16];
    int sat_avx2;
    det_markup mk;
    det_decl decl; /* the charset the input declares (declare.h) */
    size_t samp_len;
    unsigned char samp[SAMPLE_CAP];
    pisar_detection res;
};

enum { MODE_UNDECIDED, MODE_PLAIN, MODE_MARKUP };
#define MODE_PROBE 256u
#define LIGHT_LIMIT (1u << 20) /* plain text: URLs are left out of the first 1 MiB */

pisar_detector *pisar_detector_new(void)
{
    pisar_detector *d = malloc(sizeof *d);
    if (!d) return NULL;
    d->sample = 0;
    d->rows_all = 1; /* clear every row once */
    d->full_scan = 0;
    pisar_detector_reset(d);
    return d;
}

void pisar_detector_reset(pisar_detector *d)
{
    if (!d) return;
    uint64_t s = d->sample;
    if (d->rows_all || d->full_scan) {
        memset(d->hist, 0, sizeof d->hist);
        memset(d->hist2, 0, sizeof d->hist2);
    } else {
        for (unsigned a = 0; a < 256; a++) {
            if (d->rows1[a]) memset(d->hist + (a << 8), 0, 256 * sizeof *d->hist);
            if (d->rows2[a]) memset(d->hist2 + (a << 8), 0, 256 * sizeof *d->hist2);
        }
    }
    memset(d->rows1, 0, sizeof d->rows1);
    memset(d->rows2, 0, sizeof d->rows2);
    d->rows1[' '] = d->rows2[' '] = 1;
    d->rows_all = 0;
    d->seen = 0;
    d->sample = s;
    memset(d->zero_at, 0, sizeof d->zero_at);
    d->prev = ' ';
    d->u8_bad = 0;
    d->u8_gave_up = 0;
    d->u8_need = 0;
    d->u8_lo = 0x80;
    d->u8_hi = 0xBF;
    d->u8_multi = 0;
    d->done = d->finished = 0;
    d->samp_len = 0;
    d->mode = MODE_UNDECIDED;
    d->counted = 0;
    d->mprev = ' ';
    d->in_url = 0;
    d->before_prev = ' ';
    d->hi_counted = 0;
    d->sat_at = 0;
    det_markup_init(&d->mk);
    memset(&d->decl, 0, sizeof d->decl);
    memset(&d->res, 0, sizeof d->res);
    d->res.language = "und";
}

void pisar_detector_free(pisar_detector *d)
{
    free(d);
}

int pisar_detector_set_sample(pisar_detector *d, uint64_t max_bytes)
{
    if (!d) return PISAR_EINVAL;
    d->sample = max_bytes;
    return PISAR_OK;
}

/* Tests: scan and clear all 65,536 cells (the reference) instead of the
 * rows that were touched (lm.h). */

void det_full_scan(pisar_detector *d, int on)
{
    if (d) d->full_scan = on != 0;
}

void det_pair_counts(const pisar_detector *d, uint64_t out[65536])
{
    for (size_t i = 0; i < 65536; i++)
        out[i] = (uint64_t)d->hist[i] + d->hist2[i];
}

uint64_t det_saturated_at(const pisar_detector *d)
{
    return d->sat_at;
}

void det_utf8_counts(const pisar_detector *d, uint64_t *bad, uint64_t *multi, int *gave_up)
{
    *bad = d->u8_bad;
    *multi = d->u8_multi;
    *gave_up = d->u8_gave_up;
}

/* The rows of hist (rows1) or hist2 (rows2) that may hold a non-zero cell,
 * ascending, into out; returns how many. */
static unsigned used_rows(const pisar_detector *d, const uint8_t *rows, uint8_t out[256])
{
    unsigned n = 0;
    for (unsigned a = 0; a < 256; a++)
        if (rows[a] || d->rows_all || d->full_scan) out[n++] = (uint8_t)a;
    return n;
}

/* Halve every cell so that no counter can overflow on endless input; the
 * proportions, which are all that scoring uses, stay. */
static void halve(pisar_detector *d)
{
    for (size_t i = 0; i < 65536; i++) {
        d->hist[i] = (d->hist[i] + 1) >> 1;
        d->hist2[i] = (d->hist2[i] + 1) >> 1;
    }
}

/* Add the second counting table into the first, and empty it. */
static void merge_hist2(pisar_detector *d)
{
    uint8_t rows[256];
    unsigned n = used_rows(d, d->rows2, rows);
    for (unsigned r = 0; r < n; r++) {
        unsigned a = rows[r];
        uint32_t *h = d->hist + (a << 8), *h2 = d->hist2 + (a << 8);
        for (unsigned b = 0; b < 256; b++)
            h[b] += h2[b];
        memset(h2, 0, 256 * sizeof *h2);
        d->rows1[a] = 1;
    }
}

/* The histogram scored: every pair of plain text; of markup, the pairs of
 * the text and those of the machinery with a byte >= 0x80 (words in a script
 * or an attribute are still in the page's code page, but its ASCII would
 * outvote the text). */
static void settle_hist(pisar_detector *d)
{
    if (d->mode != MODE_MARKUP) {
        merge_hist2(d);
        return;
    }
    uint8_t rows[256];
    unsigned n = used_rows(d, d->rows2, rows);
    for (unsigned r = 0; r < n; r++) {
        unsigned a = rows[r];
        for (unsigned b = 0; b < 256; b++)
            if (a >= 0x80 || b >= 0x80) d->hist[a << 8 | b] += d->hist2[a << 8 | b];
        memset(d->hist2 + (a << 8), 0, 256 * sizeof *d->hist2);
        d->rows1[a] = 1;
    }
}

/* The lead bytes (C0..FF) among p[0..n), which in well-formed UTF-8 are the
 * multi-byte characters: eight bytes at a step (a lead's top two bits, in
 * bit 7 of its byte, summed into the top byte by one multiplication). */
static uint64_t lead_bytes(const unsigned char *p, size_t n)
{
    uint64_t k = 0;
    size_t i = 0;
    for (uint64_t w; i + 8 <= n; i += 8) {
        memcpy(&w, p + i, 8);
        k +=
            ((w & w << 1 & UINT64_C(0x8080808080808080)) >> 7) * UINT64_C(0x0101010101010101) >> 56;
    }
    for (; i < n; i++)
        k += p[i] >= 0xC0;
    return k;
}

/* Validate UTF-8 across chunks. After an invalid byte the validator resumes at
 * the next byte, counting errors, so that a long UTF-8 file with a stray bad
 * byte is still recognised; it gives up once the input is clearly not UTF-8.
 * Between sequences, the well-formed stretch ahead is passed over at once
 * (utf8_valid_prefix_wide, 16-32 bytes at a step), its characters counted by
 * their lead bytes; byte at a time from where it ends (an error, or a
 * character cut by the end of the chunk). Where the stretch ends the counts
 * are those of the byte-at-a-time loop: it adds no error, and the give-up
 * test, false at its start, stays false as u8_multi grows. */
static void utf8_step(pisar_detector *d, const unsigned char *p, size_t n)
{
    unsigned need = d->u8_need;
    unsigned char lo = d->u8_lo, hi = d->u8_hi;
    for (size_t i = 0; i < n; i++) {
        if (!need) {
            int cut;
            size_t ok = utf8_valid_prefix_wide(p + i, n - i, &cut);
            d->u8_multi += lead_bytes(p + i, ok);
            i += ok;
            if (i == n) break;
        }
        unsigned b = p[i];
        if (need) {
            if (b >= lo && b <= hi) {
                lo = 0x80, hi = 0xBF;
                if (!--need) d->u8_multi++;
                continue;
            }
            need = 0; /* a truncated sequence: look at b afresh */
            lo = 0x80, hi = 0xBF;
            d->u8_bad++;
        }
        if (b < 0x80) continue;
        if (b < 0xC2 || b > 0xF4) {
            d->u8_bad++;
        } else {
            need = b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
            lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
            hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
        }
        if (d->u8_bad > 64 && d->u8_bad * 8 > d->u8_multi) {
            d->u8_gave_up = 1;
            return;
        }
    }
    d->u8_need = need;
    d->u8_lo = lo;
    d->u8_hi = hi;
}

/* The cell of the pair of bytes at q: q[0] << 8 | q[1], with one 16-bit load
 * and a byte swap where the compiler has them. */
static inline unsigned pair_cell(const unsigned char *q)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint16_t v;
    memcpy(&v, q, 2);
    return __builtin_bswap16(v);
#else
    return (unsigned)q[0] << 8 | q[1];
#endif
}

/* Count pairs of plain text (every byte). */
static void count_plain(pisar_detector *d, const unsigned char *p, size_t n)
{
    uint32_t *h = d->hist, *h2 = d->hist2;
    unsigned prev = d->prev;
    uint64_t pos = d->counted;
    d->rows_all = 1; /* after the first MiB: not worth a mark per byte */
    /* Two halves counted at once into two tables (merged at the end): the
     * increments of one do not wait for the other's, which doubles the
     * throughput when a pair repeats ("аа", runs of spaces). */
    size_t half = n / 2 & ~(size_t)3, i = 0;
    if (half >= 64 && !memchr(p, 0, n)) {
        /* text without a NUL (nothing for zero_at): each pair's cell is read
         * off the two bytes where they stand (one 16-bit load), with no
         * previous byte carried from one step to the next */
        const unsigned char *q = p + half;
        h[prev << 8 | p[0]]++;
        h2[pair_cell(q - 1)]++;
        for (i = 1; i < half; i++) {
            h[pair_cell(p + i - 1)]++;
            h2[pair_cell(q + i - 1)]++;
        }
        prev = q[half - 1];
        i = 2 * half;
    } else if (half >= 64) {
        unsigned prev2 = p[half - 1];
        for (; i < half; i++) {
            unsigned b = p[i], c = p[half + i];
            h[prev << 8 | b]++;
            h2[prev2 << 8 | c]++;
            prev = b;
            prev2 = c;
            if (!(b && c)) {
                if (!b) d->zero_at[(pos + i) & 3]++;
                if (!c) d->zero_at[(pos + half + i) & 3]++;
            }
        }
        prev = prev2;
        i = 2 * half;
    }
    for (; i < n; i++) {
        unsigned b = p[i];
        h[prev << 8 | b]++;
        if (!b) d->zero_at[(pos + i) & 3]++;
        prev = b;
    }
    d->prev = prev;
}

/* Count pairs of markup: text into hist, machinery into hist2. */
static void count_markup(pisar_detector *d, const unsigned char *p, size_t n)
{
    uint32_t *h = d->hist, *h2 = d->hist2;
    unsigned prev = d->prev, mprev = d->mprev;
    uint64_t pos = d->counted;
    for (size_t i = 0; i < n; i++) {
        unsigned b = p[i];
        if (det_markup_step(&d->mk, b)) {
            if (d->mk.gap) prev = ' ', d->mk.gap = 0;
            h[prev << 8 | b]++;
            d->rows1[b] = 1;
            prev = b;
        } else {
            h2[mprev << 8 | b]++;
            d->rows2[b] = 1;
            mprev = b;
        }
        if (!b) d->zero_at[(pos + i) & 3]++;
    }
    d->prev = prev;
    d->mprev = mprev;
}

/* Count pairs of the first LIGHT_LIMIT bytes of plain text, URLs left out:
 * scraped articles, CSV and subtitles cite them, and their letters
 * ("utm_source", slugs) are no language's. Byte at a time, so only the start
 * of a long file (the rest is counted by count_plain). */
static void count_light(pisar_detector *d, const unsigned char *p, size_t n)
{
    uint32_t *h = d->hist;
    unsigned prev = d->prev;
    uint64_t pos = d->counted;
    for (size_t i = 0; i < n; i++) {
        unsigned b = p[i];
        if (d->in_url) {
            if (b > ' ' && b != '"' && b != '\'' && b != '<' && b != '>' && b != ',' && b < 0x80)
                continue;
            d->in_url = 0;
            prev = ' ';
        } else if (b == '/' && prev == '/' && d->before_prev == ':') {
            d->in_url = 1;
            continue;
        }
        h[prev << 8 | b]++;
        d->rows1[b] = 1;
        if (!b) d->zero_at[(pos + i) & 3]++;
        d->before_prev = (unsigned char)prev;
        prev = b;
    }
    d->prev = prev;
}

/* Saturation of the pair histogram. Once plain text has given SAT_HI bytes
 * >= 0x80 (checked at every SAT_STEP bytes counted, so the point does not
 * depend on how the input is fed), millions of pairs of letters have told
 * the pages apart, and more of the same pairs cannot change which page
 * wins: from there on (sat_at) a pair is counted when one of its bytes is a
 * NUL or rare, that is has occurred fewer than SAT_RARE times so far (a byte
 * stops being rare at its SAT_RARE-th occurrence), and every other pair only
 * in the first SAT_SAMPLE bytes of each SAT_STEP (offsets in the stream),
 * SAT_STEP / SAT_SAMPLE times: so the rest of the input still votes in
 * proportion to its length. So whatever can
 * still rule a page out or in stays counted: a byte a page does not define,
 * a C1 control (each is rare, or already too frequent for any page that
 * reads it as one), NULs (zero_at), a letter that the first part never
 * used. The rest of the input is read, checked as UTF-8 and counted in
 * bytes_seen, but outside the sample its common pairs are only looked at, 32
 * bytes at a step (AVX2; byte at a time without it). An input whose encoding
 * changes in the middle is answered as when every pair is counted on the
 * mixed files of bench/speed/saturate.sh (the share 1/8 was chosen by them:
 * with 1/16, 40 MB of koi8-r then 10 MB of windows-1251 lost its doubt;
 * docs/manual/detect.md). Markup is not saturated. */
#define SAT_HI (1u << 22)
#define SAT_STEP (1u << 20)
#define SAT_RARE 4096u
#ifndef SAT_SAMPLE
#define SAT_SAMPLE (1u << 17)
#endif

/* The bytes >= 0x80 among p[0..n), eight at a step. */
static uint64_t high_bytes(const unsigned char *p, size_t n)
{
    uint64_t k = 0;
    size_t i = 0;
    for (uint64_t w; i + 8 <= n; i += 8) {
        memcpy(&w, p + i, 8);
        k += ((w & UINT64_C(0x8080808080808080)) >> 7) * UINT64_C(0x0101010101010101) >> 56;
    }
    for (; i < n; i++)
        k += p[i] >= 0x80;
    return k;
}

/* The nibble tables of the rare bytes (count_sat_avx2). */
static void sat_tables(pisar_detector *d)
{
    memset(d->sat_nib, 0, sizeof d->sat_nib);
    for (unsigned b = 0; b < 256; b++)
        if (d->rare[b]) d->sat_nib[b >> 7][b & 15] |= (uint8_t)(1u << (b >> 4 & 7));
}

/* One more occurrence of the rare byte b (not NUL): it stays rare until it
 * has occurred SAT_RARE times in all. Returns nonzero when it stops. */
static inline int rare_seen(pisar_detector *d, unsigned b)
{
    if (++d->rare_n[b] < SAT_RARE) return 0;
    d->rare[b] = 0;
    return 1;
}

/* Stop counting common pairs: merge the tables, and mark the rare bytes. */
static void saturate(pisar_detector *d)
{
    merge_hist2(d);
    uint64_t col[256] = {0};
    for (size_t c = 0; c < 65536; c++)
        col[c & 255] += d->hist[c];
    for (unsigned b = 0; b < 256; b++) {
        d->rare[b] = col[b] < SAT_RARE || b == 0;
        d->rare_n[b] = (uint32_t)(col[b] < SAT_RARE ? col[b] : SAT_RARE);
    }
    sat_tables(d);
#ifdef PISAR_SAT_AVX2
    d->sat_avx2 = pisar_cpu_limit() >= PISAR_CPU_AVX2 && __builtin_cpu_supports("avx2");
#else
    d->sat_avx2 = 0;
#endif
    d->sat_at = d->counted;
}

/* Count, after saturation, byte at a time: a pair that holds a rare byte
 * once, every other pair `common` times (0 outside the sample's windows, and
 * SAT_STEP / SAT_SAMPLE inside: count_sat). The reference of the AVX2 path
 * and its tail. */
static void count_sat_bytes(pisar_detector *d, const unsigned char *p, size_t n, uint64_t pos,
                            uint32_t common)
{
    uint32_t *h = d->hist;
    const uint8_t *rare = d->rare;
    unsigned prev = d->prev;
    int changed = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned b = p[i];
        if (rare[prev] | rare[b]) {
            h[prev << 8 | b]++;
            if (!b)
                d->zero_at[(pos + i) & 3]++;
            else if (rare[b])
                changed |= rare_seen(d, b);
        } else if (common) {
            h[prev << 8 | b] += common;
        }
        prev = b;
    }
    d->prev = prev;
    if (changed) sat_tables(d);
}

#ifdef PISAR_SAT_AVX2
/* The same, 32 bytes at a step: a byte's bit in the rare set is found by
 * shuffles of its nibbles; the pairs at the marked places (a rare byte, or
 * the byte after one) are counted one by one. Returns the bytes done. */
__attribute__((target("avx2"))) static size_t
count_sat_avx2(pisar_detector *d, const unsigned char *p, size_t n, uint64_t pos)
{
    const __m256i nib = _mm256_set1_epi8(0x0F), zero = _mm256_setzero_si256();
    const __m256i bit =
        _mm256_setr_epi8(1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16,
                         32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128);
    uint32_t *h = d->hist;
    const uint8_t *rare = d->rare;
    unsigned prev = d->prev;
    uint32_t carry = rare[prev]; /* the pair across the step's start */
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256i t0 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)d->sat_nib[0]));
        __m256i t1 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)d->sat_nib[1]));
        __m256i x = _mm256_loadu_si256((const __m256i *)(p + i));
        __m256i lo = _mm256_and_si256(x, nib);
        __m256i hi = _mm256_and_si256(_mm256_srli_epi16(x, 4), nib);
        /* bit 7 of the byte picks the table (a signed compare with zero: not
         * blendv, which GCC 12-13 folds wrongly under -funsigned-char) */
        __m256i top = _mm256_cmpgt_epi8(zero, x);
        __m256i row = _mm256_or_si256(_mm256_and_si256(top, _mm256_shuffle_epi8(t1, lo)),
                                      _mm256_andnot_si256(top, _mm256_shuffle_epi8(t0, lo)));
        __m256i r = _mm256_and_si256(row, _mm256_shuffle_epi8(bit, hi));
        uint32_t m = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(r, zero));
        uint32_t at = m | m << 1 | carry;
        carry = m >> 31;
        /* the marks of the step's start: a superset of the places where
         * a pair is counted now (a byte stops being rare, never starts) */
        int changed = 0;
        while (at) {
            unsigned j = (unsigned)__builtin_ctz(at);
            at &= at - 1;
            unsigned a = j ? p[i + j - 1] : prev, b = p[i + j];
            if (!(rare[a] | rare[b])) continue;
            h[a << 8 | b]++;
            if (!b)
                d->zero_at[(pos + i + j) & 3]++;
            else if (rare[b])
                changed |= rare_seen(d, b);
        }
        if (changed) sat_tables(d);
        prev = p[i + 31];
    }
    d->prev = prev;
    return i;
}
#endif

/* Count, after saturation, the pairs that hold a rare byte, and every pair
 * of the first SAT_SAMPLE bytes of each SAT_STEP (stream offsets). */
static void count_sat(pisar_detector *d, const unsigned char *p, size_t n)
{
    uint64_t pos = d->counted;
    while (n) {
        size_t off = (size_t)(pos % SAT_STEP), k;
        if (off < SAT_SAMPLE) {
            k = SAT_SAMPLE - off < n ? SAT_SAMPLE - off : n;
            count_sat_bytes(d, p, k, pos, SAT_STEP / SAT_SAMPLE);
        } else {
            k = SAT_STEP - off < n ? SAT_STEP - off : n;
            size_t i = 0;
#ifdef PISAR_SAT_AVX2
            if (d->sat_avx2) i = count_sat_avx2(d, p, k, pos);
#endif
            count_sat_bytes(d, p + i, k - i, pos + i, 0);
        }
        p += k;
        n -= k;
        pos += k;
    }
}

static void count(pisar_detector *d, const unsigned char *p, size_t n)
{
    if (d->mode == MODE_PLAIN && d->counted < LIGHT_LIMIT) {
        size_t k = LIGHT_LIMIT - d->counted < n ? (size_t)(LIGHT_LIMIT - d->counted) : n;
        d->hi_counted += high_bytes(p, k);
        count_light(d, p, k);
        d->counted += k;
        p += k;
        n -= k;
        if (d->counted == LIGHT_LIMIT && d->hi_counted >= SAT_HI) saturate(d);
    }
    while (n) {
        /* chunks small enough that no cell can pass 2^31 between checks */
        size_t k = n < (1u << 30) ? n : (1u << 30);
        uint64_t pos = d->counted;
        if (d->mode == MODE_MARKUP) {
            count_markup(d, p, k);
        } else if (d->sat_at) {
            count_sat(d, p, k);
        } else {
            /* up to the next multiple of SAT_STEP, where saturation is checked */
            size_t left = SAT_STEP - (size_t)(pos % SAT_STEP);
            k = k < left ? k : left;
            d->hi_counted += high_bytes(p, k);
            count_plain(d, p, k);
            if (k == left && d->hi_counted >= SAT_HI) {
                d->counted += k;
                saturate(d);
                d->counted -= k;
            }
        }
        d->counted += k;
        if ((d->counted >> 30) != (pos >> 30) && (d->counted >> 31)) {
            /* a cell may hold up to `counted` counts: keep them below 2^31 */
            if (d->mode != MODE_MARKUP) merge_hist2(d);
            uint32_t mx = 0;
            for (size_t i = 0; i < 65536; i++) {
                mx = d->hist[i] > mx ? d->hist[i] : mx;
                mx = d->hist2[i] > mx ? d->hist2[i] : mx;
            }
            if (mx >= (1u << 30)) halve(d);
        }
        p += k;
        n -= k;
    }
}

/* Decide between plain text and markup from the start of the input (in
 * samp), and count what waited there. */
static void decide_mode(pisar_detector *d)
{
    d->mode = det_looks_like_markup(d->samp, d->samp_len) ? MODE_MARKUP : MODE_PLAIN;
    count(d, d->samp, d->samp_len);
}

int pisar_detector_feed(pisar_detector *d, const void *data, size_t len)
{
    if (!d || (!data && len)) return PISAR_EINVAL;
    if (d->finished) return PISAR_ESTATE;
    if (d->done) return 1;
    if (d->sample && d->seen + len >= d->sample) {
        len = (size_t)(d->sample - d->seen);
        d->done = 1;
    }
    const unsigned char *p = data;
    size_t k = 0;
    if (d->samp_len < SAMPLE_CAP) {
        k = SAMPLE_CAP - d->samp_len < len ? SAMPLE_CAP - d->samp_len : len;
        if (k) memcpy(d->samp + d->samp_len, p, k);
        d->samp_len += k;
    }
    if (!d->u8_gave_up) utf8_step(d, p, len);
    d->seen += len;
    if (d->mode == MODE_UNDECIDED) {
        if (d->samp_len < MODE_PROBE && !d->done) return 0; /* waits in samp */
        decide_mode(d); /* counts samp, which holds this chunk's first k bytes */
        count(d, p + k, len - k);
    } else {
        count(d, p, len);
    }
    return d->done ? 1 : 0;
}

/* ---- scoring the single-byte candidates ---- */

typedef struct cell {
    uint16_t ab; /* a << 8 | b */
    uint32_t n;
} cell;

typedef struct scoring {
    const pisar_detector *d;
    cell *hi; /* cells with a byte >= 0x80 */
    size_t nhi;
    cell *lo; /* the all-ASCII cells (in the same block as hi) */
    size_t nlo;
    uint64_t lo_cost[MAXLANG];   /* cost of the all-ASCII cells under each model */
    uint8_t asym[MAXLANG][0x80]; /* each model's symbols of the ASCII bytes */
    uint64_t byte_n[256];        /* occurrences of each byte (column sums) */
    /* bytes >= 0x80 that stand alone: every neighbour an ASCII non-letter
     * (a keymap's "'Ą'", a hyphenation pattern's "2ж1", an affix table's
     * "[^é]"). Their ASCII neighbours are scored as spaces: a letter
     * standing in quotes is a letter named, not a word, and the punctuation
     * next to it must not favour a page that reads the byte as a quote or a
     * dash (macintosh's “ ” ‘ ’ – — ‹ ›), which the models find cheap beside
     * punctuation. */
    uint8_t alone[256];
    /* the pairs of a byte >= 0x80 and an ASCII digit are not scored: the
     * digits stand between letters, as in hyphenation patterns (digits_inside) */
    int skip_digit_pairs;
} scoring;

/* Can e have written the input? Not if a byte is one e does not define.
 * A C1 control (U+0080-U+009F) is implausible in text, but real tools leave
 * a few behind (iconv -c dropping a character of three bytes keeps two:
 * "operations\x80\x94that"): a page survives up to C1_MAX of them, one in
 * C1_SHARE of the bytes >= 0x80 at most, and pays C1_COST nats for each
 * (*c1 counts them). */
#define C1_MAX 16
#define C1_SHARE 256
#define C1_COST 12.0
static int enc_alive(const scoring *s, pisar_encoding e, uint64_t *c1)
{
    const uint8_t *fl = cp_flags(e);
    const uint16_t *t = cp_table(e);
    uint64_t high = 0;
    *c1 = 0;
    for (int b = 0x80; b < 256; b++) {
        if (!s->byte_n[b]) continue;
        if (!(fl[b] & CPF_DEFINED)) return 0;
        high += s->byte_n[b];
        if (t[b] >= 0x80 && t[b] < 0xA0) *c1 += s->byte_n[b];
    }
    return !*c1 || (*c1 <= C1_MAX && *c1 * C1_SHARE <= high);
}

static int is_digit(unsigned b)
{
    return b >= '0' && b <= '9';
}

/* DOS line art. The box drawing characters U+2500-U+257F with an arm to
 * the left (box_left) and to the right (box_right), from their Unicode names
 * (LEFT, RIGHT or HORIZONTAL; the diagonals have none): bit i of byte i / 8
 * is U+2500 + i. */
static const unsigned char box_left[16] = {0x33, 0x03, 0x0F, 0x0F, 0xF0, 0xFF, 0xFF, 0xFF,
                                           0xFF, 0x3F, 0xE1, 0x38, 0xFE, 0xDF, 0x10, 0x51};
static const unsigned char box_right[16] = {0x33, 0xF3, 0xF0, 0xF0, 0x0F, 0xF0, 0xFF, 0xFF,
                                            0xFF, 0x3F, 0x1D, 0xC7, 0xF1, 0x3F, 0x41, 0x54};

static int is_box(uint32_t c)
{
    return c >= 0x2500 && c < 0x2580;
}

static int box_arm(const unsigned char arms[16], uint32_t c)
{
    return is_box(c) && arms[(c - 0x2500) >> 3] >> ((c - 0x2500) & 7) & 1;
}

/* Does e read the input's bytes >= 0x80 as line art? At least LINEART_MIN
 * pairs of two different box drawing characters, and in at least
 * LINEART_SHARE of them the arms join ("┌─", "─┬", "═╗"): a frame, a table.
 * Letters of a text that another page reads as box drawing (KOI8's lower
 * case is IBM437's box drawing) make pairs that mostly do not join. Runs of
 * one character do not count: a rule of macintosh's dashes "————" is
 * IBM437's "╤╤╤╤". And at least LINEART_BESIDE of the pairs that hold a box
 * drawing character (runs included) hold two: drawn lines touch each other,
 * while letters read as crosses ("ść" of ISO-8859-2, KOI8-R's "╬╪", whose
 * arms join whatever stands beside them) stand among other letters. */
#define LINEART_MIN 4
#define LINEART_SHARE 0.9
#define LINEART_BESIDE 0.25
static int line_art(const scoring *s, pisar_encoding e)
{
    const uint16_t *t = cp_table(e);
    uint64_t pairs = 0, joined = 0, beside = 0, touch = 0;
    for (size_t i = 0; i < s->nhi; i++) {
        unsigned a = s->hi[i].ab >> 8, b = s->hi[i].ab & 0xFF;
        int ba = a >= 0x80 && is_box(t[a]), bb = b >= 0x80 && is_box(t[b]);
        if (ba || bb) touch += s->hi[i].n;
        if (ba && bb) beside += s->hi[i].n;
        if (!ba || !bb || a == b) continue;
        pairs += s->hi[i].n;
        if (box_arm(box_right, t[a]) && box_arm(box_left, t[b])) joined += s->hi[i].n;
    }
    /* the runs left out of hi ("────") */
    for (unsigned b = 0x80; b < 256; b++) {
        uint64_t n = s->d->hist[b << 8 | b];
        if (n && 2 * n > s->byte_n[b] && is_box(t[b])) touch += n, beside += n;
    }
    return pairs >= LINEART_MIN && (double)joined >= LINEART_SHARE * (double)pairs &&
           (double)beside >= LINEART_BESIDE * (double)touch;
}

static int nonletter(int sym)
{
    return sym == LM_SP || sym == LM_PU || sym == LM_DG || sym == LM_OT;
}

/* Total cost (1/16 nat) of the input decoded with `e` under model `m`; with
 * `art` (line_art), box drawing is layout (see below). */
static uint64_t enc_cost(const scoring *s, pisar_encoding e, int m, int art)
{
    const uint16_t *t = cp_table(e);
    const uint8_t *pairs = lm_pairs(m);
    int S = lm_nsymbols(m);
    uint8_t sym[256], box[256] = {0};
    for (int b = 0x80; b < 256; b++)
        if (s->byte_n[b]) {
            sym[b] = (uint8_t)lm_symbol(m, t[b]);
            box[b] = art && is_box(t[b]);
        }
    memcpy(sym, s->asym[m], 0x80);
    int sp = lm_symbol(m, ' ');
    uint64_t c = s->lo_cost[m];
    for (size_t i = 0; i < s->nhi; i++) {
        unsigned a = s->hi[i].ab >> 8, b = s->hi[i].ab & 0xFF;
        if (s->alone[a] || s->alone[b]) continue; /* alone_symbols */
        if (s->skip_digit_pairs && (is_digit(a) || is_digit(b))) continue;
        /* a run of line art ("═══"), and line art beside white space or
         * punctuation, is layout: it says nothing of the language (a
         * frame's runs would choose the model whose text had the most runs
         * of spaces); two different characters joined ("╔═", "╧╫": a
         * corner, or letters of another page read as line art) are scored
         * as two spaces */
        if ((box[a] && (a == b || (!box[b] && nonletter(sym[b])))) ||
            (box[b] && !box[a] && nonletter(sym[a])))
            continue;
        if (box[a] && box[b]) {
            c += (uint64_t)s->hi[i].n * pairs[sp * S + sp];
            continue;
        }
        c += (uint64_t)s->hi[i].n * pairs[sym[a] * S + sym[b]];
    }
    return c;
}

/* Do e1 and e2 decode every byte present to the same character? */
static int same_text(const scoring *s, pisar_encoding e1, pisar_encoding e2)
{
    const uint16_t *t1 = cp_table(e1), *t2 = cp_table(e2);
    for (int b = 0x80; b < 256; b++)
        if (s->byte_n[b] && t1[b] != t2[b]) return 0;
    return 1;
}

static int order_rank(pisar_encoding e)
{
    const char *const *o = lm_det_order();
    const char *name = pisar_encoding_name(e);
    for (int i = 0; o[i]; i++)
        if (!strcmp(o[i], name)) return i;
    return 1000 + (int)e;
}

static int is_letter_cp(uint32_t c, int *upper)
{
    if (c == CP_UNDEFINED || c < 0x41) return 0;
    if (!u_isalpha((UChar32)c)) return 0;
    if (upper) *upper = u_isupper((UChar32)c) ? 1 : 0;
    return 1;
}

static int in_set(const unsigned char set[32], unsigned b)
{
    return set[b >> 3] >> (b & 7) & 1;
}

/* adjoin rule: pairs where a byte of the set stands beside a letter, under e.
 * Between two Latin pages, a byte that the other page (o) reads as a letter
 * too is left out: it tells neither. */
static uint64_t adjoin_count(const scoring *s, pisar_encoding e, const unsigned char set[32],
                             pisar_encoding o)
{
    const uint16_t *t = cp_table(e);
    const uint16_t *to = o != PISAR_ENC_UNKNOWN ? cp_table(o) : NULL;
    unsigned char use[32];
    memcpy(use, set, 32);
    if (to)
        for (unsigned x = 0x80; x < 256; x++)
            if (in_set(use, x) && is_letter_cp(to[x], NULL))
                use[x >> 3] &= (unsigned char)~(1u << (x & 7));
    uint64_t n = 0;
    for (size_t i = 0; i < s->nhi; i++) {
        unsigned a = s->hi[i].ab >> 8, b = s->hi[i].ab & 0xFF;
        if ((in_set(use, a) && is_letter_cp(t[a], NULL) && is_letter_cp(t[b], NULL)) ||
            (in_set(use, b) && is_letter_cp(t[b], NULL) && is_letter_cp(t[a], NULL)))
            n += s->hi[i].n;
    }
    return n;
}

/* case rule: capitals directly after a lower-case letter, under e. */
static uint64_t case_switches(const scoring *s, pisar_encoding e)
{
    const uint16_t *t = cp_table(e);
    uint64_t n = 0;
    for (size_t i = 0; i < s->nhi; i++) {
        unsigned a = s->hi[i].ab >> 8, b = s->hi[i].ab & 0xFF;
        int ua, ub;
        if (is_letter_cp(t[a], &ua) && is_letter_cp(t[b], &ub) && !ua && ub) n += s->hi[i].n;
    }
    return n;
}

/* The winner of rule r on the input, or PISAR_ENC_UNKNOWN when it cannot tell. */
static pisar_encoding rule_verdict(const scoring *s, const det_rule *r)
{
    pisar_encoding a = pisar_encoding_from_name(r->a), b = pisar_encoding_from_name(r->b);
    uint64_t ca, cb;
    if (r->kind == DET_RULE_ADJOIN) {
        int latin = !pisar_encoding_is_cyrillic(a) && !pisar_encoding_is_cyrillic(b);
        ca = adjoin_count(s, a, r->set_a, latin ? b : PISAR_ENC_UNKNOWN);
        cb = adjoin_count(s, b, r->set_b, latin ? a : PISAR_ENC_UNKNOWN);
    } else {
        /* fewer case switches wins: each side gets the other's count */
        ca = case_switches(s, b);
        cb = case_switches(s, a);
    }
    return ca >= 2 * cb + 1 ? a : cb >= 2 * ca + 1 ? b : PISAR_ENC_UNKNOWN;
}

/* Signs that text never sets beside a letter on either side: the spacing
 * accents (macintosh's "ˆ˜˘˙˚˝˛ˇ", "¨", "¯", "¸"), the per mille
 * sign, mathematical operators, "◊", "¤", "¦", "¬", "±",
 * "÷", "¶": a page that reads a letter as one of them ("l‰hetetty",
 * "ˆljy": Finnish "ä", "ö" read as macintosh) is counted on the
 * side a letter stands on most, where other signs count only as often as
 * letters stand on both sides. */
static int never_beside_letter(uint32_t c)
{
    return (c >= 0x02C6 && c <= 0x02DD) || c == 0xA8 || c == 0xAF || c == 0xB8 || c == 0x2030 ||
           (c >= 0x2200 && c <= 0x22FF) || c == 0x25CA || c == 0xA4 || c == 0xA6 || c == 0xAC ||
           c == 0xB1 || c == 0xF7 || c == 0xB6;
}

/* Quotation marks inside a word ("k„ytt””n" is Finnish
 * "käyttöön" in IBM437 read as windows-1252) count twice:
 * text sets them at a word's edge, never inside it, while a model of another
 * language can find the page's real letters dearer than punctuation beside a
 * letter. */
#define INWORD_QUOTE_WEIGHT 2
static int inword_weight(uint32_t c)
{
    return (c == 0x201E || c == 0x201C || c == 0x201D || c == 0x201A || c == 0x2018 || c == 0xAB ||
            c == 0xBB || c == 0x2039 || c == 0x203A)
               ? INWORD_QUOTE_WEIGHT
               : 1;
}

/* Symbols inside words: occurrences of a byte that e decodes to something
 * other than a letter or a space, standing between two letters (estimated
 * from the pairs: the smaller of its letter-before and letter-after counts).
 * Text puts an apostrophe, a hyphen or a dash there, never "‰", "¢", "„" or
 * "¿": those are letters of another code page ("l‰hetettiin" is l\xE4hetettiin,
 * Finnish "lähetettiin", read as macintosh). The letter-pair models cannot
 * see it, as each side of the symbol is a plausible pair alone. */
static uint64_t inword_symbols(const scoring *s, pisar_encoding e, int art)
{
    const uint16_t *t = cp_table(e);
    uint64_t before[128] = {0}, after[128] = {0};
    for (size_t i = 0; i < s->nhi; i++) {
        unsigned a = s->hi[i].ab >> 8, b = s->hi[i].ab & 0xFF;
        if (b >= 0x80 && is_letter_cp(t[a], NULL)) before[b - 0x80] += s->hi[i].n;
        if (a >= 0x80 && is_letter_cp(t[b], NULL)) after[a - 0x80] += s->hi[i].n;
    }
    uint64_t n = 0;
    for (int b = 0x80; b < 256; b++) {
        uint32_t c = t[b];
        if (!s->byte_n[b] || c == CP_UNDEFINED || is_letter_cp(c, NULL) || (art && is_box(c)))
            continue;
        if (c == 0xA0 || c == 0xAD || c == 0xB4 || c == 0xB7 || c == 0x2019 || c == 0x02BC ||
            (c >= 0x2010 && c <= 0x2014) || u_isspace((UChar32)c))
            continue; /* no-break space, soft hyphen, apostrophes, middle dot, dashes */
        uint64_t x = before[b - 0x80], y = after[b - 0x80];
        uint64_t k = never_beside_letter(c) ? (x > y ? x : y) : x < y ? x : y;
        n += k * (uint64_t)(inword_weight(c));
    }
    return n;
}

/* Pairs of an ASCII letter and a byte that e (a Cyrillic page) reads as a
 * Cyrillic letter: a word of both scripts. Russian words set among Latin
 * ones (TeX, program sources) stand apart from them; a Latin page's accented
 * letters read as Cyrillic ("lj\xE8bav", "ital\xE0") sit inside Latin words. */
static int is_cyr(uint32_t c)
{
    return c >= 0x400 && c < 0x530;
}

static uint64_t mixed_script_pairs(const scoring *s, pisar_encoding e, uint64_t *cyr_pairs)
{
    const uint16_t *t = cp_table(e);
    uint64_t n = 0, cc = 0;
    for (size_t i = 0; i < s->nhi; i++) {
        unsigned a = s->hi[i].ab >> 8, b = s->hi[i].ab & 0xFF;
        if (a >= 0x80 && b >= 0x80) {
            if (is_cyr(t[a]) && is_cyr(t[b])) cc += s->hi[i].n;
            continue;
        }
        unsigned hb = a >= 0x80 ? a : b, lb = a >= 0x80 ? b : a;
        if ((lb | 0x20) >= 'a' && (lb | 0x20) <= 'z' && is_cyr(t[hb])) n += s->hi[i].n;
    }
    *cyr_pairs = cc;
    return n;
}

/* Apply the rules to the best two: returns 1 when they must be swapped. */
static int rules_swap(const scoring *s, pisar_encoding best, pisar_encoding second)
{
    int nr;
    const det_rule *r = lm_det_rules(&nr);
    for (int i = 0; i < nr; i++) {
        pisar_encoding a = pisar_encoding_from_name(r[i].a), b = pisar_encoding_from_name(r[i].b);
        if (!((a == best && b == second) || (a == second && b == best))) continue;
        pisar_encoding win = rule_verdict(s, &r[i]);
        if (win != PISAR_ENC_UNKNOWN) return win == second;
    }
    return 0;
}

/* Softmax-style confidence from total costs in 1/16 nat: P(best) against the rest. */
static double conf_from(const double *delta, int n)
{
    double z = 0;
    for (int i = 0; i < n; i++)
        z += exp(-delta[i]);
    return z > 0 ? 1.0 / z : 0;
}

/* May a byte stand beside one that stands alone (scoring.alone)? ASCII
 * punctuation and digits: not a letter, and not a space, as a byte between
 * spaces is a word or a dash of running text, which the models know. */
static int alone_mate(unsigned b)
{
    return b > ' ' && b < 0x7F && !((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
}

/* Occurrences of the bytes that stand alone which e reads as something other
 * than a letter. */
static uint64_t alone_symbols(const scoring *s, pisar_encoding e)
{
    const uint16_t *t = cp_table(e);
    uint64_t n = 0;
    for (int b = 0x80; b < 256; b++)
        if (s->alone[b] && t[b] != CP_UNDEFINED && lm_class_of(t[b]) == LM_PU) n += s->byte_n[b];
    return n;
}

/* Collect the histogram's cells with a byte >= 0x80 and the byte counts. */
static int scoring_init(scoring *s, const pisar_detector *d)
{
    memset(s, 0, sizeof *s);
    s->d = d;
    size_t nhi = 0, nlo = 0;
    uint8_t rows[256];
    unsigned nrows = used_rows(d, d->rows1, rows);
    for (unsigned r = 0; r < nrows; r++)
        for (unsigned a = rows[r], b = 0; b < 256; b++) {
            uint32_t n = d->hist[a << 8 | b];
            if (!n) continue;
            s->byte_n[b] += n;
            if (a >= 0x80 || b >= 0x80)
                nhi++;
            else
                nlo++;
        }
    s->hi = malloc((nhi + nlo ? nhi + nlo : 1) * sizeof *s->hi);
    if (!s->hi) return PISAR_ENOMEM;
    s->lo = s->hi + nhi;
    for (unsigned r = 0; r < nrows; r++)
        for (unsigned a = rows[r], b = 0; b < 256; b++) {
            uint32_t n = d->hist[a << 8 | b];
            /* runs of one byte >= 0x80 (most of its occurrences follow
             * itself) are left out: DOS line art, a row of ═ or ─ that
             * would read as "ННН" under another page and outvote the
             * letters (double letters of text are a small part of theirs) */
            if (a == b && a >= 0x80 && 2 * (uint64_t)n > s->byte_n[a]) continue;
            if (n && (a >= 0x80 || b >= 0x80)) {
                s->hi[s->nhi].ab = (uint16_t)(a << 8 | b);
                s->hi[s->nhi++].n = n;
            } else if (n) {
                s->lo[s->nlo].ab = (uint16_t)(a << 8 | b);
                s->lo[s->nlo++].n = n;
            }
        }
    for (int b = 0x80; b < 256; b++)
        s->alone[b] = s->byte_n[b] != 0 && !d->hist[b << 8 | b]; /* not a rule ─── */
    uint64_t with_digit = 0, all = 0;
    for (size_t i = 0; i < s->nhi; i++) {
        unsigned a = s->hi[i].ab >> 8, b = s->hi[i].ab & 0xFF;
        if (a >= 0x80 && !alone_mate(b)) s->alone[a] = 0;
        if (b >= 0x80 && !alone_mate(a)) s->alone[b] = 0;
        all += s->hi[i].n;
        if (is_digit(a) || is_digit(b)) with_digit += s->hi[i].n;
    }
    /* Hyphenation patterns ("во2з5г4л", "6й1"): digits between the letters
     * of every word. The models, trained on running text, find a digit
     * beside a letter dear and beside punctuation cheap, so a page that
     * reads the letters as quotes and dashes (x-mac-cyrillic's „ « – “ for
     * KOI8-R's в г п р) won at 1.00. When at least DIGIT_SHARE of the pairs
     * with a byte >= 0x80 have a digit beside it (running text, prices and
     * dates included, has few), those pairs are left out: the letters'
     * pairs with each other decide. */
    s->skip_digit_pairs =
        with_digit >= DIGIT_MIN && (double)with_digit >= DIGIT_SHARE * (double)all;
    return PISAR_OK;
}

pisar_encoding det_rule_winner(const char *rule, const void *data, size_t len)
{
    int nr;
    const det_rule *r = lm_det_rules(&nr);
    pisar_encoding win = PISAR_ENC_UNKNOWN;
    pisar_detector *d = pisar_detector_new();
    scoring s;
    if (!d) return win;
    if (pisar_detector_feed(d, data, len) >= 0) {
        if (d->mode == MODE_UNDECIDED) decide_mode(d);
        settle_hist(d);
    }
    if (scoring_init(&s, d) == PISAR_OK) {
        for (int i = 0; i < nr; i++)
            if (!strcmp(r[i].name, rule)) win = rule_verdict(&s, &r[i]);
        free(s.hi);
    }
    pisar_detector_free(d);
    return win;
}

int det_line_art(const void *data, size_t len, pisar_encoding e)
{
    int art = 0;
    pisar_detector *d = pisar_detector_new();
    scoring s;
    if (!d) return 0;
    if (pisar_detector_feed(d, data, len) >= 0) {
        if (d->mode == MODE_UNDECIDED) decide_mode(d);
        settle_hist(d);
    }
    if (scoring_init(&s, d) == PISAR_OK) {
        art = line_art(&s, e);
        free(s.hi);
    }
    pisar_detector_free(d);
    return art;
}

/* The language of text in a single-byte code page, decided once the code
 * page is: the sample decoded, read by langid_sbcs (src/langid.c). */
static void sbcs_language(pisar_detector *d, pisar_encoding e, int chosen, const uint64_t *cost,
                          int nm)
{
    const unsigned char(*u8)[4] = cp_utf8(e);
    if (!u8) return;
    unsigned char *o = malloc((size_t)d->samp_len * 3 + 1), *q = o;
    if (!o) return;
    for (size_t i = 0; i < d->samp_len; i++) {
        const unsigned char *c = u8[d->samp[i]];
        memcpy(q, c + 1, c[0]);
        q += c[0];
    }
    size_t n = (size_t)(q - o);
    const char *lang = langid_sbcs((const char *)o, n, d->samp_len, chosen, cost, nm);
    if (lang) d->res.language = lang;
    free(o);
}

/* The cost (1/16 nat) of reading the input with e1 rather than e0, both
 * under model m, over the cells holding a byte the two decode differently,
 * each cell counted at most cap times (as enc_cost counts them, without
 * line art). */
static int64_t cost_between(const scoring *s, pisar_encoding e0, pisar_encoding e1, int m,
                            uint32_t cap)
{
    const uint16_t *t0 = cp_table(e0), *t1 = cp_table(e1);
    const uint8_t *pairs = lm_pairs(m);
    int S = lm_nsymbols(m);
    int64_t c = 0;
    for (size_t i = 0; i < s->nhi; i++) {
        unsigned a = s->hi[i].ab >> 8, b = s->hi[i].ab & 0xFF;
        if (s->alone[a] || s->alone[b]) continue;
        if (s->skip_digit_pairs && (is_digit(a) || is_digit(b))) continue;
        if (t0[a] == t1[a] && t0[b] == t1[b]) continue;
        int a0 = lm_symbol(m, a < 0x80 ? a : t0[a]), b0 = lm_symbol(m, b < 0x80 ? b : t0[b]);
        int a1 = lm_symbol(m, a < 0x80 ? a : t1[a]), b1 = lm_symbol(m, b < 0x80 ? b : t1[b]);
        uint32_t n = s->hi[i].n < cap ? s->hi[i].n : cap;
        c += (int64_t)n * ((int)pairs[a1 * S + b1] - (int)pairs[a0 * S + b0]);
    }
    return c;
}

/* Does the answer e0 beat e1 only by repetition? Under the answer's model m
 * it wins on all the pairs that tell them apart, and loses when each
 * different pair counts at most REPEAT_CAP times: an affix table repeating
 * "[aeiouáéíóú]" says one thing many times (ISO-8859-1 Irish read as
 * ISO-8859-4, "ó" as "ķ", was answered at 0.99). */
#define REPEAT_CAP 3
static int wins_by_repetition(const scoring *s, pisar_encoding e0, pisar_encoding e1, int m)
{
    return cost_between(s, e0, e1, m, REPEAT_CAP) < 0 && cost_between(s, e0, e1, m, UINT32_MAX) > 0;
}

/* The ASCII pairs of the lines that hold a byte >= 0x80, when those lines
 * are fewer than NEAR_SHARE of the ASCII pairs and the sample holds the
 * whole input (malloc'd cells, *n of them; NULL: every line votes). A page
 * of English with a few Finnish, Sami or German lines ("ä", "ö" in ISO-8859-10
 * or Latin-1) was decided by its English: the model that fits the English
 * lines best (Czech or Polish, which learnt English from man pages) chose
 * the page that garbles the few letters into its own (macintosh "‰", x-mac-ce
 * "š"). The lines in plain ASCII say nothing of the bytes >= 0x80: they
 * abstain, and the model is chosen by the lines whose letters are at stake. */
#ifndef NEAR_SHARE
#define NEAR_SHARE 0.5
#endif
static cell *near_lines(const pisar_detector *d, const scoring *s, size_t *n)
{
    *n = 0;
    if (d->seen > d->samp_len && d->mode != MODE_MARKUP) return NULL;
    if (d->mode == MODE_MARKUP && d->seen > SAMPLE_CAP) return NULL;
    uint64_t all = 0;
    for (size_t i = 0; i < s->nlo; i++)
        all += s->lo[i].n;
    uint32_t *t = calloc(128 * 128, sizeof *t);
    if (!t) return NULL;
    const unsigned char *p = d->samp, *end = p + d->samp_len;
    uint64_t near = 0;
    unsigned prev = ' ';
    while (p < end) {
        const unsigned char *e = p;
        int hi = 0;
        while (e < end && *e != '\n' && *e != '\r')
            hi |= *e++ >= 0x80;
        if (e < end) e++; /* the line end joins its line */
        if (hi) {
            /* URLs left out, as count_light leaves them out of plain text */
            int url = 0;
            for (const unsigned char *q = p; q < e; q++) {
                unsigned b = *q;
                if (url) {
                    if (b > ' ' && b != '"' && b != '\'' && b != '<' && b != '>' && b != ',' &&
                        b < 0x80)
                        continue;
                    url = 0;
                    prev = ' ';
                } else if (d->mode != MODE_MARKUP && b == '/' && prev == '/' && q - p >= 2 &&
                           q[-2] == ':') {
                    url = 1;
                    continue;
                }
                if (prev < 0x80 && b < 0x80) t[prev << 7 | b]++, near++;
                prev = b;
            }
        } else {
            prev = e[-1];
        }
        p = e;
    }
    cell *out = NULL;
    if ((double)near < NEAR_SHARE * (double)all) {
        size_t k = 0;
        for (unsigned i = 0; i < 128 * 128; i++)
            k += t[i] != 0;
        out = malloc((k ? k : 1) * sizeof *out);
        if (out) {
            for (unsigned i = 0; i < 128 * 128; i++)
                if (t[i]) {
                    out[*n].ab = (uint16_t)((i >> 7) << 8 | (i & 127));
                    out[(*n)++].n = t[i];
                }
        }
    }
    free(t);
    return out;
}

/* Occurrences of bytes >= 0x80 that e reads as letters outside model m's
 * alphabet (*fl) and as letters of it (*in). */
#define FOREIGN_MIN 16
static void alphabet_letters(const scoring *s, pisar_encoding e, int m, uint64_t *fl, uint64_t *in)
{
    const uint16_t *t = cp_table(e);
    for (int b = 0x80; b < 256; b++) {
        if (!s->byte_n[b]) continue;
        int y = lm_symbol(m, t[b]);
        if (y == LM_FL) *fl += s->byte_n[b];
        if (lm_symbol_is_letter(m, y)) *in += s->byte_n[b];
    }
}

static int detect_sbcs(pisar_detector *d)
{
    scoring s;
    if (scoring_init(&s, d)) return PISAR_ENOMEM;
    cell *hi = s.hi;
    int nm = lm_count() < MAXLANG ? lm_count() : MAXLANG;
    /* the ASCII pairs that vote: of every line, or only of the lines that
     * hold a byte >= 0x80 (near_lines) */
    cell *lo = s.lo;
    size_t nlo = s.nlo;
    cell *near = near_lines(d, &s, &nlo);
    if (near)
        lo = near;
    else
        nlo = s.nlo;
    for (int m = 0; m < nm; m++) {
        const uint8_t *pairs = lm_pairs(m);
        int S = lm_nsymbols(m);
        uint8_t *sym = s.asym[m];
        for (int b = 0; b < 0x80; b++)
            sym[b] = (uint8_t)lm_symbol(m, (uint32_t)b);
        uint64_t c = 0;
        for (size_t i = 0; i < nlo; i++) {
            unsigned a = lo[i].ab >> 8, b = lo[i].ab & 0xFF;
            /* pairs of spaces, punctuation and digits say more about the
             * kind of text (a feed's dates, subtitles' times) than about
             * its language: they are left out */
            if (!(nonletter(sym[a]) && nonletter(sym[b])))
                c += (uint64_t)lo[i].n * pairs[sym[a] * S + sym[b]];
        }
        s.lo_cost[m] = c;
    }
    free(near);

    /* best model per surviving encoding */
    uint64_t best_cost[NSBCS];
    int best_lang[NSBCS], alive[NSBCS];
    uint64_t lang_cost[NSBCS][MAXLANG];
    for (int i = 0; i < NSBCS; i++) {
        pisar_encoding e = (pisar_encoding)(PISAR_ENC_FIRST_SBCS + i);
        uint64_t c1;
        alive[i] = enc_alive(&s, e, &c1);
        best_lang[i] = -1;
        best_cost[i] = UINT64_MAX;
        if (!alive[i]) continue;
        int cyr = pisar_encoding_is_cyrillic(e);
        int art = line_art(&s, e);
        for (int m = 0; m < nm; m++) {
            lang_cost[i][m] = UINT64_MAX;
            if (lm_is_cyrillic(m) != cyr) continue;
            uint64_t c = enc_cost(&s, e, m, art);
            lang_cost[i][m] = c;
            if (c < best_cost[i]) best_cost[i] = c, best_lang[i] = m;
        }
        uint64_t pen = inword_symbols(&s, e, art) * (uint64_t)(INWORD_COST * LM_SCALE) +
                       alone_symbols(&s, e) * (uint64_t)(ALONE_COST * LM_SCALE) +
                       c1 * (uint64_t)(C1_COST * LM_SCALE) +
                       (cyr ? 0 : case_switches(&s, e)) * (uint64_t)(SWITCH_COST * LM_SCALE);
        if (pen) {
            for (int m = 0; m < nm; m++)
                if (lang_cost[i][m] != UINT64_MAX) lang_cost[i][m] += pen;
            best_cost[i] += pen;
        }
    }
    /* The all-ASCII pairs read alike under every code page, but a Cyrillic
     * model finds Latin letters costly: a TeX or program source, a keymap
     * or a dictionary's affix file with a few Russian words among much
     * ASCII would then be answered a Latin page (its bytes read as Latin
     * letters of no language), however plainly the words are Russian. So
     * the ASCII pairs do not vote between the scripts: each script's costs
     * are shifted by what its best model finds in the ASCII pairs beyond the
     * best model of any script. Within a script nothing changes. */
    {
        uint64_t lo_min[2] = {UINT64_MAX, UINT64_MAX};
        for (int m = 0; m < nm; m++) {
            int cyr = lm_is_cyrillic(m) ? 1 : 0;
            if (s.lo_cost[m] < lo_min[cyr]) lo_min[cyr] = s.lo_cost[m];
        }
        uint64_t base = lo_min[0] < lo_min[1] ? lo_min[0] : lo_min[1];
        for (int i = 0; i < NSBCS; i++) {
            if (!alive[i] || best_lang[i] < 0) continue;
            int cyr =
                pisar_encoding_is_cyrillic((pisar_encoding)(PISAR_ENC_FIRST_SBCS + i)) ? 1 : 0;
            uint64_t shift = lo_min[cyr] == UINT64_MAX ? 0 : lo_min[cyr] - base;
            uint64_t pen = 0;
            if (cyr && shift) {
                /* only for words of Cyrillic letters: pairs of two of them
                 * (MIXED_MIN_PAIRS, and twice the mixed pairs); letters
                 * standing alone ("Č č" in a table of a Latin alphabet)
                 * leave the ASCII its vote */
                uint64_t cc,
                    mx = mixed_script_pairs(&s, (pisar_encoding)(PISAR_ENC_FIRST_SBCS + i), &cc);
                if (cc < MIXED_MIN_PAIRS || cc < 2 * mx)
                    pen = shift;
                else
                    pen = mx * (uint64_t)(MIXED_COST * LM_SCALE);
            }
            if (pen > shift) pen = shift; /* never more than the shift takes off */
            best_cost[i] -= shift - pen;
            for (int m = 0; m < nm; m++)
                if (lang_cost[i][m] != UINT64_MAX) lang_cost[i][m] -= shift - pen;
        }
    }
    /* rank: cost, then the preference order */
    int rank[NSBCS], nr = 0;
    for (int i = 0; i < NSBCS; i++)
        if (alive[i] && best_lang[i] >= 0) rank[nr++] = i;
    for (int i = 1; i < nr; i++)
        for (int j = i; j > 0; j--) {
            int x = rank[j - 1], y = rank[j];
            int swap = best_cost[y] < best_cost[x] ||
                       (best_cost[y] == best_cost[x] &&
                        order_rank((pisar_encoding)(PISAR_ENC_FIRST_SBCS + y)) <
                            order_rank((pisar_encoding)(PISAR_ENC_FIRST_SBCS + x)));
            if (!swap) break;
            rank[j - 1] = y;
            rank[j] = x;
        }
    if (!nr) {
        /* nothing survives: not text in any code page we know */
        free(hi);
        d->res.encoding = PISAR_ENC_BINARY;
        d->res.confidence = 0.5;
        return PISAR_OK;
    }
    /* merge encodings that decode the input to the same text as a better one */
    /* uniq[k]: the best-scoring member of a group of encodings that decode the
     * input alike; name[k]: the member answered (the first in the rules'
     * order, among those of the best member's script) */
    int uniq[NSBCS], name[NSBCS], nu = 0;
    for (int i = 0; i < nr; i++) {
        pisar_encoding e = (pisar_encoding)(PISAR_ENC_FIRST_SBCS + rank[i]);
        int k;
        for (k = 0; k < nu; k++) {
            pisar_encoding f = (pisar_encoding)(PISAR_ENC_FIRST_SBCS + uniq[k]);
            pisar_encoding g = (pisar_encoding)(PISAR_ENC_FIRST_SBCS + name[k]);
            if (same_text(&s, e, f)) {
                if (pisar_encoding_is_cyrillic(e) == pisar_encoding_is_cyrillic(f) &&
                    order_rank(e) < order_rank(g))
                    name[k] = rank[i];
                break;
            }
        }
        if (k == nu) uniq[nu] = name[nu] = rank[i], nu++;
    }
    if (nu >= 2) {
        pisar_encoding e0 = (pisar_encoding)(PISAR_ENC_FIRST_SBCS + uniq[0]);
        pisar_encoding e1 = (pisar_encoding)(PISAR_ENC_FIRST_SBCS + uniq[1]);
        double margin = pisar_encoding_is_cyrillic(e0) || pisar_encoding_is_cyrillic(e1)
                            ? RULE_MARGIN
                            : RULE_MARGIN_LATIN;
        if ((double)(best_cost[uniq[1]] - best_cost[uniq[0]]) / LM_SCALE < margin &&
            rules_swap(&s, e0, e1)) {
            int t = uniq[0];
            uniq[0] = uniq[1];
            uniq[1] = t;
            t = name[0];
            name[0] = name[1];
            name[1] = t;
        }
    }
    /* a declared code page (<?xml encoding>, <meta charset>, a MIME header)
     * that the bytes confirm is answered: it defines every byte present and
     * costs at most DECL_MARGIN nats more than the best per occurrence of a
     * byte the two decode differently */
    int declared = 0;
    pisar_encoding de = det_decl_encoding(&d->decl);
    if (pisar_encoding_is_single_byte(de)) {
        int j = (int)de - PISAR_ENC_FIRST_SBCS;
        /* occurrences of the bytes the two decode differently */
        const uint16_t *td = cp_table(de),
                       *tb = cp_table((pisar_encoding)(PISAR_ENC_FIRST_SBCS + uniq[0]));
        uint64_t ndiff = 0;
        for (int b = 0x80; b < 256; b++)
            if (td[b] != tb[b]) ndiff += s.byte_n[b];
        pisar_encoding eb = (pisar_encoding)(PISAR_ENC_FIRST_SBCS + uniq[0]);
        double margin = pisar_encoding_is_cyrillic(de) || pisar_encoding_is_cyrillic(eb)
                            ? DECL_MARGIN_CYRILLIC
                            : DECL_MARGIN;
        if (alive[j] && best_lang[j] >= 0 &&
            (double)(best_cost[j] - best_cost[uniq[0]]) / LM_SCALE <= margin * (double)ndiff) {
            int k = 0;
            while (k < nu && !same_text(&s, de, (pisar_encoding)(PISAR_ENC_FIRST_SBCS + uniq[k])))
                k++;
            if (k < nu) {
                int t = uniq[0];
                uniq[0] = uniq[k];
                uniq[k] = t;
                t = name[0];
                name[0] = name[k];
                name[k] = t;
                name[0] = j;
                declared = 1;
            }
        }
    }
    double delta[NSBCS];
    for (int k = 0; k < nu; k++) {
        double dc =
            ((double)best_cost[uniq[k]] - (double)best_cost[uniq[0]]) / LM_SCALE / CONF_TEMPERATURE;
        delta[k] = dc < 0 ? 0 : dc;
    }
    int w = uniq[0];
    d->res.encoding = (pisar_encoding)(PISAR_ENC_FIRST_SBCS + name[0]);
    d->res.confidence = conf_from(delta, nu);
    if (nu >= 2) {
        /* thin evidence: n occurrences of bytes that the answer and the
         * runner-up decode differently cannot make a Latin page surer than
         * n / (n + THIN_EVIDENCE) (one byte 0x82, "é" or "‚", says at most
         * 0.5; 0.99 takes 99), a Cyrillic one surer than 1 - 2^-n (a wrong
         * Cyrillic page garbles every letter it differs in, and the models
         * tell that surely) */
        const uint16_t *t0 = cp_table((pisar_encoding)(PISAR_ENC_FIRST_SBCS + uniq[0])),
                       *t1 = cp_table((pisar_encoding)(PISAR_ENC_FIRST_SBCS + uniq[1]));
        uint64_t nd = 0;
        for (int b = 0x80; b < 256; b++)
            if (t0[b] != t1[b]) nd += s.byte_n[b];
        double cap = pisar_encoding_is_cyrillic((pisar_encoding)(PISAR_ENC_FIRST_SBCS + uniq[0]))
                         ? 1.0 - pow(2.0, -(double)nd)
                         : (double)nd / ((double)nd + THIN_EVIDENCE);
        if (d->res.confidence > cap) d->res.confidence = cap;
    }
    if (nu >= 2 && !pisar_encoding_is_cyrillic((pisar_encoding)(PISAR_ENC_FIRST_SBCS + uniq[0]))) {
        uint64_t s0 = case_switches(&s, (pisar_encoding)(PISAR_ENC_FIRST_SBCS + uniq[0])), s1 = s0;
        for (int k = 1; k < nu; k++) {
            pisar_encoding ek = (pisar_encoding)(PISAR_ENC_FIRST_SBCS + uniq[k]);
            if (pisar_encoding_is_cyrillic(ek)) continue;
            uint64_t sk = case_switches(&s, ek);
            if (sk < s1) s1 = sk;
        }
        if (s0 >= s1 + DOUBT_SWITCHES && s0 >= 2 * s1 && d->res.confidence > DOUBT_CONFIDENCE)
            d->res.confidence = DOUBT_CONFIDENCE;
    }
    if (d->res.confidence > DOUBT_CONFIDENCE) {
        pisar_encoding e0 = (pisar_encoding)(PISAR_ENC_FIRST_SBCS + w);
        for (int k = 1; k < nu; k++) {
            pisar_encoding ek = (pisar_encoding)(PISAR_ENC_FIRST_SBCS + uniq[k]);
            if (pisar_encoding_is_cyrillic(ek) == pisar_encoding_is_cyrillic(e0) &&
                wins_by_repetition(&s, e0, ek, best_lang[w])) {
                d->res.confidence = DOUBT_CONFIDENCE;
                break;
            }
        }
    }
    if (declared && d->res.confidence < DECL_CONFIDENCE) d->res.confidence = DECL_CONFIDENCE;
    d->res.language = lm_code(best_lang[w]);
    {
        double ld[MAXLANG];
        int n = 0;
        for (int m = 0; m < nm; m++)
            if (lang_cost[w][m] != UINT64_MAX)
                ld[n++] = ((double)lang_cost[w][m] - (double)best_cost[w]) / LM_SCALE;
        d->res.language_confidence = conf_from(ld, n);
    }
    sbcs_language(d, d->res.encoding, best_lang[w], lang_cost[w], nm);
    /* The language the words say (sbcs_language) has a model other than
     * the one that chose the page, and that model prefers another page by
     * more than the answer's margin: the letters of an affix table or a
     * keymap fit some model best under a page that garbles them (French
     * "è" read as macintosh "Ë", chosen by the Czech model, at 1.00). */
    int ml = lm_find(d->res.language);
    if (!declared && nu >= 2 && ml >= 0 && ml != best_lang[w] && lang_cost[w][ml] != UINT64_MAX &&
        d->res.confidence > DOUBT_CONFIDENCE) {
        uint64_t margin = best_cost[uniq[1]] - best_cost[w];
        if (best_cost[uniq[1]] < best_cost[w]) margin = 0;
        for (int k = 1; k < nu; k++)
            if (lang_cost[uniq[k]][ml] != UINT64_MAX &&
                lang_cost[uniq[k]][ml] + margin < lang_cost[w][ml]) {
                d->res.confidence = DOUBT_CONFIDENCE;
                break;
            }
    }
    /* The letters' language: the answer reads many bytes as letters
     * outside the alphabet of the language the words say, where another
     * page of the script reads them as letters of it (French ispell affix
     * rules "[aàâeèéêiîoôuh]" read as windows-1257 "[aąāečéźiīoōuh]" at
     * 1.00: the French model, scoring affix rules no running text looks
     * like, found the foreign letters cheaper). */
    if (!declared && nu >= 2 && d->res.confidence > DOUBT_CONFIDENCE) {
        int mm = ml >= 0 && lang_cost[w][ml] != UINT64_MAX ? ml : best_lang[w];
        uint64_t fl0 = 0, in0 = 0;
        alphabet_letters(&s, (pisar_encoding)(PISAR_ENC_FIRST_SBCS + w), mm, &fl0, &in0);
        for (int k = 1; k < nu && fl0 >= FOREIGN_MIN; k++) {
            pisar_encoding ek = (pisar_encoding)(PISAR_ENC_FIRST_SBCS + uniq[k]);
            uint64_t flk = 0, ink = 0;
            if (lang_cost[uniq[k]][mm] == UINT64_MAX) continue; /* another script */
            alphabet_letters(&s, ek, mm, &flk, &ink);
            if (2 * (ink - (ink < in0 ? ink : in0)) >= fl0 && 4 * flk <= fl0) {
                d->res.confidence = DOUBT_CONFIDENCE;
                break;
            }
        }
    }
    if (nu >= 2) {
        int r = uniq[1];
        double rc = exp(-delta[1]) * d->res.confidence;
        if (rc >= 0.01) {
            d->res.runner_up = (pisar_encoding)(PISAR_ENC_FIRST_SBCS + name[1]);
            d->res.runner_up_confidence = rc;
            d->res.runner_up_language = lm_code(best_lang[r]);
        }
    }
    free(hi);
    return PISAR_OK;
}

/* ---- UTF-16/32 and language of Unicode input ---- */

/* The sample as UTF-8 (malloc'd, *n its length), from UTF-16/32 or as is. */
static unsigned char *sample_utf8(const pisar_detector *d, pisar_encoding e, size_t skip, size_t *n)
{
    const unsigned char *p = d->samp + skip;
    size_t len = d->samp_len > skip ? d->samp_len - skip : 0;
    unsigned char *o = malloc(len * 2 + 4), *q = o;
    if (!o) return NULL;
    if (e == PISAR_ENC_UTF16LE || e == PISAR_ENC_UTF16BE) {
        int be = e == PISAR_ENC_UTF16BE;
        for (size_t i = 0; i + 1 < len; i += 2) {
            uint32_t u = be ? (uint32_t)p[i] << 8 | p[i + 1] : (uint32_t)p[i + 1] << 8 | p[i];
            if (u >= 0xD800 && u <= 0xDFFF) u = 0xFFFD; /* letters do not need pairs here */
            q += utf8_put(q, u);
        }
    } else if (e == PISAR_ENC_UTF32LE || e == PISAR_ENC_UTF32BE) {
        int be = e == PISAR_ENC_UTF32BE;
        for (size_t i = 0; i + 3 < len; i += 4) {
            uint32_t u = be ? (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 |
                                  (uint32_t)p[i + 2] << 8 | p[i + 3]
                            : (uint32_t)p[i + 3] << 24 | (uint32_t)p[i + 2] << 16 |
                                  (uint32_t)p[i + 1] << 8 | p[i];
            if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) u = 0xFFFD;
            q += utf8_put(q, u);
        }
    } else {
        memcpy(o, p, len);
        q = o + len;
    }
    *n = (size_t)(q - o);
    return o;
}

static int language_of_sample(pisar_detector *d, pisar_encoding e, size_t skip)
{
    size_t n;
    unsigned char *u = sample_utf8(d, e, skip, &n);
    if (!u) return PISAR_ENOMEM;
    const char *lang;
    double conf;
    int rc = pisar_language_detect((const char *)u, n, &lang, &conf);
    if (rc >= 0) {
        d->res.language = lang;
        d->res.language_confidence = conf;
    }
    free(u);
    return rc < 0 ? rc : PISAR_OK;
}

/* UTF-16 without a BOM: the NULs (high bytes of ASCII) sit on one parity and
 * the bytes of that parity take few values (the high bytes of one script). */
static pisar_encoding utf16_without_bom(const pisar_detector *d)
{
    uint64_t n = d->seen;
    if (n < 4 || n % 2) return PISAR_ENC_UNKNOWN;
    uint64_t z_even = d->zero_at[0] + d->zero_at[2], z_odd = d->zero_at[1] + d->zero_at[3];
    if (z_even + z_odd == 0) return PISAR_ENC_UNKNOWN;
    int le = z_odd > z_even;
    uint64_t zhi = le ? z_odd : z_even, zlo = le ? z_even : z_odd;
    if (zlo * 20 > zhi) return PISAR_ENC_UNKNOWN;
    /* the high bytes in the sample: the two commonest must cover 90% */
    uint32_t cnt[256] = {0};
    size_t m = 0;
    for (size_t i = le ? 1 : 0; i < d->samp_len; i += 2)
        cnt[d->samp[i]]++, m++;
    uint32_t t1 = 0, t2 = 0;
    for (int b = 0; b < 256; b++) {
        if (cnt[b] > t1)
            t2 = t1, t1 = cnt[b];
        else if (cnt[b] > t2)
            t2 = cnt[b];
    }
    if ((uint64_t)(t1 + t2) * 10 < (uint64_t)m * 9) return PISAR_ENC_UNKNOWN;
    return le ? PISAR_ENC_UTF16LE : PISAR_ENC_UTF16BE;
}

static pisar_encoding utf32_without_bom(const pisar_detector *d)
{
    uint64_t n = d->seen, q = n / 4;
    if (n < 8 || n % 4) return PISAR_ENC_UNKNOWN;
    if (d->zero_at[3] == q && d->zero_at[2] * 10 >= q * 9 && d->zero_at[0] < q)
        return PISAR_ENC_UTF32LE;
    if (d->zero_at[0] == q && d->zero_at[1] * 10 >= q * 9 && d->zero_at[3] < q)
        return PISAR_ENC_UTF32BE;
    return PISAR_ENC_UNKNOWN;
}

int pisar_detector_finish(pisar_detector *d)
{
    if (!d) return PISAR_EINVAL;
    if (d->finished) return PISAR_OK;
    d->finished = 1;
    if (d->mode == MODE_UNDECIDED) decide_mode(d);
    det_declaration(d->samp, d->samp_len, &d->decl);
    pisar_detection *r = &d->res;
    memset(r, 0, sizeof *r);
    r->language = "und";
    r->bytes_seen = d->seen;
    const unsigned char *h = d->samp;
    size_t hn = d->samp_len;
    if (d->seen == 0) {
        r->encoding = PISAR_ENC_ASCII;
        return PISAR_OK;
    }
    /* 1. byte-order marks */
    pisar_encoding bom = PISAR_ENC_UNKNOWN;
    if (hn >= 4 && h[0] == 0xFF && h[1] == 0xFE && !h[2] && !h[3] && d->seen % 4 == 0)
        bom = PISAR_ENC_UTF32LE, r->bom_length = 4;
    else if (hn >= 4 && !h[0] && !h[1] && h[2] == 0xFE && h[3] == 0xFF)
        bom = PISAR_ENC_UTF32BE, r->bom_length = 4;
    else if (hn >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF)
        bom = PISAR_ENC_UTF8, r->bom_length = 3;
    else if (hn >= 2 && h[0] == 0xFF && h[1] == 0xFE)
        bom = PISAR_ENC_UTF16LE, r->bom_length = 2;
    else if (hn >= 2 && h[0] == 0xFE && h[1] == 0xFF)
        bom = PISAR_ENC_UTF16BE, r->bom_length = 2;
    if (bom != PISAR_ENC_UNKNOWN && (bom != PISAR_ENC_UTF8 || d->u8_bad * 50 <= d->u8_multi)) {
        r->encoding = bom;
        r->confidence = 1.0;
        return language_of_sample(d, bom, r->bom_length);
    }
    r->bom_length = 0;
    /* UTF-32 and UTF-16 without a BOM */
    pisar_encoding wide = utf32_without_bom(d);
    if (wide == PISAR_ENC_UNKNOWN) wide = utf16_without_bom(d);
    if (wide != PISAR_ENC_UNKNOWN) {
        r->encoding = wide;
        r->confidence = 0.9;
        return language_of_sample(d, wide, 0);
    }
    /* 2. binary: NULs, or many control characters (in markup too) */
    uint64_t ctrl = 0, nul = 0, high = 0, col[256] = {0};
    uint8_t rows[256];
    unsigned nrows = used_rows(d, d->rows1, rows);
    for (unsigned r = 0; r < nrows; r++)
        for (unsigned a = rows[r], b = 0; b < 256; b++)
            col[b] += d->hist[a << 8 | b];
    nrows = used_rows(d, d->rows2, rows);
    for (unsigned r = 0; r < nrows; r++)
        for (unsigned a = rows[r], b = 0; b < 256; b++)
            col[b] += d->hist2[a << 8 | b];
    for (unsigned b = 0; b < 256; b++) {
        uint64_t c = col[b];
        if (b == 0)
            nul = c;
        else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B)
            ctrl += c;
        else if (b == 0x7F)
            ctrl += c;
        if (b >= 0x80) high += c;
    }
    if (nul || ctrl * 50 > d->seen) {
        r->encoding = PISAR_ENC_BINARY;
        r->confidence = nul ? 0.99 : 0.8;
        return PISAR_OK;
    }
    settle_hist(d);
    /* the language is of the text too */
    if (d->mode == MODE_MARKUP) d->samp_len = det_markup_text(d->samp, d->samp_len, d->samp);
    /* 3. ASCII and UTF-8 */
    if (!high) {
        r->encoding = PISAR_ENC_ASCII;
        r->confidence = 1.0;
        return language_of_sample(d, PISAR_ENC_UTF8, 0);
    }
    if (!d->u8_bad && d->u8_multi > 0) {
        /* a sequence cut by the end of the input or sample is still UTF-8 */
        r->encoding = PISAR_ENC_UTF8;
        r->confidence = d->u8_multi >= 4 ? 1.0 : 0.8 + 0.05 * (double)d->u8_multi;
        return language_of_sample(d, PISAR_ENC_UTF8, 0);
    }
    if (!d->u8_gave_up && d->u8_multi >= 16 && d->u8_bad * 50 <= d->u8_multi) {
        /* UTF-8 with a few damaged bytes (at most 2 % of the sequences): a
         * code page would turn all the rest into mojibake */
        r->encoding = PISAR_ENC_UTF8;
        r->confidence = 0.9 - 5.0 * (double)d->u8_bad / (double)d->u8_multi;
        return language_of_sample(d, PISAR_ENC_UTF8, 0);
    }
    /* 4. the single-byte code pages */
    int rc = detect_sbcs(d);
    if (rc < 0) {
        d->finished = 0;
        return rc;
    }
    if (r->confidence > 0.999) r->confidence = 0.999; /* a code page is never certain */
    return PISAR_OK;
}

/* Would the declared encoding decode the input as the answer does? */
static int decl_agrees(const pisar_detector *d)
{
    pisar_encoding de = det_decl_encoding(&d->decl), a = d->res.encoding;
    if (de == PISAR_ENC_UNKNOWN) return 0;
    if (de == a) return 1;
    /* every code page pisar knows is ASCII-compatible */
    int ascii_compatible =
        de == PISAR_ENC_ASCII || de == PISAR_ENC_UTF8 || pisar_encoding_is_single_byte(de);
    if (a == PISAR_ENC_ASCII) return ascii_compatible;
    if (!pisar_encoding_is_single_byte(a) || !pisar_encoding_is_single_byte(de)) return 0;
    const uint16_t *ta = cp_table(a), *td = cp_table(de);
    uint8_t rows[256];
    unsigned nrows = used_rows(d, d->rows1, rows);
    for (unsigned b = 0x80; b < 256; b++) {
        uint64_t n = 0;
        for (unsigned r = 0; r < nrows && !n; r++)
            n += d->hist[rows[r] << 8 | b];
        if (n && ta[b] != td[b]) return 0;
    }
    return 1;
}

int pisar_detector_declared(const pisar_detector *d, const char **label, const char **source,
                            int *followed)
{
    if (!d) return PISAR_EINVAL;
    if (!d->finished) return PISAR_ESTATE;
    int found = d->decl.kind != DET_DECL_NONE;
    if (label) *label = found ? d->decl.label : NULL;
    if (source) *source = det_decl_kind_name(d->decl.kind);
    if (followed) *followed = found && decl_agrees(d);
    return found;
}

int pisar_detector_declaration(const pisar_detector *d, uint64_t *offset, uint64_t *line,
                               pisar_encoding *encoding)
{
    if (!d) return PISAR_EINVAL;
    if (!d->finished) return PISAR_ESTATE;
    if (offset) *offset = d->decl.offset;
    if (line) *line = d->decl.line;
    if (encoding) *encoding = det_decl_encoding(&d->decl);
    return d->decl.kind != DET_DECL_NONE;
}

int pisar_detector_markup(const pisar_detector *d)
{
    return d && d->mode == MODE_MARKUP;
}

int pisar_detector_result(const pisar_detector *d, pisar_detection *out)
{
    if (!d || !out) return PISAR_EINVAL;
    if (!d->finished) return PISAR_ESTATE;
    *out = d->res;
    return PISAR_OK;
}

int pisar_detect(const void *data, size_t len, pisar_detection *out)
{
    if ((!data && len) || !out) return PISAR_EINVAL;
    pisar_detector *d = pisar_detector_new();
    if (!d) return PISAR_ENOMEM;
    int rc = pisar_detector_feed(d, data, len);
    if (rc >= 0) rc = pisar_detector_finish(d);
    if (rc >= 0) rc = pisar_detector_result(d, out);
    pisar_detector_free(d);
    return rc < 0 ? rc : PISAR_OK;
}
