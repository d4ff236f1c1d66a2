/*
 * icu_detect.c -- ICU's charset detector (ucsdet_*) as a command for the
 * detection benchmark: prints "PATH: CHARSET" for each file. Built by
 * bench/detect/run.sh; not part of pisar. ICU's detector takes the whole
 * input as one buffer, so the file is read into memory.
 */
#include <stdio.h>
#include <stdlib.h>

#include <unicode/ucsdet.h>

int main(int argc, char **argv)
{
    UErrorCode st = U_ZERO_ERROR;
    UCharsetDetector *d = ucsdet_open(&st);
    if (U_FAILURE(st)) return 2;
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            rc = 1;
            continue;
        }
        size_t cap = 1 << 16, n = 0, k;
        char *b = malloc(cap);
        while (b && (k = fread(b + n, 1, cap - n, f)) > 0) {
            n += k;
            if (n == cap) b = realloc(b, cap *= 2);
        }
        fclose(f);
        if (!b) return 2;
        st = U_ZERO_ERROR;
        ucsdet_setText(d, b, (int32_t)n, &st);
        const UCharsetMatch *m = ucsdet_detect(d, &st);
        const char *name = m && U_SUCCESS(st) ? ucsdet_getName(m, &st) : NULL;
        printf("%s: %s\n", argv[i], name && U_SUCCESS(st) ? name : "none");
        free(b);
    }
    ucsdet_close(d);
    return rc;
}
