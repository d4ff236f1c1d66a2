/* fuzz_srx.c -- the SRX 2.0 reader on arbitrary bytes (written to a temporary
 * file, as pisar_segmenter_new_srx reads a path); when the rules load, they are
 * applied to a fixed text and the sentences checked to lie in order inside it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pisar/pisar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/pisar-fuzz-srx-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return 0;
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        close(fd);
        unlink(path);
        return 0;
    }
    fwrite(data, 1, size, f);
    fclose(f);
    pisar_segmenter *seg = NULL;
    pisar_error err;
    int rc = pisar_segmenter_new_srx(&seg, path, "ru", &err);
    unlink(path);
    if (rc) {
        if (seg || !memchr(err.message, 0, sizeof err.message)) abort();
        return 0;
    }
    static const char text[] =
        "Он живёт в г. Москва. Mr. Smith came; then left!\n\nNext one... Да?! «Нет.» 3.5";
    if (pisar_segmenter_set_text(seg, text, sizeof text - 1) == 0) {
        pisar_sentence s;
        size_t pos = 0;
        while ((rc = pisar_segmenter_next(seg, &s)) == 1) {
            if (s.start < pos || s.end <= s.start || s.end > sizeof text - 1) abort();
            pos = s.end;
        }
        if (rc != 0) abort();
    }
    pisar_segmenter_free(seg);
    return 0;
}
