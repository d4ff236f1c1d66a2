/* fuzz_segment.c -- the segmenter on arbitrary bytes: the first byte picks the
 * language, the rest is the text. Every sentence must lie inside the text, in
 * order, separated only by whitespace, and the run must end. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pisar/pisar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *const *codes;
    size_t nl = pisar_segment_languages(&codes);
    const char *lang = "und";
    if (size) {
        if (data[0] < nl) lang = codes[data[0]];
        data++;
        size--;
    }
    pisar_segmenter *seg;
    if (pisar_segmenter_new(&seg, lang, NULL)) abort();
    /* a copy of exactly `size` bytes, so reads past the end are caught */
    char *text = malloc(size ? size : 1);
    if (!text) abort();
    if (size) memcpy(text, data, size);
    if (pisar_segmenter_set_text(seg, text, size)) abort();
    pisar_sentence s;
    size_t pos = 0, n = 0, para = 0;
    int rc;
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
    pisar_segmenter_free(seg);
    free(text);
    return 0;
}
