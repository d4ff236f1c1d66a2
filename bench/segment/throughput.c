/* throughput.c -- the segmenter against ICU's sentence BreakIterator in one
 * process, on the same UTF-8 text: best of N runs each (process CPU time, so other load on the
 * machine does not count), in MB/s of UTF-8 input, and the ratio. ICU is timed two ways: on UTF-8
 * directly (UText) and with the conversion to UTF-16 it otherwise needs; the faster is the peer.
 * usage: throughput FILE LANG [RUNS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "pisar/pisar.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: throughput FILE LANG [RUNS]\n");
        return 2;
    }
    int runs = argc > 3 ? atoi(argv[3]) : 5;
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    size_t cap = 1 << 20, len = 0, r;
    char *text = malloc(cap);
    while (text && (r = fread(text + len, 1, cap - len, f)) > 0) {
        len += r;
        if (len == cap) text = realloc(text, cap *= 2);
    }
    fclose(f);
    if (!text) return 1;
    double mb = (double)len / 1e6, best_p = 1e9, best_u8 = 1e9, best_u16 = 1e9;
    size_t np = 0, ni = 0;
    for (int k = 0; k < runs; k++) {
        double t0 = now();
        pisar_segmenter *seg;
        if (pisar_segmenter_new(&seg, argv[2], NULL)) return 1;
        pisar_segmenter_set_text(seg, text, len);
        pisar_sentence s;
        np = 0;
        while (pisar_segmenter_next(seg, &s) == 1)
            np++;
        pisar_segmenter_free(seg);
        double t = now() - t0;
        if (t < best_p) best_p = t;

        UErrorCode st = U_ZERO_ERROR;
        t0 = now();
        UText *ut = utext_openUTF8(NULL, text, (int64_t)len, &st);
        UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, argv[2], NULL, 0, &st);
        ubrk_setUText(bi, ut, &st);
        if (U_FAILURE(st)) {
            fprintf(stderr, "ICU: %s\n", u_errorName(st));
            return 1;
        }
        ni = 0;
        for (int32_t e = ubrk_first(bi); (e = ubrk_next(bi)) != UBRK_DONE;)
            ni++;
        ubrk_close(bi);
        utext_close(ut);
        t = now() - t0;
        if (t < best_u8) best_u8 = t;

        st = U_ZERO_ERROR;
        t0 = now();
        int32_t ul = 0;
        u_strFromUTF8WithSub(NULL, 0, &ul, text, (int32_t)len, 0xFFFD, NULL, &st);
        st = U_ZERO_ERROR;
        UChar *u = malloc(((size_t)ul + 1) * sizeof *u);
        u_strFromUTF8WithSub(u, ul + 1, &ul, text, (int32_t)len, 0xFFFD, NULL, &st);
        bi = ubrk_open(UBRK_SENTENCE, argv[2], u, ul, &st);
        for (int32_t e = ubrk_first(bi); (e = ubrk_next(bi)) != UBRK_DONE;)
            (void)e;
        ubrk_close(bi);
        free(u);
        t = now() - t0;
        if (t < best_u16) best_u16 = t;
    }
    double icu = best_u8 < best_u16 ? best_u8 : best_u16;
    printf("input %.1f MB, lang %s, best of %d runs\n", mb, argv[2], runs);
    printf("pisar segmenter      %8.1f MB/s  %zu sentences\n", mb / best_p, np);
    printf("ICU BreakIterator    %8.1f MB/s  %zu sentences (UTF-8 UText %.1f MB/s, UTF-16 %.1f "
           "MB/s)\n",
           mb / icu, ni, mb / best_u8, mb / best_u16);
    printf("ratio pisar/ICU      %8.2f\n", icu / best_p);
    free(text);
    return 0;
}
