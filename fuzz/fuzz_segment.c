/* fuzz_segment.c -- the segmenter on arbitrary bytes: the first byte picks the
 * language, the rest is the text. Text that is not UTF-8 must be refused at
 * its first bad byte (the first byte's top bit asks for paragraphs a line) (checked against a plain
 * decoder written from Unicode's table 3-7); the valid text before that byte is then segmented.
 * Every sentence must lie inside the text, in order, separated only by whitespace, and the run must
 * end. Then the whole input, valid or not, goes through seg_set_text_valid (the command line's
 * path, which checks its input first): the sentences must stay inside it, in order, and end. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pisar/pisar.h"
#include "segment_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The offset of the first ill-formed sequence (size if none); *cut when it is
 * a well-formed prefix that the end of the text cuts short. */
static size_t first_bad(const uint8_t *p, size_t size, int *cut)
{
    *cut = 0;
    for (size_t i = 0; i < size;) {
        uint8_t b = p[i];
        size_t need;
        uint8_t lo = 0x80, hi = 0xBF;
        if (b < 0x80) {
            i++;
            continue;
        } else if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            if (b == 0xE0) lo = 0xA0;
            if (b == 0xED) hi = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            if (b == 0xF0) lo = 0x90;
            if (b == 0xF4) hi = 0x8F;
        } else {
            return i;
        }
        for (size_t k = 1; k <= need; k++) {
            if (i + k >= size) {
                *cut = 1;
                return i;
            }
            if (p[i + k] < lo || p[i + k] > hi) return i;
            lo = 0x80, hi = 0xBF;
        }
        i += need + 1;
    }
    return size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *const *codes;
    size_t nl = pisar_segment_languages(&codes);
    const char *lang = "und";
    int lines = 0;
    if (size) {
        if ((data[0] & 0x7F) < nl) lang = codes[data[0] & 0x7F];
        lines = data[0] >> 7;
        data++;
        size--;
    }
    pisar_segmenter *seg;
    if (pisar_segmenter_new(&seg, lang, NULL)) abort();
    /* the first byte's top bit: paragraphs a line; the guess must answer one
     * of the two modes */
    int guess = pisar_segment_guess_paragraphs((const char *)data, size);
    if (guess != PISAR_PARAGRAPHS_BLANK && guess != PISAR_PARAGRAPHS_LINE) abort();
    if (lines && pisar_segmenter_set_paragraphs(seg, PISAR_PARAGRAPHS_LINE)) abort();
    /* a copy of exactly `size` bytes, so reads past the end are caught */
    char *text = malloc(size ? size : 1);
    if (!text) abort();
    if (size) memcpy(text, data, size);
    int cut;
    size_t whole = size, bad = first_bad(data, size, &cut);
    pisar_error err;
    int rc = pisar_segmenter_set_text_with_errors(seg, text, size, &err);
    if (bad < size) {
        if (rc != (cut ? PISAR_ETRUNC : PISAR_EILSEQ) || err.offset != bad) abort();
        size = bad; /* segment the valid part */
        if (pisar_segmenter_set_text(seg, text, size)) abort();
    } else if (rc) {
        abort();
    }
    pisar_sentence s;
    size_t pos = 0, n = 0, para = 0;
    while ((rc = pisar_segmenter_next(seg, &s)) == 1) {
        if (s.start < pos || s.end <= s.start || s.end > size || s.paragraph < para) abort();
        for (size_t i = pos; i < s.start; i++) {
            unsigned char c = (unsigned char)text[i];
            if (c != ' ' && (c < 9 || c > 13) && c < 0x80) abort(); /* only whitespace between */
        }
        para = s.paragraph;
        pos = s.end;
        if (++n > size) abort();
    }
    if (rc != 0) abort();
    /* the command line's path: the whole input, checked before, given
     * without the library's check (seg_set_text_valid); here on any bytes,
     * valid or not: the sentences stay inside the text, in order, and the
     * run ends */
    if (seg_set_text_valid(seg, text, whole)) abort();
    pos = 0;
    n = 0;
    while ((rc = pisar_segmenter_next(seg, &s)) == 1) {
        if (s.start < pos || s.end <= s.start || s.end > whole) abort();
        pos = s.end;
        if (++n > whole) abort();
    }
    if (rc != 0) abort();
    pisar_segmenter_free(seg);
    free(text);
    return 0;
}
