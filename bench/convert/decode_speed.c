/*
 * decode_speed.c -- CPU time of the library's decoder alone (no I/O to
 * speak of, no CLI): decode_speed FILE ENCODING FLAGS, FLAGS as a number
 * (0 plain, 2 PISAR_DECODE_NFC). Build against a built tree:
 *   cc -O2 -Iinclude bench/convert/decode_speed.c build/libpisar.a \
 *      -licui18n -licuuc -licudata -lm -o /tmp/decode_speed
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pisar/pisar.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: decode_speed FILE ENCODING FLAGS\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    pisar_encoding e = pisar_encoding_from_name(argv[2]);
    pisar_decoder *d;
    if (!f || pisar_decoder_new(&d, e, (unsigned)atoi(argv[3]))) {
        fprintf(stderr, "cannot open %s or decode %s\n", argv[1], argv[2]);
        return 2;
    }
    static char buf[65536];
    pisar_buf out = {0};
    pisar_error err;
    size_t n;
    clock_t t0 = clock();
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        pisar_buf_clear(&out);
        if (pisar_decoder_feed(d, buf, n, &out, &err)) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
    }
    if (pisar_decoder_finish(d, &out, &err)) fprintf(stderr, "%s\n", err.message);
    printf("%s flags %s: %.3f s CPU\n", argv[2], argv[3], (double)(clock() - t0) / CLOCKS_PER_SEC);
    pisar_decoder_free(d);
    pisar_buf_free(&out);
    fclose(f);
    return 0;
}
